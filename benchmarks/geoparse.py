"""Geoparsing benchmark: geoevents against the literature's baselines on LGL and GeoWebNews.

Side by side in one run, on the same gazetteer:
  (a) geoevents resolution with gold spans (accuracy@161km, AUC, mean and median km);
  (b) the population baseline (most populous gazetteer candidate for each gold span);
  (c) geoevents end to end: recognition P/R/F1 (overlap and exact), accuracy@161km of the found;
  (d) spaCy NER + population baseline, when spaCy and an English pipeline are installed;
  (e) throughput of the default pipeline in words/s on one and on two processes.

Usage: python benchmarks/geoparse.py [--corpus lgl|gwn|all] [--limit N] [--errors FILE]
See docs/benchmarks.md for what each figure means.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import evaldata, scoring  # noqa: E402
from benchmarks.evaldata import Corpus, EvalDoc, GoldToponym  # noqa: E402
from benchmarks.scoring import PRF, ResolutionScore  # noqa: E402

CANDIDATE_LIMIT = 50
TARGETS = {
    "LGL": {"acc161": 0.85, "auc": 0.20, "f1": 0.75},
    "GWN": {"acc161": 0.90},
}
THROUGHPUT_TARGET = 100_000
MIN_TIMED_SECONDS = 2.0
SPACY_LABEL_SETS = {
    "GPE/LOC/FAC": ("GPE", "LOC", "FAC"),
    "GPE/LOC/FAC/NORP": ("GPE", "LOC", "FAC", "NORP"),
}

ERROR_CLASSES = (
    "no candidate",
    "right entity, wrong point",
    "ambiguity (right candidate available)",
    "gold not among candidates",
)


# ---------------------------------------------------------------- optional components


def _load_gazetteer() -> tuple[Any, str]:
    try:
        from geoevents.gazetteer import default_gazetteer
    except ImportError as exc:
        return None, f"geoevents.gazetteer unavailable ({exc})"
    t0 = time.perf_counter()
    gaz = default_gazetteer()
    return gaz, f"gazetteer loaded in {time.perf_counter() - t0:.2f} s"


def _load_geoparse() -> tuple[Callable[..., Any] | None, str]:
    try:
        from geoevents.geoparse import geoparse
    except ImportError as exc:
        return None, f"geoevents.geoparse unavailable ({exc})"
    return geoparse, ""


def _load_spacy(model: str | None) -> tuple[Any, str]:
    try:
        from geoevents.spacy_backend import load_model
    except ImportError as exc:  # pragma: no cover - module is in the package
        return None, str(exc)
    try:
        nlp = load_model(model)
    except ImportError as exc:
        return None, str(exc)
    return nlp, f"spaCy pipeline {nlp.meta.get('name', '?')} {nlp.meta.get('version', '')}"


# ---------------------------------------------------------------- resolution helpers


def _point(place: Any) -> tuple[float, float] | None:
    return None if place is None else (place.lat, place.lon)


class Candidates:
    """Memoised gazetteer lookups by surface string."""

    def __init__(self, gazetteer: Any, limit: int = CANDIDATE_LIMIT) -> None:
        self.gazetteer = gazetteer
        self.limit = limit
        self._memo: dict[str, list[Any]] = {}

    def __call__(self, surface: str) -> list[Any]:
        hit = self._memo.get(surface)
        if hit is None:
            hit = list(self.gazetteer.lookup(surface, limit=self.limit)) if self.gazetteer else []
            self._memo[surface] = hit
        return hit

    def most_populous(self, surface: str) -> Any:
        """The literature's population baseline: the most populous candidate (first on ties)."""
        cands = self(surface)
        return max(cands, key=lambda p: p.population or 0) if cands else None


def strong_place(cands: Candidates) -> Callable[[str], bool]:
    """A gazetteer test for SpacyRecognizer: the name itself (not an alias) is a country,
    first-level division, capital or city of 100,000+ among the top candidates."""

    def is_strong(name: str) -> bool:
        key = name.casefold()
        for p in cands(name)[:5]:
            if p.name.casefold() != key:
                continue
            if p.is_country or p.is_admin1 or p.feature_code == "PPLC" or p.population >= 100_000:
                return True
        return False

    return is_strong


