"""Leaflet plugins the geoevents map uses, one element class a module."""

from .arc_layer import ArcLayer
from .basemaps import OfflineBase, OnlineTiles
from .country_choropleth import CountryChoropleth
from .country_outlines import CountryOutlines
from .event_layer import EventLayer
from .fullscreen import FullscreenButton
from .heat_layer import HeatLayer
from .minimap import CountryMiniMap
from .place_layer import PlaceLayer
from .place_search import PlaceSearch
from .time_slider import TimeSlider

__all__ = [
    "ArcLayer",
    "CountryChoropleth",
    "CountryMiniMap",
    "CountryOutlines",
    "EventLayer",
    "FullscreenButton",
    "HeatLayer",
    "OfflineBase",
    "OnlineTiles",
    "PlaceLayer",
    "PlaceSearch",
    "TimeSlider",
]
