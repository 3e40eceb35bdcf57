"""Writers and readers: every format read back by geopandas, and by GDAL's ogrinfo."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from mapdata import corpus, n_events, n_placed

from geoevents import io
from geoevents.frames import events_frame, places_frame
from geoevents.io import FORMATS, GeoJSONWriter, read_events, write

OGRINFO = shutil.which("ogrinfo") or (
    "/usr/bin/ogrinfo" if Path("/usr/bin/ogrinfo").exists() else None
)
EXTS = [".geojson", ".json", ".gpkg", ".fgb", ".parquet", ".csv", ".kml"]


def _read_back(path: Path, layer: str | None = None) -> gpd.GeoDataFrame:
    if path.suffix == ".parquet":
        return gpd.read_parquet(path)
    if path.suffix == ".csv":
        return gpd.read_file(path, X_POSSIBLE_NAMES="lon", Y_POSSIBLE_NAMES="lat")
    return gpd.read_file(path, layer=layer)


@pytest.mark.parametrize("ext", EXTS)
def test_events_round_trip_through_geopandas(tmp_path, ext):
    gdf = events_frame(corpus())
    path = tmp_path / f"events{ext}"
    assert write(gdf, path) == len(gdf)
    back = _read_back(path, layer="events" if ext == ".gpkg" else None)
    assert len(back) == len(gdf)
    if ext != ".kml":  # GDAL's KML reader renames the id column to Name/description
        assert list(back["id"]) == list(gdf["id"])
        assert list(back["event_type"]) == list(gdf["event_type"])
    ours = read_events(path)
    assert list(ours["id"]) == list(gdf["id"])
    assert list(ours["sentence"]) == list(gdf["sentence"])
    assert ours.geometry.notna().sum() == gdf.geometry.notna().sum()
    placed = ours.geometry.notna()
    assert (ours.geometry[placed].x.round(6) == gdf.geometry[placed].x.round(6)).all()
    pd.testing.assert_series_equal(ours["geonameid"], gdf["geonameid"])


@pytest.mark.parametrize("ext", EXTS)
def test_places_round_trip(tmp_path, ext):
    gdf = places_frame(corpus())
    path = tmp_path / f"places{ext}"
    write(gdf, path)
    back = io.read_places(path)
    assert len(back) == len(gdf)
    assert list(back["text"]) == list(gdf["text"])
    assert list(back["role"]) == list(gdf["role"])
    assert list(back["end"]) == list(gdf["end"])
    assert list(back.columns) == list(gdf.columns)


def test_geojson_follows_rfc7946(tmp_path):
    docs = corpus()
    path = tmp_path / "e.geojson"
    write(events_frame(docs), path)
    data = json.loads(path.read_text())
    assert data["type"] == "FeatureCollection" and "crs" not in data
    ids = [f["id"] for f in data["features"]]
    assert len(set(ids)) == len(ids) == n_events(docs)
    for f in data["features"]:
        g = f["geometry"]
        if g is None:
            continue
        lon, lat = g["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert all(len(str(c).split(".")[-1]) <= 6 for c in (lon, lat))
    # writing twice gives the same bytes: ids and order are stable
    again = tmp_path / "again.geojson"
    write(events_frame(corpus()), again)
    assert again.read_bytes() == path.read_bytes()


def test_coordinates_rounded_to_six_decimals(tmp_path):
    rec = {"id": "x", "event_type": "ASSAULT", "lon": 30.123456789, "lat": -10.987654321}
    path = tmp_path / "r.geojson"
    write([rec], path)
    f = json.loads(path.read_text())["features"][0]
    assert f["geometry"]["coordinates"] == [30.123457, -10.987654]


def test_documents_to_gpkg_give_both_layers(tmp_path):
    import pyogrio

    docs = corpus()
    path = tmp_path / "all.gpkg"
    write(docs, path)
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == {"events", "places"}
    assert len(gpd.read_file(path, layer="events")) == n_events(docs)
    assert len(gpd.read_file(path, layer="places")) == sum(len(d.mentions) for d in docs)
    write(events_frame(docs[:1]), path)  # replaces only the events layer
    assert len(gpd.read_file(path, layer="events")) == len(docs[0].events)
    assert len(gpd.read_file(path, layer="places")) == sum(len(d.mentions) for d in docs)


def test_records_and_documents_are_accepted(tmp_path):
    docs = corpus()
    from geoevents.frames import event_records

    recs = [r for d in docs for r in event_records(d)]
    write(recs, tmp_path / "r.fgb")
    write(docs, tmp_path / "d.csv")
    write(docs, tmp_path / "p.parquet", layer="places")
    assert len(read_events(tmp_path / "r.fgb")) == len(recs)
    assert len(read_events(tmp_path / "d.csv")) == len(recs)
    assert len(io.read_places(tmp_path / "p.parquet")) == sum(len(d.mentions) for d in docs)


def test_unknown_extension_and_missing_folder(tmp_path):
    with pytest.raises(ValueError, match="unknown output format"):
        write(events_frame(corpus()), tmp_path / "x.shp")
    with pytest.raises(OSError, match="does not exist"):
        write(events_frame(corpus()), tmp_path / "nope" / "x.geojson")


def test_streaming_writer_renames_at_close(tmp_path):
    path = tmp_path / "s.geojson"
    with GeoJSONWriter(path) as w:
        for i in range(1000):
            w.add({"id": f"d:e{i}", "event_type": "PROTEST", "lon": i * 0.1, "lat": 1.0})
            if i == 10:
                assert not path.exists()  # nothing visible until closed
    data = json.loads(path.read_text())
    assert len(data["features"]) == w.count == 1000
    assert len(read_events(path)) == 1000


def test_streaming_writer_abort_leaves_target_untouched(tmp_path):
    path = tmp_path / "s.geojson"
    path.write_text("old")
    with pytest.raises(RuntimeError):
        with GeoJSONWriter(path) as w:
            w.add({"event_type": "X", "lon": 1, "lat": 2})
            raise RuntimeError("boom")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["s.geojson"]


def test_streaming_writer_accepts_features_and_file_objects(tmp_path):
    import io as stdio

    buf = stdio.StringIO()
    with GeoJSONWriter(buf) as w:
        w.add({"type": "Feature", "id": 1, "geometry": None, "properties": {"event_type": "X"}})
    assert json.loads(buf.getvalue())["features"][0]["id"] == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json at all", "not GeoJSON"),
        ('{"type": "Feature"}', "not GeoJSON"),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
            ' "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}]}',
            "LineString",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
            ' "geometry": {"type": "Point", "coordinates": [200, 10]}}]}',
            "out of range",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
            ' "geometry": {"type": "Point", "coordinates": [10, -91]}}]}',
            "out of range",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature",'
            ' "properties": {"name": "x"}, "geometry": null}]}',
            "not a geoevents events file",
        ),
    ],
)
def test_read_events_rejects_bad_input_in_one_line(tmp_path, content, message):
    path = tmp_path / "bad.geojson"
    path.write_text(content)
    with pytest.raises(ValueError, match=message) as info:
        read_events(path)
    assert "\n" not in str(info.value)


def test_read_events_rejects_bad_geoparquet(tmp_path):
    from shapely.geometry import LineString

    bad = gpd.GeoDataFrame({"event_type": ["X"]}, geometry=[LineString([(0, 0), (1, 1)])], crs=4326)
    bad.to_parquet(tmp_path / "bad.parquet")
    with pytest.raises(ValueError, match="LineString"):
        read_events(tmp_path / "bad.parquet")
    (tmp_path / "junk.parquet").write_text("junk")
    with pytest.raises(ValueError, match="not GeoParquet"):
        read_events(tmp_path / "junk.parquet")
    with pytest.raises(OSError):
        read_events(tmp_path / "missing.parquet")


def test_formats_table_lists_every_writer():
    assert set(EXTS) == set(FORMATS)


@pytest.mark.skipif(OGRINFO is None, reason="GDAL's ogrinfo (gdal-bin) is not installed")
@pytest.mark.parametrize(
    ("ext", "layer"), [(".geojson", None), (".gpkg", "events"), (".fgb", None)]
)
def test_ogrinfo_reads_wgs84_and_feature_count(tmp_path, ext, layer):
    docs = corpus()
    path = tmp_path / f"events{ext}"
    write(docs, path) if ext == ".gpkg" else write(events_frame(docs), path)
    cmd = (
        [OGRINFO, "-so", "-al", str(path)] if layer is None else [OGRINFO, "-so", str(path), layer]
    )
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Feature Count: (\d+)", out).group(1)) == n_events(docs)
    assert 'ID["EPSG",4326]' in out or "WGS 84" in out
    assert re.search(r'ID\["EPSG",\s*4326\]', out), out
    assert "Geometry: Point" in out


@pytest.mark.skipif(OGRINFO is None, reason="GDAL's ogrinfo (gdal-bin) is not installed")
def test_ogrinfo_sees_both_gpkg_layers(tmp_path):
    docs = corpus()
    path = tmp_path / "both.gpkg"
    write(docs, path)
    run = subprocess.run([OGRINFO, str(path)], capture_output=True, text=True, check=True)
    assert "events (Point)" in run.stdout and "places (Point)" in run.stdout
    assert "Warning" not in run.stderr  # a GeoPackage version older GDAL/QGIS read cleanly
    assert n_placed(docs) <= n_events(docs)
