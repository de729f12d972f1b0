"""The values Pagefind sorts search results by (data-pagefind-sort): "title" (A–Å) and "newest".

Each value is unique, so the order is the same whatever order Pagefind read the pages in, and the browser
computes the same value from a result's metadata and URL (browser/result-order.js, `sortValue`) to merge the
sorted results of several search shards (ARCHITECTURE.md §3.2). Pagefind compares the values as strings,
character by character (code points); a tab separates the parts, below every character a title holds.
"""

from __future__ import annotations

from datetime import date

from almenviden.danish.sorting import danish_sort_key

_SEP = "\t"
# Left out of the values: HTML would escape them in the attribute, and whether Pagefind reads "&amp;" back as
# "&" must not matter to the order (the browser computes the value from the unescaped title).
_ESCAPED = str.maketrans("", "", "&<>\"'")
_LATEST = 99_999_999  # the newest sort is ascending over this minus the date's YYYYMMDD


def url_name(path: str) -> str:
    """The last part of a page's path or URL without index.html or .html: "ideer/x/index.html" -> "x"."""
    path = path.split("?")[0].split("#")[0]
    path = path.removesuffix("index.html").removesuffix(".html").rstrip("/")
    return path.rsplit("/", 1)[-1]


def title_value(title: str, name: str) -> str:
    """A–Å by title (danish_sort_key, without & < > " '), then by the page's name (an entry's id)."""
    return danish_sort_key(title).translate(_ESCAPED) + _SEP + name


def newest_value(updated: date, title: str, name: str) -> str:
    """Newest first, then A–Å: ascending over the date counted down from 9999-99-99."""
    return f"{_LATEST - int(updated.strftime('%Y%m%d')):08d}" + _SEP + title_value(title, name)
