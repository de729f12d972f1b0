"""Cold builds on several cores (issue 6): entries rendered by worker processes give the same pages as
entries rendered in the build process, a broken worker only costs time, and the search index fed in
batches while pages are written holds every page under its own URL."""

from __future__ import annotations

import gzip
import json
import multiprocessing.spawn
import os
import pickle
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from almenviden.sitebuild import workers as parallel_render
from almenviden.search import index as search_index
from almenviden.sitebuild.workers import ParallelRenderer, render_parts
from almenviden.search.index import BackgroundIndex, index_document
from platform_marks import NEEDS_PROC, not_on_windows
from conftest import CLI, REPO, SHIPPED, cli_env, make_catalogue, run_cli, site_files

TODAY = date(2026, 11, 24)


def test_workers_render_exactly_what_the_build_process_renders(shipped):
    ids = sorted(shipped.entries)[::3]
    renderer = ParallelRenderer(shipped, ids, directory_urls=True, today=TODAY, workers=2)
    try:
        for entry_id in ids:
            assert renderer.take(entry_id) == render_parts(shipped.entries[entry_id], shipped, True, TODAY), entry_id
    finally:
        renderer.close()
    assert renderer.processes and all(p.exitcode == 0 for p in renderer.processes)


def test_workers_render_each_guides_print_view_as_the_build_process_would(shipped):
    from almenviden.render.guide_print import render_print_page

    guides = sorted(i for i, e in shipped.entries.items() if e.kind == "guides")
    others = sorted(i for i, e in shipped.entries.items() if e.kind != "guides")[:3]
    assert guides
    renderer = ParallelRenderer(shipped, others + guides, directory_urls=True, today=TODAY, workers=2)
    try:
        for entry_id in guides:
            printed = renderer.take(parallel_render.print_key(entry_id))
            assert printed == render_print_page(shipped.entries[entry_id], shipped, directory_urls=True,
                                                today=TODAY), entry_id
        assert all(renderer.take(parallel_render.print_key(i)) is None for i in others)  # no print view
    finally:
        renderer.close()


def test_workers_stay_only_a_few_chunks_ahead_of_the_writer(shipped, monkeypatch):
    """Rendered parts wait in the build process until taken: only AHEAD_PER_WORKER chunks per worker are handed
    out ahead of the writer (all at once, the workers filled the build process with most of the catalogue: 6 GB
    at 100,000 entries). Taken in order, every entry still comes from the workers."""
    monkeypatch.setattr(parallel_render, "CHUNK", 2)
    monkeypatch.setattr(parallel_render, "AHEAD_PER_WORKER", 1)
    ids = sorted(shipped.entries)
    renderer = ParallelRenderer(shipped, ids, directory_urls=True, today=TODAY, workers=2)
    try:
        handed_out = {key for key in renderer._chunks if isinstance(key, str)}
        assert len(handed_out) == 2 * 2  # two chunks of two: the rest waits
        for entry_id in ids:
            assert len({key for key in renderer._chunks if isinstance(key, str)}) <= 2 * 2
            assert renderer.take(entry_id) is not None, entry_id
            if shipped.entries[entry_id].kind == "guides":  # as the writer does: its print view right after
                assert renderer.take(parallel_render.print_key(entry_id)) is not None, entry_id
    finally:
        renderer.close()


def test_an_entry_taken_out_of_order_is_rendered_here_and_the_window_goes_on(shipped, monkeypatch):
    monkeypatch.setattr(parallel_render, "CHUNK", 2)
    monkeypatch.setattr(parallel_render, "AHEAD_PER_WORKER", 1)
    ids = sorted(shipped.entries)[:12]
    renderer = ParallelRenderer(shipped, ids, directory_urls=True, today=TODAY, workers=2)
    try:
        assert renderer.take(ids[-1]) is None  # its chunk was not handed out: the build process renders it
        delivered = [renderer.take(i) is not None for i in ids[:-1]]
        assert delivered == [True] * (len(ids) - 1)
    finally:
        renderer.close()


