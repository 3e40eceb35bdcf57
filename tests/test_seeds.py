"""Issue 3's Done-when on the two seed articles, scored against ../shared/seeds/gold.json."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from geoevents.geoparse import geoparse
from geoevents.mention import Mention

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
GOLD = SEEDS / "gold.json"

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared/seeds/gold.json absent")

ROLE_AGREEMENT = 0.90


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def resolved_right(mention: Mention, gold: dict) -> tuple[bool, str]:
    """Whether a mention's place matches a gold place under the tolerance for its kind."""
    place = mention.place
    if place is None:
        return False, "unresolved"
    kind = gold["kind"]
    dist = km(place.lat, place.lon, gold["lat"], gold["lon"])
    if kind == "country":
        return place.is_country and place.country_code == gold["country"], place.country_code
    if "division" in kind:
        return dist <= 250.0, f"{dist:.0f} km"
    if kind == "landmark":
        return dist <= 5.0, f"{dist:.1f} km"
    if "city" in kind:
        return dist <= 25.0, f"{dist:.1f} km"
    raise AssertionError(f"gold kind {kind!r} has no tolerance in this test")


@pytest.fixture(scope="module")
def scored() -> list[dict]:
    """One record per gold mention: found?, resolved right?, role right?"""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    out = []
    for doc, annotation in gold["docs"].items():
        text = (SEEDS / doc).read_text(encoding="utf-8")
        mentions = geoparse(text)
        for g in annotation["mentions"]:
            place = gold["places"][g["place"]]
            hits = [m for m in mentions if m.start < g["end"] and g["start"] < m.end]
            m = hits[0] if hits else None
            ok, detail = resolved_right(m, place) if m else (False, "not found")
            out.append(
                {
                    "doc": doc,
                    "span": (g["start"], g["end"]),
                    "surface": text[g["start"] : g["end"]],
                    "found": m is not None,
                    "resolved": ok,
                    "detail": detail,
                    "role_gold": g["role"],
                    "role": m.role if m else None,
                }
            )
    assert out, "gold.json has no mentions"
    return out


def test_every_gold_mention_is_found(scored):
    missed = [(r["doc"], r["span"], r["surface"]) for r in scored if not r["found"]]
    assert not missed, missed


def test_every_gold_mention_is_resolved_within_tolerance(scored):
    wrong = [
        (r["doc"], r["surface"], r["detail"]) for r in scored if r["found"] and not r["resolved"]
    ]
    assert not wrong, wrong


def test_roles_agree_with_gold_on_at_least_90_percent(scored):
    agree = sum(1 for r in scored if r["role"] == r["role_gold"])
    rate = agree / len(scored)
    disagree = [
        (r["doc"], r["span"], r["surface"], r["role"])
        for r in scored
        if r["role"] != r["role_gold"]
    ]
    assert rate >= ROLE_AGREEMENT, (round(rate, 3), disagree)


def test_gold_covers_both_roles(scored):
    # Guards the role test against a degenerate gold file (e.g. all 'place').
    assert {r["role_gold"] for r in scored} == {"place", "actor"}
