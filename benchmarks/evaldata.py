"""Loaders for the geoparsing evaluation corpora in ../shared/eval (LGL and GeoWebNews).

Each corpus loads as a list of EvalDoc: the article text, the toponyms a recogniser should find
(`toponyms`) and the toponyms that carry a gold point for resolution scoring (`geocoded`).

LGL (lgl.xml): every <toponym> is a recognition target (5,088); the 4,462 with a <gaztag> are
the resolution targets. Offsets index the <text> element.

GeoWebNews (GWN.xml + gwn_full.txt): GWN.xml holds 6,612 typed annotations of the Pragmatic
Taxonomy of Toponyms (Gritta et al. 2019); gwn_full.txt holds the 2,401 geocoded ones the
literature scores resolution on. Offsets index the <text> element, except a few that are
negative: in the original BRAT files those pointed into the "TITLE: ... LINK: ..." header line,
which the XML text does not contain. Annotations whose offsets do not reproduce their surface
(text[start:end] != surface) are dropped and counted in `Corpus.dropped`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"

# GeoWebNews annotation types (Gritta et al. 2019, "A Pragmatic Guide to Geoparsing Evaluation").
# Literal toponyms name the place itself; associative ones use a place name for something tied to
# it (its government, its people, an organisation or adjective carrying it).
GWN_LITERAL = frozenset({"Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier"})
GWN_ASSOCIATIVE_GEOCODED = frozenset({"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"})
GWN_ASSOCIATIVE_UNGEOCODED = frozenset({"Demonym", "Language", "Homonym"})
# Non_Toponym, Literal_Expression and Non_Lit_Expression are never toponyms.
GWN_TYPE_SETS: dict[str, frozenset[str]] = {
    # Only the literal reading: what a strict "where is it" recogniser targets.
    "literal": GWN_LITERAL,
    # Every type the corpus gives a coordinate to: literal + metonymic + place-name modifiers
    # (adjectival demonyms such as "Irish" are Non_Literal_Modifier) + embedded names. Default:
    # it matches what LGL annotates and what a geoparser is expected to put on a map.
    "geocoded": GWN_LITERAL | GWN_ASSOCIATIVE_GEOCODED,
    # The full taxonomy of toponyms: also plural demonyms ("Nigerians"), languages, homonyms.
    "all": GWN_LITERAL | GWN_ASSOCIATIVE_GEOCODED | GWN_ASSOCIATIVE_UNGEOCODED,
}
DEFAULT_GWN_TYPES = "geocoded"


@dataclass(frozen=True)
class GoldToponym:
    """One gold annotation: a span, its surface, and its gold point when it has one."""

    start: int
    end: int
    surface: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    name: str = ""  # the gazetteer name the annotators chose (GeoNames name)
    feature_code: str = ""
    country: str = ""
    admin1: str = ""
    type: str = ""  # GeoWebNews annotation type; "" for LGL

    @property
    def point(self) -> tuple[float, float] | None:
        """(lat, lon) or None."""
        if self.lat is None or self.lon is None:
            return None
        return (self.lat, self.lon)

    @property
    def span(self) -> tuple[int, int]:
        """(start, end) character offsets."""
        return (self.start, self.end)


@dataclass(frozen=True)
class EvalDoc:
    """An article with its recognition targets and its geocoded targets."""

    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    geocoded: tuple[GoldToponym, ...]
    title: str = ""

    @property
    def words(self) -> int:
        """Whitespace-separated word count of the text."""
        return len(self.text.split())


@dataclass(frozen=True)
class Corpus:
    """A loaded corpus with the counts of annotations dropped while loading, by reason."""

    name: str
    docs: tuple[EvalDoc, ...]
    dropped: dict[str, int] = field(default_factory=dict)
    note: str = ""

    @property
    def n_toponyms(self) -> int:
        """Number of recognition targets."""
        return sum(len(d.toponyms) for d in self.docs)

    @property
    def n_geocoded(self) -> int:
        """Number of resolution targets."""
        return sum(len(d.geocoded) for d in self.docs)


def _float(s: str | None) -> float | None:
    s = (s or "").strip()
    return float(s) if s else None


def _int(s: str | None) -> int | None:
    s = (s or "").strip()
    return int(s) if s else None


def _require(path: Path) -> Path:
    if not path.is_file():
        raise FileNotFoundError(f"evaluation file not found: {path}")
    return path


def load_lgl(path: Path | str | None = None, *, limit: int | None = None) -> Corpus:
    """Load LGL: all annotated toponyms for recognition, those with a gaztag for resolution."""
    path = _require(Path(path) if path else EVAL_DIR / "lgl.xml")
    root = ET.parse(path).getroot()
    docs: list[EvalDoc] = []
    dropped: Counter[str] = Counter()
    for art in root.iter("article"):
        if limit is not None and len(docs) >= limit:
            break
        text = art.findtext("text") or ""
        tops: list[GoldToponym] = []
        for t in art.iter("toponym"):
            start, end = int(t.findtext("start")), int(t.findtext("end"))
            surface = t.findtext("phrase") or ""
            if text[start:end] != surface:
                dropped["misaligned"] += 1
                continue
            g = t.find("gaztag")
            if g is None:
                tops.append(GoldToponym(start, end, surface))
                continue
            tops.append(
                GoldToponym(
                    start,
                    end,
                    surface,
                    lat=_float(g.findtext("lat")),
                    lon=_float(g.findtext("lon")),
                    geonameid=_int(g.get("geonameid")),
                    name=g.findtext("name") or "",
                    feature_code=g.findtext("fcode") or "",
                    country=g.findtext("country") or "",
                    admin1=g.findtext("admin1") or "",
                )
            )
        tops.sort(key=lambda x: (x.start, x.end))
        docs.append(
            EvalDoc(
                id=art.get("docid") or str(len(docs)),
                text=text,
                toponyms=tuple(tops),
                geocoded=tuple(x for x in tops if x.point is not None),
                title=art.findtext("title") or "",
            )
        )
    return Corpus("LGL", tuple(docs), dict(dropped), "recognition: all annotated toponyms")


def load_gwn(
    xml_path: Path | str | None = None,
    full_path: Path | str | None = None,
    *,
    types: str = DEFAULT_GWN_TYPES,
    limit: int | None = None,
) -> Corpus:
    """Load GeoWebNews: recognition targets from GWN.xml (filtered by `types`), resolution
    targets from gwn_full.txt (line N = article N), joined to the XML by span for geonameid."""
    if types not in GWN_TYPE_SETS:
        raise ValueError(
            f"unknown GeoWebNews type set {types!r}; choose from {sorted(GWN_TYPE_SETS)}"
        )
    wanted = GWN_TYPE_SETS[types]
    xml_path = _require(Path(xml_path) if xml_path else EVAL_DIR / "GWN.xml")
    full_path = _require(Path(full_path) if full_path else EVAL_DIR / "gwn_full.txt")
    root = ET.parse(xml_path).getroot()
    lines = full_path.read_text(encoding="utf-8").split("\n")
    docs: list[EvalDoc] = []
    dropped: Counter[str] = Counter()
    for n, art in enumerate(root.iter("article")):
        if limit is not None and len(docs) >= limit:
            break
        text = art.findtext("text") or ""
        by_span: dict[tuple[int, int], list[ET.Element]] = {}
        tops: dict[tuple[int, int], GoldToponym] = {}
        for t in art.iter("toponym"):
            start, end = int(t.findtext("start")), int(t.findtext("end"))
            surface = t.findtext("extractedName") or ""
            kind = t.findtext("type") or ""
            by_span.setdefault((start, end), []).append(t)
            if kind not in wanted:
                continue
            if start < 0 or text[start:end] != surface:
                dropped["xml misaligned"] += 1
                continue
            # A span annotated twice (e.g. Coercion and Non_Toponym) counts once.
            tops.setdefault(
                (start, end),
                GoldToponym(
                    start,
                    end,
                    surface,
                    lat=_float(t.findtext("latitude")),
                    lon=_float(t.findtext("longitude")),
                    geonameid=_int(t.findtext("geonamesID")),
                    name=t.findtext("normalisedName") or "",
                    type=kind,
                ),
            )
        geo: list[GoldToponym] = []
        line = lines[n] if n < len(lines) else ""
        for item in line.split("||"):
            if not item.strip():
                continue
            fields = item.split(",,")
            if len(fields) != 6:
                dropped["gwn_full malformed"] += 1
                continue
            name, surface, lat, lon, s, e = fields
            start, end = int(s), int(e)
            if start < 0 or text[start:end] != surface:
                dropped["gwn_full misaligned"] += 1
                continue
            xml = by_span.get((start, end), [])
            gid = next(
                (_int(x.findtext("geonamesID")) for x in xml if x.findtext("geonamesID")), None
            )
            kind = next(
                (x.findtext("type") for x in xml if x.findtext("type") != "Non_Toponym"), ""
            )
            geo.append(
                GoldToponym(
                    start, end, surface, float(lat), float(lon), gid, name=name, type=kind or ""
                )
            )
        geo.sort(key=lambda x: (x.start, x.end))
        docs.append(
            EvalDoc(
                id=art.get("file") or str(n),
                text=text,
                toponyms=tuple(sorted(tops.values(), key=lambda x: (x.start, x.end))),
                geocoded=tuple(geo),
                title=art.findtext("title") or "",
            )
        )
    note = f"recognition types ({types}): {', '.join(sorted(wanted))}"
    return Corpus("GWN", tuple(docs), dict(dropped), note)


def load(name: str, *, limit: int | None = None, gwn_types: str = DEFAULT_GWN_TYPES) -> Corpus:
    """Load a corpus by name: 'lgl' or 'gwn'."""
    key = name.lower()
    if key == "lgl":
        return load_lgl(limit=limit)
    if key in {"gwn", "geowebnews"}:
        return load_gwn(types=gwn_types, limit=limit)
    raise ValueError(f"unknown corpus {name!r}; choose lgl or gwn")
