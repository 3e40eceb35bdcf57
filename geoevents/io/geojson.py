"""RFC 7946 GeoJSON: a streaming writer, frame/record writers and a validating reader."""

from __future__ import annotations

import json
import math
import os
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

PRECISION = 6  # decimals kept in coordinates (~0.1 m)


def _clean(value: Any) -> Any:
    """A JSON-safe Python value: NaN/NA → None, numpy scalars → Python."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    try:
        if value != value:  # NaN-like
            return None
    except (TypeError, ValueError):  # pd.NA compares ambiguously
        return None
    if hasattr(value, "item"):
        return _clean(value.item())
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return str(value)


def point_geometry(lon: Any, lat: Any) -> dict[str, Any] | None:
    """A GeoJSON Point [lon, lat] rounded to 6 decimals, or None when either is missing."""
    lon, lat = _clean(lon), _clean(lat)
    if lon is None or lat is None:
        return None
    return {
        "type": "Point",
        "coordinates": [round(float(lon), PRECISION), round(float(lat), PRECISION)],
    }


def record_feature(record: Mapping[str, Any], fid: Any = None) -> dict[str, Any]:
    """A Feature from a flat record with lon/lat; its `id` becomes the feature id."""
    props = {k: _clean(v) for k, v in record.items() if k not in {"id", "geometry"}}
    feature: dict[str, Any] = {"type": "Feature"}
    rid = record.get("id", fid)
    if rid is not None:
        feature["id"] = _clean(rid)
    feature["geometry"] = point_geometry(record.get("lon"), record.get("lat"))
    feature["properties"] = props
    return feature


def frame_records(frame) -> Iterable[dict[str, Any]]:
    """Flat records (lon/lat from the Point geometry) from a GeoDataFrame, row by row."""
    geom = frame.geometry
    if len(frame) and not set(geom.dropna().geom_type.unique()) <= {"Point"}:
        raise ValueError("only Point geometries can be written as geoevents records")
    empty = geom.isna() | geom.is_empty
    xs = geom.x.where(~empty) if len(frame) else []
    ys = geom.y.where(~empty) if len(frame) else []
    rows = frame.drop(columns=geom.name).to_dict("records")
    for row, x, y in zip(rows, xs, ys, strict=True):
        row["lon"] = _clean(x)
        row["lat"] = _clean(y)
        yield row


class GeoJSONWriter:
    """Streams Features into a FeatureCollection file: written to a temp file, renamed on close.

    `target` is a path, "-" for stdout, or an open text file (left open). Add flat records
    (with lon/lat) or ready Feature dicts one at a time; memory stays flat however many.
    """

    def __init__(self, target: str | os.PathLike[str] | IO[str]):
        self._tmp: str | None = None
        self._path: Path | None = None
        self._owns = False
        if isinstance(target, (str, os.PathLike)) and str(target) == "-":
            self._out: IO[str] = sys.stdout
        elif isinstance(target, (str, os.PathLike)):
            self._path = Path(target)
            parent = self._path.parent
            if not parent.is_dir():
                raise OSError(f"output folder does not exist: {parent}")
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self._path.name}.", dir=parent)
            self._out = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
            self._owns = True
        else:
            self._out = target
        self.count = 0
        self._closed = False
        self._out.write('{"type": "FeatureCollection", "features": [')

    def add(self, item: Mapping[str, Any]) -> None:
        """Append one Feature (a Feature dict, or a flat record with lon/lat)."""
        if item.get("type") == "Feature":
            feature = dict(item)
        else:
            feature = record_feature(item, fid=self.count)
        text = json.dumps(feature, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        self._out.write(("\n" if self.count == 0 else ",\n") + text)
        self.count += 1

    def extend(self, items: Iterable[Mapping[str, Any]]) -> None:
        """Append many Features."""
        for item in items:
            self.add(item)

    def close(self) -> None:
        """Finish the collection; a file target is renamed into place now."""
        if self._closed:
            return
        self._closed = True
        self._out.write("\n]}\n")
        if self._owns:
            self._out.close()
            assert self._tmp is not None and self._path is not None
            os.chmod(self._tmp, 0o644)
            os.replace(self._tmp, self._path)
        else:
            self._out.flush()

    def abort(self) -> None:
        """Drop a half-written file (the target is left as it was)."""
        if self._closed:
            return
        self._closed = True
        if self._owns:
            self._out.close()
            if self._tmp and os.path.exists(self._tmp):
                os.unlink(self._tmp)

    def __enter__(self) -> GeoJSONWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def write_geojson(
    records: Iterable[Mapping[str, Any]], target: str | os.PathLike[str] | IO[str]
) -> int:
    """Write flat records as an RFC 7946 FeatureCollection; returns the feature count."""
    with GeoJSONWriter(target) as w:
        w.extend(records)
    return w.count


def feature_collection(records: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """An in-memory FeatureCollection dict from flat records."""
    return {
        "type": "FeatureCollection",
        "features": [record_feature(r, fid=i) for i, r in enumerate(records)],
    }


def read_features(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The features of a GeoJSON FeatureCollection, validated: Point or null geometries in range."""
    p = Path(path)
    try:
        with p.open(encoding="utf-8") as fh:
            data = json.load(fh)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{p}: not GeoJSON (invalid JSON at line {exc.lineno})") from None
    except UnicodeDecodeError:
        raise ValueError(f"{p}: not GeoJSON (not UTF-8 text)") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValueError(f"{p}: not GeoJSON (expected a FeatureCollection)")
    features = data.get("features")
    if not isinstance(features, list):
        raise ValueError(f"{p}: not GeoJSON (FeatureCollection without a features list)")
    for i, f in enumerate(features):
        if not isinstance(f, dict) or f.get("type") != "Feature":
            raise ValueError(f"{p}: feature {i} is not a GeoJSON Feature")
        g = f.get("geometry")
        if g is None:
            continue
        if not isinstance(g, dict) or g.get("type") != "Point":
            kind = g.get("type") if isinstance(g, dict) else type(g).__name__
            raise ValueError(f"{p}: feature {i} has geometry {kind}; expected Point or null")
        check_lonlat(g.get("coordinates"), f"{p}: feature {i}")
        if not isinstance(f.get("properties") or {}, dict):
            raise ValueError(f"{p}: feature {i} has properties that are not an object")
    return features


def check_lonlat(coords: Any, where: str) -> tuple[float, float]:
    """(lon, lat) from a coordinate pair, or ValueError when it is not one or is out of range."""
    if (
        not isinstance(coords, (list, tuple))
        or len(coords) < 2
        or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords[:2])
    ):
        raise ValueError(f"{where} has no [lon, lat] coordinate pair")
    lon, lat = float(coords[0]), float(coords[1])
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0) or lon != lon or lat != lat:
        raise ValueError(f"{where} has coordinates out of range: [{lon}, {lat}]")
    return lon, lat


def feature_records(features: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Flat records (id, properties, lon/lat) from validated features."""
    rows = []
    for f in features:
        row = dict(f.get("properties") or {})
        if "id" in f:
            row["id"] = f["id"]
        g = f.get("geometry")
        if g:
            row["lon"], row["lat"] = float(g["coordinates"][0]), float(g["coordinates"][1])
        else:
            row["lon"] = row["lat"] = None
        rows.append(row)
    return rows
