"""The bundled GeoNames gazetteer as a geopy geocoder."""

from __future__ import annotations

from dataclasses import asdict

from geopy.location import Location

from ..gazetteer import Gazetteer, default_gazetteer
from ..place import Place
from .base import OfflineGeocoder


def _address(place: Place) -> str:
    parts = [place.name]
    if place.admin1_name and place.admin1_name != place.name:
        parts.append(place.admin1_name)
    if place.country_code and not place.is_country:
        parts.append(place.country_code)
    return ", ".join(parts)


def to_location(place: Place) -> Location:
    """A geopy Location whose raw is the Place as a dict."""
    return Location(_address(place), (place.lat, place.lon), asdict(place))


class GeoNamesOffline(OfflineGeocoder):
    """Offline drop-in for geopy geocoders such as Nominatim, answering from the bundled GeoNames."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        super().__init__()
        self.gazetteer = gazetteer or default_gazetteer()

    def _geocode(self, query: str, *, limit: int, country_codes: str | None = None, **_):
        places = self.gazetteer.lookup(query, country=country_codes, limit=limit)
        return [to_location(p) for p in places]

    def _reverse(self, lat: float, lon: float, **_):
        place = self.gazetteer.reverse(lat, lon)
        return [to_location(place)] if place else []
