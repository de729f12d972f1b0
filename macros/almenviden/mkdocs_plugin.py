"""Thin MkDocs glue: load the catalogue, add one generated page per entry, hand MkDocs its HTML.

Everything that knows about entries lives in validate.py, model.py and pages.py;
this module only translates between them and MkDocs 1.6's plugin events.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
from datetime import date
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .diagnostics import format_diagnostics
from .model import Catalogue, Entry
from .entry_cache import EntryCache, code_fingerprint, entry_key
from .kinds import KINDS
from .pages import render_entry
from .search_index import SearchIndexError, build_search_index
from .shell import CONTENT_SLOT, EDIT_SLOT, SHELL_NAME, TITLE_SLOT, Shell
from .urls import entry_src_uri, entry_url
from .validate import load_catalogue

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


class AlmenvidenPlugin(BasePlugin[AlmenvidenConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.catalogue_dir: Path | None = None
        self._pages: dict[str, Entry] = {}
        self._project_dir: Path | None = None
        self._shells: dict[str, str] = {}

    def on_config(self, config):
        self._project_dir = Path(config.config_file_path or ".").resolve().parent
        self.catalogue_dir = (self._project_dir / self.config.catalogue).resolve()
        result = load_catalogue(self.catalogue_dir)
        if not result.ok:
            print(format_diagnostics(result.diagnostics))
            raise PluginError(f"Kataloget har {len(result.diagnostics)} fejl (se ovenfor). Ret dem, eller kør "
                              "'almenviden check' for at se dem igen.")
        self.catalogue = result.catalogue
        log.info("almenviden: %d poster fra %s", len(self.catalogue.entries), self.catalogue_dir)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        self._pages = {}
        self._shells = {}
        self._written = []
        for entry in self.catalogue.entries.values():
            src_uri = entry_src_uri(entry.kind, entry.id)
            file = EntryFile.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            url = entry_url(entry.kind, entry.id, config.use_directory_urls)
            file.dest_uri = url + "index.html" if url.endswith("/") else url
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
            return html
        base = self.config.edit_url_base
        page.edit_url = base.rstrip("/") + "/" + EDIT_SLOT if base and self._catalogue_in_project() else None
        return CONTENT_SLOT

    def on_post_page(self, output, *, page, config):
        kind = self._shells.get(page.file.src_uri)
        if kind is not None:
            self._write_entries(kind, Shell.parse(output), config)
        return output

    def _write_entries(self, kind: str, shell: Shell, config) -> None:
        """Every entry page of `kind`: the shell filled with the entry; unchanged files are not rewritten."""
        today = date.today()
        context = "\0".join((code_fingerprint(), self._taxonomy_hash, str(config.use_directory_urls)))
        site_dir = Path(config.site_dir)
        entries = [e for e in self.catalogue.entries.values() if e.kind == kind]
        for entry in entries:
            content = self._cache.get_or_render(
                entry.id, entry_key(entry, self.catalogue, context, today),
                lambda: render_entry(entry, self.catalogue, directory_urls=config.use_directory_urls, today=today))
            edit_url = self._edit_url(entry)
            edit_path = edit_url[len(self.config.edit_url_base.rstrip("/")) + 1:] if edit_url else None
            html = shell.fill(entry_id=entry.id, title=entry.title, content=content, edit_path=edit_path)
            data = html.encode("utf-8", errors="xmlcharrefreplace")
            url = entry_url(kind, entry.id, config.use_directory_urls)
            target = site_dir / (url + "index.html" if url.endswith("/") else url)
            try:
                if target.stat().st_size == len(data) and target.read_bytes() == data:
                    self._progress()
                    continue
            except OSError:
                target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            self._progress()

    def _progress(self) -> None:
        self._done += 1
        if self._show_progress and (self._done % 250 == 0 or self._done == len(self.catalogue.entries)):
            end = "\n" if self._done == len(self.catalogue.entries) else ""
            print(f"\ralmenviden: {self._done}/{len(self.catalogue.entries)} poster skrevet", end=end,
                  file=sys.stderr, flush=True)

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

    def on_pre_build(self, *, config):
        cache_dir = os.environ.get("ALMENVIDEN_CACHE_DIR", self.config.cache_dir)
        self._cache = EntryCache(self._project_dir / cache_dir if cache_dir else None)
        try:  # labels shown on pages come from here
            self._taxonomy_hash = hashlib.sha256((self.catalogue_dir / "taxonomy.yaml").read_bytes()).hexdigest()
        except OSError:
            self._taxonomy_hash = "-"
        self._done = 0
        quiet = logging.getLogger("mkdocs").getEffectiveLevel() > logging.INFO
        self._show_progress = (len(self.catalogue.entries) >= 1000 and not quiet and sys.stderr.isatty()
                               and not os.environ.get("CI"))

    def _finish_entries(self, config) -> None:
        """Drop the shell pages from the site and list the entries in the sitemap in their place."""
        site_dir = Path(config.site_dir)
        sitemap = site_dir / "sitemap.xml"
        text = sitemap.read_text(encoding="utf-8") if sitemap.is_file() else None
        for src_uri, kind in self._shells.items():
            page_file = config_files_dest(config, src_uri)
            (site_dir / page_file).unlink(missing_ok=True)
            if (site_dir / page_file).parent != site_dir:
                try:
                    (site_dir / page_file).parent.rmdir()
                except OSError:
                    pass
            if text is None:
                continue
            ids = [e.id for e in self.catalogue.entries.values() if e.kind == kind]
            text = re.sub(r"<url>(?:(?!</url>).)*?" + re.escape(SHELL_NAME) + r".*?</url>",
                          lambda m: "\n    ".join(m.group(0).replace(SHELL_NAME, i) for i in ids), text, flags=re.S)
        if text is not None:
            import gzip
            sitemap.write_text(text, encoding="utf-8")
            with open(str(sitemap) + ".gz", "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as gz:
                gz.write(text.encode("utf-8"))
        self._cache.save()

    def on_post_build(self, *, config):
        self._finish_entries(config)
        try:
            build_search_index(Path(config.site_dir))
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from exc

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.catalogue_dir))
        return server


def config_files_dest(config, src_uri: str) -> str:
    """Where MkDocs writes the page of `src_uri` (relative to the site)."""
    return File(src_uri, None, config.site_dir, config.use_directory_urls).dest_uri
