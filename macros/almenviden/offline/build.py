"""The offline copy: the whole site made readable from `file://` and packed into one zip.

Two ways to the same copy:
- `convert_site` (`build --with-offline`, `offline --from-site`): copy a site already built for a server into a
  temporary folder and make its links to folders links to their index.html (links.py), drop the online-only
  parts (the offer of the zip itself);
- `build_offline` (`almenviden offline`): the host builds the site into a temporary folder with
  `use_directory_urls: false` (every link ends in .html).
Then both drop what only makes sense on a server, add the offline assets, mark every page (age banner, offline
search script), make the Pagefind bundle loadable from disk, and zip.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Callable

from almenviden.sitebuild import workers
from almenviden.offline import archive, links, pagefind_bundle, pages

ASSETS = Path(__file__).resolve().parent / "assets"
# Server-only files: the 404 page uses root-absolute links, sitemaps are for crawlers.
_SERVER_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz")
DOWNLOAD_NAME = "almenviden-offline.zip"  # the online site's copy of the zip (download.py): not in the zip
FEED = "feed.xml"


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


def prepare_site(site: Path, built_on: date, *, marked: int | None = None) -> tuple[int, int]:
    """Turn a freshly built site (directory URLs off, Pagefind indexed) into the offline copy, in place.
    `marked`: how many pages were marked already (convert_site marks each page as it rewrites its links)."""
    for name in _SERVER_ONLY:
        (site / name).unlink(missing_ok=True)
    shutil.copytree(ASSETS, site / pages.ASSET_DIR, dirs_exist_ok=True)
    try:
        counts = pagefind_bundle.convert_bundle(site / "pagefind")
    except pagefind_bundle.PagefindBundleError as exc:
        raise OfflineError(str(exc)) from exc
    if marked is None:
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


def _not_copied(built: Path) -> Callable[[str, list[str]], set[str]]:
    """copytree's filter for `built`: hidden names (a staging site's scratch folders, where this very copy may be
    made), the zip itself, and the pages outside Pagefind's folder (offline_pages writes each one converted, so no
    page is written twice)."""
    bundle = built / "pagefind"

    def ignored(folder: str, names: list[str]) -> set[str]:
        pages_here = not Path(folder).is_relative_to(bundle)
        return {name for name in names if name.startswith(".") or name == DOWNLOAD_NAME
                or (pages_here and name.endswith(".html"))}
    return ignored


def _convert_pages(built: str, site: str, built_on: date, relatives: list[str]) -> None:
    """Each page read once from the built site and written once into the copy: its links to folders made links
    to their index.html, online-only parts dropped (links.offline_page), then marked (pages.mark_page)."""
    for relative in relatives:
        page = Path(site, relative)
        html = links.offline_page(Path(built, relative).read_text(encoding="utf-8"))
        try:
            marked = pages.mark_page(html, pages.root_prefix(page, Path(site)), built_on)
        except pages.PageMarkError as exc:
            raise pages.PageMarkError(f"{relative}: {exc}. Byg sitet igen; sker det igen, så send beskeden til "
                                      "udviklerne.") from None
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(marked, encoding="utf-8")


def offline_pages(built: Path, site: Path, built_on: date) -> int:
    """Write every page of `built` (and its feed) into the copy at `site` as the copy needs it (_convert_pages).
    Many pages are parsed on the other cores too (the same worker count and spawn check as the entry rendering,
    sitebuild/workers.py): parsing is most of a conversion's time. Returns how many pages."""
    relatives = []
    for folder, folders, names in os.walk(built):
        here = Path(folder).relative_to(built)
        folders[:] = [f for f in folders if not f.startswith(".") and not (here == Path(".") and f == "pagefind")]
        relatives += [(here / n).as_posix() for n in names if n.endswith(".html") and not n.startswith(".")]
    relatives = sorted(r for r in relatives if r not in _SERVER_ONLY)
    count = workers.worker_count(len(relatives)) if workers.spawn_is_safe() else 0
    try:
        if count:
            chunks = [relatives[i::count * 4] for i in range(count * 4)]
            with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn")) as pool:
                list(pool.map(partial(_convert_pages, str(built), str(site), built_on), chunks))
        else:
            _convert_pages(str(built), str(site), built_on, relatives)
    except pages.PageMarkError as exc:
        raise OfflineError(str(exc)) from exc
    feed = site / FEED
    if feed.is_file():
        feed.write_text(links.offline_feed(feed.read_text(encoding="utf-8")), encoding="utf-8")
    return len(relatives)


def convert_site(built: Path, output: Path, built_on: date, scratch: Path) -> OfflineResult:
    """The offline zip at `output` from `built`, a site already built for a server (directory URLs, Pagefind
    indexed), which is left as it is; the work is done in a hidden folder inside `scratch`."""
    if not (built / "index.html").is_file():
        raise OfflineError(f"Der er intet bygget site i {built} (index.html mangler). Kør 'almenviden build' først.")
    with tempfile.TemporaryDirectory(prefix=".almenviden-offline-", dir=scratch) as tmp:
        site = Path(tmp) / folder_name(built_on)
        shutil.copytree(built, site, ignore=_not_copied(built))
        marked = offline_pages(built, site, built_on)
        page_count, search_files = prepare_site(site, built_on, marked=marked)
        size = archive.write_zip(site, output, built_on)
    return OfflineResult(output, size, page_count, search_files)
