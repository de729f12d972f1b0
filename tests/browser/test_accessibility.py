"""WCAG 2.1 AA in a real browser (issue 11): axe-core finds nothing on any page type at phone and desktop
width, focus is visible on every Tab stop, every page speaks Danish and links to the accessibility statement."""

from __future__ import annotations

import pytest

from axe import describe, violations

pytestmark = pytest.mark.browser

WIDTHS = [(360, 740), (1280, 900)]
LISTINGS = ["", "ideer/", "kurser/", "anbefalinger/", "introforloeb/"]
CATALOGUES = {"ideer/", "kurser/", "anbefalinger/", "soeg/?q=bestyrelse"}
# English that Material for MkDocs (or a browser default) may leave in a page.
ENGLISH = ["Made with", "Material for MkDocs", "Not found", "Skip to content", "Back to top", "Table of contents",
           "Search", "Edit this page", "Previous", "Next", "Copy to clipboard", "Initializing", "Type to start",
           "Switch to", "color palette", "Last update", "Go to", "Loading"]


def page_paths(shipped) -> list[str]:
    """One page of every type: front, each listing, an entry of each kind, a guide's print view, search with a
    query, 404, the accessibility statement, the følg-eller-forklar sheet."""
    entries = [f"{kind_dir}/{shipped.of_kind(kind)[0].id}/"
               for kind, kind_dir in (("ideas", "ideer"), ("courses", "kurser"),
                                      ("recommendations", "anbefalinger"), ("guides", "introforloeb"))]
    guide_print = f"introforloeb/{shipped.of_kind('guides')[0].id}--print/"  # a guide printed whole (issue 16)
    return [*LISTINGS, *entries, guide_print, "soeg/?q=bestyrelse", "404.html", "tilgaengelighed/",
            "anbefalinger/foelg-eller-forklar/", "min-liste/"]


def settle(page, path: str):
    if path in CATALOGUES:
        page.wait_for_selector("[data-av-catalogue] .av-cat__main[aria-busy=false]")


def english_text(page) -> list[str]:
    """Known English UI strings in the page's visible text, aria-labels, titles and placeholders."""
    text = page.evaluate("""() => [document.body.innerText,
        ...Array.from(document.querySelectorAll('[aria-label],[title],[placeholder],[alt]'), e =>
          [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder'), e.getAttribute('alt')]
          .filter(Boolean).join(' '))].join('\\n')""")
    return [s for s in ENGLISH if s.lower() in text.lower()]


@pytest.mark.parametrize("width,height", WIDTHS, ids=["360px", "1280px"])
def test_no_axe_violations_no_english_and_a_statement_link_on_every_page_type(
        page_factory, served_shipped, shipped, axe_js, width, height):
    page = page_factory(width, height)
    problems = {}
    for path in page_paths(shipped):
        page.goto(served_shipped.url + path)
        settle(page, path)
        found = violations(page, axe_js)
        if found:
            problems[path or "/"] = describe(found)
        assert page.get_attribute("html", "lang") == "da", path
        english = english_text(page)
        assert not english, f"{path}: engelsk tekst {english}"
        statement = page.locator("footer a", has_text="Tilgængelighedserklæring")
        assert statement.count() == 1, f"{path}: ingen link til tilgængelighedserklæringen i sidefoden"
        assert statement.first.is_visible(), path
    assert not problems, "\n\n".join(f"== {p}\n{d}" for p, d in problems.items())


@pytest.mark.parametrize("width,height", WIDTHS, ids=["360px", "1280px"])
def test_no_axe_violations_on_the_readers_list_filled_and_shared(page_factory, served_shipped, shipped, axe_js,
                                                                  width, height):
    """/min-liste/ with entries of two kinds (the reader's own, with its move/remove buttons and a missing id's
    notice), and a shared list with the question before it replaces the reader's own."""
    page = page_factory(width, height)
    ideas, courses = shipped.of_kind("ideas"), shipped.of_kind("courses")
    own = [ideas[0].id, courses[0].id, ideas[1].id, "findes-ikke-mere"]
    page.goto(served_shipped.url + "min-liste/")
    page.evaluate("ids => localStorage.setItem('almenviden.minListe.v1', JSON.stringify(ids))", own)
    problems = {}
    for path, ready in (("min-liste/", ".av-ml-missing"), (f"min-liste/?poster={courses[1].id},<b>", ".av-ml-keep")):
        page.goto(served_shipped.url + path)
        page.wait_for_selector(ready)
        if "poster" in path:
            page.click(".av-ml-keep")  # the reader's own list is not empty: the question is shown
            page.wait_for_selector(".av-ml-confirm")
        found = violations(page, axe_js)
        if found:
            problems[path] = describe(found)
        assert not english_text(page), path
    assert not problems, "\n\n".join(f"== {p}\n{d}" for p, d in problems.items())


