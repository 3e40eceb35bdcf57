"""Choose each mention's place in the context of its whole document."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from .gazetteer import Gazetteer, is_dotted
from .place import Place
from .recognize import Span
from .store import NameFlag

CANDIDATES = 25
ALTERNATIVES = 3


@dataclass(frozen=True)
class Resolution:
    """The chosen place of one span, its score, alternatives and reason."""

    place: Place | None
    score: float
    alternatives: tuple[Place, ...]
    reason: str


_TIER_PRIOR = {"country": 4.0, "admin1": 3.5, "region": 2.5, "admin2": 2.0}


def prior(p: Place, pos: int) -> float:
    """Context-free plausibility: kind of entry, population, and the gazetteer's own rank."""
    pop = p.population
    if p.feature_code == "CONT":
        base = 4.0
    elif p.feature_code == "PPLC":
        base = 3.5
    elif p.feature_class == "P" and pop >= 1_000_000:
        base = 3.0
    elif p.feature_code in {"PPLA", "PPLG"}:
        base = 2.3
    else:
        base = _TIER_PRIOR.get(p.precision, 1.0)
        if p.is_admin1 and not pop:
            pop = 300_000  # divisions carry no population in the sources
    if p.source.startswith("curated"):
        base += 1.5  # hand-checked entries for names news uses (the White House, Donbas)
    return base + 0.3 * math.log10(1 + pop) - 0.15 * min(pos, 10)


def _ranked(gaz: Gazetteer, span: Span, text: str) -> list[Place]:
    if span.kind == "demonym":
        found = [(p, f) for p, f in span.found if f & NameFlag.DEMONYM]
        return gaz.rank(found, 1)
    if is_dotted(span.text) or is_dotted(text[span.start : span.end + 1]):
        return gaz.rank(span.found, CANDIDATES, dotted=True)
    if span.i != span.j:
        return gaz.ranked(span.key, CANDIDATES)
    return gaz.rank(span.found, CANDIDATES)


def _own_names(span: Span) -> set[int]:
    """Entries that carry the span's name as their own (primary) name."""
    return {p.geonameid for p, f in span.found if f & (NameFlag.PRIMARY | NameFlag.CURATED)}


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    ex = [math.exp(v - top) for v in scores]
    total = sum(ex)
    return [v / total for v in ex]


