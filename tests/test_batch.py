"""Batch processing: input order, same results on any number of processes, failure isolation."""

from __future__ import annotations

import io
import os
import re

import pytest

from geoevents import Document, Event, Mention, Place
from geoevents.batch import chunked, documents, map_ordered, parse_record
from geoevents.inputs import Failure, Record
from geoevents.progress import Progress

KYIV = Place(703448, "Kyiv", 50.45, 30.52, "P", "PPLC", "UA", population=2_797_553)


def capitals_parse(
    text, *, id="", date=None, title="", url="", mentions=None, triggers=None, events=True
):
    """A small, deterministic stand-in processing function built on the real dataclasses.

    It lets these tests check the batch machinery (order, isolation) independently of the
    pipeline; the pipeline itself is exercised in the CLI tests.
    """
    if "RAISE" in text:
        raise RuntimeError("cannot process\nthis document")
    if "EXIT" in text:
        os._exit(7)  # a worker dying outright, as on a segfault
    found = tuple(
        Mention(m.start(), m.end(), m.group(), place=KYIV if m.group() == "Kyiv" else None)
        for m in re.finditer(r"\b[A-Z][a-z]+\b", text)
    )
    evs = (
        tuple(
            Event(
                "ASSAULT", m.group(), m.start(), m.end(), text, location=found[0] if found else None
            )
            for m in re.finditer(r"\battack\w*", text)
        )
        if events
        else ()
    )
    return Document(text, id, date, title, url, found, evs)


def ids_of(results):
    return [r.id for r in results]


def make_records(n: int) -> list[Record]:
    words = ["Kyiv", "attack", "Odesa", "quiet", "attacked", "Lviv"]
    out = []
    for i in range(n):
        text = " ".join(words[(i + k) % len(words)] for k in range(i % 17 + 1))
        out.append(Record(text=text, id=f"r{i}", source="mem", line=i + 1, nbytes=len(text)))
    return out


def test_two_processes_give_the_same_results_in_input_order():
    records = make_records(400)
    one = list(documents(records, jobs=1, parse=capitals_parse))
    two = list(documents(records, jobs=2, parse=capitals_parse))
    assert ids_of(one) == [r.id for r in records]
    assert one == two


def test_a_crashing_document_is_reported_and_the_rest_processed():
    records = make_records(50)
    records[10] = Record(text="RAISE here", id="bad", source="mem", line=11)
    for jobs in (1, 2):
        results = list(documents(records, jobs=jobs, parse=capitals_parse))
        assert len(results) == 50
        bad = results[10]
        assert isinstance(bad, Failure)
        assert bad.id == "bad" and bad.line == 11
        assert bad.reason == "RuntimeError: cannot process this document"  # one line
        assert all(isinstance(r, Document) for i, r in enumerate(results) if i != 10)


def test_a_worker_that_dies_costs_only_its_document():
    records = make_records(120)
    records[70] = Record(text="EXIT now", id="killer", source="mem", line=71)
    results = list(documents(records, jobs=2, parse=capitals_parse))
    assert ids_of(results) == [r.id for r in records]
    assert isinstance(results[70], Failure)
    assert "worker process died" in results[70].reason
    good = [r for i, r in enumerate(results) if i != 70]
    assert all(isinstance(r, Document) for r in good)
    expected = list(documents(records[:70] + records[71:], jobs=1, parse=capitals_parse))
    assert good == expected


def test_read_failures_pass_through_in_place():
    items = [*make_records(3), Failure("bad JSON: x", source="f.jsonl", line=4), *make_records(2)]
    results = list(documents(items, jobs=2, parse=capitals_parse))
    assert isinstance(results[3], Failure) and results[3].line == 4
    assert [type(r).__name__ for r in results] == ["Document"] * 3 + ["Failure"] + ["Document"] * 2


def test_input_is_pulled_lazily_so_memory_stays_flat():
    pulled = 0

    def stream():
        nonlocal pulled
        for record in make_records(5000):
            pulled += 1
            yield record

    results = map_ordered(lambda r: r.id, stream(), jobs=1)
    next(results)
    assert pulled == 1
    results = map_ordered(_identity_id, stream_counter(counter := [0], 5000), jobs=2, chunk_size=10)
    next(results)
    # At most the window of tasks in flight (2 jobs x 4 chunks of 10) plus one chunk was read.
    assert counter[0] <= 2 * 4 * 10 + 10
    results.close()


def stream_counter(counter, n):
    for record in make_records(n):
        counter[0] += 1
        yield record


def _identity_id(record):
    return record.id


def test_chunks_are_bounded_by_count_and_bytes():
    records = make_records(100)
    chunks = list(chunked(records, size=7, max_bytes=10**9))
    assert [len(c) for c in chunks[:-1]] == [7] * (len(chunks) - 1)
    assert sum(chunks, []) == records
    big = [Record(text="x" * 600, id=str(i), nbytes=600) for i in range(10)]
    assert all(len(c) <= 2 for c in chunked(big, size=100, max_bytes=1000))


def test_parse_record_passes_spans_and_metadata():
    seen = {}

    def spy(text, **kwargs):
        seen.update(kwargs)
        return Document(text, kwargs["id"])

    record = Record(
        text="In Kyiv",
        id="a",
        date="2024-05-01",
        title="t",
        url="u",
        mentions=((3, 7),),
        triggers=None,
    )
    parse_record(record, parse=spy, events=False)
    assert seen == {
        "id": "a",
        "date": "2024-05-01",
        "title": "t",
        "url": "u",
        "mentions": ((3, 7),),
        "triggers": None,
        "events": False,
    }


def test_progress_is_silent_when_not_a_terminal():
    stream = io.StringIO()
    bar = Progress(1000, stream=stream)
    bar.update(5, 500)
    bar.close()
    assert stream.getvalue() == ""


def test_progress_shows_documents_rate_and_time_left():
    stream = io.StringIO()
    bar = Progress(1000, stream=stream, enabled=True)
    bar.update(5, 250)
    line = bar.status(now=bar.start + 2.0)
    assert "5 docs" in line and "2 docs/s" in line and "25%" in line
    assert "0:00:06 left" in line  # 2 s for a quarter: 6 s for the rest
    bar.close()
    assert stream.getvalue().endswith("\n") and "\r" in stream.getvalue()


def test_progress_without_a_total_shows_elapsed_time():
    bar = Progress(None, stream=io.StringIO(), enabled=True)
    bar.update(3)
    assert "elapsed" in bar.status(now=bar.start + 1.0)


@pytest.mark.parametrize("jobs", [2])
def test_pipeline_gives_the_same_documents_on_two_processes(jobs, tmp_path):
    pytest.importorskip("geoevents.pipeline")
    texts = [
        "Russian forces shelled Kharkiv on Tuesday, officials in Kyiv said.",
        "Protesters marched in Paris and Lyon against the pension reform.",
        "",
        "Floods hit Alexandria, Louisiana, near Rapides Parish.",
    ] * 20
    records = [Record(text=t, id=f"d{i}", nbytes=len(t)) for i, t in enumerate(texts)]
    one = list(documents(records, jobs=1))
    many = list(documents(records, jobs=jobs))
    assert all(isinstance(d, Document) for d in one)
    assert one == many
