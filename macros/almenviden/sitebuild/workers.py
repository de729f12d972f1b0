"""Rendering many entries at once on the machine's other cores (a cold build). No MkDocs here.

An entry's page content, its search copy and its list data (`render_parts`) take ~2 ms of pure Python each, so a
cold build of 10,000 entries spends ~20 s on one core while the others wait. When many entries miss the
entry cache, `ParallelRenderer` starts a `concurrent.futures.ProcessPoolExecutor` as soon as the build
starts, hands it the entries in chunks (in the order the writer will want them), and the entry writer
takes the results as it writes the pages. Same function, same inputs, same bytes as rendering in the
build process.

The pool uses the "spawn" start method, never "fork": the build has threads (the Pagefind service, the
preview server) and a forked child can hang on a lock one of them held at the fork. A spawned worker
imports the parent's main module again under the name `__mp_main__`; for every way almenviden is started
(the `almenviden` and `mkdocs` scripts, `python -m almenviden`/`mkdocs`, pytest) that only imports, since
their code runs under a `__main__` guard or from a `__main__.py`, which multiprocessing skips. A script
without such a guard would build again in every worker, so for one the build renders alone
(`spawn_is_safe`). Each worker watches the build process and ends when it ends, even by SIGKILL. If a
worker cannot start or dies, the pool is broken and the build process renders the entries not yet
delivered itself, so a worker problem only costs time.
"""

from __future__ import annotations

import ast
import multiprocessing
import os
import pickle
import sys
import tempfile
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from almenviden.content.model import Catalogue, Entry
from almenviden.render.list_data import entry_data_script
from almenviden.render.entry_page import PRINTED_WHOLE, entry_page_data, render_page
from almenviden.render.guide_print import render_print_page
from almenviden.render.search_record import entry_record

# Below this many entries to render, starting workers (~1 s each) costs more than it saves.
MIN_ENTRIES = 400
MAX_WORKERS = 4
CHUNK = 32  # entries handed out together, in the writer's order: each worker takes the next chunk
# Chunks handed out ahead of the writer, per worker. Rendered parts wait in the build process until the writer
# takes them (~50 KB per entry: page, search record, list data, print view); with every chunk handed out at once,
# workers faster than the writer could leave most of the catalogue waiting there (the build process peaked at
# 6.9 GB at 100,000 entries before this bound; at 10,000 it took its peak from 797 to 722 MB).
AHEAD_PER_WORKER = 4
WORKERS_ENV = "ALMENVIDEN_RENDER_WORKERS"  # "0": never; a number: exactly that many, whatever the count


def render_parts(entry: Entry, catalogue: Catalogue, directory_urls: bool,
                 today: date) -> tuple[str, str, str]:
    """An entry's page content, its search record and its list data file (render/list_data.py), rendered
    from the same page data."""
    data = entry_page_data(entry, catalogue, directory_urls=directory_urls, today=today)
    content = render_page(data)
    return (content, entry_record(entry, catalogue, directory_urls=directory_urls, today=today, page_data=data),
            entry_data_script(entry, content, directory_urls))


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


_job: tuple[Catalogue, bool, date] | None = None  # in a worker: what every chunk is rendered from


# Linux lets another process open a file by its descriptor in /proc, so the job can be an unnamed file that
# goes when the build ends, however it ends. macOS and Windows cannot: there the job is a named temporary
# file, deleted when the workers are done (a build killed meanwhile leaves it in the temporary folder).
PROC_FD = Path("/proc/self/fd")


def _job_path(parent_pid: int, job: int | str) -> str:
    """Where a worker opens the job: the build's unnamed file through /proc, or the named file's path."""
    return f"/proc/{parent_pid}/fd/{job}" if isinstance(job, int) else job


def _start_worker(parent_pid: int, job_ref: int | str) -> None:
    """A worker's initializer: read the job, and end this process as soon as the build process ends."""
    global _job
    with open(_job_path(parent_pid, job_ref), "rb") as job:  # see ParallelRenderer
        _job = pickle.load(job)
    parent = multiprocessing.parent_process()
    if parent is not None:  # its sentinel becomes ready when the parent is gone, however it ended
        threading.Thread(target=lambda: (parent.join(), os._exit(1)), daemon=True).start()


def print_key(entry_id: str) -> tuple[str, str]:
    """What `ParallelRenderer.take` is given for an entry's print view (and the entry cache's name for it)."""
    return ("print", entry_id)


@dataclass(frozen=True)
class LinkedEntry:
    """What rendering reads of an entry that the rendered entry only links to (render/entry_page.entry_link:
    its id, kind and title): a chunk carries the entries it links to as these, not whole."""
    id: str
    kind: str
    title: str


