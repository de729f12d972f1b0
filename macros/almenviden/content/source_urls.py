"""Source addresses that name a website, not the page that supports an entry (`https://bl.dk/`).

A reader who wants to check a claim needs the page itself. `check` reports such an address: a warning by
default (other organisations' catalogues), an error in strict mode (the shipped catalogue in CI).
"""

from __future__ import annotations

from typing import Any, Iterator
from urllib.parse import urlsplit

SOURCE_KEYS = frozenset({"sources", "source"})  # the common `sources` list and an example's `source`


def source_urls(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path of the url value, url) for every `url` of a source anywhere in an entry's validated data."""
    if isinstance(data, dict):
        url = data.get("url")
        if isinstance(url, str) and SOURCE_KEYS.intersection(p for p in path if isinstance(p, str)):
            yield path + ("url",), url
        for key, value in data.items():
            if key != "url":
                yield from source_urls(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from source_urls(value, path + (i,))


def is_host_only(url: str) -> bool:
    """A web address with no page: nothing after the host but an optional "/" (`https://bl.dk`, `https://bl.dk/`)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and parts.path in ("", "/") and not parts.query and not parts.fragment


def host_only_message(url: str) -> str:
    return (f"Skriv adressen på den side, der støtter posten, ikke kun forsiden: '{url}' peger på hele "
            "hjemmesiden. Find siden med selve oplysningen (fx lovens paragraf eller BL's vidensblad), og "
            "skriv dens fulde adresse og titel.")
