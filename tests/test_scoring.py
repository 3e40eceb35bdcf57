"""Hand-computed cases for the geoparsing scores in benchmarks/scoring.py."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import scoring  # noqa: E402
from benchmarks.scoring import PRF, ResolutionScore  # noqa: E402


def test_great_circle_one_degree_on_equator():
    # 2 * pi * R / 360 with R = 6371.0088 km
    assert scoring.great_circle_km(0, 0, 0, 1) == pytest.approx(111.195, abs=1e-3)


def test_great_circle_antipodes_and_symmetry():
    assert scoring.great_circle_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088, rel=1e-9)
    a = scoring.great_circle_km(48.8566, 2.3522, 40.7128, -74.006)
    b = scoring.great_circle_km(40.7128, -74.006, 48.8566, 2.3522)
    assert a == pytest.approx(b)
    assert a == pytest.approx(5837, abs=5)  # Paris - New York


def test_unresolved_costs_max_error():
    assert scoring.error_km((10.0, 10.0), None) == scoring.MAX_ERROR_KM == 20039.0
    assert scoring.error_km((10.0, 10.0), (10.0, 10.0)) == 0.0


def test_accuracy_at_161_is_inclusive():
    errors = [0.0, 160.0, 161.0, 162.0, 20039.0]
    assert scoring.accuracy_at(errors) == pytest.approx(3 / 5)
    assert math.isnan(scoring.accuracy_at([]))


def test_auc_hand_computed():
    # ln(err + 1) = 0, 1, 2 -> trapezoids (0+1)/2 + (1+2)/2 = 2; / (ln 20039 * (3 - 1))
    errors = [math.e**2 - 1, 0.0, math.e - 1]  # unsorted on purpose
    assert scoring.auc(errors) == pytest.approx(1 / math.log(20039))


def test_auc_bounds():
    assert scoring.auc([0.0] * 10) == 0.0
    worst = scoring.auc([20039.0] * 4)
    assert worst == pytest.approx(math.log(20040) / math.log(20039))
    assert math.isnan(scoring.auc([]))
    assert scoring.auc([math.e - 1]) == pytest.approx(1 / math.log(20039))


def test_auc_two_points():
    # one exact, one at 20039 km: a single trapezoid of height (0 + ln 20040) / 2
    assert scoring.auc([0.0, 20039.0]) == pytest.approx(0.5 * math.log(20040) / math.log(20039))


def test_median_and_resolution_score():
    assert scoring.median([3.0, 1.0, 2.0]) == 2.0
    assert scoring.median([4.0, 1.0, 2.0, 3.0]) == 2.5
    s = ResolutionScore.from_errors([0.0, 100.0, 200.0, 20039.0], unresolved=1)
    assert s.n == 4
    assert s.acc161 == 0.5
    assert s.mean_km == pytest.approx(20339.0 / 4)
    assert s.median_km == 150.0
    assert s.unresolved == 1


def test_recognition_exact_and_overlap():
    gold = [(0, 5), (10, 15), (20, 25)]
    pred = [(0, 5), (11, 14), (30, 35)]
    exact = scoring.recognition(gold, pred, exact=True)
    assert (exact.tp, exact.n_pred, exact.n_gold) == (1, 3, 3)
    assert exact.precision == pytest.approx(1 / 3)
    assert exact.recall == pytest.approx(1 / 3)
    assert exact.f1 == pytest.approx(1 / 3)
    ov = scoring.recognition(gold, pred, exact=False)
    assert ov.tp == 2
    assert ov.precision == pytest.approx(2 / 3)
    assert ov.recall == pytest.approx(2 / 3)
    assert ov.f1 == pytest.approx(2 / 3)


def test_overlap_is_one_to_one():
    # one gold span, two predictions inside it: one is credited
    split = scoring.recognition([(0, 10)], [(0, 4), (5, 10)], exact=False)
    assert (split.precision, split.recall) == (0.5, 1.0)
    # two gold spans, one prediction covering both: one is credited
    merged = scoring.recognition([(0, 4), (5, 10)], [(0, 10)], exact=False)
    assert (merged.precision, merged.recall) == (1.0, 0.5)
    # touching spans do not overlap (half-open offsets)
    assert scoring.recognition([(0, 5)], [(5, 9)], exact=False).tp == 0
    # duplicate predictions count once
    assert scoring.recognition([(0, 5)], [(0, 5), (0, 5)], exact=True).tp == 1


def test_match_spans_pairs_indices_in_input_order():
    gold = [(20, 25), (0, 5)]
    pred = [(1, 3), (21, 30)]
    assert sorted(scoring.match_spans(gold, pred, exact=False)) == [(0, 1), (1, 0)]


def test_prf_sums_and_edge_cases():
    total = PRF(1, 2, 4) + PRF(3, 4, 4)
    assert (total.tp, total.n_pred, total.n_gold) == (4, 6, 8)
    assert total.f1 == pytest.approx(2 * 4 / 14)
    nothing_found = PRF(0, 0, 5)
    assert math.isnan(nothing_found.precision)
    assert nothing_found.recall == 0.0
    assert nothing_found.f1 == 0.0
    assert math.isnan(PRF(0, 0, 0).f1)
