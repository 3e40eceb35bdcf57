"""Build the event data files in geoevents/data/events/ from the shared event sources.

Run: python -m geoevents.events.recipe SOURCES_DIR [GAZETTEER_SOURCES_DIR] [-o OUT_DIR]

SOURCES_DIR holds the petrarch2 dictionaries (CAMEO.2.0.txt, Phoenix.*.actors.txt, MIT
licence) and the CAMEO->PLOVER table; GAZETTEER_SOURCES_DIR holds the country code tables.
Writes triggers_petrarch2.tsv, actors_petrarch2.tsv, cameo_plover.tsv, countries.tsv and
LICENSE-petrarch2.txt. The hand-made files (triggers_curated.tsv, actors_curated.tsv,
rules.json) are not touched.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
import shutil
import sys
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "events"

# PLOVER 2021 folds investigation into ACCUSE; the project keeps INVESTIGATE apart, as the
# PLOVER event list of the issue does.
INVESTIGATE_PREFIX = "09"

# ISO 3166 pairs missing from the sovereign-country table (territories, partly recognised).
EXTRA_ISO = {
    "PS": "PSE",
    "XK": "XKX",
    "TW": "TWN",
    "HK": "HKG",
    "MO": "MAC",
    "EH": "ESH",
    "PR": "PRI",
    "GL": "GRL",
    "SS": "SSD",
    "VA": "VAT",
}

HEADER_RE = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
CODE_RE = re.compile(r"\[([A-Z]{3})[A-Z0-9]*\s*([^\]]*)\]")
STOP_SINGLE = {
    "king", "hope", "grant", "price", "young", "rice", "bush", "brown", "white", "black",
    "green", "will", "may", "mark", "rose", "long", "wang", "kim", "lee", "park", "ali",
    "khan", "singh", "said", "chief", "minister", "president", "general", "leader",
}  # fmt: skip


def cameo_plover(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER type, mode) from the CAMEO2PLOVER table."""
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.groups()
        parts = [p.strip() for p in rest.split(",")]
        etype = parts[0].upper()
        mode = parts[1] if len(parts) > 1 else ""
        if not etype.isalpha():
            continue
        if code.startswith(INVESTIGATE_PREFIX):
            etype, mode = "INVESTIGATE", ""
        table.setdefault(code, (etype, mode))
    return table


def lookup_type(table: dict[str, tuple[str, str]], code: str) -> tuple[str, str]:
    """Type and mode of a CAMEO code, by its longest known prefix."""
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return ("", "")


def parse_verbs(path: Path, table: dict[str, tuple[str, str]]) -> list[tuple[str, ...]]:
    """Rows (phrase, pos, type, mode, cameo, forms) from the verb blocks that carry a code."""
    rows: list[tuple[str, ...]] = []
    code = ""
    seen: set[str] = set()
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        head = HEADER_RE.match(raw)
        if head:
            code = head.group(2).split(":")[0].strip()
            continue
        if not code.isdigit():  # a block without its own code ([---]) is left out
            continue
        line = raw.split("#", 1)[0].rstrip()
        if not line or line.startswith(("-", "&", "~")):
            continue
        m = re.match(r"^\+?([A-Z][A-Z_'\-.]*)\s*(\{([^}]*)\})?", line.strip())
        if not m:
            continue
        lemma = m.group(1).lower().replace("_", " ").strip()
        if len(lemma) < 3 or lemma in seen:
            continue
        seen.add(lemma)
        forms = []
        if m.group(3):
            forms = [f.lstrip("+").lower().replace("_", " ").strip() for f in m.group(3).split()]
            forms = [f for f in forms if f]
        etype, mode = lookup_type(table, code)
        if etype:
            rows.append((lemma, "verb", etype, mode, code, ",".join(forms)))
    return rows


def _years(dates: str) -> tuple[str, str]:
    """Start and end years from a Phoenix date restriction such as '991231-080507' or '>080508'."""
    found = re.findall(r"([<>]?)(\d{6,8})", dates)
    start = end = ""
    for sign, d in found:
        yy = int(d[:4]) if len(d) == 8 else int(d[:2])
        year = yy if len(d) == 8 else (1900 + yy if yy > 30 else 2000 + yy)
        if sign == "<":
            end = str(year)
        elif sign == ">" or not start:
            start = start or str(year)
    rng = re.search(r"(\d{6,8})-(\d{6,8})", dates)
    if rng:
        a, b = rng.groups()
        start = str(
            int(a[:4])
            if len(a) == 8
            else (1900 + int(a[:2]) if int(a[:2]) > 30 else 2000 + int(a[:2]))
        )
        end = str(
            int(b[:4])
            if len(b) == 8
            else (1900 + int(b[:2]) if int(b[:2]) > 30 else 2000 + int(b[:2]))
        )
    return start, end


