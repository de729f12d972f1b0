"""Phone-first pages (issue 11): at 360×740 the body starts on the first screen of every idea and course, the
facts are links to the filtered catalogue, and the catalogue's filters are a panel with a "Vis N idéer" button."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from av_expect import matching, number, values
from av_ui import settled, total

pytestmark = pytest.mark.browser

# Many entry pages at once, each in its own 360×740 frame (its own viewport for the media queries): where the
# first paragraph of the body starts, and whether the site name in the header is cut off.
FIRST_BODY_TOPS = """async (urls) => {
  const frames = urls.map(url => {
    const f = document.createElement('iframe');
    f.style.cssText = 'width:360px;height:740px;border:0;display:block';
    const loaded = new Promise(resolve => f.addEventListener('load', resolve, {once: true}));
    f.src = url;
    document.body.appendChild(f);
    return loaded.then(() => f);
  });
  const out = {};
  for (const f of await Promise.all(frames)) {
    const doc = f.contentDocument;
    const p = doc.querySelector('.av-body > p, .av-body > ul, .av-body > ol');
    const title = doc.querySelector('.md-header__topic .md-ellipsis');
    out[f.getAttribute('src')] = {top: p ? p.getBoundingClientRect().top + f.contentWindow.scrollY : null,
                                  titleCut: title.scrollWidth > title.clientWidth};
    f.remove();
  }
  return out;
}"""


def test_the_body_starts_on_the_first_phone_screen_of_every_idea_and_course(page_factory, served_shipped, shipped):
    page = page_factory(400, 800)
    page.goto(served_shipped.url + "404.html")
    entries = shipped.of_kind("ideas") + shipped.of_kind("courses")
    assert len(entries) > 40
    urls = [f"/{'ideer' if e.kind == 'ideas' else 'kurser'}/{e.id}/" for e in entries]
    found = {}
    for start in range(0, len(urls), 12):
        found.update(page.evaluate(FIRST_BODY_TOPS, urls[start:start + 12]))
    assert sorted(found) == sorted(urls)
    assert not [u for u, f in found.items() if f["top"] is None], "sider uden brødtekst"
    assert not [u for u, f in found.items() if f["titleCut"]], "sitets navn er afkortet i sidehovedet"
    late = {u: round(f["top"]) for u, f in found.items() if f["top"] >= 740}
    assert not late, f"Brødteksten starter under første skærm (360×740): {late}"


def test_the_facts_are_links_to_the_catalogue_filtered_by_them(page_factory, served_shipped, shipped):
    page = page_factory(360, 740)
    entry = next(e for e in shipped.of_kind("ideas") if values(e, "udgift") == {"gratis"})
    page.goto(f"{served_shipped.url}ideer/{entry.id}/")
    line = page.locator("ul.av-facts-line")
    labels = line.locator("li").all_inner_texts()
    cost = shipped.taxonomy.label("cost", "gratis")
    assert labels[0] == cost, labels
    # Every chip on the page is a link; no label that looks like a button does nothing.
    assert page.locator(".av-entry span.av-chip").count() == 0
    assert page.locator(".av-entry a.av-chip").count() > 0
    line.get_by_role("link", name=cost).click()
    settled(page)
    assert urlsplit(page.url).path == "/ideer/"
    assert parse_qs(urlsplit(page.url).query) == {"udgift": ["gratis"]}
    assert page.locator("input[name=udgift][value=gratis]").is_checked()
    assert total(page) == len(matching(shipped.of_kind("ideas"), udgift="gratis"))


def test_a_long_entry_page_has_a_table_of_contents_that_jumps_to_its_sections(page_factory, served_shipped, shipped):
    page = page_factory(360, 740)
    entry = shipped.of_kind("recommendations")[0]
    page.goto(f"{served_shipped.url}anbefalinger/{entry.id}/")
    toc = page.get_by_role("navigation", name="Indhold på siden")
    toc.get_by_text("Indhold", exact=True).click()
    link = toc.get_by_role("link", name="Følg eller forklar")
    link.click()
    page.wait_for_function("() => location.hash === '#foelg-eller-forklar'")
    top = page.evaluate("() => document.getElementById('foelg-eller-forklar').getBoundingClientRect().top")
    assert 0 <= top < 740


def test_the_filter_panel_opens_shows_the_count_and_closes_on_a_phone(page_factory, served_shipped, shipped):
    page = page_factory(360, 740)
    page.goto(served_shipped.url + "ideer/")
    settled(page)
    panel = page.locator("details.av-cat__filters")
    assert not panel.evaluate("d => d.open")  # closed: the results come first on a phone
    show = page.locator(".av-cat__show")
    assert not show.is_visible()
    panel.locator("> summary").click()
    group = page.locator("details.av-facet", has=page.locator("input[name=udgift]"))
    group.locator("summary").click()
    page.locator("input[name=udgift][value=gratis]").locator("xpath=ancestor::label").click()
    settled(page)
    expected = len(matching(shipped.of_kind("ideas"), udgift="gratis"))
    # The count is in view (the sticky button) right after the change, whatever the scroll position.
    assert number(show.inner_text()) == expected and show.inner_text().endswith("idéer")
    box = show.bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= 740, box
    show.click()
    assert not panel.evaluate("d => d.open")
    status = page.locator(".av-cat__status")
    assert number(status.inner_text()) == expected
    assert page.evaluate("() => document.activeElement.classList.contains('av-cat__status')")
    # The count is on screen, not under the fixed header.
    assert page.evaluate("""() => { const s = document.querySelector('.av-cat__status'), r = s.getBoundingClientRect();
      return s.contains(document.elementFromPoint(r.left + 5, r.top + r.height / 2)); }""")


def test_a_skip_link_leads_past_the_filters_to_the_results(page_factory, served_shipped):
    page = page_factory(360, 740)
    page.goto(served_shipped.url + "ideer/")
    settled(page)
    skip = page.locator(".av-cat__skip")
    skip.focus()
    assert skip.is_visible()
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash.endsWith('-results')")
    page.keyboard.press("Tab")
    # The next Tab stop is in the results (the sort menu or a card), not in the filters.
    assert page.evaluate("() => Boolean(document.activeElement.closest('.av-cat__main'))")
