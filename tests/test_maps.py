"""render_map/save_map: one self-contained file, every layer, escaping, vendored assets."""

from __future__ import annotations

import base64
import gzip
import json
import re

import folium
import pytest
from mapdata import INJECT, corpus, n_placed, synthetic_docs

from geoevents import io
from geoevents.frames import events_frame, places_frame
from geoevents.html import escape, highlight, link, safe_url, script_json
from geoevents.maps import render_map, save_map
from geoevents.maps.capitals import capital, to_iso2
from geoevents.maps.geodesic import arc, split_antimeridian
from geoevents.maps.vendor import build_vendor


def synthetic_events(n: int):
    """An events GeoDataFrame of `n` synthetic events."""
    return events_frame(synthetic_docs(n))


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    path = tmp_path_factory.mktemp("maps") / "map.html"
    m = render_map(corpus(), title="Seed <map>")
    save_map(m, path)
    return m, path.read_text(encoding="utf-8")


def _data(html: str) -> dict:
    m = re.search(
        r'<script type="application/json" id="[^"]+"( data-encoding="gzip\+base64")?>(.*?)</script>',
        html,
        re.S,
    )
    text = m.group(2)
    if m.group(1):
        text = gzip.decompress(base64.b64decode(text)).decode("utf-8")
    return json.loads(text)


def test_render_returns_a_folium_map_callers_can_extend(saved):
    m, _ = saved
    assert isinstance(m, folium.Map)
    folium.Marker([0, 0], tooltip="mine").add_to(m)  # still renders with a caller's layer
    assert "mine" in m.get_root().render()


def test_saved_file_is_self_contained(saved):
    _, html = saved
    assert "<script src=" not in html
    assert not re.search(r'<link[^>]+rel="stylesheet"', html)
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']?(https?:)?//", html)
    assert not re.search(r"url\([\"']?(https?:)?//", html) and "@import" not in html
    assert "url(images/" not in html and "url(../images" not in html
    assert "data:image/png;base64," in html  # Leaflet's marker and layer icons
    for lib in (
        "leaflet@1.9.3",
        "leaflet.markercluster@1.1.0",
        "leaflet-search@2.9.7",
        "leaflet-minimap@3.6.1",
        "leaflet.fullscreen@3.0.0",
        "leaflet.heat@0.2.0",
    ):
        assert f"/* {lib} (" in html  # inlined, with its licence file named


def test_no_raw_input_markup_in_the_page(saved):
    _, html = saved
    assert INJECT not in html
    assert "<script>window.__pwned" not in html
    data = _data(html)
    pops = " ".join(data["events"]["pop"]) + " ".join(data["docs"])
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in pops
    assert 'href="javascript' not in pops  # the javascript: url is not a link


def test_data_has_every_layer(saved):
    _, html = saved
    data = _data(html)
    docs = corpus()
    assert len(data["events"]["lat"]) == n_placed(docs)
    assert {t["key"] for t in data["types"]} == {
        "ACCUSE",
        "ASSAULT",
        "CONSULT",
        "COOPERATE",
        "PROTEST",
    }
    assert data["dates"] == ["2025-09-03", "2025-09-04", "2025-09-05"]
    assert set(data["places"]["role"]) == {0, 1}
    assert data["arcs"]["paths"], "RUS → Kyiv, RUS → Beijing and USA → Suva differ in country"
    assert set(data["choropleth"]["counts"]) == {"UA", "CN", "FJ"}
    assert data["countries"]["type"] == "FeatureCollection"
    assert {r["title"] for r in data["search"]} >= {"Kyiv", "Beijing", "Suva"}
    for layer in ("Heat map", "Events per country", "Place mentions", "Actor → location"):
        assert json.dumps(layer)[1:-1] in html or layer in html


def test_arcs_start_at_the_actor_capital_and_split_at_the_antimeridian(saved):
    _, html = saved
    data = _data(html)
    tips = data["arcs"]["tip"]
    suva = [i for i, t in enumerate(tips) if "Suva" in t]
    assert len(suva) == 1
    pieces = data["arcs"]["paths"][suva[0]]
    assert len(pieces) == 2  # Washington → Suva crosses 180°
    cap = capital("USA")
    assert pieces[0][0] == [round(cap[0], 4), round(cap[1], 4)]
    for piece in pieces:
        lons = [p[1] for p in piece]
        assert max(lons) - min(lons) < 180
    # Protesters (UKR) in Kyiv: same country, no arc
    assert not any(t.startswith("UKR") for t in tips)


def test_split_antimeridian_keeps_every_point():
    path = [(0.0, 170.0), (1.0, 179.0), (2.0, -179.0), (3.0, -170.0)]
    parts = split_antimeridian(path)
    assert len(parts) == 2
    assert parts[0][-1][1] == 180.0 and parts[1][0][1] == -180.0
    assert len(arc(0, 10, 0, 20)) == 1


