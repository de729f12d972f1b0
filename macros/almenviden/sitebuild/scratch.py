"""Hidden scratch folders that a killed process does not leave behind for good. No MkDocs here.

`scratch_dir(parent, prefix)` makes `parent/<prefix>XXXX`, holds the lock of its lock file
(`locks.lock_file_for`: `.<prefix>XXXX.almenviden-laas` beside it, taken before the folder gets its name)
while in use and deletes both on leaving (on SIGTERM too: the command line turns SIGTERM into an
exception, cli.py). A folder left by a killed process is no longer locked, so the next call with the
same parent and prefix deletes it; a folder whose owner is still running stays locked and is left alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from almenviden.sitebuild import locks

_UNLOCKED = ".almenviden-ny-mappe-"  # a folder's name until it is locked (never matched by a prefix)


def remove_tree(path: Path) -> None:
    """Delete a folder (or a file or a symlink, not what it points to) if it exists."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)


def remove_leftovers(parent: Path, prefix: str) -> None:
    for folder in Path(parent).glob(prefix + "*"):
        if not folder.is_dir() or folder.is_symlink():
            continue
        lock_file = locks.lock_file_for(folder)
        with locks.held_if_free(lock_file) as free:
            if free:  # its owner is gone: held while deleting, so no one else starts on it meanwhile
                shutil.rmtree(folder, ignore_errors=True)
        if free:
            lock_file.unlink(missing_ok=True)


@contextmanager
def scratch_dir(parent: Path, prefix: str) -> Iterator[Path]:
    parent = Path(parent).resolve()  # MkDocs reads a relative site_dir from the config file's folder
    parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(parent, prefix)
    # Locked before it gets a name that remove_leftovers of another process would look at. The folder is
    # empty and nothing has it open when it is renamed (Windows refuses to rename a folder that has).
    unlocked = Path(tempfile.mkdtemp(prefix=_UNLOCKED, dir=parent))
    path = parent / (prefix + unlocked.name[len(_UNLOCKED):])
    lock_file = locks.lock_file_for(path)
    try:
        with locks.held(lock_file):
            try:
                os.rename(unlocked, path)
                yield path
            finally:
                shutil.rmtree(path, ignore_errors=True)
    finally:
        lock_file.unlink(missing_ok=True)  # after the folder, so no folder is ever left without its lock file
        shutil.rmtree(unlocked, ignore_errors=True)
