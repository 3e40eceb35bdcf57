"""A heat map of event locations (Leaflet.heat)."""

from __future__ import annotations

from folium.elements import JSCSSMixin
from folium.map import Layer
from jinja2 import Template

LEAFLET_HEAT = "https://cdn.jsdelivr.net/npm/leaflet.heat@0.2.0/dist/leaflet-heat.js"


class HeatLayer(JSCSSMixin, Layer):
    """Event density; follows the time slider."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = GeoEvents.heatLayer({{ this.data.get_name() }});
        {% endmacro %}
        """
    )
    default_js = [("leaflet_heat", LEAFLET_HEAT)]

    def __init__(self, data, name: str = "Heat map", *, show: bool = False):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "HeatLayer"
        self.data = data
