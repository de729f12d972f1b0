"""Writing the entry pages of a built site from the theme's shell pages. No MkDocs here.

The MkDocs plugin hands over, per kind, the shell page the theme rendered (shell.py); this module fills
every entry of that kind into it and writes the page (unchanged files are not rewritten), shows a
progress line, and at the end removes the shell pages and lists the entries in the sitemap in their
place. Rendered entry HTML comes from the entry cache (cache.py), together with the entry's
search copy (search_index.search_article), which goes to the search index as each page is written.
"""

from __future__ import annotations

import gzip
import re
import sys
from datetime import date
from pathlib import Path
from typing import Callable

from markupsafe import escape

from almenviden.build import workers as parallel_render
from almenviden.build.cache import Cache, entry_key
from almenviden.content.kinds import KINDS
from almenviden.content.model import Catalogue, Entry
from almenviden.build.workers import render_parts
from almenviden.search.index import BackgroundIndex, index_document, page_lang
from almenviden.build.shell import SHELL_NAME, Shell
from almenviden.render.urls import entry_url

PROGRESS_EVERY = 250


def page_path(kind: str, entry_id: str, directory_urls: bool) -> str:
    """Where the page of `entry_id` (or of the shell, SHELL_NAME) goes, relative to the site."""
    url = entry_url(kind, entry_id, directory_urls)
    return url + "index.html" if url.endswith("/") else url


class EntryWriter:
    """Fills and writes the entry pages of one build into `site_dir`."""

    def __init__(self, site_dir: Path, catalogue: Catalogue, cache: Cache, *, directory_urls: bool,
                 taxonomy_hash: str, edit_path: Callable[[Entry], str | None], show_progress: bool,
                 search: BackgroundIndex | None = None, today: date | None = None) -> None:
        self.site_dir = Path(site_dir)
        self.catalogue = catalogue
        self.cache = cache
        self.directory_urls = directory_urls
        self.edit_path = edit_path
        self.show_progress = show_progress
        self.search = search
        self.today = today or date.today()
        context = "\0".join((taxonomy_hash, str(directory_urls)))  # the code: the cache file's fingerprint
        self._keys = {e.id: entry_key(e, catalogue, context, self.today) for e in catalogue.entries.values()}
        self.done = 0
        # Entries the cache cannot give: with many of them (a cold build), worker processes start now.
        to_render = [e.id for kind in KINDS for e in catalogue.entries.values()
                     if e.kind == kind and not cache.is_fresh(e.id, self._keys[e.id])]
        self._renderer = parallel_render.start(catalogue, to_render, directory_urls=directory_urls, today=self.today)

    def write_kind(self, kind: str, shell: Shell) -> None:
        """Every entry page of `kind`: the shell filled with the entry; unchanged files are not rewritten."""
        lang = page_lang(shell.before)
        for entry in self.catalogue.entries.values():
            if entry.kind != kind:
                continue
            content, article = self.cache.get_or_render(entry.id, self._keys[entry.id],
                                                        lambda: self._render(entry))
            html = shell.fill(entry_id=entry.id, title=entry.title, content=content, edit_path=self.edit_path(entry))
            relative = page_path(kind, entry.id, self.directory_urls)
            self._write(relative, html.encode("utf-8", errors="xmlcharrefreplace"))
            if self.search is not None and article is not None:
                self.search.add(relative, index_document(article, lang))
            self._progress()
        if self.search is not None:
            self.search.index_added()

    def _render(self, entry: Entry) -> tuple[str, str | None]:
        """An entry's page content and its search article, from the workers if they have it."""
        parts = self._renderer.take(entry.id) if self._renderer is not None else None
        return parts or render_parts(entry, self.catalogue, self.directory_urls, self.today)

    def _write(self, relative: str, data: bytes) -> None:
        target = self.site_dir / relative
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                return
            target.unlink()  # it may be a hard link to the previous site's page (kept_pages): never write through
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def _progress(self) -> None:
        self.done += 1
        total = len(self.catalogue.entries)
        if self.show_progress and (self.done % PROGRESS_EVERY == 0 or self.done == total):
            print(f"\ralmenviden: {self.done}/{total} poster skrevet", end="\n" if self.done == total else "",
                  file=sys.stderr, flush=True)

    def finish(self, kinds: list[str]) -> None:
        """Drop the shell pages of `kinds` from the site, list the entries in the sitemap in their place,
        and save the cache."""
        self.close()
        sitemap = self.site_dir / "sitemap.xml"
        text = sitemap.read_text(encoding="utf-8") if sitemap.is_file() else None
        for kind in kinds:
            shell_page = self.site_dir / page_path(kind, SHELL_NAME, self.directory_urls)
            shell_page.unlink(missing_ok=True)
            if shell_page.parent != self.site_dir:
                try:
                    shell_page.parent.rmdir()
                except OSError:
                    pass
            if text is None:
                continue
            ids = [str(escape(e.id)) for e in self.catalogue.entries.values() if e.kind == kind]
            text = re.sub(r"<url>(?:(?!</url>).)*?" + re.escape(SHELL_NAME) + r".*?</url>",
                          lambda m: "\n    ".join(m.group(0).replace(SHELL_NAME, i) for i in ids), text, flags=re.S)
        if text is not None:
            sitemap.write_text(text, encoding="utf-8")
            with open(str(sitemap) + ".gz", "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as gz:
                gz.write(text.encode("utf-8"))
        self.cache.save()

    def close(self, *, failed: bool = False) -> None:
        """Stop the worker processes, if any; after a failed build without waiting for them. Idempotent."""
        renderer, self._renderer = self._renderer, None
        if renderer is not None:
            renderer.abandon() if failed else renderer.close()
