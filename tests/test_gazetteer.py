"""The bundled gazetteer: name handling, default ranking, ids, reverse, polygons, custom entries,
and the geopy-compatible offline geocoder."""

from __future__ import annotations

import json
import math
import socket

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geoevents.gazetteer import Gazetteer, default_gazetteer
from geoevents.geocoders import GeoNamesOffline
from geoevents.place import Place

# GeoNames ids and points (the values GeoNames publishes for these entries).
KYIV = (703448, 50.45466, 30.5238)
BEIJING = (1816670, 39.9075, 116.39723)
KURSK = (538560, 51.73733, 36.18735)
KURSK_OBLAST = (538555, 51.5, 36.0)
KYIV_OBLAST = (703446, 50.2, 30.2)
ALASKA = (5879092, 64.00028, -150.00028)
PYONGYANG = (1871859, 39.03385, 125.75432)
LAUREL_COUNTY = (4297480, 37.11067, -84.11772)
WEST_VIRGINIA = (4826850, 38.50038, -80.50009)
WASHINGTON_DC = (4140963, 38.89511, -77.03637)
PARIS_TEXAS = (4717560, 33.66094, -95.55551)
SPRINGFIELD_IL = (4250542, 39.80172, -89.64371)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


def first(gaz: Gazetteer, name: str) -> Place:
    found = gaz.lookup(name)
    assert found, f"no candidate for {name!r}"
    return found[0]


def near(place: Place, expected: tuple[int, float, float], tol_km: float = 25.0) -> bool:
    return km(place.lat, place.lon, expected[1], expected[2]) <= tol_km


# ---------------------------------------------------------------- issue 2: Done when
@pytest.mark.parametrize(
    "name, expected",
    [
        ("Kyiv", KYIV),
        ("Kiev", KYIV),
        ("Київ", KYIV),
        ("Beijing", BEIJING),
        ("Kursk", KURSK),
        ("Kursk region", KURSK_OBLAST),
        ("Alaska", ALASKA),
        ("Pyongyang", PYONGYANG),
        ("Laurel County", LAUREL_COUNTY),
        ("W.Va.", WEST_VIRGINIA),
    ],
)
def test_done_when_cities_and_divisions_within_25_km(gaz, name, expected):
    place = first(gaz, name)
    assert near(place, expected), (name, place)
    assert place.geonameid == expected[0]


@pytest.mark.parametrize("name, code", [("Poland", "PL"), ("Britain", "GB"), ("Russian", "RU")])
def test_done_when_countries_point_inside_the_country(gaz, name, code):
    place = first(gaz, name)
    assert place.is_country and place.country_code == code
    assert gaz.country_at(place.lat, place.lon) == code


def test_done_when_tiananmen_square_is_the_square(gaz):
    place = first(gaz, "Tiananmen Square")
    assert place.country_code == "CN"
    assert km(place.lat, place.lon, 39.9055, 116.3976) <= 5.0


def test_done_when_gaza_strip_point_is_inside_the_strip(gaz):
    place = first(gaz, "Gaza Strip")
    assert place.country_code == "PS"
    # The strip is about 41 km by 6-12 km: a box around it.
    assert 31.2 <= place.lat <= 31.6 and 34.2 <= place.lon <= 34.6


def test_done_when_europe_is_the_continent(gaz):
    place = first(gaz, "Europe")
    assert place.feature_code == "CONT"
    assert 35 <= place.lat <= 72 and -25 <= place.lon <= 45
    assert gaz.country_at(place.lat, place.lon) is not None  # on land, in Europe


def test_done_when_red_sea_point_is_at_sea_in_the_red_sea(gaz):
    place = first(gaz, "Red Sea")
    assert place.feature_class == "H"
    assert 12.5 <= place.lat <= 30.0 and 32.0 <= place.lon <= 44.0
    assert gaz.country_at(place.lat, place.lon) is None


def test_demonym_resolves_to_its_country(gaz):
    for name, code in [("Russian", "RU"), ("Ukrainians", "UA"), ("Chinese", "CN")]:
        place = first(gaz, name)
        assert place.is_country and place.country_code == code, name


