"""A small base class for geocoders that answer from local data, with geopy's interface."""

from __future__ import annotations

from geopy.adapters import BaseSyncAdapter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point


class _NoAdapter(BaseSyncAdapter):
    """Stands in for geopy's HTTP adapter: offline geocoders make no requests."""

    def get_json(self, url, *, timeout, headers):  # pragma: no cover - never called
        raise RuntimeError("offline geocoder made an HTTP request")

    def get_text(self, url, *, timeout, headers):  # pragma: no cover - never called
        raise RuntimeError("offline geocoder made an HTTP request")


class OfflineGeocoder(Geocoder):
    """geopy Geocoder base for local backends: subclasses implement _geocode and _reverse."""

    def __init__(self) -> None:
        super().__init__(user_agent="geoevents", adapter_factory=_NoAdapter)

    def geocode(self, query, *, exactly_one: bool = True, limit: int | None = None, **kwargs):
        """Geocode a name: a Location, a list of them, or None."""
        if isinstance(query, dict):
            query = ", ".join(str(v) for v in query.values() if v)
        found = self._geocode(str(query), limit=1 if exactly_one else (limit or 10), **kwargs)
        if not found:
            return None
        return found[0] if exactly_one else found

    def reverse(self, query, *, exactly_one: bool = True, **kwargs):
        """The nearest named place to a point ("lat, lon", (lat, lon) or geopy Point)."""
        point = Point(query)
        found = self._reverse(point.latitude, point.longitude, **kwargs)
        if not found:
            return None
        return found[0] if exactly_one else found

    def _geocode(self, query: str, *, limit: int, **kwargs) -> list[Location]:
        raise NotImplementedError

    def _reverse(self, lat: float, lon: float, **kwargs) -> list[Location]:
        raise NotImplementedError
