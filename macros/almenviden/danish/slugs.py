"""Ids from titles: "Fælles kaffe i gården" -> "faelles-kaffe-i-gaarden"."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 60

# Danish letters the Danish way; a few others NFKD cannot take apart.
_SPELLED_OUT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss", "œ": "oe", "þ": "th", "ð": "d",
                              "ł": "l", "đ": "d", "ı": "i"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """Lowercase ASCII letters, digits and single hyphens; "" if nothing usable is left."""
    text = text.lower().translate(_SPELLED_OUT)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    slug = _NOT_ALNUM.sub("-", text.encode("ascii", "ignore").decode("ascii")).strip("-")
    if len(slug) > max_length:  # cut at a word boundary when there is one
        cut = slug[:max_length + 1].rfind("-")
        slug = slug[:cut if cut > 0 else max_length].strip("-")
    return slug
