"""A fullscreen button (leaflet.fullscreen)."""

from __future__ import annotations

from folium.elements import JSCSSMixin
from jinja2 import Template

FULLSCREEN = "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/"


class FullscreenButton(JSCSSMixin):
    """Leaflet's fullscreen control, top left under the zoom buttons."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.fullscreen({position: "topleft", title: "Full screen",
            titleCancel: "Exit full screen"}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )
    default_js = [("Control.Fullscreen.js", FULLSCREEN + "Control.FullScreen.min.js")]
    default_css = [("Control.FullScreen.css", FULLSCREEN + "Control.FullScreen.css")]

    def __init__(self):
        super().__init__()
        self._name = "FullscreenButton"
