"""Input readers and the `geoevents places|events|map` command line, end to end."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geoevents.inputs import Failure, Record, expand_inputs, read_inputs, read_stdin

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def lines(*rows) -> bytes:
    out = []
    for row in rows:
        out.append(row if isinstance(row, bytes) else json.dumps(row).encode())
    return b"\n".join(out) + b"\n"


# --------------------------------------------------------------------------------------------
# Readers


def test_jsonl_records_and_every_kind_of_bad_line(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + lines(
            {
                "id": "a",
                "text": "Shelling in Kharkiv.",
                "date": "2024-05-01",
                "title": "T",
                "url": "http://x",
                "mentions": [{"start": 12, "end": 19}],
                "events": [{"start": 0, "end": 8}],
            },
            b"{not json",
            b"",
            {"id": "c"},
            {"id": "d", "text": 5},
            b'{"id": "e", "text": "caf\xff"}',
            [1, 2],
            {"text": "no id here"},
            {"id": 7, "text": "numeric id"},
            {"id": "s", "text": "x", "mentions": [{"start": 0, "end": 5}]},
            {"id": "t", "text": "x", "mentions": [{"start": "0", "end": 1}]},
            {"id": "u", "text": "x", "date": ["2024"]},
            b'{"id": "v", "text": "lone \\ud800 surrogate"}',
        )
    )
    items = list(read_inputs([str(path)]))
    kinds = [(type(i).__name__, i.line) for i in items]
    assert kinds == [
        ("Record", 1),
        ("Failure", 2),
        ("Failure", 4),
        ("Failure", 5),
        ("Failure", 6),
        ("Failure", 7),
        ("Record", 8),
        ("Record", 9),
        ("Failure", 10),
        ("Failure", 11),
        ("Failure", 12),
        ("Failure", 13),
    ]
    first = items[0]
    assert first == Record(
        text="Shelling in Kharkiv.",
        id="a",
        date="2024-05-01",
        title="T",
        url="http://x",
        mentions=((12, 19),),
        triggers=((0, 8),),
        source=str(path),
        line=1,
        nbytes=first.nbytes,
    )
    reasons = {i.line: i.reason for i in items if isinstance(i, Failure)}
    assert reasons[2].startswith("bad JSON")
    assert reasons[4] == "missing text"
    assert reasons[5] == "wrong type: text must be a string, got int"
    assert reasons[6].startswith("undecodable bytes")
    assert reasons[7].startswith("not a JSON object")
    assert reasons[10].startswith("bad span")
    assert reasons[11].startswith("wrong type: mentions[0]")
    assert reasons[12].startswith("wrong type: date")
    assert "surrogate" in reasons[13]
    assert items[2].id == "c" and items[3].id == "d"  # ids kept where the line parsed
    assert items[6].id == "news:8"  # no id: file stem and line number
    assert items[7].id == "7"
    assert all("\n" not in i.reason for i in items if isinstance(i, Failure))


def test_failure_serialises_to_one_errors_file_line():
    row = json.loads(Failure("missing text", id="x", source="a.jsonl", line=3).to_json())
    assert row == {"source": "a.jsonl", "line": 3, "id": "x", "reason": "missing text"}


def test_text_files_and_folders_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zagreb news.")
    (tmp_path / "a.txt").write_text("\ufeffAthens news.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "Cairo news."}\n')
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / ".hidden.txt").write_text("ignored")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    items = list(read_inputs([str(tmp_path)]))
    assert [i.id for i in items] == ["a", "z", "bad", "c:1"]  # sorted paths, sub-folders too
    by_id = {i.id: i for i in items}
    assert by_id["a"].text == "Athens news."  # BOM dropped
    assert isinstance(by_id["bad"], Failure) and by_id["bad"].reason.startswith("undecodable")
    assert by_id["z"].text == "Zagreb news." and by_id["c:1"].text == "Cairo news."


def test_unknown_and_missing_inputs_are_one_line_errors(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(ValueError, match="unsupported input type"):
        expand_inputs([str(tmp_path / "x.pdf")])
    with pytest.raises(FileNotFoundError, match="no such file"):
        expand_inputs([str(tmp_path / "missing.txt")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="no .txt or .jsonl"):
        expand_inputs([str(tmp_path / "empty")])


def test_stdin_as_jsonl_or_as_one_article():
    jsonl = lines({"id": "a", "text": "one"}, b"garbage", {"text": "three"})
    items = list(read_stdin(io.BytesIO(b"\n" + jsonl)))
    assert [type(i).__name__ for i in items] == ["Record", "Failure", "Record"]
    assert [i.line for i in items] == [2, 3, 4]
    assert items[2].id == "stdin:4"
    plain = list(read_stdin(io.BytesIO("KYIV, Ukraine (AP) \u2014 Shelling.\nMore.\n".encode())))
    assert len(plain) == 1 and plain[0].id == "stdin" and plain[0].text.startswith("KYIV")
    assert plain[0].text.endswith("More.\n")
    # A JSON line without "text" is an article that happens to look like JSON.
    assert len(list(read_stdin(io.BytesIO(b'{"a": 1}\n{"b": 2}\n')))) == 1
    assert list(read_stdin(io.BytesIO(b""))) == []


# --------------------------------------------------------------------------------------------
# Command line (real pipeline)

needs_pipeline = pytest.mark.skipif(
    not (REPO / "geoevents" / "pipeline.py").exists(), reason="geoevents.pipeline not there yet"
)


def geoevents(*args, stdin: bytes | None = None, timeout: float = 300):
    return subprocess.run(
        [sys.executable, "-m", "geoevents", *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        cwd=REPO,
    )


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A JSONL file of seed-article paragraphs with corrupt lines mixed in."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    paragraphs = [p for t in seed_texts() for p in t.split("\n") if len(p.split()) > 8]
    rows = []
    for i, para in enumerate(paragraphs * 4):
        rows.append({"id": f"p{i}", "text": para, "date": f"2024-03-0{i % 9 + 1}"})
    raw = [json.dumps(r).encode() for r in rows]
    raw.insert(3, b'{"id": "broken", "text": ')
    raw.insert(10, b'{"id": "notext"}')
    raw.insert(20, b'{"id": "bytes", "text": "\xc3\x28"}')
    path.write_bytes(b"\n".join(raw) + b"\n")
    return path


def features(path_or_bytes) -> list[dict]:
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    collection = json.loads(data)
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    return collection["features"]


@needs_pipeline
def test_places_on_a_text_file_to_stdout():
    seed = sorted(SEEDS.glob("*.txt"))[0]
    done = geoevents("places", seed, "--quiet")
    assert done.returncode == 0, done.stderr.decode()
    feats = features(done.stdout)
    assert feats, "the seed article names places"
    for f in feats:
        props = f["properties"]
        for key in (
            "doc",
            "start",
            "end",
            "text",
            "kind",
            "role",
            "geonameid",
            "name",
            "feature_code",
            "country_code",
            "admin1",
            "population",
            "score",
        ):
            assert key in props
        assert props["doc"] == seed.stem
        if f["geometry"] is not None:
            lon, lat = f["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert len({f["id"] for f in feats}) == len(feats)


@needs_pipeline
def test_places_with_given_spans_returns_exactly_those(tmp_path):
    text = "Officials in Kyiv and Lviv said shelling hit Kharkiv."
    spans = [{"start": 45, "end": 52}, {"start": 13, "end": 17}]
    path = tmp_path / "given.jsonl"
    path.write_text(json.dumps({"id": "g", "text": text, "mentions": spans}) + "\n")
    done = geoevents("places", path, "-q")
    assert done.returncode == 0, done.stderr.decode()
    got = [(f["properties"]["start"], f["properties"]["end"]) for f in features(done.stdout)]
    assert got == [(45, 52), (13, 17)]


@needs_pipeline
def test_events_with_corrupt_lines_errors_file_and_strict(tmp_path, corpus):
    out, errors = tmp_path / "events.geojson", tmp_path / "errors.jsonl"
    done = geoevents("events", corpus, "-o", out, "--errors", errors, "--jobs", "2")
    assert done.returncode == 0, done.stderr.decode()
    summary = done.stderr.decode().strip().splitlines()
    assert len(summary) == 1 and "3 failed" in summary[0]  # one line, no progress bar (no tty)
    bad = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [b["line"] for b in bad] == [4, 11, 21]
    assert [b["id"] for b in bad] == ["", "notext", "bytes"]
    assert all(set(b) == {"source", "line", "id", "reason"} for b in bad)
    feats = features(out)
    good_ids = {json.loads(raw)["id"] for raw in corpus.read_bytes().splitlines() if _is_good(raw)}
    assert {f["properties"]["doc"] for f in feats} <= good_ids
    assert feats, "the seed paragraphs report events"
    for f in feats:
        assert f["properties"]["location_role"] in {"occurred", "proposed", ""}
    strict = geoevents("events", corpus, "-o", tmp_path / "s.geojson", "--strict", "-q")
    assert strict.returncode == 1 and strict.stderr == b""
    # Same events with one process as with two.
    single = geoevents("events", corpus, "-o", tmp_path / "one.geojson", "--jobs", "1", "-q")
    assert single.returncode == 0
    assert features(tmp_path / "one.geojson") == feats


def _is_good(raw: bytes) -> bool:
    try:
        row = json.loads(raw)
    except ValueError:
        return False
    return "text" in row


@needs_pipeline
@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".gpkg", ".fgb", ".parquet", ".kml"])
def test_every_output_format_reads_back(tmp_path, corpus, suffix):
    from geoevents.io import read_events

    ref = tmp_path / "ref.geojson"
    assert geoevents("events", corpus, "-o", ref, "-q").returncode == 0
    out = tmp_path / f"events{suffix}"
    done = geoevents("events", corpus, "-o", out, "-q")
    assert done.returncode == 0, done.stderr.decode()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left
    frame = read_events(out)
    expected = features(ref)
    assert len(frame) == len(expected)
    assert list(frame["trigger_start"]) == [f["properties"]["trigger_start"] for f in expected]
    if suffix == ".gpkg":
        import geopandas as gpd

        assert len(gpd.read_file(out, layer="places")) > 0


@needs_pipeline
def test_stdin_jsonl_and_plain_text():
    text = seed_texts()[0]
    plain = geoevents("places", "-", "-q", stdin=text.encode())
    assert plain.returncode == 0 and features(plain.stdout)
    assert {f["properties"]["doc"] for f in features(plain.stdout)} == {"stdin"}
    jsonl = geoevents("places", "-", "-q", stdin=lines({"id": "s1", "text": text}))
    assert features(jsonl.stdout) == [
        {**f, "id": f["id"].replace("stdin", "s1"), "properties": {**f["properties"], "doc": "s1"}}
        for f in features(plain.stdout)
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["events", "missing.jsonl"], "no such file"),
        (["events", "pyproject.toml"], "unsupported input"),
        (["events", "seeds", "-o", "out.xyz"], "unknown output format"),
        (["events", "seeds", "-o", "/nonexistent/dir/out.geojson"], "does not exist"),
        (["events", "seeds", "--engine", "dask"], "give -o FOLDER"),
    ],
)
def test_bad_arguments_give_one_line_errors(args, message):
    done = geoevents(*args)
    err = done.stderr.decode()
    assert done.returncode != 0
    assert "Traceback" not in err and message in err
    assert len(err.strip().splitlines()) == 1


@needs_pipeline
def test_interrupted_run_keeps_what_was_written(tmp_path):
    text = " ".join(seed_texts())
    big = tmp_path / "big.jsonl"
    with big.open("w") as fh:
        for i in range(2000):
            fh.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")
    out = tmp_path / "partial.csv"
    proc = subprocess.Popen(
        [sys.executable, "-m", "geoevents", "events", str(big), "-o", str(out), "--jobs", "2"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if out.exists() and out.stat().st_size > 10_000:
            break
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert "interrupted after" in err.decode() and "Traceback" not in err.decode()
    import csv

    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0][0] == "id" and len(rows) > 1
    assert len({len(r) for r in rows}) == 1  # no half-written row


# --------------------------------------------------------------------------------------------
# geoevents map: bad event files are one-line errors

POINT = {"type": "Point", "coordinates": [30.52, 50.45]}


def event_feature(geometry) -> dict:
    return {
        "type": "Feature",
        "id": "d:e0",
        "geometry": geometry,
        "properties": {"doc": "d", "event_type": "ASSAULT", "trigger": "shelled"},
    }


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("garbage.geojson", b"this is not json", "not GeoJSON"),
        ("list.geojson", b"[1, 2, 3]", "not GeoJSON"),
        ("binary.geojson", b"\xff\xd8\xff\xe0 jpeg?", "not GeoJSON"),
        (
            "line.geojson",
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        event_feature({"type": "LineString", "coordinates": [[0, 0], [1, 1]]})
                    ],
                }
            ).encode(),
            "LineString",
        ),
        (
            "range.geojson",
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [event_feature({"type": "Point", "coordinates": [200.0, 50.0]})],
                }
            ).encode(),
            "out of range",
        ),
        (
            "lat.geojson",
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [event_feature({"type": "Point", "coordinates": [30.0, -91.0]})],
                }
            ).encode(),
            "out of range",
        ),
        (
            "places.geojson",
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {"type": "Feature", "geometry": POINT, "properties": {"text": "Kyiv"}}
                    ],
                }
            ).encode(),
            "not a geoevents events file",
        ),
        ("bad.parquet", b"PAR1 not really parquet", "not GeoParquet"),
    ],
)
def test_map_rejects_bad_event_files_in_one_line(tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    done = geoevents("map", bad, "-o", tmp_path / "map.html")
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "Traceback" not in err and message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "map.html").exists()


def test_map_needs_an_html_output(tmp_path):
    done = geoevents("map", "seeds", "-o", tmp_path / "map.png")
    assert done.returncode == 1 and "must end in .html" in done.stderr.decode()


@needs_pipeline
def test_map_from_articles_and_from_event_files(tmp_path):
    pytest.importorskip("geoevents.maps")
    html_out, geojson_out = tmp_path / "map.html", tmp_path / "events.geojson"
    done = geoevents("map", SEEDS, "-o", html_out, "--geojson", geojson_out, "-q")
    assert done.returncode == 0, done.stderr.decode()
    page = html_out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert not re.search(r"<script[^>]+src=[\"']https?:", page)  # everything inlined
    feats = features(geojson_out)
    assert feats and all(f["properties"]["event_type"] for f in feats)
    parquet = tmp_path / "events.parquet"
    assert geoevents("events", SEEDS, "-o", parquet, "-q").returncode == 0
    again = geoevents(
        "map",
        geojson_out,
        parquet,
        "-o",
        tmp_path / "again.html",
        "--geojson",
        tmp_path / "again.geojson",
        "-q",
    )
    assert again.returncode == 0, again.stderr.decode()
    assert len(features(tmp_path / "again.geojson")) == 2 * len(feats)
