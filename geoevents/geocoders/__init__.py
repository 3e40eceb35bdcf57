"""geopy-compatible geocoders; one module a backend."""

from .base import OfflineGeocoder
from .geonames import GeoNamesOffline

__all__ = ["GeoNamesOffline", "OfflineGeocoder"]