def resolve(gaz: Gazetteer, spans: list[Span], text: str = "") -> list[Resolution]:
    """Resolve spans jointly: country and region focus, qualifiers, proximity, one sense per name."""
    # One sense per name per document: names are resolved once, for all their repeats.
    order: list[str] = []
    cands: dict[str, list[Place]] = {}
    quals: dict[str, list[Place]] = defaultdict(list)
    ranked_all = [_ranked(gaz, s, text) for s in spans]
    own: dict[str, set[int]] = {}
    for idx, (span, ranked) in enumerate(zip(spans, ranked_all, strict=True)):
        if not ranked:
            continue
        if span.key not in cands:
            order.append(span.key)
            cands[span.key] = ranked
            own[span.key] = _own_names(span)
        q = _qualifier(spans, ranked_all, idx, text)
        if q is not None:
            quals[span.key].append(q)

    # Coherence: candidates with candidates of other names nearby ("Paris and Henry County").
    cells: dict[tuple[int, int], set[str]] = defaultdict(set)
    for k in order:
        for p in cands[k]:
            if p.precision in {"city", "admin2", "point"}:
                cells[(math.floor(p.lat), math.floor(p.lon))].add(k)
    # Containment: countries and divisions with other names' candidates inside them.
    inside: dict[tuple[str, str], set[str]] = defaultdict(set)
    for k in order:
        for p in cands[k]:
            if not p.is_country and p.country_code:
                inside[(p.country_code, "")].add(k)
                if not p.is_admin1 and p.admin1_code:
                    inside[(p.country_code, p.admin1_code)].add(k)
    near_keys: dict[str, list[int]] = {}
    for k in order:
        counts = []
        for p in cands[k]:
            if p.is_country or p.is_admin1:
                scope = (p.country_code, "" if p.is_country else p.admin1_code)
                counts.append(len(inside.get(scope, set()) - {k}))
                continue
            if p.precision not in {"city", "admin2", "point"}:
                counts.append(0)
                continue
            la, lo = math.floor(p.lat), math.floor(p.lon)
            found: set[str] = set()
            for dla in (-1, 0, 1):
                for dlo in (-1, 0, 1):
                    found |= cells.get((la + dla, lo + dlo), set())
            found.discard(k)
            counts.append(len(found))
        near_keys[k] = counts
    # Context-free part of each candidate's score: prior, qualifier, coherence.
    static: dict[str, list[float]] = {}
    region_of: dict[str, list[tuple[str, str] | None]] = {}
    for k in order:
        row, regs = [], []
        # A division named after its capital or a city of millions ("Kharkiv", "New York"):
        # the bare name means the city.
        seats = {
            p.country_code
            for p in cands[k]
            if (p.feature_code in {"PPLC", "PPLA"} and (not own[k] or p.geonameid in own[k]))
            or (p.feature_class == "P" and p.population >= 1_000_000)
        }
        for pos, p in enumerate(cands[k]):
            v = prior(p, pos) + min(2.0, 0.7 * near_keys[k][pos])
            if p.is_admin1 and p.country_code in seats:
                v -= 1.5
            if own[k] and p.geonameid not in own[k] and p.population < 1_000_000:
                v -= 1.0  # another entry carries this name as its own ("Kharkiv" the city)
            for q in quals.get(k, ()):
                if p.country_code == q.country_code and (
                    q.is_country or p.admin1_code == q.admin1_code
                ):
                    v += 5.0
                    break
            row.append(v)
            regs.append(
                (p.country_code, p.admin1_code) if p.admin1_code and not p.is_country else None
            )
        static[k], region_of[k] = row, regs

    def focus(k: str, i: int, country_mass, region_mass, own_c, own_r) -> tuple[float, float]:
        p = cands[k][i]
        share = 0.0
        if n_keys > 1 and p.country_code:
            share = (country_mass.get(p.country_code, 0.0) - own_c[k].get(p.country_code, 0.0)) / (
                n_keys - 1
            )
        rmass = 0.0
        reg = region_of[k][i]
        if reg is not None:
            rmass = region_mass.get(reg, 0.0) - own_r[k].get(reg, 0.0)
        return share, rmass

    n_keys = len(order)
    scores = dict(static)
    probs = {k: _softmax(scores[k]) for k in order}
    masses = None
    for _ in range(2):
        country_mass: dict[str, float] = {}
        region_mass: dict[tuple[str, str], float] = {}
        own_c: dict[str, dict] = {}
        own_r: dict[str, dict] = {}
        for k in order:
            oc: dict[str, float] = {}
            orr: dict[tuple[str, str], float] = {}
            for p, reg, pr in zip(cands[k], region_of[k], probs[k], strict=True):
                oc[p.country_code] = oc.get(p.country_code, 0.0) + pr
                if reg is not None:
                    orr[reg] = orr.get(reg, 0.0) + pr
            own_c[k], own_r[k] = oc, orr
            for c, v in oc.items():
                country_mass[c] = country_mass.get(c, 0.0) + v
            for c, v in orr.items():
                region_mass[c] = region_mass.get(c, 0.0) + v
        masses = (country_mass, region_mass, own_c, own_r)
        for k in order:
            if len(cands[k]) == 1:
                continue
            row = []
            for i, base in enumerate(static[k]):
                share, rmass = focus(k, i, *masses)
                row.append(base + 3.0 * share + (min(2.0, rmass) if rmass > 0.2 else 0.0))
            scores[k] = row
        probs = {k: _softmax(scores[k]) for k in order}

    decided: dict[str, Resolution] = {}
    for k in order:
        idxs = sorted(range(len(cands[k])), key=lambda i: -scores[k][i])
        best = idxs[0]
        p = cands[k][best]
        others = tuple(cands[k][i] for i in idxs[1 : 1 + ALTERNATIVES])
        reasons = []
        if masses is not None:
            share, rmass = focus(k, best, *masses)
            if share > 0.3:
                reasons.append(f"document focus {p.country_code}")
            if rmass > 0.2:
                reasons.append(f"same region as other mentions ({p.admin1_name or p.admin1_code})")
        if any(q.country_code == p.country_code for q in quals.get(k, ())):
            reasons.append("qualified by " + quals[k][0].name)
        if near_keys[k][best]:
            reasons.append(f"near {near_keys[k][best]} other mentioned place(s)")
        reason = ", ".join(reasons) or ("only candidate" if len(idxs) == 1 else "default ranking")
        decided[k] = Resolution(p, round(probs[k][best], 3), others, reason)
    none = Resolution(None, 0.0, (), "no gazetteer entry")
    return [decided.get(s.key, none) if r else none for s, r in zip(spans, ranked_all, strict=True)]


def _qualifier(spans: list[Span], ranked: list[list[Place]], idx: int, text: str) -> Place | None:
    """The country or division right after 'Name, ' that qualifies it ('Paris, Texas')."""
    if idx + 1 >= len(spans):
        return None
    nxt = spans[idx + 1]
    between = text[spans[idx].end : nxt.start] if text else ""
    if between.strip() != "," or not ranked[idx + 1]:
        return None
    for p in ranked[idx + 1]:
        if p.is_country or p.is_admin1:
            return p
    return None