def chunk_entries(catalogue: Catalogue, ids: list[str]) -> dict[str, Entry | LinkedEntry]:
    """The entries a worker needs to render `ids` as the build process would: each of them whole, with a guide's
    steps whole (its print view renders their articles), and every entry these link to as a LinkedEntry. The
    workers get these with each chunk instead of the whole catalogue at the start: each worker held a copy of
    the catalogue (~100 MB at 10,000 synthetic entries, ~1 GB at 100,000)."""
    whole: dict[str, Entry] = {}
    for i in ids:
        entry = whole[i] = catalogue.entries[i]
        if entry.kind in PRINTED_WHOLE:
            for ref in entry.references():
                step = catalogue.entries.get(ref.target)
                if ref.item is not None and step is not None:
                    whole[step.id] = step
    entries: dict[str, Entry | LinkedEntry] = dict(whole)
    for entry in whole.values():
        for ref in entry.references():
            target = catalogue.entries.get(ref.target)
            if target is not None and target.id not in entries:
                entries[target.id] = LinkedEntry(target.id, target.kind, target.title)
    return entries


def _render_chunk(ids: list[str], entries: dict[str, Entry | LinkedEntry]) -> dict[str | tuple[str, str], object]:
    """Each entry's parts (render_parts) and, for a kind printed whole (guides), its print view's content too:
    ~14 step articles each, which the build process would otherwise render alone after the workers are done."""
    frame, directory_urls, today = _job  # the catalogue without its entries: the chunk brings those
    catalogue = Catalogue(frame.root, frame.taxonomy, entries)
    rendered: dict[str | tuple[str, str], object] = {}
    for i in ids:
        entry = catalogue.entries[i]
        rendered[i] = render_parts(entry, catalogue, directory_urls, today)
        if entry.kind in PRINTED_WHOLE:
            rendered[print_key(i)] = render_print_page(entry, catalogue, directory_urls=directory_urls, today=today)
    return rendered


class ParallelRenderer:
    """Renders the given entries in worker processes; `take` waits for one, or says to render it here."""

    def __init__(self, catalogue: Catalogue, ids: list[str], *, directory_urls: bool, today: date,
                 workers: int) -> None:
        # The job (the catalogue's frame: root and taxonomy; each chunk brings its entries) goes through a file,
        # not the start arguments:
        # multiprocessing writes those into a pipe whose reading end it keeps open itself until it is
        # done, so a worker that died before reading them all would leave the build waiting for ever.
        # An unnamed file where /proc lets the workers open it, else a named one (see PROC_FD).
        unnamed = PROC_FD.is_dir()
        self._job = tempfile.TemporaryFile() if unnamed else tempfile.NamedTemporaryFile(
            prefix="almenviden-job-", suffix=".pickle", delete=False)
        try:
            frame = Catalogue(catalogue.root, catalogue.taxonomy, {})  # entries come with each chunk
            pickle.dump((frame, directory_urls, today), self._job, protocol=pickle.HIGHEST_PROTOCOL)
            self._job.flush()
            if not unnamed:
                self._job.close()  # complete: the workers open it by its name
            job_ref = self._job.fileno() if unnamed else self._job.name
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_start_worker, initargs=(os.getpid(), job_ref))
        except BaseException:
            self._drop_job()
            raise
        # entry id (or print_key(id)): the chunk that renders it, for the chunks handed out so far
        self._chunks: dict[str | tuple[str, str], Future] = {}
        self._catalogue = catalogue
        self._printed = {e for e in ids if catalogue.entries[e].kind in PRINTED_WHOLE}
        # Chunks not handed out yet, in the writer's order, and for every key (an entry, or its print view: the
        # writer takes it right after the entry's page) the untaken keys of its chunk (one list shared by them).
        chunks = [[key for e in ids[i:i + CHUNK] for key in ((e, print_key(e)) if e in self._printed else (e,))]
                  for i in range(0, len(ids), CHUNK)]
        self._untaken: dict[str | tuple[str, str], list] = {key: chunk for chunk in chunks for key in chunk}
        self._waiting = list(reversed(chunks))  # pop() gives the next one
        self._out: set[int] = set()  # id() of the handed-out chunks the writer has not taken whole
        self._limit = max(2, AHEAD_PER_WORKER * workers)
        self._hand_out()
        self.processes = list(getattr(self._pool, "_processes", {}).values())  # the workers, for close and tests

    def _hand_out(self) -> None:
        """Hand out the next chunks until `_limit` chunks are ahead of the writer."""
        while self._waiting and len(self._out) < self._limit:
            chunk = self._waiting.pop()
            if not chunk:  # the build process rendered all of it already
                continue
            try:
                ids = [key for key in chunk if isinstance(key, str)]
                future = self._pool.submit(_render_chunk, ids, chunk_entries(self._catalogue, ids))
            except Exception:  # noqa: BLE001 - a pool that broke already: the build process renders the rest
                self._waiting.clear()
                return
            self._chunks.update(dict.fromkeys(chunk, future))
            self._out.add(id(chunk))

    def _taken(self, key: str | tuple[str, str]) -> None:
        chunk = self._untaken.pop(key, None)
        if chunk is None:
            return
        chunk.remove(key)
        if not chunk and id(chunk) in self._out:  # the writer has every page of this chunk: hand out another
            self._out.discard(id(chunk))
            self._hand_out()

    def take(self, entry_id: str | tuple[str, str]) -> tuple[str, str, str] | str | None:
        """The rendered parts of `entry_id` (or the print view's content, for `print_key(id)`); None if no worker
        will deliver them (render it yourself)."""
        self._taken(entry_id)
        future = self._chunks.pop(entry_id, None)
        if future is None:
            return None
        try:
            chunk = future.result()
        except Exception:  # noqa: BLE001 - a worker died or failed: the build process renders it
            return None
        return chunk.get(entry_id)

    def forget(self, key: str | tuple[str, str]) -> None:
        """The writer will not take `key` (it had the page or print view already): its chunk need not wait."""
        self._taken(key)
        self._chunks.pop(key, None)

    def close(self) -> None:
        """Wait for the workers to end (nothing is left for them once every entry was taken)."""
        self._chunks.clear()
        self._waiting.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._drop_job()

    def abandon(self) -> None:
        """Stop the workers now (the build failed)."""
        global _abandoned
        _abandoned = True
        self._chunks.clear()
        self._waiting.clear()
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in self.processes:
            process.kill()
        for process in self.processes:
            process.join()
        self._drop_job()

    def _drop_job(self) -> None:
        self._job.close()
        if not isinstance(self._job.name, int):  # a named file (not /proc): delete it
            Path(self._job.name).unlink(missing_ok=True)