@not_on_windows("the workers are started as /bin/false")
def test_a_worker_that_cannot_start_leaves_the_rendering_to_the_build(shipped, monkeypatch):
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()  # a real one: only the workers get the program below
    monkeypatch.setattr(multiprocessing.spawn, "_python_exe", os.fsencode("/bin/false"))  # they exit at once
    ids = sorted(shipped.entries)[:5]
    renderer = ParallelRenderer(shipped, ids, directory_urls=True, today=TODAY, workers=2)
    try:
        assert [renderer.take(i) for i in ids] == [None] * len(ids)  # so EntryWriter renders them itself
    finally:
        renderer.close()


def test_worker_count_follows_the_setting_and_the_amount_of_work(monkeypatch):
    monkeypatch.setenv(parallel_render.WORKERS_ENV, "0")
    assert parallel_render.worker_count(100_000) == 0
    monkeypatch.setenv(parallel_render.WORKERS_ENV, "3")
    assert parallel_render.worker_count(5) == 3
    assert parallel_render.worker_count(0) == 0
    monkeypatch.delenv(parallel_render.WORKERS_ENV)
    assert parallel_render.worker_count(parallel_render.MIN_ENTRIES - 1) == 0


def _build(catalogue: Path, site: Path, workers: str) -> None:
    result = run_cli("build", "-q", "--catalogue", str(catalogue), "--site-dir", str(site),
                     "-f", str(REPO / "mkdocs.yml"),
                     env={"ALMENVIDEN_CACHE_DIR": "", parallel_render.WORKERS_ENV: workers})  # no cache: render all
    assert result.returncode == 0, result.stdout + result.stderr


