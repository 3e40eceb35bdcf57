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


def geoparse(
    text: str,
    *,
    spans: Sequence[tuple[int, int]] | None = None,
    gazetteer: Gazetteer | None = None,
    recognizer: object | None = None,
) -> tuple[Mention, ...]:
    """Find and resolve place mentions; with `spans`, resolve exactly those, in order."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    gaz = gazetteer or default_gazetteer()
    rec = recognizer_for(gaz)
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
