"""The event data files: trigger lexicon, actor list, country codes and linking rules.

Files live in geoevents/data/events/ (format in docs/events.md). Every `triggers_*.tsv` and
`actors_*.tsv` there is read, the generated `*_petrarch2.tsv` first, so hand-made files override
it; a trigger row whose event_type is "-" is a blocker: the phrase matches but reports no event.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "events"

_VOWELS = set("aeiou")


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon row: a phrase that reports an event of a PLOVER type."""

    phrase: str
    pos: str  # verb | noun
    event_type: str
    mode: str
    cameo: str
    source: str  # file stem the row came from


@dataclass(frozen=True)
class Actor:
    """A named actor (person, institution, group) with the country it stands for."""

    name: str
    country: str  # ISO alpha-3, or IGO / NGO
    start_year: int | None
    end_year: int | None
    kind: str


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return [
        {k: (v or "").strip() for k, v in row.items() if k}
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


def _ordered(pattern: str, data_dir: Path) -> list[Path]:
    files = sorted(data_dir.glob(pattern))
    return sorted(files, key=lambda p: (not p.stem.endswith("petrarch2"), p.name))


def verb_forms(lemma: str) -> list[str]:
    """Regular inflections of a verb: lemma, -s, -ed, -ing (first word of a phrase)."""
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if head.endswith("ee"):
        ed, ing = head + "d", head + "ing"
    elif head.endswith("e"):
        ed, ing = head + "d", head[:-1] + "ing"
    elif head.endswith("y") and len(head) > 2 and head[-2] not in _VOWELS:
        ed, ing = head[:-1] + "ied", head + "ing"
    elif (
        len(head) >= 3
        and head[-1] not in _VOWELS | {"w", "x", "y"}
        and head[-2] in _VOWELS
        and head[-3] not in _VOWELS
        and len(head) <= 4
    ):
        ed, ing = head + head[-1] + "ed", head + head[-1] + "ing"
    else:
        ed, ing = head + "ed", head + "ing"
    if head.endswith(("s", "sh", "ch", "x", "z")):
        s = head + "es"
    elif head.endswith("y") and len(head) > 2 and head[-2] not in _VOWELS:
        s = head[:-1] + "ies"
    else:
        s = head + "s"
    return [lemma] + [f + tail for f in (s, ed, ing)]


def noun_forms(noun: str) -> list[str]:
    """A noun and its regular plural (last word of a phrase)."""
    if noun.endswith("s"):
        return [noun]
    if noun.endswith(("sh", "ch", "x", "z")):
        return [noun, noun + "es"]
    if noun.endswith("y") and len(noun) > 2 and noun[-2] not in _VOWELS:
        return [noun, noun[:-1] + "ies"]
    return [noun, noun + "s"]


class TriggerLexicon:
    """Surface forms (lower case, possibly several words) -> lexicon entries."""

    def __init__(self, entries: list[TriggerEntry], forms: dict[tuple[str, str], list[str]]):
        self.forms: dict[str, dict[str, TriggerEntry]] = {}
        self.max_words = 1
        for entry in entries:
            for form in forms.get((entry.phrase, entry.pos)) or (
                verb_forms(entry.phrase) if entry.pos == "verb" else noun_forms(entry.phrase)
            ):
                slot = self.forms.setdefault(form, {})
                slot.setdefault(entry.pos, entry)
                self.max_words = max(self.max_words, form.count(" ") + 1)
        # the lemma itself is also a valid form of an irregular verb
        for entry in entries:
            self.forms.setdefault(entry.phrase, {}).setdefault(entry.pos, entry)
        # first word -> longest phrase length starting with it (1 for single words)
        self.first: dict[str, int] = {}
        for form in self.forms:
            head, n = form.split(" ", 1)[0], form.count(" ") + 1
            if n > self.first.get(head, 0):
                self.first[head] = n

    def get(self, form: str) -> dict[str, TriggerEntry]:
        """Entries by part of speech for one surface form ({} when unknown)."""
        return self.forms.get(form, {})

    def lookup(self, words: str) -> TriggerEntry | None:
        """The best entry for a trigger text given by the caller (any inflection, any length)."""
        low = " ".join(words.lower().split())
        candidates = [low] + [low.split(" ")[i] for i in range(len(low.split(" ")))]
        for cand in candidates:
            entries = self.forms.get(cand) or self.forms.get(_strip_suffix(cand), {})
            if entries:
                entry = entries.get("verb") or entries.get("noun")
                return entry if entry is not None and entry.event_type else None
        return None


def _strip_suffix(word: str) -> str:
    for suf, rep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            return word[: -len(suf)] + rep
    return word


@lru_cache(maxsize=4)
def load_triggers(data_dir: Path = DATA_DIR) -> TriggerLexicon:
    """The trigger lexicon from every triggers_*.tsv in `data_dir` (cached)."""
    merged: dict[tuple[str, str], TriggerEntry] = {}
    forms: dict[tuple[str, str], list[str]] = {}
    cameo_types = load_cameo(data_dir)
    for path in _ordered("triggers_*.tsv", data_dir):
        for row in _read_tsv(path):
            phrase = " ".join(row.get("phrase", "").lower().split())
            pos = row.get("pos", "verb") or "verb"
            if not phrase:
                continue
            etype = row.get("event_type", "").upper()
            cameo = row.get("cameo", "")
            if etype == "-":  # a blocker: matches, shadows shorter phrases, makes no event
                merged[(phrase, pos)] = TriggerEntry(phrase, pos, "", "", "", path.stem)
                continue
            if not etype and cameo:
                etype, mode_from_code = cameo_types.get(cameo, ("", ""))
            else:
                mode_from_code = ""
            if not etype:
                raise ValueError(f"{path.name}: no event_type for {phrase!r}")
            merged[(phrase, pos)] = TriggerEntry(
                phrase, pos, etype, row.get("mode", "") or mode_from_code, cameo, path.stem
            )
            extra = [f.strip().lower() for f in row.get("forms", "").split(",") if f.strip()]
            if extra:
                forms[(phrase, pos)] = [phrase, *extra]
            elif (phrase, pos) in forms:
                del forms[(phrase, pos)]
    return TriggerLexicon(list(merged.values()), forms)


@lru_cache(maxsize=4)
def load_cameo(data_dir: Path = DATA_DIR) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER type, mode)."""
    path = data_dir / "cameo_plover.tsv"
    if not path.exists():
        return {}
    return {r["cameo"]: (r["event_type"], r.get("mode", "")) for r in _read_tsv(path)}


@lru_cache(maxsize=4)
def load_actors(data_dir: Path = DATA_DIR) -> dict[str, tuple[Actor, ...]]:
    """Lower-cased actor name -> actors of that name (several when offices alternate)."""
    table: dict[str, list[Actor]] = {}
    for path in _ordered("actors_*.tsv", data_dir):
        curated: set[str] = set()
        for row in _read_tsv(path):
            name = row.get("name", "")
            key = " ".join(name.lower().split())
            if not key:
                continue
            if key not in curated:
                table[key] = []  # a later file replaces earlier rows of that name
                curated.add(key)
            code = row.get("country", "").upper()
            if code == "-":
                continue
            table[key].append(
                Actor(
                    name,
                    code,
                    _int(row.get("start_year")),
                    _int(row.get("end_year")),
                    row.get("kind", ""),
                )
            )
    return {k: tuple(v) for k, v in table.items() if v}


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@lru_cache(maxsize=4)
def load_iso3(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """ISO 3166 alpha-2 -> alpha-3."""
    return {r["iso2"].upper(): r["iso3"].upper() for r in _read_tsv(data_dir / "countries.tsv")}


def iso3(iso2: str) -> str:
    """The alpha-3 code of an alpha-2 code ('' when unknown)."""
    return load_iso3().get(iso2.upper(), "") if iso2 else ""


@lru_cache(maxsize=4)
def load_rules(data_dir: Path = DATA_DIR) -> dict:
    """The linking, actor, date and quantity rules (rules.json)."""
    with open(data_dir / "rules.json", encoding="utf-8") as fh:
        return json.load(fh)
