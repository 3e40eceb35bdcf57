"""Event dates from the article date and the words of the sentence."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from .lexicon import load_rules


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, dict[str, int], dict[str, int]]:
    r = load_rules()["dates"]
    weekdays = {d: i for i, d in enumerate(r["weekdays"])}
    months = {m: i + 1 for i, m in enumerate(r["months"])}
    months.update({m: i + 1 for i, m in enumerate(r["month_abbrev"])})
    months["sept"] = 9
    phrases = sorted(
        r["same_day"] + r["day_before"] + r["last_week"] + r["last_month"] + r["last_year"]
        + r["this_year"],
        key=len,
        reverse=True,
    )  # fmt: skip
    month_re = "|".join(sorted(months, key=len, reverse=True))
    pat = re.compile(
        r"\b(?:"
        rf"(?P<dm>(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{month_re})\.?(?:,?\s+(?P<y1>\d{{4}}))?)"
        rf"|(?P<md>(?P<m2>{month_re})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?)"
        rf"|(?P<my>(?:in|since|during|by|early|late|mid-?)\s+(?P<m3>{month_re})(?:\s+(?P<y3>\d{{4}}))?)"
        r"|(?P<iso>(?P<yi>\d{4})-(?P<mi>\d\d)-(?P<di>\d\d))"
        r"|(?P<year>(?:in|since|during|of|by)\s+(?P<y4>(?:19|20)\d\d))"
        rf"|(?P<wd>(?:last\s+|on\s+|this\s+)?(?P<w>{'|'.join(weekdays)})(?:\s+(?:morning|afternoon|evening|night))?)"
        rf"|(?P<rel>{'|'.join(re.escape(p) for p in phrases)})"
        r")\b",
    )
    return pat, weekdays, months


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_AMBIGUOUS = re.compile(
    r"\b(?:(?:may|march)\s+\d|\d+\s+(?:may|march)|(?:in|since|during|by|early|late|mid-?)\s+"
    r"(?:may|march))\b"
)


@lru_cache(maxsize=1)
def _date_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """Single date words (not the ambiguous "may", "march") and multi-word date phrases."""
    r = load_rules()["dates"]
    words = set(r["weekdays"] + r["months"] + r["month_abbrev"] + ["sept"]) - {"may", "march"}
    phrases = []
    for key in ("same_day", "day_before", "last_week", "last_month", "last_year", "this_year"):
        for p in r[key]:
            if " " in p:
                phrases.append(p)
            else:
                words.add(p)
    return frozenset(words), tuple(phrases)


@lru_cache(maxsize=1)
def _date_word_res() -> tuple[re.Pattern | None, re.Pattern, re.Pattern]:
    """_date_words as regexes: a phrase anywhere, a whole [a-z]+ word, "may" or "march"."""
    words, phrases = _date_words()
    alt = lambda xs: "|".join(map(re.escape, sorted(xs, key=len, reverse=True)))  # noqa: E731
    return (
        re.compile(alt(phrases)) if phrases else None,
        re.compile(rf"(?<![a-z])(?:{alt(words)})(?![a-z])"),
        re.compile(r"(?<![a-z])(?:may|march)(?![a-z])"),
    )


def _has_date(low: str) -> bool:
    """Cheap test on lower-cased text: a year, a date word or phrase, or "in May"."""
    phrase_re, word_re, ambiguous_re = _date_word_res()
    if _YEAR.search(low) or (phrase_re is not None and phrase_re.search(low)):
        return True
    if word_re.search(low):  # one regex scan instead of a set of every word
        return True
    return bool(ambiguous_re.search(low)) and bool(_AMBIGUOUS.search(low))


def parse_iso(value: str | None) -> date | None:
    """A date from an ISO 8601 string (time and zone ignored), None if unreadable."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def resolve_date(sentence: str, article_date: str | None) -> tuple[str | None, str]:
    """(ISO date, precision day|week|month|year) of the time expression in `sentence`."""
    pat, weekdays, months = _patterns()
    low = sentence.lower()
    if not _has_date(low):
        return None, ""
    ref = parse_iso(article_date)
    r = load_rules()["dates"]
    for m in pat.finditer(low):
        g = m.groupdict()
        if g["iso"]:
            return f"{g['yi']}-{g['mi']}-{g['di']}", "day"
        if g["dm"] or g["md"]:
            day = int(g["d1"] or g["d2"])
            mon = months[(g["m1"] or g["m2"]).lower()]
            year = g["y1"] or g["y2"]
            if year:
                y = int(year)
            elif ref:
                y = ref.year if (mon, day) <= (ref.month, ref.day) else ref.year - 1
            else:
                continue
            if 1 <= day <= 31:
                return f"{y:04d}-{mon:02d}-{day:02d}", "day"
        if g["my"]:
            word = g["m3"].lower()
            if word == "may" and not g["y3"]:
                continue  # the modal verb
            mon = months[word]
            if g["y3"]:
                return f"{int(g['y3']):04d}-{mon:02d}", "month"
            if ref:
                y = ref.year if mon <= ref.month else ref.year - 1
                return f"{y:04d}-{mon:02d}", "month"
        if g["year"]:
            return g["y4"], "year"
        if g["wd"] and ref:
            wd = weekdays[g["w"].lower()]
            back = (ref.weekday() - wd) % 7
            if g["wd"].lower().startswith("last") and back == 0:
                back = 7
            return (ref - timedelta(days=back)).isoformat(), "day"
        if g["rel"] and ref:
            phrase = g["rel"].lower()
            if phrase in r["same_day"]:
                return ref.isoformat(), "day"
            if phrase in r["day_before"]:
                return (ref - timedelta(days=1)).isoformat(), "day"
            if phrase in r["last_week"]:
                return (ref - timedelta(days=7)).isoformat(), "week"
            if phrase in r["last_month"]:
                first = ref.replace(day=1) - timedelta(days=1)
                return f"{first.year:04d}-{first.month:02d}", "month"
            if phrase in r["last_year"]:
                return f"{ref.year - 1:04d}", "year"
            if phrase in r["this_year"]:
                return f"{ref.year:04d}", "year"
    return None, ""