# ---------------------------------------------------------------- name handling
@pytest.mark.parametrize("name", ["Kyiv", "KYIV", "kyiv", "Kyïv", "Київ", "  Kyiv  ", "Kiev"])
def test_case_diacritics_scripts_and_spaces(gaz, name):
    assert first(gaz, name).geonameid == KYIV[0]


@pytest.mark.parametrize(
    "names",
    [
        ("Khan Younis", "Khan Yunis", "Khan-Yunis", "Khan–Younis"),
        ("Côte d'Ivoire", "Cote d'Ivoire", "Cote d’Ivoire", "CÔTE D’IVOIRE"),
        ("Guinea-Bissau", "Guinea Bissau", "Guinea–Bissau"),
        ("Sanaa", "Sana'a", "Sana’a"),
        ("Kraków", "Krakow"),
        ("Łódź", "Lodz"),
        ("São Paulo", "Sao Paulo"),
    ],
)
def test_apostrophes_dashes_and_diacritics_give_one_entry(gaz, names):
    ids = {first(gaz, n).geonameid for n in names}
    assert len(ids) == 1, names


@pytest.mark.parametrize(
    "alias, primary",
    [
        ("Peking", "Beijing"),
        ("Kiev", "Kyiv"),
        ("Kharkov", "Kharkiv"),
        ("Saigon", "Ho Chi Minh City"),
        ("Constantinople", "Istanbul"),
        ("Leningrad", "Saint Petersburg"),
        ("Dnepropetrovsk", "Dnipro"),
    ],
)
def test_alternate_and_historic_names(gaz, alias, primary):
    assert first(gaz, alias).geonameid == first(gaz, primary).geonameid
    assert first(gaz, alias).feature_class == "P"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Kursk region", KURSK_OBLAST),
        ("the Kursk Oblast", KURSK_OBLAST),
        ("Kursk Oblast", KURSK_OBLAST),
        ("Kyiv Oblast", KYIV_OBLAST),
        ("Kyiv region", KYIV_OBLAST),
    ],
)
def test_division_suffix_forms(gaz, name, expected):
    place = first(gaz, name)
    assert place.is_admin1
    assert place.geonameid == expected[0]


@pytest.mark.parametrize(
    "name, country",
    [
        ("Kherson Province", "UA"),
        ("Nineveh Governorate", "IQ"),
        ("Lagos State", "NG"),
        ("Belgorod region", "RU"),
    ],
)
def test_province_governorate_state_forms(gaz, name, country):
    place = first(gaz, name)
    assert place.is_admin1 and place.country_code == country


def test_county_and_parish_forms_are_second_level(gaz):
    for name, a1 in [("Laurel County", "KY"), ("Rapides Parish", "LA")]:
        place = first(gaz, name)
        assert place.feature_code == "ADM2" and place.country_code == "US"
        assert place.admin1_code == a1


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Paris, Texas", PARIS_TEXAS),
        ("Paris (Texas)", PARIS_TEXAS),
        ("Springfield, Ill.", SPRINGFIELD_IL),
        ("Springfield, Illinois", SPRINGFIELD_IL),
    ],
)
def test_qualified_names(gaz, name, expected):
    place = first(gaz, name)
    assert place.geonameid == expected[0]
    assert near(place, expected)


def test_qualifier_country_picks_the_country_reading(gaz):
    assert first(gaz, "Georgia (country)").country_code == "GE"
    assert first(gaz, "Georgia (country)").is_country
    assert first(gaz, "Paris, France").country_code == "FR"


@pytest.mark.parametrize(
    "name, check",
    [
        ("U.S.", lambda p: p.is_country and p.country_code == "US"),
        ("USA", lambda p: p.is_country and p.country_code == "US"),
        ("UK", lambda p: p.is_country and p.country_code == "GB"),
        ("U.K.", lambda p: p.is_country and p.country_code == "GB"),
        ("D.C.", lambda p: near(p, WASHINGTON_DC)),
        ("W.Va.", lambda p: p.geonameid == WEST_VIRGINIA[0]),
        ("Calif.", lambda p: p.is_admin1 and p.admin1_code == "CA"),
        ("Ill.", lambda p: p.is_admin1 and p.admin1_code == "IL"),
        ("Mass.", lambda p: p.is_admin1 and p.admin1_code == "MA"),
        ("B.C.", lambda p: p.is_admin1 and p.country_code == "CA"),
        ("NSW", lambda p: p.is_admin1 and p.country_code == "AU"),
        ("Ky.", lambda p: p.is_admin1 and p.admin1_code == "KY"),
        ("Pa.", lambda p: p.is_admin1 and p.admin1_code == "PA"),
        ("Ga.", lambda p: p.is_admin1 and p.admin1_code == "GA"),
        ("Md.", lambda p: p.is_admin1 and p.admin1_code == "MD"),
    ],
)
def test_abbreviations(gaz, name, check):
    place = first(gaz, name)
    assert check(place), (name, place)


