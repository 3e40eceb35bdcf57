"""Map benchmark: events → self-contained HTML (time, size), first clusters in Chromium,
against folium's plain per-marker MarkerCluster, side by side.

Targets (issue 5): 10,000 events → HTML in ≤ 3 s and ≤ 10 MB; 100,000 events in ≤ 20 s and the
page shows its first clusters in Chromium within 5 s.

The events are synthetic (tests/mapdata.py: real Document/Event/Place objects at 500 made-up
places, sentences of news length); their frame is built before the clock starts. Files go to
benchmarks/out/ (not committed).

Usage: python benchmarks/maps.py [--sizes 10000 100000] [--baseline-sizes 10000] [--no-browser]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
OUT = ROOT / "benchmarks" / "out"
CHROMIUM = Path("/usr/bin/chromium")


def ours(gdf, path: Path) -> float:
    """Seconds for render_map + save_map."""
    from geoevents.maps import render_map, save_map

    t = time.perf_counter()
    save_map(render_map(gdf), path)
    return time.perf_counter() - t


def baseline(gdf, path: Path) -> float:
    """Seconds for folium's plain way: one folium.Marker per event in a MarkerCluster, no popups."""
    import folium
    from folium.plugins import MarkerCluster

    t = time.perf_counter()
    m = folium.Map(location=[20, 0], zoom_start=2)
    cluster = MarkerCluster().add_to(m)
    placed = gdf[gdf.geometry.notna()]
    for lat, lon in zip(placed.geometry.y, placed.geometry.x, strict=True):
        folium.Marker([lat, lon]).add_to(cluster)
    m.save(str(path))
    return time.perf_counter() - t


def first_clusters(path: Path) -> tuple[float, float]:
    """(s from navigation to the first cluster icon in the page, s until every marker is in its
    cluster group), as the page's own clock measures them."""
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=args)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.route(
            "**/*",
            lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
        )
        # the page notes the moment the first cluster icon enters the document
        page.add_init_script(
            "new MutationObserver((records, obs) => { if (document.querySelector('.marker-cluster'))"
            " { window.__firstCluster = performance.now(); obs.disconnect(); } })"
            ".observe(document, {childList: true, subtree: true});"
        )
        page.goto(path.as_uri(), wait_until="commit", timeout=120_000)
        page.wait_for_function(
            "() => window.GeoEvents && GeoEvents.ready && GeoEvents.eventLayers.every("
            "g => g.getLayers().length === g.geMarkers.length)",
            timeout=300_000,
        )
        # performance.now() counts from navigation start
        first, done = page.evaluate("() => [window.__firstCluster, performance.now()]")
        browser.close()
    return first / 1000, done / 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--baseline-sizes", type=int, nargs="*", default=[10_000])
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()

    from mapdata import synthetic_docs

    from geoevents.frames import events_frame
    from geoevents.maps import render_map, save_map

    OUT.mkdir(parents=True, exist_ok=True)
    print(
        f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
        f"on {os.cpu_count()} cores (other work on the machine slows the browser figures)"
    )
    # warm-up: imports, gazetteer, country polygons, vendored files (a one-off per process)
    save_map(render_map(events_frame(synthetic_docs(50))), OUT / "warmup.html")

    print(
        f"{'events':>8} {'frame s':>8} {'ours s':>7} {'MB':>6} {'folium s':>9} {'ratio':>6} "
        f"{'MB':>6} {'1st cluster s':>14} {'all in s':>9}"
    )
    for n in args.sizes:
        docs = synthetic_docs(n)
        t = time.perf_counter()
        gdf = events_frame(docs)
        frame_s = time.perf_counter() - t
        path = OUT / f"map_{n}.html"
        ours_s = ours(gdf, path)
        mb = path.stat().st_size / 1e6
        base = ratio = base_mb = "-"
        if n in args.baseline_sizes:
            bpath = OUT / f"folium_markercluster_{n}.html"
            b = baseline(gdf, bpath)
            base, ratio = f"{b:.2f}", f"{b / ours_s:.1f}x"
            base_mb = f"{bpath.stat().st_size / 1e6:.1f}"
        first = done = "-"
        if not args.no_browser and CHROMIUM.exists():
            f, d = first_clusters(path)
            first, done = f"{f:.2f}", f"{d:.2f}"
        print(
            f"{n:>8} {frame_s:>8.2f} {ours_s:>7.2f} {mb:>6.1f} {base:>9} {ratio:>6} {base_mb:>6} "
            f"{first:>14} {done:>9}",
            flush=True,
        )
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        "ours = render_map + save_map (one self-contained file); folium = per-marker "
        "MarkerCluster without popups, CDN-linked; ratio = folium s / ours s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
