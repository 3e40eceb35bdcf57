"""The saved map in a real browser (Debian chromium via Playwright), with the network blocked."""

from __future__ import annotations

from pathlib import Path

import pytest
from mapdata import INJECT, corpus, n_placed

from geoevents.maps import render_map, save_map

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed")

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TILE_HOSTS = ("basemaps.cartocdn.com", "tile.openstreetmap.org")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    """A page with every non-local request blocked and errors collected."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.set_default_timeout(10_000)
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(f"console: {m.text}")
                if m.type == "error" and "Failed to load resource" not in m.text
                else None
            ),
        )
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.page.wait_for_function("() => window.GeoEvents && GeoEvents.ready === true")

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def js(self, expr: str):
        return self.page.evaluate(expr)

    def close(self):
        self.page.close()


@pytest.fixture(scope="module")
def small_map(tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "small.html"
    save_map(render_map(corpus(), title=f"Test {INJECT}"), path)
    return path


@pytest.fixture
def page(browser, small_map):
    p = Page(browser, small_map)
    yield p
    p.close()


def _type_index(page: Page, key: str) -> int:
    return page.js(f"() => GeoEvents.eventLayers.findIndex(g => g.geType === {key!r})")


def _zoom_to_first(page: Page, t: int, zoom: int = 9):
    """Centre the map on the first marker of type `t` (as a user would zoom in), return it."""
    page.js(
        f"() => GeoEvents.maps[0].setView(GeoEvents.eventLayers[{t}].geMarkers[0].getLatLng(), "
        f"{zoom}, {{animate: false}}) && null"
    )
    page.page.wait_for_timeout(100)
    return page.page.locator(f".ge-t{t}").first


def test_loads_offline_without_errors(page):
    page.page.wait_for_timeout(300)
    assert page.errors == []
    # the only network attempt is the probe for online tiles; no script or stylesheet
    assert all(any(h in u for h in TILE_HOSTS) for u in page.blocked), page.blocked
    assert page.js("() => typeof L.markerClusterGroup === 'function' && typeof L.heatLayer")
    # the country-outline basemap is drawn
    assert page.page.locator(".leaflet-ge-basemap-pane canvas").count() == 1
    assert page.js("() => GeoEvents.maps[0].hasLayer(GeoEvents.basemap)")
    assert page.js("() => GeoEvents.basemap.getLayers().length") > 150


def test_one_marker_per_placed_event(page):
    expected = n_placed(corpus())
    assert page.page.locator(".ge-event").count() == expected
    assert (
        page.js("() => GeoEvents.eventLayers.reduce((n, g) => n + g.getLayers().length, 0)")
        == expected
    )


def test_unticking_a_layer_hides_its_markers(page):
    t = _type_index(page, "ASSAULT")
    before = page.page.locator(".ge-event").count()
    assert page.page.locator(f".ge-t{t}").count() == 1
    label = page.page.locator(".leaflet-control-layers-overlays label", has_text="Assault")
    label.locator("input").uncheck()
    assert page.page.locator(f".ge-t{t}").count() == 0
    assert page.page.locator(".ge-event").count() == before - 1
    label.locator("input").check()
    assert page.page.locator(f".ge-t{t}").count() == 1
    places = page.page.locator(".ge-place")
    assert places.count() > 0
    page.page.locator(".leaflet-control-layers-overlays label", has_text="Place mentions").locator(
        "input"
    ).uncheck()
    assert places.count() == 0


def test_popup_shows_evidence_with_trigger_highlighted(page):
    t = _type_index(page, "ASSAULT")
    _zoom_to_first(page, t).click()
    popup = page.page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Russian forces attacked Kyiv overnight with 500 drones." in text
    assert popup.locator("mark").inner_text() == "attacked"
    assert "Russian forces" in text and "2025-09-03" in text and "aerial" in text
    link = popup.locator("a")
    assert link.inner_text() == "Kyiv attacked"
    assert link.get_attribute("href") == "https://example.org/kyiv"


def test_tooltip_on_hover(page):
    t = _type_index(page, "PROTEST")
    _zoom_to_first(page, t).hover()
    tip = page.page.locator(".leaflet-tooltip")
    tip.wait_for()
    assert "Protest" in tip.inner_text() and "Kyiv" in tip.inner_text()


def test_injected_markup_stays_inert(page):
    t = _type_index(page, "ACCUSE")
    markers = page.page.locator(f".ge-t{t}")
    assert markers.count() == 1  # the other ACCUSE has no location
    _zoom_to_first(page, t).click()
    popup = page.page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "<script>window.__pwned=1</script>" in popup.inner_text()
    assert popup.locator("script, img").count() == 0
    assert page.js("() => window.__pwned") is None
    assert (
        page.js("() => document.querySelectorAll('img[onerror], a[href^=\"javascript\"]').length")
        == 0
    )
    # the title shows the markup as text too
    assert INJECT in page.page.locator(".ge-title").inner_text()
    assert page.js("() => document.title").endswith(INJECT)
    page.page.wait_for_timeout(200)
    assert page.js("() => window.__pwned") is None
    assert page.errors == []


def test_time_slider_filters_by_date(page):
    slider = page.page.locator(".ge-timeslider-input")
    assert slider.count() == 1
    page.js("() => GeoEvents.setDateIndex(0)")  # up to the first date: 2025-09-03
    assert "2025-09-03" in page.page.locator(".ge-timeslider-label").inner_text()
    assert page.page.locator(".ge-event").count() == 1
    page.js("() => GeoEvents.setDateIndex(1000)")
    assert page.page.locator(".ge-event").count() == n_placed(corpus())


def test_search_finds_a_place(page):
    page.page.locator(".search-button").click()
    page.page.locator("input.search-input").fill("Su")
    page.page.locator("input.search-input").press("v")
    tip = page.page.locator(".search-tip").first
    tip.wait_for()
    assert tip.inner_text() == "Suva"


def test_controls_present(page):
    assert page.page.locator(".leaflet-control-zoom-fullscreen").count() == 1
    assert page.page.locator(".leaflet-control-minimap").count() == 1
    assert page.page.locator(".ge-legend").count() == 1
    attribution = page.page.locator(".leaflet-control-attribution").inner_text()
    assert "GeoNames" in attribution and "Natural Earth" in attribution
    names = page.page.locator(".leaflet-control-layers").inner_text()
    for name in (
        "Heat map",
        "Events per country",
        "Place mentions",
        "Actor → location",
        "OpenStreetMap",
    ):
        assert name in names


def test_many_events_are_clustered(browser, tmp_path):
    from test_maps import synthetic_events

    gdf = synthetic_events(3000)
    path = tmp_path / "big.html"
    save_map(render_map(gdf), path)
    p = Page(browser, path)
    try:
        p.page.wait_for_selector(".marker-cluster")
        p.page.wait_for_function(
            "() => GeoEvents.eventLayers.every(g => g.getLayers().length === g.geMarkers.length)"
        )
        total = p.js("() => GeoEvents.eventLayers.reduce((n, g) => n + g.geMarkers.length, 0)")
        assert total == gdf.geometry.notna().sum()
        in_groups = p.js(
            "() => GeoEvents.eventLayers.reduce((n, g) => n + g.getLayers().length, 0)"
        )
        assert in_groups == total
        assert p.page.locator(".ge-event").count() < total  # clustered, not one DOM node each
        # a hidden cluster layer filtered by the slider gets the filtered markers when shown again
        label = p.page.locator(".leaflet-control-layers-overlays label").filter(has_text="Assault")
        label.locator("input").uncheck()
        p.js("() => GeoEvents.setDateIndex(0)")
        label.locator("input").check()
        p.page.wait_for_function(
            "() => { const g = GeoEvents.eventLayers.find(g => g.geType === 'ASSAULT');"
            " return g.getLayers().length > 0 && g.getLayers().length < g.geMarkers.length; }"
        )
        first_day = gdf[(gdf["event_type"] == "ASSAULT") & (gdf["date"] == min(gdf["date"]))]
        got = p.js(
            "() => GeoEvents.eventLayers.find(g => g.geType === 'ASSAULT').getLayers().length"
        )
        assert got == len(first_day)
        assert p.errors == []
    finally:
        p.close()


def test_seed_articles_map(browser, tmp_path):
    """The seed articles through the real pipeline: every placed event is a marker, no errors."""
    pipeline = pytest.importorskip("geoevents.pipeline")
    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seed articles")
    docs = [
        pipeline.parse(
            p.read_text(encoding="utf-8"), id=p.stem, title=p.read_text().splitlines()[0]
        )
        for p in seeds
    ]
    placed = n_placed(docs)
    assert placed > 0
    path = tmp_path / "seeds.html"
    save_map(render_map(docs, title="Seed articles"), path)
    p = Page(browser, path)
    try:
        assert p.page.locator(".ge-event").count() == placed
        assert p.page.locator(".ge-place").count() > 0
        # an event's popup shows its sentence with the trigger marked
        p.page.locator(".ge-event").first.click(force=True)
        popup = p.page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert popup.locator("mark").count() == 1
        assert popup.locator("blockquote").inner_text().strip()
        assert p.errors == []
    finally:
        p.close()


def test_old_browser_gets_a_message_not_a_blank_page(browser, small_map):
    """Without DecompressionStream (browsers before 2023) the page says why it cannot draw."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script("delete window.DecompressionStream;")
    page.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
    )
    try:
        page.goto(small_map.as_uri())
        message = page.locator(".ge-problem")
        message.wait_for()
        assert "DecompressionStream" in message.inner_text()
        assert errors == []
    finally:
        page.close()
