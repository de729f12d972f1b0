"""Exclusive locks on lock files, released when the process ends however it ends. No MkDocs here.

The locking itself is the `filelock` library's, on every platform: `flock` on Linux and macOS,
`LockFileEx` on Windows. Both locks belong to an open file and go when the process ends, even when
it is killed, so a lock file left behind says nothing: only a held lock means a living holder.
Windows cannot lock (or even open) a folder, so a folder is never locked itself: its lock file
`.<name>.almenviden-laas` beside it stands for it (`lock_file_for`). On Windows, filelock deletes a
lock file when it releases it; elsewhere the file stays (a waiter must lock the same file).

Three users: the site lock (site_swap.site_lock: a notice before waiting), the catalogue folder
while `almenviden new` picks an id and writes the file (content/scaffold.py), and scratch folders
(scratch.py), whose lock tells a folder still in use from one left by a killed process.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from filelock import FileLock, Timeout

LOCK_SUFFIX = ".almenviden-laas"


def lock_file_for(path: Path) -> Path:
    """The lock file that stands for the folder (or file) `path`: `.<name>.almenviden-laas` beside it."""
    path = Path(path)
    return path.parent / f".{path.name}{LOCK_SUFFIX}"


def _lock(lock_file: Path) -> FileLock:
    # thread_local=False: a lock taken in one thread may be released in another (serve's rebuilds).
    return FileLock(str(lock_file), thread_local=False)


@contextmanager
def held(lock_file: Path, *, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the lock on `lock_file` (made if missing) until the block ends. If another process holds
    it, call `on_wait` (if given) and wait for it."""
    lock = _lock(lock_file)
    try:
        lock.acquire(blocking=False)
    except Timeout:
        if on_wait is not None:
            on_wait()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


@contextmanager
def held_if_free(lock_file: Path) -> Iterator[bool]:
    """Take the lock on `lock_file` without waiting: yields True while it is held here, False (and holds
    nothing) if another holder has it or it cannot be taken at all (a folder that cannot be written)."""
    lock = _lock(lock_file)
    try:
        lock.acquire(blocking=False)
    except (Timeout, OSError):
        yield False
        return
    try:
        yield True
    finally:
        lock.release()
