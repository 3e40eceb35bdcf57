"""Event extraction rules, each family on sentences written for these tests.

Mentions are built by hand from the real data classes (the geoparser is tested elsewhere), so
each test pins one rule: which place is where the event happened, who acted on whom, when.
"""

from __future__ import annotations

import pytest

from geoevents.event import Event
from geoevents.events import extract_events
from geoevents.events.dates import resolve_date
from geoevents.events.lexicon import iso3, load_triggers
from geoevents.events.quantities import find_quantities
from geoevents.events.text import split_sentences, tokenize
from geoevents.mention import Mention
from geoevents.place import Place

# Real places with their GeoNames feature codes; coordinates rounded.
PLACES = {
    "Vienna": ("PPLC", "AT", 48.21, 16.37),
    "Austria": ("PCLI", "AT", 47.33, 13.33),
    "Lyon": ("PPLA", "FR", 45.75, 4.85),
    "France": ("PCLI", "FR", 46.0, 2.0),
    "Paris": ("PPLC", "FR", 48.85, 2.35),
    "Tbilisi": ("PPLC", "GE", 41.69, 44.83),
    "Georgia": ("PCLI", "GE", 42.0, 43.5),
    "Kharkiv": ("PPLA", "UA", 49.98, 36.25),
    "Ukraine": ("PCLI", "UA", 49.0, 32.0),
    "Belgorod region": ("ADM1", "RU", 50.75, 37.5),
    "Russia": ("PCLI", "RU", 60.0, 100.0),
    "Moscow": ("PPLC", "RU", 55.75, 37.62),
    "Oslo": ("PPLC", "NO", 59.91, 10.75),
    "Norway": ("PCLI", "NO", 62.0, 10.0),
    "Bergen": ("PPLA", "NO", 60.39, 5.32),
    "Geneva": ("PPLA", "CH", 46.2, 6.14),
    "Mosul": ("PPLA", "IQ", 36.34, 43.13),
    "Erbil": ("PPLA", "IQ", 36.19, 44.01),
    "Canada": ("PCLI", "CA", 60.0, -96.0),
    "Chile": ("PCLI", "CL", -30.0, -71.0),
    "Santiago": ("PPLC", "CL", -33.46, -70.65),
    "Seoul": ("PPLC", "KR", 37.57, 126.98),
    "Helsinki": ("PPLC", "FI", 60.17, 24.94),
    "Finland": ("PCLI", "FI", 64.0, 26.0),
    "Estonia": ("PCLI", "EE", 59.0, 26.0),
    "Tallinn": ("PPLC", "EE", 59.44, 24.75),
    "Warsaw": ("PPLC", "PL", 52.23, 21.01),
}
DEMONYMS = {"Austrian": "AT", "Georgian": "GE", "Russian": "RU", "Ukrainian": "UA",
            "Norwegian": "NO", "Chilean": "CL", "Finnish": "FI", "Polish": "PL"}  # fmt: skip


def place(name: str) -> Place:
    code, cc, lat, lon = PLACES[name]
    fclass = "A" if code.startswith(("PCL", "ADM")) else "P"
    return Place(abs(hash(name)) % 10**7, name, lat, lon, fclass, code, cc)


def mentions(text: str, *names: str, actors: tuple[str, ...] = ()) -> tuple[Mention, ...]:
    """Mentions of every occurrence of `names` in `text` (demonyms resolved to countries)."""
    out = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if name in DEMONYMS:
                cc = DEMONYMS[name]
                country = next(n for n, v in PLACES.items() if v[1] == cc and v[0] == "PCLI")
                out.append(Mention(start, end, name, "demonym", "place", place(country)))
            else:
                role = "actor" if name in actors else "place"
                out.append(Mention(start, end, name, "toponym", role, place(name)))
            start = text.find(name, end)
    return tuple(sorted(out, key=lambda m: m.start))


def event_at(events: tuple[Event, ...], trigger: str) -> Event:
    """The event whose trigger text is `trigger` (exactly one expected)."""
    found = [e for e in events if e.trigger == trigger]
    assert len(found) == 1, [(e.trigger, e.event_type) for e in events]
    return found[0]


def where(text: str, trigger: str, *names: str, actors: tuple[str, ...] = ()) -> Event:
    """Given-trigger mode: the event for the first occurrence of `trigger`."""
    start = text.index(trigger)
    ms = mentions(text, *names, actors=actors)
    (ev,) = extract_events(text, ms, triggers=[(start, start + len(trigger))])
    return ev


