"""The MkDocs plugin: MkDocs' events translated into the pipeline's steps (sitebuild/pipeline.py).

MkDocs calls its plugins at fixed moments, so the plugin calls the pipeline's steps itself, one per event
(the table in pipeline.py's docstring): it gives the pipeline a `SiteSettings` made from MkDocs' config,
turns the plan's pages into MkDocs File objects, hands the pipeline each kind's shell page as Material
rendered it and each hand-written page's content, and does what only concerns MkDocs: keeping entry pages
through its cleaning of the site folder (kept_pages.py), its sitemap (sitemap.py), the shell pages it
wrote, and the preview's background indexing.
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from almenviden import browser
from almenviden.browser import csp
from almenviden.sitebuild import checkpoints, pipeline, serve_banner
from almenviden.sitebuild.fragments import FragmentError, Fragments
from almenviden.sitebuild.cache import cache_dir
from almenviden.sitebuild.host import BuildSummary, Contribute, HandWrittenPage, ShellRequest, SiteSettings
from almenviden.sitebuild.shell import SHELL_NAME
from almenviden.content.diagnostics import display_path, format_diagnostics
from almenviden.content.kinds import KINDS
from almenviden.content.model import Catalogue
from almenviden.render.feedback import FeedbackConfigError, FeedbackTarget
from almenviden.content.loading import FileMemo
from almenviden.hosts.mkdocs import kept_pages, preview, sitemap
from almenviden.render.list_data import DATA_DIR, data_path
from almenviden.hosts.mkdocs.console import SEARCH_READY, STAFF_LOGGER
from almenviden.search.index import SearchIndexError

log = logging.getLogger("mkdocs.plugins.almenviden")


class AlmenvidenConfig(Config):
    catalogue = c.Type(str, default="catalogue")
    # Base of "Rediger denne side" links, e.g. https://github.com/ORG/REPO/edit/main/ ; empty: no link.
    edit_url_base = c.Type(str, default="")
    # Rendered entries are cached here (relative to mkdocs.yml); ALMENVIDEN_CACHE_DIR overrides, "" turns it off.
    cache_dir = c.Type(str, default=".cache/almenviden")
    # "Giv besked om siden" under each entry: {github: OWNER/REPO} (a new issue) or {email: ADDRESS}; {}: no link.
    feedback = c.Type(dict, default={})
    # The contribution form's GitHub link: {github: OWNER/REPO, branch: main}; empty: no link.
    contribute = c.Type(dict, default={})


def _contribute(option: dict) -> Contribute | None:
    """The `contribute` option as settings; a wrong one stops the build with a Danish message."""
    if not option:
        return None
    github, branch = option.get("github"), option.get("branch", "main")
    if not isinstance(github, str) or not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", github) \
            or not isinstance(branch, str) or not re.fullmatch(r"[A-Za-z0-9_./-]+", branch):
        raise PluginError("almenviden: 'contribute' i mkdocs.yml skal være fx {github: organisation/repository, "
                          "branch: main}.")
    return Contribute(github, branch)


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


def build_summary(config) -> BuildSummary:
    """What the last build with `config` made (pages written, search records), as the plugin counted it."""
    for plugin in config.plugins.values():
        if isinstance(plugin, AlmenvidenPlugin):
            return plugin.summary
    return BuildSummary(0, 0)


class AlmenvidenPlugin(BasePlugin[AlmenvidenConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None  # the macros (macros.py) read it
        self.fragments = Fragments()  # the macros' HTML that skips Markdown (a new token each build)
        self.catalogue_dir: Path | None = None
        self.previous_site: Path | None = None  # set by build_beside
        self._settings: SiteSettings | None = None
        self._plan: pipeline.SitePlan | None = None
        self._build: pipeline.SiteBuild | None = None
        self._shells: dict[str, ShellRequest] = {}  # by the shell page's src_uri
        self._serving = False
        self._indexing: threading.Thread | None = None
        self._kept: Path | None = None
        self._serve_errors: list = []  # serve: the catalogue's errors, shown on every page of the last good site
        self._pages_rendered = 0  # MkDocs' own pages in this build (entry pages are counted from the plan)
        self.summary = BuildSummary(0, 0)  # the last finished build's (commands.build reports it)
        self._memo = FileMemo()  # serve: each load reads only the files changed since the last one
        self._shell_pages: dict[str, str] = {}  # serve: each kind's shell page as last rendered (quick update)
        self._preview: preview.QuickPreview | None = None

    def on_startup(self, *, command, dirty):
        # Defining on_startup also keeps this instance for all of serve's rebuilds (MkDocs >= 1.4).
        self._serving = command == "serve"

    def on_config(self, config):
        project_dir = Path(config.config_file_path or ".").resolve().parent
        self.catalogue_dir = (project_dir / self.config.catalogue).resolve()
        self._settings = self._site_settings(config, project_dir)
        result = pipeline.load(self._settings, self._memo if self._serving else None)
        if not result.ok:
            print(format_diagnostics(result.diagnostics))
            if self._serving and self.catalogue is not None:
                # serve: an error raised here would stall every page request until it is fixed. Keep
                # building the last catalogue that was free of errors, with the errors on every page.
                self._serve_errors = result.diagnostics
                log.error("almenviden: kataloget har %d fejl (se ovenfor). Forhåndsvisningen viser den seneste "
                          "fejlfri udgave med fejlene øverst på hver side, til de er rettet.", len(result.diagnostics))
                return config
            raise PluginError(str(pipeline.CatalogueErrors(result.diagnostics)))
        if result.warnings:  # shown, never failing the build (check --strict is where they fail)
            print(format_diagnostics(result.warnings))
        self._serve_errors = []
        self.catalogue = result.catalogue
        log.info("almenviden: %d poster fra %s", len(self.catalogue.entries), self.catalogue_dir)
        return config

    def _site_settings(self, config, project_dir: Path) -> SiteSettings:
        in_project = self.catalogue_dir.is_relative_to(project_dir)
        try:
            feedback = FeedbackTarget.from_config(self.config.feedback)
        except FeedbackConfigError as exc:
            raise PluginError(str(exc)) from exc
        return SiteSettings(
            catalogue_dir=self.catalogue_dir,
            site_dir=Path(config.site_dir),
            directory_urls=config.use_directory_urls,
            lang=config.theme["language"],
            # A catalogue outside the repository has nothing to edit there.
            edit_root=project_dir if self.config.edit_url_base and in_project else None,
            preview=self._serving,
            cache_dir=cache_dir(project_dir, self.config.cache_dir),
            # Progress unless nobody wants INFO lines: `almenviden build -q`, or a quiet `mkdocs build`.
            quiet=not any(logging.getLogger(name).isEnabledFor(logging.INFO) for name in (STAFF_LOGGER, "mkdocs")),
            site_name=config.site_name,
            site_description=config.site_description or "",
            site_url=config.site_url or None,
            feedback=feedback,
            contribute=_contribute(self.config.contribute),
        )

    @property
    def settings(self) -> SiteSettings | None:
        return self._settings

    def on_pre_build(self, *, config):
        self._wait_for_search()  # serve: the previous build's index is written into the same folder
        if self._preview is not None:
            self._preview.hold_requests()  # after a quick update: the browser has its page, MkDocs cleans now
        if self.previous_site is None:
            # Before MkDocs cleans the site folder: keep the entry pages, so unchanged ones are not rewritten.
            self._kept = kept_pages.stash(Path(config.site_dir), [k.url_dir for k in KINDS.values()] + [DATA_DIR])
        self.fragments = Fragments()
        self._plan = pipeline.plan(self.catalogue, self._settings)
        self._build = pipeline.start(self._plan, self._settings)
        self._pages_rendered = 0

    def on_files(self, files: Files, *, config) -> Files:
        # MkDocs has cleaned the site folder by now: bring back the previous pages of today's entries.
        pages = [page.path for page in self._plan.entry_pages]
        data_files = [data_path(page.entry.id) for page in self._plan.entry_pages]
        kept, self._kept = self._kept, None
        if self.previous_site is not None:
            kept_pages.link_previous(self.previous_site, Path(config.site_dir), pages + data_files)
        else:
            kept_pages.restore(kept, Path(config.site_dir), pages, config.use_directory_urls, data_files)
        checkpoints.reached("files")
        taken = {f.dest_uri: f for f in files}
        for page in self._plan.entry_pages:
            src_uri = entry_src_uri(page.entry.kind, page.entry.id)
            file = EntryFile.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            file.dest_uri = page.path
            clash = files.get_file_from_path(src_uri) or taken.get(file.dest_uri)
            if clash is not None:
                raise PluginError(f"{display_path(page.entry.path)}:1:1: fejl: Postens side ({file.dest_uri}) ville "
                                  f"erstatte sitets egen side {clash.src_uri}. Omdøb filen.")
            files.append(file)
        for asset in browser.asset_files():
            # The site's browser code lives outside the theme (almenviden/browser/); served as assets/almenviden/.
            files.append(File(asset.name, src_dir=str(browser.BROWSER_DIR), dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls,
                              dest_uri=f"{browser.SITE_ASSET_DIR}/{asset.name}"))
        self._shells = {}
        for shell in self._plan.shells:
            src_uri = entry_src_uri(shell.kind, SHELL_NAME)
            files.append(File.generated(config, src_uri, content=f"---\ntitle: {shell.title}\n---\n",
                                        inclusion=InclusionLevel.NOT_IN_NAV))
            self._shells[src_uri] = shell
        return files

    def on_page_content(self, html, *, page, config, files):
        html = _fragments(self.fragments.into_content, page.file.src_uri, html)
        shell = self._shells.get(page.file.src_uri)
        if shell is None:
            excluded = (page.meta.get("search") or {}).get("exclude") if isinstance(page.meta, dict) else False
            if excluded:
                return html
            title = page.title or config.site_name
            self._build.index_page(HandWrittenPage(page.file.dest_uri, title, html))
            return pipeline.page_content(html, title)
        base = self.config.edit_url_base
        page.edit_url = base.rstrip("/") + "/" + shell.edit_path if shell.edit_path is not None else None
        return shell.content

    def on_post_page(self, output, *, page, config):
        checkpoints.reached("page")
        if self._serve_errors:
            output = serve_banner.add(output, self._serve_errors)
        if not self._serving:  # the preview's live reload adds an inline script of its own to every page
            output = csp.with_policy(output)  # an entry page gets its shell page's: the same inline scripts
        output = _fragments(self.fragments.into_page, page.file.src_uri, output)  # checked: no inline script
        shell = self._shells.get(page.file.src_uri)
        if shell is not None:
            if self._serving:
                self._shell_pages[shell.kind] = output
            self._build.write_kind(shell.kind, output)
            checkpoints.reached("entries")
        else:
            self._pages_rendered += 1
        return output

    def on_post_template(self, output_content, *, template_name, config):
        """The theme's static pages (404.html) get the policy too; sitemap.xml is no page."""
        if template_name.endswith(".html") and not self._serving:
            return csp.with_policy(output_content)
        return output_content

    def on_post_build(self, *, config):
        site_dir = Path(config.site_dir)
        _remove_shell_pages(site_dir, [shell.path for shell in self._shells.values()])
        sitemap.list_entries(site_dir, {shell.url: [p.entry.id for p in self._plan.entry_pages
                                                    if p.entry.kind == shell.kind]
                                        for shell in self._shells.values()})
        self._build.finish_pages()
        self._build.write_feed()
        if not self._serving:
            try:
                stats = self._build.finish_index()
            except SearchIndexError as exc:
                raise PluginError(str(exc)) from exc
            bundle = self.previous_site / stats.bundle.name if self.previous_site else stats.bundle  # once swapped
            log.info("almenviden: søgeindeks over %d poster skrevet til %s", stats.pages, bundle)
            self.summary = BuildSummary(self._pages_rendered + len(self._plan.entry_pages), stats.pages)
            checkpoints.reached("index")
            return
        # serve: the preview reloads now; Pagefind finishes the index in the background.
        self._indexing = threading.Thread(target=self._finish_search_in_background, args=(self._build,),
                                          name="almenviden-search", daemon=True)
        self._indexing.start()

    @staticmethod
    def _finish_search_in_background(build: pipeline.SiteBuild) -> None:
        try:
            stats = build.finish_index()
        except SearchIndexError as exc:
            log.error("almenviden: %s Søgningen i forhåndsvisningen virker ikke, før det er rettet.", exc)
            return
        log.info("almenviden: søgeindekset er opdateret (%d poster). Genindlæs siden for at søge i det nye.",
                 stats.pages, extra={SEARCH_READY: True})

    def _wait_for_search(self) -> None:
        if self._indexing is not None:
            self._indexing.join()
            self._indexing = None

    def on_build_error(self, *, error):
        kept_pages.discard(self._kept)
        self._kept = None
        if self._build is not None:
            self._build.abort()

    def on_shutdown(self):
        self._wait_for_search()

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.catalogue_dir))
        server.watch(str(browser.BROWSER_DIR))
        self._preview = preview.install(server, builder, self.quick_update, self.catalogue_dir)
        return server

    def quick_update(self) -> int | None:
        """serve, after a save that changed only entry files: write the pages of the changed entries and of the
        entries that refer to them into the served folder, from the last build's shell pages. Returns how many,
        or None when only the whole build will do (a catalogue with errors, entries added or removed, the
        taxonomy changed, the last build showed errors)."""
        if self._serve_errors or self.catalogue is None or self._settings is None:
            return None
        result = pipeline.load(self._settings, self._memo)
        if not result.ok:
            return None
        changed = pipeline.changed_entries(self.catalogue, result.catalogue)
        if changed is None or any(result.catalogue.entries[i].kind not in self._shell_pages for i in changed):
            return None
        self.catalogue = result.catalogue
        site_plan = pipeline.plan(result.catalogue, self._settings, only=changed)
        return pipeline.write_entry_pages(site_plan, self._settings, self._shell_pages)


def _fragments(swap, src_uri: str, html: str) -> str:
    try:
        return swap(src_uri, html)
    except FragmentError as exc:
        raise PluginError(f"almenviden: {exc}") from exc


def entry_src_uri(kind: str, entry_id: str) -> str:
    """The virtual Markdown file (relative to the docs folder) that MkDocs knows an entry's page by."""
    return f"{KINDS[kind].url_dir}/{entry_id}.md"


def _remove_shell_pages(site_dir: Path, paths: list[str]) -> None:
    """Delete the shell pages MkDocs wrote (their folder too, when it is their own)."""
    for path in paths:
        shell_page = site_dir / path
        shell_page.unlink(missing_ok=True)
        if shell_page.parent != site_dir:
            try:
                shell_page.parent.rmdir()
            except OSError:
                pass
