"""Loaders of the LGL and GeoWebNews evaluation corpora (skipped when ../shared/eval is absent)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import evaldata  # noqa: E402
from benchmarks.geoparse import classify_error  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
needs_eval = pytest.mark.skipif(
    not (EVAL / "lgl.xml").is_file() or not (EVAL / "GWN.xml").is_file(),
    reason="../shared/eval is absent",
)


@pytest.fixture(scope="module")
def lgl():
    return evaldata.load_lgl()


@pytest.fixture(scope="module")
def gwn():
    return evaldata.load_gwn()


@needs_eval
def test_lgl_sizes_match_the_corpus_description(lgl):
    # ../shared/eval/README.md: 588 articles, 5,088 toponyms, 4,462 with a GeoNames gaztag
    assert len(lgl.docs) == 588
    assert lgl.n_toponyms == 5088
    assert lgl.n_geocoded == 4462
    assert lgl.dropped == {}


@needs_eval
def test_lgl_offsets_reproduce_surfaces(lgl):
    for doc in lgl.docs:
        for t in doc.toponyms:
            assert doc.text[t.start : t.end] == t.surface
        for t in doc.geocoded:
            assert t.point is not None
            assert -90 <= t.lat <= 90 and -180 <= t.lon <= 180
            assert t.geonameid is not None and t.feature_code


@needs_eval
def test_lgl_first_article_reads_its_gaztags(lgl):
    doc = lgl.docs[0]
    first = doc.geocoded[0]
    assert doc.text[first.start : first.end] == first.surface
    assert first.name and first.country
    assert all(t in doc.toponyms for t in doc.geocoded)


@needs_eval
def test_gwn_geocoded_come_from_gwn_full(gwn):
    lines = (EVAL / "gwn_full.txt").read_text(encoding="utf-8").split("\n")
    listed = sum(1 for line in lines for item in line.split("||") if item.strip())
    dropped = gwn.dropped.get("gwn_full misaligned", 0)
    assert len(gwn.docs) == 200
    assert gwn.n_geocoded + dropped == listed == 2401
    assert dropped < 10  # a handful point into the article title, not the text
    for doc in gwn.docs:
        for t in doc.geocoded:
            assert doc.text[t.start : t.end] == t.surface
            assert t.point is not None


@needs_eval
def test_gwn_recognition_types_are_nested_and_documented():
    literal = evaldata.load_gwn(types="literal")
    geocoded = evaldata.load_gwn(types="geocoded")
    everything = evaldata.load_gwn(types="all")
    assert literal.n_toponyms < geocoded.n_toponyms < everything.n_toponyms
    for small, big in ((literal, geocoded), (geocoded, everything)):
        for a, b in zip(small.docs, big.docs, strict=True):
            assert {t.span for t in a.toponyms} <= {t.span for t in b.toponyms}
    kinds = {t.type for d in geocoded.docs for t in d.toponyms}
    assert kinds <= evaldata.GWN_TYPE_SETS["geocoded"]
    assert not kinds & {"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"}
    assert "Literal" in geocoded.note
    for doc in everything.docs:
        spans = [t.span for t in doc.toponyms]
        assert len(spans) == len(set(spans))  # a doubly annotated span counts once
        for t in doc.toponyms:
            assert doc.text[t.start : t.end] == t.surface


@needs_eval
def test_limit_and_unknown_names():
    assert len(evaldata.load("lgl", limit=3).docs) == 3
    assert len(evaldata.load("gwn", limit=2).docs) == 2
    with pytest.raises(ValueError, match="unknown corpus"):
        evaldata.load("nope")
    with pytest.raises(ValueError, match="unknown GeoWebNews type set"):
        evaldata.load_gwn(types="literals")


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="evaluation file not found"):
        evaldata.load_lgl(tmp_path / "missing.xml")


def test_error_classes():
    from geoevents.place import Place

    gold = evaldata.GoldToponym(0, 5, "Paris", 48.853, 2.349, 2988507, name="Paris")
    france = Place(2988507, "Paris", 48.853, 2.349, "P", "PPLC", "FR", population=2_100_000)
    texas = Place(4717560, "Paris", 33.661, -95.555, "P", "PPLA2", "US", population=25_000)
    moved = Place(2988507, "Paris", 45.0, 2.349, "P", "PPLC", "FR")
    far = Place(1, "Paris", -30.0, 20.0, "P", "PPL", "ZA")
    assert classify_error(gold, None, []) == "no candidate"
    assert classify_error(gold, moved, [moved]) == "right entity, wrong point"
    assert classify_error(gold, texas, [texas, france]) == "ambiguity (right candidate available)"
    assert classify_error(gold, texas, [texas, far]) == "gold not among candidates"
    assert classify_error(gold, None, [texas, france]) == "ambiguity (right candidate available)"
