"""The site's browser code: classic scripts and CSS, no bundler, runnable from file://.

Every .js and .css file in this folder is copied by the host into the site as ``assets/almenviden/<name>``
(see ``asset_files``); the theme includes the scripts in dependency order (ARCHITECTURE.md §1.1). The Python
modules beside them: ``constants`` (the values shared with the scripts; it writes ``constants.js``) and
``csp`` (every page's Content-Security-Policy).
"""

from __future__ import annotations

from pathlib import Path

BROWSER_DIR = Path(__file__).resolve().parent
SITE_ASSET_DIR = "assets/almenviden"


def asset_files() -> list[Path]:
    """The files the site serves from ``assets/almenviden/``, sorted by name."""
    return sorted(p for p in BROWSER_DIR.iterdir()
                  if p.is_file() and p.suffix in {".js", ".css"} and not p.name.endswith(".test.js"))
