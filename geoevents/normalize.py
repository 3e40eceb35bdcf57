"""Name keys: the normalised form under which the gazetteer stores and looks up names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʼʻ"), None)
_DASHES = dict.fromkeys(map(ord, "-‐‑‒–—―_/"), " ")
_DOT = {ord("."): None}
_SPACE = re.compile(r"\s+")
_ASCII = str.maketrans({"'": None, "`": None, ".": None, "-": " ", "_": " ", "/": " ", ",": " "})
# Letters that NFKD does not decompose into a base letter and a mark.
_FOLD = str.maketrans(
    {"ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d"}
)


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Fold case, diacritics, apostrophes, dots and dashes: 'Kyïv' and 'KYIV' give 'kyiv'."""
    if name.isascii():
        text = name.lower().translate(_ASCII)
        return " ".join(text.split())
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().translate(_FOLD).translate(_APOSTROPHES).translate(_DASHES)
    text = text.translate(_DOT).replace(",", " ")
    return _SPACE.sub(" ", text).strip()
