"""The recognition lexicon: word lists in geoevents/data/lexicon, loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def words(name: str) -> frozenset[str]:
    """The entries of data/lexicon/NAME.txt, lower-cased, comments and blanks dropped."""
    text = (resources.files("geoevents") / "data" / "lexicon" / f"{name}.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )
