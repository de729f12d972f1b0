"""Hidden scratch folders that a killed process does not leave behind for good. No MkDocs here.

`scratch_dir(parent, prefix)` makes `parent/<prefix>XXXX`, holds an flock on it while in use and deletes
it on leaving (on SIGTERM too: the command line turns SIGTERM into an exception, cli.py). A folder left by
a process killed with SIGKILL is no longer locked, so the next call with the same parent and prefix
deletes it; a folder whose owner is still running stays locked and is left alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from almenviden.build import locks

_UNLOCKED = ".almenviden-ny-mappe-"  # a folder's name until it is locked (never matched by a prefix)


def remove_tree(path: Path) -> None:
    """Delete a folder (or a file or a symlink, not what it points to) if it exists."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)


def remove_leftovers(parent: Path, prefix: str) -> None:
    for folder in Path(parent).glob(prefix + "*"):
        if folder.is_dir() and not folder.is_symlink() and not locks.in_use(folder):
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def scratch_dir(parent: Path, prefix: str) -> Iterator[Path]:
    parent = Path(parent).resolve()  # MkDocs reads a relative site_dir from the config file's folder
    parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(parent, prefix)
    # Locked before it gets a name that remove_leftovers of another process would look at.
    unlocked = Path(tempfile.mkdtemp(prefix=_UNLOCKED, dir=parent))
    try:
        with locks.held(unlocked):  # the lock stays with the folder when it is renamed
            path = parent / (prefix + unlocked.name[len(_UNLOCKED):])
            os.rename(unlocked, path)
            try:
                yield path
            finally:
                shutil.rmtree(path, ignore_errors=True)
    finally:
        shutil.rmtree(unlocked, ignore_errors=True)
