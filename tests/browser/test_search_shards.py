"""A sharded search index in a real browser (issue 19): the shipped catalogue built with a tiny shard size
(ALMENVIDEN_SEARCH_SHARD_SIZE) finds, through the site's own search and catalogue page, the same entries with
the same facet counts as the same catalogue built as one bundle (the served_shipped fixture, built in this
session); and its offline copy does the same from file://. A kind's catalogue page fetches only its kind's
shards (and the primary bundle), online and offline; the search page and the header box fetch every shard."""

from __future__ import annotations

import json
import re
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


# A kind's catalogue page: only its kind's shards (issue 19, "a kind's catalogue needs only its own")
SHARD_FOLDER = re.compile(r"/pagefind/shards/([^/]+)/")
# (page, kind, its facets) for every kind that has a catalogue page
CATALOGUE_PAGES = (("ideer/", "ideas", ("udgift", "aarstid", "boligtype", "maal", "emne")),
                   ("kurser/", "courses", ("niveau", "maal", "maalgruppe")),
                   ("anbefalinger/", "recommendations", ("maal", "emne")))

# Every query and a filter of the page's own facets, searched as the catalogue searches (AV.search with its
# kind), on the catalogue page: the result URLs and the facet counts.
KIND_SEARCH_ALL = """async ([queries, kind, type]) => {
  const AV = window.almenviden;
  const urls = async (search) => (await Promise.all(search.results.map(r => r.data().then(d => d.url)))).sort();
  const counts = (filters) => Object.fromEntries(Object.entries(filters || {}).map(
    ([f, values]) => [f, Object.fromEntries(Object.entries(values).filter(([, n]) => n > 0).sort())]).filter(
    ([, values]) => Object.keys(values).length).sort());
  const out = {};
  for (const q of [null, ...queries]) {
    const found = await AV.search(q, {filters: {type: {any: [type]}}, counts: true, kind, sort: q ? {} : {title: "asc"}});
    out[q === null ? "" : q] = {urls: await urls(found), counts: counts(found.filters)};
  }
  return out;
}"""


def _requested_shards(page) -> set[str]:
    """Record the shard folders the page fetches from (a set that fills as requests go out)."""
    seen: set[str] = set()
    page.on("request", lambda request: (m := SHARD_FOLDER.search(request.url)) and seen.add(m.group(1)))
    return seen


def _kind_shards(manifest: dict, kind: str) -> set[str]:
    return {path.split("/")[1] for path in manifest["kinds"][kind]}


def test_a_kinds_catalogue_fetches_only_its_kinds_shards_and_finds_the_same(page_factory, sharded, served_shipped):
    served, _ = sharded
    manifest = json.loads((served.root / "pagefind" / MANIFEST_FILE).read_text())
    every = {path.split("/")[1] for path in manifest["shards"]}
    for path, kind, facets in CATALOGUE_PAGES:
        own = _kind_shards(manifest, kind)
        assert own and own < every, kind
        page, other = page_factory(), page_factory()
        requested = _requested_shards(page)
        page.goto(served.url + path)
        other.goto(served_shipped.url + path)
        assert total(page) == total(other) > 0, path
        for facet in facets:  # the counts shown, and the cards
            assert facet_counts(page, facet) == facet_counts(other, facet), (path, facet)
        assert sorted(all_result_paths(page)) == sorted(all_result_paths(other)), path
        type_key = path.strip("/")
        merged = page.evaluate(KIND_SEARCH_ALL, [QUERIES, kind, type_key])
        single = other.evaluate(KIND_SEARCH_ALL, [QUERIES, kind, type_key])
        assert merged == single, path
        assert any(merged[q]["urls"] for q in QUERIES), path
        assert requested == own, (path, requested)  # not one request to another kind's shard

        # A query typed in the catalogue's own field, as a reader does
        page.fill(".av-cat__input", "bestyrelsen")
        other.fill(".av-cat__input", "bestyrelsen")
        page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'bestyrelsen'")
        other.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'bestyrelsen'")
        assert total(page) == total(other), path
        assert sorted(all_result_paths(page)) == sorted(all_result_paths(other)), path
        assert requested == own, (path, requested)

        # The header box on the same page searches the whole site: the other kinds' shards join the same
        # Pagefind, and the catalogue still finds what it found.
        for q in ("fællesspisning", "bestyrelsen"):
            assert len(header_search(page, q)) == len(header_search(other, q)), (path, q)
        assert requested == every, path
        assert page.evaluate(KIND_SEARCH_ALL, [QUERIES, kind, type_key]) == single, path


def test_the_search_page_fetches_every_shard(page_factory, sharded):
    served, _ = sharded
    manifest = json.loads((served.root / "pagefind" / MANIFEST_FILE).read_text())
    page = page_factory()
    requested = _requested_shards(page)
    page.goto(served.url + "soeg/?q=bestyrelsen")
    assert total(page) > 0
    assert requested == {path.split("/")[1] for path in manifest["shards"]}


