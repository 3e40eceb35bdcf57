"""Corpus-scale benchmark: throughput over processes and Dask, memory, failures, linear time.

Builds a JSONL corpus from the evaluation texts in ../shared/eval (LGL and GeoWebNews articles,
event_location sentences), with corrupt lines mixed in, under benchmarks/out/ (not committed),
then prints, side by side:

- throughput of `geoevents events` with --jobs 1 and --jobs 2 on a slice (target ratio >= 1.7)
- `--engine dask` on a two-worker LocalCluster vs --jobs 2 on a slice (target: within 25%)
- the full corpus (default 100,000 articles) through `geoevents events --jobs 2 --errors`:
  peak memory (largest process, and the whole process tree), errors file vs corrupt lines,
  every good article's events in the output (checked against an in-process run on a sample)
- the same corpus through `--engine dask`: the same events
- time of pipeline.parse on a 1 MB and a 10 MB document (linear: ratio near 10)

Usage: python benchmarks/corpus.py [--articles 100000] [--slice 5000] [--skip-full]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
OUT = REPO / "benchmarks" / "out"
RUN_DIR = REPO  # where `python -m geoevents` runs; a frozen copy with --snapshot
CORRUPT_EVERY = 997  # one corrupt line per this many


def eval_texts() -> list[tuple[str, str]]:
    """(source id, text) of every evaluation text, in a fixed order."""
    texts: list[tuple[str, str]] = []
    for name, tag in (("lgl.xml", "lgl"), ("GWN.xml", "gwn")):
        root = ET.parse(EVAL / name).getroot()
        for i, article in enumerate(root.iter("article")):
            text = article.findtext("text") or ""
            if text.strip():
                texts.append((f"{tag}{i}", text))
    with open(EVAL / "event_location_dev.jsonl", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            texts.append((f"el{i}", json.loads(line)["text"]))
    return texts


CORRUPTIONS = (
    lambda i: b'{"id": "bad%d", "text": "cut off' % i,  # truncated JSON
    lambda i: b'{"id": "bad%d", "title": "no text"}' % i,  # missing text
    lambda i: b'{"id": "bad%d", "text": "caf\xe9 \xff"}' % i,  # not UTF-8
    lambda i: b'{"id": "bad%d", "text": ["a", "list"]}' % i,  # wrong type
    lambda i: b"\x00\x01\x02 binary garbage",
)


def build_corpus(path: Path, articles: int, seed: int = 0) -> tuple[int, list[int]]:
    """Write `articles` JSONL lines (some corrupt); returns (good count, corrupt line numbers)."""
    pool = eval_texts()
    rng = random.Random(seed)
    corrupt: list[int] = []
    good = 0
    with open(path, "wb") as fh:
        for n in range(1, articles + 1):
            if n % CORRUPT_EVERY == 0:
                fh.write(CORRUPTIONS[len(corrupt) % len(CORRUPTIONS)](n) + b"\n")
                corrupt.append(n)
                continue
            source, text = pool[(n - 1) % len(pool)]
            date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            row = {"id": f"a{n}", "text": text, "date": date, "title": source}
            fh.write(json.dumps(row, ensure_ascii=False).encode() + b"\n")
            good += 1
    return good, corrupt


def head(src: Path, dst: Path, lines: int) -> None:
    """The first `lines` lines of src into dst."""
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        for i, line in enumerate(fin):
            if i >= lines:
                break
            fout.write(line)


class TreeMemory:
    """Samples the summed RSS of a process and its descendants from /proc (no psutil)."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _children(self) -> dict[int, list[int]]:
        kids: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(entry))
        return kids

    def _rss(self, pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            kids = self._children()
            todo, total = [self.pid], 0
            while todo:
                pid = todo.pop()
                total += self._rss(pid)
                todo.extend(kids.get(pid, []))
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


# Runs geoevents as its child and reports its exit code, the largest ru_maxrss among its
# waited-for descendants, and the CPU seconds they used.
WRAPPER = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call([sys.executable, '-m', 'geoevents', *sys.argv[1:]],"
    " stdout=subprocess.DEVNULL)\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(rc, u.ru_maxrss * 1024, u.ru_utime + u.ru_stime)\n"
)


@dataclass(frozen=True)
class Run:
    """One `geoevents` run as measured."""

    seconds: float
    rc: int
    tree_peak: int  # summed RSS of the process tree, sampled
    largest: int  # ru_maxrss of the largest process
    cpu: float  # CPU seconds of the process and its waited-for descendants
    stderr: str


def run(args: list[str], *, show_stderr: bool = False) -> Run:
    """Run `geoevents ARGS` and measure it."""
    cmd = [sys.executable, "-c", WRAPPER, *args]
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=RUN_DIR, stdout=subprocess.PIPE, stderr=None if show_stderr else subprocess.PIPE
    )
    memory = TreeMemory(proc.pid)
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    rc, largest, cpu = out.split()[-3:]
    return Run(
        seconds,
        int(rc),
        memory.stop(),
        int(largest),
        float(cpu),
        (err or b"").decode(errors="replace"),
    )


