"""The offline copy: the whole site built for `file://` and packed into one zip.

Steps: the host builds the site into a temporary folder with `use_directory_urls: false` (every link ends in .html),
drop what only makes sense on a server, add the offline assets, mark every page (age banner, offline
search script), make the Pagefind bundle loadable from disk, zip.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from almenviden.offline import archive, pagefind_bundle, pages

ASSETS = Path(__file__).resolve().parent / "assets"
# Server-only files: the 404 page uses root-absolute links, sitemaps are for crawlers.
_SERVER_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz")


class OfflineError(Exception):
    """The offline copy could not be made; the message is Danish and says why."""


@dataclass(frozen=True)
class OfflineResult:
    zip_path: Path
    zip_bytes: int
    pages: int
    search_files: int


def folder_name(built_on: date) -> str:
    return f"almenviden-offline-{built_on.isoformat()}"


def default_output(built_on: date, dist: Path = Path("dist")) -> Path:
    return dist / f"{folder_name(built_on)}.zip"


def prepare_site(site: Path, built_on: date) -> tuple[int, int]:
    """Turn a freshly built site (directory URLs off, Pagefind indexed) into the offline copy, in place."""
    for name in _SERVER_ONLY:
        (site / name).unlink(missing_ok=True)
    shutil.copytree(ASSETS, site / pages.ASSET_DIR, dirs_exist_ok=True)
    try:
        counts = pagefind_bundle.convert_bundle(site / "pagefind")
    except pagefind_bundle.PagefindBundleError as exc:
        raise OfflineError(str(exc)) from exc
    try:
        marked = pages.mark_pages(site, built_on)
    except pages.PageMarkError as exc:
        raise OfflineError(str(exc)) from exc
    return marked, counts["data_files"]


def build_offline(build_site: Callable[[Path], None], output: Path, built_on: date, scratch: Path) -> OfflineResult:
    """Build the offline zip at `output`, working in a hidden folder inside `scratch` (deleted at the end).

    `build_site(folder)` builds the whole site into `folder` for reading from disk: links to .html files
    (no directory URLs) and nothing asked of other hosts (hosts.mkdocs.commands.offline_builder).
    """
    with tempfile.TemporaryDirectory(prefix=".almenviden-offline-", dir=scratch) as tmp:
        site = Path(tmp) / folder_name(built_on)
        build_site(site)
        page_count, search_files = prepare_site(site, built_on)
        size = archive.write_zip(site, output, built_on)
    return OfflineResult(output, size, page_count, search_files)