def test_unknown_and_empty_names_give_no_candidates(gaz):
    assert gaz.lookup("Qwzxvblorp") == []
    assert gaz.lookup("") == []
    assert gaz.lookup("   ") == []


def test_country_filter_and_limit(gaz):
    found = gaz.lookup("Paris", country="us", limit=3)
    assert 1 <= len(found) <= 3
    assert all(p.country_code == "US" for p in found)
    assert gaz.lookup("Kyiv", country="FR") == []


# ---------------------------------------------------------------- default ranking
def test_country_before_first_level_division(gaz):
    found = gaz.lookup("Georgia")
    assert found[0].is_country and found[0].country_code == "GE"
    assert any(p.is_admin1 and p.country_code == "US" and p.admin1_code == "GA" for p in found)


def test_washington_gives_both_readings_first(gaz):
    top = gaz.lookup("Washington", limit=2)
    kinds = {(p.feature_code, p.admin1_code) for p in top}
    assert kinds == {("PPLC", "DC"), ("ADM1", "WA")}


def test_division_before_capital_before_seat_regardless_of_population(gaz):
    # Victoria: the Australian state, then the capital of the Seychelles (23,000 people),
    # then the capital of British Columbia (290,000 people, a division seat).
    found = gaz.lookup("Victoria", limit=10)
    state = next(i for i, p in enumerate(found) if p.is_admin1 and p.country_code == "AU")
    capital = next(i for i, p in enumerate(found) if p.feature_code == "PPLC")
    seat = next(
        i for i, p in enumerate(found) if p.feature_code == "PPLA" and p.country_code == "CA"
    )
    assert state < capital < seat
    assert found[capital].country_code == "SC"
    assert found[capital].population < found[seat].population
    assert all(p.is_admin1 for p in found[:capital])


def test_country_before_small_town_of_the_same_name(gaz):
    found = gaz.lookup("Poland")
    assert found[0].is_country
    assert any(p.feature_class == "P" and p.country_code == "US" for p in found[1:])


def test_scores_decrease_with_rank(gaz):
    found = gaz.lookup("Springfield", limit=10)
    scores = [p.score for p in found]
    assert len(found) >= 5
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0


def test_place_fields(gaz):
    kyiv = first(gaz, "Kiev")
    assert kyiv.name == "Kyiv" and kyiv.feature_class == "P" and kyiv.feature_code == "PPLC"
    assert kyiv.country_code == "UA" and kyiv.admin1_code and kyiv.admin1_name
    assert kyiv.population > 2_000_000
    assert kyiv.matched == "kiev"
    assert kyiv.source
    assert kyiv.precision == "city"
    assert first(gaz, "Alaska").precision == "admin1"
    assert first(gaz, "Poland").precision == "country"


# ---------------------------------------------------------------- ids and space
def test_get_by_geonameid(gaz):
    place = gaz.get(KYIV[0])
    assert place is not None and place.name == "Kyiv" and near(place, KYIV, 1.0)
    assert gaz.get(6252001).is_country
    assert gaz.get(999_999_999) is None


def test_get_returns_what_lookup_returned(gaz):
    for name in ["Tiananmen Square", "Red Sea", "Laurel County", "Europe"]:
        place = first(gaz, name)
        again = gaz.get(place.geonameid)
        assert again is not None and again.name == place.name
        assert (again.lat, again.lon) == (place.lat, place.lon)