@pytest.mark.parametrize("width,height", WIDTHS, ids=["360px", "1280px"])
def test_no_axe_violations_on_the_offline_front_page(chromium, offline_copy, axe_js, width, height):
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="da-DK")
    try:
        context.route(lambda url: not url.startswith("file:"), lambda route: route.abort())
        page = context.new_page()
        page.goto((offline_copy.root / "index.html").as_uri())
        found = violations(page, axe_js)
        assert not found, describe(found)
        assert page.get_attribute("html", "lang") == "da"
        assert not english_text(page)
    finally:
        context.close()


FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) || s.boxShadow !== 'none';
  return {tag: el.tagName, text: (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40),
          ring, visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden',
          hidden: Boolean(el.closest('[aria-hidden=true]'))};
}"""


@pytest.mark.parametrize("path", ["", "ideer/", "kurser/godt-afdelingsmoede/"])
def test_every_tab_stop_is_visible_and_shows_a_focus_ring(page_factory, served_shipped, path):
    page = page_factory(1280, 900)
    page.goto(served_shipped.url + path)
    settle(page, path)
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            break
        seen.append(state)
        assert state["visible"] and not state["hidden"], f"{path}: usynligt fokus på {state}"
        assert state["ring"], f"{path}: ingen synlig fokusmarkering på {state}"
    assert len(seen) >= 10, seen


def test_the_online_build_opened_from_disk_says_search_needs_the_offline_copy(chromium, served_shipped):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="da-DK")
    try:
        context.route(lambda url: not url.startswith("file:"), lambda route: route.abort())
        page = context.new_page()
        page.goto((served_shipped.root / "soeg" / "index.html").as_uri() + "?q=kompost")
        status = page.locator(".av-cat__status")
        page.wait_for_function("() => document.querySelector('.av-cat__status').textContent.includes('disken')")
        assert "offline-kopien" in status.inner_text() and "genindlæse" not in status.inner_text()
        page.fill("#av-search-input", "kompost")
        box = page.locator("[data-av-search-status]")
        page.wait_for_function("() => document.querySelector('[data-av-search-status]').textContent.includes('disken')")
        assert "almenviden offline" in box.inner_text() and "genindlæse" not in box.inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("width,height", WIDTHS, ids=["360px", "1280px"])
def test_no_axe_violations_on_the_contribution_form(page_factory, served_shipped, axe_js, width, height):
    """/bidrag/ empty, with each kind's form (a row in every list), with its errors shown and with the file."""
    page = page_factory(width, height)
    # Material's "back to top" button fades in when the page scrolls (here: to the error summary); axe would
    # measure its colours half-way through the fade. Without transitions it measures them as they end up.
    # A constructed style sheet: the pages' Content-Security-Policy (style-src 'self') refuses a <style> element.
    page.add_init_script("addEventListener('DOMContentLoaded', () => { const s = new CSSStyleSheet();"
                         " s.replaceSync('*, *::before, *::after { transition: none !important; }');"
                         " document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; });")
    page.goto(served_shipped.url + "bidrag/")
    page.evaluate("localStorage.clear()")
    page.reload()
    problems = {"tom": violations(page, axe_js)}
    for kind in ("ideas", "courses", "recommendations", "guides"):
        page.check(f'input[name="bidrag-kind"][value="{kind}"]')
        while page.locator("#bidrag-fields .av-field--list:not(:has(.av-row)) > .av-row-add").count():
            page.locator("#bidrag-fields .av-field--list:not(:has(.av-row)) > .av-row-add").first.click()
        problems[kind] = violations(page, axe_js)
        page.locator("#bidrag-submit").click()
        problems[kind + " med fejl"] = violations(page, axe_js)
        assert page.locator("#bidrag-errors li").count() > 0
    page.evaluate("localStorage.clear()")
    page.goto(served_shipped.url + "ideer/faelles-kompost/")
    page.get_by_role("link", name="Ret i formularen").click()
    page.locator("#bidrag-submit").click()
    assert page.locator("#bidrag-yaml").is_visible()
    problems["med filen"] = violations(page, axe_js)
    problems = {k: describe(v) for k, v in problems.items() if v}
    assert not problems, "\n\n".join(f"== {p}\n{d}" for p, d in problems.items())
