"""Keeping the entry pages of the previous build through MkDocs' cleaning of the site folder. No MkDocs here.

A build (and every rebuild in `serve`) starts by emptying the site folder, so 10,000 unchanged entry pages
would be deleted and written again: at that size ~14 s of file-system work for a one-entry edit. MkDocs
leaves hidden entries of the site folder alone (`mkdocs.utils.clean_directory`), so before the cleaning the
kind folders are moved, whole, into a hidden folder inside the site (one rename each, same file system).
After the cleaning the page of every entry still in the catalogue is moved back and the rest of the
hidden folder is deleted; the entry writer then rewrites only the pages whose bytes changed.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable

KEEP_DIR = ".almenviden-forrige"


def stash(site_dir: Path, folders: Iterable[str]) -> Path | None:
    """Move the site's `folders` (the kinds' page folders) into the hidden keep folder; None if none exist."""
    keep = Path(site_dir) / KEEP_DIR
    shutil.rmtree(keep, ignore_errors=True)  # left over from a build that failed half-way
    moved = False
    for folder in folders:
        source = Path(site_dir) / folder
        if source.is_dir() and not source.is_symlink():
            target = keep / folder
            target.parent.mkdir(parents=True, exist_ok=True)
            source.rename(target)
            moved = True
    if not moved:
        shutil.rmtree(keep, ignore_errors=True)
        return None
    return keep


def restore(keep: Path | None, site_dir: Path, pages: Iterable[str], directory_urls: bool) -> int:
    """Move the kept copies of `pages` (paths relative to the site) back, delete the rest of the keep folder,
    and return how many came back. With directory URLs an entry's page is its own folder (`ideer/x/index.html`):
    the folder moves."""
    if keep is None:
        return 0
    restored = 0
    try:
        for page in pages:
            relative = Path(page).parent if directory_urls else Path(page)
            source, target = keep / relative, Path(site_dir) / relative
            if not source.exists() or target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            source.rename(target)
            restored += 1
    finally:
        discard(keep)
    return restored


def discard(keep: Path | None) -> None:
    if keep is not None:
        shutil.rmtree(keep, ignore_errors=True)
