"""A processed article: its text, metadata, place mentions and events."""

from __future__ import annotations

from dataclasses import dataclass, field

from .event import Event
from .mention import Mention


@dataclass(frozen=True)
class Document:
    """One article with what geoevents found in it."""

    text: str
    id: str = ""
    date: str | None = None
    title: str = ""
    url: str = ""
    mentions: tuple[Mention, ...] = field(default=())
    events: tuple[Event, ...] = field(default=())
