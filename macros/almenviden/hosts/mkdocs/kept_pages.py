"""Keeping the entry pages of the previous build through MkDocs' cleaning of the site folder. No MkDocs here.

A build (and every rebuild in `serve`) starts by emptying the site folder, so 10,000 unchanged entry pages
would be deleted and written again: at that size ~14 s of file-system work for a one-entry edit. MkDocs
leaves hidden entries of the site folder alone (`mkdocs.utils.clean_directory`), so before the cleaning the
kind folders are moved, whole, into a hidden folder inside the site (one rename each, same file system).
After the cleaning the page of every entry still in the catalogue is moved back and the rest of the
hidden folder is deleted; the entry writer then rewrites only the pages whose bytes changed.

`almenviden build` does not build in place but beside the previous site (site_swap.py), which must stay
untouched until the new one is complete: there the pages of today's entries are hard-linked from the
previous site into the new one (`link_previous`) instead, so they keep their inode and mtime as well,
and the entry writer replaces a changed page by a new file rather than writing through the link.
"""

from __future__ import annotations

import os
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
            try:
                source.rename(target)
            except OSError:  # Windows, while the preview's server has a page in it open: written again instead
                continue
            moved = True
    if not moved:
        shutil.rmtree(keep, ignore_errors=True)
        return None
    return keep


def restore(keep: Path | None, site_dir: Path, pages: Iterable[str], directory_urls: bool,
            files: Iterable[str] = ()) -> int:
    """Move the kept copies of `pages` and `files` (paths relative to the site) back, delete the rest of the
    keep folder, and return how many came back. With directory URLs an entry's page is its own folder
    (`ideer/x/index.html`): the folder moves. `files` (the entries' list data files) move as files."""
    if keep is None:
        return 0
    restored = 0
    moves = [Path(page).parent if directory_urls else Path(page) for page in pages] + [Path(f) for f in files]
    try:
        for relative in moves:
            source, target = keep / relative, Path(site_dir) / relative
            if not source.exists() or target.exists():
                continue
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                source.rename(target)
            except OSError:  # as in stash: the writer writes the page again
                continue
            restored += 1
    finally:
        discard(keep)
    return restored


def discard(keep: Path | None) -> None:
    if keep is not None:
        shutil.rmtree(keep, ignore_errors=True)


def link_previous(previous_site: Path, site_dir: Path, pages: Iterable[str]) -> int:
    """Hard-link the previous site's copies of `pages` (paths relative to a site) into `site_dir`, which is
    being built; returns how many. A page that cannot be linked is simply written again."""
    linked = 0
    for page in pages:
        source, target = Path(previous_site) / page, Path(site_dir) / page
        if not source.is_file() or source.is_symlink():
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target)
        except OSError:
            continue
        linked += 1
    return linked
