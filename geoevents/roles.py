"""Tell a place from a place name used for its government or people ('Moscow rejected')."""

from __future__ import annotations

import re

from .lexicon import words
from .place import Place

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ADVERBS = frozenset(
    "repeatedly also already reportedly again now still then later previously recently "
    "officially publicly formally firmly further never not".split()
)
# Prepositions after which a government or people, not ground, is meant.
_ACTOR_PREPS = frozenset({"for", "with", "against", "between", "by"})


def _is_actor_capable(place: Place | None) -> bool:
    """Countries, capitals and first-level divisions can stand for a government."""
    if place is None:
        return False
    return place.is_country or place.feature_code in {"PPLC", "PPLG"} or place.is_admin1


def _next_words(text: str, end: int, n: int = 4) -> list[str]:
    return [m.group().lower() for m in _WORD.finditer(text, end, min(len(text), end + 80))][:n]


_PREV = re.compile(r"([^\W\d_][\w'’-]*)\s+$")


def _prev_word(text: str, start: int) -> str:
    """The word right before start, with only spaces between (else '')."""
    m = _PREV.search(text, max(0, start - 40), start)
    return m.group(1).lower() if m else ""


def _between_before(text: str, start: int) -> bool:
    """'between Moscow and Pyongyang': the second name shares the first one's role."""
    found = _WORD.findall(text[max(0, start - 50) : start])[-4:]
    return "between" in found and found[-1:] == ["and"]


def role(text: str, start: int, end: int, place: Place | None, kind: str = "toponym") -> str:
    """'actor' or 'place' for the mention at [start, end)."""
    if kind == "demonym" or not _is_actor_capable(place):
        return "place"
    after = text[end : end + 3]
    nxt = _next_words(text, end)
    prev = _prev_word(text, start)
    # Possessive: "Russia's Kursk region" is ground; "Moscow's war economy" is the state.
    if after[:2] in {"'s", "’s"} or after[:1] in {"'", "’"}:
        rest = nxt[1:] if nxt and nxt[0] in {"s", "'s", "’s"} else nxt
        nouns = words("place_nouns")
        if any(w in nouns for w in rest[:3]):
            return "place"
        return "actor"
    if prev in words("locative_prepositions") or prev in {"on", "of", "over"}:
        return "place"
    if prev in words("place_verbs"):
        return "place"
    if prev in _ACTOR_PREPS or _between_before(text, start) or prev in words("actor_object_verbs"):
        return "actor"
    # Subject of a verb: skip adverbs; after a coordination ("Kyiv and its partners have")
    # look a few words further for the verb.
    verbs = words("actor_verbs")
    patient = words("patient_verbs")
    rest = [w for w in _next_words(text, end, 8) if w not in _ADVERBS and not w.endswith("ly")]
    reach = 6 if rest[:1] == ["and"] else 1
    for pos in range(min(reach, len(rest))):
        head = rest[pos]
        pair = " ".join(rest[pos : pos + 2])
        if pair in patient or head in patient:
            return "place"
        if head in {"has", "have", "had", "is", "was", "were", "be"} and rest[
            pos + 1 : pos + 2
        ] == ["been"]:
            return "place"
        if head in verbs or pair in verbs:
            return "actor"
        if pos == 0 and _finite_verb(head, rest[1:2]):
            return "actor"
    return "place"


_NOT_VERBS = frozenset(
    "officials forces troops residents authorities police people voters lawmakers leaders citizens "
    "students fans players prosecutors investigators sources media markets stocks shares "
    "companies firms banks schools hospitals streets roads areas counties cities states is was "
    "has as its this thus plus news times has".split()
)


def _finite_verb(word: str, after: list[str]) -> bool:
    """A third-person or past verb form right after the name: 'Russia denies', 'U.S. leaves'."""
    if word in _NOT_VERBS or word in words("name_heads") or len(word) < 4:
        return False
    if word.endswith("ed"):
        return True
    # A plural noun after a name ("Moscow officials said") is followed by a verb itself.
    return (
        word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and not (after and (after[0] in words("actor_verbs") or after[0].endswith("ed")))
    )
