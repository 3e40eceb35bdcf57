"""Find place-name spans in text: gazetteer matches weighed by their context."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .gazetteer import DIVISION_WORDS, Gazetteer
from .lexicon import words
from .normalize import name_key
from .place import Place
from .store import NameFlag
from .tokens import Token, tokenize

MAX_TOKENS = 6
CONNECTORS = frozenset(
    "of the de del della la le les du des da do dos das di y and upon on am an der den el al "
    "sur en aux au & 's ’s".split()
)
# Kept when its score reaches this; a name kept firmly elsewhere in the document needs less.
KEEP = 1.0
KEEP_SEEN = 0.0


@dataclass
class Span:
    """A candidate mention: token range, offsets, key, gazetteer entries and evidence."""

    i: int
    j: int
    start: int
    end: int
    text: str
    key: str
    found: list[tuple[Place, int]]
    kind: str = "toponym"
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)


def case_mode(tokens: list[Token]) -> str:
    """'normal', 'lower' (little capitalisation) or 'upper' (mostly capitals)."""
    letters = [t for t in tokens if t.is_word]
    if len(letters) < 8:
        return "normal"
    caps = sum(1 for t in letters if t.capitalized)
    upper = sum(1 for t in letters if t.text.isupper() and len(t.text) > 1)
    if upper > 0.6 * len(letters):
        return "upper"
    if caps < 0.02 * len(letters):
        return "lower"
    return "normal"


def strength(found: list[tuple[Place, int]]) -> float:
    """How much a name on its own suggests a place: big, administrative or curated entries."""
    best = 0.0
    for place, flags in found:
        code = place.feature_code
        if flags & NameFlag.DEMONYM:
            s = 2.0
        elif place.is_country or code in {"CONT", "TERR"} or place.is_admin1:
            s = 2.0
        elif flags & NameFlag.CURATED or place.feature_class == "L":
            s = 2.0
        elif code == "PPLC" or place.population >= 1_000_000:
            s = 2.0
        elif place.population >= 100_000:
            s = 1.6
        elif code in {"PPLA", "ADM2"} or place.population >= 15_000:
            s = 1.2
        elif place.feature_class in "HT":
            s = 1.0
        else:
            s = 0.5
        if flags & NameFlag.ABBREVIATION and not flags & (NameFlag.PRIMARY | NameFlag.ALTERNATE):
            s -= 1.5
        best = max(best, s)
    return best


_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t)$", re.IGNORECASE)
_INITIAL = re.compile(r"^[A-Z]\.$")
_SPEECH = frozenset("said says told added explained noted asked wrote stated recalled".split())


def kind_of(found: list[tuple[Place, int]]) -> str:
    """'demonym' when a nationality form names a country and no big place has that name."""
    if not any(flags & NameFlag.DEMONYM for _, flags in found):
        return "toponym"
    for place, flags in found:
        if flags & NameFlag.DEMONYM or not flags & (NameFlag.PRIMARY | NameFlag.CURATED):
            continue
        # "German" is a parish of the Isle of Man too: only a country, a capital or a big
        # city outranks the nationality reading.
        if place.is_country or place.feature_code == "PPLC" or place.population >= 100_000:
            return "toponym"
    return "demonym"


def _qualifies(span: Span) -> bool:
    """A span that can qualify a place before it: a country or first-level division."""
    return any(p.is_country or p.is_admin1 for p, _ in span.found)


class Recognizer:
    """Gazetteer-driven recogniser with context rules; its word lists live in data/lexicon."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.common = words("common_words")
        self.titles = words("person_titles")
        self.given = words("given_names")
        self.heads = words("name_heads")
        self.orgs = words("org_words")
        self.locative = words("locative_prepositions")
        self.calendar = words("calendar_words")
        self.compass = words("directions")
        self.first_names = words("first_names")
        self._memo: dict[str, tuple[list[tuple[Place, int]], str, float]] = {}

    # ------------------------------------------------------------------ matching
    def _eligible(self, tok: Token, mode: str) -> bool:
        if mode == "normal":
            return tok.capitalized
        if not tok.is_word:
            return False
        return tok.text.lower() not in self.common

    def _entries(self, key: str) -> tuple[list[tuple[Place, int]], str, float]:
        """Gazetteer entries of a key with their kind and strength, memoised."""
        got = self._memo.get(key)
        if got is None:
            found = self.gazetteer.candidates(key)
            got = (found, kind_of(found), strength(found))
            if len(self._memo) > 100_000:
                self._memo.clear()
            self._memo[key] = got
        return got

    def match(self, text: str, tokens: list[Token], mode: str) -> list[Span]:
        """Longest gazetteer matches over runs of name-like tokens."""
        gaz = self.gazetteer
        spans: list[Span] = []
        n = len(tokens)
        i = 0
        normal = mode == "normal"
        while i < n:
            tok = tokens[i]
            if (
                not (tok.capitalized if normal else self._eligible(tok, mode))
                or len(tok.text) < 2
                or _CONTRACTION.search(tok.text)
            ):
                i += 1
                continue
            # The run of tokens that may belong to one name: name-like words and connectors
            # separated by single spaces or hyphens.
            j = i + 1
            while j < n and j - i < MAX_TOKENS:
                nxt = tokens[j]
                gap = text[tokens[j - 1].end : nxt.start]
                if gap not in {" ", "", "-"}:
                    break
                if not (self._eligible(nxt, mode) or nxt.text.lower() in CONNECTORS):
                    break
                j += 1
            hit = None
            for k in range(j, i, -1):
                last = tokens[k - 1]
                if last.text.lower() in CONNECTORS and k - 1 > i:
                    continue
                key = name_key(text[tok.start : last.end])
                if key and gaz.has_key(key):
                    hit = (k, key)
                    break
            if hit is None:
                i += 1
                continue
            k, key = hit
            # "Kursk region", "Rapides Parish": a division word after the name joins it.
            if (
                k < n
                and key not in self.common
                and tokens[k].text.lower() in DIVISION_WORDS
                and tokens[k].text.lower() != "city"  # "the West Bank city of Jenin"
                and kind_of(self._entries(key)[0]) == "toponym"
                and text[tokens[k - 1].end : tokens[k].start] == " "
            ):
                longer = name_key(text[tok.start : tokens[k].end])
                if gaz.candidates(longer):
                    k, key = k + 1, longer
            last = tokens[k - 1]
            found, kind, _ = self._entries(key)
            span = Span(i, k, tok.start, last.end, text[tok.start : last.end], key, found, kind)
            spans.append(span)
            i = k
        return spans

    # ------------------------------------------------------------------ evidence
    def weigh(self, text: str, tokens: list[Token], spans: list[Span], mode: str) -> None:
        """Score each span from its entries and its context; reasons say why."""
        lower_words = {t.text for t in tokens if t.is_word and t.text.islower()}
        span_at = {s.i: s for s in spans}
        span_end = {s.j: s for s in spans}
        for s in spans:
            first, last = tokens[s.i], tokens[s.j - 1]
            prev = tokens[s.i - 1] if s.i > 0 else None
            nxt = tokens[s.j] if s.j < len(tokens) else None
            single = s.j - s.i == 1
            low = s.text.lower()
            score = self._entries(s.key)[2] if s.i != s.j else strength(s.found)
            s.reasons.append(f"entry {score:.1f}")
            if not single:
                score += 0.5
            if s.kind == "demonym":
                s.score = score
                continue
            if prev is not None and prev.text.lower() in self.locative:
                score += 1.0
                s.reasons.append(f"after '{prev.text}'")
            # Qualifier chains: "Paris, Texas" / "Springfield, Ill."
            after = span_at.get(s.j + 1) if nxt is not None and nxt.text == "," else None
            if after is not None and _qualifies(after):
                score += 0.8
                s.reasons.append("qualified")
            before = span_end.get(s.i - 1) if prev is not None and prev.text == "," else None
            if before is not None and _qualifies(s) and strength(before.found) >= 1.0:
                score += 0.8
                s.reasons.append("qualifier")
            entry = score
            raw = first.text.replace(".", "")
            if mode != "normal" and single:
                # Without case cues only a place's own name, of a big place, is evidence.
                if not any(f & NameFlag.PRIMARY and strength([(p, f)]) >= 1.6 for p, f in s.found):
                    score -= 2.0
                    s.reasons.append(f"{mode}-case text: not a big place's own name")
            if mode == "normal" and not raw.isupper():
                bare = low.rstrip(".")
                if single and first.sentence_start and bare in self.common:
                    score -= 2.5
                    s.reasons.append("common word at sentence start")
                elif single and bare in self.common:
                    score -= 1.5
                    s.reasons.append("common word")
                if single and bare in lower_words:
                    score -= 1.5
                    s.reasons.append("also lower-case in text")
                if (
                    single
                    and len(raw) <= 4
                    and not first.text.endswith(".")
                    and text[last.end : last.end + 1] != "."
                    and not any(
                        f & NameFlag.PRIMARY and strength([(p, f)]) >= 1.2 for p, f in s.found
                    )
                ):
                    score -= 2.0
                    s.reasons.append("short alias without its dot")
            if mode == "normal":
                if single and raw.isupper() and len(raw) > 1 and "qualifier" not in s.reasons:
                    named = any(f & (NameFlag.ALTERNATE | NameFlag.CURATED) for _, f in s.found)
                    if len(raw) <= 4 and not (named and entry >= 2.0):
                        score -= 2.0
                        s.reasons.append("bare code")
                    elif len(raw) > 4 and entry < 2.0:
                        score -= 1.5
                        s.reasons.append("acronym")
            bare = low.rstrip(".")
            if single and (bare in self.calendar or bare in self.titles or bare in self.compass):
                score -= 3.0
                s.reasons.append("calendar word or title")
            if prev is not None and prev.text.rstrip(".").lower() in self.titles:
                if prev.capitalized:
                    score -= 3.0
                    s.reasons.append(f"person: after title '{prev.text}'")
            if single and entry < 2.0 and low in self.first_names:
                score -= 1.0
                s.reasons.append("a given name")
            if single and entry < 2.0 and nxt is not None and nxt.text.lower() in _SPEECH:
                score -= 2.0
                s.reasons.append(f"person: subject of '{nxt.text}'")
            cased = mode == "normal"  # capitals mean something only in ordinary text
            if cased and nxt is not None and text[last.end : nxt.start] == " " and nxt.capitalized:
                word = nxt.text.lower().rstrip(".")
                after = tokens[s.j + 1] if s.j + 1 < len(tokens) else None
                two_word_name = after is None or not after.capitalized or after.sentence_start
                if word in self.heads:
                    pass
                elif word in self.orgs:
                    score -= 3.0
                    s.reasons.append(f"organisation '{nxt.text}'")
                elif single and low in self.given and two_word_name and word not in self.common:
                    score -= 3.0
                    s.reasons.append("person: given name")
                elif nxt.is_word and not nxt.sentence_start:
                    score -= 0.5
                    s.reasons.append(f"before '{nxt.text}'")
            if (
                prev is not None
                and (prev.capitalized or not cased)
                and text[prev.end : first.start] == " "
                and (prev.text.lower() in self.first_names or _INITIAL.match(prev.text))
            ):
                score -= 3.0
                s.reasons.append(f"person: '{prev.text} {s.text}'")
            elif (
                cased and single and low in self.first_names and nxt is not None and nxt.capitalized
            ):
                if text[last.end : nxt.start] == " " and nxt.text.lower() not in self.heads:
                    score -= 3.0
                    s.reasons.append(f"person: given name before '{nxt.text}'")
            elif (
                cased
                and prev is not None
                and prev.capitalized
                and prev.is_word
                and not prev.sentence_start
                and text[prev.end : first.start] == " "
                and (s.i - 1) not in span_end
                and prev.text.lower() not in CONNECTORS
            ):
                score -= 1.5
                s.reasons.append(f"part of '{prev.text} {s.text}'")
            s.score = score

    def recognize(self, text: str) -> list[Span]:
        """Spans kept as place mentions, in text order."""
        tokens = tokenize(text)
        mode = case_mode(tokens)
        spans = self.match(text, tokens, mode)
        self.weigh(text, tokens, spans, mode)
        # A name seen as part of a person's name ("Kim Jong-un") is that person elsewhere too.
        people = {
            s.key
            for s in spans
            if any(r.startswith("person:") for r in s.reasons)
            or (
                any(r.startswith("part of") for r in s.reasons)
                and s.score < 0.5
                and self._entries(s.key)[2] < 2.0
            )
        }
        firm = {s.key for s in spans if s.score >= KEEP + 0.5} - people
        kept = []
        for s in spans:
            if s.key in people and s.j - s.i == 1 and s.kind == "toponym":
                s.score -= 1.5
                s.reasons.append("a person's name in this text")
            if s.score >= (KEEP_SEEN if s.key in firm else KEEP):
                kept.append(s)
        return kept

    def is_strong(self, name: str) -> bool:
        """True for names of countries, first-level divisions, capitals and large cities."""
        key = name_key(name)
        return bool(key) and self.gazetteer.has_key(key) and self._entries(key)[2] >= 1.6

    def given_span(self, text: str, start: int, end: int) -> Span:
        """A caller's span, with its gazetteer entries (possessives and 'the' handled)."""
        surface = text[start:end]
        core = surface
        if core[-2:] in {"'s", "’s"}:
            core = core[:-2]
        key = name_key(core)
        found = list(self.gazetteer.candidates(core))
        if not found:
            # "University of California", "Eastern Ghouta", "US Federal Reserve": the
            # strongest gazetteer name inside the span stands for it.
            best = None
            toks = [t for t in tokenize(core) if t.is_word]
            for i in range(len(toks)):
                for j in range(len(toks), i, -1):
                    if (i, j) == (0, len(toks)):
                        continue
                    sub = name_key(core[toks[i].start : toks[j - 1].end])
                    if sub in self.common or sub in self.compass or not self.gazetteer.has_key(sub):
                        continue
                    got = self._entries(sub)
                    rank = (got[2], j - i)
                    if best is None or rank > best[0]:
                        best = (rank, sub, got[0])
            if best is not None and best[0][0] >= 1.0:
                key, found = best[1], list(best[2])
        span = Span(0, 0, start, end, surface, key, found)
        span.kind = kind_of(found)
        span.score = strength(found)
        return span
