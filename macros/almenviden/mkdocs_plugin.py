"""Thin MkDocs glue: load the catalogue, add one generated page per entry, hand MkDocs its HTML.

Everything that knows about entries lives in validate.py, model.py and pages.py;
this module only translates between them and MkDocs 1.6's plugin events.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .diagnostics import format_diagnostics
from .model import Catalogue, Entry
from .pages import render_entry
from .urls import entry_src_uri
from .validate import load_catalogue

log = logging.getLogger("mkdocs.plugins.almenviden")


class AlmenvidenConfig(Config):
    catalogue = c.Type(str, default="catalogue")
    # Base of "Rediger denne side" links, e.g. https://github.com/ORG/REPO/edit/main/ ; empty: no link.
    edit_url_base = c.Type(str, default="")


class AlmenvidenPlugin(BasePlugin[AlmenvidenConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.catalogue_dir: Path | None = None
        self._pages: dict[str, Entry] = {}
        self._project_dir: Path | None = None

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
        for entry in self.catalogue.entries.values():
            src_uri = entry_src_uri(entry.kind, entry.id)
            front_matter = f"---\ntitle: {json.dumps(entry.title, ensure_ascii=False)}\n---\n"
            files.append(File.generated(config, src_uri, content=front_matter, inclusion=InclusionLevel.NOT_IN_NAV))
            self._pages[src_uri] = entry
        return files

    def on_page_content(self, html, *, page, config, files):
        entry = self._pages.get(page.file.src_uri)
        if entry is None:
            return html
        page.edit_url = self._edit_url(entry)
        return render_entry(entry, self.catalogue, directory_urls=config.use_directory_urls, today=date.today())

    def _edit_url(self, entry: Entry) -> str | None:
        base = self.config.edit_url_base
        if not base:
            return None
        try:
            relative = entry.path.resolve().relative_to(self._project_dir)
        except ValueError:  # a catalogue outside the repository has nothing to edit there
            return None
        return base.rstrip("/") + "/" + relative.as_posix()

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.catalogue_dir))
        return server
