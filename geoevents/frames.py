"""Documents to tables: flat records and GeoDataFrames of place mentions and events."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .document import Document
from .event import Event
from .mention import Mention

CRS = "EPSG:4326"


@dataclass(frozen=True)
class Column:
    """One column of a geoevents table: name, type, unit and meaning."""

    name: str
    dtype: str  # str | int | Int64 (nullable int) | float | date
    unit: str
    description: str

    @property
    def nullable(self) -> bool:
        """True where the column may hold null (unresolved place, unknown date, ...)."""
        return self.dtype in {"Int64", "float?", "date"}


def _col(name: str, dtype: str, unit: str, description: str) -> Column:
    return Column(name, dtype, unit, description)


# Columns of the place-mention table, in output order (geometry comes last in frames).
PLACE_SCHEMA: tuple[Column, ...] = (
    _col("id", "str", "", "stable feature id: '<doc>:m<index of the mention in the document>'"),
    _col("doc", "str", "", "document id"),
    _col("start", "int", "characters", "offset of the mention in the text (Python str index)"),
    _col("end", "int", "characters", "end offset, exclusive"),
    _col("text", "str", "", "the mention as written"),
    _col("kind", "str", "", "toponym | demonym"),
    _col(
        "role", "str", "", "place (the location itself) | actor (stands for its people/government)"
    ),
    _col("geonameid", "Int64", "", "GeoNames id of the resolved place; null when unresolved"),
    _col("name", "str", "", "gazetteer name of the resolved place"),
    _col("feature_class", "str", "", "GeoNames feature class (A, P, H, T, L, ...)"),
    _col("feature_code", "str", "", "GeoNames feature code (PPLC, ADM1, PCLI, ...)"),
    _col("country_code", "str", "", "ISO 3166-1 alpha-2 code of the resolved place"),
    _col("admin1", "str", "", "first-level division name (state, province, oblast)"),
    _col("admin1_code", "str", "", "GeoNames admin1 code"),
    _col("population", "Int64", "people", "GeoNames population; null when unresolved"),
    _col("precision", "str", "", "city | admin2 | admin1 | country | region | point"),
    _col("score", "float", "0..1", "confidence of the resolution"),
    _col("alternatives", "int", "count", "other candidate places considered"),
    _col("reason", "str", "", "why this place was chosen"),
    _col("lon", "float?", "degrees (WGS84)", "longitude; null when unresolved"),
    _col("lat", "float?", "degrees (WGS84)", "latitude; null when unresolved"),
)

# Columns of the event table, in output order (geometry comes last in frames).
EVENT_SCHEMA: tuple[Column, ...] = (
    _col("id", "str", "", "stable feature id: '<doc>:e<index of the event in the document>'"),
    _col("doc", "str", "", "document id"),
    _col("event_type", "str", "", "PLOVER event type (ASSAULT, PROTEST, ...)"),
    _col("mode", "str", "", "PLOVER mode (e.g. aerial, blockade); may be empty"),
    _col("cameo", "str", "", "CAMEO code beside the PLOVER type"),
    _col("trigger", "str", "", "the word(s) that report the event"),
    _col("trigger_start", "int", "characters", "offset of the trigger in the text"),
    _col("trigger_end", "int", "characters", "end offset of the trigger, exclusive"),
    _col("sentence", "str", "", "the sentence holding the trigger"),
    _col(
        "sentence_start",
        "Int64",
        "characters",
        "offset of the sentence in the text; null if not found",
    ),
    _col("actor", "str", "", "who did it"),
    _col("actor_country", "str", "", "ISO 3166-1 alpha-3 code of the actor"),
    _col("target", "str", "", "to whom"),
    _col("target_country", "str", "", "ISO 3166-1 alpha-3 code of the target"),
    _col("place", "str", "", "the location mention as written"),
    _col("place_start", "Int64", "characters", "offset of the location mention; null without one"),
    _col("place_end", "Int64", "characters", "end offset of the location mention, exclusive"),
    _col("place_name", "str", "", "gazetteer name of the location"),
    _col("geonameid", "Int64", "", "GeoNames id of the location; null when unresolved"),
    _col("feature_code", "str", "", "GeoNames feature code of the location"),
    _col("country_code", "str", "", "ISO 3166-1 alpha-2 code of the location"),
    _col("admin1", "str", "", "first-level division name of the location"),
    _col("precision", "str", "", "city | admin2 | admin1 | country | region | point"),
    _col("location_role", "str", "", "occurred | proposed"),
    _col("date", "date", "ISO 8601", "when the event happened (YYYY, YYYY-MM or YYYY-MM-DD)"),
    _col("date_precision", "str", "", "day | month | year"),
    _col("quantities", "str", "", "numbers reported with the event, joined by '; '"),
    _col("evidence", "str", "", "why the event was coded so"),
    _col("score", "float", "0..1", "confidence of the event"),
    _col("title", "str", "", "article title"),
    _col("url", "str", "", "article url"),
    _col("doc_date", "date", "ISO 8601", "publication date of the article"),
    _col("lon", "float?", "degrees (WGS84)", "longitude of the location; null when unplaced"),
    _col("lat", "float?", "degrees (WGS84)", "latitude of the location; null when unplaced"),
)

PLACE_COLUMNS: tuple[str, ...] = tuple(c.name for c in PLACE_SCHEMA)
EVENT_COLUMNS: tuple[str, ...] = tuple(c.name for c in EVENT_SCHEMA)


def _doc_id(doc: Document, doc_id: str | None) -> str:
    return doc_id if doc_id is not None else doc.id


def _coord(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)


def mention_record(mention: Mention, doc: str, index: int) -> dict[str, Any]:
    """One place mention as a flat dict following PLACE_SCHEMA."""
    p = mention.place
    return {
        "id": f"{doc}:m{index}",
        "doc": doc,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "kind": mention.kind,
        "role": mention.role,
        "geonameid": p.geonameid if p else None,
        "name": p.name if p else "",
        "feature_class": p.feature_class if p else "",
        "feature_code": p.feature_code if p else "",
        "country_code": p.country_code if p else "",
        "admin1": p.admin1_name if p else "",
        "admin1_code": p.admin1_code if p else "",
        "population": p.population if p else None,
        "precision": p.precision if p else "",
        "score": float(mention.score),
        "alternatives": len(mention.alternatives),
        "reason": mention.reason,
        "lon": _coord(p.lon) if p else None,
        "lat": _coord(p.lat) if p else None,
    }


def event_record(
    event: Event, doc: Document, index: int, doc_id: str | None = None
) -> dict[str, Any]:
    """One event as a flat dict following EVENT_SCHEMA."""
    did = _doc_id(doc, doc_id)
    loc = event.location
    p = loc.place if loc is not None else None
    precision = event.precision or (p.precision if p else "")
    return {
        "id": f"{did}:e{index}",
        "doc": did,
        "event_type": event.event_type,
        "mode": event.mode,
        "cameo": event.cameo,
        "trigger": event.trigger,
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "sentence": event.sentence,
        "sentence_start": _sentence_start(doc.text, event),
        "actor": event.actor,
        "actor_country": event.actor_country,
        "target": event.target,
        "target_country": event.target_country,
        "place": loc.text if loc is not None else "",
        "place_start": loc.start if loc is not None else None,
        "place_end": loc.end if loc is not None else None,
        "place_name": p.name if p else "",
        "geonameid": p.geonameid if p else None,
        "feature_code": p.feature_code if p else "",
        "country_code": p.country_code if p else "",
        "admin1": p.admin1_name if p else "",
        "precision": precision,
        "location_role": event.location_role,
        "date": event.date or None,
        "date_precision": event.date_precision,
        "quantities": "; ".join(event.quantities),
        "evidence": event.evidence,
        "score": float(event.score),
        "title": doc.title,
        "url": doc.url,
        "doc_date": doc.date or None,
        "lon": _coord(p.lon) if p else None,
        "lat": _coord(p.lat) if p else None,
    }


def _sentence_start(text: str, event: Event) -> int | None:
    """Where the event's sentence starts in the text (the occurrence holding the trigger)."""
    if not event.sentence or not text:
        return None
    start = text.rfind(event.sentence, 0, event.trigger_start + len(event.sentence))
    if start < 0 or start + len(event.sentence) < event.trigger_end:
        return None
    return start


