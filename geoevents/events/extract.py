"""Event extraction: triggers, type and mode, actors, location, date, quantities, coreference."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter

from ..event import Event
from ..mention import Mention
from .actors import ActorSpan, assign, find_actors
from .dates import parse_iso, resolve_date
from .lexicon import TriggerEntry, load_rules, load_triggers
from .linking import _HELD, link_location
from .quantities import find_quantities
from .text import Token, split_sentences, tokenize

_FUNCTION_WORDS = frozenset(
    "the a an and or but of in on at to for with by from has have had is are was were will would "
    "said says also who which that".split()
)


@dataclass(frozen=True)
class _Trigger:
    i0: int
    i1: int
    entry: TriggerEntry | None
    pos: str
    given: bool


@lru_cache(maxsize=1)
def _settings() -> dict:
    r = load_rules()
    intent = r["intent"]
    alt = lambda xs: "|".join(re.escape(x) for x in sorted(xs, key=len, reverse=True))  # noqa: E731
    return {
        "intent_re": re.compile(rf"\b(?:{alt(intent['markers'])})\s+(?:[\w-]+\s+){{0,3}}$", re.I),
        "threat_re": re.compile(
            rf"\b(?:{alt(intent['threat_markers'])})\s+(?:[\w-]+\s+){{0,3}}$", re.I
        ),
        "coop": frozenset(intent["cooperative_types"]),
        "coop_agree": frozenset(intent["cooperative_types"]) | {"AGREE"},
        "hostile": frozenset(intent["hostile_types"]),
        "agree_cameo": intent["agree_cameo"],
        "threaten_cameo": intent["threaten_cameo"],
        "negation": frozenset(r["negation"]),
        "scores": r["trigger_scores"],
        "noun_det": frozenset(r["noun_determiners"]),
        "demand_re": re.compile(
            rf"\b(?:{alt(intent['demand_markers'])})\s+(?:[\w-]+\s+){{0,2}}$", re.I
        ),
        "refusal_re": re.compile(
            rf"\b(?:{alt(intent['refusal_markers'])})\s+(?:[\w-]+\s+){{0,2}}$", re.I
        ),
        "demand_types": frozenset(intent["demand_types"]),
        "request_cameo": intent["request_cameo"],
        "reject_cameo": intent["reject_cameo"],
        "overrides": {
            o["phrase"]: (re.compile(rf"\b(?:{alt(o['if_words'])})\b", re.I), o)
            for o in r["context_overrides"]["rules"]
        },
        "modes": r["modes"],
        "coref_det": frozenset(r["coreference"]["determiners"]),
        "coref_new": frozenset(r["coreference"]["new_event_markers"]),
        "coref_window": r["coreference"]["window_sentences"],
    }


def extract_events(
    text: str,
    mentions: tuple[Mention, ...],
    *,
    date: str | None = None,
    triggers: list[tuple[int, int]] | None = None,
) -> tuple[Event, ...]:
    """Events reported in `text`, each linked to one of `mentions` where it happened.

    With `triggers` (character spans), one event per span is returned, in the given order
    (event_type '' when the lexicon does not know the words); without, triggers are found with
    the lexicon. `date` is the article's ISO date, used to resolve "on Thursday", "last year".
    """
    if not isinstance(text, str):
        raise ValueError("text must be a string")
    ms = sorted(mentions, key=lambda m: m.start)
    m_starts = [m.start for m in ms]
    sents = split_sentences(text)
    s_starts = [s for s, _ in sents]
    year = parse_iso(date).year if parse_iso(date) else None
    capitals = _capital_mentions(text, ms)
    lex = load_triggers()
    cache: dict[int, tuple] = {}

    def sentence_data(k: int):
        if k not in cache:
            s, e = sents[k]
            toks = tokenize(text, s, e)
            lo, hi = bisect_left(m_starts, s), bisect_left(m_starts, e)
            in_sent = [m for m in ms[lo:hi] if m.end <= e]
            in_sent += [c for c in capitals if s <= c.start and c.end <= e]
            in_sent += cue_spans(text, s, e, in_sent)
            in_sent.sort(key=lambda m: m.start)
            cache[k] = (s, e, toks, in_sent, None)
        return cache[k]

    def actors_of(k: int) -> list[ActorSpan]:
        s, e, toks, in_sent, acts = sentence_data(k)
        if acts is None:
            acts = find_actors(text, toks, in_sent, year)
            cache[k] = (s, e, toks, in_sent, acts)
        return acts

    events: list[tuple[int, Event]] = []
    if triggers is not None:
        for ts, te in triggers:
            if not (0 <= ts < te <= len(text)):
                raise ValueError(f"trigger span ({ts}, {te}) is outside the text")
            k = max(0, bisect_right(s_starts, ts) - 1)
            s, e, toks, in_sent, _ = sentence_data(k)
            i0, i1 = _token_range(toks, ts, te)
            entry = lex.lookup(text[ts:te])
            trig = _Trigger(i0, i1, entry, _guess_pos(toks, i0, entry), True)
            others = tuple(t.i0 for t in _find_triggers(toks, lex) if not i0 <= t.i0 <= i1)
            events.append((k, _build(text, k, sentence_data(k), actors_of(k), trig, date, others)))
        return tuple(ev for _, ev in events)

    for k in range(len(sents)):
        s, e, toks, in_sent, _ = sentence_data(k)
        found = _find_triggers(toks, lex)
        for trig in found:
            others = tuple(t.i0 for t in found if t is not trig)
            events.append((k, _build(text, k, sentence_data(k), actors_of(k), trig, date, others)))
    return tuple(_merge(events, text))


def _token_range(toks: tuple[Token, ...], ts: int, te: int) -> tuple[int, int]:
    starts = [t.start for t in toks]
    ends = [t.end for t in toks]
    i0 = max(0, bisect_right(starts, ts) - 1)
    i1 = max(i0, min(bisect_left(ends, te), len(toks) - 1))
    return i0, i1


def _guess_pos(toks: tuple[Token, ...], i0: int, entry: TriggerEntry | None) -> str:
    if entry is not None and entry.pos == "noun":
        return "noun"
    prev = toks[i0 - 1].lower if i0 > 0 else ""
    return "noun" if prev in _settings()["noun_det"] else "verb"


def _find_triggers(toks: tuple[Token, ...], lex) -> list[_Trigger]:
    """Lexicon matches in a sentence, longest phrase first, with their part of speech."""
    cfg = _settings()
    out: list[_Trigger] = []
    n = len(toks)
    words = [t.lower for t in toks]
    first = lex.first
    nxt = 0
    for i in [x for x, w in enumerate(words) if w in first]:
        if i < nxt or (i > 0 and toks[i].text[:1].isupper()):
            continue
        longest = first[words[i]]
        found = None
        for size in range(min(longest, n - i), 0, -1):
            entries = lex.get(" ".join(words[i : i + size]) if size > 1 else words[i])
            if entries:
                found = (size, entries)
                break
        if not found:
            continue
        size, entries = found
        nxt = i + size
        if not any(e.event_type for e in entries.values()):
            continue  # a blocker
        entries = {p: e for p, e in entries.items() if e.event_type}
        prev = words[i - 1] if i > 0 else ""
        nounish = prev in cfg["noun_det"] or prev.isdigit()
        if "noun" in entries and ("verb" not in entries or nounish):
            entry, pos = entries["noun"], "noun"
        else:
            entry, pos = entries["verb"], "verb"
            if nounish and entry.source.endswith("petrarch2"):
                continue  # a petrarch2 verb used as a noun: too ambiguous
        if i == 0 and pos == "verb" and n > 1 and toks[1].text[:1].isupper():
            continue  # "Ousted President ...": a participle used as an adjective
        back = words[max(0, i - 3) : i]
        if not any(w in cfg["negation"] for w in back) or entry.event_type in cfg["coop"]:
            out.append(_Trigger(i, i + size - 1, entry, pos, False))
    return out


def _mode(entry: TriggerEntry | None, sentence: str) -> str:
    if entry is None:
        return ""
    if entry.event_type != "ASSAULT" or entry.mode:
        return entry.mode
    hit = _assault_mode(sentence)
    return hit if hit is not None else entry.mode


_MODE_WORD_RE = re.compile(r"[a-z-]+")


@lru_cache(maxsize=256)
def _assault_mode(sentence: str) -> str | None:
    """The attack mode the words of a sentence name, None when none does."""
    rules = _settings()["modes"]
    words = set(_MODE_WORD_RE.findall(sentence.lower()))
    hits = [mode for mode, keys in rules["ASSAULT"] if words.intersection(keys)]
    if len(hits) > 1 and set(hits[:2]) <= set(rules["aerial_combined"]):
        return "aerial"
    return hits[0] if hits else None


def _build(
    text: str,
    k: int,
    data: tuple,
    actors: list[ActorSpan],
    trig: _Trigger,
    date: str | None,
    others: tuple[int, ...] = (),
) -> Event:
    """One Event from a trigger in sentence k."""
    cfg = _settings()
    s, e, toks, in_sent, _ = data
    ts, te = toks[trig.i0].start, toks[trig.i1].end
    entry = trig.entry
    event_type = entry.event_type if entry else ""
    cameo = entry.cameo if entry else ""
    if entry is not None and entry.phrase in cfg["overrides"]:
        pat, rule = cfg["overrides"][entry.phrase]
        if pat.search(text[max(s, ts - 40) : min(e, te + 40)]):  # words near the trigger
            event_type, cameo = rule["event_type"], rule["cameo"]
    window = text[max(s, ts - 40) : ts]
    if event_type in cfg["coop_agree"] and cfg["refusal_re"].search(window):
        event_type, cameo = "REJECT", cfg["reject_cameo"]  # "refused to meet", "did not agree"
    elif event_type in cfg["demand_types"] and cfg["demand_re"].search(window):
        event_type, cameo = "REQUEST", cfg["request_cameo"]  # "Sudan must return the helicopter"
    elif event_type in cfg["coop"] and cfg["intent_re"].search(window):
        event_type, cameo = "AGREE", cfg["agree_cameo"]
    elif event_type in cfg["hostile"] and cfg["threat_re"].search(window):
        event_type, cameo = "THREATEN", cfg["threaten_cameo"]
    sentence = text[s:e]
    link = link_location(toks, (ts, te), event_type, in_sent, trig.pos, others)
    src, tgt = assign(actors, toks, trig.i0, trig.i1, event_type)
    when, when_prec = _sentence_date(sentence, date)
    place = link.mention.place if link.mention is not None else None
    base = (
        cfg["scores"]["given"]
        if trig.given
        else cfg["scores"].get(entry.source, 0.5)
        if entry
        else 0.3
    )
    score = (
        base * (0.7 + 0.3 * min(1.0, max(0.0, link.score) / 3.0)) if link.mention else base * 0.7
    )
    if src is not None:
        score = min(1.0, score + 0.1)
    return Event(
        event_type=event_type,
        trigger=text[ts:te],
        trigger_start=ts,
        trigger_end=te,
        sentence=sentence,
        mode=_mode(entry, sentence)
        if event_type == (entry.event_type if entry else "")
        else (
            cfg["overrides"][entry.phrase][1]["mode"]
            if entry is not None
            and entry.phrase in cfg["overrides"]
            and cfg["overrides"][entry.phrase][1]["event_type"] == event_type
            else ""
        ),
        cameo=cameo,
        actor=_actor_text(text, toks, src),
        actor_country=src.country if src else "",
        target=_actor_text(text, toks, tgt),
        target_country=tgt.country if tgt else "",
        location=link.mention,
        precision=place.precision if place is not None else "",
        location_role=link.role if link.mention is not None else "",
        date=when,
        date_precision=when_prec,
        quantities=_sentence_quantities(sentence),
        evidence=_evidence(text, toks, trig.i0, trig.i1, link.mention),
        score=round(score, 3),
    )


@lru_cache(maxsize=256)
def _sentence_date(sentence: str, date: str | None) -> tuple[str | None, str]:
    return resolve_date(sentence, date)


@lru_cache(maxsize=256)
def _sentence_quantities(sentence: str) -> tuple[str, ...]:
    return find_quantities(sentence)


def _actor_text(text: str, toks: tuple[Token, ...], a: ActorSpan | None) -> str:
    """The actor's words, a demonym extended to its head: "Ukrainian President Zelensky"."""
    if a is None:
        return ""
    j = a.i1
    if a.source == "demonym":
        while j + 1 < len(toks) and toks[j + 1].text[:1].isupper() and j - a.i1 < 4:
            j += 1
    if a.source != "locative":  # "Russian drones", "Hamas fighters", "Kremlin officials"
        lex, extra = load_triggers(), 0
        while (
            extra < 2
            and j + 1 < len(toks)
            and toks[j + 1].text.isalpha()
            and toks[j + 1].text.islower()
            and (toks[j + 1].lower not in lex.first or toks[j + 1].lower.endswith("s"))
            and not toks[j + 1].lower.endswith(("ly", "ed"))
            and toks[j + 1].lower not in _FUNCTION_WORDS
        ):
            j += 1
            extra += 1
    return text[toks[a.i0].start : toks[j].end]


