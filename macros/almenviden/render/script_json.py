"""Data for the browser inside a page: JSON in <script type="application/json">, safe as HTML."""

from __future__ import annotations

import json
from typing import Any

_ESCAPES = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def json_for_html(data: Any, *, ascii_only: bool = False) -> str:
    """JSON with no <, > or & as themselves (so no "</script>" or "<!--" can end or bend the element) and the
    line separators escaped. JSON.parse reads it back unchanged. `ascii_only`: every other non-ASCII character
    escaped too (a script file read without a declared encoding)."""
    text = json.dumps(data, ensure_ascii=ascii_only, separators=(",", ":"))
    for char, escape in _ESCAPES:
        text = text.replace(char, escape)
    return text
