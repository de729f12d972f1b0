"""The online site offers the latest offline copy: `almenviden build --with-offline`.

The offline zip is built first (into a temporary folder), the online build is told about it through
`config.extra["almenviden_offline"]` (`OfflineDownload.link`; the macro `offline_download()` renders the
link, on Om-siden),
and after the online build the zip is moved into the site as `almenviden-offline.zip`, next to
index.html, where GitHub Pages or any static host serves it. A plain `mkdocs build` or `almenviden serve`
has no zip, so the macro renders nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from markupsafe import escape

from almenviden.danish.dates import danish_date
from almenviden.render.urls import relative_url
from almenviden.offline.build import build_offline

DOWNLOAD_NAME = "almenviden-offline.zip"
EXTRA_KEY = "almenviden_offline"


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"


def download_html(info: dict | None, page_url: str) -> str:
    """The "Offline-kopi" section for the page at `page_url`, or "" when the build has no offline copy."""
    if not info:
        return ""
    href = relative_url(page_url, info["href"])
    built = danish_date(date.fromisoformat(info["built"]))
    return ("\n## Offline-kopi\n\n"
            "Hele sitet findes også som én zip-fil til steder uden netværk: et mødelokale i kælderen, toget "
            "eller et USB-stik, der går på omgang.\n\n"
            f'<p class="av-offline-download"><a href="{escape(href)}" download>Hent offline-kopien</a> '
            f"(zip, {megabytes(info['bytes'])}, bygget {built}). Pak den ud, og åbn <code>index.html</code>: "
            "søgning, filtre og print virker uden netværk. Hver side viser, hvornår kopien er bygget.</p>\n")


@dataclass
class OfflineDownload:
    zip_path: Path
    built_on: date
    size: int

    @classmethod
    def build(cls, build_site: Callable[[Path], None], built_on: date, scratch: Path) -> "OfflineDownload":
        """Build the zip in a hidden folder inside `scratch` (the online site's staging folder)."""
        folder = Path(tempfile.mkdtemp(prefix=".almenviden-download-", dir=scratch))
        result = build_offline(build_site, folder / DOWNLOAD_NAME, built_on, scratch=folder)
        return cls(result.zip_path, built_on, result.zip_bytes)

    def link(self) -> dict:
        """What the online build's macro (download_html) needs to link to the zip; it goes in the host's
        config under EXTRA_KEY."""
        return {"href": DOWNLOAD_NAME, "bytes": self.size, "built": self.built_on.isoformat()}

    def publish(self, site_dir: str | Path) -> Path:
        """Move the zip into the built site; returns where it went."""
        target = Path(site_dir) / DOWNLOAD_NAME
        shutil.move(self.zip_path, target)
        shutil.rmtree(self.zip_path.parent, ignore_errors=True)
        return target
