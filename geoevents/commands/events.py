"""`geoevents events INPUT... [-o FILE]`: events and where they happened, as GeoJSON or a GIS file."""

from __future__ import annotations

import argparse

from ..batch import add_engine_arguments, add_input_arguments, run_batch
from ..sinks import open_sink


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `events` subcommand."""
    p = subparsers.add_parser(
        "events",
        help="extract located events",
        description="Extract events (PLOVER types, CAMEO codes) and the places they happened; "
        "one feature per event.",
    )
    add_input_arguments(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="output file: .geojson/.json (default: stdout), .gpkg (layers events and "
        "places), .fgb, .parquet, .csv, .kml; with --engine dask a folder of "
        "GeoParquet parts",
    )
    add_engine_arguments(p)
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run `geoevents events`."""
    if args.engine == "dask":
        from ..dask import run_cli

        return run_cli(args, "events")
    sink = open_sink(args.output, "events", with_places=True)
    return run_batch(args, "events", sink)
