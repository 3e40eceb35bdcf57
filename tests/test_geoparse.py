"""Geoparsing sentences written for these tests: recognition, resolution in context, roles,
the given-spans mode and bad input."""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geoevents.geoparse import geoparse
from geoevents.mention import Mention

KYIV = 703448


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def by_text(text: str) -> dict[str, Mention]:
    """Mentions keyed by their surface text (the first of each)."""
    out: dict[str, Mention] = {}
    for m in geoparse(text):
        assert text[m.start : m.end] == m.text
        out.setdefault(m.text, m)
    return out


def surfaces(text: str) -> list[str]:
    return [m.text for m in geoparse(text)]


# ---------------------------------------------------------------- recognition
def test_multiword_names():
    found = by_text("Officials met in San Francisco and later flew to New York City.")
    assert set(found) == {"San Francisco", "New York City"}
    assert found["San Francisco"].place.admin1_code == "CA"
    assert found["New York City"].place.admin1_code == "NY"


def test_multiword_names_with_connectors():
    text = "The Democratic Republic of the Congo and Rwanda signed an accord in Addis Ababa."
    found = by_text(text)
    assert found["Democratic Republic of the Congo"].place.country_code == "CD"
    assert found["Rwanda"].place.country_code == "RW"
    assert found["Addis Ababa"].place.country_code == "ET"


def test_multiword_division_names():
    found = by_text("Residents of New South Wales and Western Australia were told to stay home.")
    assert set(found) == {"New South Wales", "Western Australia"}
    assert all(m.place.is_admin1 and m.place.country_code == "AU" for m in found.values())


def test_possessive_then_division():
    text = "Russia's Kursk region was hit by drones overnight."
    found = by_text(text)
    assert found["Russia"].place.country_code == "RU"
    assert (found["Russia"].start, found["Russia"].end) == (0, 6)
    kursk = found["Kursk region"]
    assert kursk.place.is_admin1 and kursk.place.geonameid == 538555
    assert kursk.role == "place"


def test_two_possessive_divisions_in_one_sentence():
    text = "Troops crossed from Russia's Belgorod region into Ukraine's Kharkiv region."
    found = by_text(text)
    assert found["Belgorod region"].place.is_admin1
    assert found["Belgorod region"].place.country_code == "RU"
    assert found["Kharkiv region"].place.is_admin1
    assert found["Kharkiv region"].place.country_code == "UA"


@pytest.mark.parametrize(
    "text, codes",
    [
        ("Power cuts hit western and central Ukraine on Tuesday.", {"UA"}),
        (
            "Fighting raged in eastern and southern Ukraine and in northern and central Syria.",
            {"UA", "SY"},
        ),
    ],
)
def test_coordinated_regions(text, codes):
    mentions = geoparse(text)
    assert {m.place.country_code for m in mentions if m.place} == codes
    assert all("Ukraine" in m.text or "Syria" in m.text for m in mentions)


def test_lower_case_text():
    text = (
        "officials in kyiv said that poland had closed its airspace near the border with "
        "belarus after drones crossed from ukraine."
    )
    found = by_text(text)
    assert set(found) == {"kyiv", "poland", "belarus", "ukraine"}
    assert found["kyiv"].place.geonameid == KYIV
    assert found["poland"].place.country_code == "PL"
    assert found["belarus"].place.country_code == "BY"


def test_lower_case_common_words_are_not_places():
    text = (
        "he took a bath while reading about mobile phones, which is the theme of a nice "
        "hotel near the beach."
    )
    assert surfaces(text) == []


def test_lower_case_plain_nouns_are_not_places():
    text = "the boat sank in the sea near the port and the crew swam to the shore in the dark."
    assert surfaces(text) == []


ALL_CAPS = "OFFICIALS IN KYIV SAID THE ATTACK ON LVIV KILLED TWO PEOPLE AND THAT POLAND HAD CLOSED."


def test_all_caps_text_finds_the_places():
    found = by_text(ALL_CAPS)
    assert found["KYIV"].place.geonameid == KYIV
    assert found["LVIV"].place.country_code == "UA"
    assert found["POLAND"].place.country_code == "PL"


def test_all_caps_text_has_no_false_positives():
    assert sorted(surfaces(ALL_CAPS)) == ["KYIV", "LVIV", "POLAND"]


