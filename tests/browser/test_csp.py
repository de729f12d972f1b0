"""The Content-Security-Policy in Chromium (issue 16): on every page type, served and offline from file://, no
violation is reported and search still works; an inline script injected into a page does not run."""

from __future__ import annotations

import shutil

import pytest

from av_ui import header_search
from test_accessibility import page_paths, settle
from test_offline import Offline

pytestmark = pytest.mark.browser

# Every violation the page reports, from before its first script runs.
WATCH = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  e.effectiveDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '') + ' @ ' + e.sourceFile), true);"""
IN_PAGE = "[...document.scripts].some(s => s.textContent.includes('__pwned = \"inline\"'))"
POLICY = "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')?.content || ''"
QUERY = "bestyrelse"
# What an attacker's markup would try, three ways: an inline script in the page, a script element made by
# code, an inline event handler.
INJECTED = '<script>window.__pwned = "inline";</script>'
ADD_SCRIPT = """() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = "added";';
  document.body.appendChild(s); }"""
ADD_HANDLER = """() => { const i = document.createElement('img'); i.setAttribute('onerror', 'window.__pwned = "handler"');
  i.src = 'data:,not-an-image'; document.body.appendChild(i); }"""


def _script_sources(policy_text: str) -> list[str]:
    (script_src,) = [p.split()[1:] for p in policy_text.split(";") if p.split()[:1] == ["script-src"]]
    return script_src


def _check_page(page, where: str, offline: bool = False):
    policy_text = page.evaluate(POLICY)
    sources = _script_sources(policy_text)
    assert sources[0] == "'self'" and ("file:" in sources) == offline, (where, policy_text)
    assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, (where, policy_text)
    assert header_search(page, QUERY), f"{where}: søgningen fandt intet"
    assert page.evaluate("window.__cspViolations") == [], where


def test_no_violation_on_any_page_type_and_search_works(page_factory, served_shipped, shipped):
    page = page_factory()
    page.context.add_init_script(WATCH)
    for path in page_paths(shipped):
        page.goto(served_shipped.url + path)
        settle(page, path)
        _check_page(page, path)


def _attack(page):
    """Try the two ways of running code from within the page; wait until the three attempts are reported."""
    page.evaluate(ADD_SCRIPT)
    page.evaluate(ADD_HANDLER)
    page.wait_for_function("window.__cspViolations.length >= 3")
    assert page.evaluate("window.__pwned") is None
    blocked = page.evaluate("window.__cspViolations")
    assert all(v.startswith("script-src") for v in blocked), blocked


def test_an_injected_inline_script_is_blocked(page_factory, served_shipped, shipped):
    page = page_factory()
    page.context.add_init_script(WATCH)
    path = f"ideer/{shipped.of_kind('ideas')[0].id}/"

    def inject(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("</h1>", "</h1>" + INJECTED, 1))

    page.route(served_shipped.url + path, inject)
    page.goto(served_shipped.url + path)
    assert page.evaluate(IN_PAGE)  # it is in the page, and does not run
    _attack(page)
    assert header_search(page, QUERY)  # the site's own scripts still run


def test_offline_copy_no_violation_search_works_and_injected_code_is_blocked(chromium, offline_copy, shipped,
                                                                            tmp_path):
    root = tmp_path / "kopi"
    shutil.copytree(offline_copy.root, root)  # a copy: one of its pages gets an injected script
    entries = [f"{kind_dir}/{shipped.of_kind(kind)[0].id}/index.html"
               for kind, kind_dir in (("ideas", "ideer"), ("courses", "kurser"),
                                      ("recommendations", "anbefalinger"), ("guides", "introforloeb"))]
    paths = ["index.html", "ideer/index.html", "kurser/index.html", "anbefalinger/index.html",
             "introforloeb/index.html", *entries, "soeg/index.html", "tilgaengelighed/index.html"]
    copy = Offline(chromium, root)
    try:
        copy.context.add_init_script(WATCH)
        for path in paths:
            copy.page.goto(copy.url(path))
            _check_page(copy.page, path, offline=True)
        attacked = root / entries[0]
        attacked.write_text(attacked.read_text(encoding="utf-8").replace("</h1>", "</h1>" + INJECTED, 1),
                            encoding="utf-8")
        copy.page.goto(copy.url(entries[0]))
        assert copy.page.evaluate(IN_PAGE)
        _attack(copy.page)
        assert header_search(copy.page, QUERY)
    finally:
        copy.close()
    assert not copy.errors, copy.errors
    assert copy.attempted == [], f"Offline-kopien spurgte: {copy.attempted}"
