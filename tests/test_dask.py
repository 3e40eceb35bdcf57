"""Dask engine: partitions of the inputs, and a two-worker LocalCluster giving the same events."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask")
pytest.importorskip("dask_geopandas")
distributed = pytest.importorskip("distributed")

import cloudpickle  # noqa: E402

from geoevents import Document, Event, Mention, Place  # noqa: E402
from geoevents.batch import Rows, map_ordered, record_rows  # noqa: E402
from geoevents.dask import (  # noqa: E402
    events_from_bag,
    places_from_dataframe,
    plan_partitions,
    read_partition,
    run_cli,
)
from geoevents.frames import EVENT_SCHEMA, frame_from_records  # noqa: E402
from geoevents.inputs import Failure, read_inputs  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
KYIV = Place(703448, "Kyiv", 50.45, 30.52, "P", "PPLC", "UA", population=2_797_553)

# Workers are separate processes that cannot import this test module: ship its functions by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def small_parse(
    text, *, id="", date=None, title="", url="", mentions=None, triggers=None, events=True
):
    """A deterministic processing function on the real dataclasses (the pipeline is tested too)."""
    if "RAISE" in text:
        raise ValueError("cannot process")
    found = tuple(
        Mention(m.start(), m.end(), m.group(), place=KYIV if m.group() == "Kyiv" else None)
        for m in re.finditer(r"\b[A-Z][a-z]+\b", text)
    )
    evs = (
        tuple(
            Event(
                "ASSAULT",
                m.group(),
                m.start(),
                m.end(),
                text,
                location=found[0] if found else None,
                date=date,
            )
            for m in re.finditer(r"\battack\w*", text)
        )
        if events
        else ()
    )
    return Document(text, id, date, title, url, found, evs)


def write_corpus(path: Path, n: int, texts: list[str]) -> list[int]:
    """n JSONL lines cycling through texts, with bad lines; returns the bad line numbers."""
    bad = []
    with path.open("wb") as fh:
        for i in range(1, n + 1):
            if i % 37 == 0:
                fh.write(b'{"id": "cut", "text": "trunc\n')
                bad.append(i)
            elif i % 53 == 0:
                fh.write(json.dumps({"id": f"x{i}", "text": "RAISE now"}).encode() + b"\n")
                bad.append(i)
            else:
                row = {"id": f"d{i}", "text": texts[i % len(texts)], "date": "2024-02-01"}
                fh.write(json.dumps(row).encode() + b"\n")
    return bad


TEXTS = ["Kyiv attacked at dawn.", "Quiet day in Lviv.", "Odesa attack; Kyiv attacks back.", ""]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def test_partitions_cover_the_file_with_the_right_line_numbers(tmp_path):
    path = tmp_path / "c.jsonl"
    write_corpus(path, 500, TEXTS)
    parts = plan_partitions([str(path)], target_bytes=1000)
    assert len(parts) > 10
    assert parts[0].start == 0 and parts[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in zip(parts, parts[1:], strict=False))
    from_parts = [item for part in parts for item in read_partition(part)]
    assert from_parts == list(read_inputs([str(path)]))


def test_partitions_of_text_files_and_no_stdin(tmp_path):
    files = []
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Article {i} about Kyiv.")
        files.append(str(tmp_path / f"{i}.txt"))
    parts = plan_partitions(files)
    assert [item.id for part in parts for item in read_partition(part)] == ["0", "1", "2", "3", "4"]
    with pytest.raises(ValueError, match="not stdin"):
        plan_partitions(["-"])


def cli_args(inputs, output, scheduler, errors=None):
    return argparse.Namespace(
        inputs=[str(i) for i in inputs],
        output=str(output),
        jobs=2,
        errors=str(errors) if errors else None,
        strict=False,
        quiet=True,
        scheduler=scheduler,
    )


def local_rows(path: Path, layer: str, parse=None):
    func = lambda r: record_rows(r, layers=(layer,), parse=parse)  # noqa: E731
    rows, failures = [], []
    for result in map_ordered(func, read_inputs([str(path)]), jobs=1):
        if isinstance(result, Failure):
            failures.append(result)
        else:
            assert isinstance(result, Rows)
            rows.extend(getattr(result, layer))
    return rows, failures


def parts_rows(folder: Path) -> list[dict]:
    import pyarrow.parquet as pq

    rows = []
    for part in sorted(folder.glob("part.*.parquet")):
        rows.extend(pq.read_table(part).to_pylist())
    return rows


def comparable(rows: list[dict]) -> list[dict]:
    keep = [c.name for c in EVENT_SCHEMA]
    return [{k: r.get(k) for k in keep} for r in rows]


def test_cli_engine_on_two_workers_matches_one_process(tmp_path, client, monkeypatch):
    corpus = tmp_path / "corpus.jsonl"
    bad = write_corpus(corpus, 400, TEXTS)
    out, errors = tmp_path / "events", tmp_path / "errors.jsonl"
    args = cli_args([corpus], out, client.scheduler.address, errors)
    monkeypatch.setattr("geoevents.dask.PARTITION_BYTES", 2000)  # many partitions, two workers
    assert run_cli(args, "events", parse=small_parse) == 0
    assert len(list(out.glob("part.*.parquet"))) > 2
    expected, failures = local_rows(corpus, "events", small_parse)
    got = parts_rows(out)
    assert comparable(got) == comparable(expected)
    assert [json.loads(x)["line"] for x in errors.read_text().splitlines()] == bad
    assert [f.line for f in failures] == bad
    import dask_geopandas

    frame = dask_geopandas.read_parquet(str(out)).compute()
    assert len(frame) == len(expected) and frame.crs.to_epsg() == 4326


def test_bag_and_dataframe_give_dask_geopandas_frames(client):
    import dask.bag as db
    import dask.dataframe as dd
    import dask_geopandas
    import pandas as pd

    records = [{"id": f"r{i}", "text": t} for i, t in enumerate(TEXTS * 3)]
    bag = db.from_sequence(records + [{"id": "bad"}], npartitions=3)
    events = events_from_bag(bag, parse=small_parse)
    assert isinstance(events, dask_geopandas.GeoDataFrame)
    got = events.compute()
    rows = [
        r
        for rec in records
        for r in record_rows(_rec(rec), layers=("events",), parse=small_parse).events
    ]
    expected = frame_from_records(rows, EVENT_SCHEMA)
    assert list(got["id"]) == list(expected["id"])
    assert got.geometry.reset_index(drop=True).equals(expected.geometry)
    texts = events_from_bag(db.from_sequence(TEXTS, npartitions=2), parse=small_parse).compute()
    assert set(texts["doc"]) <= {f"p{p}:{i}" for p in range(2) for i in range(4)}
    df = dd.from_pandas(
        pd.DataFrame({"body": TEXTS}, index=[f"k{i}" for i in range(4)]), npartitions=2
    )
    places = places_from_dataframe(df, "body", parse=small_parse).compute()
    assert list(places["doc"]) == ["k0", "k1", "k1", "k2", "k2"]
    assert list(places["text"]) == ["Kyiv", "Quiet", "Lviv", "Odesa", "Kyiv"]
    with pytest.raises(ValueError, match="cannot process"):
        events_from_bag(db.from_sequence(["RAISE"]), parse=small_parse, on_error="raise").compute()


def _rec(row):
    from geoevents.inputs import record_from_json

    return record_from_json(row)


def test_pipeline_on_two_workers_gives_the_same_events(tmp_path, client, monkeypatch):
    pytest.importorskip("geoevents.pipeline")
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    paragraphs = [p for t in seeds for p in t.split("\n") if len(p.split()) > 8]
    corpus = tmp_path / "seeds.jsonl"
    write_corpus(corpus, 300, paragraphs)
    monkeypatch.setattr("geoevents.dask.PARTITION_BYTES", 20_000)
    out = tmp_path / "events"
    assert run_cli(cli_args([corpus], out, client.scheduler.address), "events") == 0
    # The single-process reference runs in a fresh process, like the CLI user's would.
    ref = tmp_path / "one.geojson"
    done = subprocess.run(
        [sys.executable, "-m", "geoevents", "events", str(corpus), "-j", "1", "-q", "-o", str(ref)],
        cwd=REPO,
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr.decode()
    expected = [
        {**f["properties"], "id": f["id"], "lon": lonlat(f)[0], "lat": lonlat(f)[1]}
        for f in json.loads(ref.read_text(encoding="utf-8"))["features"]
    ]
    assert expected, "the seed paragraphs report events"
    assert comparable(parts_rows(out)) == comparable(expected)


def lonlat(feature: dict) -> tuple:
    geometry = feature["geometry"]
    return tuple(geometry["coordinates"]) if geometry else (None, None)
