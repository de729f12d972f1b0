"""The build, independent of any site generator: load → plan → render → write → index. No MkDocs here.

    result = load(settings)                       YAML → validated model (validation cache)
    site_plan = plan(result.catalogue, settings)  which pages: one per entry, one shell per kind
    build = start(site_plan, settings)            render: entry cache, worker processes; Pagefind starts
    build.write_kind(kind, shell_html)            write: every entry page of the kind, fed to the index
    build.index_page(page)                        index: a hand-written page's search record
    build.finish_pages()                          save the entry cache
    build.write_feed()                            the Atom feed, feed.xml
    build.finish_index()                          write the Pagefind bundle and the word list

`build_site(host)` runs these steps in this order for a host that can be asked for what it renders
(sitebuild/host.py: `Host.shell_page`, `Host.pages`); it is the whole flow in one function.

MkDocs cannot be asked: it calls its plugins at fixed moments (events) and renders pages only when it
gets to them. So the MkDocs plugin (hosts/mkdocs/plugin.py) calls the same steps itself, one per event:
`load` in on_config, `plan` and `start` in on_pre_build, the plan's pages become File objects in
on_files, `page_content`/`index_page` in on_page_content, `write_kind` when Material has rendered a
kind's shell page (on_post_page), `finish_pages` and `finish_index` in on_post_build, `abort` in
on_build_error. Both callers therefore run the same code with the same data; the plugin adds only what
is MkDocs' own (File objects, its config, keeping pages through its cleaning of the site folder, its
sitemap, the preview's background indexing).

Data flows one way: settings and the catalogue go in, pages and the index come out; nothing here
reaches back into the host.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from almenviden.sitebuild.cache import ENTRIES, VALIDATED, WRITTEN, Cache, code_fingerprint, key_of
from almenviden.sitebuild.host import HandWrittenPage, Host, ShellRequest, SiteSettings
from almenviden.sitebuild.shell import CONTENT_SLOT, EDIT_SLOT, SHELL_NAME, TITLE_SLOT, Shell
from almenviden.sitebuild.writer import EntryPage, EntryWriter, page_path
from almenviden.content.diagnostics import Diagnostic
from almenviden.content.kinds import KINDS
from almenviden.content.loading import FileMemo, LoadResult, load_catalogue
from almenviden.content.model import Catalogue, Entry
from almenviden.render.facets import search_topics
from almenviden.render.feed import FEED_PATH, atom_feed
from almenviden.render.urls import entry_url
from almenviden.render.search_record import page_article, page_record
from almenviden.render.sort_values import url_name
from almenviden.search.index import index_document, remove_leftover_copies
from almenviden.search.shard_index import ShardedStats, SiteIndex
from almenviden.search.shards import plan_shards
from almenviden.search.words import SearchWords

PROGRESS_FROM = 1000  # entries: fewer are written too fast for a progress bar to help


# Caches: every cache of a build is made here, from the one class in sitebuild/cache.py.
def _validation_cache(settings: SiteSettings) -> Cache:
    return Cache(settings.cache_dir, VALIDATED)


def _entry_cache(settings: SiteSettings) -> Cache:
    return Cache(settings.cache_dir, ENTRIES)


def _written_record(settings: SiteSettings) -> Cache:
    return Cache(settings.cache_dir, WRITTEN)


class CatalogueErrors(Exception):
    """The catalogue has errors (diagnostics); the message is Danish."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"Kataloget har {len(diagnostics)} fejl (se ovenfor). Ret dem, eller kør "
                         "'almenviden check' for at se dem igen.")
        self.diagnostics = diagnostics


# 1. load
def load(settings: SiteSettings, memo: FileMemo | None = None) -> LoadResult:
    """The catalogue, validated (files unchanged since the last clean build come from the cache; with `memo`,
    serve's, files unchanged since its last load are not read again)."""
    validated = _validation_cache(settings)
    result = load_catalogue(settings.catalogue_dir, validated, memo=memo)
    if result.ok:
        validated.save()
    else:
        validated.close()
    return result


