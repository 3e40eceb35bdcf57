"""Fetch the JS/CSS the maps inline, from npm at the versions folium links to; record sha256s.

Run from anywhere: `python geoevents/maps/vendor/build_vendor.py` (needs `npm`), or
`python geoevents/maps/vendor/build_vendor.py --check` to verify the files against manifest.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.json"

# npm package, version (the one folium 0.20 links from a CDN), files kept (package-relative),
# the CDN url folium uses for the same thing.
PACKAGES: list[dict] = [
    {
        "name": "leaflet",
        "version": "1.9.3",
        "files": [
            "dist/leaflet.js",
            "dist/leaflet.css",
            "dist/images/layers.png",
            "dist/images/layers-2x.png",
            "dist/images/marker-icon.png",
            "dist/images/marker-icon-2x.png",
            "dist/images/marker-shadow.png",
            "LICENSE",
        ],
        "js": ["dist/leaflet.js"],
        "css": ["dist/leaflet.css"],
        "folium_url": "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
    },
    {
        "name": "leaflet.markercluster",
        "version": "1.1.0",
        "files": [
            "dist/leaflet.markercluster.js",
            "dist/MarkerCluster.css",
            "dist/MarkerCluster.Default.css",
            "MIT-LICENCE.txt",
        ],
        "js": ["dist/leaflet.markercluster.js"],
        "css": ["dist/MarkerCluster.css", "dist/MarkerCluster.Default.css"],
        "folium_url": "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js",
    },
    {
        "name": "leaflet.heat",
        "version": "0.2.0",
        "files": ["dist/leaflet-heat.js", "LICENSE"],
        "js": ["dist/leaflet-heat.js"],
        "css": [],
        "folium_url": "folium/templates/leaflet_heat.min.js (a copy of leaflet.heat)",
    },
    {
        "name": "leaflet.fullscreen",
        "version": "3.0.0",
        "files": [
            "Control.FullScreen.js",
            "Control.FullScreen.css",
            "icon-fullscreen.svg",
            "LICENSE",
        ],
        "js": ["Control.FullScreen.js"],
        "css": ["Control.FullScreen.css"],
        "folium_url": "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js",
    },
    {
        "name": "leaflet-minimap",
        "version": "3.6.1",
        "files": [
            "dist/Control.MiniMap.min.js",
            "dist/Control.MiniMap.min.css",
            "dist/images/toggle.png",
            "dist/images/toggle.svg",
            "LICENSE.txt",
        ],
        "js": ["dist/Control.MiniMap.min.js"],
        "css": ["dist/Control.MiniMap.min.css"],
        "folium_url": "https://cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/Control.MiniMap.js",
    },
    {
        "name": "leaflet-search",
        "version": "2.9.7",
        "files": [
            "dist/leaflet-search.min.js",
            "dist/leaflet-search.min.css",
            "images/search-icon.png",
            "images/loader.gif",
            "license.txt",
        ],
        "js": ["dist/leaflet-search.min.js"],
        "css": ["dist/leaflet-search.min.css"],
        "folium_url": "https://cdn.jsdelivr.net/npm/leaflet-search@2.9.7/dist/leaflet-search.min.js",
    },
]


def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build() -> None:
    """npm pack every package into a temp dir, copy the kept files here, write manifest.json."""
    manifest = {"about": __doc__.splitlines()[0], "packages": []}
    with tempfile.TemporaryDirectory() as tmp:
        for pkg in PACKAGES:
            spec = f"{pkg['name']}@{pkg['version']}"
            out = subprocess.run(
                ["npm", "pack", spec, "--silent"],
                cwd=tmp,
                check=True,
                capture_output=True,
                text=True,
            )
            tgz = Path(tmp) / out.stdout.strip().splitlines()[-1]
            with tarfile.open(tgz) as tar:
                tar.extractall(Path(tmp) / pkg["name"], filter="data")
            src = Path(tmp) / pkg["name"] / "package"
            dest = HERE / f"{pkg['name']}@{pkg['version']}"
            if dest.exists():
                shutil.rmtree(dest)
            files = {}
            for rel in pkg["files"]:
                (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src / rel, dest / rel)
                files[rel] = sha256(dest / rel)
            entry = {k: pkg[k] for k in ("name", "version", "js", "css", "folium_url")}
            entry["files"] = files
            manifest["packages"].append(entry)
    MANIFEST.write_text(json.dumps(manifest, indent=1) + "\n")


def check() -> list[str]:
    """Files whose sha256 differs from manifest.json (empty when all match)."""
    manifest = json.loads(MANIFEST.read_text())
    bad = []
    for pkg in manifest["packages"]:
        base = HERE / f"{pkg['name']}@{pkg['version']}"
        for rel, digest in pkg["files"].items():
            path = base / rel
            if not path.is_file() or sha256(path) != digest:
                bad.append(str(path))
    return bad


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="verify files against manifest.json")
    if ap.parse_args().check:
        problems = check()
        print("\n".join(problems) or "all vendored files match manifest.json")
        sys.exit(1 if problems else 0)
    build()
    print(f"wrote {MANIFEST}")
