"""Where an actor country's arcs start: its capital, from the bundled gazetteer."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def country_polygons() -> dict | None:
    """The bundled Natural Earth country polygons (GeoJSON dict), or None when not shipped."""
    try:
        ref = resources.files("geoevents") / "data" / "countries.geojson"
        return json.loads(ref.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError, ValueError):
        return None


@lru_cache(maxsize=1)
def iso3_to_iso2() -> dict[str, str]:
    """ISO 3166 alpha-3 → alpha-2, from the country polygons' properties."""
    data = country_polygons() or {"features": []}
    out = {}
    for f in data["features"]:
        p = f.get("properties") or {}
        if p.get("iso_a3") and p.get("iso_a2"):
            out[p["iso_a3"].upper()] = p["iso_a2"].upper()
    return out


def to_iso2(code: str) -> str:
    """An alpha-2 code for an alpha-2 or alpha-3 country code ('' when unknown)."""
    code = (code or "").strip().upper()
    if len(code) == 2:
        return code
    return iso3_to_iso2().get(code, "")


def _gazetteer():
    try:
        from ..gazetteer import default_gazetteer

        return default_gazetteer()
    except Exception:  # no gazetteer file in this install: arcs fall back to polygons
        return None


@lru_cache(maxsize=512)
def capital(code: str) -> tuple[float, float, str] | None:
    """(lat, lon, name) of the capital of the country with this alpha-2/alpha-3 code, or None."""
    iso2 = to_iso2(code)
    if not iso2:
        return None
    gaz = _gazetteer()
    if gaz is not None:
        place = gaz.capital(iso2) or gaz.country(iso2)
        if place is not None:
            return (place.lat, place.lon, place.name)
    return _polygon_point(iso2)


def _polygon_point(iso2: str) -> tuple[float, float, str] | None:
    from shapely.geometry import shape

    data = country_polygons()
    if not data:
        return None
    for f in data["features"]:
        p = f.get("properties") or {}
        if (p.get("iso_a2") or "").upper() == iso2:
            pt = shape(f["geometry"]).representative_point()
            return (pt.y, pt.x, p.get("name") or iso2)
    return None
