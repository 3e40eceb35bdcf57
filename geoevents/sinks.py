"""Incremental output for batch runs: rows in, a file in the format its extension names.

GeoJSON and GeoParquet go to a temporary file renamed into place at the end; CSV is appended
row by row; GeoPackage is appended in batches. All of them keep memory flat. FlatGeobuf and
KML are written at the end from the rows collected (memory grows with the output, not the input).
Closing a sink after an interruption keeps what was written so far.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .frames import EVENT_SCHEMA, PLACE_SCHEMA, Column, frame_from_records

SCHEMAS: dict[str, tuple[Column, ...]] = {"events": EVENT_SCHEMA, "places": PLACE_SCHEMA}
BATCH_ROWS = 20_000
STREAMING_SUFFIXES = frozenset({".geojson", ".json", ".csv", ".gpkg", ".parquet"})
SUFFIXES = STREAMING_SUFFIXES | {".fgb", ".kml"}

Row = Mapping[str, Any]


def _temp_beside(path: Path) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    return tmp


def _publish(tmp: str, path: Path) -> None:
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


class Sink:
    """Receives rows by layer ("events" or "places"); `close` finishes the file."""

    layers: tuple[str, ...] = ("events",)

    def add(self, layer: str, rows: Sequence[Row]) -> None:
        """Write rows of one layer."""
        raise NotImplementedError

    def close(self) -> None:
        """Finish the output (also after an interruption: what was added is kept)."""

    def abort(self) -> None:
        """Give up, leaving no half-written file behind where possible."""
        self.close()


class GeoJSONSink(Sink):
    """A streamed RFC 7946 FeatureCollection (stdout when path is `-`)."""

    def __init__(self, path: str, layer: str) -> None:
        from .io import GeoJSONWriter

        self.layers = (layer,)
        if path == "-" and hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(
                encoding="utf-8"
            )  # RFC 7946: GeoJSON is UTF-8 whatever the locale
        self.writer = GeoJSONWriter(path)

    def add(self, layer: str, rows: Sequence[Row]) -> None:
        if layer in self.layers:
            self.writer.extend(rows)

    def close(self) -> None:
        self.writer.close()

    def abort(self) -> None:
        self.writer.abort()


def _csv_value(value: Any) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return value


class CSVSink(Sink):
    """CSV with the schema's columns (lat/lon included), appended and flushed batch by batch."""

    def __init__(self, path: str, layer: str) -> None:
        self.layers = (layer,)
        self.columns = [c.name for c in SCHEMAS[layer]]
        self.file = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        self.writer = csv.writer(self.file)
        self.writer.writerow(self.columns)

    def add(self, layer: str, rows: Sequence[Row]) -> None:
        if layer not in self.layers or not rows:
            return
        cols = self.columns
        self.writer.writerows([[_csv_value(r.get(c)) for c in cols] for r in rows])
        self.file.flush()

    def close(self) -> None:
        if not self.file.closed:
            self.file.close()


class _Buffered(Sink):
    """Collects rows per layer and hands them on in batches."""

    def __init__(self, path: str, layers: tuple[str, ...], batch: int | None) -> None:
        self.path = Path(path)
        self.layers = layers
        self.batch = batch
        self.buffers: dict[str, list[Row]] = {layer: [] for layer in layers}
        self.closed = False

    def add(self, layer: str, rows: Sequence[Row]) -> None:
        if layer not in self.buffers:
            return
        buffer = self.buffers[layer]
        buffer.extend(rows)
        if self.batch and len(buffer) >= self.batch:
            self._flush(layer, buffer)
            buffer.clear()

    def _flush(self, layer: str, rows: list[Row]) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        if self.closed:
            return
        for layer, buffer in self.buffers.items():
            self._flush(layer, buffer)
            buffer.clear()
        self._finish()
        self.closed = True


def _plain_frame(rows: Sequence[Row], layer: str):
    frame = frame_from_records(rows, SCHEMAS[layer])
    for name in frame.columns:
        if name != frame.geometry.name and frame[name].dtype == object:
            frame[name] = frame[name].astype("string")
    return frame


class GeoPackageSink(_Buffered):
    """A GeoPackage appended in batches, one layer per kind of row; renamed into place at the end."""

    def __init__(self, path: str, layers: tuple[str, ...]) -> None:
        super().__init__(path, layers, BATCH_ROWS)
        self.tmp = _temp_beside(self.path)
        os.unlink(self.tmp)  # GDAL creates the file itself
        self.started: set[str] = set()

    def _flush(self, layer: str, rows: list[Row]) -> None:
        import pyogrio

        if not rows and layer in self.started:
            return
        frame = _plain_frame(rows, layer)
        pyogrio.write_dataframe(
            frame,
            self.tmp,
            layer=layer,
            driver="GPKG",
            geometry_type="Point",
            append=layer in self.started,
        )
        self.started.add(layer)

    def _finish(self) -> None:
        _publish(self.tmp, self.path)

    def abort(self) -> None:
        if not self.closed and os.path.exists(self.tmp):
            os.unlink(self.tmp)
        self.closed = True


