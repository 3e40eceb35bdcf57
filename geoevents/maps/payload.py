"""The map's data: events, places, arcs and country counts as compact, pre-escaped columns."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

from ..html import escape, highlight, link
from .capitals import capital, to_iso2
from .geodesic import arcs
from .style import CHOROPLETH_COLORS, type_style


def _s(value: Any) -> str:
    """Text of a cell; '' for None/NaN/NA."""
    if value is None:
        return ""
    try:
        if value != value:
            return ""
    except (TypeError, ValueError):
        return ""
    return str(value)


def _trigger_span(
    sentence: str,
    trigger: str,
    start: int | None,
    text: str | None,
    sentence_start: int | None = None,
) -> tuple[int, int] | None:
    """Offsets of the trigger inside its sentence."""
    if not trigger or not sentence:
        return None
    if start is not None and sentence_start is not None:
        off = start - sentence_start
        if sentence[off : off + len(trigger)] == trigger:
            return off, off + len(trigger)
    if text and start is not None:
        # locate the sentence in the document just before the trigger offset
        s0 = text.rfind(sentence, 0, start + len(sentence))
        if s0 >= 0 and s0 <= start < s0 + len(sentence):
            off = start - s0
            if sentence[off : off + len(trigger)] == trigger:
                return off, off + len(trigger)
    i = sentence.find(trigger)
    return (i, i + len(trigger)) if i >= 0 else None


def _int_or_none(value: Any) -> int | None:
    try:
        return None if _s(value) == "" else int(value)
    except (TypeError, ValueError):
        return None


def _columns(frame, names: list[str]) -> dict[str, list]:
    return {n: (frame[n].tolist() if n in frame.columns else [None] * len(frame)) for n in names}


EVENT_FIELDS = [
    "id",
    "doc",
    "event_type",
    "mode",
    "cameo",
    "trigger",
    "trigger_start",
    "sentence",
    "sentence_start",
    "actor",
    "actor_country",
    "target",
    "target_country",
    "place",
    "place_name",
    "country_code",
    "admin1",
    "precision",
    "location_role",
    "date",
    "date_precision",
    "quantities",
    "evidence",
    "title",
    "url",
    "doc_date",
]


def event_payload(frame, texts: dict[str, str] | None = None) -> dict[str, Any]:
    """Placed events as columns (lat, lon, type, date, slot, doc) plus escaped tooltip/popup HTML."""
    texts = texts or {}
    geom = frame.geometry
    placed = ~(geom.isna() | geom.is_empty)
    sub = frame[placed]
    lats = [round(v, 6) for v in sub.geometry.y.tolist()]
    lons = [round(v, 6) for v in sub.geometry.x.tolist()]
    c = _columns(sub, EVENT_FIELDS)
    n = len(sub)

    type_keys = sorted({_s(t) for t in c["event_type"]})
    type_index = {k: i for i, k in enumerate(type_keys)}
    types = []
    for k in type_keys:
        st = type_style(k)
        types.append(
            {
                "key": escape(k),
                "label": escape(st.label if st.label != "Other" else k),
                "color": st.color,
                "symbol": escape(st.symbol),
            }
        )

    dates_raw = sorted({_s(d)[:10] for d in c["date"] if _s(d)})
    date_index = {d: i for i, d in enumerate(dates_raw)}

    doc_keys: dict[str, int] = {}
    docs_html: list[str] = []
    slots: list[int] = []
    seen_at: Counter = Counter()
    out_t, out_d, out_doc, tips, pops = [], [], [], [], []
    for i in range(n):
        etype = _s(c["event_type"][i])
        t = type_index[etype]
        out_t.append(t)
        date = _s(c["date"][i])[:10]
        out_d.append(date_index.get(date, -1))
        key = (lats[i], lons[i])
        slots.append(seen_at[key])
        seen_at[key] += 1
        doc = _s(c["doc"][i])
        if doc not in doc_keys:
            doc_keys[doc] = len(docs_html)
            docs_html.append(
                _doc_html(doc, _s(c["title"][i]), _s(c["url"][i]), _s(c["doc_date"][i]))
            )
        out_doc.append(doc_keys[doc])
        place = _s(c["place_name"][i]) or _s(c["place"][i])
        label = types[t]["label"]
        tips.append(" · ".join(x for x in (label, escape(place), escape(date)) if x))
        pops.append(_event_html(c, i, label, texts.get(doc)))
    return {
        "types": types,
        "dates": dates_raw,
        "docs": docs_html,
        "events": {
            "lat": lats,
            "lon": lons,
            "t": out_t,
            "d": out_d,
            "s": slots,
            "doc": out_doc,
            "tip": tips,
            "pop": pops,
        },
    }


def _doc_html(doc: str, title: str, url: str, date: str) -> str:
    label = title or doc or url
    parts = [link(label, url)]
    if date:
        parts.append(escape(date[:10]))
    return '<div class="ge-doc">' + " · ".join(p for p in parts if p) + "</div>"


def _event_html(c: dict[str, list], i: int, label: str, text: str | None) -> str:
    g = lambda k: _s(c[k][i])  # noqa: E731
    mode = g("mode")
    head = f"<h4>{label}" + (f" <i>({escape(mode)})</i>" if mode else "") + "</h4>"
    rows = []
    actor, target = g("actor"), g("target")
    if actor or target:
        a = escape(actor or "?") + (
            f" [{escape(g('actor_country'))}]" if g("actor_country") else ""
        )
        b = escape(target) + (f" [{escape(g('target_country'))}]" if g("target_country") else "")
        rows.append(f"<p><b>{a}</b>" + (f" → <b>{b}</b>" if target else "") + "</p>")
    when = g("date")[:10]
    if when:
        prec = g("date_precision")
        rows.append(f"<p>Date: {escape(when)}" + (f" ({escape(prec)})" if prec else "") + "</p>")
    place = g("place_name") or g("place")
    where = escape(place)
    extra = [x for x in (g("admin1"), g("country_code")) if x and x != place]
    if extra:
        where += ", " + escape(", ".join(extra))
    meta = [x for x in (g("precision"), g("location_role")) if x]
    if meta:
        where += f" <i>({escape(', '.join(meta))})</i>"
    rows.append(f"<p>Place: {where}</p>")
    start, s_start = _int_or_none(c["trigger_start"][i]), _int_or_none(c["sentence_start"][i])
    span = _trigger_span(g("sentence"), g("trigger"), start, text, s_start)
    sent = highlight(g("sentence"), *(span or (None, None)))
    rows.append(f"<blockquote>{sent}</blockquote>")
    if g("quantities"):
        rows.append(f"<p>Numbers: {escape(g('quantities'))}</p>")
    if g("evidence") and g("evidence").strip() != g("sentence").strip():
        rows.append(f"<p>Why: {escape(g('evidence'))}</p>")
    if g("cameo"):
        rows.append(f"<p>CAMEO {escape(g('cameo'))}</p>")
    return '<div class="ge-pop">' + head + "".join(rows) + "</div>"


def place_payload(frame) -> dict[str, Any]:
    """Place mentions grouped by point and role: one circle each with counts and surface forms."""
    geom = frame.geometry
    placed = ~(geom.isna() | geom.is_empty)
    sub = frame[placed]
    lats = sub.geometry.y.round(6).tolist()
    lons = sub.geometry.x.round(6).tolist()
    c = _columns(
        sub, ["name", "text", "role", "kind", "doc", "feature_code", "country_code", "precision"]
    )
    groups: dict[tuple, dict] = {}
    for i in range(len(sub)):
        role = 1 if _s(c["role"][i]) == "actor" else 0
        key = (lats[i], lons[i], role)
        g = groups.get(key)
        if g is None:
            g = groups[key] = {
                "name": _s(c["name"][i]),
                "n": 0,
                "forms": Counter(),
                "docs": set(),
                "kind": Counter(),
                "meta": (_s(c["feature_code"][i]), _s(c["country_code"][i]), _s(c["precision"][i])),
            }
        g["n"] += 1
        g["forms"][_s(c["text"][i])] += 1
        g["docs"].add(_s(c["doc"][i]))
        g["kind"][_s(c["kind"][i])] += 1
    out = {"lat": [], "lon": [], "role": [], "n": [], "tip": [], "pop": []}
    for (lat, lon, role), g in groups.items():
        use = "as an actor" if role else "as a place"
        out["lat"].append(lat)
        out["lon"].append(lon)
        out["role"].append(role)
        out["n"].append(g["n"])
        out["tip"].append(
            f"{escape(g['name'])} — {g['n']} mention{'s' if g['n'] != 1 else ''} {use}"
        )
        forms = ", ".join(f"{escape(f)} ×{k}" for f, k in g["forms"].most_common(8))
        code, cc, prec = g["meta"]
        out["pop"].append(
            f'<div class="ge-pop"><h4>{escape(g["name"])}</h4>'
            f"<p>{escape(', '.join(x for x in (prec, code, cc) if x))}</p>"
            f"<p>{g['n']} mention{'s' if g['n'] != 1 else ''} {use} in {len(g['docs'])} "
            f"article{'s' if len(g['docs']) != 1 else ''}</p>"
            f"<p>Written as: {forms}</p></div>"
        )
    return out


MAX_ARCS = 1000  # the busiest actor → place pairs; more only clutters the map


def arc_payload(frame, max_arcs: int = MAX_ARCS) -> dict[str, Any]:
    """Arcs from the actor country's capital to event locations in another country."""
    geom = frame.geometry
    placed = ~(geom.isna() | geom.is_empty)
    sub = frame[placed]
    c = _columns(sub, ["actor_country", "country_code", "place_name", "place", "actor"])
    lats, lons = sub.geometry.y.tolist(), sub.geometry.x.tolist()
    groups: dict[tuple, dict] = {}
    for i in range(len(sub)):
        actor_cc = _s(c["actor_country"][i]).upper()
        loc_cc = _s(c["country_code"][i]).upper()
        if not actor_cc or not loc_cc or to_iso2(actor_cc) in ("", loc_cc):
            continue
        key = (actor_cc, round(lats[i], 4), round(lons[i], 4))
        g = groups.setdefault(key, {"n": 0, "place": _s(c["place_name"][i]) or _s(c["place"][i])})
        g["n"] += 1
    out: dict[str, list] = {"paths": [], "n": [], "tip": []}
    starts, ends = [], []
    ranked = sorted(groups.items(), key=lambda kv: -kv[1]["n"])[:max_arcs]
    for (actor_cc, lat, lon), g in ranked:
        cap = capital(actor_cc)
        if cap is None:
            continue
        starts.append((cap[0], cap[1]))
        ends.append((lat, lon))
        out["n"].append(g["n"])
        out["tip"].append(
            f"{escape(actor_cc)} ({escape(cap[2])}) → {escape(g['place'])}: "
            f"{g['n']} event{'s' if g['n'] != 1 else ''}"
        )
    out["paths"] = arcs(starts, ends)
    out["dropped"] = max(0, len(groups) - max_arcs)
    return out


