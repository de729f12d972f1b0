"""Alternative spellings of Danish words, so a search typed without æ, ø and å still finds them.

Pagefind folds å to a, but not æ or ø: "okonomi", "aebler" or "fallesskab" find nothing. The search
index therefore gets a copy of each entry's text in which every word with æ, ø or å carries its other
spellings, joined by MARK: "økonomi" becomes "økonomi^oekonomi^okonomi". Pagefind splits a word at
ASCII punctuation and indexes (and stems) every part at the word's own position, so the variants
match, the Danish stemmer still applies to them, and excerpts stay aligned with the text. The reader
never sees a variant: the pages keep their text, and the search UI strips "^…" from excerpts
(see browser/text-fold.js, cleanText).
"""

from __future__ import annotations

import re
from functools import lru_cache

MARK = "^"

_SPECIAL = frozenset("æøåÆØÅ")
_SPECIAL_CHAR = re.compile("[æøåÆØÅ]")
_TAG = re.compile(r"(<[^>]*>)")
# The digraphs Danes type without a Danish keyboard, and the bare letters.
_DIGRAPH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_DIGRAPH_KEEP_AA = str.maketrans({"æ": "ae", "ø": "oe"})  # å is folded to a by Pagefind itself
_BARE = str.maketrans({"æ": "a", "ø": "o"})
_BARE_AA = str.maketrans({"æ": "a", "ø": "o", "å": "aa"})
# Bare forms of very short words collide with common words (før/for, sø/so): only from this length.
MIN_BARE_LENGTH = 4


@lru_cache(maxsize=65536)
def _suffix(word: str) -> str:
    return "".join(MARK + v for v in variants(word))


def variants(word: str) -> list[str]:
    """Other spellings of one word, lower-case, without the word itself; [] if it has no æ, ø or å."""
    if not _SPECIAL.intersection(word):
        return []
    lower = word.lower()
    forms = [lower.translate(_DIGRAPH), lower.translate(_DIGRAPH_KEEP_AA)]
    if len(lower) >= MIN_BARE_LENGTH:
        forms += [lower.translate(_BARE), lower.translate(_BARE_AA)]
    return [f for f in dict.fromkeys(forms) if f != lower]


def annotate(text: str) -> str:
    """Text with MARK-joined variants after every word that has æ, ø or å."""
    # Find the rare letters first and widen each to its word: much faster than a word regex over all text.
    out, pos, end = [], 0, len(text)
    for match in _SPECIAL_CHAR.finditer(text):
        start = match.start()
        if start < pos:  # a second special letter in a word already done
            continue
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        stop = match.end()
        while stop < end and text[stop].isalpha():
            stop += 1
        out += (text[pos:stop], _suffix(text[start:stop]))
        pos = stop
    out.append(text[pos:])
    return "".join(out)


def annotate_html(html: str) -> str:
    """annotate() applied to the text between tags; tags and attribute values are left alone.

    Meant for HTML this project renders itself (autoescaped templates, sanitized Markdown): no
    <script>, <style> or comments with text that must stay as it is.
    """
    parts = _TAG.split(html)
    for i in range(0, len(parts), 2):  # even items are text, odd items are tags
        if _SPECIAL_CHAR.search(parts[i]):
            parts[i] = annotate(parts[i])
    return "".join(parts)