def test_reverse_gives_the_nearest_populated_place(gaz):
    place = gaz.reverse(50.4501, 30.5234)
    assert place.feature_class == "P" and place.country_code == "UA"
    assert km(place.lat, place.lon, 50.4501, 30.5234) < 5
    far = gaz.reverse(0.0, -160.0)  # mid-Pacific: still the nearest place, however far
    assert far is not None and far.feature_class == "P"


def test_reverse_of_a_city_point_finds_that_city_or_its_neighbourhood(gaz):
    for expected in (PARIS_TEXAS, PYONGYANG, SPRINGFIELD_IL):
        place = gaz.reverse(expected[1], expected[2])
        assert km(place.lat, place.lon, expected[1], expected[2]) < 3


@pytest.mark.parametrize(
    "lat, lon, code",
    [
        (50.45, 30.52, "UA"),
        (48.85, 2.35, "FR"),
        (39.03, 125.75, "KP"),
        (-33.86, 151.2, "AU"),
        (38.9, -77.03, "US"),
        (0.0, -160.0, None),  # Pacific
        (36.0, -40.0, None),  # Atlantic
        (20.3, 38.5, None),  # Red Sea
    ],
)
def test_country_at(gaz, lat, lon, code):
    assert gaz.country_at(lat, lon) == code


# ---------------------------------------------------------------- custom gazetteers
def test_add_one_entry_with_alternate_names():
    gaz = Gazetteer()
    added = gaz.add(
        Place(0, "Zolotarivka Ferry Landing", 49.1, 33.2, "S", "LDNG", "UA"),
        ["Zolotarivka Landing"],
    )
    assert added.geonameid < 0
    assert gaz.lookup("zolotarivka ferry landing")[0].geonameid == added.geonameid
    assert gaz.lookup("Zolotarivka Landing")[0].geonameid == added.geonameid
    assert gaz.get(added.geonameid).name == "Zolotarivka Ferry Landing"
    assert gaz.has_name("Zolotarivka Landing")
    # The bundled entries are still there.
    assert gaz.lookup("Kyiv")[0].geonameid == KYIV[0]


def test_added_entry_is_not_credited_to_geonames():
    gaz = Gazetteer()
    added = gaz.add(Place(0, "Zolotarivka Ferry Landing", 49.1, 33.2, "S", "LDNG", "UA"))
    assert added.source != "geonames"


def test_load_tsv(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(
        "name\tlat\tlon\talternate_names\tcountry_code\tfeature_code\tpopulation\n"
        "Camp Quellbrook\t52.1\t13.2\tQuellbrook|Quellbrook Camp\tde\tCMP\t1200\n"
        "Mirnaya Farm\t47.9\t35.1\t\tUA\tFRM\t\n",
        encoding="utf-8",
    )
    gaz = Gazetteer()
    assert gaz.load(path) == 2
    camp = gaz.lookup("Quellbrook")[0]
    assert camp.name == "Camp Quellbrook" and camp.country_code == "DE"
    assert (camp.lat, camp.lon) == (52.1, 13.2) and camp.population == 1200
    assert "mine.tsv" in camp.source
    assert gaz.lookup("MIRNAYA FARM")[0].feature_code == "FRM"


def test_load_geojson(tmp_path):
    path = tmp_path / "mine.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [-84.2, 37.3]},
                        "properties": {
                            "name": "Quillhaven Creek Shelter",
                            "alternate_names": ["Quillhaven Creek"],
                            "country_code": "US",
                            "admin1_code": "KY",
                            "geonameid": 99000001,
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    gaz = Gazetteer()
    assert gaz.load(path) == 1
    place = gaz.lookup("Quillhaven Creek")[0]
    assert place.geonameid == 99000001 and (place.lat, place.lon) == (37.3, -84.2)
    assert gaz.get(99000001).name == "Quillhaven Creek Shelter"


def test_custom_entries_do_not_leak_into_other_instances(tmp_path):
    gaz = Gazetteer()
    gaz.add(Place(0, "Brindlewick Quarry", 51.0, 0.0, "S", "MNQR", "GB"))
    assert gaz.lookup("Brindlewick Quarry")
    assert default_gazetteer().lookup("Brindlewick Quarry") == []


@pytest.mark.parametrize(
    "filename, content",
    [
        ("no_name.tsv", "name\tlat\tlon\n\t50\t30\n"),
        ("bad_lat.tsv", "name\tlat\tlon\nSomewhere\tnorth\t30\n"),
        ("no_lon.tsv", "name\tlat\nSomewhere\t50\n"),
        ("out_of_range.tsv", "name\tlat\tlon\nSomewhere\t95\t30\n"),
        ("broken.geojson", '{"type": "FeatureCollection", "features": ['),
        (
            "polygon.geojson",
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"name": "A field"},
                            "geometry": {
                                "type": "Polygon",
                                "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]],
                            },
                        }
                    ],
                }
            ),
        ),
    ],
)
def test_load_bad_files_raise_value_error(tmp_path, filename, content):
    path = tmp_path / filename
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        Gazetteer().load(path)
    assert "\n" not in str(info.value).strip()