# 2. plan
@dataclass(frozen=True)
class SitePlan:
    catalogue: Catalogue
    entry_pages: list[EntryPage]  # in catalogue order
    shells: list[ShellRequest]  # one per kind that has entries, in KINDS order


def edit_path(entry: Entry, edit_root: Path | None) -> str | None:
    """The entry's file relative to the edit links' root (what follows the host's edit base), or None."""
    if edit_root is None:
        return None
    try:
        return entry.path.resolve().relative_to(edit_root).as_posix()
    except ValueError:  # a file outside the repository has nothing to edit there
        return None


def plan(catalogue: Catalogue, settings: SiteSettings, only: set[str] | None = None) -> SitePlan:
    """Every page almenviden writes (with `only`, the pages of those entries), and the shell page the host
    renders for each kind."""
    urls = settings.directory_urls
    pages = [EntryPage(e, page_path(e.kind, e.id, urls), edit_path(e, settings.edit_root))
             for e in catalogue.entries.values() if only is None or e.id in only]
    kinds = {p.entry.kind for p in pages}
    shells = [ShellRequest(kind, page_path(kind, SHELL_NAME, urls), entry_url(kind, SHELL_NAME, urls),
                           title=TITLE_SLOT, content=CONTENT_SLOT,
                           edit_path=EDIT_SLOT if settings.edit_root is not None else None)
              for kind in KINDS if kind in kinds]
    return SitePlan(catalogue, pages, shells)


# 3.–5. render, write, index
def taxonomy_hash(catalogue: Catalogue) -> str:
    """A hash of the taxonomy as loaded: its labels are on the entry pages (part of the entry cache's key)."""
    return hashlib.sha256(repr(catalogue.taxonomy).encode("utf-8")).hexdigest()


def page_content(content: str, title: str) -> str:
    """A hand-written page's main content as the site shows it: wrapped as a searchable article."""
    return page_article(content, title)


class SiteBuild:
    """One build's rendering, writing and indexing (see `start`)."""

    def __init__(self, site_plan: SitePlan, settings: SiteSettings, today: date | None = None) -> None:
        catalogue = site_plan.catalogue
        self.settings = settings
        site_dir = Path(settings.site_dir)
        remove_leftover_copies(site_dir)  # a killed build's; no index of this process is using the folder
        # build: Pagefind starts now and indexes batches of pages while the next ones are written.
        # preview: it waits until the preview has reloaded (deferred), so the preview gets the cores.
        words = SearchWords(catalogue.taxonomy.synonyms, search_topics(catalogue))
        counts = Counter(p.entry.kind for p in site_plan.entry_pages)
        self.search = SiteIndex(site_dir, plan_shards(counts), words=words, cache_dir=settings.cache_dir,
                                salt=f"{code_fingerprint()}\0{settings.lang}", deferred=settings.preview)
        show_progress = (len(catalogue.entries) >= PROGRESS_FROM and not settings.quiet and sys.stderr.isatty()
                         and not os.environ.get("CI"))
        try:
            self.writer = EntryWriter(site_dir, catalogue, site_plan.entry_pages, _entry_cache(settings),
                                      written=_written_record(settings),
                                      directory_urls=settings.directory_urls,
                                      taxonomy_hash=taxonomy_hash(catalogue), show_progress=show_progress,
                                      search=self.search, today=today, feedback=settings.feedback,
                                      site_url=settings.site_url)
        except BaseException:
            self.search.close()
            raise

    def write_kind(self, kind: str, shell_html: str) -> None:
        """Write every entry page of `kind` from the host's rendering of its shell page (ShellError if the
        slots are not where they must be)."""
        self.writer.write_kind(kind, Shell.parse(shell_html), self.settings.lang, shell_key=key_of(shell_html))

    def index_page(self, page: HandWrittenPage) -> None:
        """Add a hand-written page to the search index."""
        self.search.add_page(page.path, index_document(page_record(page.content, page.title, url_name(page.path)), self.settings.lang))

    def finish_pages(self) -> None:
        """All pages are written: stop the worker processes, save the entry cache."""
        self.writer.finish()

    def write_feed(self) -> None:
        """Write the Atom feed of the latest entries (render/feed.py) into the site's root."""
        settings = self.settings
        feed = atom_feed(self.writer.catalogue, site_name=settings.site_name,
                         site_description=settings.site_description, site_url=settings.site_url,
                         directory_urls=settings.directory_urls, lang=settings.lang)
        self.writer.write_file(FEED_PATH, feed)

    def finish_index(self) -> ShardedStats:
        """Write the Pagefind bundle and the word list (SearchIndexError if Pagefind fails)."""
        return self.search.finish()

    def abort(self) -> None:
        """The build failed: stop the workers and Pagefind without waiting. Idempotent."""
        self.writer.close(failed=True)
        self.search.close()


