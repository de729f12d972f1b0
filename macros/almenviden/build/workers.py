"""Rendering many entries at once on the machine's other cores (a cold build). No MkDocs here.

An entry's page content and its search copy (`render_parts`) take ~2 ms of pure Python each, so a
cold build of 10,000 entries spends ~20 s on one core while the others wait. When many entries miss the
entry cache, `ParallelRenderer` starts worker processes (`python -m almenviden.build.worker_main`) as soon
as the build starts, hands each a share of the entries, and the entry writer takes the results as it
writes the pages. Same function, same inputs, same bytes as rendering in the build process.

The workers are plain subprocesses rather than a multiprocessing pool: a pool started with "fork" can
hang on a lock held by one of the build's threads (the Pagefind service, the preview server), and one
started with "spawn" runs the parent's main script again in every worker, which for a script without
a `__main__` guard means a second build. If a worker cannot start or stops, the build process renders
the entries it did not deliver itself, so a worker problem only costs time.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from datetime import date

from almenviden.content.model import Catalogue, Entry
from almenviden.render.entry_page import render_entry
from almenviden.render.search_record import entry_record

# Below this many entries to render, starting workers (~1 s each) costs more than it saves.
MIN_ENTRIES = 400
MAX_WORKERS = 4
CHUNK = 32  # entries handed out together; workers take turns by chunk, so both start at the front
WORKERS_ENV = "ALMENVIDEN_RENDER_WORKERS"  # "0": never; a number: exactly that many, whatever the count


def render_parts(entry: Entry, catalogue: Catalogue, directory_urls: bool, today: date) -> tuple[str, str | None]:
    """An entry's page content and its search record."""
    content = render_entry(entry, catalogue, directory_urls=directory_urls, today=today)
    return content, entry_record(entry, catalogue, directory_urls=directory_urls, today=today)


def worker_count(entries_to_render: int) -> int:
    """How many worker processes to use for this many entries; 0 means render in the build process."""
    forced = os.environ.get(WORKERS_ENV, "").strip()
    if forced.isdigit():
        return int(forced) if entries_to_render else 0
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    if cores < 2 or entries_to_render < MIN_ENTRIES:
        return 0
    return min(cores, MAX_WORKERS)


class _Worker:
    def __init__(self, payload: bytes, ids: list[str], results: dict, changed: threading.Condition) -> None:
        self.ids = set(ids)
        self.finished = False
        self._results = results
        self._changed = changed
        self.process = subprocess.Popen([sys.executable, "-m", "almenviden.build.worker_main"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        # Writing the job and reading the results each get a thread, so neither pipe can block the other.
        threading.Thread(target=self._send, args=(payload, ids), daemon=True).start()
        threading.Thread(target=self._receive, daemon=True).start()

    def _send(self, payload: bytes, ids: list[str]) -> None:
        try:
            with self.process.stdin as stdin:
                stdin.write(payload)
                pickle.dump(ids, stdin, protocol=pickle.HIGHEST_PROTOCOL)
        except (OSError, ValueError):  # the worker is gone; _receive sees it end
            pass

    def _receive(self) -> None:
        try:
            with self.process.stdout as stdout:
                while True:
                    entry_id, parts = pickle.load(stdout)
                    with self._changed:
                        self._results[entry_id] = parts
                        self._changed.notify_all()
        except Exception:  # noqa: BLE001 - end of output, or a worker that broke off: the rest renders here
            pass
        finally:
            with self._changed:
                self.finished = True
                self._changed.notify_all()


class ParallelRenderer:
    """Renders the given entries in worker processes; `take` waits for one, or says to render it here."""

    def __init__(self, catalogue: Catalogue, ids: list[str], *, directory_urls: bool, today: date,
                 workers: int) -> None:
        payload = pickle.dumps((catalogue, directory_urls, today), protocol=pickle.HIGHEST_PROTOCOL)
        chunks = [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]
        self._results: dict[str, tuple[str, str | None]] = {}
        self._changed = threading.Condition()
        self._workers = [_Worker(payload, [i for chunk in chunks[w::workers] for i in chunk], self._results,
                                 self._changed) for w in range(workers)]

    def take(self, entry_id: str) -> tuple[str, str | None] | None:
        """The rendered parts of `entry_id`; None if no worker will deliver them (render it yourself)."""
        worker = next((w for w in self._workers if entry_id in w.ids), None)
        if worker is None:
            return None
        with self._changed:
            while entry_id not in self._results and not worker.finished:
                self._changed.wait()
            return self._results.pop(entry_id, None)

    def close(self) -> None:
        """Wait for the workers to end (they end when their share is done)."""
        for worker in self._workers:
            try:
                worker.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()

    def abandon(self) -> None:
        """Stop the workers now (the build failed)."""
        for worker in self._workers:
            worker.process.kill()
            worker.process.wait()


def start(catalogue: Catalogue, ids: list[str], *, directory_urls: bool, today: date) -> ParallelRenderer | None:
    """A renderer for `ids` if there are enough of them and workers can start here; else None."""
    workers = worker_count(len(ids))
    if workers <= 0:
        return None
    try:
        return ParallelRenderer(catalogue, ids, directory_urls=directory_urls, today=today, workers=workers)
    except (OSError, pickle.PicklingError):  # no worker processes here: render in this process
        return None