def _arrow_schema(layer: str):
    import pyarrow as pa

    types = {
        "str": pa.string(),
        "date": pa.string(),
        "int": pa.int64(),
        "Int64": pa.int64(),
        "float": pa.float64(),
        "float?": pa.float64(),
    }
    return pa.schema([pa.field(c.name, types[c.dtype]) for c in SCHEMAS[layer]])


def _geo_metadata() -> bytes:
    from pyproj import CRS

    meta = {
        "version": "1.0.0",
        "primary_column": "geometry",
        "columns": {
            "geometry": {
                "encoding": "WKB",
                "geometry_types": ["Point"],
                "crs": CRS("EPSG:4326").to_json_dict(),
            }
        },
    }
    return json.dumps(meta).encode()


class GeoParquetSink(_Buffered):
    """GeoParquet written row group by row group; renamed into place at the end."""

    def __init__(self, path: str, layer: str) -> None:
        super().__init__(path, (layer,), BATCH_ROWS)
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise OSError("writing .parquet needs pyarrow: pip install pyarrow") from None
        self.layer = layer
        base = _arrow_schema(layer)
        self.schema = base.append(pa.field("geometry", pa.binary())).with_metadata(
            {b"geo": _geo_metadata()}
        )
        self.tmp = _temp_beside(self.path)
        self.writer = pq.ParquetWriter(self.tmp, self.schema)

    def _flush(self, layer: str, rows: list[Row]) -> None:
        import pyarrow as pa
        import shapely

        if not rows:
            return
        columns = {}
        for field in self.schema:
            if field.name == "geometry":
                continue
            values = [r.get(field.name) for r in rows]
            if pa.types.is_string(field.type):
                values = [None if v is None else str(v) for v in values]
            elif pa.types.is_floating(field.type):
                values = [None if v is None or v != v else float(v) for v in values]
            columns[field.name] = pa.array(values, type=field.type)
        lon = [r.get("lon") for r in rows]
        lat = [r.get("lat") for r in rows]
        wkb = [
            None if x is None or y is None else shapely.to_wkb(shapely.Point(x, y))
            for x, y in zip(lon, lat, strict=True)
        ]
        columns["geometry"] = pa.array(wkb, type=pa.binary())
        self.writer.write_table(pa.table(columns, schema=self.schema))

    def _finish(self) -> None:
        self.writer.close()
        _publish(self.tmp, self.path)

    def abort(self) -> None:
        if not self.closed:
            self.writer.close()
            if os.path.exists(self.tmp):
                os.unlink(self.tmp)
        self.closed = True


class FrameSink(_Buffered):
    """Formats GDAL cannot append to (FlatGeobuf, KML): written once at the end via geoevents.io."""

    def __init__(self, path: str, layer: str) -> None:
        super().__init__(path, (layer,), None)
        self.layer = layer

    def _flush(self, layer: str, rows: list[Row]) -> None:
        pass  # everything is written in _finish

    def close(self) -> None:
        if self.closed:
            return
        from .io import write

        self.closed = True
        tmp = _temp_beside(self.path)
        os.unlink(tmp)
        try:
            write(
                frame_from_records(self.buffers[self.layer], SCHEMAS[self.layer]),
                tmp,
                layer=self.layer,
            )
            _publish(tmp, self.path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


def check_output(path: str | None) -> str:
    """The output's extension, validated; raises ValueError/OSError with a one-line message."""
    if path is None or path == "-":
        return ".geojson"
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise ValueError(
            f"unknown output format {suffix or '(none)'!r} for {path}; use one of {known}"
        )
    if not p.parent.is_dir():
        raise FileNotFoundError(f"output folder does not exist: {p.parent}")
    if p.is_dir():
        raise IsADirectoryError(f"output is a folder: {path}")
    return suffix


def open_sink(path: str | None, layer: str, *, with_places: bool = False) -> Sink:
    """A sink for `path` (stdout GeoJSON when None or `-`); .gpkg also gets places if asked."""
    suffix = check_output(path)
    target = path if path not in (None, "-") else "-"
    if target == "-" and not sys.stdout:
        raise OSError("no stdout to write to")
    if suffix in {".geojson", ".json"}:
        return GeoJSONSink(target, layer)
    if suffix == ".csv":
        return CSVSink(target, layer)
    if suffix == ".gpkg":
        layers = (layer, "places") if with_places and layer != "places" else (layer,)
        return GeoPackageSink(target, layers)
    if suffix == ".parquet":
        return GeoParquetSink(target, layer)
    return FrameSink(target, layer)
