"""The bundled GeoNames gazetteer: ranked name lookup, ids, reverse geocoding, country polygons."""

from __future__ import annotations

import csv
import json
import re
import threading
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .normalize import name_key
from .place import ADMIN1_CODES, ADMIN2_CODES, COUNTRY_CODES, REGION_CODES, Place
from .store import E5, NameFlag, connect, key_hash, read_key_hashes

DATA = resources.files("geoevents") / "data"

# Generic words after a division's name: "Kursk region", "Kyiv Oblast", "Laurel County".
DIVISION_WORDS = (
    "region oblast province governorate state prefecture krai kray territory department "
    "district county parish municipality republic autonomous okrug voivodeship canton emirate "
    "division city"
).split()
_SUFFIX = re.compile(r"^(?:the )?(.+?) (" + "|".join(DIVISION_WORDS) + r")$")
PHYSICAL_WORDS = frozenset(
    "sea ocean gulf bay strait straits channel sound river lake mountains mountain mount range "
    "desert peninsula island islands plateau basin delta".split()
)
_QUALIFIED = re.compile(r"^(.+?)\s*(?:,\s*|\s+\()([^,()]+?)\)?$")
_COUNTRY_WORDS = {"country", "nation", "the country"}


def is_dotted(name: str) -> bool:
    """An abbreviation as news writes it: 'Ky.', 'W.Va.', 'Calif.' (short, ending in a dot)."""
    name = name.strip()
    return name.endswith(".") and len(name) <= 7 and " " not in name


# Default ranking tiers, before any text context (lower is better).
_TIER_COUNTRY, _TIER_ADM1, _TIER_CAPITAL, _TIER_SEAT, _TIER_ADM2, _TIER_OTHER = range(6)


def _tier(fclass: str, fcode: str) -> int:
    if fcode in COUNTRY_CODES or fcode == "CONT":
        return _TIER_COUNTRY
    if fcode in ADMIN1_CODES or (fclass == "L" and fcode in REGION_CODES):
        return _TIER_ADM1
    if fcode == "PPLC":
        return _TIER_CAPITAL
    if fcode in {"PPLA", "PPLA2", "PPLG"}:
        return _TIER_SEAT
    if fcode in ADMIN2_CODES:
        return _TIER_ADM2
    return _TIER_OTHER


