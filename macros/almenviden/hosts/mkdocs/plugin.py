"""Thin MkDocs glue: load the catalogue, add one generated page per entry, hand MkDocs its HTML.

Everything that knows about entries lives in validate.py, model.py, pages.py, entry_writer.py (filling
the theme's shell pages and writing them) and search_index.py; this module only translates between
them and MkDocs 1.6's plugin events.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from almenviden.content.diagnostics import display_path, format_diagnostics
from almenviden.content.model import Catalogue, Entry
from almenviden.build.cache import ENTRIES, VALIDATED, Cache, cache_dir
from almenviden.build.writer import EntryWriter, page_path
from almenviden.build import checkpoints, serve_banner
from almenviden.hosts.mkdocs import kept_pages
from almenviden.content.kinds import KINDS
from almenviden.render.facets import search_topics
from almenviden.content.safe_files import UnsafeFile, read_regular
from almenviden.search.words import SearchWords
from almenviden.search.index import (BODY_ATTRIBUTE, BackgroundIndex, SearchIndexError, index_copy, page_article,
                           remove_leftover_copies)
from almenviden.build.shell import CONTENT_SLOT, EDIT_SLOT, SHELL_NAME, TITLE_SLOT, Shell
from almenviden.render.urls import entry_src_uri, entry_url
from almenviden.content.loading import load_catalogue
from almenviden.content.yaml_source import MAX_BYTES

log = logging.getLogger("mkdocs.plugins.almenviden")


class AlmenvidenConfig(Config):
    catalogue = c.Type(str, default="catalogue")
    # Base of "Rediger denne side" links, e.g. https://github.com/ORG/REPO/edit/main/ ; empty: no link.
    edit_url_base = c.Type(str, default="")
    # Rendered entries are cached here (relative to mkdocs.yml); ALMENVIDEN_CACHE_DIR overrides, "" turns it off.
    cache_dir = c.Type(str, default=".cache/almenviden")


class EntryFile(File):
    """An entry's page: links to it resolve as to any page, but MkDocs neither renders nor copies it;
    the plugin writes it from its kind's shell page (shell.py)."""

    def is_documentation_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        pass


def build_beside(config, previous_site: Path) -> None:
    """Tell the plugin that `config.site_dir` is a new, empty folder beside the previous site
    (site_swap.py): unchanged entry pages are then hard-linked from `previous_site`, which is left as it is."""
    for plugin in config.plugins.values():
        if isinstance(plugin, AlmenvidenPlugin):
            plugin.previous_site = Path(previous_site)


