"""A place name found in a text, with the place it was resolved to."""

from __future__ import annotations

from dataclasses import dataclass, field

from .place import Place


@dataclass(frozen=True)
class Mention:
    """A span of text naming a place (toponym) or a nationality (demonym)."""

    start: int
    end: int
    text: str
    kind: str = "toponym"  # toponym | demonym
    role: str = "place"  # place | actor
    place: Place | None = None
    score: float = 0.0
    alternatives: tuple[Place, ...] = field(default=())
    reason: str = ""

    @property
    def resolved(self) -> bool:
        """True when the mention was resolved to a gazetteer entry."""
        return self.place is not None
