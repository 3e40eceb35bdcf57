"""Gazetteer size, start-up, memory and lookup speed, beside the plain-dict-from-TSV baseline.

Prints, side by side:

- packaged data size (geoevents/data, target <= 40 MB);
- a new process importing geoevents and geocoding one name: wall time (median of N runs,
  target <= 1.0 s) and the child's peak resident memory (ru_maxrss, target <= 300 MB); the same
  for `python -m geoevents geocode NAME`;
- the baseline the issue names: a plain dict built at import from a TSV of every name key and
  its entries (dumped here from the same SQLite data), loaded by a new process that looks one
  name up: its wall time and memory, and the ratios;
- lookup latency over ~200 real names taken from the gazetteer itself: cold (first lookup of
  each name in a freshly opened gazetteer), uncached (another fresh instance: SQLite with the
  file in the OS cache) and warm (repeat lookups, target <= 20 us median), and the baseline
  dict's lookup;
- the coverage report of the build (gazetteer/coverage.tsv) and the entries by kind.

"warm" lookups are repeat lookups of names already looked up in the process (Gazetteer memoises
ranked results); "cold" and "uncached" are the SQLite path. Figures are wall-clock: run on an
idle machine (the load average is printed first).

Usage: python benchmarks/gazetteer.py [--runs 5] [--name Kyiv]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "geoevents" / "data"
DB = DATA / "gazetteer.sqlite"
COVERAGE = REPO / "gazetteer" / "coverage.tsv"

TARGET_DATA_MB = 40.0
TARGET_START_S = 1.0
TARGET_RSS_MB = 300.0
TARGET_WARM_US = 20.0

CHILD_GEOEVENTS = """
import json, resource, sys, time
t0 = time.perf_counter()
from geoevents.gazetteer import default_gazetteer
found = default_gazetteer().lookup(sys.argv[1])
t1 = time.perf_counter()
print(json.dumps({"seconds": t1 - t0, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "first": found[0].name if found else None}))
"""

# The baseline: every name key and its entries in a plain dict, built from a TSV at import.
CHILD_BASELINE = """
import json, resource, sys, time
t0 = time.perf_counter()
table = {}
with open(sys.argv[2], encoding="utf-8") as fh:
    for line in fh:
        f = line.rstrip("\\n").split("\\t")
        row = (int(f[1]), f[2], float(f[3]), float(f[4]), f[5], f[6], f[7], f[8], int(f[9]), int(f[10]))
        got = table.get(f[0])
        if got is None:
            table[f[0]] = [row]
        else:
            got.append(row)
found = sorted(table.get(sys.argv[1].lower(), []), key=lambda r: -r[8])
t1 = time.perf_counter()
print(json.dumps({"seconds": t1 - t0, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "first": found[0][1] if found else None, "keys": len(table)}))
"""


def data_size_mb() -> tuple[float, list[tuple[str, float]]]:
    """Total size of the packaged data in MB (10^6 bytes), and the largest files."""
    files = [p for p in DATA.rglob("*") if p.is_file()]
    sizes = sorted(
        ((str(p.relative_to(DATA)), p.stat().st_size / 1e6) for p in files), key=lambda x: -x[1]
    )
    return sum(s for _, s in sizes), sizes[:4]


def run_child(code: str, *args: str) -> tuple[float, dict]:
    """Wall time of a new Python process running code, and what it printed (JSON)."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tempfile.gettempdir(),
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"child failed: {proc.stderr.strip().splitlines()[-1:]}")
    return wall, json.loads(proc.stdout.strip().splitlines()[-1])


def run_cli(name: str) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of `python -m geoevents geocode NAME`."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "geoevents", "geocode", name, "--limit", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=tempfile.gettempdir(),
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"geoevents geocode failed: {proc.stderr.read().decode()[-300:]}")
    proc.stderr.close()
    return wall, usage.ru_maxrss / 1024


def dump_baseline_tsv(path: Path) -> int:
    """Every (name key, entry) pair of the SQLite file as one TSV line; returns the line count."""
    con = sqlite3.connect(f"file:{DB}?mode=ro", uri=True)
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for row in con.execute(
            "SELECT n.key, p.geonameid, p.name, p.lat / 1e5, p.lon / 1e5, p.fclass, p.fcode, p.cc, "
            "p.admin1, p.population, n.flags FROM names n JOIN places p ON p.id = n.pid"
        ):
            fh.write("\t".join(str(v).replace("\t", " ") for v in row) + "\n")
            n += 1
    con.close()
    return n


