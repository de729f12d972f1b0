"""The online site offers the latest offline copy: `almenviden build --with-offline`.

The online build is told about the zip through `config.extra["almenviden_offline"]` (`offline_link`; the macro
`offline_download()` renders the offer, on Om-siden), with a slot where the zip's size goes: the zip is made
after the online build, from the site it has just built (build.convert_site), and its size is only known then.
`OfflineDownload.publish` moves the zip into the site as `almenviden-offline.zip`, next to index.html, where
GitHub Pages or any static host serves it, and writes the size into the pages that offer it. The offer is
marked online-only (the copy does not hold the zip) and is not indexed for search (the slot is not text).
A plain `mkdocs build` or `almenviden serve` has no zip, so the macro renders nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import escape

from almenviden.danish.dates import danish_date
from almenviden.render.urls import relative_url
from almenviden.offline.build import DOWNLOAD_NAME, convert_site
from almenviden.offline.links import ONLINE_ONLY

EXTRA_KEY = "almenviden_offline"
SIZE_SLOT = "__almenviden_offline_size__"  # the zip's size, written in when the zip exists (publish)

__all__ = ["DOWNLOAD_NAME", "EXTRA_KEY", "OfflineDownload", "download_html", "megabytes", "offline_link"]


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"


def offline_link(built_on: date) -> dict:
    """What the online build's macro (download_html) needs to offer the zip; it goes in the host's config under
    EXTRA_KEY. The macro adds to "pages" each page it renders the offer on (publish writes the size there)."""
    return {"href": DOWNLOAD_NAME, "built": built_on.isoformat(), "pages": []}


def download_html(info: dict | None, page_url: str) -> str:
    """The "Offline-kopi" section for the page at `page_url`, or "" when the build has no offline copy."""
    if not info:
        return ""
    info.setdefault("pages", []).append(page_url)
    href = relative_url(page_url, info["href"])
    built = danish_date(date.fromisoformat(info["built"]))
    size = megabytes(info["bytes"]) if info.get("bytes") is not None else SIZE_SLOT
    return (f'\n<div class="av-offline-offer" {ONLINE_ONLY} data-pagefind-ignore="all" markdown>\n\n'
            "## Offline-kopi\n\n"
            "Hele sitet findes også som én zip-fil til steder uden netværk: et mødelokale i kælderen, toget "
            "eller et USB-stik, der går på omgang.\n\n"
            f'<p class="av-offline-download"><a href="{escape(href)}" download>Hent offline-kopien</a> '
            f"(zip, {size}, bygget {built}). Pak den ud, og åbn <code>index.html</code>: "
            "søgning, filtre og print virker uden netværk. Hver side viser, hvornår kopien er bygget.</p>\n\n"
            "</div>\n")


def _page_file(url: str) -> str:
    return url + "index.html" if url.endswith("/") or not url else url


@dataclass
class OfflineDownload:
    zip_path: Path
    built_on: date
    size: int

    @classmethod
    def from_site(cls, site: Path, built_on: date) -> "OfflineDownload":
        """The zip made from the online site just built in `site` (a staging folder), working in a hidden
        folder inside it (never copied into the zip: build._not_copied)."""
        folder = Path(tempfile.mkdtemp(prefix=".almenviden-download-", dir=site))
        result = convert_site(site, folder / DOWNLOAD_NAME, built_on, scratch=folder)
        return cls(result.zip_path, built_on, result.zip_bytes)

    def publish(self, site_dir: str | Path, link: dict) -> Path:
        """Move the zip into the built site and write its size into the pages that offer it (`link["pages"]`);
        returns where the zip went."""
        site_dir = Path(site_dir)
        target = site_dir / DOWNLOAD_NAME
        shutil.move(self.zip_path, target)
        shutil.rmtree(self.zip_path.parent, ignore_errors=True)
        for url in sorted(set(link.get("pages", []))):
            page = site_dir / _page_file(url)
            html = page.read_text(encoding="utf-8")
            if SIZE_SLOT in html:
                page.unlink()  # never write through a hard link to the previous site
                page.write_text(html.replace(SIZE_SLOT, megabytes(self.size)), encoding="utf-8")
        return target