# ---------------------------------------------------------------- geopy interface
@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_geocoder_is_a_geopy_geocoder():
    assert issubclass(GeoNamesOffline, Geocoder)
    assert isinstance(GeoNamesOffline(), Geocoder)


def test_geocode_exactly_one(no_network):
    geocoder = GeoNamesOffline()
    loc = geocoder.geocode("Kyiv")
    assert isinstance(loc, Location)
    assert km(loc.latitude, loc.longitude, KYIV[1], KYIV[2]) < 1
    assert loc.raw["geonameid"] == KYIV[0] and loc.raw["country_code"] == "UA"
    assert "Kyiv" in loc.address
    assert tuple(loc.point)[:2] == (loc.latitude, loc.longitude)


def test_geocode_many(no_network):
    locs = GeoNamesOffline().geocode("Springfield", exactly_one=False, limit=5)
    assert isinstance(locs, list) and 1 < len(locs) <= 5
    assert all(isinstance(loc, Location) for loc in locs)
    assert len({loc.raw["geonameid"] for loc in locs}) == len(locs)


def test_geocode_unknown_is_none(no_network):
    assert GeoNamesOffline().geocode("Qwzxvblorp") is None


def test_geocode_with_a_custom_gazetteer(no_network):
    gaz = Gazetteer()
    gaz.add(Place(0, "Tarnwell Depot", 48.0, 37.0, "S", "DEPO", "UA"))
    loc = GeoNamesOffline(gazetteer=gaz).geocode("Tarnwell Depot")
    assert (loc.latitude, loc.longitude) == (48.0, 37.0)


def test_reverse_from_string_tuple_and_point(no_network):
    from geopy.point import Point

    geocoder = GeoNamesOffline()
    for query in ("39.80172, -89.64371", (39.80172, -89.64371), Point(39.80172, -89.64371)):
        loc = geocoder.reverse(query)
        assert isinstance(loc, Location)
        assert loc.raw["country_code"] == "US"
        assert km(loc.latitude, loc.longitude, SPRINGFIELD_IL[1], SPRINGFIELD_IL[2]) < 3
    many = geocoder.reverse("50.45, 30.52", exactly_one=False)
    assert isinstance(many, list) and isinstance(many[0], Location)


def test_no_network_guard_is_real(no_network):
    with pytest.raises(AssertionError):
        socket.create_connection(("example.org", 80))


# ---------------------------------------------------------------- robustness
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_lookup_never_raises_on_any_text(gaz, name):
    found = gaz.lookup(name, limit=3)
    assert isinstance(found, list) and len(found) <= 3
    assert all(isinstance(p, Place) for p in found)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.floats(-90, 90), st.floats(-180, 180))
def test_reverse_and_country_at_anywhere(gaz, lat, lon):
    place = gaz.reverse(lat, lon)
    assert place is not None and place.feature_class == "P"
    code = gaz.country_at(lat, lon)
    assert code is None or (len(code) == 2 and code.isupper())


def test_lookups_from_many_threads_agree(gaz):
    from concurrent.futures import ThreadPoolExecutor

    names = ["Kyiv", "Kiev", "Paris, Texas", "W.Va.", "Georgia", "Laurel County", "Red Sea"] * 20
    expected = [[p.geonameid for p in Gazetteer().lookup(n)] for n in names]
    fresh = Gazetteer()
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda n: [p.geonameid for p in fresh.lookup(n)], names))
    assert got == expected