_STOPS = frozenset({";", "—", "–"})
_start = attrgetter("start")
_end = attrgetter("end")


def _evidence(text: str, toks: tuple[Token, ...], i0: int, i1: int, loc: Mention | None) -> str:
    """The clause around the trigger (and its location), at most about 200 characters."""
    lo, hi = i0, i1
    if loc is not None:  # token offsets increase: the first token at or past loc, by bisection
        x = bisect_left(toks, loc.start, key=_start)
        lo = min(lo, x) if x < len(toks) else lo
        x = bisect_left(toks, loc.end, key=_end)
        hi = max(hi, x) if x < len(toks) else hi
    stops = _STOPS
    while lo > 0 and toks[lo - 1].text not in stops and toks[hi].end - toks[lo - 1].start < 200:
        lo -= 1
        if toks[lo].text == "," and i0 - lo > 8:
            lo += 1
            break
    while (
        hi + 1 < len(toks)
        and toks[hi + 1].text not in stops
        and toks[hi + 1].end - toks[lo].start < 200
    ):
        hi += 1
        if toks[hi].text == "," and hi - i1 > 6:
            hi -= 1
            break
    return text[toks[lo].start : toks[hi].end].strip(" ,")


@lru_cache(maxsize=1)
def _cue_re() -> tuple[re.Pattern, frozenset[str], frozenset[str], frozenset[str]]:
    r = load_rules()
    c = r["cue_spans"]
    skip = "|".join(re.escape(w) for w in r["location"]["skip_before"] if w not in ("and", "or"))
    preps = "|".join(re.escape(w) for w in c["prepositions"])
    name = r"(?:(?:al|el|ad|as|ar|an|de|du|la|le)[-‑ ])?[A-Z](?:[\w.\-‑]|['’](?![sS]\b))*"
    pat = re.compile(
        rf"(?:\b|(?=['’]s))(?P<prep>{preps}|['’]s)\s+(?:(?:{skip})\s+){{0,3}}"
        rf"(?P<name>{name}(?:\s+(?:(?:of|de|al|el|bin)\s+)?{name}){{0,4}})"
    )
    return (
        pat,
        frozenset(c["exclude_last_words"]),
        frozenset(c["exclude_words"]),
        frozenset(r["location"]["of_heads"]),
    )