def sample_names(k: int = 200) -> list[str]:
    """About k real names from the gazetteer: big cities, countries, divisions, small places."""
    con = sqlite3.connect(f"file:{DB}?mode=ro", uri=True)
    big = [
        r[0]
        for r in con.execute(
            "SELECT name FROM places WHERE fclass = 'P' ORDER BY population DESC LIMIT 80"
        )
    ]
    countries = [
        r[0] for r in con.execute("SELECT name FROM places WHERE fcode LIKE 'PCL%' ORDER BY name")
    ]
    admin1 = [
        r[0] for r in con.execute("SELECT name FROM places WHERE fcode = 'ADM1' ORDER BY name")
    ]
    small = [
        r[0]
        for r in con.execute(
            "SELECT name FROM places WHERE fclass = 'P' AND population < 5000 ORDER BY id"
        )
    ]
    con.close()
    rng = random.Random(0)
    names = big + rng.sample(countries, 40) + rng.sample(admin1, 40) + rng.sample(small, 40)
    return list(dict.fromkeys(names))[:k]


def time_lookups(lookup, names: list[str], rounds: int = 1) -> float:
    """Median microseconds per lookup call."""
    times = []
    clock = time.perf_counter_ns
    for _ in range(rounds):
        for name in names:
            t0 = clock()
            lookup(name)
            times.append(clock() - t0)
    return statistics.median(times) / 1000