@pytest.mark.parametrize(
    "text, place",
    [
        ("Jordan Peterson spoke at a university in Toronto.", "Toronto"),
        ("The Washington Post reported that the talks in Geneva failed.", "Geneva"),
        ("Paris Hilton arrived in Berlin for the show.", "Berlin"),
        ("Chelsea FC beat a side from Madrid.", "Madrid"),
    ],
)
def test_people_and_organisations_named_after_places(text, place):
    assert surfaces(text) == [place]


def test_false_friends_together_keep_the_real_place():
    text = (
        "Jordan Peterson and Paris Hilton met a Washington Post editor at a Chelsea FC "
        "match in London."
    )
    found = by_text(text)
    assert set(found) == {"London"}
    assert found["London"].place.country_code == "GB"


def test_a_place_next_to_a_false_friend():
    found = by_text("Washington Post reporters travelled to Amman, Jordan, last week.")
    assert set(found) == {"Amman", "Jordan"}
    assert found["Jordan"].place.country_code == "JO"


@pytest.mark.parametrize(
    "text, place",
    [
        ("Mobile phones were banned in schools in Ohio.", "Ohio"),
        ("Reading the report, officials in Texas were alarmed.", "Texas"),
        ("Nice weather is expected across France this weekend.", "France"),
        ("Bath time is over, said the mayor of Chicago.", "Chicago"),
        ("Of the ten victims, three were from Lagos.", "Lagos"),
        ("Is this the end? Nobody in Nairobi knows.", "Nairobi"),
        ("Of course, the talks in Vienna ended without a deal.", "Vienna"),
    ],
)
def test_common_words_that_are_towns(text, place):
    assert surfaces(text) == [place]


def test_is_at_sentence_start_before_a_place():
    assert surfaces("Is Ankara ready for the summit? Diplomats in Brussels doubt it.") == [
        "Ankara",
        "Brussels",
    ]


@pytest.mark.parametrize(
    "text, name, code, admin1",
    [
        ("They spent the summer in Nice before returning to Lyon.", "Nice", "FR", None),
        ("The ferry from Mobile, Alabama, was delayed.", "Mobile", "US", "AL"),
    ],
)
def test_town_named_like_a_common_word_is_found_in_place_context(text, name, code, admin1):
    found = by_text(text)
    assert found[name].place.country_code == code
    if admin1:
        assert found[name].place.admin1_code == admin1


def test_sentence_initial_capitals_are_not_places():
    text = (
        "Police arrested two men on Monday. Officials in Lviv said the men had crossed from "
        "Poland. Soldiers later searched the area. Nobody was hurt."
    )
    assert surfaces(text) == ["Lviv", "Poland"]


# ---------------------------------------------------------------- demonyms
def test_demonyms_are_their_own_kind_resolved_to_their_country():
    found = by_text("Ukrainian officials said Chinese drones were found near American bases.")
    for word, code in [("Ukrainian", "UA"), ("Chinese", "CN"), ("American", "US")]:
        assert found[word].kind == "demonym", word
        assert found[word].place.is_country and found[word].place.country_code == code


def test_country_names_stay_toponyms_beside_demonyms():
    found = by_text("Russian troops withdrew from Ukraine while South Sudan held talks.")
    assert found["Russian"].kind == "demonym"
    assert found["Ukraine"].kind == "toponym"
    assert found["South Sudan"].kind == "toponym"
    assert found["South Sudan"].place.country_code == "SS"


# ---------------------------------------------------------------- datelines and qualifiers
def test_ap_dateline():
    text = "KYIV, Ukraine (AP) — Russia launched a massive attack overnight, officials said."
    found = by_text(text)
    assert found["KYIV"].place.geonameid == KYIV
    assert found["KYIV"].role == "place"
    assert found["Ukraine"].place.country_code == "UA"
    assert found["Russia"].place.country_code == "RU"


@pytest.mark.parametrize(
    "text, name, geonameid",
    [
        ("BEIJING, China (AP) — Officials said the parade went ahead.", "BEIJING", 1816670),
        ("WASHINGTON (Reuters) — The Senate passed the bill on Friday.", "WASHINGTON", 4140963),
    ],
)
def test_other_datelines(text, name, geonameid):
    assert by_text(text)[name].place.geonameid == geonameid


@pytest.mark.parametrize(
    "text, name, geonameid",
    [
        ("The festival in Paris, Texas drew thousands of visitors.", "Paris", 4717560),
        ("He was born in Springfield, Ill., in 1960.", "Springfield", 4250542),
        ("Officials in Georgia said Atlanta would host the talks.", "Georgia", 4197000),
    ],
)
def test_qualifiers_and_context_choose_the_reading(text, name, geonameid):
    assert by_text(text)[name].place.geonameid == geonameid