def geojson_events(path: Path) -> dict[str, dict]:
    """Features of a streamed GeoJSON output, by feature id, read line by line."""
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip().rstrip(",")
            if line.startswith('{"type":"Feature"'):
                f = json.loads(line)
                out[f["id"]] = f
    return out


def event_key(props: dict) -> tuple:
    return (
        props["doc"],
        props["event_type"],
        props["trigger_start"],
        props["trigger_end"],
        props.get("geonameid"),
        props.get("place_start"),
        props.get("location_role"),
    )


def parquet_keys(folder: Path) -> dict[str, tuple]:
    import pyarrow.parquet as pq

    keys = {}
    for part in sorted(folder.glob("part.*.parquet")):
        table = pq.read_table(part).to_pylist()
        for row in table:
            keys[row["id"]] = event_key(row)
    return keys


def freeze() -> None:
    """Copy geoevents/ under benchmarks/out/snapshot and run every measurement from there."""
    global RUN_DIR
    target = OUT / "snapshot"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(
        REPO / "geoevents", target / "geoevents", ignore=shutil.ignore_patterns("__pycache__")
    )
    RUN_DIR = target
    sys.path.insert(0, str(target))
    for name in [m for m in sys.modules if m == "geoevents" or m.startswith("geoevents.")]:
        del sys.modules[name]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    print(f"running a copy of geoevents/ taken at {commit} (plus uncommitted changes)")


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.seconds)


