"""Geoparsing scores as the literature computes them (Gritta et al. 2018, 2019).

Resolution: accuracy@161km, AUC of the log error curve, mean and median great-circle error.
Recognition: precision, recall and F1 of mention spans, exact and overlapping.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
# Half the Earth's circumference as the literature rounds it: the error charged for a toponym
# that has a gold point but got no prediction, and the normaliser of the AUC.
MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two (lat, lon) points (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def error_km(gold: tuple[float, float], predicted: tuple[float, float] | None) -> float:
    """Error of one prediction; an unresolved prediction (None) costs MAX_ERROR_KM."""
    if predicted is None:
        return MAX_ERROR_KM
    return min(MAX_ERROR_KM, great_circle_km(gold[0], gold[1], predicted[0], predicted[1]))


def accuracy_at(errors: Sequence[float], km: float = ACCURACY_KM) -> float:
    """Share of errors within `km` (inclusive); nan for no errors."""
    if not errors:
        return math.nan
    return sum(1 for e in errors if e <= km) / len(errors)


def auc(errors: Sequence[float]) -> float:
    """Area under the sorted log-error curve, normalised to [0, 1]; lower is better.

    trapz(ln(err + 1)) / (ln(MAX_ERROR_KM) * (n - 1)) over errors sorted ascending, with unit
    spacing. A single error is its own normalised log error; no errors give nan.
    """
    n = len(errors)
    if n == 0:
        return math.nan
    ys = [math.log(e + 1.0) for e in sorted(errors)]
    if n == 1:
        return ys[0] / math.log(MAX_ERROR_KM)
    area = sum((a + b) / 2.0 for a, b in zip(ys[:-1], ys[1:], strict=True))
    return area / (math.log(MAX_ERROR_KM) * (n - 1))


def median(values: Sequence[float]) -> float:
    """Median; nan for no values."""
    if not values:
        return math.nan
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2.0


@dataclass(frozen=True)
class ResolutionScore:
    """Resolution scores over a set of toponyms with gold points."""

    n: int
    acc161: float
    auc: float
    mean_km: float
    median_km: float
    unresolved: int

    @classmethod
    def from_errors(cls, errors: Sequence[float], unresolved: int = 0) -> ResolutionScore:
        """Score a list of per-toponym errors in km."""
        mean = sum(errors) / len(errors) if errors else math.nan
        return cls(len(errors), accuracy_at(errors), auc(errors), mean, median(errors), unresolved)


Span = tuple[int, int]


def overlaps(a: Span, b: Span) -> bool:
    """True when two half-open character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def match_spans(
    gold: Iterable[Span], predicted: Iterable[Span], *, exact: bool
) -> list[tuple[int, int]]:
    """One-to-one matching of predicted to gold spans; returns the matched (gold, pred) index pairs.

    Exact: identical offsets. Overlap: any shared character; each gold span is paired with the
    first unused predicted span that overlaps it, walking both in document order, so one long
    prediction cannot be counted for two gold spans.
    """
    gold = list(gold)
    pred = list(predicted)
    pairs: list[tuple[int, int]] = []
    if exact:
        index: dict[Span, list[int]] = {}
        for j, p in enumerate(pred):
            index.setdefault((p[0], p[1]), []).append(j)
        for i, g in enumerate(gold):
            js = index.get((g[0], g[1]))
            if js:
                pairs.append((i, js.pop(0)))
        return pairs
    gorder = sorted(range(len(gold)), key=lambda i: (gold[i][0], gold[i][1]))
    porder = sorted(range(len(pred)), key=lambda j: (pred[j][0], pred[j][1]))
    used = [False] * len(pred)
    lo = 0
    for i in gorder:
        g = gold[i]
        while lo < len(porder) and pred[porder[lo]][1] <= g[0]:
            lo += 1
        for k in range(lo, len(porder)):
            j = porder[k]
            if pred[j][0] >= g[1]:
                break
            if not used[j] and overlaps(g, pred[j]):
                used[j] = True
                pairs.append((i, j))
                break
    return pairs


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from counts."""

    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float:
        """tp / predicted (nan when nothing was predicted)."""
        return self.tp / self.n_pred if self.n_pred else math.nan

    @property
    def recall(self) -> float:
        """tp / gold (nan when there is no gold)."""
        return self.tp / self.n_gold if self.n_gold else math.nan

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall, 2tp / (predicted + gold); nan when both are 0."""
        total = self.n_pred + self.n_gold
        return 2 * self.tp / total if total else math.nan

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.n_pred + other.n_pred, self.n_gold + other.n_gold)


def recognition(gold: Sequence[Span], predicted: Sequence[Span], *, exact: bool) -> PRF:
    """Recognition counts for one document (sum documents with +)."""
    return PRF(len(match_spans(gold, predicted, exact=exact)), len(predicted), len(gold))
