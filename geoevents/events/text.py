"""Sentence splitting and word tokens, by regular expressions (no model)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

WORD_RE = re.compile(
    r"[A-Za-z0-9\u00C0-\u024F]+(?:(?:[-.]|['’](?![sS]\b))[A-Za-z0-9\u00C0-\u024F]+)*"
    r"|['’][sS]\b|[^\sA-Za-z0-9]"
)

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = frozenset(
    "mr mrs ms dr prof gen col lt maj capt sgt gov sen rep st mt ft jr sr no vs etc inc corp co "
    "ltd jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m".split()
)
_LAST_WORD_RE = re.compile(r"([A-Za-z.]+)\.$")
_SENT_END_RE = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z])")


class Token(NamedTuple):
    """A word or punctuation mark with its character offsets."""

    start: int
    end: int
    text: str
    lower: str


@dataclass(frozen=True)
class Sentence:
    """A sentence's offsets in the document and its tokens."""

    start: int
    end: int
    tokens: tuple[Token, ...]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in _SENT_END_RE.finditer(text):
        end = m.end()
        if m.group(0)[:1] == ".":
            word = _LAST_WORD_RE.search(text[max(begin, m.start() - 12) : m.start() + 1])
            if word and word.group(1).lower().rstrip(".") in _ABBREV:
                continue
            if word and len(word.group(1)) == 1 and word.group(1).isupper():
                continue  # an initial: "George W. Bush"
        _push(text, begin, end, spans)
        begin = end
    _push(text, begin, len(text), spans)
    return spans


def _push(text: str, begin: int, end: int, spans: list[tuple[int, int]]) -> None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if end > begin:
        spans.append((begin, end))


def tokenize(text: str, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    """Word and punctuation tokens of text[start:end], with document offsets."""
    end = len(text) if end is None else end
    new = tuple.__new__  # NamedTuple's own constructor is several times slower in this loop
    return tuple(
        [
            new(Token, (a, b, w, w.lower()))
            for m in WORD_RE.finditer(text, start, end)
            for (a, b), w in ((m.span(), m.group()),)
        ]
    )


def sentences(text: str) -> list[Sentence]:
    """The sentences of `text` with their tokens."""
    return [Sentence(s, e, tokenize(text, s, e)) for s, e in split_sentences(text)]
