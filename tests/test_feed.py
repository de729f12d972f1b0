"""The Atom feed (issue 16, §4): /feed.xml parsed with the standard library's XML parser and checked against
RFC 4287's required elements; newest `updated` first, at most 50; hostile titles stay text; relative links
(no site_url) resolve to the built pages; absolute ones with site_url; every page type links to it in <head>."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from almenviden.sitebuild.host import SiteSettings
from almenviden.sitebuild.pipeline import build_site
from almenviden.content.kinds import KINDS
from almenviden.render.feed import atom_feed

from conftest import FIXTURES, make_catalogue
from test_core_without_mkdocs import MemoryHost

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
# The Atom elements a feed and an entry may hold (RFC 4287 §4.1.1, §4.1.2): nothing else may appear.
FEED_CHILDREN = {"author", "category", "contributor", "generator", "icon", "id", "link", "logo", "rights",
                 "subtitle", "title", "updated", "entry"}
ENTRY_CHILDREN = {"author", "category", "content", "contributor", "id", "link", "published", "rights", "source",
                  "summary", "title", "updated"}


def parse(data: bytes) -> ET.Element:
    root = ET.fromstring(data)
    assert root.tag == A + "feed"
    return root


def check_atom(feed: ET.Element) -> list[ET.Element]:
    """RFC 4287's rules for what must be there; returns the entries."""
    for name in ("id", "title", "updated"):
        assert len(feed.findall(A + name)) == 1, f"feed needs exactly one atom:{name}"
        assert (feed.find(A + name).text or "").strip(), name
    assert RFC3339.fullmatch(feed.find(A + "updated").text)
    assert urlsplit(feed.find(A + "id").text).scheme, "atom:id must be an IRI"
    assert {c.tag.removeprefix(A) for c in feed} <= FEED_CHILDREN
    self_links = [link for link in feed.findall(A + "link") if link.get("rel") == "self"]
    assert len(self_links) == 1 and self_links[0].get("href").endswith("feed.xml")
    assert any(link.get("rel") == "alternate" for link in feed.findall(A + "link"))
    feed_has_author = feed.find(A + "author/" + A + "name") is not None
    entries = feed.findall(A + "entry")
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(A + name)) == 1, f"entry needs exactly one atom:{name}"
        assert RFC3339.fullmatch(entry.find(A + "updated").text)
        if entry.find(A + "published") is not None:
            assert RFC3339.fullmatch(entry.find(A + "published").text)
        assert {c.tag.removeprefix(A) for c in entry} <= ENTRY_CHILDREN
        alternates = [link for link in entry.findall(A + "link") if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == 1 and alternates[0].get("href")
        # Without atom:content an entry must have an alternate link and a summary (§4.1.1.1, §4.1.2).
        assert entry.find(A + "summary") is not None
        assert feed_has_author or entry.find(A + "author/" + A + "name") is not None
    ids = [e.find(A + "id").text for e in entries]
    assert len(set(ids)) == len(ids), "entry ids must be unique"
    return entries


def test_built_feed_is_atom_newest_first_with_links_to_the_pages(small_site):
    feed = parse((small_site / "feed.xml").read_bytes())
    entries = check_atom(feed)
    # The five entries of tests/fixtures/small, newest `updated` first (dates read off the fixture files).
    titles = [e.find(A + "title").text for e in entries]
    assert titles[0] == "Idé med <b>HTML</b> i titlen"  # updated 2024-08-04: the newest; its markup is text
    assert titles[-1] == "Gammel idé der skal gennemgås"  # updated 2021-03-05: the oldest
    assert sorted(titles[1:4]) == ["Kort kursus", "Test-anbefaling", "Test-forløb"]  # all updated 2023-06-01
    updated = [e.find(A + "updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    hostile = entries[0]
    assert hostile.find(A + "published").text == "2023-01-02T00:00:00Z"  # created: 2023-01-02
    assert hostile.find(A + "summary").text.startswith("Prøv {{ config.site_name }}")
    # No site_url: relative links, resolved against the feed's own address (the site's root).
    feed_url = "https://example.org/undermappe/feed.xml"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}base") is None
    for entry in entries:
        href = entry.find(A + "link").get("href")
        assert not urlsplit(href).scheme and not href.startswith("/"), href
        target = urljoin(feed_url, href)
        assert target.startswith("https://example.org/undermappe/")
        assert (small_site / urlsplit(target).path.removeprefix("/undermappe/") / "index.html").is_file(), href
    self_href = next(link.get("href") for link in feed.findall(A + "link") if link.get("rel") == "self")
    assert urljoin(feed_url, self_href) == feed_url


def test_at_most_fifty_and_the_newest(shipped):
    feed = parse(atom_feed(shipped, site_name="almenviden", site_url=None, directory_urls=True))
    entries = check_atom(feed)
    assert len(shipped.entries) > 50  # the shipped catalogue is large enough to show the limit
    assert len(entries) == 50
    newest = sorted((e.updated for e in shipped.entries.values()), reverse=True)[:50]
    assert [e.find(A + "updated").text for e in entries] == [f"{d.isoformat()}T00:00:00Z" for d in newest]
    assert feed.find(A + "updated").text == f"{newest[0].isoformat()}T00:00:00Z"


def test_hostile_titles_and_summaries_stay_text(hostile):
    catalogue = hostile.model
    data = atom_feed(catalogue, site_name="almenviden <x>&", site_url=None, directory_urls=True)
    feed = parse(data)
    entries = check_atom(feed)
    assert feed.find(A + "title").text == "almenviden <x>&: nye og opdaterede sider"
    by_link = {e.find(A + "link").get("href"): e for e in entries}
    checked = 0
    for entry in catalogue.entries.values():
        item = by_link.get(f"{KINDS[entry.kind].url_dir}/{entry.id}/")
        if item is None:  # not among the 50 newest
            continue
        # What a feed reader gets back is the text, character for character (XML-illegal characters aside).
        assert item.find(A + "title").text == _xml_safe(entry.title)
        assert item.find(A + "summary").text == _xml_safe(entry.summary)
        assert list(item.find(A + "title")) == [] and list(item.find(A + "summary")) == []  # no child elements
        checked += 1
    assert checked == len(entries) > 0


def _xml_safe(text: str) -> str:
    return re.sub("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "\ufffd", text)


def test_with_site_url_the_links_are_absolute_and_the_ids_do_not_change(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    sites = {}
    for name, url in (("hosted", "https://example.org/almenviden/"), ("elsewhere", None)):
        host = MemoryHost(SiteSettings(catalogue_dir=catalogue, site_dir=tmp_path / name, directory_urls=True,
                                       cache_dir=None, quiet=True, site_url=url))
        build_site(host, today=date(2026, 12, 2))
        sites[name] = parse((tmp_path / name / "feed.xml").read_bytes())
    hosted = sites["hosted"]
    entries = check_atom(hosted)
    assert hosted.get("{http://www.w3.org/XML/1998/namespace}base") == "https://example.org/almenviden/"
    for entry in entries:
        assert entry.find(A + "link").get("href").startswith("https://example.org/almenviden/")
    assert next(link.get("href") for link in hosted.findall(A + "link") if link.get("rel") == "self") == \
        "https://example.org/almenviden/feed.xml"
    ids = lambda feed: [e.find(A + "id").text for e in feed.findall(A + "entry")]  # noqa: E731
    assert ids(hosted) == ids(sites["elsewhere"])
    assert all(i.startswith("urn:uuid:") for i in ids(hosted))


class _HeadLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.feeds: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "link" and a.get("rel") == "alternate" and a.get("type") == "application/atom+xml":
            assert self.in_head
            assert a.get("title")
            self.feeds.append(a["href"])


@pytest.mark.parametrize("page", ["index.html", "ideer/index.html", "ideer/hostile-idea/index.html",
                                  "kurser/kort-kursus/index.html", "anbefalinger/test-anbefaling/index.html",
                                  "introforloeb/test-forloeb/index.html", "introforloeb/test-forloeb--print/index.html",
                                  "soeg/index.html", "om/index.html", "tilgaengelighed/index.html"])
def test_every_page_type_links_to_the_feed_in_its_head(small_site, page):
    parser = _HeadLinks()
    parser.feed((small_site / page).read_text(encoding="utf-8"))
    assert len(parser.feeds) == 1, parser.feeds
    url = urljoin("https://example.org/x/" + page, parser.feeds[0])
    assert url == "https://example.org/x/feed.xml"


def test_every_html_page_of_the_site_links_to_the_feed(small_site):
    missing = [p.relative_to(small_site).as_posix() for p in small_site.rglob("*.html")
               if "pagefind" not in p.parts and 'type="application/atom+xml"' not in p.read_text(encoding="utf-8")]
    assert missing == []


def test_the_offline_copy_keeps_the_feed_with_links_to_its_html_files(offline_copy):
    feed = parse((offline_copy.root / "feed.xml").read_bytes())
    for entry in check_atom(feed):
        href = entry.find(A + "link").get("href")
        assert href.endswith(".html") and (offline_copy.root / href).is_file(), href


def test_characters_xml_cannot_carry_do_not_break_the_feed(shipped):
    # check refuses control characters in a catalogue file; the feed does not rely on it.
    import dataclasses

    newest = max(shipped.entries.values(), key=lambda e: (e.updated, e.created))
    odd = dataclasses.replace(newest, title="Før\x0b\x1fefter\ufffe <&>", summary="a\x00b")
    catalogue = dataclasses.replace(shipped, entries={**shipped.entries, newest.id: odd})
    feed = parse(atom_feed(catalogue, site_name="almenviden", site_url=None, directory_urls=True))
    titles = [e.find(A + "title").text for e in check_atom(feed)]
    assert "Før\ufffd\ufffdefter\ufffd <&>" in titles
