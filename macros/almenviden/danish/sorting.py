"""Alphabetical order as a Danish reader expects it: ... x, y, z, æ, ø, å."""

from __future__ import annotations

_DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "é": "e", "ü": "y"})


def danish_sort_key(text: str) -> str:
    """Sort as a Danish reader expects: ... x, y, z, æ, ø, å.

    `lower()`, not `casefold()`: the browser computes the same key with `toLowerCase()` to put the results of
    several search shards in order (browser/result-order.js, `danishKey`), and both are Unicode's lowercase
    mapping."""
    return text.lower().translate(_DANISH_ORDER)
