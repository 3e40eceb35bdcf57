"""One overlay per event type, its markers built in the browser from the shared data."""

from __future__ import annotations

from folium.elements import JSCSSMixin
from folium.map import Layer
from jinja2 import Template

MARKERCLUSTER = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"


class EventLayer(JSCSSMixin, Layer):
    """Markers of one event type (type index `t` in the data), clustered when `cluster`."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = GeoEvents.eventLayer(
            {{ this.data.get_name() }}, {{ this.t }}, {{ this.cluster|tojson }},
            {{ this.color|tojson }});
        {% endmacro %}
        """
    )
    default_js = [("markerclusterjs", MARKERCLUSTER + "leaflet.markercluster.js")]
    default_css = [
        ("markerclustercss", MARKERCLUSTER + "MarkerCluster.css"),
        ("markerclusterdefaultcss", MARKERCLUSTER + "MarkerCluster.Default.css"),
    ]

    def __init__(self, data, t: int, name: str, *, color: str, cluster: bool, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "EventLayer"
        self.data = data
        self.t = int(t)
        self.cluster = bool(cluster)
        self.color = color
