"""serve's quick update: after a save that changed only catalogue entries, their pages first, then the rest.

MkDocs 1.6's preview (LiveReloadServer) builds the whole site again on every change and holds every page request
until that build is done: at 10,000 entries many seconds between saving an entry and seeing it. `QuickPreview`
takes the server's builder (`on_serve`): when the files that changed since the last build are all entry files of
the catalogue (none added or removed), the plugin writes just the changed entries' pages and those of the entries
that refer to them into the served folder (`AlmenvidenPlugin.quick_update`), the browser is told to reload at
once, and then the whole build follows as before (lists, feed, sitemap, the search index in the background). A
save that changed anything else, or a catalogue with errors (the banner), takes the whole build only.

MkDocs' private parts used here (ARCHITECTURE.md §8): the server's `builder` attribute is replaced, and its
`_epoch_cond`, `_visible_epoch`, `_wanted_epoch` and `mkdocs.livereload._timestamp` tell the browser to reload
and hold requests while the whole build cleans the folder.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Callable

from almenviden.content.kinds import KINDS
from almenviden.hosts.mkdocs.console import QUICK_UPDATE

log = logging.getLogger("mkdocs.plugins.almenviden")

Snapshot = dict[str, tuple[int, int, int]]


def catalogue_snapshot(catalogue_dir: Path) -> Snapshot:
    """Size, modification time and inode of every file in the kind folders of the catalogue."""
    files: Snapshot = {}
    for kind in KINDS:
        try:
            with os.scandir(Path(catalogue_dir) / kind) as found:
                for item in found:
                    try:
                        st = item.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    files[item.path] = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            continue
    return files


def changed_entry_files(before: Snapshot, after: Snapshot) -> list[str] | None:
    """The entry files that changed between two snapshots; None if any file came or went, or a changed one is
    not an entry file (.yaml): then only the whole build will do."""
    if before.keys() != after.keys():
        return None
    changed = [path for path, stamp in after.items() if before[path] != stamp]
    if not changed or not all(path.endswith(".yaml") for path in changed):
        return None
    return changed


class QuickPreview:
    """The preview's builder: the quick update of changed entries when it applies, then the whole build."""

    def __init__(self, server, full_build: Callable, quick_update: Callable[[], int | None],
                 catalogue_dir: Path) -> None:
        self.server = server
        self.full_build = full_build
        self.quick_update = quick_update
        self.catalogue_dir = Path(catalogue_dir)
        self.snapshot = catalogue_snapshot(self.catalogue_dir)
        self.quick_done = False

    def __call__(self, config=None) -> None:
        self.quick_done = False
        if config is None:  # a rebuild after a change (the first build is MkDocs' own call, with the config)
            self._try_quick()
        self.snapshot = catalogue_snapshot(self.catalogue_dir)  # before: a save during the build rebuilds again
        self.full_build(config)

    def _try_quick(self) -> None:
        now = catalogue_snapshot(self.catalogue_dir)
        if changed_entry_files(self.snapshot, now) is None:
            return
        started = time.monotonic()
        try:
            written = self.quick_update()
        except Exception:  # noqa: BLE001 - the whole build that follows says what is wrong, or fixes it
            log.debug("almenviden: the quick update failed; the whole build follows", exc_info=True)
            return
        if written is None:
            return
        self._reload_browsers()
        self.quick_done = True
        log.info("almenviden: %d sider opdateret før resten af forhåndsvisningen", written,
                 extra={QUICK_UPDATE: time.monotonic() - started})

    def _reload_browsers(self) -> None:
        """Serve the folder as it is now and let waiting browsers reload (what MkDocs does after a build)."""
        server = self.server
        with server._epoch_cond:
            server._visible_epoch = server._wanted_epoch
            server._epoch_cond.notify_all()

    def hold_requests(self) -> None:
        """The whole build after a quick update is about to clean the folder: page requests wait until it is
        done again (as during any MkDocs build), and browsers reload once more when it is."""
        if not self.quick_done:
            return
        from mkdocs.livereload import _timestamp

        with self.server._epoch_cond:
            self.server._wanted_epoch = max(_timestamp(), self.server._visible_epoch + 1)


def install(server, builder: Callable, quick_update: Callable[[], int | None], catalogue_dir: Path) -> QuickPreview:
    """Replace the server's builder by a QuickPreview around it."""
    preview = QuickPreview(server, getattr(server, "builder", builder), quick_update, catalogue_dir)
    server.builder = preview
    return preview
