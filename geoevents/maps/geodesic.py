"""Great-circle paths for arcs, split where they cross the antimeridian."""

from __future__ import annotations

import math


def great_circle(
    lat1: float, lon1: float, lat2: float, lon2: float, n: int = 32
) -> list[tuple[float, float]]:
    """`n`+1 points (lat, lon) along the great circle from point 1 to point 2."""
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    d = 2 * math.asin(
        math.sqrt(
            math.sin((p2 - p1) / 2) ** 2
            + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
        )
    )
    if d < 1e-9:
        return [(lat1, lon1), (lat2, lon2)]
    out = []
    for i in range(n + 1):
        f = i / n
        a = math.sin((1 - f) * d) / math.sin(d)
        b = math.sin(f * d) / math.sin(d)
        x = a * math.cos(p1) * math.cos(l1) + b * math.cos(p2) * math.cos(l2)
        y = a * math.cos(p1) * math.sin(l1) + b * math.cos(p2) * math.sin(l2)
        z = a * math.sin(p1) + b * math.sin(p2)
        out.append((math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))))
    return out


def split_antimeridian(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Split a (lat, lon) path into pieces that never jump across ±180° longitude."""
    if not points:
        return []
    parts = [[points[0]]]
    for (la0, lo0), (la1, lo1) in zip(points, points[1:], strict=False):
        if abs(lo1 - lo0) > 180:
            # the latitude where the segment meets the antimeridian, by linear interpolation
            edge0 = 180.0 if lo0 > 0 else -180.0
            lo1_unwrapped = lo1 + (360 if lo0 > 0 else -360)
            f = (edge0 - lo0) / (lo1_unwrapped - lo0) if lo1_unwrapped != lo0 else 0.5
            la_cross = la0 + f * (la1 - la0)
            parts[-1].append((la_cross, edge0))
            parts.append([(la_cross, -edge0)])
        parts[-1].append((la1, lo1))
    return parts


def arc(lat1: float, lon1: float, lat2: float, lon2: float, n: int = 32) -> list[list[list[float]]]:
    """A great-circle arc as pieces of [lat, lon] pairs (rounded to 4 decimals) for Leaflet."""
    pieces = split_antimeridian(great_circle(lat1, lon1, lat2, lon2, n))
    return [[[round(la, 4), round(lo, 4)] for la, lo in piece] for piece in pieces]


def arcs(starts, ends, n: int = 24) -> list[list[list[list[float]]]]:
    """Many great-circle arcs at once (numpy), each as pieces split at the antimeridian."""
    import numpy as np

    if len(starts) == 0:
        return []
    a = np.radians(np.asarray(starts, dtype=float))
    b = np.radians(np.asarray(ends, dtype=float))
    p1, l1, p2, l2 = a[:, :1], a[:, 1:], b[:, :1], b[:, 1:]
    d = 2 * np.arcsin(
        np.sqrt(np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((l2 - l1) / 2) ** 2)
    )
    f = np.linspace(0.0, 1.0, n + 1)[None, :]
    safe = np.where(d < 1e-9, 1.0, np.sin(d))
    wa = np.where(d < 1e-9, 1 - f, np.sin((1 - f) * d) / safe)
    wb = np.where(d < 1e-9, f, np.sin(f * d) / safe)
    x = wa * np.cos(p1) * np.cos(l1) + wb * np.cos(p2) * np.cos(l2)
    y = wa * np.cos(p1) * np.sin(l1) + wb * np.cos(p2) * np.sin(l2)
    z = wa * np.sin(p1) + wb * np.sin(p2)
    lat = np.degrees(np.arctan2(z, np.hypot(x, y))).round(4)
    lon = np.degrees(np.arctan2(y, x)).round(4)
    out = []
    for la, lo in zip(lat.tolist(), lon.tolist(), strict=True):
        pieces = split_antimeridian(list(zip(la, lo, strict=True)))
        out.append([[[p[0], p[1]] for p in piece] for piece in pieces])
    return out
