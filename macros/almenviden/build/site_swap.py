"""Building a site beside the previous one and putting it in place in one step. No MkDocs here.

`almenviden build` writes the new site into a hidden sibling of the site folder (`.<name>.almenviden-ny`,
on the same file system) and, only when it is complete, swaps the two folders with one
renameat2(RENAME_EXCHANGE) call: a web server, a reader or a build killed at any moment finds either the
whole previous site or the whole new one, never a mix and never nothing. The swapped-out previous site
is deleted afterwards; a staging folder left by a killed build is deleted by the next build.

Why an exchange of two real folders and not a symlink flip (site -> .site-v2): the site folder stays an
ordinary folder, so web servers, `rsync site/`, upload actions and the site-dir guard see what they saw
before, and no version folders pile up next to it. Where the kernel or file system cannot exchange
(EINVAL/ENOSYS), two renames do it, with the previous site kept aside under a fixed name until the new
one is in place; a build killed between the two is repaired by the next one (`begin`).

A lock file next to the site (`.<name>.almenviden-laas`, flock) lets one build at a time write a site:
a second build waits for the first and then builds on the result.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from almenviden.build import checkpoints, locks
from almenviden.build.scratch import remove_tree

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def sibling_prefix(site_dir: Path) -> str:
    """The path prefix of every folder and file a build keeps beside the site (staging, aside, lock)."""
    return str(site_dir.parent / f".{site_dir.name}.almenviden-")


def _sibling(site_dir: Path, suffix: str) -> Path:
    return Path(sibling_prefix(site_dir) + suffix)


@contextmanager
def site_lock(site_dir: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the site's lock; if another build holds it, call `on_wait` and wait for it."""
    path = _sibling(site_dir, "laas")
    path.parent.mkdir(parents=True, exist_ok=True)
    with locks.held(path, create=True, on_wait=on_wait):
        yield


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically; False if the kernel or file system cannot (then nothing happened)."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _link_or_copy(source, target) -> None:
    if os.path.islink(source):
        os.symlink(os.readlink(source), target)
        return
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

    def begin(self) -> Path:
        """Clear what a killed build left and make the empty staging folder; returns where to build."""
        if self._aside.is_dir() and not self.site_dir.exists():  # killed between the two fallback renames
            os.rename(self._aside, self.site_dir)
        remove_tree(self._aside)
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

    def publish(self) -> None:
        """Put the complete new site in place of the previous one, then delete the previous one."""
        if not self.staged:
            return
        checkpoints.reached("swap")
        if not self.site_dir.exists():
            os.rename(self.folder, self.site_dir)
            return
        if not exchange(self.folder, self.site_dir):
            os.rename(self.site_dir, self._aside)
            os.rename(self.folder, self.site_dir)
            os.rename(self._aside, self.folder)
        checkpoints.reached("swapped")
        remove_tree(self.folder)  # now the previous site

    def abandon(self) -> None:
        """The build failed: the previous site stays, the staging folder goes."""
        if self.staged:
            remove_tree(self.folder)
