"""The gazetteer's on-disk form: one SQLite file of places and name keys, written and read here."""

from __future__ import annotations

import array
import itertools
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

ATTRIBUTION = (
    "Contains data from GeoNames (www.geonames.org), licensed under CC BY 4.0, changed by "
    "geoevents (names normalised, points merged with the sources listed in NOTICE); "
    "Made with Natural Earth."
)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE sources (id INTEGER PRIMARY KEY, name TEXT UNIQUE);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat INTEGER, lon INTEGER,
    fclass TEXT, fcode TEXT, cc TEXT, admin1 TEXT, admin2 TEXT, population INTEGER,
    source INTEGER
);
CREATE TABLE names (key TEXT, pid INTEGER, flags INTEGER, PRIMARY KEY (key, pid)) WITHOUT ROWID;
"""


E5 = 100_000  # coordinates are stored as integers of 1e-5 degree (about 1 m)


def read_key_hashes(con: sqlite3.Connection) -> frozenset[int]:
    """The set of name-key hashes stored in the file (a fast in-memory membership filter)."""
    import numpy as np

    blob = con.execute("SELECT value FROM meta WHERE key = 'key_hashes'").fetchone()[0]
    deltas = np.frombuffer(zlib.decompress(blob), dtype=np.uint32)
    return frozenset(np.cumsum(deltas, dtype=np.uint32).tolist())


class NameFlag:
    """How a name key relates to its entry: bits of the names.flags column (plain ints: fast)."""

    PRIMARY = 1
    ALTERNATE = 2
    ABBREVIATION = 4
    DEMONYM = 8
    CURATED = 16


class Row(NamedTuple):
    """One gazetteer entry as stored."""

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    admin2_code: str
    population: int
    source: str


def key_hash(key: str) -> int:
    """A stable 32-bit hash of a name key, for the in-memory membership filter."""
    return zlib.crc32(key.encode("utf-8"))


def write_database(path: Path, rows: list[Row], names: Iterable[tuple[str, int, int]]) -> None:
    """Write rows and (key, row index, flags) triples to a new SQLite file at path."""
    path = Path(path)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    merged: dict[tuple[str, int], int] = {}
    for key, idx, flags in names:
        if key:
            merged[(key, idx)] = merged.get((key, idx), 0) | flags
    con = sqlite3.connect(tmp)
    con.executescript("PRAGMA page_size=4096; PRAGMA journal_mode=OFF;" + SCHEMA)
    sources: dict[str, int] = {}
    for r in rows:
        sources.setdefault(r.source, len(sources))
    con.executemany("INSERT INTO sources VALUES (?, ?)", [(i, s) for s, i in sources.items()])
    con.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                i,
                r.geonameid,
                r.name,
                round(r.lat * E5),
                round(r.lon * E5),
                r.feature_class,
                r.feature_code,
                r.country_code,
                r.admin1_code,
                r.admin2_code,
                r.population,
                sources[r.source],
            )
            for i, r in enumerate(rows)
        ],
    )
    con.executemany(
        "INSERT INTO names VALUES (?,?,?)", [(k, i, f) for (k, i), f in sorted(merged.items())]
    )
    hashes = sorted({key_hash(k) for k, _ in merged})
    deltas = array.array("I", [b - a for a, b in itertools.pairwise([0, *hashes])])
    con.execute("INSERT INTO meta VALUES ('key_hashes', ?)", (zlib.compress(deltas.tobytes(), 9),))
    con.execute("INSERT INTO meta VALUES ('attribution', ?)", (ATTRIBUTION,))
    con.commit()
    con.execute("VACUUM")
    con.close()
    tmp.replace(path)


def connect(path: Path) -> sqlite3.Connection:
    """Open a gazetteer file read-only (safe to share between threads that only read)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)