class AlmenvidenPlugin(BasePlugin[AlmenvidenConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.catalogue_dir: Path | None = None
        self._pages: dict[str, Entry] = {}
        self._project_dir: Path | None = None
        self._shells: dict[str, str] = {}
        self._serving = False
        self._indexing: threading.Thread | None = None
        self._kept: Path | None = None
        self._search: BackgroundIndex | None = None
        self._writer: EntryWriter | None = None
        self.previous_site: Path | None = None  # set by build_beside
        self._serve_errors: list = []  # serve: the catalogue's errors, shown on every page of the last good site

    def on_startup(self, *, command, dirty):
        # Defining on_startup also keeps this instance for all of serve's rebuilds (MkDocs >= 1.4).
        self._serving = command == "serve"

    def on_config(self, config):
        self._project_dir = Path(config.config_file_path or ".").resolve().parent
        self.catalogue_dir = (self._project_dir / self.config.catalogue).resolve()
        validated = Cache(self._cache_dir(), VALIDATED)
        result = load_catalogue(self.catalogue_dir, validated)
        if not result.ok:
            print(format_diagnostics(result.diagnostics))
            if self._serving and self.catalogue is not None:
                # serve: an error raised here would stall every page request until it is fixed. Keep
                # building the last catalogue that was free of errors, with the errors on every page.
                self._serve_errors = result.diagnostics
                log.error("almenviden: kataloget har %d fejl (se ovenfor). Forhåndsvisningen viser den seneste "
                          "fejlfri udgave med fejlene øverst på hver side, til de er rettet.", len(result.diagnostics))
                return config
            raise PluginError(f"Kataloget har {len(result.diagnostics)} fejl (se ovenfor). Ret dem, eller kør "
                              "'almenviden check' for at se dem igen.")
        self._serve_errors = []
        validated.save()
        self.catalogue = result.catalogue
        log.info("almenviden: %d poster fra %s", len(self.catalogue.entries), self.catalogue_dir)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        # MkDocs has cleaned the site folder by now: bring back the previous pages of today's entries.
        pages = [page_path(e.kind, e.id, config.use_directory_urls) for e in self.catalogue.entries.values()]
        kept, self._kept = self._kept, None
        if self.previous_site is not None:
            kept_pages.link_previous(self.previous_site, Path(config.site_dir), pages)
        else:
            kept_pages.restore(kept, Path(config.site_dir), pages, config.use_directory_urls)
        checkpoints.reached("files")
        self._pages = {}
        self._shells = {}
        taken = {f.dest_uri: f for f in files}
        for entry in self.catalogue.entries.values():
            src_uri = entry_src_uri(entry.kind, entry.id)
            file = EntryFile.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            url = entry_url(entry.kind, entry.id, config.use_directory_urls)
            file.dest_uri = url + "index.html" if url.endswith("/") else url
            clash = files.get_file_from_path(src_uri) or taken.get(file.dest_uri)
            if clash is not None:
                raise PluginError(f"{display_path(entry.path)}:1:1: fejl: Postens side ({file.dest_uri}) ville "
                                  f"erstatte sitets egen side {clash.src_uri}. Omdøb filen.")
            files.append(file)
            self._pages[src_uri] = entry
        front_matter = f"---\ntitle: {TITLE_SLOT}\n---\n"
        for kind in KINDS:
            if any(e.kind == kind for e in self.catalogue.entries.values()):
                src_uri = entry_src_uri(kind, SHELL_NAME)
                files.append(File.generated(config, src_uri, content=front_matter, inclusion=InclusionLevel.NOT_IN_NAV))
                self._shells[src_uri] = kind
        return files

    def on_page_content(self, html, *, page, config, files):
        if page.file.src_uri not in self._shells:
            excluded = (page.meta.get("search") or {}).get("exclude") if isinstance(page.meta, dict) else False
            return html if excluded else page_article(html, page.title or config.site_name)
        base = self.config.edit_url_base
        page.edit_url = base.rstrip("/") + "/" + EDIT_SLOT if base and self._catalogue_in_project() else None
        return CONTENT_SLOT

    def on_post_page(self, output, *, page, config):
        checkpoints.reached("page")
        if self._serve_errors:
            output = serve_banner.add(output, self._serve_errors)
        kind = self._shells.get(page.file.src_uri)
        if kind is not None:
            self._writer.write_kind(kind, Shell.parse(output))
            checkpoints.reached("entries")
        elif BODY_ATTRIBUTE in output and (copy := index_copy(output)) is not None:
            self._search.add(page.file.dest_uri, copy)
        return output

    def _catalogue_in_project(self) -> bool:
        try:
            self.catalogue_dir.relative_to(self._project_dir)
        except ValueError:
            return False
        return True

    def _edit_url(self, entry: Entry) -> str | None:
        base = self.config.edit_url_base
        if not base:
            return None
        try:
            relative = entry.path.resolve().relative_to(self._project_dir)
        except ValueError:  # a catalogue outside the repository has nothing to edit there
            return None
        return base.rstrip("/") + "/" + relative.as_posix()

    def _edit_path(self, entry: Entry) -> str | None:
        """The entry's edit link after the edit base (what the shell's edit slot becomes)."""
        edit_url = self._edit_url(entry)
        return edit_url[len(self.config.edit_url_base.rstrip("/")) + 1:] if edit_url else None

    def _cache_dir(self) -> Path | None:
        return cache_dir(self._project_dir, self.config.cache_dir)

    def on_pre_build(self, *, config):
        self._wait_for_search()  # serve: the previous build's index is written into the same folder
        remove_leftover_copies(Path(config.site_dir))  # a killed build's; this process's index is done
        if self.previous_site is None:
            # Before MkDocs cleans the site folder: keep the entry pages, so unchanged ones are not rewritten.
            self._kept = kept_pages.stash(Path(config.site_dir), [k.url_dir for k in KINDS.values()])
        try:  # labels shown on pages come from here
            taxonomy = read_regular(self.catalogue_dir / "taxonomy.yaml", MAX_BYTES, inside=self.catalogue_dir)
            taxonomy_hash = hashlib.sha256(taxonomy).hexdigest()
        except (OSError, UnsafeFile):
            taxonomy_hash = "-"
        quiet = logging.getLogger("mkdocs").getEffectiveLevel() > logging.INFO
        show_progress = (len(self.catalogue.entries) >= 1000 and not quiet and sys.stderr.isatty()
                         and not os.environ.get("CI"))
        # build: Pagefind starts now and indexes batches of pages while the next ones are written.
        # serve: it waits until the preview has reloaded (deferred), so the preview gets the cores.
        words = SearchWords(self.catalogue.taxonomy.synonyms, search_topics(self.catalogue))
        self._search = BackgroundIndex(Path(config.site_dir), deferred=self._serving, words=words)
        self._writer = EntryWriter(Path(config.site_dir), self.catalogue,
                                   Cache(self._cache_dir(), ENTRIES),
                                   directory_urls=config.use_directory_urls, taxonomy_hash=taxonomy_hash,
                                   edit_path=self._edit_path, show_progress=show_progress, search=self._search)

    def on_post_build(self, *, config):
        self._writer.finish(list(self._shells.values()))
        if not self._serving:
            try:
                stats = self._search.finish()
            except SearchIndexError as exc:
                raise PluginError(str(exc)) from exc
            bundle = self.previous_site / stats.bundle.name if self.previous_site else stats.bundle  # once swapped
            log.info("almenviden: søgeindeks over %d poster skrevet til %s", stats.pages, bundle)
            checkpoints.reached("index")
            return
        # serve: the preview reloads now; Pagefind finishes the index in the background.
        self._indexing = threading.Thread(target=self._finish_search_in_background, args=(self._search,),
                                          name="almenviden-search", daemon=True)
        self._indexing.start()

    @staticmethod
    def _finish_search_in_background(search: BackgroundIndex) -> None:
        try:
            stats = search.finish()
        except SearchIndexError as exc:
            log.error("almenviden: %s Søgningen i forhåndsvisningen virker ikke, før det er rettet.", exc)
            return
        log.info("almenviden: søgeindekset er opdateret (%d poster). Genindlæs siden for at søge i det nye.",
                 stats.pages)

    def _wait_for_search(self) -> None:
        if self._indexing is not None:
            self._indexing.join()
            self._indexing = None

    def on_build_error(self, *, error):
        kept_pages.discard(self._kept)
        self._kept = None
        if self._writer is not None:
            self._writer.close(failed=True)
        if self._search is not None:
            self._search.close()

    def on_shutdown(self):
        self._wait_for_search()

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.catalogue_dir))
        return server

