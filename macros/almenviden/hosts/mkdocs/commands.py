"""MkDocs as the command line uses it: load the config, build, build for the offline copy, serve.

cli.py and offline/ call these and never import MkDocs themselves. MkDocs' own exceptions become
almenviden's (sitebuild.host): `BuildError` (a plugin stopped the build with a message) and `BuildStopped`
(MkDocs has already shown what is wrong: a bad mkdocs.yml, an abort).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Callable

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config as mkdocs_load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from almenviden.sitebuild.host import BuildError, BuildStopped, BuildSummary
from almenviden.hosts.mkdocs import console
from almenviden.hosts.mkdocs.plugin import build_beside, build_summary

CATALOGUE_ENV = "ALMENVIDEN_CATALOGUE"  # mkdocs.yml: catalogue: !ENV [ALMENVIDEN_CATALOGUE, catalogue]


@contextlib.contextmanager
def _translated():
    try:
        yield
    except PluginError as exc:
        raise BuildError(str(exc)) from exc
    except (ConfigurationError, Abort) as exc:
        raise BuildStopped(str(exc)) from exc


def setup_logging(quiet: bool = False, verbose: bool = False, serving: bool = False) -> None:
    """Danish lines for staff, warnings and errors always; MkDocs' English INFO lines only with `verbose`;
    -q: warnings and errors only (console.py)."""
    console.setup(quiet=quiet, verbose=verbose, serving=serving)


def load_config(config_file: str, catalogue: Path, **overrides):
    """The project's MkDocs config, its plugin pointed at `catalogue`. Raises BuildError/BuildStopped."""
    os.environ[CATALOGUE_ENV] = str(Path(catalogue).resolve())
    with _translated():
        return mkdocs_load_config(config_file=config_file, **overrides)


def site_dir(config) -> Path:
    return Path(config.site_dir)


def offer_offline_copy(config, key: str, link: dict) -> None:
    """Tell the build's macros (offline_download) about the offline zip the site will offer."""
    config.extra[key] = link


def build(config, *, site_dir: Path, previous_site: Path | None = None) -> BuildSummary:
    """Build the site into `site_dir`; with `previous_site`, `site_dir` is a new, empty folder beside it
    (site_swap.py), from which unchanged entry pages are hard-linked. Returns what was built.
    Raises BuildError/BuildStopped."""
    config.site_dir = str(site_dir)
    if previous_site is not None:
        build_beside(config, previous_site)
    _run(config)
    return build_summary(config)


def _run(config) -> None:
    try:
        with _translated():
            mkdocs_build(config)
    except BaseException as exc:
        if not isinstance(exc, Exception):  # SIGTERM, Ctrl-C: MkDocs tells the plugins only of Exceptions
            config.plugins.on_build_error(error=exc)
        raise


def offline_builder(config_file: str, catalogue: Path) -> Callable[[Path], None]:
    """A function building the site for reading from disk into a given folder (offline/build.py):
    links to .html files, and no repository links (Material's header would ask its host's API)."""
    def build_for_disk(site: Path) -> None:
        config = load_config(config_file, catalogue, site_dir=str(site), use_directory_urls=False)
        config.repo_url = config.repo_name = config.edit_uri = None
        _run(config)
    return build_for_disk


def serve(config_file: str, catalogue: Path, dev_addr: str) -> None:
    """The live preview. Raises BuildError/BuildStopped, or OSError (e.g. the port is taken)."""
    os.environ[CATALOGUE_ENV] = str(Path(catalogue).resolve())
    with _translated():
        mkdocs_serve(config_file=config_file, dev_addr=dev_addr, livereload=True)
