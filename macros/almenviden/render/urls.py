"""Site URLs of entries and relative links between pages (works with and without directory URLs)."""

from __future__ import annotations

import posixpath
from functools import lru_cache

from almenviden.content.kinds import KINDS


def entry_url(kind: str, entry_id: str, directory_urls: bool) -> str:
    base = f"{KINDS[kind].url_dir}/{entry_id}"
    return base + "/" if directory_urls else base + ".html"


# A print view's name beside its entry's: "--" never occurs in an id (content/fields.ID_PATTERN), so it cannot be
# another entry's page. In the entry's own folder, the theme's shell page of the kind fits it unchanged (its links
# are relative: "../" is the kind's listing page).
PRINT_SUFFIX = "--print"


def print_url(kind: str, entry_id: str, directory_urls: bool) -> str:
    """The print view of an entry that is printed whole (a guide with its steps' entries): introforloeb/<id>--print/."""
    return entry_url(kind, entry_id + PRINT_SUFFIX, directory_urls)


@lru_cache(maxsize=16384)  # a page links to the same few listing URLs again and again; relpath is slow
def relative_url(from_url: str, to_url: str) -> str:
    """Link from the page at `from_url` to `to_url`, both relative to the site root."""
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    rel = posixpath.relpath(to_url or ".", from_dir or ".")
    if to_url.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel


FORM_DIR = "bidrag"  # the contribution form's page (docs/bidrag/index.md)


def form_url(directory_urls: bool) -> str:
    return FORM_DIR + "/" if directory_urls else FORM_DIR + "/index.html"
