"""Role benchmark: literal place vs metonymic actor, on GeoWebNews' annotated toponyms.

GeoWebNews (Gritta et al. 2019) types each toponym. 'Literal' means the place itself and
'Metonymic' a place name standing for its people, government or institutions; geoevents' role
('place' or 'actor') is scored against those two types with the gold spans given, beside the
baseline that calls every mention a place.

Usage: python benchmarks/roles.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import evaldata  # noqa: E402
from geoevents.geoparse import geoparse  # noqa: E402

GOLD_ROLE = {"Literal": "place", "Metonymic": "actor"}


def main() -> int:
    """Print accuracy and actor precision/recall/F1 against the all-'place' baseline."""
    corpus = evaldata.load_gwn(types="all")
    pairs: list[tuple[str, str]] = []
    for doc in corpus.docs:
        gold = [g for g in doc.toponyms if g.type in GOLD_ROLE]
        if not gold:
            continue
        mentions = geoparse(doc.text, spans=[(g.start, g.end) for g in gold])
        pairs += [(GOLD_ROLE[g.type], m.role) for g, m in zip(gold, mentions, strict=True)]
    counts = Counter(pairs)
    n = len(pairs)
    print(f"GeoWebNews literal vs metonymic toponyms with gold spans: n={n}")
    print(f"  gold: {Counter(g for g, _ in pairs)}")
    for name, pred in (("geoevents", None), ("baseline: always 'place'", "place")):
        got = [(g, pred or p) for g, p in pairs]
        acc = sum(g == p for g, p in got) / n
        tp = sum(g == p == "actor" for g, p in got)
        fp = sum(g == "place" and p == "actor" for g, p in got)
        fn = sum(g == "actor" and p == "place" for g, p in got)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"  {name:<26} accuracy {acc:.3f}   actor P {prec:.3f} R {rec:.3f} F1 {f1:.3f}")
    print(f"  confusion (gold, predicted): {dict(counts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
