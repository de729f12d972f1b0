"""Writing the entry pages of a built site from the theme's shell pages. No MkDocs here.

The pipeline (pipeline.py) hands over, per kind, the shell page the host's theme rendered (shell.py);
this module fills every entry of that kind into it and writes the page and the entry's list data file
(render/list_data.py; unchanged files are not rewritten) and shows a progress line. Rendered entry HTML comes from the entry cache (sitebuild/cache.py),
together with the entry's search article, which goes to the search index as each page is written.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from almenviden.sitebuild import workers
from almenviden.sitebuild.cache import WRITTEN, Cache, entry_key, key_of
from almenviden.content.kinds import KINDS
from almenviden.content.model import Catalogue, Entry
from almenviden.sitebuild.workers import render_parts
from almenviden.search.index import index_document
from almenviden.search.shard_index import SiteIndex
from almenviden.sitebuild.shell import Shell
from almenviden.render.entry_page import PRINTED_WHOLE
from almenviden.render.feedback import FeedbackTarget, feedback_link
from almenviden.render.guide_print import print_title, render_print_page
from almenviden.render.list_data import data_path
from almenviden.render.urls import PRINT_SUFFIX, entry_url

# The progress bar (tqdm, shown in a terminal only: pipeline.SiteBuild decides) in Danish words.
PROGRESS_FORMAT = "Skriver sider: {percentage:3.0f}% |{bar}| {n_fmt}/{total_fmt} poster [{elapsed}, {remaining} tilbage]"


def page_path(kind: str, entry_id: str, directory_urls: bool) -> str:
    """Where the page of `entry_id` (or of the shell, SHELL_NAME) goes, relative to the site."""
    url = entry_url(kind, entry_id, directory_urls)
    return url + "index.html" if url.endswith("/") else url


def print_path(kind: str, entry_id: str, directory_urls: bool) -> str:
    """Where the print view of `entry_id` goes (render.urls.print_url), relative to the site."""
    return page_path(kind, entry_id + PRINT_SUFFIX, directory_urls)


@dataclass(frozen=True)
class EntryPage:
    """Where an entry's page goes and what its edit link points to (pipeline.plan)."""
    entry: Entry
    path: str  # the page's file, relative to the site (page_path)
    edit_path: str | None  # the entry's file after the host's edit base; None: no edit link


def _progress_bar(total: int):
    """A progress bar on stderr (a terminal) over the `total` entry pages; tqdm redraws it at most ~5 times a
    second and fits it to the terminal's width."""
    from tqdm import tqdm  # only a build in a terminal needs it

    return tqdm(total=total, file=sys.stderr, bar_format=PROGRESS_FORMAT, dynamic_ncols=True, mininterval=0.2,
                leave=True, ascii=False)


