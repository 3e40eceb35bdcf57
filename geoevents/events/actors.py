"""Actors and targets: who did it and to whom, with an ISO 3166 alpha-3 country code.

Sources of actors in a sentence: demonym mentions ("Ukrainian forces"), place mentions used as
actors (countries, capitals, seats of government: "Moscow has rejected"), and the bundled actor
list (heads of state and government with their years of office, institutions, armed groups).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..mention import Mention
from .lexicon import iso3, load_actors, load_rules
from .text import Token, tokenize

_HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "REJECT"})
_PASSIVE = frozenset({"was", "were", "been", "being", "is", "are", "be", "got"})
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around",
                       "within", "from", "of"})  # fmt: skip
_BREAKS = frozenset({";", ":", "—", "–", "while", "but", "although", "whereas", "which", "who",
                     "whom", "where", "because", "since", "unless", "if", "said", "says", "told",
                     "announced", "reported", "that", "when", "after", "before", "as"})  # fmt: skip


@dataclass(frozen=True)
class ActorSpan:
    """An actor found in a sentence: token range, text and country code."""

    i0: int
    i1: int
    start: int
    end: int
    text: str
    country: str
    source: str  # demonym | place | list | locative (a place after "in": fallback only)


@lru_cache(maxsize=1)
def _prefixes() -> tuple[dict[str, str], frozenset[str]]:
    """Actor names by their tokens joined with spaces, and every token prefix of those names."""
    by_tokens: dict[str, str] = {}
    prefixes: set[str] = set()
    for key in load_actors():
        words = [t.lower for t in tokenize(key)]
        by_tokens[" ".join(words)] = key
        for n in range(1, len(words) + 1):
            prefixes.add(" ".join(words[:n]))
    return by_tokens, frozenset(prefixes)


def _actor_year(entries: tuple, year: int | None):
    if year is not None:
        for a in entries:
            if (a.start_year or 0) <= year <= (a.end_year or 9999):
                return a
    return entries[-1] if year is not None and year > 2000 else entries[0]


def find_actors(
    text: str,
    tokens: tuple[Token, ...],
    mentions: list[Mention],
    year: int | None = None,
) -> list[ActorSpan]:
    """Actor spans of one sentence, in text order."""
    from bisect import bisect_left, bisect_right

    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    found: list[ActorSpan] = []
    taken: set[int] = set()
    names = load_actors()
    by_tokens, prefixes = _prefixes()
    # the actor list: capitalised n-grams, longest first
    n = len(tokens)
    nxt = 0
    for i in [x for x, t in enumerate(tokens) if t.lower in prefixes and t.text[:1].isupper()]:
        if i < nxt:
            continue
        hit = None
        key = tokens[i].lower
        size = 1
        while True:  # grow the name token by token while it is a prefix of some actor name
            if key in by_tokens:
                hit = (size, _actor_year(names[by_tokens[key]], year))
            if i + size >= n:
                break
            longer = key + " " + tokens[i + size].lower
            if longer not in prefixes:
                break
            key, size = longer, size + 1
        if hit:
            size, actor = hit
            a, b = tokens[i].start, tokens[i + size - 1].end
            found.append(ActorSpan(i, i + size - 1, a, b, text[a:b], actor.country, "list"))
            taken.update(range(i, i + size))
            nxt = i + size
    for m in mentions:
        if m.place is None:
            continue
        i0 = max(0, bisect_right(starts, m.start) - 1)
        i1 = max(i0, min(bisect_left(ends, m.end), n - 1))
        if any(x in taken for x in range(i0, i1 + 1)):
            continue
        code = iso3(m.place.country_code)
        if not code:
            continue
        if m.kind == "demonym":
            found.append(ActorSpan(i0, i1, m.start, m.end, m.text, code, "demonym"))
            continue
        prev = tokens[i0 - 1].lower if i0 > 0 else ""
        if m.role != "actor" and prev in _LOCATIVE:
            # "in Kyiv" is where, not who: only a fallback ("opposition groups in Zimbabwe")
            found.append(ActorSpan(i0, i1, m.start, m.end, m.text, code, "locative"))
        elif m.role == "actor" or m.place.is_country or m.place.feature_code in ("PPLC", "PPLG"):
            found.append(ActorSpan(i0, i1, m.start, m.end, m.text, code, "place"))
        else:  # another place ("struck Kharkiv"): a fallback, like a place after "in"
            found.append(ActorSpan(i0, i1, m.start, m.end, m.text, code, "locative"))
    found.sort(key=lambda a: a.i0)
    return found


def assign(
    actors: list[ActorSpan], tokens: tuple[Token, ...], t0: int, t1: int, event_type: str = ""
) -> tuple[ActorSpan | None, ActorSpan | None]:
    """(source, target) of the trigger at tokens[t0..t1] among the sentence's actors."""
    if not actors:
        return None, None
    rules = load_rules()["actors"]
    max_d = rules["max_distance"]
    word = tokens[t0].lower
    nxt = tokens[t1 + 1].lower if t1 + 1 < len(tokens) else ""
    passive = (
        not word.endswith("ing")
        and nxt not in ("to", "that")  # "is prepared to", "is committed to"
        and any(tokens[j].lower in _PASSIVE for j in range(max(0, t0 - 3), t0))
    )
    weak = [a for a in actors if a.source == "locative"]
    actors = [a for a in actors if a.source != "locative"]
    before = [a for a in actors if a.i1 < t0 and t0 - a.i1 <= max_d]
    after = [a for a in actors if a.i0 > t1 and a.i0 - t1 <= max_d]
    if not before:
        before = [a for a in weak if a.i1 < t0 and t0 - a.i1 <= max_d]
    weak_after = [a for a in weak if a.i0 > t1 and a.i0 - t1 <= max_d]
    if not after and event_type in _HOSTILE:
        after = weak_after  # "reimposed blockades in the West Bank": the place suffers it
    before = [a for a in before if not _broken(tokens, a.i1 + 1, t0)] or before[-1:]
    after_ok = [a for a in after if not _broken(tokens, t1 + 1, a.i0)]
    agent = None
    if passive:
        for a in after_ok:
            if a.i0 >= 1 and tokens[a.i0 - 1].lower == "by" or _by_before(tokens, t1, a.i0):
                agent = a
                break
        target = before[-1] if before else None
        return agent, target
    source = _subject(before, tokens)
    if source is None:  # no actor in the clause: the sentence's first one before the trigger
        source = next((a for a in actors + weak if a.i1 < t0), None)
    target = next((a for a in after_ok if source is None or a.country != source.country), None)
    if target is None and after_ok:
        target = after_ok[0]
    if target is None:  # an actor elsewhere in the sentence, of another country than the source
        target = next(
            (
                a
                for a in after + actors + weak_after
                if a is not source and (source is None or a.country != source.country)
            ),
            None,
        )
    if source is None and after_ok:
        # "attack on Kyiv by Russia" / nominal triggers with an agent after "by"
        for a in after_ok:
            if _by_before(tokens, t1, a.i0):
                source = a
                break
    if source is None:  # last resort, as event coders do: the country the sentence is about
        source = next((a for a in actors + weak if a is not target), None) or target
    if target is None and source is not None and source.source in ("demonym", "place", "locative"):
        target = source  # a domestic event: "Nigerian authorities jailed 52 members ..."
    return source, target


def _subject(before: list[ActorSpan], tokens: tuple[Token, ...]) -> ActorSpan | None:
    """The actor heading the clause before the trigger: the first one not inside a PP."""
    for a in before:
        prev = tokens[a.i0 - 1].lower if a.i0 > 0 else ""
        if prev in _LOCATIVE or prev in ("to", "with", "against", "on", "by", "for"):
            continue
        return a
    return before[-1] if before else None


def _broken(tokens: tuple[Token, ...], lo: int, hi: int) -> bool:
    return any(tokens[j].lower in _BREAKS for j in range(lo, hi))


def _by_before(tokens: tuple[Token, ...], t1: int, i0: int) -> bool:
    j = i0 - 1
    while j > t1 and (tokens[j].text[:1].islower() and tokens[j].lower not in ("by",)):
        if tokens[j].lower not in ("the", "a", "an"):
            return False
        j -= 1
    return j > t1 and tokens[j].lower == "by"