def _geoevents_is_strong(gazetteer: Any) -> Callable[[str], bool] | None:
    """The geoparser's own strong-place test, as geoparse(backend='spacy') uses it, if any."""
    try:
        from geoevents.geoparse import recognizer_for
    except ImportError:
        return None
    return getattr(recognizer_for(gazetteer), "is_strong", None)


def _same_entity(gold: GoldToponym, place: Any) -> bool:
    if place is None:
        return False
    if gold.geonameid is not None:
        return place.geonameid == gold.geonameid
    return bool(gold.name) and place.name.casefold() == gold.name.casefold()


def classify_error(gold: GoldToponym, predicted: Any, candidates: Sequence[Any]) -> str:
    """Error class of a toponym resolved more than 161 km from its gold point."""
    if _same_entity(gold, predicted):
        return "right entity, wrong point"
    if not candidates:
        return "no candidate"
    gpoint = gold.point
    for c in candidates:
        if _same_entity(gold, c) or scoring.error_km(gpoint, _point(c)) <= scoring.ACCURACY_KM:
            return "ambiguity (right candidate available)"
    return "gold not among candidates"


@dataclass(frozen=True)
class Resolved:
    """One gold toponym with the place a system chose for it."""

    doc: str
    gold: GoldToponym
    place: Any
    km: float
    n_candidates: int
    error_class: str  # "" when within 161 km
    reason: str = ""


def _resolved(
    doc: EvalDoc, gold: GoldToponym, place: Any, cands: Candidates, reason="", extra=()
) -> Resolved:
    km = scoring.error_km(gold.point, _point(place))
    # The system's own candidates (its choice and alternatives, e.g. from demonym tables)
    # count beside the gazetteer's lookup of the surface string.
    cl = list(cands(gold.surface))
    seen = {p.geonameid for p in cl}
    for p in extra:
        if p is not None and p.geonameid not in seen:
            seen.add(p.geonameid)
            cl.append(p)
    klass = "" if km <= scoring.ACCURACY_KM else classify_error(gold, place, cl)
    return Resolved(doc.id, gold, place, km, len(cl), klass, reason)


