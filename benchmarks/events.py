"""Event benchmark: event-location linking, PLOVER typing and actors, throughput.

Prints, each beside a simple baseline run on the same input:

1. Event-location linking on ../shared/eval/event_location_dev.jsonl (given-triggers mode: the
   VERB span is the trigger, the predicted location span is compared with the gold LOCATION
   spans by overlap; a record without LOCATION expects no location). Candidates come from the
   real pipeline (geoevents.geoparse.geoparse). Variant: capitalised spans as candidates,
   to measure linking apart from recognition. Baseline: the place nearest the trigger that
   follows a location preposition. Figures for all records and for the coder-confirmed ones
   (answer == "accept").
2. Typing and actors on ../shared/eval/plover_gsr_dev.json: accuracy of the event type (the
   first event of the main clause, after a fronted adverbial phrase such as "Despite ..., "; PLOVER 2016 names mapped to the 2021 ones the
   lexicon uses: FIGHT->ASSAULT, DISAPPROVE->ACCUSE, DEMAND->REQUEST) and of the source and
   target country codes (correct when the predicted code is one of the gold codes). Also with
   the coded event words given as triggers. Baseline: most frequent type; first and second
   country mention as source and target.
3. Throughput of places + events (geoparse then extract_events) in one process, in words per
   second of CPU time, beside geoparse alone.

Gold LOCATION spans whose offsets do not match their own "text" field (about 900 records
carry token indices instead of character offsets) are re-anchored on that text; spans with
empty text are dropped. The data is only read, never shipped or copied.

Usage: python benchmarks/events.py [--limit N] [--skip-throughput]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geoevents.events import extract_events  # noqa: E402
from geoevents.mention import Mention  # noqa: E402

EVAL = REPO.parent / "shared" / "eval"
LOC_PREPS = {"in", "at", "near", "outside", "inside", "into", "across", "around", "on", "of",
             "throughout", "within", "from", "to", "towards", "toward", "through", "over"}  # fmt: skip
TYPE_MAP = {"FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "DEMAND": "REQUEST"}
CAPS = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:(?:of|al|el|de|du|la|le|bin)\s+)?[A-Z][\w’'.-]*)*")
COMMON = set(
    "the a an this that these those he she they it we i his her their its but and or in on at as "
    "after before when while if however meanwhile according earlier later also there then some "
    "many most one two three four five six several police army president minister officials "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)


def geoparser():
    """The real geoparser, or None when the lead's module is not there yet."""
    try:
        from geoevents.geoparse import geoparse
    except ImportError:
        return None
    return geoparse


# ---------------------------------------------------------------- linking
def gold_locations(rec: dict) -> list[tuple[int, int]]:
    """Gold LOCATION spans as character offsets, re-anchored on their text when needed."""
    text = rec["text"]
    out = []
    for s in rec.get("spans") or []:
        if s["label"] != "LOCATION":
            continue
        tx = s.get("text")
        if tx is not None and text[s["start"] : s["end"]] != tx:
            if not tx.strip():
                continue
            occ = [m.start() for m in re.finditer(re.escape(tx), text)]
            if not occ:
                continue
            want = s.get("token_start", s["start"])
            o = min(occ, key=lambda o: abs(len(text[:o].split()) - want))
            out.append((o, o + len(tx)))
        elif s["end"] > s["start"]:
            out.append((s["start"], s["end"]))
    return out


def caps_mentions(text: str) -> tuple[Mention, ...]:
    """Capitalised spans (minus common words) as unresolved candidate mentions."""
    out = []
    for m in CAPS.finditer(text):
        s, name = m.start(), m.group(0)
        first = name.split()[0]
        if first.lower() in COMMON:
            rest = name[len(first) :].lstrip()
            if not rest:
                continue
            s, name = m.end() - len(rest), rest
        if name.endswith(("'s", "’s")):
            name = name[:-2]
        if name.lower() not in COMMON:
            out.append(Mention(s, s + len(name), name))
    return tuple(out)


