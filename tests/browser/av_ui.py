"""Small Playwright helpers for the search box and the catalogue browser."""

from __future__ import annotations

from urllib.parse import urlsplit

from av_expect import number

SETTLED_BOX = """q => {
  const panel = document.querySelector('#av-search-panel');
  const status = document.querySelector('[data-av-search-status]');
  return panel && panel.getAttribute('aria-busy') === 'false' && status.textContent.includes('»' + q + '«');
}"""


def header_search(page, query: str) -> list[str]:
    """Type `query` into the header box; the paths of the results it shows, best first."""
    page.fill("#av-search-input", query)
    page.wait_for_function(SETTLED_BOX, arg=query)
    return [urlsplit(h).path for h in page.eval_on_selector_all(".av-sr__link", "links => links.map(a => a.href)")]


def settled(page):
    page.wait_for_selector("[data-av-catalogue] .av-cat__main[aria-busy=false]")


def total(page) -> int:
    settled(page)
    return int(page.get_attribute(".av-cat__status", "data-count"))


def facet_counts(page, facet: str) -> dict[str, int]:
    """The count shown next to every value of one facet."""
    settled(page)
    rows = page.eval_on_selector_all(
        f"input[type=checkbox][name='{facet}']",
        "boxes => boxes.map(b => [b.value, b.closest('label').querySelector('.av-facet__count').textContent])")
    return {value: number(text) for value, text in rows}


def checked(page, facet: str) -> set[str]:
    return set(page.eval_on_selector_all(f"input[type=checkbox][name='{facet}']:checked", "bs => bs.map(b => b.value)"))


def all_result_paths(page) -> list[str]:
    """Every result, pressing "Vis flere" until all are shown."""
    settled(page)
    more = page.locator(".av-cat__more")
    while more.is_visible():
        before = page.locator(".av-cat__results > li").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('.av-cat__results > li').length > n", arg=before)
    links = page.eval_on_selector_all(".av-cat__results .av-card-title a", "links => links.map(a => a.href)")
    return [urlsplit(h).path for h in links]


def toggle(page, facet: str, value: str):
    """Tick or untick one facet value as a reader does (clicking its label), and wait for the results."""
    box = page.locator(f"input[type=checkbox][name='{facet}'][value='{value}']")
    filters = page.locator("details.av-cat__filters")
    if not filters.evaluate("d => d.open"):
        filters.locator("> summary").click()
    group = box.locator("xpath=ancestor::details[contains(@class,'av-facet')]")
    if not group.evaluate("d => d.open"):
        group.locator("summary").click()
    box.locator("xpath=ancestor::label").click()
    settled(page)
