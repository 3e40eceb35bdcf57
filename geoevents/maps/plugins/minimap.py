"""An overview minimap drawn from the bundled country polygons (works offline)."""

from __future__ import annotations

from folium.elements import JSCSSMixin
from jinja2 import Template

MINIMAP = "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/"


class CountryMiniMap(JSCSSMixin):
    """leaflet-minimap with a country-outline layer instead of online tiles."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        GeoEvents.miniMap({{ this.data.get_name() }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )
    default_js = [("Control_MiniMap_js", MINIMAP + "Control.MiniMap.js")]
    default_css = [("Control_MiniMap_css", MINIMAP + "Control.MiniMap.css")]

    def __init__(self, data):
        super().__init__()
        self._name = "CountryMiniMap"
        self.data = data
