"""Arcs from an actor country's capital to where it acted, when that is another country."""

from __future__ import annotations

from folium.map import Layer
from jinja2 import Template

from ..style import ARC_COLOR


class ArcLayer(Layer):
    """Great-circle lines (split at the antimeridian), weight by number of events."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = GeoEvents.arcLayer({{ this.data.get_name() }}, {{ this.color|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, data, name: str = "Actor → location", *, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "ArcLayer"
        self.data = data
        self.color = ARC_COLOR
