"""Event-location linking: which place mention in a sentence is where the event happened.

Syntax-free cues, each weighted in rules.json ("location"): the preposition before the place,
"X's Y" and "Y, X" chains (the most specific place wins), place names used as actors
("Moscow has repeatedly rejected"), places modifying the trigger noun ("their Alaska meeting"),
direct objects of place-taking verbs ("stormed Giza"), destinations of goods and troops,
", where ..." clauses, distance and clause boundaries, and destinations that are only proposed
("let him come to Moscow").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..mention import Mention
from .lexicon import load_rules
from .text import Token

_IRREGULAR = {
    "sent": "send", "brought": "bring", "came": "come", "went": "go", "struck": "strike",
    "shot": "shoot", "fled": "flee", "left": "leave", "flew": "fly", "drove": "drive",
    "fought": "fight", "gone": "go", "flown": "fly", "driven": "drive", "sought": "seek",
}  # fmt: skip


@dataclass(frozen=True)
class Link:
    """The chosen location of one event, with its role and score."""

    mention: Mention | None
    role: str  # occurred | proposed | ''
    score: float


class _Rules:
    """rules.json 'location' section, turned into sets once."""

    def __init__(self) -> None:
        r = load_rules()["location"]
        self.preps: dict[str, float] = r["prepositions"]
        self.of_heads = frozenset(r["of_heads"])
        self.skip = frozenset(r["skip_before"])
        self.of_weight = r["of_weight"]
        self.modifier_of_trigger = r["modifier_of_trigger"]
        self.modifier_of_noun = r["modifier_of_noun"]
        self.possessive_force = r["possessive_force"]
        self.force_nouns = frozenset(r["force_nouns"])
        self.direct_object = r["direct_object"]
        self.direct_object_types = frozenset(r["direct_object_types"])
        self.direct_object_verbs = frozenset(r["direct_object_verbs"])
        self.destination_verbs = frozenset(r["destination_verbs"])
        self.destination_weight = r["destination_weight"]
        self.proposal_triggers = frozenset(r["proposal_triggers"])
        self.proposal_preps = frozenset(r["proposal_prepositions"])
        self.proposal_penalty = r["proposal_penalty"]
        self.where_bonus = r["where_bonus"]
        self.experiencer = frozenset(r["experiencer_verbs"])
        self.experiencer_passive = frozenset(r["experiencer_passive"])
        self.experiencer_weight = r["experiencer_weight"]
        self.actor_penalty = r["actor_penalty"]
        self.subject_penalty = r["subject_penalty"]
        self.aux = frozenset(r["auxiliaries"])
        self.actor_verbs = frozenset(r["actor_verbs"])
        self.distance_penalty = r["distance_penalty"]
        self.far_distance = r["far_distance"]
        self.far_penalty = r["far_penalty"]
        self.after_bonus = r["after_bonus"]
        self.clause_penalty = r["clause_penalty"]
        self.clause_breaks = frozenset(r["clause_breaks"])
        self.comma_penalty = r["comma_penalty"]
        self.container_penalty = r["container_penalty"]
        self.specificity: dict[str, float] = r["specificity"]
        self.threshold = r["threshold"]
        self.proposed_threshold = r["proposed_threshold"]
        self.fronted_bonus = r["fronted_bonus"]
        self.adjectival_penalty = r["adjectival_penalty"]
        self.place_nouns = frozenset(r["place_nouns"]) | self.of_heads
        self.reference_penalty = r["reference_penalty"]
        self.intervening_penalty = r["intervening_penalty"]


_RULES: _Rules | None = None


def rules() -> _Rules:
    """The linking rules (loaded once)."""
    global _RULES
    if _RULES is None:
        _RULES = _Rules()
    return _RULES


@lru_cache(maxsize=65536)
def _lemma_in(word: str, lemmas: frozenset[str]) -> bool:
    if word in lemmas:
        return True
    for suf, rep in (("ies", "y"), ("ied", "y"), ("ing", "e"), ("ing", ""), ("ed", "e"), ("ed", ""),
                     ("es", ""), ("s", ""), ("ation", "e"), ("ation", "")):  # fmt: skip
        if word.endswith(suf) and word[: -len(suf)] + rep in lemmas:
            return True
    if len(word) > 5 and word.endswith("ed") and word[-3] == word[-4]:
        return word[:-3] in lemmas  # doubled consonant: shipped -> ship, patrolled -> patrol
    if len(word) > 6 and word.endswith("ing") and word[-4] == word[-5]:
        return word[:-4] in lemmas
    return _IRREGULAR.get(word, "") in lemmas


def link_location(
    tokens: tuple[Token, ...],
    trigger: tuple[int, int],
    event_type: str,
    candidates: list[Mention],
    pos: str = "",
    others: tuple[int, ...] = (),
) -> Link:
    """Choose the location of the event whose trigger spans `trigger` among `candidates`."""
    R = rules()
    if not candidates or not tokens:
        return Link(None, "", 0.0)
    starts, ends, spans, by_end, demonym_idx, head, container, walks, flags, n_breaks, n_commas = (
        _structure(tokens, candidates)
    )
    t0 = max(0, bisect_right(starts, trigger[0]) - 1)
    t1 = max(t0, bisect_left(ends, trigger[1]))
    t1 = min(t1, len(tokens) - 1)
    trig_words = [tokens[i].lower for i in range(t0, t1 + 1)]
    trig_head = trig_words[0] if trig_words else ""
    proposal = any(_lemma_in(w, R.proposal_triggers) for w in trig_words)
    destination = _lemma_in(trig_head, R.destination_verbs)
    direct_verb = _lemma_in(trig_head, R.direct_object_verbs) or event_type in R.direct_object_types

    best: list[tuple[float, int, str] | None] = [None, None]  # occurred, proposed
    for k, m in enumerate(candidates):
        if m.kind == "demonym":
            continue
        i0, i1 = spans[k]
        if i0 <= t1 and i1 >= t0:  # the place is inside the trigger ("the Kyiv strike" spans)
            continue
        h0 = spans[head[k]][0]
        prop, dest = proposal, destination
        gov = max((o for o in others if t1 < o < h0), default=-1) if others else -1
        if gov >= 0:  # "invited X to Oslo during a visit to Warsaw": the nearer event word governs
            w = tokens[gov].lower
            prop, dest = _lemma_in(w, R.proposal_triggers), _lemma_in(w, R.destination_verbs)
        walk = walks[k] if h0 <= t1 or walks[k][0] > t1 else None
        cue, role = _cue(
            tokens, h0, i1, t0, t1, R, prop, dest, direct_verb, pos == "noun", demonym_idx,
            gov if gov >= 0 else max(t0 - 3, 0), walk,
        )  # fmt: skip
        s = cue
        if m.role == "actor":
            s += R.actor_penalty if cue < 2.0 else R.actor_penalty / 3  # "patrolled Tokyo's skies"
        elif cue <= 0 and i1 < t0 and flags[k][0]:
            s += R.subject_penalty
        if container[k]:
            s -= R.container_penalty
        if i0 > t1:
            dist = i0 - t1 - 1
            s += R.after_bonus
            b0, b1 = t1 + 1, i0
        else:
            dist = t0 - i1 - 1
            b0, b1 = i1 + 1, t0
        s -= R.distance_penalty * dist + R.far_penalty * max(0, dist - R.far_distance)
        # clause breaks and commas between them, from the sentence's running counts
        breaks = n_breaks[b1] - n_breaks[b0] if b1 > b0 else 0
        commas = n_commas[b1] - n_commas[b0] if b1 > b0 else 0
        if i1 < t0 and _where_clause(tokens, i1, t0):
            s += R.where_bonus
            breaks = 0
        if i1 < t0 and flags[k][1] and not (m.place is not None and m.place.is_country):
            s += R.fronted_bonus  # "In Gradiska, ... a man was shot": the whole clause's place
            breaks = max(0, breaks - 1)
        if flags[k][2]:
            s -= R.adjectival_penalty  # "in a U.S. airstrike": a modifier, not the place
        if flags[k][3]:
            s -= R.reference_penalty  # "40 miles north of Kabul": a reference point
        s -= R.clause_penalty * breaks + R.comma_penalty * commas
        lo, hi = (t1, i0) if i0 > t1 else (i1, t0)
        if others and any(lo < o < hi for o in others):
            s -= R.intervening_penalty  # another event's word stands between them
        precision = m.place.precision if m.place is not None else ""
        s += R.specificity.get(precision, 0.0)
        slot = 0 if role == "occurred" else 1
        if best[slot] is None or s > best[slot][0]:
            best[slot] = (s, k, role)
    occurred, proposed = best
    if occurred is not None and occurred[0] >= R.threshold:
        return Link(candidates[occurred[1]], "occurred", occurred[0])
    if proposed is not None and proposed[0] >= R.proposed_threshold:
        return Link(candidates[proposed[1]], "proposed", proposed[0])
    top = max((b[0] for b in best if b is not None), default=0.0)
    return Link(None, "", top)


_LAST: tuple = (None, None, None)  # (tokens, candidates, structure) of the previous call


def _structure(tokens: tuple[Token, ...], candidates: list[Mention]) -> tuple:
    """Per-sentence work shared by every trigger: token offsets, candidate spans and chains."""
    global _LAST
    last = _LAST  # one read: safe when threads share the module
    if last[0] is tokens and last[1] is candidates:
        return last[2]
    R = rules()
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    spans = []
    for m in candidates:
        i0 = max(0, bisect_right(starts, m.start) - 1)
        i1 = max(i0, bisect_left(ends, m.end))
        spans.append((min(i0, len(tokens) - 1), min(i1, len(tokens) - 1)))
    by_end = {i1: k for k, (_, i1) in enumerate(spans)}
    demonym_idx = frozenset(
        i
        for k, (a, b) in enumerate(spans)
        if candidates[k].kind == "demonym"
        for i in range(a, b + 1)
    )

    # chains: "Y's X" (possessor Y) and "X, Y" (container Y) -> head index of the chain
    head = list(range(len(candidates)))
    container = [False] * len(candidates)
    for k, (i0, _) in enumerate(spans):
        j, _saw = _walk(tokens, i0, R, demonym_idx)
        if j >= 1 and tokens[j].lower in ("'s", "’s") and j - 1 in by_end:
            p = by_end[j - 1]  # "Russia's Kursk region", "Baghdad's western Amriya district"
            head[k] = head[p]
            container[p] = True
        elif j >= 1 and tokens[j].text == "," and j - 1 in by_end and j == i0 - 1:
            p = by_end[j - 1]  # "Bidart, France"
            head[k] = head[p]
            container[k] = True
        elif (
            j >= 1
            and tokens[j].lower in ("in", "of", "near")
            and (
                j - 1 in by_end
                or (j >= 2 and tokens[j - 1].lower in R.of_heads and j - 2 in by_end)
                or _apposition(tokens, j, by_end, R)
            )
        ):
            # "Srebrenica in eastern Bosnia", "the Kadhimiya neighborhood of Baghdad",
            # "Kafr Shams town in Deraa countryside": the later place contains the first
            container[k] = True
        else:
            # "the West Bank city of Nablus", "the Homs neighbourhood of Baba Amr",
            # "the California capital Sacramento": the first place contains the second
            x = i0 - 1
            if x >= 1 and tokens[x].lower == "of":
                x -= 1
            if x >= 1 and tokens[x].lower in R.of_heads and x - 1 in by_end:
                p = by_end[x - 1]
                container[p] = True
                if tokens[i0 - 1].lower != "of":
                    head[k] = head[p]
            elif x in by_end and x < i0 - 1 and tokens[i0 - 1].lower == "of":
                container[by_end[x]] = True

    # cues of each candidate that do not depend on the trigger
    walks = [_walk(tokens, spans[head[k]][0], R, demonym_idx) for k in range(len(candidates))]
    flags = [
        (
            _subject_like(tokens, i1, R, by_end),
            _fronted(tokens, spans[head[k]][0], i1),
            _adjectival(tokens, i0, i1, R) and k == head[k],
            _reference(tokens, spans[head[k]][0], R),
        )
        for k, (i0, i1) in enumerate(spans)
    ]
    n_breaks = [0]
    n_commas = [0]
    for t in tokens:
        n_breaks.append(n_breaks[-1] + (t.lower in R.clause_breaks))
        n_commas.append(n_commas[-1] + (t.text == ","))
    out = (
        starts,
        ends,
        spans,
        by_end,
        demonym_idx,
        head,
        container,
        walks,
        flags,
        n_breaks,
        n_commas,
    )
    _LAST = (tokens, candidates, out)
    return out


def _cue(
    tokens: tuple[Token, ...],
    i0: int,
    i1: int,
    t0: int,
    t1: int,
    R: _Rules,
    proposal: bool,
    destination: bool,
    direct_verb: bool,
    noun_trigger: bool = False,
    skip_idx: frozenset[int] = frozenset(),
    hyp_lo: int = 0,
    walk: tuple[int, bool] | None = None,
) -> tuple[float, str]:
    """Weight of the words around a place at tokens[i0..i1] as a location cue, and its role."""
    j, saw_of_head = walk or _walk(tokens, i0, R, skip_idx, t0 if i0 > t1 else 1 << 30)
    prev = tokens[j].lower if j >= 0 else ""
    if j == t1 and direct_verb and j >= t0:  # "stormed Giza": the place is the verb's object
        return R.direct_object, "occurred"
    if 0 <= j and i1 < t0 and _lemma_in(tokens[j].lower, R.direct_object_verbs):
        return R.direct_object * 0.8, "occurred"  # "struck the Idlib governorate, killing 50"
    # "their Alaska meeting", "the Baghdad car bombing": the place modifies the trigger noun
    nxt = i1 + 1
    k = nxt
    while k < t0 and tokens[k].text[:1].islower() and k - nxt < 2:
        k += 1
    if (
        nxt <= t0
        and k == t0
        and ((i0 > 0 and tokens[i0 - 1].lower in _DETERMINERS) or noun_trigger)
    ):
        return R.modifier_of_trigger, "occurred"
    if prev in R.preps:
        weight = R.preps[prev]
        if prev in R.proposal_preps and j > t1 and (proposal or _hypothetical(tokens, j, hyp_lo)):
            return max(weight, 2.0) - R.proposal_penalty, "proposed"
        if prev in R.proposal_preps and j < t0 and _hypothetical(tokens, j, max(j - 4, 0)):
            return max(weight, 2.0) - R.proposal_penalty, "proposed"
        if prev in ("to", "into", "toward", "towards") and destination and j > t1:
            return max(weight, R.destination_weight), "occurred"
        if saw_of_head and weight < R.of_weight and prev not in ("by", "with"):
            weight = R.of_weight if prev not in ("from",) else weight
        return weight, "occurred"
    if saw_of_head:
        return R.of_weight, "occurred"
    # "Poland's air defences to respond": a force of the place's own, subject of the trigger
    if nxt < t0 and tokens[nxt].lower in ("'s", "’s"):
        if any(tokens[x].lower in R.force_nouns for x in range(nxt + 1, min(t0, nxt + 4))):
            return R.possessive_force, "occurred"
        return 0.0, "occurred"
    # "Kyiv endured a massive assault", "Kharkiv was hit by", "Samashki and Bamut were encircled"
    while nxt + 1 < t0 and tokens[nxt].lower in ("and", ",") and tokens[nxt + 1].text[:1].isupper():
        nxt += 2
        while nxt < t0 and tokens[nxt].text[:1].isupper():
            nxt += 1
    if nxt < t0 and tokens[nxt].lower in _PASSIVE_AUX:
        x = nxt + 1
        while x < t0 and tokens[x].lower in R.aux:
            x += 1
        if x == t0 or tokens[x].lower.endswith("ly") and x + 1 == t0:
            return R.experiencer_weight, "occurred"
    if nxt < len(tokens) and i1 < t0:
        w = tokens[nxt].lower
        if w in R.experiencer and (
            w not in {"was", "were", "is", "are", "has", "had", "have", "been"}
            or (nxt + 1 < len(tokens) and tokens[nxt + 1].lower in R.experiencer_passive)
            or (nxt + 2 < len(tokens) and tokens[nxt + 2].lower in R.experiencer_passive)
        ):
            if w not in ("came",) or (nxt + 1 < len(tokens) and tokens[nxt + 1].lower == "under"):
                return R.experiencer_weight, "occurred"
    if (
        nxt < len(tokens)
        and tokens[nxt].text[:1].islower()
        and tokens[nxt].text.isalpha()
        and tokens[nxt].lower not in R.aux
        and tokens[nxt].lower not in R.actor_verbs
        and not tokens[nxt].lower.endswith("ed")
    ):
        return R.modifier_of_noun, "occurred"
    return 0.0, "occurred"


_HELD = ("-held", "-controlled", "-administered", "-occupied", "-dominated", "-majority", "-run")
_HYPOTHETICAL = frozenset(
    {"will", "would", "could", "might", "may", "shall", "let", "if", "plan", "plans", "planned",
     "ready", "welcome", "invited", "invite", "invites", "inviting", "wants", "want", "hopes", "to",
     "should", "intends", "proposed", "offered", "asking", "asked", "urged"}
)  # fmt: skip
_PASSIVE_AUX = frozenset({"was", "were", "is", "are", "been", "being", "be"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"})


def _walk(
    tokens: tuple[Token, ...],
    i0: int,
    R: _Rules,
    skip_idx: frozenset[int] = frozenset(),
    stop_at: int = 1 << 30,
) -> tuple[int, bool]:
    """Index of the first cue word before a place, skipping "the northern city of" and the like."""
    j = i0 - 1
    steps = 0
    saw_of_head = False
    while j >= 0 and steps < 7:
        w = tokens[j].lower
        if w in R.skip or j in skip_idx or w.endswith(_HELD):
            j -= 1
            steps += 1
            continue
        if (
            w == "of"
            and j - 1 >= 0
            and (tokens[j - 1].lower in R.of_heads or tokens[j - 1].lower.endswith(("ern", "side")))
        ):
            saw_of_head = True
            j -= 2
            steps += 2
            continue
        if w in ("'s", "’s") and j >= 1 and tokens[j - 1].lower in R.of_heads:
            j -= 2  # "the province's Sangkhla Buri district"
            steps += 2
            continue
        if tokens[j].lower in R.of_heads or (saw_of_head and tokens[j].lower.isdigit()):
            j -= 1  # "the capital Brazzaville", "the port city of"
            steps += 1
            continue
        if (
            tokens[j].text.isalpha()
            and tokens[j].text[:1].islower()
            and w not in R.preps
            and not (stop_at <= j)
            and w not in R.aux
            and w not in R.actor_verbs
        ):
            # an adjective after a determiner: "the tense Kodori Gorge", "a Georgian-controlled"
            back = next(
                (
                    x
                    for x in (j - 1, j - 2)
                    if x >= 0 and tokens[x].lower in _DETERMINERS | {"'s", "’s"}
                ),
                -1,
            )
            if back >= 0 and all(tokens[y].lower not in R.preps for y in range(back + 1, j)):
                if tokens[back].lower in ("'s", "’s"):
                    j = back  # "Iraq's main southern city of Basra": a possessive chain
                    break
                j = back - 1
                steps += j - back + 2
                continue
        break
    return j, saw_of_head


_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "north-east", "north-west", "south-east", "south-west"}
)  # fmt: skip


def _apposition(tokens: tuple[Token, ...], j: int, by_end: dict[int, int], R: _Rules) -> bool:
    """'Shuola, a Shiite-dominated suburb in ...': tokens[j] ends an apposition to a place."""
    x = j - 1
    while x >= 0 and j - x <= 6 and tokens[x].text != ",":
        if not (tokens[x].text[:1].islower() or tokens[x].lower in R.of_heads):
            return False
        x -= 1
    return x >= 1 and tokens[x].text == "," and x - 1 in by_end and j - x >= 2


def _adjectival(tokens: tuple[Token, ...], i0: int, i1: int, R: _Rules) -> bool:
    """'a U.S. airstrike', 'the Kurdish-held neighborhoods': a name used as an adjective."""
    if i0 < 1 or tokens[i0 - 1].lower not in ("a", "an", "the") or i1 + 1 >= len(tokens):
        return False
    nxt = tokens[i1 + 1]
    return (
        nxt.text.isalpha()
        and nxt.text.islower()
        and nxt.lower not in R.place_nouns
        and nxt.lower not in R.aux
        and nxt.lower not in R.actor_verbs
    )


def _reference(tokens: tuple[Token, ...], i0: int, R: _Rules | None = None) -> bool:
    """'... 60 km north of Baghdad': the place only locates another one."""
    if R is not None:
        j = _walk(tokens, i0, R)[0]
        if any(
            tokens[x].lower in _DIRECTIONS and tokens[x + 1].lower == "of"
            for x in range(max(j, 0), i0 - 1)
        ):
            return True
    return (
        i0 >= 2
        and tokens[i0 - 1].lower == "of"
        and tokens[i0 - 2].lower in _DIRECTIONS
        and (i0 < 3 or tokens[i0 - 3].lower in {"km", "kilometers", "kilometres", "miles", ",", ")"}
             or tokens[i0 - 3].lower.isdigit() or tokens[i0 - 3].lower.endswith("ly"))
    )  # fmt: skip


def _fronted(tokens: tuple[Token, ...], i0: int, i1: int) -> bool:
    """'In Gradiska, ...' or 'On Friday in Kabul, ...': a place fronting its sentence."""
    j = i0 - 1
    while j >= 0 and (
        tokens[j].lower in {"the", "of"}
        or tokens[j].text[:1].islower()
        and tokens[j].lower not in {"in", "at", "near", "outside"}
    ):
        j -= 1  # fmt: skip
    if j < 0 or tokens[j].lower not in {"in", "at", "near", "outside"} or j > 4:
        return False
    k = i1 + 1
    while k < len(tokens) and k - i1 < 8 and tokens[k].text != ",":
        k += 1
    return k < len(tokens) and tokens[k].text == "," and k - i1 < 8


def _hypothetical(tokens: tuple[Token, ...], j: int, lo: int) -> bool:
    """True when the words before tokens[j] make a motion only proposed ("let him come to")."""
    for x in range(j - 1, lo - 1, -1):
        w = tokens[x].lower
        if w in (",", ";", ".", "and", "but"):
            return False
        if w in _HYPOTHETICAL and w != "to":
            return True
        if w == "to" and x < j - 1:
            return True  # "welcome to travel to": infinitive of motion
    return False


def _subject_like(tokens: tuple[Token, ...], i1: int, R: _Rules, by_end: dict[int, int]) -> bool:
    """True when the place at ...i1 is followed by a verb: it acts ("Moscow has rejected")."""
    j = i1 + 1
    while j < len(tokens) and (tokens[j].lower in ("and", ",") or tokens[j].text[:1].isupper()):
        if j in by_end or tokens[j].lower in ("and", ","):
            j += 1
            continue
        break
    steps = 0
    while j < len(tokens) and tokens[j].lower in R.aux and steps < 3:
        j += 1
        steps += 1
    if j >= len(tokens):
        return False
    w = tokens[j].lower
    if w in R.actor_verbs:
        return True
    return steps > 0 and w.endswith("ed") and w not in R.experiencer_passive


def _where_clause(tokens: tuple[Token, ...], i1: int, t0: int) -> bool:
    """'... Kursk region, where Ukrainian forces crossed': the trigger sits in a where-clause."""
    j = i1 + 1
    limit = min(t0, i1 + 4)
    while j < limit and tokens[j].lower != "where":
        j += 1
    if j >= t0 or tokens[j].lower != "where":
        return False
    return not any(tokens[x].lower in (";", ".") for x in range(j, t0))