# ---------------------------------------------------------------- sentences and tokens
def test_sentences_do_not_break_on_abbreviations_or_initials():
    text = "Gen. Ortiz met the U.S. envoy in Lima on Tuesday. John F. Smith left. Talks resume."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Gen. Ortiz met the U.S. envoy in Lima on Tuesday.",
        "John F. Smith left.",
        "Talks resume.",
    ]


def test_possessive_is_its_own_token():
    toks = [t.text for t in tokenize("Norway's coast and Chile’s north")]
    assert toks == ["Norway", "'s", "coast", "and", "Chile", "’s", "north"]


# ---------------------------------------------------------------- trigger lexicon
def test_trigger_types_modes_and_cameo_codes():
    text = "Rebels shelled the outskirts of Kharkiv and protesters marched through Geneva."
    events = extract_events(text, mentions(text, "Kharkiv", "Geneva"))
    shelled = event_at(events, "shelled")
    assert (shelled.event_type, shelled.mode, shelled.cameo) == ("ASSAULT", "heavy-weapons", "194")
    marched = event_at(events, "marched")
    assert marched.event_type == "PROTEST" and marched.cameo.startswith("14")


def test_multiword_triggers_win_over_single_words():
    text = "Militants blew up a bridge near Mosul."
    ev = event_at(extract_events(text, mentions(text, "Mosul")), "blew up")
    assert ev.event_type == "ASSAULT" and ev.mode == "explosives"


def test_blockers_and_negation():
    text = "According to the mayor, the army did not attack Erbil."
    events = extract_events(text, mentions(text, "Erbil"))
    assert not any(e.trigger.lower().startswith("accord") for e in events)
    assert not any(e.event_type == "ASSAULT" for e in events)


def test_noun_use_of_a_trigger_after_a_determiner():
    lex = load_triggers()
    assert lex.get("strike")["noun"].event_type == "ASSAULT"
    text = "The strike on Kharkiv lasted hours."
    ev = event_at(extract_events(text, mentions(text, "Kharkiv")), "strike")
    assert ev.location is not None and ev.location.text == "Kharkiv"


def test_context_override_makes_a_labour_strike_a_protest():
    text = "Teachers in Santiago began a general strike over pay."
    ev = event_at(extract_events(text, mentions(text, "Santiago")), "strike")
    assert ev.event_type == "PROTEST" and ev.mode == "boycott"


def test_user_lexicon_files_extend_and_block(tmp_path):
    import shutil

    from geoevents.events.lexicon import DATA_DIR

    for f in DATA_DIR.iterdir():
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "triggers_user.tsv").write_text(
        "phrase\tpos\tevent_type\tmode\tcameo\tforms\n"
        "torch\tverb\t\t\t1712\t\n"  # type taken from the CAMEO code
        "attack\tverb\t-\t\t\t\n",
        encoding="utf-8",
    )
    lex = load_triggers(tmp_path)
    assert lex.get("torched")["verb"].event_type == "ASSAULT"
    assert lex.get("attacked")["verb"].event_type == ""  # a blocker
    assert lex.lookup("attacked") is None


# ---------------------------------------------------------------- intent, refusal, demand
def test_promised_cooperation_is_agree_and_refused_cooperation_is_reject():
    text = "Norway will send aid to Chile. Chile refused to meet Norwegian envoys."
    events = extract_events(text, mentions(text, "Norway", "Chile", "Norwegian"))
    assert event_at(events, "send").event_type == "AGREE"
    assert event_at(events, "meet").event_type == "REJECT"


def test_threatened_force_is_threaten_and_a_demand_is_request():
    text = "Georgia threatened to bomb the depots. Austria said Georgia must release the crew."
    events = extract_events(text, mentions(text, "Georgia", "Austria"))
    assert event_at(events, "bomb").event_type == "THREATEN"
    assert event_at(events, "release").event_type == "REQUEST"


# ---------------------------------------------------------------- actors and targets
def test_demonym_and_country_actors_with_iso3_codes():
    text = "Finnish border guards detained two Estonian fishermen."
    ms = mentions(text, "Finnish") + (
        Mention(text.index("Estonian"), text.index("Estonian") + 8, "Estonian", "demonym",
                "place", place("Estonia")),
    )  # fmt: skip
    ev = event_at(extract_events(text, ms), "detained")
    assert (ev.actor_country, ev.target_country) == ("FIN", "EST")
    assert ev.actor.startswith("Finnish border guards")


