"""The optional spaCy backend (skipped when the [spacy] extra or an English pipeline is absent)."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from geoevents import spacy_backend  # noqa: E402
from geoevents.spacy_backend import SpacyRecognizer, spacy_spans  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy_backend.load_model()
    except ImportError as exc:
        pytest.skip(str(exc))


def test_load_model_is_cached(nlp):
    assert spacy_backend.load_model() is nlp
    assert "ner" in nlp.pipe_names


def test_spans_are_places_with_offsets_into_the_text(nlp):
    text = "She flew from Paris to Berlin, then drove across Germany to Poland."
    spans = spacy_spans(text, nlp)
    assert spans == sorted(spans)
    surfaces = {text[s:e] for s, e, _ in spans}
    assert {"Paris", "Berlin", "Germany", "Poland"} <= surfaces
    assert all(label in spacy_backend.PLACE_LABELS for _, _, label in spans)


def test_leading_article_is_trimmed(nlp):
    text = "Officials in the United States and the Netherlands met on Monday."
    surfaces = [text[s:e] for s, e, _ in spacy_spans(text, nlp)]
    assert "United States" in surfaces
    assert not any(s.lower().startswith("the ") for s in surfaces)


def test_labels_filter(nlp):
    text = "Ukrainian troops left Kharkiv for Poland."
    only_gpe = spacy_spans(text, nlp, labels=("GPE",))
    assert only_gpe and all(label == "GPE" for _, _, label in only_gpe)
    assert spacy_spans(text, nlp, labels=()) == []


def test_gazetteer_overrules_spacy_labels(nlp):
    text = "Russia's Kursk region was shelled again, officials in Moscow said."
    doc = nlp(text)
    mislabelled = [e for e in doc.ents if e.label_ in spacy_backend.OVERRULE_LABELS]
    strong = {"Kursk", "Moscow", "Russia"}
    plain = SpacyRecognizer(nlp).spans(text)
    overruled = SpacyRecognizer(nlp, is_strong_place=strong.__contains__).spans(text)
    plain_set = set(plain)
    extra = [span for span in overruled if span not in plain_set]
    # exactly the non-place entities the gazetteer vouches for are added, with their spaCy label
    expected = sorted((e.start_char, e.end_char, e.label_) for e in mislabelled if e.text in strong)
    assert extra == expected
    assert overruled == sorted(overruled)
    # the pinned small English model labels Kursk as a PRODUCT here
    assert (9, 14, "PRODUCT") in overruled
    assert all(text[s:e] != "Kursk" for s, e, _ in plain)


def test_weak_names_are_not_overruled(nlp):
    text = "Paris Hilton met executives of the Washington Post in New York."
    rec = SpacyRecognizer(nlp, is_strong_place=lambda name: name in {"Paris", "Washington"})
    surfaces = [text[s:e] for s, e, _ in rec.spans(text)]
    assert "Paris Hilton" not in surfaces
    assert "Washington Post" not in surfaces
    assert "New York" in surfaces


def test_pipe_matches_spans(nlp):
    texts = ["Fighting continued near Donetsk.", "", "Floods hit Bangladesh and India."]
    rec = SpacyRecognizer(nlp)
    assert list(rec.pipe(texts)) == [rec.spans(t) for t in texts]


def test_bad_input_and_missing_model(nlp):
    with pytest.raises(TypeError, match="text must be str"):
        spacy_spans(b"Paris", nlp)
    with pytest.raises(TypeError, match="text must be str"):
        SpacyRecognizer(nlp).spans(None)
    with pytest.raises(ImportError, match="requirements-spacy.txt"):
        spacy_backend.load_model("xx_no_such_pipeline")


def test_pieces_cover_the_text_at_boundaries():
    text = ("Floods hit Dhaka.\n\n" + "Rain fell on Chittagong and Sylhet. " * 40) * 5
    parts = spacy_backend.pieces(text, limit=500)
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= 500 for _, p in parts)
    assert all(text[off : off + len(p)] == p for off, p in parts)
    assert all(p.endswith((" ", "\n")) for _, p in parts[:-1])
    assert spacy_backend.pieces("short", limit=500) == [(0, "short")]
    unbroken = "x" * 1200
    assert [len(p) for _, p in spacy_backend.pieces(unbroken, limit=500)] == [500, 500, 200]


def test_long_text_goes_through_in_pieces_with_true_offsets(nlp):
    paragraph = "Protesters marched in Berlin on Monday. Police in Munich said it was calm.\n\n"
    text = paragraph * 60  # about 4,500 characters
    whole = SpacyRecognizer(nlp).spans(text)
    chunked = SpacyRecognizer(nlp, chunk_chars=1000).spans(text)
    assert chunked and chunked == sorted(chunked)
    surfaces = {text[s:e] for s, e, _ in chunked}
    assert {"Berlin", "Munich"} <= surfaces
    assert sum(1 for s, e, _ in chunked if text[s:e] == "Berlin") == 60
    assert len(chunked) == len(whole)
