"""Reading and writing geoevents tables: GeoJSON, GeoPackage, FlatGeobuf, GeoParquet, CSV, KML.

The writer is chosen by the output file's extension (see FORMATS).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..document import Document
from ..frames import (
    EVENT_SCHEMA,
    PLACE_SCHEMA,
    coerce,
    events_frame,
    frame_from_records,
    places_frame,
    schema_for,
)
from .geojson import (
    GeoJSONWriter,
    check_lonlat,
    feature_collection,
    feature_records,
    frame_records,
    read_features,
    write_geojson,
)

# extension → (format name, notes); the table in docs/maps.md follows this.
FORMATS: dict[str, tuple[str, str]] = {
    ".geojson": ("GeoJSON", "RFC 7946, WGS84 [lon, lat], 6 decimals, feature id = `id`"),
    ".json": ("GeoJSON", "same as .geojson"),
    ".gpkg": ("GeoPackage", "layers `events` and `places` in one file"),
    ".fgb": ("FlatGeobuf", "spatial index unless some rows have no location"),
    ".parquet": ("GeoParquet", "WKB geometry, CRS in the file metadata (needs pyarrow)"),
    ".csv": ("CSV", "UTF-8, header row, `lat` and `lon` columns, no geometry column"),
    ".kml": ("KML", "GDAL's KML driver, or a built-in writer when GDAL lacks it"),
}

__all__ = [
    "FORMATS",
    "GeoJSONWriter",
    "feature_collection",
    "read",
    "read_events",
    "read_places",
    "write",
    "write_geojson",
]


def _suffix(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise ValueError(
            f"unknown output format {suffix or '(none)'!r} for {path}; use one of {known}"
        )
    return suffix


def _is_frame(obj: Any) -> bool:
    import geopandas as gpd

    return isinstance(obj, gpd.GeoDataFrame)


def write(frame_or_records: Any, path: str | os.PathLike[str], *, layer: str | None = None) -> int:
    """Write events or places to `path`, the format chosen by its extension; returns the row count.

    `frame_or_records` is a GeoDataFrame from geoevents.frames, an iterable of flat records
    (dicts with lon/lat), or Documents. Documents give events, or places with layer="places";
    to a .gpkg they give both layers unless `layer` picks one.
    """
    suffix = _suffix(path)
    p = Path(path)
    if not p.parent.is_dir():
        raise OSError(f"output folder does not exist: {p.parent}")
    data = frame_or_records
    if not _is_frame(data):
        data = list(data)
        if data and all(isinstance(d, Document) for d in data):
            if suffix == ".gpkg" and layer is None:
                n = write(events_frame(data), p, layer="events")
                write(places_frame(data), p, layer="places")
                return n
            data = places_frame(data) if layer == "places" else events_frame(data)
        elif suffix in {".geojson", ".json"}:
            return write_geojson(data, p)
        else:
            keys = data[0].keys() if data else ()
            schema = PLACE_SCHEMA if layer == "places" else schema_for(keys)
            if layer is None and not data:
                schema = EVENT_SCHEMA
            data = frame_from_records(data, schema)
    frame = data
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    name = layer or ("events" if "event_type" in frame.columns else "places")
    if suffix in {".geojson", ".json"}:
        return write_geojson(frame_records(frame), p)
    if suffix == ".csv":
        from .table import write_csv

        write_csv(frame, p)
    elif suffix == ".parquet":
        from .table import write_parquet

        write_parquet(frame, p)
    else:
        from .ogr import has_driver, write_ogr

        if suffix == ".kml" and not has_driver("KML"):
            from .kml import write_kml

            write_kml(frame, p, layer=name)
        else:
            write_ogr(frame, p, layer=name)
    return len(frame)


def read(path: str | os.PathLike[str], *, layer: str | None = None):
    """A GeoDataFrame from a file geoevents wrote (any format in FORMATS), typed by its schema."""
    import geopandas as gpd

    p = Path(path)
    if not p.is_file():
        raise OSError(f"no such file: {p}")
    suffix = p.suffix.lower()
    if suffix in {".geojson", ".json"}:
        rows = feature_records(read_features(p))
        keys = set().union(*(r.keys() for r in rows)) if rows else set()
        schema = PLACE_SCHEMA if layer == "places" else schema_for(keys)
        return frame_from_records(rows, schema)
    if suffix == ".parquet":
        try:
            frame = gpd.read_parquet(p)
        except Exception as exc:  # pyarrow raises many kinds for a file that is not GeoParquet
            raise ValueError(f"{p}: not GeoParquet ({str(exc).splitlines()[0]})") from None
    elif suffix == ".csv":
        frame = _read_csv(p)
    elif suffix in FORMATS:
        try:
            frame = gpd.read_file(p, layer=layer)
        except Exception as exc:
            raise ValueError(f"{p}: cannot read ({str(exc).splitlines()[0]})") from None
    else:
        raise ValueError(f"{p}: unknown format {suffix!r}")
    if suffix == ".kml":
        frame = _from_kml(frame)
    _check_points(frame, p)
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    schema = PLACE_SCHEMA if layer == "places" else schema_for(frame.columns)
    return coerce(frame, schema)


# Columns GDAL's KML readers add to every layer; not ours.
_KML_COLUMNS = (
    "Name description timestamp begin end altitudeMode tessellate extrude visibility drawOrder icon"
).split()


def _from_kml(frame):
    # LIBKML reads its own fields first and renames ours that clash (id → id2, end → end2).
    ours = {f"{c}2": c for c in ["id", *_KML_COLUMNS] if f"{c}2" in frame.columns}
    frame = frame.drop(columns=[c for c in ["id", *_KML_COLUMNS] if c in frame.columns])
    return frame.rename(columns=ours)


def _read_csv(p: Path):
    import pandas as pd

    frame = pd.read_csv(p, keep_default_na=False, na_values=[""], dtype=str)
    for c in ("lon", "lat"):
        if c not in frame.columns:
            raise ValueError(f"{p}: CSV without {c} column")
    rows = frame.to_dict("records")
    for i, r in enumerate(rows):
        lon, lat = r.get("lon"), r.get("lat")
        if isinstance(lon, str) and isinstance(lat, str):
            try:
                check_lonlat([float(lon), float(lat)], f"{p}: row {i + 1}")
            except ValueError as exc:
                raise ValueError(str(exc)) from None
    schema = schema_for(frame.columns)
    return frame_from_records(rows, schema)


def _check_points(frame, p: Path) -> None:
    geom = frame.geometry
    present = geom[~(geom.isna() | geom.is_empty)]
    kinds = set(present.geom_type.unique())
    if kinds - {"Point"}:
        raise ValueError(f"{p}: geometry {sorted(kinds - {'Point'})[0]}; expected Point or null")
    if len(present) and (frame.crs is None or frame.crs.equals("EPSG:4326")):
        x, y = present.x, present.y
        bad = ~(x.between(-180, 180) & y.between(-90, 90))
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            raise ValueError(
                f"{p}: coordinates out of range: [{float(x.iloc[i])}, {float(y.iloc[i])}]"
            )


def read_events(path: str | os.PathLike[str]):
    """Events that `geoevents events` wrote (GeoJSON or GeoParquet, or any FORMATS file) as a GeoDataFrame."""
    suffix = Path(path).suffix.lower()
    frame = read(path, layer="events" if suffix == ".gpkg" else None)
    if "event_type" not in frame.columns or not set(frame.columns) >= {
        c.name for c in EVENT_SCHEMA
    }:
        raise ValueError(f"{path}: not a geoevents events file (no event_type property)")
    return frame


def read_places(path: str | os.PathLike[str]):
    """Place mentions that `geoevents places` wrote, as a GeoDataFrame."""
    suffix = Path(path).suffix.lower()
    frame = read(path, layer="places" if suffix == ".gpkg" else None)
    if "kind" not in frame.columns or "event_type" in frame.columns:
        raise ValueError(f"{path}: not a geoevents places file")
    return frame