def test_capital_used_as_actor_is_a_source_not_a_location():
    text = "Moscow has repeatedly rejected such talks."
    ev = event_at(extract_events(text, mentions(text, "Moscow", actors=("Moscow",))), "rejected")
    assert ev.actor_country == "RUS"
    assert ev.location is None


def test_actor_list_with_years_of_office():
    text = "Trump criticized Macron on trade."
    ev = event_at(extract_events(text, (), date="2019-06-01"), "criticized")
    assert (ev.actor_country, ev.target_country) == ("USA", "FRA")
    later = event_at(extract_events("Zelensky urged Tusk to act.", (), date="2025-01-01"), "urged")
    assert (later.actor_country, later.target_country) == ("UKR", "POL")


def test_passive_agent_after_by():
    text = "Two Chilean sailors were detained by Norwegian police in Bergen."
    ev = event_at(
        extract_events(text, mentions(text, "Chilean", "Norwegian", "Bergen")), "detained"
    )
    assert ev.actor_country == "NOR" and ev.target_country == "CHL"
    assert ev.location.text == "Bergen"


def test_international_bodies_are_coded_igo():
    text = "NATO condemned the attack."
    assert event_at(extract_events(text, ()), "condemned").actor_country == "IGO"


def test_iso_alpha2_to_alpha3():
    assert (iso3("PS"), iso3("KP"), iso3("no")) == ("PSE", "PRK", "NOR")
    assert iso3("") == ""


# ---------------------------------------------------------------- event-location linking
def test_preposition_after_the_trigger():
    text = "Police arrested six men in Lyon, France."
    ev = where(text, "arrested", "Lyon", "France")
    assert ev.location.text == "Lyon"  # the most specific of "Lyon, France"
    assert ev.precision == "city" and ev.location_role == "occurred"


def test_possessive_chain_picks_the_division():
    text = "Drones hit fuel depots in Russia's Belgorod region overnight."
    ev = where(text, "hit", "Russia", "Belgorod region")
    assert ev.location.text == "Belgorod region" and ev.precision == "admin1"


def test_place_in_a_containing_place():
    text = "A car bomb exploded near a market in Mosul in northern Iraq's Nineveh area."
    ev = where(text, "exploded", "Mosul")
    assert ev.location.text == "Mosul"


def test_place_modifying_the_trigger_noun():
    text = "Officials prepared for their Helsinki summit with Estonia."
    ev = where(text, "summit", "Helsinki", "Estonia")
    assert ev.location.text == "Helsinki"


def test_direct_object_of_a_place_taking_verb():
    text = "Government troops stormed Erbil at dawn."
    assert where(text, "stormed", "Erbil").location.text == "Erbil"


def test_destination_of_supplies_is_where_they_arrive():
    text = "Oslo has shipped tents and blankets to the Georgian capital Tbilisi."
    ev = where(text, "shipped", "Oslo", "Georgian", "Tbilisi")
    assert ev.location.text == "Tbilisi"


def test_actor_place_before_the_trigger_is_not_a_location():
    text = "Helsinki has repeatedly criticized the plan."
    assert where(text, "criticized", "Helsinki").location is None


def test_proposed_destination_versus_where_the_offer_was_made():
    text = "The minister invited his Chilean counterpart to Oslo during a visit to Warsaw."
    ev = where(text, "invited", "Chilean", "Oslo", "Warsaw")
    assert ev.location.text == "Warsaw" and ev.location_role == "occurred"
    text2 = "If the talks go well, let them come to Vienna, the envoy said of the meeting."
    ev2 = where(text2, "come", "Vienna")
    assert ev2.location.text == "Vienna" and ev2.location_role == "proposed"


def test_where_clause_points_back_to_the_place():
    text = "Supplies reached Kharkiv, where militias later clashed with police."
    ev = where(text, "clashed", "Kharkiv")
    assert ev.location.text == "Kharkiv"


def test_reference_point_loses_to_the_named_village():
    text = "Gunmen killed three farmers in Tallinn, 40 km north of Helsinki."
    assert where(text, "killed", "Tallinn", "Helsinki").location.text == "Tallinn"


def test_fronted_place_covers_the_clause():
    text = "In Bergen, masked men set fire to two cars on Friday."
    assert where(text, "set fire", "Bergen").location.text == "Bergen"


def test_country_used_as_adjective_is_not_the_place():
    text = "Two fighters died in a Russian-backed raid near Kharkiv after a Canada embassy warning."
    ev = where(text, "died", "Kharkiv", "Canada")
    assert ev.location.text == "Kharkiv"


