"""The seed articles through the real pipeline, checked against ../shared/seeds/gold.json.

Every event marked required must be found with its type (or one of its also_types) at its
location (or one of also_accept) within the gold tolerance; no event may sit at a place listed
in no_event_at. Skipped when the shared folder is absent.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD = SHARED / "seeds" / "gold.json"

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared/seeds/gold.json not found")

# Tolerances of gold.json's "about": 25 km cities, 5 km landmarks (or the city around them),
# 250 km first-level divisions, the country itself for countries.
TOLERANCE_KM = {"capital city": 25.0, "city": 25.0, "landmark": 25.0, "first-level division": 250.0}


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742.0 * math.asin(math.sqrt(a))


def _at(event, gold_place: dict) -> bool:
    loc = event.location
    if loc is None or loc.place is None:
        return False
    if gold_place["kind"] == "country":
        return loc.place.country_code == gold_place["country"]
    limit = TOLERANCE_KM.get(gold_place["kind"], 25.0)
    return _km(loc.place.lat, loc.place.lon, gold_place["lat"], gold_place["lon"]) <= limit


@pytest.fixture(scope="module")
def parsed():
    from geoevents.pipeline import parse

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    docs = {}
    for name in gold["docs"]:
        path = REPO / "seeds" / name
        if not path.exists():
            path = SHARED / "seeds" / name
        docs[name] = parse(path.read_text(encoding="utf-8"), id=name)
    return gold, docs


def _required(gold: dict) -> list[tuple[str, dict]]:
    return [(n, e) for n, d in gold["docs"].items() for e in d["events"] if e.get("required")]


def test_every_required_event_is_found_with_type_and_place(parsed):
    gold, docs = parsed
    places = gold["places"]
    missing = []
    for name, want in _required(gold):
        types = {want["type"], *want.get("also_types", [])}
        accept = [want["location"], *want.get("also_accept", [])]
        hits = [
            e
            for e in docs[name].events
            if e.event_type in types and any(_at(e, places[k]) for k in accept)
        ]
        if not hits:
            missing.append(want["id"])
    assert not missing, f"required events not found: {missing}"
    assert len(_required(gold)) >= 9


def test_no_event_at_places_that_are_only_actors(parsed):
    gold, docs = parsed
    for name, doc in gold["docs"].items():
        for key in doc["no_event_at"]:
            bad = [e.trigger for e in docs[name].events if _at(e, gold["places"][key])]
            assert not bad, f"{name}: events placed at {key}: {bad}"


def test_seed_events_carry_actors_evidence_and_scores(parsed):
    _, docs = parsed
    events = [e for d in docs.values() for e in d.events]
    assert events
    for e in events:
        assert e.trigger == docs_text(docs, e)[e.trigger_start : e.trigger_end]
        assert e.evidence and e.trigger in e.evidence or e.trigger in e.sentence
        assert 0.0 <= e.score <= 1.0
        assert e.location_role in ("occurred", "proposed", "")
        assert (e.location is None) == (e.location_role == "")
    codes = {e.actor_country for e in events if e.actor_country}
    assert {"RUS", "UKR", "PRK"} <= codes


def docs_text(docs: dict, event) -> str:
    """The text of the document holding `event`."""
    return next(d.text for d in docs.values() if event in d.events)
