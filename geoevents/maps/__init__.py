"""Interactive Leaflet maps of events and place mentions, saved as one self-contained HTML file.

`render_map` returns a folium.Map (add your own layers to it); `save_map` writes it with every
script and stylesheet inlined from the copies in geoevents/maps/vendor, so it opens offline.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import folium

from ..document import Document
from ..frames import EVENT_SCHEMA, PLACE_SCHEMA, coerce, events_frame, places_frame
from ..html import escape, link
from .capitals import country_polygons
from .elements import Attribution, EventMap, Legend, MapData, Runtime, Title
from .inline import inline_page
from .payload import (
    arc_payload,
    choropleth_payload,
    event_payload,
    place_payload,
    search_payload,
)
from .plugins import (
    ArcLayer,
    CountryChoropleth,
    CountryMiniMap,
    CountryOutlines,
    EventLayer,
    FullscreenButton,
    HeatLayer,
    OfflineBase,
    OnlineTiles,
    PlaceLayer,
    PlaceSearch,
    TimeSlider,
)
from .style import ACTOR_COLOR, ARC_COLOR, PLACE_COLOR

__all__ = ["CLUSTER_THRESHOLD", "render_map", "save_map"]

CLUSTER_THRESHOLD = 200  # placed events above which markers are clustered
MAX_SHOWN_ARCS = 60  # more arcs than this and the arc layer starts unticked

GEONAMES = link("GeoNames", "https://www.geonames.org/") + (
    " (" + link("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/") + ")"
)
NATURAL_EARTH = link("Natural Earth", "https://www.naturalearthdata.com/")
ATTRIBUTION = f"Places: {GEONAMES} · Countries: {NATURAL_EARTH} · geoevents"


def _frames(docs_or_events: Any, places: Any):
    import geopandas as gpd

    texts: dict[str, str] = {}
    if isinstance(docs_or_events, gpd.GeoDataFrame):
        events = docs_or_events
        if not set(c.name for c in EVENT_SCHEMA) <= set(events.columns):
            events = coerce(events, EVENT_SCHEMA)
    else:
        docs = list(docs_or_events)
        if not all(isinstance(d, Document) for d in docs):
            raise ValueError("render_map takes Documents or an events GeoDataFrame")
        events = events_frame(docs)
        if places is None:
            places = docs
        ids = [d.id or f"doc{i}" for i, d in enumerate(docs)]
        texts = {i: d.text for i, d in zip(ids, docs, strict=True)}
    if places is not None and not isinstance(places, gpd.GeoDataFrame):
        places = places_frame(list(places))
    if places is not None and not set(c.name for c in PLACE_SCHEMA) <= set(places.columns):
        places = coerce(places, PLACE_SCHEMA)
    if events.crs is not None and not events.crs.equals("EPSG:4326"):
        events = events.to_crs("EPSG:4326")
    return events, places, texts


def _bounds(frames: Iterable) -> list[list[float]] | None:
    lo_y = lo_x = float("inf")
    hi_y = hi_x = float("-inf")
    for frame in frames:
        if frame is None or not len(frame):
            continue
        g = frame.geometry
        g = g[~(g.isna() | g.is_empty)]
        if not len(g):
            continue
        x0, y0, x1, y1 = g.total_bounds
        lo_x, lo_y, hi_x, hi_y = min(lo_x, x0), min(lo_y, y0), max(hi_x, x1), max(hi_y, y1)
    if lo_x == float("inf"):
        return None
    return [[lo_y, lo_x], [hi_y, hi_x]]


def render_map(
    docs_or_events_gdf: Any,
    *,
    places: Any = None,
    title: str | None = None,
    cluster: bool | None = None,
) -> folium.Map:
    """A folium.Map of events (Documents or an events GeoDataFrame), with layers and controls.

    `places`: place mentions (GeoDataFrame or Documents); taken from the Documents when omitted.
    `cluster`: force marker clustering on/off (default: on above CLUSTER_THRESHOLD events).
    """
    events, places, texts = _frames(docs_or_events_gdf, places)
    ev = event_payload(events, texts)
    countries = country_polygons()
    data: dict[str, Any] = {
        "types": ev["types"],
        "dates": ev["dates"],
        "docs": ev["docs"],
        "events": ev["events"],
    }
    if places is not None and len(places):
        data["places"] = place_payload(places)
    data["arcs"] = arc_payload(events)
    choropleth = choropleth_payload(events, countries)
    if choropleth:
        data["choropleth"] = choropleth
    if countries:
        data["countries"] = countries
    data["search"] = search_payload(ev, [(events, "place_name"), (places, "name")])

    n_placed = len(ev["events"]["lat"])
    clustered = n_placed > CLUSTER_THRESHOLD if cluster is None else bool(cluster)

    m = EventMap(
        location=[20, 0], zoom_start=2, tiles=None, control_scale=True, minZoom=1, maxZoom=18
    )
    m.add_child(Runtime())
    blob = MapData(data)
    m.add_child(blob)
    if countries:
        m.add_child(CountryOutlines(blob))
    m.add_child(Attribution(ATTRIBUTION))
    offline = OfflineBase()
    m.add_child(offline)
    m.add_child(OnlineTiles("CartoDB Positron", prefer_over=offline))
    m.add_child(OnlineTiles("OpenStreetMap"))

    if choropleth:
        m.add_child(CountryChoropleth(blob, show=False))
    if n_placed:
        m.add_child(HeatLayer(blob, show=False))
    if data["arcs"]["paths"]:
        # a few arcs explain a story; hundreds hide the markers, so they start switched off
        m.add_child(ArcLayer(blob, show=len(data["arcs"]["paths"]) <= MAX_SHOWN_ARCS))
    if "places" in data and data["places"]["lat"]:
        m.add_child(PlaceLayer(blob, show=True))
    counts: dict[int, int] = {}
    for t in ev["events"]["t"]:
        counts[t] = counts.get(t, 0) + 1
    for t, style in enumerate(ev["types"]):
        name = (
            f'<span style="color:{style["color"]}">{style["symbol"]}</span> '
            f"{style['label']} ({counts.get(t, 0)})"
        )
        m.add_child(EventLayer(blob, t, name, color=style["color"], cluster=clustered))

    if ev["dates"]:
        m.add_child(TimeSlider(blob))
    if data["search"]:
        m.add_child(PlaceSearch(blob))
    m.add_child(FullscreenButton())
    if countries:
        m.add_child(CountryMiniMap(blob))
    m.add_child(_legend(ev, counts, data, events, clustered))
    if title:
        m.add_child(Title(title))
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    bounds = _bounds([events, places] if n_placed == 0 else [events])
    if bounds:
        m.fit_bounds(bounds, padding_top_left=(50, 50), padding_bottom_right=(280, 50), max_zoom=8)
    return m


def _legend(ev: dict, counts: dict[int, int], data: dict, events, clustered: bool) -> Legend:
    rows = []
    for t, style in enumerate(ev["types"]):
        rows.append(
            f'<span class="ge-swatch" style="background:{style["color"]}">{style["symbol"]}</span>'
            f"{style['label']} ({counts.get(t, 0)})"
        )
    sections = [("Events", rows)]
    if "places" in data:
        sections.append(
            (
                "Place mentions",
                [
                    f'<span class="ge-swatch" style="background:{PLACE_COLOR};opacity:.6"></span>place itself',
                    f'<span class="ge-swatch ge-ring" style="border-color:{ACTOR_COLOR}"></span>'
                    "stands for an actor",
                ],
            )
        )
    if data["arcs"]["paths"]:
        sections.append(
            (
                "Arcs",
                [
                    f'<span class="ge-bar" style="background:{ARC_COLOR};height:3px"></span>'
                    "actor's capital → event place"
                ],
            )
        )
    ch = data.get("choropleth")
    if ch:
        bounds = [0, *ch["breaks"]]
        scale = []
        for k, color in enumerate(ch["colors"]):
            lo = bounds[k] + 1 if k < len(bounds) else None
            hi = ch["breaks"][k] if k < len(ch["breaks"]) else None
            label = (
                f"{lo}–{hi}" if hi is not None and hi != lo else (f"{lo}" if hi == lo else f"{lo}+")
            )
            scale.append(f'<span class="ge-bar" style="background:{color}"></span>{escape(label)}')
        sections.append(("Events per country", scale))
    n_all = len(events)
    n_placed = len(ev["events"]["lat"])
    notes = []
    if n_all > n_placed:
        notes.append(
            escape(f"{n_all - n_placed} of {n_all} events have no location and are not drawn.")
        )
    if clustered:
        notes.append("Markers are clustered; zoom in or click a cluster.")
    notes.append(ATTRIBUTION)
    return Legend(sections, notes)


def save_map(m: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write `m` as ONE self-contained HTML file (scripts, styles and images inlined)."""
    p = Path(path)
    if not p.parent.is_dir():
        raise OSError(f"output folder does not exist: {p.parent}")
    html = inline_page(m.get_root().render())
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html)
        os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return p
