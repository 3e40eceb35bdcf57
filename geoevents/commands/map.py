"""`geoevents map INPUT... -o OUT.html [--geojson OUT.geojson]`: articles or event files to a map."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..batch import add_input_arguments, run_batch
from ..sinks import Sink

EVENT_FILE_SUFFIXES = frozenset({".geojson", ".json", ".parquet", ".gpkg", ".fgb"})


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `map` subcommand."""
    p = subparsers.add_parser(
        "map",
        help="render events on a self-contained HTML map",
        description="Render a layered Leaflet map (one HTML file, works offline) from articles "
        "(.txt, .jsonl, folders, -) or from event files that `geoevents events` wrote "
        "(.geojson, .parquet, or a folder of GeoParquet parts from --engine dask).",
    )
    add_input_arguments(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT.html", help="the map file")
    p.add_argument("--geojson", metavar="OUT.geojson", help="also write the events as GeoJSON")
    p.add_argument("--title", default="", help="map title")
    p.set_defaults(run=run)
    return p


class _Collect(Sink):
    """Keeps rows in memory: a map holds all its events anyway."""

    layers = ("events", "places")

    def __init__(self) -> None:
        self.rows: dict[str, list] = {"events": [], "places": []}

    def add(self, layer: str, rows) -> None:
        self.rows[layer].extend(rows)


def _is_parquet_folder(path: Path) -> bool:
    return path.is_dir() and any(path.glob("*.parquet"))


def _is_event_file(arg: str) -> bool:
    path = Path(arg)
    return _is_parquet_folder(path) or (
        path.is_file() and path.suffix.lower() in EVENT_FILE_SUFFIXES
    )


def read_event_files(paths: list[str]):
    """Events GeoDataFrame from files (or GeoParquet part folders) `geoevents events` wrote."""
    import pandas as pd

    from ..io import read_events

    frames = []
    for arg in paths:
        path = Path(arg)
        parts = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
        for part in parts:
            frames.append(read_events(part))
    if len(frames) == 1:
        return frames[0]
    return pd.concat(frames, ignore_index=True)


def _check_output(path: str, suffixes: tuple[str, ...], what: str) -> None:
    p = Path(path)
    if p.suffix.lower() not in suffixes:
        raise ValueError(f"{what} must end in {' or '.join(suffixes)}: {path}")
    if not p.parent.is_dir():
        raise FileNotFoundError(f"output folder does not exist: {p.parent}")


def run(args: argparse.Namespace) -> int:
    """Run `geoevents map`."""
    from ..frames import EVENT_SCHEMA, PLACE_SCHEMA, frame_from_records

    _check_output(args.output, (".html", ".htm"), "the map file (-o)")
    if args.geojson:
        _check_output(args.geojson, (".geojson", ".json"), "--geojson")
    event_files = [a for a in args.inputs if a != "-" and _is_event_file(a)]
    articles = [a for a in args.inputs if a not in event_files]
    frames = []
    places = None
    code = 0
    if event_files:
        frames.append(read_event_files(event_files))
    if articles:
        sink = _Collect()
        args.inputs = articles
        code = run_batch(args, "events", sink)
        if code == 130:
            return code
        frames.append(frame_from_records(sink.rows["events"], EVENT_SCHEMA))
        places = frame_from_records(sink.rows["places"], PLACE_SCHEMA)
    events = frames[0] if len(frames) == 1 else _concat(frames)
    if args.geojson:
        from ..io import write

        write(events, args.geojson)
    _render(events, places, args)
    return code


def _concat(frames):
    import geopandas as gpd
    import pandas as pd

    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=frames[0].crs)


def _render(events, places, args: argparse.Namespace) -> None:
    from ..maps import render_map, save_map

    fmap = render_map(events, places=places, title=args.title or None)
    save_map(fmap, args.output)