def baseline_location(text: str, trigger: tuple[int, int], mentions) -> tuple[int, int] | None:
    """The toponym nearest the trigger whose previous word is a location preposition."""
    best = None
    for m in mentions:
        if m.kind == "demonym":
            continue
        words = text[: m.start].split()
        if (
            words
            and words[-1].lower() in LOC_PREPS
            or (len(words) > 1 and words[-1].lower() == "the" and words[-2].lower() in LOC_PREPS)
        ):
            d = abs(m.start - trigger[1]) if m.start >= trigger[1] else abs(trigger[0] - m.end)
            if best is None or d < best[0]:
                best = (d, (m.start, m.end))
    return best[1] if best else None


class PRF:
    """Overlap precision / recall / F1 counts."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, pred: tuple[int, int] | None, gold: list[tuple[int, int]]) -> None:
        hit = pred is not None and any(pred[0] < ge and gs < pred[1] for gs, ge in gold)
        if pred is not None:
            self.tp += hit
            self.fp += not hit
        if gold and not hit:
            self.fn += 1

    def row(self) -> str:
        p = self.tp / max(1, self.tp + self.fp)
        r = self.tp / max(1, self.tp + self.fn)
        f = 2 * p * r / max(1e-9, p + r)
        return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={self.tp} fp={self.fp} fn={self.fn})"


def bench_linking(limit: int | None) -> None:
    path = EVAL / "event_location_dev.jsonl"
    recs = [json.loads(line) for line in open(path, encoding="utf-8")]
    recs = [r for r in recs if sum(s["label"] == "VERB" for s in r.get("spans") or []) == 1]
    if limit:
        recs = recs[:limit]
    geoparse = geoparser()
    variants = {}
    if geoparse is not None:
        variants["pipeline (geoparse)"] = geoparse
    variants["capitalised spans"] = caps_mentions
    print(f"== 1. event-location linking: {path.name}, {len(recs)} records with one VERB")
    if geoparse is None:
        print("   geoevents.geoparse is not available: only the capitalised-span variant runs")
    for name, cands in variants.items():
        ours, base = {"all": PRF(), "accept": PRF()}, {"all": PRF(), "accept": PRF()}
        for r in recs:
            text = r["text"]
            verb = next(s for s in r["spans"] if s["label"] == "VERB")
            trig = (verb["start"], verb["end"])
            gold = gold_locations(r)
            mentions = cands(text)
            ev = extract_events(text, mentions, triggers=[trig])[0]
            pred = (ev.location.start, ev.location.end) if ev.location else None
            bpred = baseline_location(text, trig, mentions)
            for key in ("all", "accept"):
                if key == "accept" and r.get("answer") != "accept":
                    continue
                ours[key].add(pred, gold)
                base[key].add(bpred, gold)
        for key in ("all", "accept"):
            print(f"   {name:22s} {key:6s} geoevents: {ours[key].row()}")
            print(f"   {'':22s} {key:6s} baseline:  {base[key].row()}")


# ---------------------------------------------------------------- PLOVER GSR
def markup_triggers(item: dict) -> list[tuple[int, int]]:
    """Character spans of the (EVT: ...) words of the GSR markup in the plain text."""
    text, markup = item["text"], (item.get("textInfo") or {}).get("markup", "")
    spans, pos = [], 0
    for m in re.finditer(
        r"\((SRC/TAR|SRC|TAR|EVT): ([^()]*(?:\([^()]*\)[^()]*)*)\)|([^()]+)", markup
    ):
        piece = m.group(2) if m.group(1) else m.group(3)
        if piece is None:
            continue
        at = text.find(piece.strip(), pos)
        if at < 0:
            continue
        if m.group(1) == "EVT":
            spans.append((at, at + len(piece.strip())))
        pos = at + len(piece.strip())
    return spans


FRONTED = re.compile(
    r"^(?:in|despite|after|following|amid|since|while|as|with|under|before|during|according)\b"
    r"[^,]{0,120},",
    re.IGNORECASE,
)


def main_event(text: str, events):
    """The first event of the main clause: a fronted adverbial phrase ("Despite warnings of
    starvation, ...", "In a letter handed over to ..., ") is skipped when events follow it."""
    m = FRONTED.match(text)
    if m:
        later = [e for e in events if e.trigger_start >= m.end()]
        if later:
            return later[0]
    return events[0] if events else None


def codes(field) -> set[str]:
    if not isinstance(field, list):
        return set()
    return {a.get("code", "").strip() for a in field if isinstance(a, dict) and a.get("code")}


def bench_gsr() -> None:
    path = EVAL / "plover_gsr_dev.json"
    items = [x for x in json.load(open(path, encoding="utf-8")) if x.get("text")]
    geoparse = geoparser()
    parse = geoparse if geoparse is not None else caps_mentions
    gold_types = Counter(TYPE_MAP.get(x["event"], x["event"]) for x in items)
    top_type = gold_types.most_common(1)[0][0]
    res = {k: Counter() for k in ("auto", "given", "baseline")}
    for x in items:
        text = x["text"]
        gtype = TYPE_MAP.get(x["event"], x["event"])
        src, tgt = codes(x.get("source")), codes(x.get("target"))
        mentions = parse(text)
        auto = extract_events(text, mentions)
        main = main_event(text, auto)
        given = [
            e for e in extract_events(text, mentions, triggers=markup_triggers(x)) if e.event_type
        ]
        gmain = given[0] if given else None
        countries = [
            m.place.country_code for m in mentions if m.place is not None and m.place.country_code
        ]
        from geoevents.events.lexicon import iso3

        base_src = iso3(countries[0]) if countries else ""
        base_tgt = iso3(countries[1]) if len(countries) > 1 else ""
        for key, ev in (("auto", main), ("given", gmain)):
            c = res[key]
            c["n"] += 1
            c["type"] += ev is not None and ev.event_type == gtype
            if src:
                c["src_n"] += 1
                c["src"] += ev is not None and ev.actor_country in src
            if tgt:
                c["tgt_n"] += 1
                c["tgt"] += ev is not None and ev.target_country in tgt
        b = res["baseline"]
        b["n"] += 1
        b["type"] += top_type == gtype
        if src:
            b["src_n"] += 1
            b["src"] += base_src in src
        if tgt:
            b["tgt_n"] += 1
            b["tgt"] += base_tgt in tgt
    print(f"== 2. PLOVER typing and actors: {path.name}, {len(items)} sentences")
    labels = {
        "auto": "geoevents (triggers found)",
        "given": "geoevents (EVT words given)",
        "baseline": f"baseline ({top_type} / 1st,2nd country)",
    }
    for key, c in res.items():
        print(
            f"   {labels[key]:36s} type {c['type'] / c['n']:.3f}  "
            f"source {c['src'] / max(1, c['src_n']):.3f} (n={c['src_n']})  "
            f"target {c['tgt'] / max(1, c['tgt_n']):.3f} (n={c['tgt_n']})"
        )


# ---------------------------------------------------------------- throughput
def bench_throughput() -> None:
    geoparse = geoparser()
    recs = [json.loads(line) for line in open(EVAL / "event_location_dev.jsonl", encoding="utf-8")]
    docs = [" ".join(r["text"] for r in recs[i : i + 30]) for i in range(0, len(recs), 30)]
    words = sum(len(d.split()) for d in docs)
    print(f"== 3. throughput: {len(docs)} documents, {words} words, one process (CPU time)")
    if geoparse is None:
        print("   geoevents.geoparse is not available")
        return
    geoparse(docs[0])
    extract_events(docs[0], ())
    t = time.process_time()
    mentions = [geoparse(d) for d in docs]
    t_geo = time.process_time() - t
    t = time.process_time()
    n_events = sum(len(extract_events(d, m)) for d, m in zip(docs, mentions, strict=True))
    t_ev = time.process_time() - t
    print(f"   places only (geoparse):  {words / t_geo:9.0f} words/s")
    print(f"   events only:             {words / t_ev:9.0f} words/s ({n_events} events)")
    print(
        f"   places + events:         {words / (t_geo + t_ev):9.0f} words/s "
        f"(target 30000; events add {t_ev / t_geo:.2f}x the geoparse time)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N linking records only")
    ap.add_argument("--skip-throughput", action="store_true")
    args = ap.parse_args()
    if not EVAL.exists():
        print(f"no evaluation data at {EVAL}", file=sys.stderr)
        return 1
    bench_linking(args.limit)
    bench_gsr()
    if not args.skip_throughput:
        bench_throughput()
    return 0


if __name__ == "__main__":
    sys.exit(main())
