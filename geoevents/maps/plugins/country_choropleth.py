"""Events per country, shading the bundled Natural Earth polygons."""

from __future__ import annotations

from folium.map import Layer
from jinja2 import Template


class CountryChoropleth(Layer):
    """Countries coloured by their number of events (class breaks in the legend)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = GeoEvents.choroplethLayer({{ this.data.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data, name: str = "Events per country", *, show: bool = False):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "CountryChoropleth"
        self.data = data