def load_baseline_dict(path: Path) -> dict:
    table: dict[str, list[tuple]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            row = (
                int(f[1]),
                f[2],
                float(f[3]),
                float(f[4]),
                f[5],
                f[6],
                f[7],
                f[8],
                int(f[9]),
                int(f[10]),
            )
            table.setdefault(f[0], []).append(row)
    return table


def coverage_report() -> list[tuple[str, str]]:
    if not COVERAGE.exists():
        return []
    return [
        tuple(line.split("\t", 1))
        for line in COVERAGE.read_text("utf-8").splitlines()
        if "\t" in line
    ]


def entries_by_kind() -> dict[str, int]:
    """Rows of the SQLite file grouped the way Place.precision reads them, plus demonym keys."""
    sys.path.insert(0, str(REPO))
    from geoevents.place import Place

    con = sqlite3.connect(f"file:{DB}?mode=ro", uri=True)
    counts: dict[str, int] = {}
    for fclass, fcode, n in con.execute(
        "SELECT fclass, fcode, count(*) FROM places GROUP BY fclass, fcode"
    ):
        kind = Place(0, "", 0.0, 0.0, fclass or "", fcode or "", "").precision
        if fcode == "AIRP":
            kind = "airport"
        elif fcode == "CONT":
            kind = "continent"
        counts[kind] = counts.get(kind, 0) + n
    counts["name keys"] = con.execute("SELECT count(DISTINCT key) FROM names").fetchone()[0]
    counts["demonym keys"] = con.execute(
        "SELECT count(DISTINCT key) FROM names WHERE flags & 8"
    ).fetchone()[0]
    con.close()
    return counts


def row(
    label: str, ours: str, base: str = "", ratio: str = "", target: str = "", ok: str = ""
) -> str:
    return f"{label:<44} {ours:>12} {base:>12} {ratio:>8}  {target:<10} {ok}"


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and print the table."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=5, help="new-process runs per figure (median)")
    ap.add_argument("--name", default="Kyiv", help="name geocoded by the new processes")
    args = ap.parse_args(argv)
    if not DB.exists():
        raise SystemExit(f"{DB} not found: build the gazetteer first")

    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f}; gazetteer {DB.stat().st_size / 1e6:.1f} MB"
    )
    total_mb, largest = data_size_mb()

    # New processes: geoevents, the CLI, the baseline.
    ours = [run_child(CHILD_GEOEVENTS, args.name) for _ in range(args.runs)]
    cli = [run_cli(args.name) for _ in range(args.runs)]
    with tempfile.TemporaryDirectory() as tmp:
        tsv = Path(tmp) / "names.tsv"
        lines = dump_baseline_tsv(tsv)
        tsv_mb = tsv.stat().st_size / 1e6
        base = [run_child(CHILD_BASELINE, args.name, str(tsv)) for _ in range(args.runs)]
        names = sample_names()

        # Lookups, in this process: cold first, on a gazetteer opened just now.
        sys.path.insert(0, str(REPO))
        from geoevents.gazetteer import Gazetteer

        t0 = time.perf_counter()
        gaz = Gazetteer()
        open_ms = (time.perf_counter() - t0) * 1000
        cold = time_lookups(gaz.lookup, names)
        warm = time_lookups(gaz.lookup, names, rounds=20)
        uncached = time_lookups(Gazetteer().lookup, names)
        misses = sum(1 for n in names if not gaz.lookup(n))
        table = load_baseline_dict(tsv)

        def base_lookup(name: str) -> list:
            return sorted(table.get(name.lower(), []), key=lambda r: -r[8])

        base_warm = time_lookups(base_lookup, names, rounds=20)

    wall = statistics.median(w for w, _ in ours)
    inproc = statistics.median(r["seconds"] for _, r in ours)
    rss = statistics.median(r["maxrss_kb"] for _, r in ours) / 1024
    cli_wall = statistics.median(w for w, _ in cli)
    cli_rss = statistics.median(m for _, m in cli)
    b_wall = statistics.median(w for w, _ in base)
    b_inproc = statistics.median(r["seconds"] for _, r in base)
    b_rss = statistics.median(r["maxrss_kb"] for _, r in base) / 1024
    first = ours[0][1]["first"]

    print(f"new processes: {args.runs} runs each, median; name {args.name!r} -> {first!r}")
    print(
        f"baseline TSV: {lines:,} (name key, entry) lines, {tsv_mb:.1f} MB, {base[0][1]['keys']:,} keys"
    )
    print(f"lookup sample: {len(names)} names from the gazetteer ({misses} without a candidate)")
    print()
    print(row("measure", "geoevents", "dict+TSV", "ratio", "target", ""))
    print("-" * 96)
    print(
        row(
            "packaged data (geoevents/data), MB",
            f"{total_mb:.1f}",
            "",
            "",
            f"<= {TARGET_DATA_MB:g}",
            verdict(total_mb, TARGET_DATA_MB),
        )
    )
    print(
        row(
            "new process: import + geocode, wall s",
            f"{wall:.3f}",
            f"{b_wall:.3f}",
            f"{b_wall / wall:.1f}x",
            f"<= {TARGET_START_S:g}",
            verdict(wall, TARGET_START_S),
        )
    )
    print(
        row(
            "  of which import + load + lookup, s",
            f"{inproc:.3f}",
            f"{b_inproc:.3f}",
            f"{b_inproc / inproc:.1f}x",
        )
    )
    print(
        row(
            "new process: peak RSS (ru_maxrss), MB",
            f"{rss:.0f}",
            f"{b_rss:.0f}",
            f"{b_rss / rss:.1f}x",
            f"<= {TARGET_RSS_MB:g}",
            verdict(rss, TARGET_RSS_MB),
        )
    )
    print(
        row(
            "`geoevents geocode NAME`: wall s",
            f"{cli_wall:.3f}",
            "",
            "",
            f"<= {TARGET_START_S:g}",
            verdict(cli_wall, TARGET_START_S),
        )
    )
    print(
        row(
            "`geoevents geocode NAME`: peak RSS, MB",
            f"{cli_rss:.0f}",
            "",
            "",
            f"<= {TARGET_RSS_MB:g}",
            verdict(cli_rss, TARGET_RSS_MB),
        )
    )
    print(row("open Gazetteer() in a warm process, ms", f"{open_ms:.1f}"))
    print(row("cold lookup (fresh instance), median us", f"{cold:.1f}"))
    print(row("uncached lookup (2nd instance), median us", f"{uncached:.1f}"))
    print(
        row(
            "warm lookup, median us",
            f"{warm:.2f}",
            f"{base_warm:.2f}",
            f"{base_warm / warm:.1f}x",
            f"<= {TARGET_WARM_US:g}",
            verdict(warm, TARGET_WARM_US),
        )
    )
    print()
    print("largest data files: " + ", ".join(f"{n} {s:.1f} MB" for n, s in largest))
    print()
    report = coverage_report()
    if report:
        print(f"coverage report ({COVERAGE.relative_to(REPO)}): records by kind")
        for key, value in report:
            if not key.startswith(("points from", "sha256")):
                print(f"  {key:<52} {value}")
        print("  source of each point:")
        for key, value in report:
            if key.startswith("points from"):
                print(f"    {key[len('points from ') :]:<50} {value}")
        import hashlib

        for key, value in report:
            if key.startswith("sha256"):
                path = DATA / key.split(" ", 1)[1]
                actual = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""
                same = "matches the file" if actual == value else "DIFFERS from the file"
                print(f"  {key:<52} {value[:16]}... {same}")
    print("entries in the file by kind (Place.precision):")
    for kind, n in sorted(entries_by_kind().items(), key=lambda kv: -kv[1]):
        print(f"  {kind:<52} {n:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