def test_site_built_with_workers_equals_site_built_without(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", SHIPPED)
    _build(catalogue, tmp_path / "with", "2")
    _build(catalogue, tmp_path / "without", "0")
    with_workers, without = site_files(tmp_path / "with", "*.html"), site_files(tmp_path / "without", "*.html")
    assert len(with_workers) > 60
    assert with_workers == without


def _fragment_urls(bundle: Path) -> list[str]:
    urls = []
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        urls.append(json.loads(data[len(b"pagefind_dcd"):])["url"])
    return sorted(urls)


def test_index_fed_in_batches_has_every_page_at_its_own_url(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "BATCH", 2)
    site = tmp_path / "site"
    index = BackgroundIndex(site)
    paths = [f"ideer/ide-{i}/index.html" for i in range(5)] + ["kurser/kursus/index.html"]
    for i, path in enumerate(paths):
        article = f'<article data-pagefind-body><h1>Titel {i}</h1><p>Fællesspisning nummer {i}.</p></article>'
        index.add(path, index_document(article, "da"))
    index.index_added()
    stats = index.finish()
    assert stats.pages == len(paths)
    assert _fragment_urls(site / "pagefind") == sorted("/" + p.removesuffix("index.html") for p in paths)


def _child_process(name: str) -> int | None:
    """The pid of a child process of this one whose command line mentions `name` (from /proc: no pgrep needed)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == os.getpid() and name.encode() in cmdline:
            return int(stat.parent.name)
    return None


@NEEDS_PROC
def test_pagefind_stopping_midway_is_an_error_not_a_hang(tmp_path, monkeypatch):
    import threading
    import time

    monkeypatch.setattr(search_index, "BATCH", 100_000)
    index = BackgroundIndex(tmp_path / "site")
    for i in range(3000):  # enough for Pagefind to be busy with the batch when it is stopped
        index.add(f"ideer/i{i}/index.html",
                  index_document(f"<article data-pagefind-body><h1>Idé {i}</h1><p>Fællesspisning {i}</p></article>", "da"))
    index.index_added()
    deadline = time.monotonic() + 60
    service = None
    while service is None and time.monotonic() < deadline:  # the Pagefind process this index started
        service = _child_process("pagefind")
        time.sleep(0.1)
    assert service, "no Pagefind process found"
    time.sleep(0.3)
    os.kill(service, signal.SIGKILL)
    outcome: list = []

    def finish() -> None:
        try:
            index.finish()
            outcome.append("finished")
        except search_index.SearchIndexError as exc:
            outcome.append(str(exc))

    worker = threading.Thread(target=finish, daemon=True)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "finish() hung after Pagefind stopped"
    assert outcome and outcome[0].startswith(("Søgeindekset kunne ikke bygges", "Pagefind-programmet stoppede")), outcome


def test_deferred_index_writes_nothing_until_finish(tmp_path):
    site = tmp_path / "site"
    index = BackgroundIndex(site, deferred=True)
    for i in range(3):
        index.add(f"ideer/i{i}/index.html",
                  index_document(f"<article data-pagefind-body><h1>Idé {i}</h1></article>", "da"))
    index.index_added()
    assert not any(index.copies.dir.rglob("*.html"))  # serve's preview does not wait for these
    assert index.finish().pages == 3
    assert _fragment_urls(site / "pagefind") == [f"/ideer/i{i}/" for i in range(3)]


def _processes_with(marker: str) -> list[int]:
    """The pids of live processes whose environment holds `marker` (from /proc)."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker.encode() in environ.read_bytes():
                found.append(int(environ.parent.name))
        except (OSError, ValueError):
            continue
    return found


@NEEDS_PROC
def test_a_killed_or_stopped_build_leaves_no_worker_behind(tmp_path):
    import time
    import uuid

    from almenviden.sitebuild.checkpoints import STOP_AT_ENV, STOP_SIGNAL_ENV

    catalogue = make_catalogue(tmp_path / "catalogue", SHIPPED)
    for stop, returncode in (({}, -9), ({STOP_SIGNAL_ENV: "TERM"}, 143)):
        marker = f"worker-test-{uuid.uuid4()}"
        # Killed at the first page: the workers have started and are rendering (or waiting for more work).
        # Output goes to files, not pipes, so that a worker left behind cannot keep this call waiting.
        env = cli_env(ALMENVIDEN_CACHE_DIR="", ALMENVIDEN_TEST_MARKER=marker, **{parallel_render.WORKERS_ENV: "2",
                                                                                STOP_AT_ENV: "page", **stop})
        with open(tmp_path / "out", "w+") as out, open(tmp_path / "err", "w+") as err:
            returned = subprocess.run([*CLI, "build", "-q", "--catalogue", str(catalogue), "--site-dir",
                                       str(tmp_path / "site"), "-f", str(REPO / "mkdocs.yml")],
                                      cwd=REPO, env=env, stdout=out, stderr=err, timeout=300).returncode
            out.seek(0), err.seek(0)
            stdout, stderr = out.read(), err.read()
        assert returned == returncode, stdout + stderr
        assert "Traceback" not in stderr
        deadline = time.monotonic() + 60  # a worker notices its parent is gone within moments; not a timing test
        while _processes_with(marker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _processes_with(marker) == [], "worker processes outlived the build"


def test_workers_start_only_where_a_spawned_worker_cannot_build_a_second_time(tmp_path, monkeypatch, shipped):
    """A spawned worker runs the main script again as __mp_main__: fine for a script whose work is under
    `if __name__ == "__main__":`, a second build for one without. There the build renders alone."""
    import types

    monkeypatch.setenv(parallel_render.WORKERS_ENV, "2")
    ids = sorted(shipped.entries)[:3]
    scripts = {
        "guarded": "import sys\nfrom almenviden.cli import main\nif __name__ == '__main__':\n    sys.exit(main())\n",
        "unguarded": "# __main__ in a comment is no guard\nfrom mkdocs.commands.build import build\nbuild(None)\n",
        "guarded_late": "import x\nx.build()\nif __name__ == '__main__':\n    pass\n",
        "cli": Path(parallel_render.__file__).parents[1].joinpath("cli.py").read_text(encoding="utf-8"),
    }
    started = {}
    for name, source in scripts.items():
        script = tmp_path / f"{name}.py"
        script.write_text(source, encoding="utf-8")
        monkeypatch.setitem(sys.modules, "__main__", types.SimpleNamespace(__file__=str(script), __spec__=None))
        renderer = parallel_render.start(shipped, ids, directory_urls=True, today=TODAY)
        started[name] = renderer is not None
        if renderer is not None:
            renderer.close()
    monkeypatch.setitem(sys.modules, "__main__", types.SimpleNamespace(__spec__=types.SimpleNamespace(
        name="almenviden.__main__")))  # python -m almenviden: multiprocessing does not run it again
    assert parallel_render.spawn_is_safe()
    assert started == {"guarded": True, "unguarded": False, "guarded_late": False, "cli": True}


def test_the_command_ends_at_once_after_its_workers_were_killed(monkeypatch):
    """A worker killed mid-write can leave half a result in the pool's pipe, and the interpreter's exit hook then
    waits for ever (the SIGTERM build above hung so, once in a while). After abandon(), `run` ends the process
    with os._exit and main's code; otherwise it exits normally."""
    from almenviden import cli

    exits = []
    monkeypatch.setattr(cli, "main", lambda: 143)
    monkeypatch.setattr(cli.os, "_exit", lambda code: exits.append(code))
    monkeypatch.setattr(parallel_render, "_abandoned", False)
    with pytest.raises(SystemExit) as normal:
        cli.run()
    assert normal.value.code == 143 and exits == []
    monkeypatch.setattr(parallel_render, "_abandoned", True)
    with pytest.raises(SystemExit):  # the stand-in os._exit returns; the real one does not
        cli.run()
    assert exits == [143]


def test_a_build_holds_no_more_rendered_chunks_than_the_window_also_for_print_views(tmp_path, monkeypatch):
    """A guide's page and its print view come from one chunk of the workers; the chunk's parts stay in the build
    process until both are taken. The print views are written right after their guide's page, so even a kind with
    print views never holds more chunks than the window (written after the whole kind, every chunk of the kind
    waited: ~200 MB of the build process's peak at 10,000 entries)."""
    from almenviden.sitebuild.host import SiteSettings
    from almenviden.sitebuild.pipeline import build_site
    from test_core_without_mkdocs import MemoryHost

    monkeypatch.setenv(parallel_render.WORKERS_ENV, "2")
    monkeypatch.setattr(parallel_render, "CHUNK", 1)
    monkeypatch.setattr(parallel_render, "AHEAD_PER_WORKER", 1)
    held: list[int] = []
    take = ParallelRenderer.take

    def counting_take(self, entry_id):
        held.append(len({id(future) for future in self._chunks.values()}))
        return take(self, entry_id)

    monkeypatch.setattr(ParallelRenderer, "take", counting_take)
    host = MemoryHost(SiteSettings(catalogue_dir=SHIPPED, site_dir=tmp_path / "site", directory_urls=True,
                                   lang="da", edit_root=None, cache_dir=tmp_path / "cache", quiet=True,
                                   preview=False))
    build_site(host, today=TODAY)
    guides = sum(1 for p in SHIPPED.glob("guides/*.yaml"))
    assert guides >= 3  # more guides than the window's two chunks
    assert len(held) > guides  # the pages and the print views came from the workers
    assert max(held) <= 2, held
    assert list((tmp_path / "site").glob("*/*--print/index.html"))  # the print views were written


def test_the_workers_get_no_catalogue_only_each_chunk_its_entries(shipped):
    """A worker held a copy of the whole catalogue (~100 MB at 10,000 entries, ~1 GB at 100,000); now the job
    holds the taxonomy only and each chunk brings its entries whole (a guide's steps too: its print view renders
    them) and the entries they link to as id, kind and title. The pages stay the same (the test above)."""
    guide = next(e for e in shipped.entries.values() if e.kind == "guides")
    idea = next(e for e in shipped.entries.values() if e.kind == "ideas" and e.related)
    entries = parallel_render.chunk_entries(shipped, [guide.id, idea.id])
    steps = [r.target for r in guide.references() if r.item is not None]
    assert steps
    for whole in [guide.id, idea.id, *steps]:
        assert entries[whole] is shipped.entries[whole]
    linked = {k: v for k, v in entries.items() if k not in {guide.id, idea.id, *steps}}
    assert linked and all(isinstance(v, parallel_render.LinkedEntry) for v in linked.values())
    assert set(idea.related) <= set(entries)
    assert len(entries) < len(shipped.entries) / 2

    renderer = ParallelRenderer(shipped, [guide.id], directory_urls=True, today=TODAY, workers=1)
    try:
        job = renderer._job  # an unnamed file where there is /proc, else a named one, closed once written
        if isinstance(job.name, str):
            frame = pickle.loads(Path(job.name).read_bytes())[0]
        else:
            job.seek(0)
            frame = pickle.load(job)[0]
        assert frame.entries == {} and frame.taxonomy == shipped.taxonomy
        assert renderer.take(guide.id) == render_parts(guide, shipped, True, TODAY)
    finally:
        renderer.close()