_abandoned = False


def abandoned() -> bool:
    """Whether this process killed its render workers. A worker killed while it wrote a result can leave half a
    message in the pool's result pipe; concurrent.futures' exit hook then waits for the rest for ever (seen in
    the SIGTERM test: the build hung at exit). The command line therefore ends such a process with os._exit
    (cli.run), once everything it had to clean up is done."""
    return _abandoned


def spawn_is_safe() -> bool:
    """Whether a spawned worker would only import the main module, not run a second build.

    multiprocessing runs the main script (or the module of `python -m`, unless it is a `__main__.py`)
    again in every spawned worker, as `__mp_main__`. Safe is a main module whose top level only imports,
    defines and assigns without calls, and does the rest under `if __name__ == "__main__":` (as the
    `almenviden`, `mkdocs` and `pytest` scripts and almenviden/cli.py do). For any other, e.g. a script that builds without
    such a guard, the entries are rendered in the build process instead: slower, never a second build.
    """
    main = sys.modules.get("__main__")
    spec_name = getattr(getattr(main, "__spec__", None), "name", None) or ""
    if spec_name == "__main__" or spec_name.endswith(".__main__"):
        return True  # skipped by multiprocessing
    path = getattr(main, "__file__", None)
    if path is None:
        return True  # python -c, an interactive or embedded interpreter: nothing is run again
    try:
        tree = _parse(Path(path).read_bytes())
    except (OSError, SyntaxError, ValueError, SystemError):
        return False  # rendering in the build process is always safe
    return all(_only_defines(node) for node in tree.body)


def _parse(source: bytes) -> ast.Module:
    """ast.parse, once more on a fresh thread if CPython raises its spurious "AST constructor recursion depth
    mismatch" SystemError (seen here on 3.11.7 in a threaded test run; CPython issue gh-106905)."""
    try:
        return ast.parse(source)
    except SystemError:
        result: list = []
        worker = threading.Thread(target=lambda: result.append(ast.parse(source)), name="almenviden-parse")
        worker.start()
        worker.join()
        if not result:
            raise
        return result[0]


def _only_defines(node: ast.stmt) -> bool:
    if isinstance(node, ast.If):  # if __name__ == "__main__": runs only in the parent
        test = node.test
        return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
                and isinstance(test.ops[0], ast.Eq) and isinstance(test.comparators[0], ast.Constant)
                and test.comparators[0].value == "__main__" and len(test.ops) == 1 and not node.orelse)
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return True  # decorators included: they run once, to define
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.Expr)):  # a docstring, a constant, no calls
        return not any(isinstance(n, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom)) for n in ast.walk(node))
    return isinstance(node, ast.Pass)


def start(catalogue: Catalogue, ids: list[str], *, directory_urls: bool, today: date) -> ParallelRenderer | None:
    """A renderer for `ids` if there are enough of them and workers can start here; else None."""
    workers = worker_count(len(ids))
    if workers <= 0 or not spawn_is_safe():
        return None
    try:
        return ParallelRenderer(catalogue, ids, directory_urls=directory_urls, today=today, workers=workers)
    except (OSError, pickle.PicklingError, RuntimeError):  # no worker processes here: render in this process
        return None
