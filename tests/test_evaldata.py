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


def test_end_to_end_scores_recognition_and_found_resolution():
    from benchmarks.geoparse import end_to_end
    from geoevents.place import Place

    text = "Flooding hit Paris and Lyon, then Georgia."
    paris = evaldata.GoldToponym(13, 18, "Paris", 48.853, 2.349)
    lyon = evaldata.GoldToponym(23, 27, "Lyon", 45.748, 4.847)
    georgia = evaldata.GoldToponym(34, 41, "Georgia", 42.0, 43.5)
    doc = evaldata.EvalDoc("d1", text, (paris, lyon, georgia), (paris, lyon, georgia))
    right = Place(2988507, "Paris", 48.853, 2.349, "P", "PPLC", "FR")
    wrong = Place(4197000, "Georgia", 32.75, -83.5, "A", "ADM1", "US")

    def predict(d):
        # Paris exact and right, "Lyon," overlapping but unresolved, Georgia exact and wrong,
        # "Flooding" a false positive
        return [(0, 8, None), (13, 18, right), (23, 28, None), (34, 41, wrong)]

    e = end_to_end([doc], predict)
    assert (e.overlap.tp, e.overlap.n_pred, e.overlap.n_gold) == (3, 4, 3)
    assert (e.exact.tp, e.exact.n_pred, e.exact.n_gold) == (2, 4, 3)
    assert e.found.n == 3
    assert e.found.acc161 == pytest.approx(1 / 3)
    assert e.found.unresolved == 1
    assert e.failed == 0


def test_end_to_end_reports_a_failing_document_and_goes_on(capsys):
    from benchmarks.geoparse import end_to_end

    good = evaldata.EvalDoc("ok", "Paris", (evaldata.GoldToponym(0, 5, "Paris"),), ())
    bad = evaldata.EvalDoc("bad", "Lyon", (evaldata.GoldToponym(0, 4, "Lyon"),), ())

    def predict(d):
        if d.id == "bad":
            raise ValueError("boom")
        return [(0, 5, None)]

    e = end_to_end([bad, good], predict)
    assert e.failed == 1
    assert (e.overlap.tp, e.overlap.n_gold) == (1, 2)
    assert "doc bad: ValueError: boom" in capsys.readouterr().err


@needs_eval
def test_benchmark_script_prints_its_table(capsys, tmp_path):
    from benchmarks.geoparse import main

    errors = tmp_path / "errors.tsv"
    rc = main(
        ["--corpus", "gwn", "--limit", "3", "--no-spacy", "--no-speed", "--errors", str(errors)]
    )
    out = capsys.readouterr().out
    assert rc == 0
    assert "== GWN: 3 docs" in out
    assert "Resolution with gold spans" in out and "End to end" in out
    assert "recognition types (geocoded)" in out
    assert errors.read_text(encoding="utf-8").startswith("corpus\tsystem\tdoc\tstart")


def test_benchmark_script_rejects_bad_options(capsys):
    from benchmarks.geoparse import main

    with pytest.raises(SystemExit):
        main(["--corpus", "nope"])
    with pytest.raises(SystemExit):
        main(["--limit", "0"])
    assert "--limit must be at least 1" in capsys.readouterr().err
