"""geoevents: offline geoparsing and event extraction from English news, to GeoDataFrames and maps."""

from __future__ import annotations

import importlib
from typing import Any

from .document import Document
from .event import Event
from .gazetteer import Gazetteer, default_gazetteer
from .geoparse import geoparse
from .mention import Mention
from .pipeline import parse
from .place import Place

__version__ = "0.1.0"

# Names whose modules import geopandas, folium or geopy: loaded on first use, so that
# `import geoevents` and the geocoder stay fast.
_LAZY = {
    "GeoNamesOffline": "geoevents.geocoders",
    "extract_events": "geoevents.events",
    "places_frame": "geoevents.frames",
    "events_frame": "geoevents.frames",
    "write": "geoevents.io",
    "read_events": "geoevents.io",
    "read_places": "geoevents.io",
    "render_map": "geoevents.maps",
    "save_map": "geoevents.maps",
}

__all__ = [
    "Document",
    "Event",
    "Gazetteer",
    "GeoNamesOffline",
    "Mention",
    "Place",
    "__version__",
    "default_gazetteer",
    "events_frame",
    "extract_events",
    "geoparse",
    "parse",
    "places_frame",
    "read_events",
    "read_places",
    "render_map",
    "save_map",
    "write",
]


def __getattr__(name: str) -> Any:
    """Import the lazily exported names on first access."""
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'geoevents' has no attribute {name!r}")
