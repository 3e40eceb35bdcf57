"""All place mentions: literal places as filled circles, actor uses as dashed rings."""

from __future__ import annotations

from folium.map import Layer
from jinja2 import Template

from ..style import ACTOR_COLOR, PLACE_COLOR


class PlaceLayer(Layer):
    """Circles sized by how often a place is mentioned, one per place and role."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = GeoEvents.placeLayer(
            {{ this.data.get_name() }}, {{ this.colors|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, data, name: str = "Place mentions", *, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "PlaceLayer"
        self.data = data
        self.colors = {"place": PLACE_COLOR, "actor": ACTOR_COLOR}
