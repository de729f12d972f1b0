"""Building a site beside the previous one and putting it in place in one step. No MkDocs here.

`almenviden build` writes the new site into a hidden sibling of the site folder (`.<name>.almenviden-ny`,
on the same file system) and, only when it is complete, swaps the two folders with one
renameat2(RENAME_EXCHANGE) call: a web server, a reader or a build killed at any moment finds either the
whole previous site or the whole new one, never a mix and never nothing. The swapped-out previous site
is deleted afterwards (by `almenviden build` in a detached process, `.<name>.almenviden-slettes-…`, so the
command does not wait for it); a staging folder left by a killed build, or a previous site whose removal did
not finish, is deleted by the next build.

Why an exchange of two real folders and not a symlink flip (site -> .site-v2): the site folder stays an
ordinary folder, so web servers, `rsync site/`, upload actions and the site-dir guard see what they saw
before, and no version folders pile up next to it.

Per platform (`exchange`): Linux has renameat2(RENAME_EXCHANGE), macOS renamex_np(RENAME_SWAP) (both
through ctypes), Windows has no call that swaps two folders. Where there is none, or the file system
cannot (EINVAL/ENOSYS/ENOTSUP), three renames do it (`_swap_by_renames`), none of them onto an existing
name (Windows refuses that for a folder): the previous site goes aside under a fixed name, the new one
takes its place, the previous one takes the staging name. If the second rename fails, the first is
undone; a build killed between the two is repaired by the next one (`begin`). Windows also refuses to
rename a folder while another program has a file in it open (Explorer, an editor, a virus scanner for
a moment): the renames are tried again for a few seconds before the build gives up, and the message then
says what to close (cli.py).

A lock file next to the site (`.<name>.almenviden-laas`, locks.py) lets one build at a time write a site:
a second build waits for the first and then builds on the result.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from almenviden.sitebuild import checkpoints, locks
from almenviden.sitebuild.scratch import remove_tree

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h
_RENAME_SWAP = 2  # macOS sys/stdio.h
_CANNOT_EXCHANGE = (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, getattr(errno, "EOPNOTSUPP", errno.ENOTSUP))
_WINDOWS = os.name == "nt"
_RENAME_TRIES = 20  # on Windows, 20 tries 0.25 s apart while another program lets go of a file
_RENAME_PAUSE = 0.25
_DOOMED = "slettes-"  # a swapped-out previous site being deleted by a detached process (publish)

def sibling_prefix(site_dir: Path) -> str:
    """The path prefix of every folder and file a build keeps beside the site (staging, aside, lock)."""
    return str(site_dir.parent / f".{site_dir.name}.almenviden-")


def _sibling(site_dir: Path, suffix: str) -> Path:
    return Path(sibling_prefix(site_dir) + suffix)


@contextmanager
def site_lock(site_dir: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the site's lock; if another build holds it, call `on_wait` and wait for it."""
    path = locks.lock_file_for(site_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locks.held(path, on_wait=on_wait):
        yield


def _native_exchange(platform: str):
    """The C function that swaps two paths on this platform, called as f(a, b) -> 0 or -1 (errno set);
    None where there is none (Windows, an old libc)."""
    if platform.startswith("linux"):
        renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
        if renameat2 is not None:
            return lambda a, b: renameat2(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_EXCHANGE)
    elif platform == "darwin":
        renamex_np = getattr(ctypes.CDLL(None, use_errno=True), "renamex_np", None)
        if renamex_np is not None:
            return lambda a, b: renamex_np(a, b, _RENAME_SWAP)
    return None


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically; False if the platform or file system cannot (then nothing happened)."""
    swap = _native_exchange(sys.platform)
    if swap is None:
        return False
    if swap(os.fsencode(a), os.fsencode(b)) == 0:
        return True
    code = ctypes.get_errno()
    if code in _CANNOT_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(b))


def _rename(source: Path, target: Path) -> None:
    """os.rename, tried again for a while on Windows when another program has a file in `source` open."""
    tries = _RENAME_TRIES if _WINDOWS else 1
    for attempt in range(1, tries + 1):
        try:
            os.rename(source, target)
            return
        except PermissionError:
            if attempt == tries:
                raise
            time.sleep(_RENAME_PAUSE)


def _link_or_copy(source, target) -> None:
    if os.path.islink(source):
        try:
            os.symlink(os.readlink(source), target)
            return
        except OSError:  # Windows lets only some users make symlinks: a copy of what it points to
            pass
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


class StagedSite:
    """The folder a build writes to (`folder`) and how it replaces the site when complete.

    A site folder that is a mount point cannot be swapped; it is built in place (`staged` is False), as
    MkDocs does, and only that case can be left half-written by a killed build.
    """

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = Path(site_dir)
        self.staged = not os.path.ismount(self.site_dir)
        self.folder = _sibling(self.site_dir, "ny") if self.staged else self.site_dir
        self._aside = _sibling(self.site_dir, "forrige")
        self.removal: subprocess.Popen | None = None  # the detached removal of the previous site (publish)

    def begin(self) -> Path:
        """Clear what a killed build left and make the empty staging folder; returns where to build."""
        if self._aside.is_dir() and not self.site_dir.exists():  # killed between the two fallback renames
            os.rename(self._aside, self.site_dir)
        remove_tree(self._aside)
        for doomed in self.site_dir.parent.glob(f".{self.site_dir.name}.almenviden-{_DOOMED}*"):
            remove_tree(doomed)  # a previous site whose detached removal did not finish (publish)
        if self.staged:
            remove_tree(self.folder)
            self.folder.mkdir(parents=True)
            if self.site_dir.is_dir():
                os.chmod(self.folder, self.site_dir.stat().st_mode & 0o7777)
                self._carry_hidden()
        checkpoints.reached("begin")
        return self.folder

    def _carry_hidden(self) -> None:
        """MkDocs' cleaning leaves a site's hidden files (.nojekyll, .htaccess, .well-known/) in place; so
        does the swap: they are hard-linked (or copied) into the new site, and the previous site is untouched."""
        for entry in self.site_dir.iterdir():
            if not entry.name.startswith(".") or entry.name.startswith(".almenviden-"):
                continue
            target = self.folder / entry.name
            if entry.is_dir() and not entry.is_symlink():
                shutil.copytree(entry, target, symlinks=True, copy_function=_link_or_copy)
            else:
                _link_or_copy(entry, target)

    def publish(self, *, detach_removal: bool = False) -> None:
        """Put the complete new site in place of the previous one, then delete the previous one; with
        `detach_removal` (the command line) by a detached process, so the command ends without waiting."""
        if not self.staged:
            return
        checkpoints.reached("swap")
        if not self.site_dir.exists():
            _rename(self.folder, self.site_dir)
            return
        if not exchange(self.folder, self.site_dir):
            self._swap_by_renames()
        checkpoints.reached("swapped")
        if not (detach_removal and self._remove_detached(self.folder)):
            remove_tree(self.folder)  # now the previous site

    def _remove_detached(self, previous: Path) -> bool:
        """Rename the swapped-out previous site to a name of its own (`.<name>.almenviden-slettes-<pid>`) and
        start a process that deletes it and outlives this one. Deleting 10,000 entry folders takes seconds to
        tens of seconds on a busy disk, while the new site is already in place. The next build deletes what such
        a process left (`begin`). False if either step fails: the caller deletes it then."""
        doomed = _sibling(self.site_dir, f"{_DOOMED}{os.getpid()}-{time.monotonic_ns()}")
        try:
            os.rename(previous, doomed)
        except OSError:
            return False
        detached = ({"creationflags": subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP}
                    if _WINDOWS else {"start_new_session": True})
        try:
            self.removal = subprocess.Popen(
                [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                 str(doomed)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                close_fds=True, **detached)
        except OSError:
            remove_tree(doomed)
        return True

    def _swap_by_renames(self) -> None:
        _rename(self.site_dir, self._aside)
        checkpoints.reached("aside")
        try:
            _rename(self.folder, self.site_dir)
        except BaseException:
            _rename(self._aside, self.site_dir)  # the previous site back where it was
            raise
        _rename(self._aside, self.folder)

    def abandon(self) -> None:
        """The build failed: the previous site stays, the staging folder goes."""
        if self.staged:
            remove_tree(self.folder)
