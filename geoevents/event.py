"""An event reported in a text, placed where it happened."""

from __future__ import annotations

from dataclasses import dataclass, field

from .mention import Mention


@dataclass(frozen=True)
class Event:
    """Who did what to whom, where and when, with the evidence."""

    event_type: str  # PLOVER type, e.g. ASSAULT
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence: str
    mode: str = ""
    cameo: str = ""
    actor: str = ""
    actor_country: str = ""  # ISO 3166 alpha-3
    target: str = ""
    target_country: str = ""
    location: Mention | None = None
    precision: str = ""  # city | admin2 | admin1 | country | region | point
    location_role: str = ""  # occurred | proposed
    date: str | None = None  # ISO 8601
    date_precision: str = ""  # day | month | year
    quantities: tuple[str, ...] = field(default=())
    evidence: str = ""
    score: float = 0.0