def resolve_gold_spans(docs, geoparse, gazetteer, cands) -> tuple[list[Resolved], int]:
    """(a) geoevents on gold spans; returns per-toponym results and the number of failed docs."""
    out: list[Resolved] = []
    failed = 0
    for doc in docs:
        spans = [g.span for g in doc.geocoded]
        if not spans:
            continue
        try:
            mentions = geoparse(doc.text, spans=spans, gazetteer=gazetteer)
        except Exception as exc:  # a failing document is reported, the rest processed
            failed += 1
            print(f"  ! doc {doc.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
            mentions = [None] * len(spans)
        if len(mentions) != len(spans):
            print(
                f"  ! doc {doc.id}: {len(mentions)} mentions for {len(spans)} given spans",
                file=sys.stderr,
            )
            failed += 1
            mentions = [None] * len(spans)
        for gold, m in zip(doc.geocoded, mentions, strict=True):
            if m is None:
                out.append(_resolved(doc, gold, None, cands))
                continue
            extra = (m.place, *m.alternatives)
            out.append(_resolved(doc, gold, m.place, cands, m.reason, extra))
    return out, failed


def resolve_population(docs, cands) -> list[Resolved]:
    """(b) the population baseline on gold spans."""
    return [
        _resolved(doc, g, cands.most_populous(g.surface), cands, "most populous")
        for doc in docs
        for g in doc.geocoded
    ]


def score_resolved(rows: Sequence[Resolved]) -> ResolutionScore:
    """Resolution scores of per-toponym results."""
    return ResolutionScore.from_errors(
        [r.km for r in rows], unresolved=sum(1 for r in rows if r.place is None)
    )


# ---------------------------------------------------------------- end to end


@dataclass(frozen=True)
class EndToEnd:
    """Recognition counts and the resolution of the gold toponyms that were found."""

    overlap: PRF
    exact: PRF
    found: ResolutionScore
    seconds: float
    failed: int
    missed: Counter = field(default_factory=Counter)  # gold surfaces no prediction overlaps
    spurious: Counter = field(default_factory=Counter)  # predicted surfaces overlapping no gold
    by_type: dict = field(default_factory=dict)  # GeoWebNews type -> (found, total)


def end_to_end(docs, predict: Callable[[EvalDoc], list[tuple[int, int, Any]]]) -> EndToEnd:
    """Score a recogniser+resolver whose `predict(doc)` gives (start, end, place-or-None)."""
    ov = PRF(0, 0, 0)
    ex = PRF(0, 0, 0)
    errors: list[float] = []
    unresolved = 0
    failed = 0
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    by_type: dict[str, tuple[int, int]] = {}
    t0 = time.perf_counter()
    for doc in docs:
        try:
            pred = predict(doc)
        except Exception as exc:
            failed += 1
            print(f"  ! doc {doc.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
            pred = []
        pspans = [(s, e) for s, e, _ in pred]
        gspans = [g.span for g in doc.toponyms]
        pairs = scoring.match_spans(gspans, pspans, exact=False)
        ov = ov + PRF(len(pairs), len(pspans), len(gspans))
        ex = ex + scoring.recognition(gspans, pspans, exact=True)
        hit_gold = {gi for gi, _ in pairs}
        hit_pred = {pj for _, pj in pairs}
        for gi, g in enumerate(doc.toponyms):
            if g.type:
                f, t = by_type.get(g.type, (0, 0))
                by_type[g.type] = (f + (gi in hit_gold), t + 1)
            if gi not in hit_gold:
                missed[g.surface] += 1
        for pj, (s, e) in enumerate(pspans):
            if pj not in hit_pred:
                spurious[doc.text[s:e]] += 1
        for gi, pj in scoring.match_spans([g.span for g in doc.geocoded], pspans, exact=False):
            place = pred[pj][2]
            unresolved += place is None
            errors.append(scoring.error_km(doc.geocoded[gi].point, _point(place)))
    seconds = time.perf_counter() - t0
    found = ResolutionScore.from_errors(errors, unresolved)
    return EndToEnd(ov, ex, found, seconds, failed, missed, spurious, by_type)


# ---------------------------------------------------------------- throughput

_WORKER_PARSE: Callable[..., Any] | None = None


def _worker_init() -> None:
    # A fresh interpreter per worker (spawn): the gazetteer's database connection is opened
    # here, not inherited across fork. Loading and a first parse happen before timing starts.
    global _WORKER_PARSE
    from geoevents.geoparse import geoparse

    _WORKER_PARSE = geoparse
    geoparse("Warm-up in Paris, France.")


def _worker_pid(_: int) -> int:
    import os

    time.sleep(0.2)
    return os.getpid()


def _parse_chunk(texts: Sequence[str]) -> float:
    """Parse texts; return the CPU seconds this process spent on them."""
    c0 = time.process_time()
    for text in texts:
        _WORKER_PARSE(text)  # type: ignore[misc]
    return time.process_time() - c0


def throughput(texts: Sequence[str], processes: int, passes: int = 1) -> list[tuple[float, float]]:
    """(wall seconds, CPU seconds) per pass of the default pipeline `geoparse(text)` over all
    texts, on `processes` fresh worker processes (1 included, so that every first pass starts
    from the same state: gazetteer loaded, one warm-up text parsed, no other text seen)."""
    ctx = mp.get_context("spawn")
    size = max(1, len(texts) // (processes * 16))
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    with ctx.Pool(processes, initializer=_worker_init) as pool:
        pids: set[int] = set()
        while len(pids) < processes:  # every worker has loaded and warmed up
            pids.update(pool.map(_worker_pid, range(processes), chunksize=1))
        runs = []
        for _ in range(passes):
            t0 = time.perf_counter()
            cpu = sum(pool.map(_parse_chunk, chunks, chunksize=1))
            runs.append((time.perf_counter() - t0, cpu))
        return runs


# ---------------------------------------------------------------- printing


def _f(x: float, digits: int = 3) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return f"{x:.{digits}f}"


def _km(x: float) -> str:
    return "n/a" if math.isnan(x) else f"{x:,.0f}"


def _res_row(label: str, s: ResolutionScore | None) -> str:
    if s is None:
        return f"  {label:<38} {'n/a':>6}"
    return (
        f"  {label:<38} {s.n:>6} {_f(s.acc161):>8} {_f(s.auc):>7} {_km(s.mean_km):>9} "
        f"{_km(s.median_km):>9} {s.unresolved:>10}"
    )


def _e2e_row(label: str, e: EndToEnd | None, note: str = "") -> str:
    if e is None:
        return f"  {label:<38} n/a {note}"
    o, x = e.overlap, e.exact
    return (
        f"  {label:<38} {_f(o.precision):>6} {_f(o.recall):>6} {_f(o.f1):>6}  "
        f"{_f(x.precision):>6} {_f(x.recall):>6} {_f(x.f1):>6}  "
        f"{_f(e.found.acc161):>8} {e.found.n:>6}"
    )


def error_summary(rows: Sequence[Resolved], top: int = 30) -> list[str]:
    """Lines of the error-class breakdown: the most frequent surfaces per class, each with
    its most frequent wrong pick (name/feature code/country)."""
    wrong = [r for r in rows if r.error_class]
    lines = [f"errors > 161 km: {len(wrong)} of {len(rows)}"]
    by_class = Counter(r.error_class for r in wrong)
    for klass in ERROR_CLASSES:
        members = [r for r in wrong if r.error_class == klass]
        if not members:
            continue
        lines.append(f"  {klass}: {by_class[klass]}")
        surfaces = Counter(r.gold.surface for r in members).most_common(top)
        picks: dict[str, Counter[str]] = {}
        for r in members:
            p = r.place
            pick = f"{p.name}/{p.feature_code}/{p.country_code}" if p is not None else "none"
            picks.setdefault(r.gold.surface, Counter())[pick] += 1
        lines.append(
            "    " + ", ".join(f"{s} ({n} -> {picks[s].most_common(1)[0][0]})" for s, n in surfaces)
        )
    return lines


ERROR_COLUMNS = (
    "corpus system doc start end surface gold_name gold_geonameid gold_lat gold_lon "
    "pred_name pred_geonameid pred_feature_code pred_country pred_lat pred_lon km "
    "n_candidates class reason"
).split()


def _tsv(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value).replace("\t", " ").replace("\n", " ")


def write_errors(path: Path, rows: Sequence[tuple[str, str, Resolved]]) -> None:
    """Per-toponym error analysis (errors > 161 km only) as a TSV file."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("\t".join(ERROR_COLUMNS) + "\n")
        for corpus, system, r in rows:
            if not r.error_class:
                continue
            p, g = r.place, r.gold
            vals = [corpus, system, r.doc, g.start, g.end, g.surface, g.name, g.geonameid, g.lat]
            vals += [g.lon]
            vals += (
                [p.name, p.geonameid, p.feature_code, p.country_code, p.lat, p.lon]
                if p
                else [None] * 6
            )
            vals += [round(r.km, 1), r.n_candidates, r.error_class, r.reason]
            fh.write("\t".join(_tsv(v) for v in vals) + "\n")


# ---------------------------------------------------------------- main


def run_corpus(corpus: Corpus, args, gaz, geoparse, nlp) -> tuple[list[str], list]:
    """Run every system on one corpus; returns printed lines and error rows."""
    docs = corpus.docs
    words = sum(d.words for d in docs)
    cands = Candidates(gaz)
    tg = TARGETS.get(corpus.name, {})
    out = [
        "",
        f"== {corpus.name}: {len(docs)} docs, {words:,} words, {corpus.n_toponyms:,} toponyms "
        f"to recognise, {corpus.n_geocoded:,} geocoded ==",
        f"   {corpus.note}",
    ]
    if corpus.dropped:
        out.append(
            "   dropped annotations: " + ", ".join(f"{k}: {v}" for k, v in corpus.dropped.items())
        )
    errors: list[tuple[str, str, Resolved]] = []

    # (a) and (b)
    geo_rows = pop_rows = None
    failed = 0
    if geoparse is not None:
        geo_rows, failed = resolve_gold_spans(docs, geoparse, gaz, cands)
        errors += [(corpus.name, "geoevents", r) for r in geo_rows]
    if gaz is not None:
        pop_rows = resolve_population(docs, cands)
        errors += [(corpus.name, "population", r) for r in pop_rows]
    out.append("")
    out.append(
        f"  {'Resolution with gold spans':<38} {'n':>6} {'acc@161':>8} {'AUC':>7} "
        f"{'mean km':>9} {'median km':>9} {'unresolved':>10}"
    )
    out.append(_res_row("geoevents", score_resolved(geo_rows) if geo_rows is not None else None))
    out.append(
        _res_row("population baseline (same gazetteer)", score_resolved(pop_rows))
        if pop_rows is not None
        else _res_row("population baseline (same gazetteer)", None)
    )
    if failed:
        out.append(f"  ({failed} documents failed in geoevents and count as unresolved)")
    target = f">={tg['acc161']:.2f}" if "acc161" in tg else ""
    auc_t = f"<={tg['auc']:.2f}" if "auc" in tg else ""
    out.append(f"  {'target':<38} {'':>6} {target:>8} {auc_t:>7}")

    # (c) and (d)
    out.append("")
    out.append(
        f"  {'End to end':<38} {'P ov':>6} {'R ov':>6} {'F1 ov':>6}  {'P ex':>6} {'R ex':>6} "
        f"{'F1 ex':>6}  {'acc@161':>8} {'found':>6}"
    )
    e2e = None
    if geoparse is not None:
        drop_demonyms = args.no_demonyms

        def predict(doc: EvalDoc):
            ms = geoparse(doc.text, gazetteer=gaz)
            return [
                (m.start, m.end, m.place) for m in ms if not (drop_demonyms and m.kind == "demonym")
            ]

        e2e = end_to_end(docs, predict)
    out.append(_e2e_row("geoevents", e2e))
    spacy_seconds = spacy_cpu = None
    if nlp is not None:
        from geoevents.spacy_backend import OVERRULE_LABELS, SpacyRecognizer

        every = SPACY_LABEL_SETS["GPE/LOC/FAC/NORP"]
        strong, strong_note = None, ""
        if gaz is not None:
            strong = _geoevents_is_strong(gaz)
            strong_note = "geoevents' recogniser.is_strong" if strong else "strong_place() here"
            strong = strong or strong_place(cands)
        recognizer = SpacyRecognizer(nlp, labels=every, is_strong_place=strong)
        t0, c0 = time.perf_counter(), time.process_time()
        ents = dict(zip((d.id for d in docs), recognizer.pipe(d.text for d in docs), strict=True))
        spacy_seconds = time.perf_counter() - t0
        spacy_cpu = time.process_time() - c0

        def spacy_predictor(labels: Sequence[str], resolver: str):
            def predict_spacy(doc: EvalDoc):
                spans = [(s, e) for s, e, lab in ents[doc.id] if lab in labels]
                if resolver == "geoevents":
                    ms = geoparse(doc.text, spans=spans, gazetteer=gaz) if spans else ()
                    return [(m.start, m.end, m.place) for m in ms]
                pick = cands.most_populous if gaz is not None else (lambda _: None)
                return [(s, e, pick(doc.text[s:e])) for s, e in spans]

            return predict_spacy

        rows = [
            (f"spaCy {name} + population", labels, "population")
            for name, labels in SPACY_LABEL_SETS.items()
        ]
        if gaz is not None:
            overruled = tuple(every) + tuple(OVERRULE_LABELS)
            rows.append(("spaCy all + gaz. overrule + population", overruled, "population"))
            if geoparse is not None:
                rows.append(("geoparse(backend='spacy')", overruled, "geoevents"))
        for label, labels, resolver in rows:
            out.append(_e2e_row(label, end_to_end(docs, spacy_predictor(labels, resolver))))
        if strong_note:
            out.append(f"  (gazetteer overrule of spaCy labels: {strong_note})")
    else:
        out.append(f"  spaCy rows skipped: {args.spacy_note}")
    f1_t = f">={tg['f1']:.2f}" if "f1" in tg else ""
    out.append(f"  {'target':<38} {'':>6} {'':>6} {f1_t:>6}")

    # (e)
    if geoparse is not None and not args.no_speed:
        texts = [d.text for d in docs]
        out.append("")
        # Repeat a small corpus so each timed run lasts a couple of seconds.
        one = throughput(texts, 1, passes=2)
        rounds = max(1, math.ceil(MIN_TIMED_SECONDS / one[0][0])) if one[0][0] > 0 else 1
        if rounds > 1:
            texts *= rounds
            one = throughput(texts, 1, passes=2)
        total = words * rounds
        out.append(
            f"  {'Throughput, geoparse(text)':<38} {'words':>9} {'seconds':>8} {'words/s':>10} "
            f"{'words/CPU-s':>12}"
        )
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        out.append(f"  (machine load average 1/5/15 min at start: {load}, {os.cpu_count()} cores)")
        base = base_cpu = None
        runs = [
            ("geoevents, 1 process", one[0]),
            ("geoevents, 1 process, second pass", one[1]),
            ("geoevents, 2 processes", throughput(texts, 2)[0]),
        ]
        for label, (sec, cpu) in runs:
            wps = total / sec if sec > 0 else math.inf
            base = base or wps
            base_cpu = base_cpu or (total / cpu if cpu > 0 else math.inf)
            out.append(
                f"  {label:<38} {total:>9,} {sec:>8.2f} {wps:>10,.0f} "
                f"{total / cpu if cpu > 0 else math.inf:>12,.0f}  x{wps / base:.2f} of 1 process"
            )
        if spacy_seconds:
            wps, cps = words / spacy_seconds, words / spacy_cpu
            out.append(
                f"  {'spaCy full pipeline, 1 process':<38} {words:>9,} {spacy_seconds:>8.2f} "
                f"{wps:>10,.0f} {cps:>12,.0f}  geoevents x{base / wps:.0f} (wall), "
                f"x{base_cpu / cps:.0f} (CPU)"
            )
        out.append(f"  {'target (1 process)':<38} {'':>9} {'':>8} {THROUGHPUT_TARGET:>10,}")

    if e2e is not None:
        out.append("")
        out.append(f"  Recognition errors, geoevents end to end ({corpus.name}, overlap):")
        if e2e.by_type:
            out.append(
                "    recall by annotation type: "
                + ", ".join(
                    f"{k} {f / t:.2f} ({t})"
                    for k, (f, t) in sorted(e2e.by_type.items(), key=lambda kv: -kv[1][1])
                )
            )
        for label, counter in (("missed", e2e.missed), ("spurious", e2e.spurious)):
            top = counter.most_common(args.top)
            out.append(
                f"    {label} {sum(counter.values())}: " + ", ".join(f"{s} ({n})" for s, n in top)
            )
    if geo_rows is not None:
        out.append("")
        out.append(f"  Error classes, geoevents with gold spans ({corpus.name}):")
        out += ["  " + line for line in error_summary(geo_rows, args.top)]
    if pop_rows is not None:
        counts = Counter(r.error_class for r in pop_rows if r.error_class)
        out.append(
            "  Error classes, population baseline: "
            + ", ".join(f"{k}: {counts[k]}" for k in ERROR_CLASSES if counts[k])
        )
    return out, errors


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table; returns the exit code."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", choices=("lgl", "gwn", "all"), default="all")
    ap.add_argument("--limit", type=int, default=None, help="first N documents of each corpus")
    ap.add_argument("--errors", type=Path, help="write the per-toponym error analysis (TSV)")
    ap.add_argument(
        "--gwn-types",
        choices=sorted(evaldata.GWN_TYPE_SETS),
        default=evaldata.DEFAULT_GWN_TYPES,
        help="GeoWebNews annotation types that count as toponyms for recognition",
    )
    ap.add_argument("--no-spacy", action="store_true", help="skip the spaCy baselines")
    ap.add_argument("--spacy-model", default=None, help="spaCy pipeline name or path")
    ap.add_argument("--no-speed", action="store_true", help="skip the throughput runs")
    ap.add_argument("--no-demonyms", action="store_true", help="end to end: drop demonym mentions")
    ap.add_argument("--top", type=int, default=30, help="surfaces listed per error class")
    args = ap.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        ap.error("--limit must be at least 1")

    names = ("lgl", "gwn") if args.corpus == "all" else (args.corpus,)
    try:
        corpora = [evaldata.load(n, limit=args.limit, gwn_types=args.gwn_types) for n in names]
    except (OSError, ValueError) as exc:
        print(f"geoparse benchmark: error: {exc}", file=sys.stderr)
        return 2

    gaz, gaz_note = _load_gazetteer()
    geoparse, geo_note = _load_geoparse()
    nlp, args.spacy_note = (None, "--no-spacy") if args.no_spacy else _load_spacy(args.spacy_model)
    print("geoevents geoparsing benchmark")
    for note in (gaz_note, geo_note, args.spacy_note if nlp is not None else ""):
        if note:
            print(f"  {note}")
    print(
        "  conventions: great-circle km; an unresolved toponym with a gold point counts "
        f"{scoring.MAX_ERROR_KM:,.0f} km; population baseline and candidate counts use "
        f"lookup(surface, limit={CANDIDATE_LIMIT}); recognition spans matched one-to-one"
    )
    all_errors = []
    for corpus in corpora:
        lines, errs = run_corpus(corpus, args, gaz, geoparse, nlp)
        print("\n".join(lines), flush=True)
        all_errors += errs
    if args.errors:
        write_errors(args.errors, all_errors)
        print(f"\nerror analysis written to {args.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
