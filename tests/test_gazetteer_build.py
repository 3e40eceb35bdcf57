"""The gazetteer recipe: the GeoNames-dump build path on a small fixture, and the demonym merge."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from geoevents.gazetteer import Gazetteer
from geoevents.store import write_database

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "gazetteer-sources"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "geonames_dump"

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/gazetteer-sources absent")


@pytest.fixture(scope="module")
def recipe():
    """gazetteer/build.py, imported as a module (it is a script, not part of the package)."""
    sys.path.insert(0, str(ROOT / "gazetteer"))
    try:
        spec = importlib.util.spec_from_file_location(
            "gazetteer_build", ROOT / "gazetteer/build.py"
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "gazetteer"))
    return module


@pytest.fixture(scope="module")
def built(recipe, tmp_path_factory):
    """The fixture dump built into a gazetteer file: (Gazetteer, rows, report)."""
    src = recipe.load_dump(FIXTURE)
    rows, names, extra = recipe.build(src, SHARED, None, ROOT / "gazetteer" / "supplement.tsv")
    path = tmp_path_factory.mktemp("gaz") / "fixture.sqlite"
    write_database(path, rows, names)
    return Gazetteer(path), rows, extra["report"], path


def test_load_dump_reads_every_file(recipe):
    src = recipe.load_dump(FIXTURE)
    assert len(src.places) == 10
    assert set(src.countries) == {"UA", "US", "GB"}
    assert src.countries["UA"]["geonameid"] == 690791 and src.countries["UA"]["iso3"] == "UKR"
    assert src.admin1["US.WV"]["geonameid"] == 4826850
    assert src.admin2["US.KY.125"]["name"] == "Laurel County"
    kyiv = next(p for p in src.places if p["geonameid"] == 703448)
    assert (kyiv["fcode"], kyiv["cc"], kyiv["admin1"]) == ("PPLC", "UA", "12")
    # Names from both the alternatenames column and alternateNamesV2.txt, links and codes dropped.
    assert {"Kiev", "Київ", "Kiew"} <= set(kyiv["alt"])
    assert not any(a.startswith("http") for a in kyiv["alt"])
    london = next(p for p in src.places if p["geonameid"] == 2643743)
    assert "LON" not in london["alt"]


def test_written_file_opens_and_holds_the_fixture_places(built):
    gaz, rows, report, path = built
    assert report["populated places"] == 10
    assert report["countries"] == 3
    assert report["admin1"] == 11
    assert report["admin2"] == 4
    kyiv = gaz.lookup("Kyiv")[0]
    assert (kyiv.geonameid, kyiv.feature_code, kyiv.country_code) == (703448, "PPLC", "UA")
    assert (kyiv.lat, kyiv.lon) == (50.45466, 30.5238)
    assert kyiv.population == 2952301
    assert gaz.get(706483).name == "Kharkiv"
    with sqlite3.connect(path) as con:
        (count,) = con.execute("SELECT count(*) FROM places").fetchone()
    assert count == len(rows)
    assert "GeoNames" in gaz.attribution


@pytest.mark.parametrize(
    "name, geonameid",
    [
        ("Kiev", 703448),  # alternatenames column
        ("Київ", 703448),  # alternateNamesV2.txt, Cyrillic
        ("KYÏV", 703448),
        ("Kiew", 703448),
        ("Харків", 706483),
        ("Kharkov", 706483),
        ("Lemberg", 702550),
        ("Londres", 2643743),
    ],
)
def test_alternate_names(built, name, geonameid):
    assert built[0].lookup(name)[0].geonameid == geonameid


@pytest.mark.parametrize(
    "name, check",
    [
        ("W.Va.", lambda p: p.geonameid == 4826850),
        ("West Virginia", lambda p: p.geonameid == 4826850),
        ("U.S.", lambda p: p.is_country and p.country_code == "US"),
        ("UK", lambda p: p.is_country and p.country_code == "GB"),
        ("Britain", lambda p: p.is_country and p.country_code == "GB"),
        ("D.C.", lambda p: p.geonameid == 4140963),
        ("Ukrainians", lambda p: p.is_country and p.country_code == "UA"),
        ("Laurel County", lambda p: p.geonameid == 4297480 and p.admin1_code == "KY"),
        ("Rapides Parish", lambda p: p.geonameid == 4338356),
        ("Kyiv Oblast", lambda p: p.geonameid == 703446),
        ("the Kharkiv region", lambda p: p.geonameid == 706482),
        ("Paris, Texas", lambda p: p.geonameid == 4717560),
        ("Springfield, Ill.", lambda p: p.geonameid == 4250542),
        ("London, Kentucky", lambda p: p.geonameid == 4298960),
        ("Tiananmen Square", lambda p: p.country_code == "CN"),  # the curated supplement
    ],
)
def test_abbreviations_divisions_and_qualifiers(built, name, check):
    found = built[0].lookup(name)
    assert found and check(found[0]), (name, found[:2])


def test_ranking_in_the_built_file(built):
    london = built[0].lookup("London")
    assert [p.geonameid for p in london[:2]] == [2643743, 4298960]


def test_points_come_from_geonames(built):
    gaz = built[0]
    assert gaz.lookup("Kyiv Oblast")[0].source == "geonames"
    assert gaz.lookup("Lviv")[0].source == "geonames"


def test_country_alternate_names_from_alternate_names_file(built):
    found = built[0].lookup("Україна")
    assert found and found[0].country_code == "UA"


def test_dump_build_via_command_line(recipe, tmp_path, monkeypatch):
    """The recipe's CLI with --geonames-dump, when the pinned registry packages are cached."""
    cache = ROOT / "gazetteer" / "cache"
    spec = importlib.util.spec_from_file_location("sources", ROOT / "gazetteer" / "sources.py")
    sources = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sources)
    pinned = sources.PINNED
    for registry, package, version in pinned.values():
        pattern = f"{package}-{version}-*.whl" if registry == "pypi" else f"{package}-{version}.tgz"
        if not next(cache.glob(pattern), None):
            pytest.skip(f"registry cache lacks {package} {version} (the CLI would download it)")
    out = tmp_path / "data"
    # main() rewrites the project's coverage report and checksum list: put them back after.
    kept = {
        p: p.read_bytes() for p in (ROOT / "gazetteer").glob("*") if p.suffix in {".tsv", ".sha256"}
    }
    try:
        assert (
            recipe.main(
                [
                    "--shared",
                    str(SHARED),
                    "--geonames-dump",
                    str(FIXTURE),
                    "--cache",
                    str(cache),
                    "--out",
                    str(out),
                ]
            )
            == 0
        )
    finally:
        for path, content in kept.items():
            if path.read_bytes() != content:
                path.write_bytes(content)
    gaz = Gazetteer(out / "gazetteer.sqlite")
    assert gaz.lookup("Kiev")[0].geonameid == 703448
    countries = json.loads((out / "countries.geojson").read_text(encoding="utf-8"))
    codes = {f["properties"]["iso_a2"] for f in countries["features"]}
    assert {"UA", "US", "GB"} <= codes