def cue_spans(text: str, start: int, end: int, mentions: list[Mention]) -> list[Mention]:
    """Unresolved mentions for capitalised names after a location cue the geoparser missed."""
    pat, bad_last, bad_words, of_heads = _cue_re()
    out = []
    for m in pat.finditer(text, start, end):
        prep = m.group("prep")
        if prep in ("'s", "’s") and not any(mm.end == m.start() for mm in mentions):
            continue  # only "Delhi's Ashok Vihar" after a known place
        if prep == "of":
            head = text[max(start, m.start() - 20) : m.start()].split()
            if not head or head[-1].lower() not in of_heads:
                continue
        a, b = m.start("name"), m.end("name")
        name = text[a:b].rstrip(".’'")
        if name.endswith(("'s", "’s")):
            name = name[:-2]
        b = a + len(name)
        words = name.lower().replace("-", " ").split()
        if (
            not words
            or words[-1] in bad_last
            or words[0] in bad_words
            or name.isupper()
            or name.lower().endswith(_HELD)
        ):
            continue
        if any(mm.start < b and a < mm.end for mm in mentions):
            continue
        out.append(Mention(a, b, name, "toponym", "place", None, 0.0, (), "location cue"))
    return out


_CAPITAL_RE = re.compile(r"\bthe (?:country's |Ukrainian |nation's )?capital\b(?! of| city of)")
_TWIN_GAP_RE = re.compile(r"[\s,]*(?:and|or|,)\s+(?:\w+\s+)?")
_SUBJECT_GAP_RE = re.compile(r"\s+(?:(?:also|then|later|reportedly|\w+ly)\s+)?")