def test_qualified_place_reason_names_the_qualifier():
    m = by_text("The festival in Paris, Texas drew thousands of visitors.")["Paris"]
    assert "Texas" in m.reason
    assert m.alternatives and all(a.geonameid != m.place.geonameid for a in m.alternatives)


def test_georgia_the_country_beside_tbilisi():
    found = by_text("Officials in Georgia said Tbilisi would host the talks.")
    assert found["Georgia"].place.country_code == "GE"


# ---------------------------------------------------------------- one sense per document
def test_one_sense_per_document_near_a_parish():
    text = (
        "Police in Alexandria said the suspect fled toward Rapides Parish. Alexandria "
        "officials later confirmed the arrest. The Alexandria mayor thanked the deputies."
    )
    mentions = [m for m in geoparse(text) if m.text == "Alexandria"]
    assert len(mentions) == 3
    assert len({m.place.geonameid for m in mentions}) == 1
    place = mentions[0].place
    assert place.country_code == "US" and place.admin1_code == "LA"
    assert km(place.lat, place.lon, 31.31129, -92.44514) <= 25


def test_one_sense_per_document_in_egypt():
    text = (
        "Protesters gathered in Cairo and Alexandria on Friday. Police in Alexandria "
        "made arrests, and Alexandria residents said the port was closed."
    )
    mentions = [m for m in geoparse(text) if m.text == "Alexandria"]
    assert len(mentions) == 3
    assert {m.place.country_code for m in mentions} == {"EG"}
    assert len({m.place.geonameid for m in mentions}) == 1


def test_every_resolution_has_score_and_reason():
    for m in geoparse("Officials in Kyiv said drones hit Kharkiv and Odesa overnight."):
        assert m.place is not None
        assert 0.0 < m.score <= 1.0
        assert m.reason


@pytest.mark.parametrize(
    "text, name, point",
    [
        ("An attack on Kharkiv killed two people.", "Kharkiv", (49.98081, 36.25272)),
        ("Drones struck Kursk overnight, the mayor said.", "Kursk", (51.73733, 36.18735)),
    ],
)
def test_bare_city_name_is_the_city(text, name, point):
    place = by_text(text)[name].place
    assert km(place.lat, place.lon, *point) <= 25


# ---------------------------------------------------------------- roles
@pytest.mark.parametrize(
    "text, name, expected",
    [
        ("Moscow has repeatedly rejected such meetings.", "Moscow", "actor"),
        ("Officials reported a strike in Moscow on Sunday.", "Moscow", "place"),
        ("Pyongyang has supplied shells to Russia.", "Pyongyang", "actor"),
        ("Russia's Kursk region was hit by drones overnight.", "Kursk region", "place"),
        ("Drones were shot down over Kyiv on Monday.", "Kyiv", "place"),
        ("Kyiv has asked its allies for more air defence.", "Kyiv", "actor"),
    ],
)
def test_roles(text, name, expected):
    assert by_text(text)[name].role == expected


def test_demonyms_have_the_place_role():
    assert all(m.role == "place" for m in geoparse("Ukrainian and Polish officials met."))


# ---------------------------------------------------------------- given spans
GIVEN = "Fighting near Kyiv and in Qwzxvblorp; Moscow denied it, and Russia's army moved."


def span_of(word: str, text: str = GIVEN) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def test_given_spans_exactly_those_in_order():
    spans = [span_of("Moscow"), span_of("Kyiv"), span_of("Qwzxvblorp"), span_of("Russia's")]
    mentions = geoparse(GIVEN, spans=spans)
    assert [(m.start, m.end) for m in mentions] == spans
    assert [m.text for m in mentions] == ["Moscow", "Kyiv", "Qwzxvblorp", "Russia's"]
    assert mentions[0].place.country_code == "RU"
    assert mentions[1].place.geonameid == KYIV
    assert mentions[2].place is None and not mentions[2].resolved
    assert mentions[3].place.country_code == "RU"


def test_given_spans_repeats_and_empty_list():
    spans = [span_of("Kyiv"), span_of("Kyiv")]
    mentions = geoparse(GIVEN, spans=spans)
    assert len(mentions) == 2 and mentions[0] == mentions[1]
    assert geoparse(GIVEN, spans=[]) == ()


