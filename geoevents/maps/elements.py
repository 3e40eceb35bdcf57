"""Map elements that render themselves: the map, its data, runtime, title and legend."""

from __future__ import annotations

import base64
import gzip
from importlib import resources

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from ..html import escape, script_json

LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"


def static_text(name: str) -> str:
    """A file from geoevents/maps/static."""
    return (resources.files("geoevents.maps") / "static" / name).read_text(encoding="utf-8")


class RawHtml(Element):
    """Markup placed in the page as it is (not parsed as a Jinja template: it may be megabytes)."""

    def __init__(self, text: str):
        super().__init__("")
        self.text = text

    def render(self, **kwargs) -> str:
        """The markup itself."""
        return self.text


class EventMap(folium.Map):
    """A folium.Map that loads only Leaflet itself (no jQuery, Bootstrap or icon fonts)."""

    default_js = [("leaflet", LEAFLET_JS)]
    default_css = [("leaflet_css", LEAFLET_CSS)]


class Runtime(MacroElement):
    """The geoevents JS runtime and stylesheet, placed once in the page header."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "GeoEventsRuntime"
        self.css = static_text("geoevents.css")

    def render(self, **kwargs):
        """Add the runtime script after the vendored libraries in the header."""
        figure = self.get_root()
        assert isinstance(figure, Figure), "Runtime must be added to a map in a Figure"
        figure.header.add_child(
            RawHtml("<script>" + static_text("geoevents.js") + "</script>"), name="zz_geoevents_js"
        )
        super().render(**kwargs)


# JSON above this size is gzipped (and base64-encoded) in the page: a 60 MB block shrinks ~10x,
# and the browser reads, parses and decompresses it faster than the plain text.
COMPRESS_OVER = 512 * 1024


class MapData(MacroElement):
    """All map data as one JSON document in a <script type="application/json"> element."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = GeoEvents.load({{ this.get_name()|tojson }});
        GeoEvents.maps.push({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict, *, compress_over: int = COMPRESS_OVER):
        """`data` larger than `compress_over` bytes of JSON is stored gzip-compressed."""
        super().__init__()
        self._name = "GeoEventsData"
        self.data = data
        self.json = script_json(data)
        self.encoding = ""
        if len(self.json) > compress_over:
            raw = self.json.encode("utf-8")
            self.json = base64.b64encode(gzip.compress(raw, compresslevel=3, mtime=0)).decode()
            self.encoding = "gzip+base64"

    def render(self, **kwargs):
        """Put the JSON in the page body, then the script that parses it."""
        figure = self.get_root()
        assert isinstance(figure, Figure), "MapData must be added to a map in a Figure"
        enc = f' data-encoding="{self.encoding}"' if self.encoding else ""
        tag = f'<script type="application/json" id="{self.get_name()}"{enc}>{self.json}</script>'
        figure.html.add_child(RawHtml(tag), name=self.get_name() + "_json")
        super().render(**kwargs)


class Title(MacroElement):
    """The map title: the page <title> and a box at the top of the map."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <title>{{ this.text }}</title>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var c = L.control({position: "topright"});
            c.onAdd = function () {
                var div = L.DomUtil.create("div", "ge-title");
                div.innerHTML = {{ this.text|tojson }};
                return div;
            };
            c.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Title"
        self.text = escape(text)


class Legend(MacroElement):
    """A legend control: event types with their symbols, place styles, arcs and the choropleth scale."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var c = L.control({position: "bottomleft"});
            c.onAdd = function () {
                var div = L.DomUtil.create("div", "ge-legend");
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            c.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, sections: list[tuple[str, list[str]]], notes: list[str] = ()):
        """`sections` hold (escaped heading, [escaped html rows]); `notes` escaped lines."""
        super().__init__()
        self._name = "Legend"
        parts = ["<details open><summary><b>Legend</b></summary>"]
        for heading, rows in sections:
            if rows:
                parts.append(f"<h4>{heading}</h4>" + "<br>".join(rows))
        for note in notes:
            parts.append(f'<div class="ge-note">{note}</div>')
        parts.append("</details>")
        self.html = "".join(parts)


class Attribution(MacroElement):
    """Credits for the data (GeoNames, Natural Earth) in Leaflet's attribution control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.html|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str):
        """`html` is trusted markup built from escaped parts."""
        super().__init__()
        self._name = "Attribution"
        self.html = html
