"""Base layers: outlines only (offline) and online tiles, switched to when they load."""

from __future__ import annotations

from folium.map import Layer
from jinja2 import Template

TILES = {
    "CartoDB Positron": (
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
        ' &copy; <a href="https://carto.com/attributions">CARTO</a>',
        "https://a.basemaps.cartocdn.com/light_all/0/0/0.png",
    ),
    "OpenStreetMap": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
        "https://tile.openstreetmap.org/0/0/0.png",
    ),
}


class OfflineBase(Layer):
    """An empty base layer: only the bundled country outlines show. Selected at start."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.layerGroup();
        {% endmacro %}
        """
    )

    def __init__(self, name: str = "Country outlines (offline)"):
        super().__init__(name=name, overlay=False, control=True, show=True)
        self._name = "OfflineBase"


class OnlineTiles(Layer):
    """An online tile layer offered in the layer control; `prefer` switches to it once a tile loads."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.tileLayer({{ this.url|tojson }}, {
            attribution: {{ this.attribution|tojson }}, maxZoom: 19, subdomains: "abc",
            crossOrigin: true});
        {%- if this.prefer_over %}
        GeoEvents.preferOnline({{ this._parent.get_name() }}, {{ this.prefer_over.get_name() }},
            {{ this.get_name() }}, {{ this.probe|tojson }});
        {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(self, name: str, *, prefer_over: OfflineBase | None = None):
        super().__init__(name=name, overlay=False, control=True, show=False)
        self._name = "OnlineTiles"
        self.url, self.attribution, self.probe = TILES[name]
        self.prefer_over = prefer_over
