"""Cold builds on several cores (issue 6): entries rendered by worker processes give the same pages as
entries rendered in the build process, a broken worker only costs time, and the search index fed in
batches while pages are written holds every page under its own URL."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sys
from datetime import date
from pathlib import Path

from almenviden.build import workers as parallel_render
from almenviden.search import index as search_index
from almenviden.build.workers import ParallelRenderer, render_parts
from almenviden.search.index import BackgroundIndex, index_document
from conftest import REPO, SHIPPED, make_catalogue, run_cli, site_files

TODAY = date(2026, 11, 24)


def test_workers_render_exactly_what_the_build_process_renders(shipped):
    ids = sorted(shipped.entries)[::3]
    renderer = ParallelRenderer(shipped, ids, directory_urls=True, today=TODAY, workers=2)
    try:
        for entry_id in ids:
            assert renderer.take(entry_id) == render_parts(shipped.entries[entry_id], shipped, True, TODAY), entry_id
    finally:
        renderer.close()
    assert all(w.process.returncode == 0 for w in renderer._workers)


def test_a_worker_that_cannot_start_leaves_the_rendering_to_the_build(shipped, monkeypatch):
    monkeypatch.setattr(sys, "executable", "/bin/false")  # the workers exit at once
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