def start(site_plan: SitePlan, settings: SiteSettings, *, today: date | None = None) -> SiteBuild:
    """Begin rendering (from the cache, or in worker processes when many entries must be rendered) and
    start the search index; pages are then written with `write_kind`."""
    return SiteBuild(site_plan, settings, today)


def changed_entries(before: Catalogue, after: Catalogue) -> set[str] | None:
    """The entries whose pages differ between two catalogues with the same entries and taxonomy: the edited
    ones and the entries that refer to them (their links show the title and kind). None if entries came or went
    or the taxonomy changed (then more than entry pages change)."""
    if before.entries.keys() != after.entries.keys() or before.taxonomy != after.taxonomy:
        return None
    edited = {i for i, entry in after.entries.items() if before.entries[i] is not entry and before.entries[i] != entry}
    return edited | {entry.id for entry in after.entries.values()
                     if any(ref.target in edited for ref in entry.references())}


def write_entry_pages(site_plan: SitePlan, settings: SiteSettings, shell_pages: dict[str, str]) -> int:
    """serve's quick update: the plan's entry pages (a few, `plan(..., only=…)`) written from the host's shell
    pages of the last whole build (by kind), as the whole build would write them. No search index, feed or entry
    cache: the whole build that follows does those. Returns how many pages were written."""
    catalogue = site_plan.catalogue
    writer = EntryWriter(Path(settings.site_dir), catalogue, site_plan.entry_pages, Cache(None, ENTRIES),
                         directory_urls=settings.directory_urls, taxonomy_hash=taxonomy_hash(catalogue),
                         show_progress=False, feedback=settings.feedback, site_url=settings.site_url)
    try:
        for kind in KINDS:
            if any(page.entry.kind == kind for page in site_plan.entry_pages):
                writer.write_kind(kind, Shell.parse(shell_pages[kind]), settings.lang)
    finally:
        writer.close()
    return len(site_plan.entry_pages)


@dataclass(frozen=True)
class BuildReport:
    catalogue: Catalogue
    entry_pages: int
    index: ShardedStats
    pages_left: int = 0  # entry pages whose inputs and files were unchanged: not rendered, read or written


def build_site(host: Host, *, today: date | None = None) -> BuildReport:
    """The whole build for a host that renders on request. Raises CatalogueErrors on a catalogue with errors
    (nothing is written then), ShellError, SearchIndexError or OSError."""
    settings = host.settings
    result = load(settings)
    if not result.ok:
        raise CatalogueErrors(result.diagnostics)
    site_plan = plan(result.catalogue, settings)
    build = start(site_plan, settings, today=today)
    try:
        for shell in site_plan.shells:
            build.write_kind(shell.kind, host.shell_page(shell))
        for page in host.pages():
            build.index_page(page)
        build.finish_pages()
        build.write_feed()
        stats = build.finish_index()
    except BaseException:
        build.abort()
        raise
    return BuildReport(result.catalogue, len(site_plan.entry_pages), stats, build.writer.skipped)
