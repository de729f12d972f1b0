"""The Pagefind search index of a built site, through Pagefind's Python API.

Only entry pages are indexed (the ones whose HTML has `data-pagefind-body`, set by templates/entry.html);
hand-written pages are listings and navigation, and would only repeat the entries' titles in results.

Pagefind does not read the pages themselves but a copy of each entry's <article> whose text carries
alternative Danish spellings (danish_fold.py). The copies are written to a scratch folder that mirrors
the site's paths, so Pagefind derives the same result URLs as for the real pages, and the whole folder is
indexed with one `add_directory` call and written on leaving `PagefindIndex` (the Python API answers one request per 0.1 s, so a request per
page would take minutes at 10,000 pages). `IndexCopies.add` can be fed page by page while the site is
still being rendered; `build_search_index` does it from the files on disk after the build.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .danish_fold import annotate_html

log = logging.getLogger("mkdocs.plugins.almenviden")

BUNDLE_DIR = "pagefind"
BODY_ATTRIBUTE = "data-pagefind-body"
# Pagefind writes ready-made UIs next to the index; the site uses its own (search.js), so they go.
_UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                        "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")

# Pagefind 1.5.2 asks for every index chunk when the search term is empty (a filter-only search: the
# catalogue without a query), although the search itself never reads word chunks for an empty term:
# at 10,000 entries that is 12 MB for a page of cards. Fixed upstream after 1.5.2 (Pagefind PR #1317,
# "Don't request index chunks for an empty search term"); until then the one call is patched here.
_CHUNK_REQUEST = "let index_resp=this.backend.request_indexes(ptr,term);"
_CHUNK_REQUEST_FIXED = 'let index_resp=term?this.backend.request_indexes(ptr,term):"[]";'

_ARTICLE = re.compile(r"<article\b[^>]*\b" + BODY_ATTRIBUTE + r"\b.*?</article>", re.S)
_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"", re.I)


class SearchIndexError(Exception):
    """Pagefind could not build the index; the message is Danish and meant for the user."""


@dataclass(frozen=True)
class IndexStats:
    pages: int
    bundle: Path


def index_copy(html: str) -> str | None:
    """The document Pagefind indexes for one page: its entry <article> with alternative spellings, or None."""
    match = _ARTICLE.search(html)
    if match is None:
        return None
    lang = _LANG.search(html)
    return (f'<!doctype html><html lang="{lang.group(1) if lang else "da"}"><head><meta charset="utf-8">'
            f"<title></title></head><body>{annotate_html(match.group(0))}</body></html>")


class IndexCopies:
    """A scratch folder of index copies, laid out like the site."""

    def __init__(self) -> None:
        self._dir = Path(tempfile.mkdtemp(prefix="almenviden-search-"))
        self.count = 0

    def add(self, relative_path: str, html: str) -> bool:
        copy = index_copy(html)
        if copy is None:
            return False
        target = self._dir / relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(copy, encoding="utf-8")
        self.count += 1
        return True

    def write_index(self, site_dir: Path) -> IndexStats:
        """Index the copies into <site_dir>/pagefind (replacing it) and remove the scratch folder."""
        bundle = Path(site_dir).resolve() / BUNDLE_DIR
        try:
            if bundle.exists():
                shutil.rmtree(bundle)
            if self.count:
                _run(_pagefind(self._dir, bundle))
                for name in _UNUSED_BUNDLE_FILES:
                    (bundle / name).unlink(missing_ok=True)
                patch_filter_only_search(bundle / "pagefind.js")
        finally:
            shutil.rmtree(self._dir, ignore_errors=True)
        return IndexStats(self.count, bundle)


def build_search_index(site_dir: Path) -> IndexStats:
    """Index every entry page of a built site into <site_dir>/pagefind."""
    site_dir = Path(site_dir)
    copies = IndexCopies()
    for page in sorted(site_dir.rglob("*.html")):
        relative = page.relative_to(site_dir)
        if relative.parts[0] == BUNDLE_DIR:
            continue
        html = page.read_text(encoding="utf-8")
        if BODY_ATTRIBUTE in html:
            copies.add(relative.as_posix(), html)
    stats = copies.write_index(site_dir)
    log.info("almenviden: søgeindeks over %d poster skrevet til %s", stats.pages, stats.bundle)
    return stats


def patch_filter_only_search(script: Path) -> bool:
    """Let a filter-only search skip the word index (see _CHUNK_REQUEST). False if pagefind.js has changed."""
    code = script.read_text(encoding="utf-8")
    if code.count(_CHUNK_REQUEST) != 1:
        log.warning("almenviden: pagefind.js har ændret sig; kataloget uden søgeord henter nu hele ordindekset. "
                    "Tjek search_index.patch_filter_only_search mod den nye Pagefind-version.")
        return False
    script.write_text(code.replace(_CHUNK_REQUEST, _CHUNK_REQUEST_FIXED), encoding="utf-8")
    return True


async def _pagefind(source: Path, bundle: Path) -> None:
    from pagefind.index import PagefindIndex

    # Leaving the context writes the files, once, to output_path (an explicit write_files() inside it
    # would be followed by a second write to Pagefind's default folder, relative to the working directory).
    async with PagefindIndex(config={"output_path": str(bundle)}) as index:
        result = await index.add_directory(str(source))
        if not result.get("page_count"):
            raise SearchIndexError(f"Pagefind fandt ingen sider at indeksere i {source}.")


def _run(coroutine) -> None:
    """Run Pagefind's async API to completion, also when the caller already runs an event loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        try:
            pool.submit(asyncio.run, coroutine).result()
        except SearchIndexError:
            raise
        except FileNotFoundError as exc:
            raise SearchIndexError("Pagefind-programmet mangler. Installér almenviden igen "
                                   "(pip install -e .), så pakken pagefind[bin] kommer med.") from exc
        except Exception as exc:  # the service reports failures as bare Exceptions
            raise SearchIndexError(f"Søgeindekset kunne ikke bygges: {exc}") from exc
