"""Word tokens with character offsets, and sentence starts, for the recogniser."""

from __future__ import annotations

import re
from typing import NamedTuple

# Abbreviations with inner dots (U.S., D.C., W.Va.), then words with inner apostrophes or
# hyphens (Côte d'Ivoire, Khan-Yunis), numbers, any other single character.
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Z]\.[A-Z][a-z]{1,3}\.|[^\W\d_][\w]*(?:[-'’][\w]+)*|\d[\d,.]*|\S"
)
_SENTENCE_END = frozenset(".!?")


class Token(NamedTuple):
    """One token: its text, offsets and shape flags."""

    text: str
    start: int
    end: int
    sentence_start: bool

    @property
    def capitalized(self) -> bool:
        """First character is an upper-case letter."""
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        """Starts with a letter."""
        return self.text[:1].isalpha()


def tokenize(text: str) -> list[Token]:
    """Split text into tokens; a token after . ! ? or a blank line starts a sentence."""
    out: list[Token] = []
    boundary = True
    last_end = 0
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if "\n" in text[last_end : m.start()]:
            boundary = True
        start, end = m.start(), m.end()
        # Possessive 's stays outside the name: "Russia's" -> "Russia" + "'s".
        if len(tok) > 2 and tok[-2] in "'’" and tok[-1] in "sS":
            out.append(Token(tok[:-2], start, end - 2, boundary))
            out.append(Token(tok[-2:], end - 2, end, False))
            boundary = False
            last_end = end
            continue
        out.append(Token(tok, start, end, boundary))
        if tok in _SENTENCE_END:
            boundary = True
        elif tok not in {'"', "“", "”", "(", "'", "‘", "—", "-", "–"}:
            boundary = False
        last_end = end
    return out
