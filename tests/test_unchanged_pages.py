"""A rebuild leaves an unchanged entry's page alone without reading it (issue 19): the writer records what it
wrote for each page (sitebuild/cache.WRITTEN: a hash of the shell page, the entry's cache key, path, edit path
and feedback configuration, and the files' size, mtime and inode) and skips a page whose inputs and files
are all as recorded. Everything else is written as before: the result equals a fresh build, byte for byte."""

from __future__ import annotations

import filecmp
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from almenviden.search.shards import SHARD_SIZE_ENV
from almenviden.sitebuild.host import SiteSettings
from almenviden.sitebuild.pipeline import build_site

from conftest import SHIPPED
from test_core_without_mkdocs import MemoryHost

TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _sharded(monkeypatch):
    monkeypatch.setenv(SHARD_SIZE_ENV, "16")


def _build(catalogue: Path, site: Path, cache: Path | None):
    host = MemoryHost(SiteSettings(catalogue_dir=catalogue, site_dir=site, directory_urls=True, lang="da",
                                   edit_root=None, cache_dir=cache, quiet=True, preview=False))
    return build_site(host, today=TODAY)


def _cold_build_of_shipped(tmp_path: Path):
    """A copy of the shipped catalogue built cold, sharded at 16 entries per shard (as a large catalogue is:
    the entries of a shard that must be indexed again are read for their search records; an unsharded site
    re-indexes every page, ARCHITECTURE.md §3.2)."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(SHIPPED, catalogue)
    site, cache = tmp_path / "site", tmp_path / "cache"
    return catalogue, site, cache, _build(catalogue, site, cache)


def _entry_pages(site: Path) -> dict[str, Path]:
    return {str(p.relative_to(site)): p for p in site.rglob("index.html") if "pagefind" not in p.parts}


def _same_tree(left: Path, right: Path) -> list[str]:
    differ = []
    for folder, _, files in os.walk(left):
        for name in files:
            path = Path(folder) / name
            relative = path.relative_to(left)
            if relative.parts[0] == "pagefind":  # Pagefind's files depend on the order pages reach it
                continue
            if not filecmp.cmp(path, right / relative, shallow=False):
                differ.append(str(relative))
    return differ


def test_an_unchanged_rebuild_leaves_every_entry_page_and_one_edit_writes_only_its_own(tmp_path):
    catalogue, site, cache, cold = _cold_build_of_shipped(tmp_path)
    assert cold.pages_left == 0
    again = _build(catalogue, site, cache)
    assert again.pages_left == cold.entry_pages  # nothing changed: no page rendered, read or written

    idea = sorted((catalogue / "ideas").glob("*.yaml"))[0]
    text = idea.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    idea.write_text(text.replace(title_line, title_line + " (rettet i test)", 1), encoding="utf-8")
    before = {rel: p.stat().st_mtime_ns for rel, p in _entry_pages(site).items()}
    edited = _build(catalogue, site, cache)
    # the edited entry and the entries that show its title (they link to it, or it to them); the rest of its shard
    # is indexed again from the cache, its pages left as they were
    linked = [p for p in catalogue.rglob("*.yaml") if p != idea and idea.stem in p.read_text(encoding="utf-8")]
    linked_from_it = [p for p in catalogue.rglob("*.yaml") if p.stem != idea.stem and p.stem in text]
    assert 1 <= cold.entry_pages - edited.pages_left <= 1 + len(linked) + len(linked_from_it)
    page = site / "ideer" / idea.stem / "index.html"
    assert "(rettet i test)" in page.read_text(encoding="utf-8")
    after = {rel: p.stat().st_mtime_ns for rel, p in _entry_pages(site).items()}
    rewritten = [rel for rel in before if before[rel] != after.get(rel)]
    assert f"ideer/{idea.stem}/index.html" in rewritten

    fresh = tmp_path / "fresh"
    _build(catalogue, fresh, None)
    assert _same_tree(fresh, site) == []


def test_a_page_changed_on_disk_is_written_again(tmp_path):
    """The record is not trusted blindly: a page whose file is not the one written last time is rewritten."""
    catalogue, site, cache, cold = _cold_build_of_shipped(tmp_path)
    page = next(iter(sorted((site / "ideer").glob("*/index.html"))))
    original = page.read_bytes()
    page.write_bytes(b"tampered")
    again = _build(catalogue, site, cache)
    assert again.pages_left == cold.entry_pages - 1
    assert page.read_bytes() == original