def _capital_mentions(text: str, ms: list[Mention]) -> list[Mention]:
    """'the capital' standing for the capital city named last before it."""
    out = []
    capital: Mention | None = None
    caps = [m for m in ms if m.place is not None and m.place.feature_code == "PPLC"]
    j = 0
    for match in _CAPITAL_RE.finditer(text):
        while j < len(caps) and caps[j].end <= match.start():
            capital = caps[j]
            j += 1
        if capital is not None and not any(
            m.start < match.end() and match.start() < m.end for m in ms
        ):
            out.append(
                Mention(
                    match.start(), match.end(), match.group(0), "toponym", "place", capital.place,
                    capital.score, (), f"coreference: {capital.text}",
                )
            )  # fmt: skip
    return out


def _merge(events: list[tuple[int, Event]], text: str) -> list[Event]:
    """Join a later mention of an event ("the assault") to the first; drop same-clause twins."""
    cfg = _settings()
    out: list[tuple[int, Event]] = []
    for k, ev in events:
        twin = None
        if out:
            pk, prev = out[-1]
            gap = text[prev.trigger_end : ev.trigger_start]
            if (
                pk == k
                and prev.event_type == ev.event_type
                and len(gap) < 25
                and _TWIN_GAP_RE.fullmatch(gap)
            ):
                twin = len(out) - 1  # "shot and killed": one event
            elif pk == k and prev.event_type == ev.event_type and _SUBJECT_GAP_RE.fullmatch(gap):
                twin = len(out) - 1  # "the assault damaged": the event noun is the subject
        if twin is None and ev.trigger[:1].islower():
            before = text[max(0, ev.trigger_start - 40) : ev.trigger_start].lower().split()
            det = before[-1] if before else ""
            if det in cfg["coref_det"] and not set(before[-3:]) & cfg["coref_new"]:
                for x in range(len(out) - 1, -1, -1):
                    pk, prev = out[x]
                    if k - pk > cfg["coref_window"]:
                        break
                    if prev.event_type == ev.event_type and pk < k:
                        twin = x
                        break
        if twin is None:
            out.append((k, ev))
            continue
        pk, prev = out[twin]
        if prev.location is None and ev.location is not None:
            prev = replace(
                prev, location=ev.location, precision=ev.precision,
                location_role=ev.location_role, score=max(prev.score, ev.score),
            )  # fmt: skip
        prev = replace(
            prev,
            actor=prev.actor or ev.actor,
            actor_country=prev.actor_country or ev.actor_country,
            target=prev.target or ev.target,
            target_country=prev.target_country or ev.target_country,
            date=prev.date or ev.date,
            date_precision=prev.date_precision or ev.date_precision,
            quantities=prev.quantities or ev.quantities,
        )
        out[twin] = (pk, prev)
    return [ev for _, ev in out]
