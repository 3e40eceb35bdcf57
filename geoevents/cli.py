"""The `geoevents` command line: one subcommand a module under geoevents.commands."""

from __future__ import annotations

import argparse
import importlib
import sys

SUBCOMMANDS = ("geocode", "places", "events", "map")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        sys.stderr.write(f"geoevents: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand registered."""
    parser = _Parser(prog="geoevents", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(f"geoevents.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"geoevents.commands.{name}":
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        sys.stderr.write("geoevents: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except (OSError, ValueError) as exc:
        sys.stderr.write(f"geoevents: error: {exc}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
