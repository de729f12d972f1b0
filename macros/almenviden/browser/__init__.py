"""The site's browser code: classic scripts and CSS, no bundler, runnable from file://.

Every file in this folder except Python files is copied by the host into the site as
``assets/almenviden/<name>`` (see ``asset_files``); the theme includes the scripts it needs.
"""

from __future__ import annotations

from pathlib import Path

BROWSER_DIR = Path(__file__).resolve().parent
SITE_ASSET_DIR = "assets/almenviden"


def asset_files() -> list[Path]:
    """The files the site serves from ``assets/almenviden/``, sorted by name."""
    return sorted(p for p in BROWSER_DIR.iterdir()
                  if p.is_file() and p.suffix in {".js", ".css"} and not p.name.endswith(".test.js"))
