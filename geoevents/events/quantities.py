"""Quantities a sentence states: "more than 500 drones and missiles", "four railway workers"."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import load_rules

_STOP_NOUNS = frozenset(
    "years year months month days day hours hour minutes weeks week km kilometers kilometres "
    "miles meters metres percent times per cent".split()
)


@lru_cache(maxsize=2)
def _pattern(flags: int = 0) -> re.Pattern:
    q = load_rules()["quantities"]
    words = sorted(q["number_words"], key=len, reverse=True)
    quals = sorted(q["qualifiers"], key=len, reverse=True)
    num = (
        r"(?:\d[\d,.]*(?:\s+(?:million|thousand|hundred))?|" + "|".join(map(re.escape, words)) + ")"
    )
    qual = "(?:(?:" + "|".join(map(re.escape, quals)) + r")\s+)?"
    noun = r"[a-z][a-z-]*"
    return re.compile(
        rf"\b{qual}{num}(?:\s+of)?(?:\s+{noun}){{0,2}}?\s+(?P<head>{noun}s|people|personnel|police|"
        rf"children|men|women|staff|troops|militia|civilians)\b(?:\s+(?:and|or)\s+(?:{num}\s+)?{noun}s\b)?",
        flags,
    )


@lru_cache(maxsize=2)
def _quick(flags: int = re.IGNORECASE) -> re.Pattern:
    words = sorted(load_rules()["quantities"]["number_words"], key=len, reverse=True)
    if not flags & re.IGNORECASE:
        words = [w.lower() for w in words]
    return re.compile(r"\d|\b(?:" + "|".join(map(re.escape, words)) + r")\b", flags)


def find_quantities(sentence: str) -> tuple[str, ...]:
    """The counted noun phrases of a sentence, in order."""
    low = sentence.lower()
    if len(low) != len(sentence):  # lower-casing moved offsets (rare letters): match as is
        low, pat, quick = sentence, _pattern(re.IGNORECASE), _quick()
    else:
        pat = _pattern()  # matching lower-cased text is much faster than IGNORECASE
        # so is the quick test, on ASCII (IGNORECASE also folds a few other letters: "ſ")
        quick = _quick(0) if low.isascii() else _quick()
    if not quick.search(low):
        return ()
    out = []
    for m in pat.finditer(low):
        if m.group("head").lower() in _STOP_NOUNS:
            continue
        phrase = sentence[m.start() : m.end()]
        if re.fullmatch(r"(?:19|20)\d\d\s+\w+", phrase):
            continue  # a year, not a count
        out.append(phrase)
    return tuple(out)
