"""Documents → records → GeoDataFrames, checked against the documented schema."""

from __future__ import annotations

import math

import geopandas as gpd
from mapdata import KYIV, corpus, n_events

from geoevents import Document
from geoevents.frames import (
    EVENT_COLUMNS,
    EVENT_SCHEMA,
    PLACE_COLUMNS,
    PLACE_SCHEMA,
    event_records,
    events_frame,
    place_records,
    places_frame,
    schema_markdown,
)

EVENT_CONTRACT = (
    "doc event_type mode cameo trigger trigger_start trigger_end sentence actor actor_country "
    "target target_country place place_start place_end geonameid country_code precision "
    "location_role date date_precision score"
).split()
PLACE_CONTRACT = (
    "doc start end text kind role geonameid name feature_code country_code admin1 population score"
).split()


def test_records_carry_the_cli_contract_fields():
    doc = corpus()[0]
    ev = event_records(doc)
    pl = place_records(doc)
    assert len(ev) == len(doc.events) and len(pl) == len(doc.mentions)
    for r in ev:
        assert set(EVENT_CONTRACT) <= set(r) and {"lon", "lat"} <= set(r)
    for r in pl:
        assert set(PLACE_CONTRACT) <= set(r) and {"lon", "lat"} <= set(r)
    assert list(ev[0]) == list(EVENT_COLUMNS)
    assert list(pl[0]) == list(PLACE_COLUMNS)


def test_event_record_values():
    doc = corpus()[0]
    r = event_records(doc)[0]
    e = doc.events[0]
    assert r["doc"] == "art-1" and r["id"] == "art-1:e0"
    assert (
        r["trigger"] == "attacked" and doc.text[r["trigger_start"] : r["trigger_end"]] == "attacked"
    )
    assert doc.text[r["place_start"] : r["place_end"]] == r["place"] == "Kyiv"
    assert (r["lon"], r["lat"]) == (KYIV.lon, KYIV.lat)
    assert r["geonameid"] == KYIV.geonameid and r["country_code"] == "UA"
    assert r["precision"] == "city" and r["admin1"] == "Kyiv City"
    assert r["date"] == e.date == "2025-09-03" and r["doc_date"] == "2025-09-03"
    assert r["quantities"] == "500 drones" and r["url"] == doc.url
    ss = r["sentence_start"]
    assert doc.text[ss : ss + len(r["sentence"])] == r["sentence"]


def test_unplaced_event_and_unresolved_mention_have_null_location():
    doc = corpus()[1]
    r = event_records(doc)[0]
    assert r["lon"] is None and r["lat"] is None and r["geonameid"] is None
    assert r["place"] == "" and r["place_start"] is None
    m = place_records(corpus()[0])[0]
    assert m["kind"] == "demonym" and m["role"] == "actor" and m["geonameid"] is None


def test_events_frame_schema_types_and_geometry():
    docs = corpus()
    gdf = events_frame(docs)
    assert isinstance(gdf, gpd.GeoDataFrame)
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf.columns) == [*EVENT_COLUMNS, "geometry"]
    assert len(gdf) == n_events(docs)
    assert gdf["id"].is_unique
    assert str(gdf["geonameid"].dtype) == "Int64"
    assert str(gdf["trigger_start"].dtype) == "int64"
    assert gdf["score"].dtype.kind == "f"
    placed = gdf[gdf.geometry.notna()]
    assert set(placed.geom_type) == {"Point"}
    assert (placed.geometry.x == placed["lon"]).all() and (placed.geometry.y == placed["lat"]).all()
    assert gdf.geometry.isna().sum() == 1  # the unplaced ACCUSE
    for d in gdf["date"]:
        assert d is None or (isinstance(d, str) and len(d) == 10 and d[4] == "-") or d != d


def test_places_frame_schema():
    docs = corpus()
    gdf = places_frame(docs)
    assert list(gdf.columns) == [*PLACE_COLUMNS, "geometry"]
    assert len(gdf) == sum(len(d.mentions) for d in docs)
    assert set(gdf["role"]) == {"place", "actor"}
    assert gdf.crs.to_epsg() == 4326
    assert math.isnan(gdf.loc[0, "lon"])


def test_documents_without_ids_get_positional_stable_ids():
    d = corpus()[0]
    docs = [Document(d.text, mentions=d.mentions, events=d.events)] * 2
    gdf = events_frame(docs)
    assert gdf["id"].is_unique
    assert list(gdf["doc"].unique()) == ["doc0", "doc1"]
    assert list(events_frame(docs)["id"]) == list(gdf["id"])


def test_empty_input_gives_empty_typed_frames():
    assert list(events_frame([]).columns) == [*EVENT_COLUMNS, "geometry"]
    assert len(places_frame([])) == 0


def test_schema_is_documented():
    for schema in (EVENT_SCHEMA, PLACE_SCHEMA):
        table = schema_markdown(schema)
        for col in schema:
            assert col.description and f"`{col.name}`" in table