def times(runs: list[Run]) -> str:
    return ",".join(f"{r.seconds:.1f}" for r in runs)


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def linear_time() -> tuple[float, float]:
    """Seconds for pipeline.parse on a 1 MB and a 10 MB document made of evaluation articles."""
    from geoevents.pipeline import parse

    pool = [t for _, t in eval_texts()[:788]]

    def document(size: int) -> str:
        parts, n, i = [], 0, 0
        while n < size:
            parts.append(pool[i % len(pool)])
            n += len(parts[-1]) + 2
            i += 1
        return "\n\n".join(parts)[:size]

    parse("Warm-up: shelling in Kyiv.")
    out = []
    for size in (1 << 20, 10 << 20):
        text = document(size)
        start = time.perf_counter()
        parse(text)
        out.append(time.perf_counter() - start)
    return out[0], out[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--slice", type=int, default=5000, help="articles for the throughput runs")
    ap.add_argument("--dask-slice", type=int, default=0, help="default: 3 x --slice")
    ap.add_argument("--skip-full", action="store_true", help="only the throughput figures")
    ap.add_argument("--skip-linear", action="store_true")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument(
        "--flat-gb",
        type=float,
        default=0.0,
        help="also stream a JSONL of this many GB through the batch plumbing",
    )
    ap.add_argument("--repeat", type=int, default=2, help="alternating throughput runs, best kept")
    ap.add_argument(
        "--snapshot",
        action="store_true",
        help="run a frozen copy of geoevents/ (the tree may change during long runs)",
    )
    ap.add_argument("--sample", type=int, default=300, help="good articles re-checked in-process")
    opts = ap.parse_args()
    if not EVAL.is_dir():
        print(f"no evaluation data at {EVAL}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    if opts.snapshot:
        freeze()
    print(
        f"cores: {os.cpu_count()}, load average at start: {load()} (other work on the machine "
        "slows the parallel runs most)"
    )
    corpus = OUT / f"corpus_{opts.articles}.jsonl"
    start = time.perf_counter()
    good, corrupt = build_corpus(corpus, opts.articles)
    print(
        f"corpus: {corpus} ({opts.articles:,} lines, {good:,} good, {len(corrupt)} corrupt, "
        f"{mb(corpus.stat().st_size)}), built in {time.perf_counter() - start:.1f} s"
    )

    if not opts.skip_throughput:
        throughput(corpus, opts)
    if not opts.skip_full:
        full_run(corpus, good, corrupt, opts.sample)
    if opts.flat_gb:
        flat_memory(corpus, opts.flat_gb)
    print(f"load average now: {load()}")
    if not opts.skip_linear:
        small, large = linear_time()
        print(
            f"linear time: 1 MB document {small:.2f} s, 10 MB document {large:.2f} s, "
            f"ratio {large / small:.1f} (linear: 10)"
        )
    return 0


# The batch plumbing alone (reader, ordered pool, errors) on a big file: a processing function that
# only measures the text, so the figure is the plumbing's memory, not the pipeline's.
FLAT_SCRIPT = """
import resource, sys, time
from geoevents.batch import map_ordered
from geoevents.inputs import Failure, read_inputs

def size(record):
    return len(record.text)

start = time.perf_counter()
docs = bad = chars = 0
for result in map_ordered(size, read_inputs([sys.argv[1]]), jobs=2, warm_up=False):
    if isinstance(result, Failure):
        bad += 1
    else:
        docs += 1
        chars += result
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(docs, bad, own, kids, time.perf_counter() - start)
"""


def flat_memory(corpus: Path, gigabytes: float) -> None:
    """Stream a JSONL file of about `gigabytes` GB through the batch plumbing; print peak RSS."""
    big = OUT / "big.jsonl"
    target = int(gigabytes * 2**30)
    with open(big, "wb") as out:
        while out.tell() < target:
            with open(corpus, "rb") as src:
                shutil.copyfileobj(src, out, 16 << 20)
    done = subprocess.run(
        [sys.executable, "-c", FLAT_SCRIPT, str(big)], cwd=RUN_DIR, capture_output=True, text=True
    )
    if done.returncode != 0:
        print(f"flat-memory run failed: {done.stderr.strip()[-300:]}")
        return
    docs, bad, own, kids, seconds = done.stdout.split()
    print(
        f"plumbing on a {mb(big.stat().st_size)} JSONL (--jobs 2, no-op processing): "
        f"{int(docs):,} documents, {int(bad):,} bad lines in {float(seconds):.0f} s; peak RSS "
        f"main process {mb(int(own))}, largest worker {mb(int(kids))}"
    )
    big.unlink()


def throughput(corpus: Path, opts: argparse.Namespace) -> None:
    """--jobs 1 vs --jobs 2, and --engine dask vs --jobs 2, on slices of the corpus."""
    # Throughput: --jobs 1 vs --jobs 2 on the same slice.
    part = OUT / "slice.jsonl"
    head(corpus, part, opts.slice)
    # Alternating runs, best of each: other work on the machine only ever adds time.
    j1_runs, j2_runs = [], []
    for _ in range(opts.repeat):
        j1_runs.append(run(["events", str(part), "-o", str(OUT / "j1.geojson"), "-j", "1", "-q"]))
        j2_runs.append(run(["events", str(part), "-o", str(OUT / "j2.geojson"), "-j", "2", "-q"]))
    r1, r2 = best(j1_runs), best(j2_runs)
    same = geojson_events(OUT / "j1.geojson") == geojson_events(OUT / "j2.geojson")
    print(
        f"throughput on {opts.slice:,} articles (best of {opts.repeat}): --jobs 1 "
        f"{opts.slice / r1.seconds:,.0f} docs/s ({r1.seconds:.1f} s, {r1.cpu:.0f} CPU s), "
        f"--jobs 2 {opts.slice / r2.seconds:,.0f} docs/s ({r2.seconds:.1f} s, {r2.cpu:.0f} CPU s), "
        f"ratio {r1.seconds / r2.seconds:.2f}x (target >= 1.7); identical output: {same}; "
        f"exit {r1.rc},{r2.rc}; all runs: {times(j1_runs)} / {times(j2_runs)}; load {load()}"
    )

    # Dask two-worker LocalCluster vs --jobs 2, on a larger slice (cluster start-up included).
    n = opts.dask_slice or 3 * opts.slice
    dpart = OUT / "dask_slice.jsonl"
    head(corpus, dpart, n)
    jd_runs, dd_runs = [], []
    for _ in range(opts.repeat):
        jd_runs.append(run(["events", str(dpart), "-o", str(OUT / "dj2.geojson"), "-j", "2", "-q"]))
        shutil.rmtree(OUT / "dask_slice_out", ignore_errors=True)
        dd_runs.append(
            run(
                [
                    "events",
                    str(dpart),
                    "--engine",
                    "dask",
                    "-j",
                    "2",
                    "-q",
                    "-o",
                    str(OUT / "dask_slice_out"),
                ]
            )
        )
    rj, rd = best(jd_runs), best(dd_runs)
    if rd.rc != 0:
        print(f"dask run failed: {rd.stderr.strip()[-500:]}")
    print(
        f"dask on {n:,} articles (best of {opts.repeat}): --jobs 2 {rj.seconds:.1f} s, "
        f"--engine dask (2-worker LocalCluster) {rd.seconds:.1f} s, dask/jobs2 "
        f"{rd.seconds / rj.seconds:.2f} (target <= 1.25); all runs: {times(jd_runs)} / "
        f"{times(dd_runs)}; load {load()}"
    )


def full_run(corpus: Path, good: int, corrupt: list[int], sample: int) -> None:
    """The Done-when run: the whole corpus through --jobs 2 and through --engine dask."""
    out, errors = OUT / "events.geojson", OUT / "errors.jsonl"
    print(
        f"full run: geoevents events {corpus.name} --jobs 2 --errors {errors.name} "
        "(progress bar on stderr when it is a terminal):",
        flush=True,
    )
    full = run(
        ["events", str(corpus), "-o", str(out), "-j", "2", "--errors", str(errors)],
        show_stderr=True,
    )
    seconds, rc, tree_peak, largest = full.seconds, full.rc, full.tree_peak, full.largest
    bad_lines = [json.loads(line)["line"] for line in errors.read_text().splitlines()]
    feats = geojson_events(out)
    docs_with_events = {f["properties"]["doc"] for f in feats.values()}
    print(
        f"  {seconds:.1f} s ({good / seconds:,.0f} docs/s), exit {rc}, {len(feats):,} events "
        f"from {len(docs_with_events):,} articles"
    )
    print(
        f"  peak memory: whole process tree {mb(tree_peak)} (sampled), largest single "
        f"process {mb(largest)} (getrusage) (target <= 1 GB)"
    )
    print(
        f"  errors file: {len(bad_lines)} lines, equal to the corrupt lines: {bad_lines == corrupt}"
    )
    check_sample(corpus, feats, sample)

    folder = OUT / "events_dask"
    shutil.rmtree(folder, ignore_errors=True)
    drun = run(
        [
            "events",
            str(corpus),
            "--engine",
            "dask",
            "-j",
            "2",
            "-q",
            "-o",
            str(folder),
            "--errors",
            str(OUT / "errors_dask.jsonl"),
        ]
    )
    if drun.rc != 0:
        print(f"  dask run failed: {drun.stderr.strip()[-500:]}")
        return
    dask_keys = parquet_keys(folder)
    local_keys = {fid: event_key(f["properties"]) for fid, f in feats.items()}
    dask_bad = [json.loads(x)["line"] for x in (OUT / "errors_dask.jsonl").read_text().splitlines()]
    print(
        f"  --engine dask: {drun.seconds:.1f} s, peak tree memory {mb(drun.tree_peak)}, "
        f"{len(dask_keys):,} "
        f"events; dask/jobs2 time {drun.seconds / seconds:.2f} (target <= 1.25); "
        f"same events as --jobs 2: {dask_keys == local_keys}; "
        f"same errors: {dask_bad == corrupt}"
    )


def check_sample(corpus: Path, feats: dict[str, dict], sample: int) -> None:
    """Every event of a random sample of good articles is in the output, as parsed in-process."""
    from geoevents.batch import parse_record
    from geoevents.frames import event_records
    from geoevents.inputs import Record, read_jsonl

    rng = random.Random(1)
    records = [r for r in read_jsonl(corpus) if isinstance(r, Record)]
    chosen = rng.sample(records, min(sample, len(records)))
    missing = 0
    total = 0
    for record in chosen:
        for row in event_records(parse_record(record)):
            total += 1
            f = feats.get(row["id"])
            if f is None or event_key(f["properties"]) != event_key(row):
                missing += 1
    print(
        f"  {len(chosen)} good articles re-parsed in-process: {total} events, "
        f"{missing} missing or different in the output"
    )


if __name__ == "__main__":
    sys.exit(main())
