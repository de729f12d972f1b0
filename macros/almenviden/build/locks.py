"""Exclusive flock locks on a folder or a lock file, released when the process ends however it ends.
No MkDocs here.

Three users: the site lock (site_swap.site_lock: a lock file next to the site, and a notice before
waiting), the catalogue folder while `almenviden new` picks an id and writes the file
(content/scaffold.py), and scratch folders (scratch.py), whose lock tells a folder still in use from
one left by a process killed with SIGKILL.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator


def _open(path: Path, create: bool) -> int:
    if create:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    return os.open(path, os.O_RDONLY | os.O_DIRECTORY)


@contextmanager
def held(path: Path, *, create: bool = False, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the lock on `path` (a folder; a lock file, made if missing, with `create`) until the block
    ends. If another process holds it, call `on_wait` (if given) and wait for it."""
    fd = _open(Path(path), create)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


def in_use(folder: Path) -> bool:
    """Whether a living process holds the lock on `folder` (one that cannot be opened counts as in use)."""
    try:
        fd = _open(Path(folder), create=False)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
