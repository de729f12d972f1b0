"""The sharded search index (issue 19): which shard an entry goes to, and the incremental rebuild (one edit
re-indexes only that entry's shard, and the word list comes out as a cold build's). Searching a sharded site in
a browser, online and offline: tests/browser/test_search_shards.py."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from almenviden.search.shard_index import CACHE_FOLDER, MANIFEST_FILE, _write_manifest
from almenviden.search.shards import SHARD_SIZE, SHARD_SIZE_ENV, bucket_count, plan_shards, shard_size
from almenviden.search.words import WORDS_DIR, WORDS_FILE, read_written
from almenviden.sitebuild.host import SiteSettings
from almenviden.sitebuild.pipeline import build_site

from conftest import SHIPPED
from test_core_without_mkdocs import MemoryHost

TODAY = date(2026, 12, 2)
IDS = [f"test-post-{n}" for n in range(10_000)]  # test data: made-up ids


# The shard function
def test_below_the_threshold_there_are_no_shards():
    assert not plan_shards({"ideas": 60, "courses": 40}, size=100).sharded
    assert plan_shards({"ideas": 60, "courses": 41}, size=100).sharded
    assert plan_shards({"ideas": 60, "courses": 40}, size=100).shard_of("ideas", "x") is None


def test_buckets_are_the_smallest_power_of_two_that_fits():
    for count in (1, 99, 100, 101, 399, 400, 401, 5000):
        buckets = bucket_count(count, 100)
        assert buckets & (buckets - 1) == 0  # a power of two
        assert count <= buckets * 100 and (buckets == 1 or count > buckets // 2 * 100), count
    plan = plan_shards({"ideas": 401, "courses": 3, "guides": 0}, size=100)
    assert plan.buckets == {"ideas": 8, "courses": 1}
    assert plan.shards("ideas") == [f"ideas-{b}" for b in range(8)]


def test_an_id_keeps_its_shard_and_the_shards_are_balanced():
    plan = plan_shards({"ideas": len(IDS)}, size=1250)
    assert plan.buckets == {"ideas": 8}
    shards = Counter(plan.shard_of("ideas", i) for i in IDS)
    assert set(shards) == set(plan.shards("ideas"))
    assert max(shards.values()) < 1.1 * len(IDS) / 8 and min(shards.values()) > 0.9 * len(IDS) / 8
    # the same id, the same shard, whatever else is in the catalogue (only its kind's count matters)
    other = plan_shards({"ideas": len(IDS), "courses": 5000}, size=1250)
    assert all(other.shard_of("ideas", i) == plan.shard_of("ideas", i) for i in IDS[:500])
    # twice the buckets: an id stays in its bucket or moves to bucket + 8 (a hash's low bits)
    doubled = plan_shards({"ideas": 2 * len(IDS)}, size=1250)
    for i in IDS[:500]:
        before, after = int(plan.shard_of("ideas", i).rsplit("-", 1)[1]), int(doubled.shard_of("ideas", i).rsplit("-", 1)[1])
        assert after in (before, before + 8)
    # and by a hash of the id alone, not by Python's per-process hash()
    digest = int.from_bytes(hashlib.sha1(b"test-post-7").digest()[-4:], "big")
    assert plan.shard_of("ideas", "test-post-7") == f"ideas-{digest % 8}"


def test_the_shard_size_can_be_set_for_tests(monkeypatch):
    monkeypatch.delenv(SHARD_SIZE_ENV, raising=False)
    assert shard_size() == SHARD_SIZE
    monkeypatch.setenv(SHARD_SIZE_ENV, "16")
    assert shard_size() == 16 and plan_shards({"ideas": 17}).sharded
    monkeypatch.setenv(SHARD_SIZE_ENV, "nonsense")
    assert shard_size() == SHARD_SIZE


# Building: the shipped catalogue, sharded by a small shard size
def _build(catalogue: Path, site: Path, cache: Path, preview: bool = False):
    host = MemoryHost(SiteSettings(catalogue_dir=catalogue, site_dir=site, directory_urls=True, lang="da",
                                   edit_root=None, cache_dir=cache, quiet=True, preview=preview))
    return build_site(host, today=TODAY).index


def _cached_shards(cache: Path) -> set[str]:
    return {p.name for p in (cache / CACHE_FOLDER).iterdir()}


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    dest = tmp_path_factory.mktemp("shards") / "catalogue"
    shutil.copytree(SHIPPED, dest)
    return dest


def test_the_shipped_catalogue_has_one_bundle(catalogue, tmp_path, monkeypatch):
    monkeypatch.delenv(SHARD_SIZE_ENV, raising=False)
    stats = _build(catalogue, tmp_path / "site", tmp_path / "cache")
    assert stats.shards == 0
    assert not (tmp_path / "site" / "pagefind" / "shards").exists()
    assert json.loads((tmp_path / "site" / "pagefind" / MANIFEST_FILE).read_text()) == {"shards": [], "kinds": {}}


def test_the_manifest_says_whose_kind_a_shard_is_unless_the_primary_holds_entries(tmp_path):
    names = ["courses-0", "ideas-0", "ideas-1"]
    _write_manifest(tmp_path, names, by_kind=True)
    assert json.loads((tmp_path / MANIFEST_FILE).read_text()) == {
        "shards": ["shards/courses-0/", "shards/ideas-0/", "shards/ideas-1/"],
        "kinds": {"courses": ["shards/courses-0/"], "ideas": ["shards/ideas-0/", "shards/ideas-1/"]}}
    # a build without hand-written pages: its first shard is the primary, and every page merges every shard
    _write_manifest(tmp_path, names[1:], by_kind=False)
    assert json.loads((tmp_path / MANIFEST_FILE).read_text()) == {"shards": ["shards/ideas-0/", "shards/ideas-1/"]}


@pytest.mark.parametrize("preview", [False, True], ids=["build", "serve"])
def test_a_rebuild_after_one_edit_indexes_only_that_entrys_shard(tmp_path, monkeypatch, preview):
    """`serve` (preview: indexing deferred until the pages are written) re-indexes as little as `build`."""
    monkeypatch.setenv(SHARD_SIZE_ENV, "16")
    catalogue = tmp_path / "catalogue"
    shutil.copytree(SHIPPED, catalogue)
    site, cache = tmp_path / "site", tmp_path / "cache"
    cold = _build(catalogue, site, cache, preview)
    manifest = json.loads((site / "pagefind" / MANIFEST_FILE).read_text())
    assert cold.shards == cold.shards_indexed > 4 and len(manifest["shards"]) == cold.shards
    for path in manifest["shards"]:
        bundle = site / "pagefind" / path
        assert (bundle / "pagefind-entry.json").is_file() and not (bundle / "pagefind.js").exists()
    assert (site / "pagefind" / "pagefind.js").is_file()  # the primary: the hand-written page, script and wasm
    # which shards are whose kind (a kind's catalogue page merges only its own): each shard under its kind
    assert sorted(p for paths in manifest["kinds"].values() for p in paths) == sorted(manifest["shards"])
    assert all(p.startswith(f"shards/{kind}-") for kind, paths in manifest["kinds"].items() for p in paths)
    first = _cached_shards(cache)

    again = _build(catalogue, site, cache, preview)
    assert again.shards_indexed == 0 and again.pages == cold.pages and _cached_shards(cache) == first

    idea = sorted((catalogue / "ideas").glob("*.yaml"))[0]
    lines = idea.read_text(encoding="utf-8").split("\n")
    assert lines[1] == "summary: >-"
    lines.insert(2, "  Testord zyxwortprøve.")  # test data
    idea.write_text("\n".join(lines), encoding="utf-8")
    edited = _build(catalogue, site, cache, preview)
    assert edited.shards_indexed == 1 and edited.pages == cold.pages
    assert len(_cached_shards(cache) - first) == 1 and len(first - _cached_shards(cache)) == 1

    # the word list is byte for byte a cold build's
    fresh = _build(catalogue, tmp_path / "fresh-site", tmp_path / "fresh-cache")
    assert fresh.shards_indexed == fresh.shards
    words = read_written(site / "pagefind")
    assert "zyxwortprøve" in words["words"]
    assert words == read_written(tmp_path / "fresh-site" / "pagefind")
    for part in sorted((site / "pagefind" / WORDS_DIR).iterdir()):  # and the files themselves, byte for byte
        assert part.read_bytes() == (tmp_path / "fresh-site" / "pagefind" / WORDS_DIR / part.name).read_bytes()
    assert ((site / "pagefind" / WORDS_FILE).read_bytes()
            == (tmp_path / "fresh-site" / "pagefind" / WORDS_FILE).read_bytes())