def test_capitals_come_from_the_gazetteer():
    moscow = capital("RUS")
    assert moscow is not None and moscow[2] == "Moscow"
    assert abs(moscow[0] - 55.75) < 0.1 and abs(moscow[1] - 37.6) < 0.1
    assert capital("ZZZ") is None
    assert to_iso2("UKR") == "UA" and to_iso2("ua") == "UA"


def test_many_events_cluster_and_stay_small(tmp_path):
    gdf = synthetic_events(2000)
    m = render_map(gdf)
    path = tmp_path / "big.html"
    save_map(m, path)
    html = path.read_text()
    assert re.search(r"GeoEvents\.eventLayer\([^;]*, true,", html)  # clustered
    assert path.stat().st_size < 5_000_000


def test_map_from_files_geoevents_wrote(tmp_path):
    docs = corpus()
    io.write(events_frame(docs), tmp_path / "e.geojson")
    io.write(events_frame(docs), tmp_path / "e.parquet")
    for name in ("e.geojson", "e.parquet"):
        gdf = io.read_events(tmp_path / name)
        m = render_map(gdf, places=places_frame(docs))
        save_map(m, tmp_path / f"{name}.html")
        assert len(_data((tmp_path / f"{name}.html").read_text())["events"]["lat"]) == n_placed(
            docs
        )


def test_empty_input_still_makes_a_map(tmp_path):
    save_map(render_map([]), tmp_path / "empty.html")
    html = (tmp_path / "empty.html").read_text()
    assert _data(html)["events"]["lat"] == []


def test_bad_input_and_bad_path():
    with pytest.raises(ValueError):
        render_map(["not a document"])
    with pytest.raises(OSError):
        save_map(render_map(corpus()), "/nonexistent-folder/x.html")


def test_data_block_plain_or_compressed():
    from geoevents.maps.elements import MapData

    data = {"x": "</script>" * 10, "n": list(range(1000))}
    plain, packed = MapData(data), MapData(data, compress_over=100)
    assert plain.encoding == "" and json.loads(plain.json) == data
    assert packed.encoding == "gzip+base64"
    assert json.loads(gzip.decompress(base64.b64decode(packed.json))) == data
    assert "</script>" not in plain.json and "<" not in packed.json


def test_vendored_files_match_the_manifest():
    assert build_vendor.check() == []


def test_escape_and_links():
    assert escape('<img src=x onerror="a">') == "&lt;img src=x onerror=&quot;a&quot;&gt;"
    assert escape(None) == ""
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,hi") is None
    assert safe_url(" https://example.org/a?b=1&c=2 ") == "https://example.org/a?b=1&c=2"
    assert link("<b>t</b>", "javascript:x") == "&lt;b&gt;t&lt;/b&gt;"
    assert link("t", "https://x.org/?a=1&b=2") == (
        '<a href="https://x.org/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">t</a>'
    )
    assert highlight("a <b> c", 2, 5) == "a <mark>&lt;b&gt;</mark> c"
    assert "</script>" not in script_json({"x": "</script><script>"})
    assert json.loads(script_json({"x": "</script>\u2028"})) == {"x": "</script>\u2028"}


def test_trigger_highlight_survives_a_round_trip_through_files(tmp_path):
    from mapdata import KYIV

    from geoevents import Document, Event, Mention

    text = "Intro sentence. Crowds marched home after they marched to Kyiv."
    sentence = text[16:]
    second = text.index("marched", text.index("marched") + 1)
    kyiv = Mention(text.index("Kyiv"), text.index("Kyiv") + 4, "Kyiv", place=KYIV)
    event = Event("PROTEST", "marched", second, second + 7, sentence, location=kyiv)
    doc = Document(text, id="d", events=(event,), mentions=(kyiv,))
    assert events_frame([doc])["sentence_start"].tolist() == [16]
    io.write(events_frame([doc]), tmp_path / "e.geojson")
    m = render_map(io.read_events(tmp_path / "e.geojson"))  # no document text here
    save_map(m, tmp_path / "m.html")
    pop = _data((tmp_path / "m.html").read_text())["events"]["pop"][0]
    assert "Crowds marched home after they <mark>marched</mark> to Kyiv." in pop


def test_docs_list_every_column():
    from pathlib import Path

    from geoevents.frames import EVENT_SCHEMA, PLACE_SCHEMA, schema_markdown

    doc = (Path(__file__).resolve().parents[1] / "docs" / "maps.md").read_text(encoding="utf-8")
    assert schema_markdown(EVENT_SCHEMA) in doc and schema_markdown(PLACE_SCHEMA) in doc
