"""The header search box: Danish words find the right entries, also typed without æ, ø and å, by keyboard."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from almenviden.content.loading import load_catalogue
from almenviden.search.words import WORDS_FILE

from av_expect import path_of
from av_ui import header_search, settled, total

pytestmark = pytest.mark.browser

AEBLE = "/ideer/aebletraeer-i-gaarden/"
OEKONOMI = "/ideer/styr-paa-oekonomien/"
MADKLUB = "/ideer/madklub-for-nye-naboer/"
VINTERBAD = "/ideer/vinterbadning-for-seniorer/"


@pytest.fixture(scope="module")
def fixture_entries(served_search):
    result = load_catalogue(served_search.catalogue)
    assert result.ok, [d.gcc() for d in result.diagnostics]
    return result.catalogue.entries


def test_a_query_finds_the_entry_with_title_kind_summary_and_excerpt(page, served_search, fixture_entries):
    page.goto(served_search.url)
    assert header_search(page, "vinterbadning") == [VINTERBAD]
    entry = fixture_entries["vinterbadning-for-seniorer"]
    result = page.locator(".av-sr").first
    assert result.locator(".av-sr__title").inner_text() == entry.title
    assert result.locator(".av-sr__kind").inner_text().casefold() == "idé"
    assert result.locator(".av-sr__summary").inner_text() == entry.summary
    assert result.locator(".av-sr__excerpt mark").first.inner_text().casefold() == "vinterbadning"
    assert page.locator("[data-av-search-live]").inner_text() == "1 resultat for »vinterbadning«."
    result.locator("a").click()
    page.wait_for_url("**" + VINTERBAD)
    assert page.locator("h1").inner_text() == entry.title


def test_a_query_without_results_says_so(page, served_search):
    page.goto(served_search.url)
    assert header_search(page, "xylofonkoncert") == []
    assert page.locator("[data-av-search-live]").inner_text() == "Ingen resultater for »xylofonkoncert«."


@pytest.mark.parametrize("query, expected, danish", [
    ("æbler", AEBLE, "æbler"),
    ("aebler", AEBLE, "æbler"),  # æ typed as ae
    ("abler", AEBLE, "æbler"),  # æ typed as a
    ("okonomi", OEKONOMI, "økonomi"),  # ø typed as o
    ("oekonomi", OEKONOMI, "økonomi"),  # ø typed as oe
    ("aarhus", AEBLE, "århus"),  # å typed as aa
    ("Aarhus", AEBLE, "århus"),
    ("arhus", AEBLE, "århus"),  # å typed as a (Pagefind's own folding)
    ("gaarden", AEBLE, "gården"),
    ("sondag", VINTERBAD, "søndag"),
    ("faellesskab", MADKLUB, "fællesskab"),
    ("fallesskab", MADKLUB, "fællesskab"),
])
def test_spellings_without_danish_letters_find_the_danish_words(page, served_search, query, expected, danish):
    page.goto(served_search.url)
    assert expected in header_search(page, query)
    result = page.locator(".av-sr", has=page.locator(f"a[href$='{expected}']"))
    marks = [m.casefold() for m in result.locator(".av-sr__excerpt mark").all_inner_texts()]
    # The excerpt highlights the word as written, never the index's alternative spellings.
    assert any(m.startswith(danish) for m in marks), marks
    assert "^" not in page.locator(".av-search__panel").inner_text()


@pytest.mark.parametrize("query, expected", [
    ("madklubberne", [MADKLUB]),  # the entry says "madklub" and "madklubben"
    ("madklubber", [MADKLUB]),
    ("fællesskaberne", None),  # the madklub entry's body says "fællesskab"
    ("faellesskaberne", None),
    ("æblerne", [AEBLE]),
    ("seniorerne", [VINTERBAD]),
])
def test_danish_stemming_finds_other_forms_of_a_word(page, served_search, query, expected):
    page.goto(served_search.url)
    found = header_search(page, query)
    if expected is None:
        assert MADKLUB in found
    else:
        assert found == expected


def test_the_search_box_is_labelled_and_reachable_with_tab(page, served_search):
    page.goto(served_search.url)
    box = page.get_by_role("searchbox", name="Søg i almenviden")
    assert box.count() == 1
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "av-search-input":
            break
    else:
        pytest.fail("Tab når aldrig søgefeltet")
    assert page.locator("[role=status][aria-live=polite]").count() >= 1


def test_keyboard_arrows_escape_and_enter(page, served_search):
    page.goto(served_search.url)
    page.focus("#av-search-input")
    page.keyboard.type("gratis")  # the cost label: three free ideas
    page.wait_for_function("() => document.querySelector('#av-search-panel').getAttribute('aria-busy') === 'false'")
    links = page.locator(".av-sr__link")
    assert links.count() >= 2

    def focused_href():
        return page.evaluate("document.activeElement.getAttribute('href')")

    page.keyboard.press("ArrowDown")
    assert focused_href() == links.nth(0).get_attribute("href")
    page.keyboard.press("ArrowDown")
    assert focused_href() == links.nth(1).get_attribute("href")
    page.keyboard.press("ArrowUp")
    assert focused_href() == links.nth(0).get_attribute("href")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "av-search-input"

    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page.locator("#av-search-panel").is_hidden()
    assert page.evaluate("document.activeElement.id") == "av-search-input"

    page.keyboard.type(" vinterbadning")
    page.wait_for_function("() => document.querySelector('[data-av-search-status]').textContent.includes('vinterbadning')")
    page.wait_for_function("() => document.querySelector('#av-search-panel').getAttribute('aria-busy') === 'false'")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + VINTERBAD)


def test_enter_in_the_box_opens_all_results_with_filters(page, served_search):
    page.goto(served_search.url + "om/")
    page.focus("#av-search-input")
    page.keyboard.type("madklub")
    page.keyboard.press("Enter")
    page.wait_for_url("**/soeg/?q=madklub")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["madklub"]}
    settled(page)
    assert page.input_value(".av-cat__input") == "madklub"
    assert total(page) == 1
    assert page.locator(".av-cat__results .av-card-title a").get_attribute("href").endswith(MADKLUB)


def test_every_page_has_the_search_box_and_it_works_from_a_subfolder(page, served_search, fixture_entries):
    entry = fixture_entries["sommerfest-i-ungdomsboligerne"]
    page.goto(served_search.url.rstrip("/") + path_of(entry))
    assert header_search(page, "sommerfest") == [path_of(entry)]


def test_phone_width_search_panel_fits_the_screen(page_factory, served_search):
    page = page_factory(360, 740)
    page.goto(served_search.url)
    assert header_search(page, "gratis")
    box = page.locator("#av-search-panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360


# ---------------------------------------------------------------- the shipped catalogue

TITLE_SEARCH = """async (entries) => {
  const pagefind = await window.almenviden.pagefind();
  const out = {};
  for (const [path, title] of entries) {
    const search = await pagefind.search(title);
    const top = await Promise.all(search.results.slice(0, 3).map(r => r.data()));
    out[path] = top.map(d => d.url);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def shipped_entries(served_shipped):
    result = load_catalogue(served_shipped.catalogue)
    assert result.ok, [d.gcc() for d in result.diagnostics]
    return list(result.catalogue.entries.values())


def test_every_shipped_entry_is_found_by_its_title(page, served_shipped, shipped_entries):
    page.goto(served_shipped.url + "om/")
    top = page.evaluate(TITLE_SEARCH, [[path_of(e), e.title] for e in shipped_entries])
    missing = {path: found for path, found in top.items() if path not in found}
    assert not missing, missing


def test_shipped_entries_of_every_kind_in_the_header_box(page, served_shipped, shipped_entries):
    page.goto(served_shipped.url)
    for kind in ("ideas", "courses", "recommendations", "guides"):
        entry = next(e for e in shipped_entries if e.kind == kind)
        assert path_of(entry) in header_search(page, entry.title), entry.id


def _word_parts(page, query: str) -> set[str]:
    """The word-list part files (pagefind/almenviden-words/…) a fresh page loads for its first query."""
    requested = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    header_search(page, query)
    return {path.rsplit("/", 1)[-1] for path in requested if "/pagefind/almenviden-words/" in path}


def test_the_first_query_loads_only_the_word_list_parts_of_its_words(page, served_shipped):
    core = json.loads((served_shipped.root / "pagefind" / WORDS_FILE).read_text(encoding="utf-8"))
    starts = core["prefixes"]
    page.goto(served_shipped.url + "om/")
    loaded = _word_parts(page, "bestyrelsen")
    assert page.locator(".av-sr").count() > 0
    prefix_parts = {name for name in loaded if name.startswith("p")}
    own = max(i for i, start in enumerate(starts) if start <= "bes")  # the part with the words beginning "bes"
    assert f"p{own}.json" in prefix_parts
    assert len(prefix_parts) <= len("bestyrelsen")  # its own part, its endings' parts, compounds ending in it
    assert len(loaded) < len(starts) // 2


def test_a_word_on_no_page_loads_the_words_for_close_words(page, served_shipped):
    core = json.loads((served_shipped.root / "pagefind" / WORDS_FILE).read_text(encoding="utf-8"))
    page.goto(served_shipped.url + "om/")
    loaded = _word_parts(page, "bestyrelsn")  # a typo
    assert {f"p{i}.json" for i in range(len(core["prefixes"]))} <= loaded
    assert page.locator(".av-sr").count() > 0
