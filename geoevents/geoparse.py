"""Geoparsing: text in, resolved place mentions out."""

from __future__ import annotations

from collections.abc import Sequence

from .gazetteer import Gazetteer, default_gazetteer
from .mention import Mention
from .recognize import Recognizer, Span
from .resolve import resolve
from .roles import role

_RECOGNIZERS: dict[int, Recognizer] = {}


def recognizer_for(gazetteer: Gazetteer) -> Recognizer:
    """The default recogniser over a gazetteer, built once."""
    rec = _RECOGNIZERS.get(id(gazetteer))
    if rec is None:
        rec = _RECOGNIZERS[id(gazetteer)] = Recognizer(gazetteer)
    return rec


def spacy_recognizer(gazetteer: Gazetteer | None = None, nlp: object | None = None):
    """A spaCy recogniser whose PERSON/PRODUCT/ORG labels the gazetteer may overrule."""
    from .spacy_backend import SpacyRecognizer

    key = (id(gazetteer), id(nlp))
    if key not in _SPACY:
        rec = recognizer_for(gazetteer or default_gazetteer())
        _SPACY[key] = SpacyRecognizer(nlp, is_strong_place=rec.is_strong)
    return _SPACY[key]


_SPACY: dict[tuple[int, int], object] = {}


def geoparse(
    text: str,
    *,
    spans: Sequence[tuple[int, int]] | None = None,
    gazetteer: Gazetteer | None = None,
    recognizer: object | None = None,
    backend: str = "gazetteer",
) -> tuple[Mention, ...]:
    """Find and resolve place mentions; with `spans`, resolve exactly those, in order.

    `backend="spacy"` proposes spans with spaCy's English pipeline (extra [spacy]) instead of
    the built-in gazetteer recogniser; `recognizer` takes any object with `.spans(text)`.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if backend not in {"gazetteer", "spacy"}:
        raise ValueError(f"unknown backend {backend!r}: choose 'gazetteer' or 'spacy'")
    gaz = gazetteer or default_gazetteer()
    rec = recognizer_for(gaz)
    if backend == "spacy" and recognizer is None and spans is None:
        recognizer = spacy_recognizer(gazetteer)
    if spans is not None:
        found: list[Span] = []
        for start, end in spans:
            if not (0 <= start < end <= len(text)):
                raise ValueError(f"span ({start}, {end}) is outside the text")
            found.append(rec.given_span(text, start, end))
    elif recognizer is not None:
        found = [rec.given_span(text, s, e) for s, e, *_ in recognizer.spans(text)]
    else:
        found = rec.recognize(text)
    resolved = resolve(gaz, found, text)
    out = []
    for span, res in zip(found, resolved, strict=True):
        out.append(
            Mention(
                start=span.start,
                end=span.end,
                text=span.text,
                kind=span.kind,
                role=role(text, span.start, span.end, res.place, span.kind),
                place=res.place,
                score=res.score,
                alternatives=res.alternatives,
                reason="; ".join([*span.reasons, res.reason]),
            )
        )
    return tuple(out)
