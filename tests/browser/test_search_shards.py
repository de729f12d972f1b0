"""A sharded search index in a real browser (issue 19): the shipped catalogue built with a tiny shard size
(ALMENVIDEN_SEARCH_SHARD_SIZE) finds, through the site's own search and catalogue page, the same entries with
the same facet counts as the same catalogue built as one bundle (the served_shipped fixture, built in this
session); and its offline copy does the same from file://."""

from __future__ import annotations

import json
import zipfile

import pytest

from av_ui import all_result_paths, facet_counts, header_search, total
from browser.conftest import Site
from conftest import SHIPPED, run_cli  # tests/conftest.py
from test_offline import FILTERS, QUERIES, SEARCH_ALL, Offline, served_path

from almenviden.search.shard_index import MANIFEST_FILE
from almenviden.search.shards import SHARD_SIZE_ENV

pytestmark = pytest.mark.browser

SHARD_SIZE = "16"  # the shipped catalogue's 100 entries in about ten shards


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    """The shipped catalogue built with shards and served, and its offline copy unzipped."""
    work = tmp_path_factory.mktemp("sharded")
    site = work / "site"
    env = {SHARD_SIZE_ENV: SHARD_SIZE, "ALMENVIDEN_CACHE_DIR": str(work / "cache")}
    result = run_cli("build", "--catalogue", str(SHIPPED), "--site-dir", str(site), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    result = run_cli("offline", "--from-site", str(site), "--output", str(work / "copy.zip"), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(work / "copy.zip") as archive:
        archive.extractall(work / "unzipped")
    (offline_root,) = (work / "unzipped").iterdir()
    served = Site(site, SHIPPED)
    yield served, offline_root
    served.close()


def _search_all(page, url):
    page.goto(url)
    return page.evaluate(SEARCH_ALL, [QUERIES, FILTERS])


def test_the_sharded_site_has_several_bundles_and_the_single_one_none(sharded, served_shipped):
    served, _ = sharded
    manifest = json.loads((served.root / "pagefind" / MANIFEST_FILE).read_text())
    assert len(manifest["shards"]) > 4
    assert set(manifest["kinds"]) == {"ideas", "courses", "recommendations", "guides"}
    assert json.loads((served_shipped.root / "pagefind" / MANIFEST_FILE).read_text())["shards"] == []


def test_sharded_search_finds_the_same_entries_and_counts(page_factory, sharded, served_shipped):
    served, _ = sharded
    single = _search_all(page_factory(), served_shipped.url)
    page = page_factory()
    merged = _search_all(page, served.url)
    assert merged["filters"] == single["filters"] and single["filters"]["type"]
    assert any(single["queries"][q] for q in QUERIES)
    for q in QUERIES:  # the same entries; the order may differ (each shard scores against its own pages)
        assert sorted(merged["queries"][q]) == sorted(single["queries"][q]), q
    for f, here, there in zip(FILTERS, merged["filtered"], single["filtered"]):
        assert sorted(here) == sorted(there), f

    # through the catalogue pages and the header box, as a reader sees them
    other = page_factory()
    for path, facets in (("soeg/?q=bestyrelsen", ("type",)), ("ideer/", ("udgift", "aarstid", "boligtype")),
                         ("ideer/?q=f%C3%A6llesspisning", ("udgift", "maal")), ("kurser/", ("niveau",))):
        page.goto(served.url + path)
        other.goto(served_shipped.url + path)
        assert total(page) == total(other) > 0, path
        for facet in facets:
            assert facet_counts(page, facet) == facet_counts(other, facet), (path, facet)
        assert sorted(all_result_paths(page)) == sorted(all_result_paths(other)), path
    for q in ("fællesspisning", "okonomi", "ensomhed"):
        shown = header_search(page, q)
        assert shown and set(shown) <= set(merged["queries"][q]), q
        assert len(shown) == len(header_search(other, q)), q


def test_the_offline_copy_of_a_sharded_site_searches_every_shard(chromium, page_factory, sharded):
    served, offline_root = sharded
    online = _search_all(page_factory(), served.url)
    copy = Offline(chromium, offline_root)
    try:
        assert (offline_root / "pagefind" / "shards").is_dir()
        copy.page.goto(copy.url("index.html"))
        local = copy.page.evaluate(SEARCH_ALL, [QUERIES, FILTERS])
        assert local["filters"] == online["filters"]
        for q in QUERIES:
            here = [copy.site_path(u) for u in local["queries"][q]]
            assert sorted(here) == sorted(served_path(u) for u in online["queries"][q]), q
        for f, here, there in zip(FILTERS, local["filtered"], online["filtered"]):
            assert sorted(copy.site_path(u) for u in here) == sorted(served_path(u) for u in there), f
    finally:
        copy.close()
    assert not copy.errors and copy.attempted == []
