"""The catalogue browser: facets with counts and no query, combinable with a query, state in the URL, phones.

Expectations come from the YAML (av_expect), for the small search fixture and for the shipped catalogue,
whatever its size.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from almenviden.content.kinds import KINDS
from almenviden.content.loading import load_catalogue

from av_expect import counts, matching, path_of
from av_ui import all_result_paths, checked, facet_counts, settled, toggle, total

pytestmark = pytest.mark.browser


def _load(catalogue_dir):
    result = load_catalogue(catalogue_dir)
    assert result.ok, [d.gcc() for d in result.diagnostics]
    return result.catalogue


@pytest.fixture(scope="module")
def fixture_cat(served_search):
    return _load(served_search.catalogue)


@pytest.fixture(scope="module")
def shipped_cat(served_shipped):
    return _load(served_shipped.catalogue)


def with_zeros(expected: dict, shown: dict) -> dict:
    return {value: expected.get(value, 0) for value in shown}


# ---------------------------------------------------------------- the small fixture


def test_all_ideas_with_facet_counts_and_no_query(page, served_search, fixture_cat):
    ideas = fixture_cat.of_kind("ideas")
    page.goto(served_search.url + "ideer/")
    assert total(page) == len(ideas)
    assert sorted(all_result_paths(page)) == sorted(path_of(e) for e in ideas)
    for facet in ("udgift", "aarstid", "boligtype", "maal"):
        shown = facet_counts(page, facet)
        assert shown == with_zeros(counts(ideas, facet), shown), facet
    # Every idea has exactly one cost: the cost counts add up to the whole catalogue.
    assert sum(facet_counts(page, "udgift").values()) == len(ideas)
    # Without a query the cards come in Danish alphabetical order (Æ after Z).
    titles = page.locator(".av-cat__results .av-card-title").all_inner_texts()
    assert titles[-1] == "Æbletræer i gården"


def test_a_facet_narrows_the_results_and_the_counts_add_up(page, served_search, fixture_cat):
    ideas = fixture_cat.of_kind("ideas")
    page.goto(served_search.url + "ideer/")
    before = facet_counts(page, "udgift")
    toggle(page, "udgift", "gratis")
    free = matching(ideas, udgift="gratis")
    assert total(page) == before["gratis"] == len(free)
    assert sorted(all_result_paths(page)) == sorted(path_of(e) for e in free)
    assert parse_qs(urlsplit(page.url).query) == {"udgift": ["gratis"]}
    # Other facets now count within the free ideas; the cost facet still counts as if alone.
    shown = facet_counts(page, "aarstid")
    assert shown == with_zeros(counts(free, "aarstid"), shown)
    assert facet_counts(page, "udgift") == before
    # Two values of one facet are alternatives: the results are the sum for a single-valued field.
    toggle(page, "udgift", "lav")
    assert total(page) == before["gratis"] + before["lav"]
    toggle(page, "udgift", "gratis")
    toggle(page, "udgift", "lav")
    assert total(page) == len(ideas)
    assert urlsplit(page.url).query == ""


def test_the_url_restores_the_filters(page, served_search, fixture_cat):
    ideas = fixture_cat.of_kind("ideas")
    expected = sorted(path_of(e) for e in matching(ideas, udgift="gratis", boligtype="aeldreboliger",
                                                    aarstid="vinter"))
    assert 0 < len(expected) < len(matching(ideas, udgift="gratis"))
    for query in ("udgift=gratis&boligtype=aeldreboliger&aarstid=vinter",
                  "udgift=Gratis&boligtype=%C3%86ldreboliger&aarstid=Vinter"):  # labels work too
        page.goto(served_search.url + "ideer/?" + query)
        assert checked(page, "udgift") == {"gratis"}
        assert checked(page, "boligtype") == {"aeldreboliger"}
        assert checked(page, "aarstid") == {"vinter"}
        assert sorted(all_result_paths(page)) == expected
    # What the page writes back is the same shareable link.
    assert parse_qs(urlsplit(page.url).query) == {"udgift": ["gratis"], "boligtype": ["aeldreboliger"],
                                                  "aarstid": ["vinter"]}


def test_a_whole_year_idea_counts_as_a_winter_idea(page, served_search):
    page.goto(served_search.url + "ideer/?aarstid=vinter")
    assert "/ideer/styr-paa-oekonomien/" in all_result_paths(page)
    chips = page.locator(".av-card", has=page.locator("a[href$='/ideer/styr-paa-oekonomien/']")).locator(".av-chip")
    assert "Hele året" in chips.all_inner_texts() and "Vinter" not in chips.all_inner_texts()


def test_a_query_combines_with_the_filters(page, served_search):
    page.goto(served_search.url + "ideer/?q=madklub&udgift=gratis")
    assert all_result_paths(page) == ["/ideer/madklub-for-nye-naboer/"]
    assert page.locator(".av-card-excerpt mark").first.inner_text().casefold().startswith("madklub")
    page.goto(served_search.url + "ideer/?q=madklub&udgift=hoej")
    assert total(page) == 0
    assert page.locator(".av-cat__status").inner_text() == "Ingen idéer passer til søgningen og filtrene."
    page.fill(".av-cat__input", "sommerfest")
    settled(page)
    page.wait_for_function("() => document.querySelector('.av-cat__status').dataset.count === '1'")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["sommerfest"], "udgift": ["hoej"]}


def test_courses_and_recommendations_are_browsable_the_same_way(page, served_search, fixture_cat):
    courses = fixture_cat.of_kind("courses")
    page.goto(served_search.url + "kurser/")
    assert total(page) == len(courses)
    shown = facet_counts(page, "niveau")
    assert shown == with_zeros(counts(courses, "niveau"), shown)
    assert page.locator("input[name=udgift]").count() == 0  # idea facets are not offered for courses
    page.goto(served_search.url + "anbefalinger/")
    assert total(page) == len(fixture_cat.of_kind("recommendations"))
    # The search page has every kind, with a kind facet.
    page.goto(served_search.url + "soeg/")
    everything = list(fixture_cat.entries.values())
    assert total(page) == len(everything)
    shown = facet_counts(page, "type")
    assert shown == with_zeros(counts(everything, "type"), shown)
    toggle(page, "type", "kurser")
    assert total(page) == len(courses)
    assert page.locator("details.av-facet:has(input[name=udgift])").is_hidden()  # nothing to narrow among courses


def test_phone_width(page_factory, served_search, fixture_cat):
    page = page_factory(360, 740)
    page.goto(served_search.url + "ideer/")
    settled(page)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    toggle(page, "udgift", "gratis")
    assert total(page) == len(matching(fixture_cat.of_kind("ideas"), udgift="gratis"))
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    card = page.locator(".av-cat__results > li").first.bounding_box()
    assert card["x"] >= 0 and card["x"] + card["width"] <= 360


def test_print_shows_the_narrowed_list_or_else_the_whole_plain_list(page, served_search):
    page.goto(served_search.url + "ideer/")
    settled(page)
    page.emulate_media(media="print")
    assert page.locator(".av-catalogue-fallback").is_visible()
    assert page.locator(".av-catalogue").is_hidden()
    page.emulate_media(media="screen")
    toggle(page, "udgift", "gratis")
    page.emulate_media(media="print")
    assert page.locator(".av-catalogue-fallback").is_hidden()
    assert page.locator(".av-cat__results").is_visible()
    assert page.locator(".av-cat__form").is_hidden()


def test_browsing_without_a_query_loads_no_word_index(page, served_search, fixture_cat):
    requested = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(served_search.url + "ideer/?udgift=gratis")
    assert total(page) == len(matching(fixture_cat.of_kind("ideas"), udgift="gratis"))
    assert [p for p in requested if "/pagefind/filter/" in p], "facet counts need the filter index"
    assert not [p for p in requested if "/pagefind/index/" in p]
    page.fill(".av-cat__input", "madklub")
    page.wait_for_function("() => document.querySelector('.av-cat__status').dataset.count === '1'")
    assert [p for p in requested if "/pagefind/index/" in p]


def test_without_javascript_the_plain_list_is_there(chromium, served_search, fixture_cat):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served_search.url + "ideer/")
        links = page.eval_on_selector_all(".av-catalogue-fallback .av-card-title a", "as => as.map(a => a.href)")
        assert sorted(urlsplit(h).path for h in links) == sorted(path_of(e) for e in fixture_cat.of_kind("ideas"))
        assert page.locator(".av-catalogue").is_hidden()
    finally:
        context.close()


# ---------------------------------------------------------------- the shipped catalogue


def test_shipped_idea_catalogue_counts_match_the_yaml(page, served_shipped, shipped_cat):
    ideas = shipped_cat.of_kind("ideas")
    page.goto(served_shipped.url + "ideer/")
    assert total(page) == len(ideas)
    for facet in ("udgift", "indsats", "aarstid", "boligtype", "maal", "maalgruppe", "emne", "baeredygtighed"):
        shown = facet_counts(page, facet)
        assert shown == with_zeros(counts(ideas, facet), shown), facet
    assert sum(facet_counts(page, "udgift").values()) == len(ideas)


def test_shipped_free_winter_ideas_for_elderly_housing_by_link(page, served_shipped, shipped_cat):
    ideas = shipped_cat.of_kind("ideas")
    page.goto(served_shipped.url + "ideer/?udgift=gratis&boligtype=aeldreboliger&aarstid=vinter")
    expected = matching(ideas, udgift="gratis", boligtype="aeldreboliger", aarstid="vinter")
    assert sorted(all_result_paths(page)) == sorted(path_of(e) for e in expected)


def test_shipped_kinds_on_the_search_page(page, served_shipped, shipped_cat):
    everything = list(shipped_cat.entries.values())
    page.goto(served_shipped.url + "soeg/")
    assert total(page) == len(everything)
    shown = facet_counts(page, "type")
    assert shown == {KINDS[k].url_dir: len(shipped_cat.of_kind(k)) for k in KINDS}
    page.goto(served_shipped.url + "kurser/")
    courses = shipped_cat.of_kind("courses")
    for facet in ("niveau", "form"):
        shown = facet_counts(page, facet)
        assert shown == with_zeros(counts(courses, facet), shown), facet
    page.goto(served_shipped.url + "anbefalinger/")
    recommendations = shipped_cat.of_kind("recommendations")
    shown = facet_counts(page, "omraade")
    assert shown == with_zeros(counts(recommendations, "omraade"), shown)
