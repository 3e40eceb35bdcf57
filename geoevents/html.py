"""Making input text safe for HTML: the one escaping function, links, and JSON inside <script>."""

from __future__ import annotations

import html as _html
import json
from typing import Any
from urllib.parse import urlsplit

_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def escape(text: Any) -> str:
    """Text (any value; None → '') as HTML-safe text: & < > " ' become entities."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    return _html.escape(text, quote=True)


def safe_url(url: Any) -> str | None:
    """`url` when it is an absolute http(s) URL with a host, else None (javascript:, data:, ...)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    if any(c in url for c in "\x00\r\n\t"):
        return None
    return url


def link(text: Any, url: Any) -> str:
    """Escaped `text`, as a link (new tab, no referrer) only when `url` is http(s)."""
    label = escape(text)
    href = safe_url(url)
    if href is None:
        return label
    return f'<a href="{escape(href)}" target="_blank" rel="noopener noreferrer">{label or escape(href)}</a>'


def highlight(sentence: Any, start: int | None, end: int | None) -> str:
    """Escaped `sentence` with sentence[start:end] wrapped in <mark> (offsets into the sentence)."""
    s = "" if sentence is None else str(sentence)
    if start is None or end is None or not (0 <= start < end <= len(s)):
        return escape(s)
    return f"{escape(s[:start])}<mark>{escape(s[start:end])}</mark>{escape(s[end:])}"


def script_json(value: Any) -> str:
    """`value` as JSON that is safe to place inside an HTML <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, code in _SCRIPT_ESCAPES:  # str.replace is far faster than translate on megabytes
        text = text.replace(char, code)
    return text
