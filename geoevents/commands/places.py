"""`geoevents places INPUT... [-o FILE]`: every place mention, resolved, as GeoJSON or a GIS file."""

from __future__ import annotations

import argparse

from ..batch import add_engine_arguments, add_input_arguments, run_batch
from ..sinks import open_sink


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `places` subcommand."""
    p = subparsers.add_parser(
        "places",
        help="find and resolve place names",
        description="Find and resolve the place names in articles; one feature per mention.",
    )
    add_input_arguments(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="output file: .geojson/.json (default: stdout), .gpkg, .fgb, .parquet, "
        ".csv, .kml; with --engine dask a folder of GeoParquet parts",
    )
    add_engine_arguments(p)
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Run `geoevents places`."""
    if args.engine == "dask":
        from ..dask import run_cli

        return run_cli(args, "places")
    sink = open_sink(args.output, "places")
    return run_batch(args, "places", sink)
