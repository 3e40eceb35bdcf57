"""The offline basemap: country polygons drawn beneath any tile layer, always on."""

from __future__ import annotations

from folium.map import Layer
from jinja2 import Template


class CountryOutlines(Layer):
    """Natural Earth country outlines, in a pane beneath the tiles."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = GeoEvents.outlineLayer(
            {{ this._parent.get_name() }}, {{ this.data.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data):
        super().__init__(name="Country outlines", overlay=True, control=False, show=True)
        self._name = "CountryOutlines"
        self.data = data
