"""Word tokens with character offsets, and sentence starts, for the recogniser."""

from __future__ import annotations

import re
from typing import NamedTuple

# Abbreviations with inner dots (U.S., D.C., W.Va.), short ones before a name (St. Louis,
# Mt. Pleasant, Calif. Gov.), then words with inner apostrophes or
# hyphens (Côte d'Ivoire, Khan-Yunis), numbers, any other single character.
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Z]\.[A-Z][a-z]{1,3}\.|[A-Z][a-z]{0,3}\.(?= [A-Z])"
    r"|[^\W\d_][\w]*(?:[-'’][\w]+)*|\d[\d,.]*|\S"
)
_SENTENCE_END = frozenset(".!?")


class Token(NamedTuple):
    """One token: its text, offsets and shape flags."""

    text: str
    start: int
    end: int
    sentence_start: bool
    capitalized: bool  # first character is an upper-case letter
    is_word: bool  # starts with a letter


_OPENERS = frozenset({'"', "“", "”", "(", "'", "‘", "—", "-", "–"})


def tokenize(text: str) -> list[Token]:
    """Split text into tokens; a token after . ! ? or a line break starts a sentence."""
    out: list[Token] = []
    append = out.append
    new = tuple.__new__  # skips NamedTuple's Python-level constructor: this loop is hot
    boundary = True
    last_end = 0
    find = text.find
    for m in _TOKEN.finditer(text):
        tok = m.group()
        start, end = m.span()
        if start > last_end and find("\n", last_end, start) != -1:
            boundary = True
        last_end = end
        first = tok[0]
        word = first.isalpha()
        cap = first.isupper()
        # Possessive 's stays outside the name: "Russia's" -> "Russia" + "'s".
        if word and len(tok) > 2 and tok[-2] in "'’" and tok[-1] in "sS":
            append(new(Token, (tok[:-2], start, end - 2, boundary, cap, True)))
            append(new(Token, (tok[-2:], end - 2, end, False, False, False)))
            boundary = False
            continue
        append(new(Token, (tok, start, end, boundary, cap, word)))
        if tok in _SENTENCE_END:
            boundary = True
        elif tok not in _OPENERS:
            boundary = False
    return out
