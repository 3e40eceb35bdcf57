"""Small corpora built from the real data classes, shared by the frames/io/maps tests."""

from __future__ import annotations

from geoevents import Document, Event, Mention, Place

KYIV = Place(703448, "Kyiv", 50.45466, 30.5238, "P", "PPLC", "UA", "12", "Kyiv City", 2797553)
MOSCOW = Place(524901, "Moscow", 55.75222, 37.61556, "P", "PPLC", "RU", "48", "Moscow", 10381222)
BEIJING = Place(
    1816670, "Beijing", 39.9075, 116.39723, "P", "PPLC", "CN", "22", "Beijing", 18960744
)
UKRAINE = Place(690791, "Ukraine", 49.0, 32.0, "A", "PCLI", "UA", "00", "", 44622516)
SUVA = Place(2198148, "Suva", -18.14161, 178.44149, "P", "PPLC", "FJ", "01", "Central", 77366)

INJECT = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def _find(text: str, word: str, after: int = 0) -> tuple[int, int]:
    start = text.index(word, after)
    return start, start + len(word)


def _mention(
    text: str, word: str, place: Place | None, role: str = "place", kind: str = "toponym"
) -> Mention:
    s, e = _find(text, word)
    return Mention(s, e, word, kind=kind, role=role, place=place, score=0.9 if place else 0.0)


def _event(text: str, trigger: str, event_type: str, location: Mention | None, **kw) -> Event:
    s, e = _find(text, trigger)
    return Event(event_type, trigger, s, e, text, location=location, **kw)


def corpus() -> list[Document]:
    """Three articles: several event types, actor uses, an unplaced event, injected markup."""
    t1 = (
        "Russian forces attacked Kyiv overnight with 500 drones. "
        "Moscow said talks could be held in Beijing. Protesters marched in Kyiv."
    )
    m_russian = _mention(t1, "Russian", None, role="actor", kind="demonym")
    m_kyiv = _mention(t1, "Kyiv", KYIV)
    m_moscow = _mention(t1, "Moscow", MOSCOW, role="actor")
    m_beijing = _mention(t1, "Beijing", BEIJING)
    s2, e2 = _find(t1, "Kyiv", m_kyiv.end)
    m_kyiv2 = Mention(s2, e2, "Kyiv", place=KYIV, score=0.9)
    d1 = Document(
        t1,
        id="art-1",
        date="2025-09-03",
        title="Kyiv attacked",
        url="https://example.org/kyiv",
        mentions=(m_russian, m_kyiv, m_moscow, m_beijing, m_kyiv2),
        events=(
            _event(
                t1,
                "attacked",
                "ASSAULT",
                m_kyiv,
                mode="aerial",
                cameo="195",
                actor="Russian forces",
                actor_country="RUS",
                location_role="occurred",
                date="2025-09-03",
                date_precision="day",
                quantities=("500 drones",),
                evidence="verb 'attacked' with actor Russian forces",
                score=0.8,
            ),
            _event(
                t1,
                "talks",
                "CONSULT",
                m_beijing,
                cameo="040",
                actor="Moscow",
                actor_country="RUS",
                location_role="proposed",
                date="2025-09-04",
                date_precision="day",
                score=0.6,
            ),
            _event(
                t1,
                "marched",
                "PROTEST",
                m_kyiv2,
                mode="demonstrate",
                cameo="141",
                actor="Protesters",
                actor_country="UKR",
                location_role="occurred",
                date="2025-09-05",
                date_precision="day",
                score=0.7,
            ),
        ),
    )
    t2 = f"Ukraine condemned the strike. {INJECT} Officials accused someone of lying."
    m_ukr = _mention(t2, "Ukraine", UKRAINE, role="actor")
    d2 = Document(
        t2,
        id="art-2",
        date="2025-09-04",
        title=f"Title {INJECT}",
        url="javascript:alert(1)",
        mentions=(m_ukr,),
        events=(
            _event(
                t2,
                "condemned",
                "ACCUSE",
                None,
                actor="Ukraine",
                actor_country="UKR",
                date="2025-09-04",
                date_precision="day",
                score=0.5,
            ),
            _event(
                t2,
                "accused",
                "ACCUSE",
                m_ukr,
                actor=INJECT,
                actor_country="UKR",
                target=INJECT,
                location_role="occurred",
                evidence=INJECT,
                score=0.5,
            ),
        ),
    )
    t3 = "American troops visited Suva for exercises."
    m_suva = _mention(t3, "Suva", SUVA)
    d3 = Document(
        t3,
        id="art-3",
        title="Fiji visit",
        url="https://example.org/fiji",
        mentions=(_mention(t3, "American", None, role="actor", kind="demonym"), m_suva),
        events=(
            _event(
                t3,
                "visited",
                "COOPERATE",
                m_suva,
                actor="American troops",
                actor_country="USA",
                location_role="occurred",
                score=0.7,
            ),
        ),
    )
    return [d1, d2, d3]


def n_events(docs: list[Document]) -> int:
    """All events, placed or not."""
    return sum(len(d.events) for d in docs)


def n_placed(docs: list[Document]) -> int:
    """Events with a resolved location."""
    return sum(1 for d in docs for e in d.events if e.location and e.location.place)


PLOVER = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT"
).split()
ACTORS = ("RUS", "UKR", "USA", "CHN", "FRA", "NGA", "BRA", "IND")


def synthetic_docs(n_events: int, seed: int = 7, per_doc: int = 5) -> list[Document]:
    """`n_events` events in articles of `per_doc`, at 500 made-up places, over 60 days."""
    import random

    rng = random.Random(seed)
    places = [
        Place(
            9_000_000 + k,
            f"Town {k}",
            round(rng.uniform(-50, 65), 5),
            round(rng.uniform(-170, 175), 5),
            "P",
            "PPL",
            rng.choice(["UA", "RU", "US", "NG", "BR", "IN", "FR", "CN"]),
            "01",
            "Region",
            rng.randint(1000, 10**6),
        )
        for k in range(500)
    ]
    docs = []
    made = 0
    d = 0
    while made < n_events:
        k = min(per_doc, n_events - made)
        events, mentions, parts = [], [], []
        for _ in range(k):
            place = rng.choice(places)
            etype = rng.choice(PLOVER)
            offset = sum(len(p) + 1 for p in parts)
            sentence = (
                f"Officials said forces {etype.lower()}ed near {place.name} on day {d % 60}, "
                f"according to local reports that described the scene in considerable detail."
            )
            t0 = offset + sentence.index(etype.lower())
            p0 = offset + sentence.index(place.name)
            m = Mention(p0, p0 + len(place.name), place.name, place=place, score=0.8)
            mentions.append(m)
            events.append(
                Event(
                    etype,
                    etype.lower(),
                    t0,
                    t0 + len(etype),
                    sentence,
                    actor="forces",
                    actor_country=rng.choice(ACTORS),
                    location=m,
                    location_role="occurred",
                    date=f"2025-{7 + (d % 60) // 30:02d}-{1 + (d % 30):02d}",
                    date_precision="day",
                    score=0.5,
                )
            )
            parts.append(sentence)
        docs.append(
            Document(
                " ".join(parts),
                id=f"syn-{d}",
                date="2025-07-01",
                title=f"Report {d}",
                url=f"https://example.org/{d}",
                mentions=tuple(mentions),
                events=tuple(events),
            )
        )
        made += k
        d += 1
    return docs