class Gazetteer:
    """Ranked lookups in the bundled (or a given) gazetteer file, plus user-added entries."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else Path(str(DATA / "gazetteer.sqlite"))
        self._con = connect(self.path)
        self._lock = threading.Lock()
        self._hashes: frozenset[int] | None = None
        self._sources = dict(self._con.execute("SELECT id, name FROM sources"))
        admin1_rows = self._con.execute(
            "SELECT id, geonameid, name, lat, lon, fclass, fcode, cc, admin1, population, "
            "source FROM places WHERE fcode = 'ADM1'"
        ).fetchall()
        self._admin1 = {(r[7], r[8]): r[2] for r in admin1_rows}
        self._extra: dict[str, list[tuple[Place, int]]] = defaultdict(list)
        self._extra_by_id: dict[int, Place] = {}
        self._points = None
        self._polygons = None
        self._load_aliases(DATA / "aliases.tsv", {(r[7], r[8]): r for r in admin1_rows})
        self._cache = lru_cache(maxsize=65536)(self._candidates)
        self._ranked = lru_cache(maxsize=65536)(self._lookup)
        self._ranked_key = lru_cache(maxsize=65536)(self._rank_key)

    # ------------------------------------------------------------------ names
    def has_name(self, name: str) -> bool:
        """True when some entry carries this name (fast, in memory)."""
        return self.has_key(name_key(name))

    def has_key(self, key: str) -> bool:
        """True when some entry carries this already-normalised name key."""
        if key in self._extra:
            return True
        if self._hashes is None:
            self._hashes = read_key_hashes(self._con)  # loaded on first use: geocoding needs none
        return key_hash(key) in self._hashes and bool(self._cache(key))

    def _candidates(self, key: str) -> tuple[tuple[Place, int], ...]:
        """Every entry for a name key with its name flags, unranked."""
        with self._lock:
            rows = self._con.execute(
                "SELECT p.id, p.geonameid, p.name, p.lat, p.lon, p.fclass, p.fcode, p.cc, "
                "p.admin1, p.population, p.source, n.flags "
                "FROM names n JOIN places p ON p.id = n.pid WHERE n.key = ?",
                (key,),
            ).fetchall()
        out = [(self._place(r, key), r[11]) for r in rows]
        out += self._extra.get(key, [])
        return tuple(out)

    def _place(self, r: tuple, matched: str) -> Place:
        cc, a1 = r[7], r[8]
        return Place(
            geonameid=r[1] or -r[0],
            name=r[2],
            lat=r[3] / E5,
            lon=r[4] / E5,
            feature_class=r[5],
            feature_code=r[6],
            country_code=cc,
            admin1_code=a1,
            admin1_name=self._admin1.get((cc, a1), ""),
            population=r[9],
            matched=matched,
            source=self._sources.get(r[10], ""),
        )

    def ranked(self, key: str, limit: int = 25) -> list[Place]:
        """Ranked entries of an already-normalised key (memoised), for the resolver."""
        return list(self._ranked_key(key, limit))

    def _rank_key(self, key: str, limit: int) -> tuple[Place, ...]:
        return tuple(self.rank(self.candidates(key), limit))

    def candidates(self, name: str) -> list[tuple[Place, int]]:
        """All (place, NameFlag) pairs for a name, handling 'the', division words, qualifiers."""
        key = name_key(name)
        found = list(self._cache(key))
        if not found and key.startswith("the "):
            found = list(self._cache(key[4:]))
        if not found:
            m = _SUFFIX.match(key)
            if m:
                word = m.group(2)
                codes = ADMIN2_CODES if word in {"county", "parish", "district"} else ADMIN1_CODES
                found = [
                    (p, f)
                    for p, f in self._cache(m.group(1))
                    if p.feature_code in codes | ADMIN1_CODES | ADMIN2_CODES
                ]
                found.sort(key=lambda pf: pf[0].feature_code not in codes)
        return found

    def lookup(self, name: str, country: str | None = None, limit: int = 10) -> list[Place]:
        """Ranked candidates for a place name; `country` (ISO2) restricts them."""
        return list(self._ranked(name, country, limit))

    def _lookup(self, name: str, country: str | None, limit: int) -> tuple[Place, ...]:
        found = self.candidates(name)
        dotted = is_dotted(name)
        if not found:
            m = _QUALIFIED.match(name.strip())
            if m:
                return tuple(self._qualified(m.group(1), m.group(2), country, limit))
        if country:
            found = [(p, f) for p, f in found if p.country_code == country.upper()]
        return tuple(self.rank(found, limit, dotted=dotted))

    def _qualified(self, base: str, qualifier: str, country: str | None, limit: int) -> list[Place]:
        """'Paris, Texas', 'Springfield, Ill.', 'Georgia (country)'."""
        found = self.candidates(base)
        if country:
            found = [(p, f) for p, f in found if p.country_code == country.upper()]
        qkey = name_key(qualifier)
        if qkey in _COUNTRY_WORDS:
            kept = [(p, f) for p, f in found if p.is_country]
        else:
            scopes = [q for q, _ in self.candidates(qualifier) if q.is_country or q.is_admin1]
            kept = [
                (p, f)
                for p, f in found
                if any(
                    p.country_code == q.country_code
                    and (q.is_country or p.admin1_code == q.admin1_code)
                    for q in scopes
                )
            ]
        return self.rank(kept, limit)

    @staticmethod
    def rank(
        found: list[tuple[Place, int]], limit: int = 10, *, dotted: bool = False
    ) -> list[Place]:
        """Order candidates: primary names first, then country > division > capital > seat, population.

        Codes (flagged ABBREVIATION only) come after other names; `dotted` says the query was
        written as an abbreviation ("Ky.", "Pa."), which then outranks same-named places.
        """
        best: dict[int, tuple[tuple, Place]] = {}
        for place, flags in found:
            if flags & NameFlag.CURATED:
                alternate = -2 if dotted else 0
            elif flags & NameFlag.PRIMARY:
                alternate = 0
            elif flags & (NameFlag.ALTERNATE | NameFlag.DEMONYM):
                alternate = 1
            else:
                alternate = 2
            if dotted and place.feature_code in ADMIN1_CODES and alternate > 0:
                alternate = -1
            tier = _tier(place.feature_class, place.feature_code)
            if flags & NameFlag.CURATED:
                tier = min(tier, _TIER_SEAT)  # hand-checked entries for names news uses
            # A name that says what kind of thing it is ("Red Sea", "Ural Mountains").
            if place.feature_class in "HT" and place.matched.rsplit(" ", 1)[-1] in PHYSICAL_WORDS:
                tier = _TIER_COUNTRY
            key = (alternate, tier, -place.population)
            ident = id(place) if place.geonameid == 0 else place.geonameid
            if ident not in best or key < best[ident][0]:
                best[ident] = (key, place)
        ordered = sorted(best.values(), key=lambda kp: kp[0])
        # A city and the first-level division of the same name that it fills (Kyiv, Moscow,
        # Beijing): the city is what a bare name means.
        if len(ordered) > 1 and ordered[0][1].is_admin1 and not dotted:
            div = ordered[0][1]
            for i, (_, p) in enumerate(ordered[1:], 1):
                same = p.country_code == div.country_code and p.matched == div.matched
                if same and p.feature_code in {"PPLC", "PPLA"}:
                    ordered.insert(0, ordered.pop(i))
                    break
        n = len(ordered)
        return [
            replace(p, score=round(1.0 - i / (n + 1), 3))
            for i, (_, p) in enumerate(ordered[:limit])
        ]

    def get(self, geonameid: int) -> Place | None:
        """The entry with this GeoNames id (or a user-added id), or None."""
        if geonameid in self._extra_by_id:
            return self._extra_by_id[geonameid]
        with self._lock:
            r = self._con.execute(
                "SELECT id, geonameid, name, lat, lon, fclass, fcode, cc, admin1, population, "
                "source FROM places WHERE geonameid = ? OR id = ? ORDER BY geonameid <> ? LIMIT 1",
                (geonameid, -geonameid, geonameid),
            ).fetchone()
        return self._place(r, "") if r else None

    def capital(self, code: str) -> Place | None:
        """The capital (GeoNames PPLC, the most populous if several) of an ISO2 country code."""
        with self._lock:
            r = self._con.execute(
                "SELECT id, geonameid, name, lat, lon, fclass, fcode, cc, admin1, population, "
                "source FROM places WHERE fcode = 'PPLC' AND cc = ? "
                "ORDER BY population DESC LIMIT 1",
                (code.upper(),),
            ).fetchone()
        return self._place(r, "") if r else None

    def country(self, code: str) -> Place | None:
        """The country entry for an ISO 3166 alpha-2 code."""
        for place, _ in self._cache(name_key(code)):
            if place.is_country and place.country_code == code.upper():
                return place
        return None

    # ------------------------------------------------------------------ space
    def reverse(self, lat: float, lon: float) -> Place | None:
        """The nearest populated place to a point."""
        import numpy as np

        if self._points is None:
            with self._lock:
                rows = self._con.execute(
                    "SELECT id, lat, lon FROM places WHERE fclass = 'P'"
                ).fetchall()
            arr = np.array(rows, dtype=np.int64)
            self._points = (arr[:, 0], np.radians(arr[:, 1] / E5), np.radians(arr[:, 2] / E5))
        ids, plat, plon = self._points
        la, lo = np.radians(lat), np.radians(lon)
        hav = (
            np.sin((plat - la) / 2) ** 2 + np.cos(la) * np.cos(plat) * np.sin((plon - lo) / 2) ** 2
        )
        pid = int(ids[int(np.argmin(hav))])
        with self._lock:
            r = self._con.execute(
                "SELECT id, geonameid, name, lat, lon, fclass, fcode, cc, admin1, population, "
                "source FROM places WHERE id = ?",
                (pid,),
            ).fetchone()
        return self._place(r, "")

    def country_at(self, lat: float, lon: float) -> str | None:
        """ISO2 code of the country whose polygon contains the point, or None at sea."""
        from shapely import STRtree
        from shapely.geometry import Point, shape

        if self._polygons is None:
            data = json.loads((DATA / "countries.geojson").read_text(encoding="utf-8"))
            feats = [f for f in data["features"] if f["properties"]["iso_a2"]]
            geoms = [shape(f["geometry"]) for f in feats]
            self._polygons = (STRtree(geoms), geoms, [f["properties"]["iso_a2"] for f in feats])
        tree, geoms, codes = self._polygons
        pt = Point(lon, lat)
        for i in tree.query(pt, predicate="intersects"):
            return codes[int(i)]
        return None

    # ------------------------------------------------------------------ custom entries
    def add(self, place: Place, names: list[str] | tuple[str, ...] = ()) -> Place:
        """Add one entry (and extra names for it) to this gazetteer, in memory."""
        if not place.geonameid:
            place = replace(place, geonameid=-(10_000_000 + len(self._extra_by_id)))
        # Place.source defaults to "geonames": an entry a user adds is the user's.
        if place.source in {"", "geonames"}:
            place = replace(place, source="user")
        self._extra_by_id[place.geonameid] = place
        for i, n in enumerate([place.name, *names]):
            flag = NameFlag.PRIMARY if i == 0 else NameFlag.ALTERNATE
            self._extra[name_key(n)].append((replace(place, matched=name_key(n)), int(flag)))
        self._cache.cache_clear()
        self._ranked.cache_clear()
        self._ranked_key.cache_clear()
        return place

    def _load_aliases(self, path, admin1_rows: dict) -> None:
        """Names linked to existing first-level divisions (data/aliases.tsv)."""
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and ln[0] != "#"]
        for row in csv.DictReader(lines, delimiter="\t"):
            r = admin1_rows.get((row["country_code"], row["admin1_code"]))
            if r is not None:
                key = name_key(row["alias"])
                flags = NameFlag.ALTERNATE | NameFlag.CURATED
                self._extra[key].append((self._place(r, key), flags))

    def load(self, path: str | Path) -> int:
        """Add entries from a TSV (name, lat, lon, ...) or GeoJSON file of points; returns count."""
        path = Path(path)
        if path.suffix.lower() in {".geojson", ".json"}:
            rows = []
            data = json.loads(path.read_text(encoding="utf-8"))
            for feat in data.get("features", []):
                geom = feat.get("geometry") or {}
                if geom.get("type") != "Point":
                    raise ValueError(f"{path}: only Point features can be added")
                props = dict(feat.get("properties") or {})
                props["lon"], props["lat"] = geom["coordinates"][:2]
                rows.append(props)
        else:
            with open(path, encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh, delimiter="\t"))
        for n, r in enumerate(rows, 1):
            if not r.get("name"):
                raise ValueError(f"{path}: entry {n} has no name")
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except (KeyError, TypeError, ValueError):
                raise ValueError(f"{path}: entry {n} needs numeric lat and lon") from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError(f"{path}: entry {n} has coordinates out of range")
            alt = r.get("alternate_names") or []
            if isinstance(alt, str):
                alt = [a for a in alt.split("|") if a]
            self.add(
                Place(
                    geonameid=int(r.get("geonameid") or 0),
                    name=r["name"],
                    lat=lat,
                    lon=lon,
                    feature_class=r.get("feature_class") or "S",
                    feature_code=r.get("feature_code") or "",
                    country_code=(r.get("country_code") or "").upper(),
                    admin1_code=r.get("admin1_code") or "",
                    population=int(r.get("population") or 0),
                    source=r.get("source") or f"user: {path.name}",
                ),
                alt,
            )
        return len(rows)

    @property
    def attribution(self) -> str:
        """The licence credit to show wherever this data is shown."""
        with self._lock:
            row = self._con.execute("SELECT value FROM meta WHERE key = 'attribution'").fetchone()
        return row[0] if row else ""


_DEFAULT: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, opened once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer()
    return _DEFAULT
