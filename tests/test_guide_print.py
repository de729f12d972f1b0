"""A guide printed whole (issue 16, §3): introforloeb/<id>--print/ holds the guide and then every step's entry, in order, each
with the step's why, when and minutes, and each step's article is the one its own page shows; the guide page
links to it and it links back; it is not in the search index; a change to a step's entry reaches it through
the cache."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

from almenviden.sitebuild.host import SiteSettings
from almenviden.sitebuild.pipeline import build_site

from conftest import FIXTURES, make_catalogue
from test_core_without_mkdocs import MemoryHost, _fragments

GUIDE = "introforloeb/test-forloeb/index.html"
PRINT = "introforloeb/test-forloeb--print/index.html"
# tests/fixtures/small/guides/test-forloeb.yaml, read off the file: the steps in order.
STEPS = [("Kort kursus", "For at lære", "Første måned", 90),
         ("Idé med <b>HTML</b> i titlen", "For at møde naboerne", "Første kvartal", 60)]
ARTICLE = re.compile(r'<article class="av-entry[^"]*".*?</article>', re.S)
STEP_START = '<section class="av-print-step"'


def step_sections(page: str) -> list[str]:
    """Each step's part of the print view (from its <section> to the next; the articles have sections too)."""
    return page.split(STEP_START)[1:]


def text(fragment: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def title_of(article: str) -> str:
    return text(re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S).group(1))


def test_print_view_has_the_guide_then_every_steps_entry_in_order(small_site):
    page = (small_site / PRINT).read_text(encoding="utf-8")
    articles = ARTICLE.findall(page)
    assert [title_of(a) for a in articles] == ["Test-forløb"] + [s[0] for s in STEPS]
    sections = step_sections(page)
    assert len(sections) == len(STEPS)
    for number, (section, (title, why, when, minutes)) in enumerate(zip(sections, STEPS), 1):
        about = text(section.split("<article", 1)[0])
        assert f"Trin {number} af {len(STEPS)}" in about
        assert f"Hvorfor: {why}" in about and f"Hvornår: {when}" in about and f"ca. {minutes} minutter" in about
        assert title_of(section) == title


def test_each_steps_article_is_the_one_its_own_page_shows(small_site):
    page = (small_site / PRINT).read_text(encoding="utf-8")
    for section, path in zip(step_sections(page), ["kurser/kort-kursus/index.html", "ideer/hostile-idea/index.html"]):
        (own,) = ARTICLE.findall((small_site / path).read_text(encoding="utf-8"))
        (printed,) = ARTICLE.findall(section)
        # the same article, less "Ret i formularen" and its data block, which belong to the entry's own page
        assert "Ret i formularen" in own and "bidrag-data" in own
        assert "Ret i formularen" not in printed and "bidrag-data" not in printed
        own_without_form = re.sub(r'<p class="av-edit-form">.*?</script>', "", own, flags=re.S)
        assert text(printed) == text(own_without_form)
        assert len(text(own)) > 200  # the whole article: body, sections, facts, sources


def test_ids_are_unique_and_links_resolve(small_site):
    page = (small_site / PRINT).read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for href in re.findall(r'href="#([^"]+)"', page):
        assert href in ids, href
    base = "https://example.org/" + PRINT
    for href in re.findall(r'href="(\.\.[^"#?]*)', page):  # the links to entries, listings and assets
        target = urljoin(base, html.unescape(href)).removeprefix("https://example.org/")
        assert (small_site / target).is_file() or (small_site / target / "index.html").is_file(), href


def test_guide_page_links_to_the_print_view_and_back(small_site):
    guide = (small_site / GUIDE).read_text(encoding="utf-8")
    (link,) = re.findall(r'<a href="([^"]+)">Print hele forløbet</a>', guide)
    assert urljoin("https://example.org/" + GUIDE, link) == "https://example.org/introforloeb/test-forloeb--print/"
    page = (small_site / PRINT).read_text(encoding="utf-8")
    (back,) = re.findall(r'<a href="([^"]+)">Tilbage til forløbet</a>', page)
    assert urljoin("https://example.org/" + PRINT, back) == "https://example.org/introforloeb/test-forloeb/"
    assert 'data-av-print hidden' in page  # the button appears when print.js runs (tests/browser)
    assert "Print hele forløbet" not in page  # no link to itself
    assert "<title>Test-forløb: hele forløbet til print" in page


def test_the_print_view_and_the_links_to_it_are_not_in_the_search_index(small_site):
    records = _fragments(small_site / "pagefind")
    guide = next(r for u, r in records.items() if u.rstrip("/").endswith("introforloeb/test-forloeb"))
    assert "ca. 60 minutter" in guide["content"]  # the steps are there
    assert not [u for u in records if "--print" in u]
    # The links to the print view and for feedback are not text of the entries.
    assert not [u for u, r in records.items() if "Print hele" in r["content"] or "Giv besked" in r["content"]]


def _build(catalogue: Path, site: Path, cache: Path, directory_urls: bool = True) -> MemoryHost:
    host = MemoryHost(SiteSettings(catalogue_dir=catalogue, site_dir=site, directory_urls=directory_urls,
                                   cache_dir=cache, quiet=True))
    build_site(host, today=date(2026, 12, 2))
    return host


def test_a_change_to_a_steps_entry_reaches_the_print_view_through_the_cache(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    cache = tmp_path / "cache"
    _build(catalogue, tmp_path / "one", cache)
    first = (tmp_path / "one" / PRINT).read_text(encoding="utf-8")
    course = catalogue / "courses" / "kort-kursus.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("body: Kursustekst.",
                                                                 "body: Helt ny kursustekst fra testen."),
                      encoding="utf-8")
    _build(catalogue, tmp_path / "two", cache)
    second = (tmp_path / "two" / PRINT).read_text(encoding="utf-8")
    assert "Helt ny kursustekst fra testen." not in first
    assert "Helt ny kursustekst fra testen." in second
    assert "Helt ny kursustekst fra testen." in (tmp_path / "two" / "kurser/kort-kursus/index.html").read_text(
        encoding="utf-8")


def test_without_directory_urls_the_print_view_is_an_html_file_beside_the_others(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    site = tmp_path / "site"
    _build(catalogue, site, None, directory_urls=False)
    page = (site / "introforloeb/test-forloeb--print.html").read_text(encoding="utf-8")
    assert [title_of(a) for a in ARTICLE.findall(page)] == ["Test-forløb"] + [s[0] for s in STEPS]
    guide = (site / "introforloeb/test-forloeb.html").read_text(encoding="utf-8")
    assert '<a href="test-forloeb--print.html">Print hele forløbet</a>' in guide
    entry_links = re.findall(r'href="(\.\./(?:ideer|kurser|anbefalinger|introforloeb)/(?!index)[a-z0-9-]+\.html)', page)
    assert len(entry_links) >= len(STEPS)  # this host has no hand-written pages: the links to entries
    for href in entry_links:
        assert (site / urljoin("introforloeb/test-forloeb--print.html", html.unescape(href))).is_file(), href