def parse_actors(path: Path, iso3: set[str]) -> list[tuple[str, ...]]:
    """Rows (name, country, start_year, end_year, kind) from a Phoenix .actors file."""
    rows: list[tuple[str, ...]] = []
    names: list[str] = []
    codes: list[tuple[str, str]] = []

    def flush() -> None:
        if not names or not codes:
            return
        country = codes[0][0]
        if country not in iso3 and country not in {"IGO", "NGO"}:
            return
        starts = [s for s, _ in (_years(d) for _, d in codes) if s]
        ends = [e for _, e in (_years(d) for _, d in codes) if e]
        start = min(starts) if starts else ""
        end = "" if any(">" in d for _, d in codes) or not ends else max(ends)
        primary_multi = len(names[0].split()) > 1
        for name in names:
            toks = name.split()
            if len(toks) == 1 and (
                not primary_multi or len(name) < 5 or name.lower() in STOP_SINGLE
            ):
                continue
            rows.append((name, country, start, end, "petrarch2"))

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith(("\t", " ")) and line.strip().startswith("["):
            for m in CODE_RE.finditer(line):
                codes.append((m.group(1), m.group(2)))
            continue
        if line.startswith("+"):
            name = _clean_name(line[1:])
            if name:
                names.append(name)
            continue
        if line[0].isalnum():
            flush()
            names, codes = [], []
            inline = CODE_RE.search(line)
            name = _clean_name(line.split("[", 1)[0])
            if name:
                names.append(name)
            if inline:
                codes.append((inline.group(1), inline.group(2)))
    flush()
    return rows


def _clean_name(text: str) -> str:
    text = text.strip().rstrip("_").replace("_", " ").strip()
    if not text or "(" in text or any(c.isdigit() for c in text):
        return ""
    return " ".join(w.capitalize() if w.isupper() else w for w in text.split())


def iso_table(gaz_dir: Path) -> list[tuple[str, str, str]]:
    """(iso2, iso3, name) rows: sovereign countries, then admin-1 parents, then fixes."""
    pairs: dict[str, tuple[str, str]] = {}
    with open(gaz_dir / "geonames" / "gvenzl_countries.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            pairs[row["COUNTRY_CODE"]] = (row["COUNTRY_ID"], row["NAME"])
    ne = gaz_dir / "naturalearth" / "v5_attributes" / "ne_10m_admin_1_states_provinces.csv.gz"
    if ne.exists():
        with gzip.open(ne, "rt", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                a2, a3 = row.get("iso_a2", ""), row.get("adm0_a3", "")
                if len(a2) == 2 and a2.isalpha() and len(a3) == 3 and a2 not in pairs:
                    pairs[a2] = (a3, row.get("admin", ""))
    for a2, a3 in EXTRA_ISO.items():
        pairs[a2] = (a3, pairs.get(a2, ("", ""))[1])
    return sorted((a2, a3, name) for a2, (a3, name) in pairs.items())


def write_tsv(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]], note: str) -> None:
    """Write a TSV with a '#' comment line and a header row."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(f"# {note}\n")
        fh.write("\t".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(str(c) for c in row) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Build the generated event data files."""
    ap = argparse.ArgumentParser(prog="geoevents.events.recipe", description=__doc__)
    ap.add_argument("sources", type=Path, help="folder with the petrarch2 / PLOVER files")
    ap.add_argument("gazetteer_sources", type=Path, nargs="?", help="folder with country tables")
    ap.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    src: Path = args.sources
    gaz = args.gazetteer_sources or src.parent / "gazetteer-sources"
    for name in ("CAMEO.2.0.txt", "CAMEO2PLOVER-2021.txt", "petrarch2_LICENSE_MIT.txt"):
        if not (src / name).exists():
            sys.stderr.write(f"geoevents: error: {src / name} not found\n")
            return 1
    args.out.mkdir(parents=True, exist_ok=True)
    table = cameo_plover(src / "CAMEO2PLOVER-2021.txt")
    write_tsv(
        args.out / "cameo_plover.tsv",
        ("cameo", "event_type", "mode"),
        [(c, t, m) for c, (t, m) in sorted(table.items())],
        "CAMEO code -> PLOVER type and mode; facts derived from the PLOVER CAMEO2PLOVER-2021 table (OEDA)",
    )
    verbs = parse_verbs(src / "CAMEO.2.0.txt", table)
    write_tsv(
        args.out / "triggers_petrarch2.tsv",
        ("phrase", "pos", "event_type", "mode", "cameo", "forms"),
        verbs,
        "generated by geoevents/events/recipe.py from petrarch2 CAMEO.2.0.txt (MIT, see LICENSE-petrarch2.txt)",
    )
    isos = iso_table(gaz)
    write_tsv(
        args.out / "countries.tsv",
        ("iso2", "iso3", "name"),
        isos,
        "ISO 3166 alpha-2 -> alpha-3; from gvenzl countries.csv (CC BY 4.0) and Natural Earth",
    )
    iso3 = {a3 for _, a3, _ in isos}
    actors: list[tuple[str, ...]] = []
    for name in (
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ):
        if (src / name).exists():
            actors.extend(parse_actors(src / name, iso3))
    seen: set[str] = set()
    unique = []
    for row in actors:
        if row[0].lower() not in seen:
            seen.add(row[0].lower())
            unique.append(row)
    write_tsv(
        args.out / "actors_petrarch2.tsv",
        ("name", "country", "start_year", "end_year", "kind"),
        unique,
        "generated by geoevents/events/recipe.py from petrarch2 Phoenix actor dictionaries (MIT)",
    )
    shutil.copyfile(src / "petrarch2_LICENSE_MIT.txt", args.out / "LICENSE-petrarch2.txt")
    print(f"{len(verbs)} verb triggers, {len(unique)} actors, {len(isos)} countries -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
