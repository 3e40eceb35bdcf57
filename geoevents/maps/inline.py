"""Make a rendered map self-contained: CDN <script>/<link> tags become inline vendored copies."""

from __future__ import annotations

import base64
import json
import mimetypes
import re
import warnings
from functools import cache
from importlib import resources
from pathlib import Path

VENDOR = Path(str(resources.files("geoevents.maps") / "vendor"))

# CDN url (as folium or our plugins link it) → (vendored package dir, file inside it)
URLS: dict[str, tuple[str, str]] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": (
        "leaflet@1.9.3",
        "dist/leaflet.js",
    ),
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": (
        "leaflet@1.9.3",
        "dist/leaflet.css",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js": (
        "leaflet.markercluster@1.1.0",
        "dist/leaflet.markercluster.js",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css": (
        "leaflet.markercluster@1.1.0",
        "dist/MarkerCluster.css",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css": (
        "leaflet.markercluster@1.1.0",
        "dist/MarkerCluster.Default.css",
    ),
    "https://cdn.jsdelivr.net/npm/leaflet.heat@0.2.0/dist/leaflet-heat.js": (
        "leaflet.heat@0.2.0",
        "dist/leaflet-heat.js",
    ),
    "https://cdn.jsdelivr.net/gh/python-visualization/folium@main/folium/templates/leaflet_heat.min.js": (
        "leaflet.heat@0.2.0",
        "dist/leaflet-heat.js",
    ),
    "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js": (
        "leaflet.fullscreen@3.0.0",
        "Control.FullScreen.js",
    ),
    "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.css": (
        "leaflet.fullscreen@3.0.0",
        "Control.FullScreen.css",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.js": (
        "leaflet-minimap@3.6.1",
        "dist/Control.MiniMap.min.js",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.css": (
        "leaflet-minimap@3.6.1",
        "dist/Control.MiniMap.min.css",
    ),
    "https://cdn.jsdelivr.net/npm/leaflet-search@2.9.7/dist/leaflet-search.min.js": (
        "leaflet-search@2.9.7",
        "dist/leaflet-search.min.js",
    ),
    "https://cdn.jsdelivr.net/npm/leaflet-search@2.9.7/dist/leaflet-search.min.css": (
        "leaflet-search@2.9.7",
        "dist/leaflet-search.min.css",
    ),
}

_SCRIPT_TAG = re.compile(r'<script src="([^"]+)"></script>')
_LINK_TAG = re.compile(r'<link rel="stylesheet" href="([^"]+)"\s*/?>')
_CSS_URL = re.compile(r"url\((['\"]?)([^)'\"]+)\1\)")


@cache
def _licence(package: str) -> str:
    manifest = json.loads((VENDOR / "manifest.json").read_text())
    for pkg in manifest["packages"]:
        if f"{pkg['name']}@{pkg['version']}" == package:
            names = [f for f in pkg["files"] if "licen" in f.lower()]
            return f"{package} ({', '.join(names)} in geoevents/maps/vendor/{package})"
    return package


def data_uri(path: Path) -> str:
    """A base64 data: URI for a file."""
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".svg":
        mime = "image/svg+xml"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


@cache
def inline_js(url: str) -> str | None:
    """The <script> element that replaces a CDN script, or None when it is not vendored."""
    if url not in URLS:
        return None
    package, rel = URLS[url]
    code = (VENDOR / package / rel).read_text(encoding="utf-8")
    code = code.replace("</script", "<\\/script")
    extra = ""
    if rel == "dist/leaflet.js":
        images = VENDOR / package / "dist" / "images"
        urls = {
            "iconUrl": data_uri(images / "marker-icon.png"),
            "iconRetinaUrl": data_uri(images / "marker-icon-2x.png"),
            "shadowUrl": data_uri(images / "marker-shadow.png"),
        }
        # Leaflet guesses its icon folder from the stylesheet; give it the images directly.
        extra = (
            "\nL.Icon.Default.imagePath='';L.Icon.Default.mergeOptions(" + json.dumps(urls) + ");"
        )
    return f"<script>/* {_licence(package)} */\n{code}{extra}</script>"


@cache
def inline_css(url: str) -> str | None:
    """The <style> element that replaces a CDN stylesheet (its images as data: URIs)."""
    if url not in URLS:
        return None
    package, rel = URLS[url]
    path = VENDOR / package / rel
    css = path.read_text(encoding="utf-8")

    def repl(m: re.Match) -> str:
        ref = m.group(2)
        if ref.startswith(("data:", "#", "http:", "https:")):
            return m.group(0)
        target = (path.parent / ref).resolve()
        if not target.is_file():
            return m.group(0)
        return f'url("{data_uri(target)}")'

    css = _CSS_URL.sub(repl, css).replace("</style", "<\\/style")
    return f"<style>/* {_licence(package)} */\n{css}</style>"


def inline_page(html: str) -> str:
    """`html` with every vendored CDN resource inlined; others are left linked, with a warning."""
    missing: list[str] = []

    def js(m: re.Match) -> str:
        out = inline_js(m.group(1))
        if out is None:
            missing.append(m.group(1))
            return m.group(0)
        return out

    def css(m: re.Match) -> str:
        out = inline_css(m.group(1))
        if out is None:
            missing.append(m.group(1))
            return m.group(0)
        return out

    head_end = html.find("</head>")
    head, rest = (html[:head_end], html[head_end:]) if head_end >= 0 else (html, "")
    head = _LINK_TAG.sub(css, _SCRIPT_TAG.sub(js, head))
    if missing:
        warnings.warn(
            "map resources not vendored, still loaded from the network: " + ", ".join(missing),
            stacklevel=3,
        )
    return head + rest
