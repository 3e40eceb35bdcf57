"""Search by place name (leaflet-search over the names in the data, no server)."""

from __future__ import annotations

from folium.elements import JSCSSMixin
from jinja2 import Template

LEAFLET_SEARCH = "https://cdn.jsdelivr.net/npm/leaflet-search@2.9.7/dist/"


class PlaceSearch(JSCSSMixin):
    """A search box that flies to a place named in the events or mentions."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        GeoEvents.placeSearch({{ this.data.get_name() }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )
    default_js = [("Leaflet.Search.js", LEAFLET_SEARCH + "leaflet-search.min.js")]
    default_css = [("Leaflet.Search.css", LEAFLET_SEARCH + "leaflet-search.min.css")]

    def __init__(self, data):
        super().__init__()
        self._name = "PlaceSearch"
        self.data = data