# ---------------------------------------------------------------- demonyms
@pytest.fixture(scope="module")
def demonyms(recipe):
    countries = json.loads((ROOT / "geoevents" / "data" / "countries.geojson").read_text("utf-8"))
    iso3 = {
        f["properties"]["iso_a3"]: f["properties"]["iso_a2"]
        for f in countries["features"]
        if f["properties"]["iso_a3"] and f["properties"]["iso_a2"]
    }
    assert len(iso3) > 200
    return recipe.load_demonyms(SHARED, iso3)


@pytest.mark.parametrize(
    "form, code",
    [
        # Wrong in xponents_nationalities.csv (SOURCES.md): ukrainians->URY, sudanese->SUR,
        # nigerien->NGA, azeri->TUR.
        ("ukrainians", "UA"),
        ("ukrainian", "UA"),
        ("sudanese", "SD"),
        ("nigerien", "NE"),
        ("nigeriens", "NE"),
        ("azeri", "AZ"),
        ("azeris", "AZ"),
        # Right everywhere.
        ("russian", "RU"),
        ("chinese", "CN"),
        ("nigerian", "NG"),
        ("irish", "IE"),
        ("hellenes", "GR"),
    ],
)
def test_demonym_merge_corrects_known_wrong_codes(demonyms, form, code):
    assert demonyms[form] == code


def test_abkhaz_is_not_turkish(demonyms):
    assert demonyms["abkhaz"] != "TR"


def test_build_is_reproducible(recipe, built, tmp_path):
    """The same inputs give a byte-identical file (the recipe records its checksum)."""
    import hashlib

    src = recipe.load_dump(FIXTURE)
    rows, names, _ = recipe.build(src, SHARED, None, ROOT / "gazetteer" / "supplement.tsv")
    again = tmp_path / "again.sqlite"
    write_database(again, rows, names)
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (built[3], again)]
    assert digest[0] == digest[1]
