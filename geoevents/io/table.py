"""Plain tables: CSV with lat/lon columns, GeoParquet."""

from __future__ import annotations

import os
from pathlib import Path


def write_csv(frame, path: str | os.PathLike[str]) -> None:
    """CSV (UTF-8, header row) with the schema columns; the location is in `lat` and `lon`."""
    geom = frame.geometry
    table = frame.drop(columns=geom.name)
    empty = geom.isna() | geom.is_empty
    table["lon"] = geom.x.where(~empty).round(6) if len(frame) else []
    table["lat"] = geom.y.where(~empty).round(6) if len(frame) else []
    table.to_csv(Path(path), index=False)


def write_parquet(frame, path: str | os.PathLike[str]) -> None:
    """GeoParquet (WKB geometry, CRS in the metadata)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise OSError("writing .parquet needs pyarrow: pip install pyarrow") from None
    frame.to_parquet(Path(path), index=False)