def test_the_offline_copy_of_a_kinds_catalogue_loads_only_its_kinds_shards(chromium, page_factory, sharded,
                                                                             served_shipped):
    served, offline_root = sharded
    manifest = json.loads((served.root / "pagefind" / MANIFEST_FILE).read_text())
    copy = Offline(chromium, offline_root)
    other = page_factory()
    try:
        for path, kind, facets in CATALOGUE_PAGES:
            copy.page.goto(copy.url(path + "index.html"))
            other.goto(served_shipped.url + path)
            assert total(copy.page) == total(other) > 0, path
            for facet in facets:
                assert facet_counts(copy.page, facet) == facet_counts(other, facet), (path, facet)
            all_result_paths(copy.page)  # every card shown ("Vis flere")
            here = copy.page.eval_on_selector_all(".av-cat__results .av-card-title a", "links => links.map(a => a.href)")
            assert sorted(copy.site_path(u) for u in here) == sorted(p.strip("/") for p in all_result_paths(other)), path
            # offline, every bundle file comes in through a <script> tag (offline-search.js)
            loaded = {m.group(1) for src in copy.page.eval_on_selector_all("script[src]", "ss => ss.map(s => s.src)")
                      if (m := SHARD_FOLDER.search(src))}
            assert loaded == _kind_shards(manifest, kind), (path, loaded)
    finally:
        copy.close()
    assert not copy.errors and copy.attempted == []


# The catalogue's sort orders (catalogue-state.js SORTS): each must list the same entries in the same order
# on a sharded build as on one bundle. Pagefind's merged search sorts every index's results by their score,
# and a sorted search's score is the result's place in its own index, so it would interleave the shards.
SORTED_VIEWS = ("", "?sort=opdateret", "?q=bestyrelsen&sort=titel", "?q=bestyrelsen&sort=opdateret",
                "?q=f%C3%A6lles&sort=titel")


def test_every_sort_of_a_catalogue_gives_the_one_bundle_order(page_factory, sharded, served_shipped):
    served, _ = sharded
    page, other = page_factory(), page_factory()
    for path, _kind, _facets in CATALOGUE_PAGES:
        for view in SORTED_VIEWS:
            page.goto(served.url + path + view)
            other.goto(served_shipped.url + path + view)
            expected = all_result_paths(other)
            assert all_result_paths(page) == expected, path + view
            assert len(set(expected)) == len(expected) == total(other), path + view
    page.goto(served.url + "ideer/")
    assert len(all_result_paths(page)) > 2 * page.evaluate(
        "JSON.parse(document.querySelector('[data-av-catalogue]').dataset.avConfig).pageSize")


def test_every_sort_of_the_offline_copys_catalogue_gives_the_one_bundle_order(chromium, page_factory, sharded,
                                                                               served_shipped):
    _, offline_root = sharded
    copy = Offline(chromium, offline_root)
    other = page_factory()
    try:
        for path, _kind, _facets in CATALOGUE_PAGES:
            for view in SORTED_VIEWS:
                copy.page.goto(copy.url(path + "index.html") + view)
                other.goto(served_shipped.url + path + view)
                expected = [p.strip("/") for p in all_result_paths(other)]
                all_result_paths(copy.page)
                here = copy.page.eval_on_selector_all(".av-cat__results .av-card-title a",
                                                      "links => links.map(a => a.href)")
                assert [copy.site_path(u) for u in here] == expected, path + view
    finally:
        copy.close()
    assert not copy.errors and copy.attempted == []


# The facet counts of a query searched as several searches (synonyms, other spellings, a word left out), or
# whose results the word-by-word check thinned, are those of its results' own filter values: counted here from
# every result's page data, as the search itself once did (it now takes Pagefind's counts, issue 19).
COUNTS_AGAINST_PAGES = """async ([queries, options]) => {
  const AV = window.almenviden;
  const out = {};
  for (const q of queries) {
    const found = await AV.search(q, Object.assign({counts: true}, options));
    const counted = {};
    for (const r of found.results) {
      const d = await r.data();
      for (const [f, values] of Object.entries(d.filters || {})) {
        counted[f] = counted[f] || {};
        for (const v of values) counted[f][v] = (counted[f][v] || 0) + 1;
      }
    }
    const shown = {};
    for (const [f, values] of Object.entries(found.filters || {})) {
      const some = Object.entries(values).filter(([, n]) => n > 0);
      if (some.length) shown[f] = Object.fromEntries(some);
    }
    out[q] = {shown, counted, n: found.results.length};
  }
  return out;
}"""
COUNTED_QUERIES = ["okonomi", "fælles", "fællesspisning", "bestyrelsen", "ensomhed", "grøn", "kompost", "larm naboen",
                   "hvordan stiller jeg op til bestyrelsen", "affald sortering"]


@pytest.mark.parametrize("options", [{}, {"filters": {"type": {"any": ["ideer"]}}, "kind": "ideas"},
                                     {"filters": {"udgift": {"any": ["gratis"]}}},
                                     {"filters": {"type": {"any": ["ideer"]}}, "kind": "ideas", "sort": {"title": "asc"}}])
def test_merged_searches_count_the_facets_of_their_results(page_factory, sharded, served_shipped, options):
    served, _ = sharded
    for site in (served, served_shipped):
        page = page_factory()
        page.goto(site.url + "ideer/")
        found = page.evaluate(COUNTS_AGAINST_PAGES, [COUNTED_QUERIES, options])
        assert any(found[q]["n"] for q in COUNTED_QUERIES)
        for q in COUNTED_QUERIES:
            assert found[q]["shown"] == found[q]["counted"], (site.url, q)
