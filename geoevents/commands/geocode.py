"""`geoevents geocode NAME`: ranked gazetteer candidates as a JSON array."""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    p = sub.add_parser("geocode", help="look a place name up in the bundled gazetteer")
    p.add_argument("name", help="place name, e.g. 'Kyiv', 'Paris, Texas', 'W.Va.'")
    p.add_argument("--country", help="ISO 3166 alpha-2 code to restrict candidates to")
    p.add_argument("--limit", type=int, default=10, help="most candidates to print (default 10)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the candidates; an unknown name prints []."""
    from ..gazetteer import default_gazetteer

    if args.limit < 1:
        sys.stderr.write("geoevents: error: --limit must be at least 1\n")
        return 2
    if args.country is not None and (len(args.country) != 2 or not args.country.isalpha()):
        sys.stderr.write("geoevents: error: --country takes a two-letter ISO code\n")
        return 2
    places = default_gazetteer().lookup(args.name, country=args.country, limit=args.limit)
    out = [
        {
            "geonameid": p.geonameid,
            "name": p.name,
            "lat": p.lat,
            "lon": p.lon,
            "feature_code": p.feature_code,
            "country_code": p.country_code,
            "admin1": p.admin1_name,
            "population": p.population,
            "score": p.score,
        }
        for p in places
    ]
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0