def test_given_span_that_the_recogniser_would_not_pick():
    text = "the meeting ended in springfield without a deal."
    mentions = geoparse(text, spans=[span_of("meeting", text), span_of("springfield", text)])
    assert len(mentions) == 2
    assert mentions[1].place is not None and mentions[1].place.country_code == "US"


def test_given_span_demonym():
    text = "Ukrainian officials met."
    (m,) = geoparse(text, spans=[(0, 9)])
    assert m.kind == "demonym" and m.place.country_code == "UA"


# ---------------------------------------------------------------- bad input
def test_empty_and_blank_text():
    assert geoparse("") == ()
    assert geoparse("   \n\t ") == ()
    assert geoparse("no places at all here.") == ()


@pytest.mark.parametrize("bad", [b"Kyiv is a city", bytearray(b"Kyiv"), None, 42, ["Kyiv"]])
def test_non_text_raises_type_error(bad):
    with pytest.raises(TypeError):
        geoparse(bad)


@pytest.mark.parametrize("span", [(-1, 4), (0, 10_000), (5, 5), (8, 3)])
def test_spans_outside_the_text_raise_value_error(span):
    with pytest.raises(ValueError):
        geoparse("Kyiv is a city in Ukraine.", spans=[span])


def test_control_characters_and_odd_unicode():
    text = "Officials\x00 in Kyiv\u200b said\ufeff drones hit Lviv \U0001f600 overnight."
    found = by_text(text)
    assert found["Lviv"].place.country_code == "UA"


def test_ten_megabytes_of_text_completes():
    paragraph = (
        "Officials in Kyiv said on Monday that the attack had damaged power lines in the "
        "region. The governor of the Kharkiv region said two people were hurt, and emergency "
        "crews worked through the night to restore heating to homes and schools. Talks in "
        "Geneva are expected to resume next week, a spokesman for the ministry said.\n"
    )
    text = paragraph * (10_000_000 // len(paragraph) + 1)
    assert len(text) >= 10_000_000
    t0 = time.perf_counter()
    mentions = geoparse(text)
    elapsed = time.perf_counter() - t0
    per = len(geoparse(paragraph))
    assert per >= 3
    assert len(mentions) == per * (len(text) // len(paragraph))
    assert mentions[-1].end <= len(text)
    print(f"10 MB geoparsed in {elapsed:.1f} s")


# ---------------------------------------------------------------- pipeline
def test_parse_returns_a_document_with_the_same_mentions():
    from geoevents.pipeline import parse

    text = "Officials in Kyiv said drones hit Kharkiv overnight; Moscow denied it."
    doc = parse(text, id="d1", date="2025-09-03", events=False)
    assert doc.id == "d1" and doc.date == "2025-09-03" and doc.text == text
    assert doc.mentions == geoparse(text)
    assert doc.events == ()
    given = parse(text, mentions=[(13, 17)], events=False)
    assert [(m.start, m.end) for m in given.mentions] == [(13, 17)]


def test_parse_rejects_non_text():
    from geoevents.pipeline import parse

    with pytest.raises(TypeError):
        parse(b"Kyiv")


# ---------------------------------------------------------------- properties
WORDS = (
    "Kyiv Moscow Paris Texas Georgia Washington Post Jordan Peterson Mobile Reading Nice Bath "
    "Of Is the in of and from said officials 's Russia's Kursk region , . — ( ) KYIV kyiv "
    "Ukrainian Chinese Alexandria Rapides Parish New York City Springfield Ill. W.Va. U.S."
).split()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.sampled_from([" ", "  ", "\n", "-"]))
def test_mentions_are_ordered_disjoint_and_match_the_text(words, sep):
    text = sep.join(words)
    mentions = geoparse(text)
    last_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= last_end
        assert text[m.start : m.end] == m.text
        assert m.kind in {"toponym", "demonym"} and m.role in {"place", "actor"}
        last_end = m.end
    # Resolving the recogniser's own spans gives the same places.
    again = geoparse(text, spans=[(m.start, m.end) for m in mentions])
    assert [(m.start, m.end) for m in again] == [(m.start, m.end) for m in mentions]
    assert [m.place and m.place.geonameid for m in again] == [
        m.place and m.place.geonameid for m in mentions
    ]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_handled(text):
    for m in geoparse(text):
        assert text[m.start : m.end] == m.text
