"""The whole pipeline for one article: text -> mentions -> places -> events -> Document."""

from __future__ import annotations

from collections.abc import Sequence

from .document import Document
from .gazetteer import Gazetteer
from .geoparse import geoparse


def parse(
    text: str,
    *,
    id: str = "",
    date: str | None = None,
    title: str = "",
    url: str = "",
    mentions: Sequence[tuple[int, int]] | None = None,
    triggers: Sequence[tuple[int, int]] | None = None,
    events: bool = True,
    gazetteer: Gazetteer | None = None,
) -> Document:
    """Geoparse an article and (unless events=False) extract its events; returns a Document."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    found = geoparse(text, spans=mentions, gazetteer=gazetteer)
    extracted: tuple = ()
    if events:
        from .events import extract_events

        spans = [tuple(t) for t in triggers] if triggers is not None else None
        extracted = extract_events(text, found, date=date, triggers=spans)
    return Document(
        text=text,
        id=str(id or ""),
        date=date,
        title=title or "",
        url=url or "",
        mentions=found,
        events=tuple(extracted),
    )
