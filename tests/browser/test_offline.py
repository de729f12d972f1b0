"""The offline copy in a real browser (issue 4): unzipped, opened from file:// with every request to any
host aborted and recorded, it searches in Danish, filters the catalogue, opens entries, follows related
links and prints; and it finds the same entries as the served site."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from almenviden.danish.dates import danish_date

from av_ui import checked, facet_counts, header_search, settled, toggle, total

pytestmark = pytest.mark.browser

# Danish queries, also typed without æøå, with inflections, and filter-only searches (the catalogue).
QUERIES = ["fællesspisning", "faellesspisning", "fællesskaberne", "okonomi", "grøn", "ensomhed", "bestyrelsen",
           "Aarhus", "kompost", "helikopterlandingsplads"]
FILTERS = [{"type": {"any": ["ideer"]}}, {"type": {"any": ["ideer"]}, "udgift": {"any": ["gratis"]}},
           {"aarstid": {"any": ["vinter"]}, "boligtype": {"any": ["aeldreboliger"]}}]

SEARCH_ALL = """async ([queries, filters]) => {
  const pagefind = await window.almenviden.pagefind();
  const urls = async (search) => Promise.all(search.results.map(r => r.data().then(d => d.url)));
  const out = {queries: {}, filtered: [], filters: await pagefind.filters()};
  for (const q of queries) out.queries[q] = await urls(await window.almenviden.search(q));  // as the UI searches
  for (const f of filters) out.filtered.push(await urls(await pagefind.search(null, {filters: f})));
  return out;
}"""


class Offline:
    """A browser context for the unzipped copy: every request that is not a file on disk is aborted and kept."""

    def __init__(self, chromium, root, width=1280, height=900):
        self.root = root
        self.attempted: list[str] = []
        self.errors: list[str] = []
        self.context = chromium.new_context(viewport={"width": width, "height": height}, locale="da-DK",
                                            service_workers="block")
        self.context.route(lambda url: not url.startswith("file:"), self._abort)
        self.context.on("request", self._seen)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("websocket", lambda ws: self.attempted.append(ws.url))

    def _abort(self, route):
        self.attempted.append(route.request.url)
        route.abort()

    def _seen(self, request):
        if not request.url.startswith(("file:", "data:", "blob:")) and request.url not in self.attempted:
            self.attempted.append(request.url)

    def url(self, path: str) -> str:
        return (self.root / path).as_uri()

    def site_path(self, url: str) -> str:
        """"file:///…/ideer/x.html" -> "ideer/x" (comparable with the served site's "/ideer/x/")."""
        base = self.root.as_uri() + "/"
        assert url.startswith(base), url
        path = urlsplit(url[len(base):]).path
        path = path.removesuffix(".html")
        return "" if path == "index" else path.removesuffix("/index")  # hand-written pages are found too

    def close(self):
        self.context.close()


def served_path(url: str) -> str:
    return urlsplit(url).path.strip("/")


_BUILT_ON: list = []  # set by the offline fixture: the days the copy was built on


@pytest.fixture
def offline(chromium, offline_copy):
    _BUILT_ON[:] = offline_copy.days  # the banner names the day of the build (two days if it ran over midnight)
    copy = Offline(chromium, offline_copy.root)
    yield copy
    copy.close()
    assert not copy.errors, copy.errors
    assert copy.attempted == [], f"Offline-kopien spurgte: {copy.attempted}"


def assert_offline_page(page, expected_title: str | None = None):
    banner = page.locator(".av-offline-banner")
    assert banner.is_visible()
    assert any(f"Offline-kopi bygget {danish_date(day)}" in banner.inner_text() for day in _BUILT_ON)
    # Material's stylesheet applied (not the browser's default look) and every image loaded
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    if expected_title is not None:
        assert page.locator("h1").inner_text() == expected_title


def test_reader_searches_filters_opens_and_prints_with_no_network(offline, shipped):
    page = offline.page
    page.goto(offline.url("index.html"))
    assert_offline_page(page)
    titles = {e.title: e for e in shipped.entries.values()}

    # The header search, in Danish; the results are .html files in the copy.
    found = header_search(page, "fællesspisning")
    assert found, "ingen resultater for »fællesspisning«"
    hrefs = page.eval_on_selector_all(".av-sr__link", "links => links.map(a => a.href)")
    assert all(h.startswith(offline.root.as_uri() + "/") and h.endswith(".html") for h in hrefs), hrefs
    first_title = page.locator(".av-sr__title").first.inner_text()
    assert "fællesspisning" in page.locator(".av-sr").first.inner_text().casefold()

    # Open the first result by keyboard, as online.
    page.focus("#av-search-input")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(hrefs[0])
    assert_offline_page(page, first_title)

    # Follow a related link from an entry that has one.
    entry = next(e for e in shipped.entries.values() if e.related and e.kind == "ideas")
    page.goto(offline.url(f"ideer/{entry.id}/index.html"))
    assert_offline_page(page, entry.title)
    related = page.locator(".av-related a").first
    related_title = related.inner_text()
    related.click()
    page.wait_for_load_state()
    assert page.url.endswith(".html")
    assert_offline_page(page, related_title)
    assert related_title in titles

    # The idea catalogue: all ideas without typing, a facet with its count, the URL keeps the choice.
    page.goto(offline.url("ideer/index.html"))
    assert_offline_page(page)
    ideas = shipped.of_kind("ideas")
    assert total(page) == len(ideas)
    gratis = facet_counts(page, "udgift")["gratis"]
    assert 0 < gratis < len(ideas)
    toggle(page, "udgift", "gratis")
    assert total(page) == gratis == len([e for e in ideas if e.details["cost"] == "gratis"])
    assert parse_qs(urlsplit(page.url).query) == {"udgift": ["gratis"]}
    page.goto(page.url)  # a sent link opens with the same filter
    settled(page)
    assert checked(page, "udgift") == {"gratis"} and total(page) == gratis
    cards = page.eval_on_selector_all(".av-cat__results .av-card-title a", "links => links.map(a => a.href)")
    page.goto(cards[0])
    assert_offline_page(page)

    # Print: the banner goes on paper too, and the page needs nothing more to print.
    page.emulate_media(media="print")
    assert page.locator(".av-offline-banner").is_visible()
    assert page.pdf()[:4] == b"%PDF"


def test_on_a_phone_the_catalogue_filters_from_disk(chromium, offline_copy):
    copy = Offline(chromium, offline_copy.root, width=360, height=740)
    try:
        copy.page.goto(copy.url("ideer/index.html"))
        before = total(copy.page)
        winter = facet_counts(copy.page, "aarstid")["vinter"]
        toggle(copy.page, "aarstid", "vinter")
        assert total(copy.page) == winter < before
        assert copy.page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        copy.close()
    assert not copy.errors and copy.attempted == []


def test_offline_finds_the_same_entries_as_the_served_site(chromium, offline, served_shipped):
    served = chromium.new_context()
    try:
        page = served.new_page()
        page.goto(served_shipped.url)
        online = page.evaluate(SEARCH_ALL, [QUERIES, FILTERS])
    finally:
        served.close()
    offline.page.goto(offline.url("index.html"))
    local = offline.page.evaluate(SEARCH_ALL, [QUERIES, FILTERS])

    assert local["filters"] == online["filters"]
    assert any(online["queries"][q] for q in QUERIES) and any(online["filtered"])
    # Same entries; the order may differ only among equal scores (Pagefind breaks ties by page order).
    for q in QUERIES:
        here = [offline.site_path(u) for u in local["queries"][q]]
        there = [served_path(u) for u in online["queries"][q]]
        assert sorted(here) == sorted(there), q
    for f, here, there in zip(FILTERS, local["filtered"], online["filtered"]):
        assert sorted(offline.site_path(u) for u in here) == sorted(served_path(u) for u in there), f

    # and through the header box, as a reader sees it
    page = offline.page
    for q in ("fællesspisning", "okonomi"):
        header_search(page, q)
        shown = [offline.site_path(u) for u in page.eval_on_selector_all(".av-sr__link", "ls => ls.map(a => a.href)")]
        there = [served_path(u) for u in online["queries"][q]]
        assert shown and len(shown) == min(len(there), 8) and set(shown) <= set(there), q