def test_no_place_no_location_and_demonyms_are_never_locations():
    text = "Norwegian officials said the talks collapsed."
    assert where(text, "collapsed", "Norwegian").location is None


def test_unresolved_place_after_a_location_cue_is_a_candidate():
    text = "Soldiers shelled the village of Qaryat Zor on Monday."
    ev = where(text, "shelled")
    assert ev.location is not None and ev.location.text == "Qaryat Zor"
    assert ev.location.place is None and ev.precision == ""


def test_the_capital_refers_back_to_the_last_named_capital():
    text = "Missiles were fired at Seoul. Later, drones struck the capital again."
    ms = (Mention(text.index("Seoul"), text.index("Seoul") + 5, "Seoul", place=place("Seoul")),)
    ev = event_at(extract_events(text, ms), "struck")
    assert ev.location.text == "the capital" and ev.location.place.name == "Seoul"


# ---------------------------------------------------------------- dates
@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Drones attacked the port overnight.", ("2024-03-14", "day")),
        ("Police raided the office on Monday.", ("2024-03-11", "day")),
        ("The deal was signed last year.", ("2023", "year")),
        ("The war began in 2014.", ("2014", "year")),
        ("Troops left on 2 February.", ("2024-02-02", "day")),
        ("Troops left on December 30.", ("2023-12-30", "day")),
        ("They met in January.", ("2024-01", "month")),
        ("Talks happened yesterday.", ("2024-03-13", "day")),
        ("They may go soon.", (None, "")),
    ],
)
def test_dates_resolved_from_the_article_date(sentence, expected):
    assert resolve_date(sentence, "2024-03-14") == expected  # a Thursday


def test_relative_dates_need_an_article_date():
    assert resolve_date("They struck on Monday.", None) == (None, "")
    assert resolve_date("They struck in 2019.", None) == ("2019", "year")


# ---------------------------------------------------------------- quantities
def test_quantities_of_a_sentence():
    q = find_quantities(
        "Rebels fired about 40 rockets and mortars, wounding at least seven soldiers in 2021."
    )
    assert q == ("about 40 rockets and mortars", "at least seven soldiers")
    assert find_quantities("He served for 10 years.") == ()


# ---------------------------------------------------------------- coreference, duplicates
def test_a_later_definite_mention_joins_the_first_event():
    text = (
        "Drones attacked Kharkiv on Monday. The attack damaged a school. Another attack hit Oslo."
    )
    events = extract_events(text, mentions(text, "Kharkiv", "Oslo"), date="2024-03-14")
    attacks = [e for e in events if e.trigger in ("attacked", "attack")]
    assert [e.trigger for e in attacks] == ["attacked", "attack"]  # "Another attack" is new
    assert attacks[0].location.text == "Kharkiv" and attacks[1].location.text == "Oslo"


def test_shot_and_killed_is_one_event_with_its_evidence():
    text = "A gunman shot and killed two guards outside Geneva station."
    events = extract_events(text, mentions(text, "Geneva"))
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert len(assault) == 1 and assault[0].location.text == "Geneva"
    assert "shot and killed" in assault[0].evidence
    assert assault[0].quantities == ("two guards",)


def test_several_events_in_one_sentence_each_with_its_place():
    text = "Protesters rallied in Vienna while troops shelled positions near Kharkiv."
    events = extract_events(text, mentions(text, "Vienna", "Kharkiv"))
    assert event_at(events, "rallied").location.text == "Vienna"
    assert event_at(events, "shelled").location.text == "Kharkiv"


# ---------------------------------------------------------------- given triggers, errors
def test_given_triggers_one_event_each_in_order():
    text = "Crowds gathered in Paris and then zigzagged toward Lyon."
    spans = [(text.index("zigzagged"), text.index("zigzagged") + 9), (7, 15)]
    events = extract_events(text, mentions(text, "Paris", "Lyon"), triggers=spans)
    assert [e.trigger for e in events] == ["zigzagged", "gathered"]
    assert events[0].event_type == ""  # unknown to the lexicon, still located
    assert events[1].location.text == "Paris"
    assert all(0.0 <= e.score <= 1.0 for e in events)


def test_bad_input_is_a_clear_error():
    with pytest.raises(ValueError, match="outside the text"):
        extract_events("short", (), triggers=[(3, 99)])
    with pytest.raises(ValueError, match="string"):
        extract_events(None, ())  # type: ignore[arg-type]
    assert extract_events("", ()) == ()