def choropleth_payload(frame, countries: dict | None) -> dict[str, Any] | None:
    """Events per country (alpha-2) with class breaks, for countries in the bundled polygons."""
    if not countries:
        return None
    names = {}
    for f in countries["features"]:
        p = f.get("properties") or {}
        if p.get("iso_a2"):
            names[p["iso_a2"].upper()] = p.get("name") or p["iso_a2"]
    counts = Counter(_s(cc).upper() for cc in frame["country_code"].tolist() if _s(cc))
    counts = {k: v for k, v in counts.items() if k in names}
    if not counts:
        return None
    breaks = _breaks(sorted(counts.values()), len(CHOROPLETH_COLORS))
    return {
        "counts": {
            k: [v, f"{escape(names[k])}: {v} event{'s' if v != 1 else ''}"]
            for k, v in counts.items()
        },
        "breaks": breaks,
        "colors": list(CHOROPLETH_COLORS[: len(breaks) + 1]),
    }


def _breaks(values: list[int], classes: int) -> list[int]:
    """Upper bounds of all classes but the last: quantiles of the counts, distinct and rising."""
    if not values:
        return []
    out: list[int] = []
    for k in range(1, classes):
        q = values[min(len(values) - 1, math.floor(k * len(values) / classes))]
        if (not out or q > out[-1]) and q < values[-1]:
            out.append(q)
    return out


def search_payload(events: dict[str, Any] | None, frames: list) -> list[dict[str, Any]]:
    """Distinct place names with a point, for the search box (raw text, shown with textContent)."""
    seen: dict[str, list[float]] = {}
    counts: defaultdict = defaultdict(int)
    for frame, col in frames:
        if frame is None or col not in frame.columns:
            continue
        geom = frame.geometry
        placed = ~(geom.isna() | geom.is_empty)
        sub = frame[placed]
        for name, y, x in zip(
            sub[col].tolist(), sub.geometry.y.tolist(), sub.geometry.x.tolist(), strict=True
        ):
            name = _s(name)
            if name:
                counts[name] += 1
                seen.setdefault(name, [round(y, 6), round(x, 6)])
    return [{"title": k, "loc": v} for k, v in sorted(seen.items(), key=lambda kv: -counts[kv[0]])]