class EntryWriter:
    """Fills and writes the entry pages of one build into `site_dir`."""

    def __init__(self, site_dir: Path, catalogue: Catalogue, pages: list[EntryPage], cache: Cache, *,
                 directory_urls: bool, taxonomy_hash: str, show_progress: bool,
                 search: SiteIndex | None = None, today: date | None = None,
                 feedback: FeedbackTarget | None = None, site_url: str | None = None,
                 written: Cache | None = None) -> None:
        self.site_dir = Path(site_dir)
        self.catalogue = catalogue
        self.pages = pages
        self.cache = cache
        self.directory_urls = directory_urls
        self.show_progress = show_progress
        self.search = search
        self.today = today or date.today()
        self.feedback = feedback
        self.site_url = site_url
        self.written = written if written is not None else Cache(None, WRITTEN)
        self.skipped = 0  # entry pages left as they were (see _unchanged_on_disk)
        context = "\0".join((taxonomy_hash, str(directory_urls)))  # the code: the cache file's fingerprint
        self._keys = {p.entry.id: entry_key(p.entry, catalogue, context, self.today) for p in pages}
        if search is not None:  # the search shards' identities are their members' keys
            search.expect((p.entry.kind, p.entry.id, self._keys[p.entry.id]) for p in pages)
        self.done = 0
        self._bar = _progress_bar(len(catalogue.entries)) if show_progress else None
        # Entries the cache cannot give: with many of them (a cold build), worker processes start now.
        to_render = [p.entry.id for kind in KINDS for p in pages
                     if p.entry.kind == kind and not cache.is_fresh(p.entry.id, self._keys[p.entry.id])]
        self._renderer = workers.start(catalogue, to_render, directory_urls=directory_urls, today=self.today)

    def write_kind(self, kind: str, shell: Shell, lang: str, shell_key: str | None = None) -> None:
        """Every entry page of `kind`: the shell filled with the entry; unchanged files are not rewritten.
        `lang` is the pages' language, for the search index; `shell_key` a hash of the shell page's HTML (None:
        every page is filled and compared)."""
        for page in self.pages:
            entry = page.entry
            if entry.kind != kind:
                continue
            wanted = self.search is not None and self.search.wants(entry.id)
            digest = None if shell_key is None else key_of(shell_key, self._keys[entry.id], page.path,
                                                           page.edit_path, repr(self.feedback), self.site_url)
            unchanged = digest is not None and self._unchanged_on_disk(digest, page.path, data_path(entry.id))
            if unchanged and not wanted:
                self.cache.keep(entry.id, self._keys[entry.id])
            else:
                content, article, data_script = self.cache.get_or_render(entry.id, self._keys[entry.id],
                                                                         lambda: self._render(entry))
                if wanted:  # its shard is indexed again: the record, even when the page itself is unchanged
                    self.search.add_entry(entry.id, page.path, index_document(article, lang))
            if unchanged:
                if self._renderer is not None:
                    self._renderer.forget(entry.id)
                self.skipped += 1
                self._progress()
                self._write_print_view(page, shell, shell_key)
                continue
            # "Giv besked om siden" follows the article: it depends on the configuration, not on the entry's
            # cached content, so the cache does not need to know the configuration.
            content = content + str(feedback_link(entry.title, entry_url(entry.kind, entry.id, self.directory_urls),
                                                  self.feedback, self.site_url))  # str: Markup would escape it
            html = shell.fill(entry_id=entry.id, title=entry.title, content=content, edit_path=page.edit_path)
            self._write(page.path, html.encode("utf-8", errors="xmlcharrefreplace"))
            self._write(data_path(entry.id), data_script.encode("ascii"))
            if digest is not None:
                self._note_written(digest, page.path, data_path(entry.id))
            self._progress()
            self._write_print_view(page, shell, shell_key)
        if self.search is not None:
            self.search.kind_done(kind)

    def _write_print_view(self, page: EntryPage, shell: Shell, shell_key: str | None = None) -> None:
        """The entry printed whole (render/guide_print.py), if its kind has a print view: the kind's shell filled
        with the print view, at <url_dir>/<id>--print/, beside the entry's page, so the shell's relative links
        hold. Not indexed for search and not in the sitemap. Cached under ("print", id), keyed by the entry's key
        and the key of every step's entry (each covers that entry's fields and the titles it links to).
        Written right after the entry's page: the render workers deliver both in one chunk, and the chunk's
        parts are freed only when both were taken (a kind's print views written after the whole kind kept every
        chunk of it in the build process: ~200 MB at 10,000 synthetic entries)."""
        entry = page.entry
        kind = entry.kind
        if kind not in PRINTED_WHOLE:
            return
        key = key_of(self._keys[entry.id], *[self._keys.get(ref.target, "-") for ref in entry.references()])
        path = print_path(kind, entry.id, self.directory_urls)
        digest = None if shell_key is None else key_of(shell_key, key, path, page.edit_path)
        if digest is not None and self._unchanged_on_disk(digest, path):
            self.cache.keep(workers.print_key(entry.id), key)
            content = None
        else:
            content = self.cache.get_or_render(workers.print_key(entry.id), key, lambda: self._render_print(entry))
        if self._renderer is not None:  # rendered by a worker but not needed: its chunk need not wait for it
            self._renderer.forget(workers.print_key(entry.id))
        if content is None:
            return
        # The shell's own name becomes the entry's id: its canonical link (with site_url) is the entry's page.
        html = shell.fill(entry_id=entry.id, title=print_title(entry), content=content, edit_path=page.edit_path)
        self._write(path, html.encode("utf-8", errors="xmlcharrefreplace"))
        if digest is not None:
            self._note_written(digest, path)

    # A page whose inputs are all unchanged (the shell page's HTML, the entry's cache key, its path and edit
    # path, the feedback configuration) and whose files (the page, and an entry page's list data file) are still
    # the very files this writer wrote last time (same size, mtime and inode: kept_pages hard-links or moves
    # them, keeping all three) is left alone without reading its cached content or the files: a rebuild after
    # one edit costs a stat per page, not a page. The record is kept under the first path.
    def _unchanged_on_disk(self, digest: str, *paths: str) -> bool:
        stored = self.written.get(paths[0], digest)
        return stored is not None and stored == self._stats(*paths)

    def _note_written(self, digest: str, *paths: str) -> None:
        stats = self._stats(*paths)
        if stats is not None and self.written.get(paths[0], digest) != stats:  # None: not stored with `digest`
            self.written.put(paths[0], digest, stats)

    def _stats(self, *relative: str) -> tuple | None:
        try:
            return tuple((st.st_size, st.st_mtime_ns, st.st_ino) for st in
                         (os.stat(self.site_dir / path) for path in relative))
        except OSError:
            return None

    def _render(self, entry: Entry) -> tuple[str, str, str]:
        """An entry's page content, search record and list data file, from the workers if they have it."""
        parts = self._renderer.take(entry.id) if self._renderer is not None else None
        return parts or render_parts(entry, self.catalogue, self.directory_urls, self.today)

    def _render_print(self, entry: Entry) -> str:
        """An entry's print view content, from the workers if they rendered it (they do with a cold guide)."""
        content = self._renderer.take(workers.print_key(entry.id)) if self._renderer is not None else None
        return content or render_print_page(entry, self.catalogue, directory_urls=self.directory_urls,
                                            today=self.today)

    def write_file(self, relative: str, data: bytes) -> None:
        """Write another file of the site (the feed), unless it is unchanged."""
        self._write(relative, data)

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
        if self._bar is not None:
            self._bar.update(1)
            if self.done == self._bar.total:
                self._close_bar()

    def _close_bar(self) -> None:
        bar, self._bar = self._bar, None
        if bar is not None:
            bar.close()

    def finish(self) -> None:
        """Stop the workers and save the cache."""
        self.close()
        self.cache.save()
        self.written.save()

    def close(self, *, failed: bool = False) -> None:
        """Stop the worker processes, if any; after a failed build without waiting for them. Idempotent."""
        self._close_bar()
        renderer, self._renderer = self._renderer, None
        if renderer is not None:
            renderer.abandon() if failed else renderer.close()
        if failed:
            self.cache.close()  # nothing of a failed build is committed
            self.written.close()
