"""The "følg eller forklar" sheet (/anbefalinger/foelg-eller-forklar/): every recommendation of every
recommendation entry, with a choice and an explanation field. Host-independent; the browser code in
browser/foelg-eller-forklar*.js keeps the answers in the reader's browser.

Each recommendation gets a key and a hash of its text:

- the key is `<entry id>/<n>` (n counts from 1 in the entry's list). Recommendations are plain strings in
  the catalogue, without an identity of their own; the position survives any edit of the text, and the
  browser code makes it survive reordering too: an answer whose key no longer carries its text is moved to
  the recommendation of the same entry that carries exactly that text (browser/foelg-eller-forklar-match.js).
- the hash is the first 12 hex digits of SHA-256 over the text with its white space collapsed (so that
  re-wrapping a YAML line is no change). An answer keeps the hash it was given against; when it differs
  from the page's, the sheet says "Teksten er ændret, siden I svarede".
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from almenviden.browser import SITE_ASSET_DIR
from almenviden.content.kinds import KINDS
from almenviden.content.model import Catalogue, Entry
from almenviden.render.environment import template
from almenviden.render.urls import entry_url, relative_url

KIND = "recommendations"
SHEET_DOC = f"{KINDS[KIND].url_dir}/foelg-eller-forklar"  # the hand-written page (docs/anbefalinger/foelg-eller-forklar.md)
# The sheet's stylesheet and scripts, in load order (browser/; each attaches to window.almenviden.foelgEllerForklar).
STYLESHEET = "foelg-eller-forklar.css"
SCRIPTS = ("foelg-eller-forklar-format.js", "foelg-eller-forklar-store.js", "foelg-eller-forklar-match.js",
           "foelg-eller-forklar-report.js", "foelg-eller-forklar.js")
# The three answers: the value kept in the browser and in a saved file, and the label. The same values are in
# browser/foelg-eller-forklar-format.js (CHOICES), which a test compares with this table.
CHOICES = (("foelger", "Vi følger"), ("foelger-delvist", "Vi følger delvist"), ("foelger-ikke", "Vi følger ikke"))
HASH_LENGTH = 12
# Characters; the same limits are in browser/foelg-eller-forklar-format.js (LIMITS), compared by the same test.
EXPLANATION_MAX = 5000
ORGANISATION_MAX = 200


def text_hash(text: str) -> str:
    """A short hash of a recommendation's text, blind to white space and Unicode normal form."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:HASH_LENGTH]


@dataclass(frozen=True)
class SheetItem:
    key: str  # "<entry id>/<n>"
    field_id: str  # the HTML ids' stem, "foe-<entry id>-<n>"
    number: int
    text: str
    hash: str


@dataclass(frozen=True)
class SheetEntry:
    entry: Entry
    url: str
    items: tuple[SheetItem, ...]


def sheet_items(entry: Entry) -> tuple[SheetItem, ...]:
    return tuple(SheetItem(f"{entry.id}/{n}", f"foe-{entry.id}-{n}", n, text, text_hash(text))
                 for n, text in enumerate(entry.details.recommendations, start=1))


def sheet_entries(catalogue: Catalogue, page_url: str, directory_urls: bool) -> list[SheetEntry]:
    return [SheetEntry(e, relative_url(page_url, entry_url(e.kind, e.id, directory_urls)), sheet_items(e))
            for e in catalogue.of_kind(KIND)]


def sheet_url(page_url: str, directory_urls: bool) -> str:
    """The link from the page at `page_url` to the sheet."""
    return relative_url(page_url, SHEET_DOC + ("/" if directory_urls else ".html"))


def render_sheet(catalogue: Catalogue, page_url: str, *, directory_urls: bool = True) -> str:
    entries = sheet_entries(catalogue, page_url, directory_urls)
    asset = lambda name: relative_url(page_url, f"{SITE_ASSET_DIR}/{name}")  # noqa: E731
    return template("comply_sheet.html").render(
        entries=entries, total=sum(len(e.items) for e in entries), choices=CHOICES,
        stylesheet=asset(STYLESHEET), scripts=[asset(name) for name in SCRIPTS],
        explanation_max=EXPLANATION_MAX, organisation_max=ORGANISATION_MAX)
