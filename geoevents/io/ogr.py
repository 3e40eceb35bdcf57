"""GeoPackage, FlatGeobuf and KML through GDAL (pyogrio)."""

from __future__ import annotations

import os
from pathlib import Path

DRIVERS = {".gpkg": "GPKG", ".fgb": "FlatGeobuf", ".kml": "KML"}


def has_driver(name: str) -> bool:
    """True when the installed GDAL can write with driver `name`."""
    try:
        import pyogrio
    except ImportError:
        return False
    return "w" in pyogrio.list_drivers().get(name, "")


def write_ogr(frame, path: str | os.PathLike[str], *, layer: str) -> None:
    """Write `frame` with the GDAL driver chosen by the extension (.gpkg keeps other layers)."""
    import pyogrio

    p = Path(path)
    driver = DRIVERS[p.suffix.lower()]
    frame = _plain(frame)
    options: dict[str, str] = {}
    if driver == "FlatGeobuf" and frame.geometry.isna().any():
        options["SPATIAL_INDEX"] = "NO"  # GDAL cannot index features without geometry
    if driver != "GPKG" and p.exists():
        p.unlink()  # a GeoPackage keeps its other layers; GDAL replaces just this one
    dataset_options = None
    if driver == "GPKG" and not p.exists():
        # GeoPackage 1.2 opens without warnings in older GDAL/QGIS (Debian's GDAL 3.6 included)
        dataset_options = {"VERSION": "1.2"}
    pyogrio.write_dataframe(
        frame,
        p,
        layer=layer,
        driver=driver,
        layer_options=options or None,
        dataset_options=dataset_options,
    )


def _plain(frame):
    """Columns GDAL writes without fuss: object text stays text, nullable ints kept."""
    out = frame.copy()
    for name in out.columns:
        if name == out.geometry.name:
            continue
        if out[name].dtype == object:
            out[name] = out[name].astype("string")
    return out