def place_records(doc: Document, *, doc_id: str | None = None) -> list[dict[str, Any]]:
    """Flat dicts, one per place mention of `doc`, in text order (PLACE_SCHEMA)."""
    did = _doc_id(doc, doc_id)
    return [mention_record(m, did, i) for i, m in enumerate(doc.mentions)]


def event_records(doc: Document, *, doc_id: str | None = None) -> list[dict[str, Any]]:
    """Flat dicts, one per event of `doc` (EVENT_SCHEMA)."""
    return [event_record(e, doc, i, doc_id) for i, e in enumerate(doc.events)]


def _doc_ids(docs: Sequence[Document]) -> list[str]:
    # Documents without an id get their position, so feature ids stay unique and stable.
    return [d.id or f"doc{i}" for i, d in enumerate(docs)]


def frame_from_records(records: Iterable[Mapping[str, Any]], schema: Sequence[Column]):
    """A GeoDataFrame (EPSG:4326) from flat records with lon/lat, typed by `schema`."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    rows = list(records)
    data: dict[str, Any] = {}
    names = [c.name for c in schema]
    extra = [k for r in rows[:1] for k in r if k not in names and k != "geometry"]
    for col in schema:
        data[col.name] = _typed([r.get(col.name) for r in rows], col.dtype)
    for name in extra:
        data[name] = [r.get(name) for r in rows]
    frame = pd.DataFrame(data, columns=names + extra)
    lon = pd.to_numeric(frame["lon"], errors="coerce").to_numpy(dtype="float64")
    lat = pd.to_numeric(frame["lat"], errors="coerce").to_numpy(dtype="float64")
    geom = shapely.points(lon, lat)
    geom[pd.isna(lon) | pd.isna(lat)] = None
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geom, crs=CRS), crs=CRS)


def _typed(values: list[Any], dtype: str):
    import pandas as pd

    if dtype == "int":
        return pd.array([0 if _missing(v) else _int(v) for v in values], dtype="int64")
    if dtype == "Int64":
        return pd.array([None if _missing(v) else _int(v) for v in values], dtype="Int64")
    if dtype in {"float", "float?"}:
        return pd.array(
            [float("nan") if _missing(v) else float(v) for v in values], dtype="float64"
        )
    if dtype == "date":
        return pd.array([None if _missing(v) else str(v) for v in values], dtype=object)
    return pd.array(["" if _missing(v) else str(v) for v in values], dtype=object)


def _int(v: Any) -> int:
    if isinstance(v, str):
        v = v.strip()
        return int(v) if v.lstrip("-").isdigit() else int(float(v))
    return int(v)


def _missing(v: Any) -> bool:
    if v is None:
        return True
    try:
        return v != v  # NaN, pd.NA raises
    except TypeError:
        return True


def coerce(frame, schema: Sequence[Column]):
    """`frame` with every schema column present and typed as documented (missing → null/'')."""
    import geopandas as gpd

    rows = frame.drop(columns=frame.geometry.name).to_dict("records")
    if not len(frame):
        out = frame_from_records([], schema)
        return out
    lon = frame.geometry.x.where(~frame.geometry.isna())
    lat = frame.geometry.y.where(~frame.geometry.isna())
    for r, x, y in zip(rows, lon, lat, strict=True):
        r["lon"] = None if x != x else round(float(x), 6)
        r["lat"] = None if y != y else round(float(y), 6)
    out = frame_from_records(rows, schema)
    assert isinstance(out, gpd.GeoDataFrame)
    return out


def places_frame(docs: Iterable[Document]):
    """GeoDataFrame of every place mention in `docs` (PLACE_SCHEMA columns, EPSG:4326)."""
    docs = list(docs)
    rows = [
        r for d, did in zip(docs, _doc_ids(docs), strict=True) for r in place_records(d, doc_id=did)
    ]
    return frame_from_records(rows, PLACE_SCHEMA)


def events_frame(docs: Iterable[Document]):
    """GeoDataFrame of every event in `docs` (EVENT_SCHEMA columns, EPSG:4326)."""
    docs = list(docs)
    rows = [
        r for d, did in zip(docs, _doc_ids(docs), strict=True) for r in event_records(d, doc_id=did)
    ]
    return frame_from_records(rows, EVENT_SCHEMA)


def schema_for(columns: Iterable[str]) -> tuple[Column, ...]:
    """EVENT_SCHEMA when the columns hold event_type, else PLACE_SCHEMA."""
    return EVENT_SCHEMA if "event_type" in set(columns) else PLACE_SCHEMA


def schema_markdown(schema: Sequence[Column]) -> str:
    """The schema as a Markdown table (used by docs)."""
    lines = ["| column | type | unit | meaning |", "|---|---|---|---|"]
    for c in schema:
        lines.append(f"| `{c.name}` | {c.dtype} | {c.unit} | {c.description} |")
    return "\n".join(lines)
