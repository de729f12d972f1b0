"""The reader's list, "min liste" (issue 16, part 1), in Chromium on the served site and on the unzipped offline
copy (file://): add three entries of two kinds (from entry pages and from a catalogue card), see the header
count, open the list, reorder and remove with the keyboard, open the share link in a fresh browser and keep it,
print the list to PDF and find every entry's content in it, and name ids that do not exist. Every request to
another host is aborted and fails the test."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from urllib.parse import urlsplit

import pytest

from almenviden.danish.dates import danish_date

from av_ui import settled

pytestmark = pytest.mark.browser

STORAGE_KEY = "almenviden.minListe.v1"
KIND_DIRS = {"ideas": "ideer", "courses": "kurser", "recommendations": "anbefalinger", "guides": "introforloeb"}


class Target:
    """One built site as a reader opens it: served over HTTP (directory URLs) or the offline copy (file://).
    Every browser context it makes aborts and records requests to anything else."""

    def __init__(self, chromium, base: str, directory_urls: bool):
        self.chromium = chromium
        self.base = base
        self.directory_urls = directory_urls
        self.contexts = []
        self.foreign: list[str] = []
        self.errors: list[str] = []

    def url(self, path: str) -> str:
        """"min-liste" or "ideer/x" -> the page's URL on this site."""
        if self.directory_urls:
            return self.base + (path + "/" if path else "")
        # the offline copy is the built site with its folder links written out as .../index.html
        return self.base + (path + "/" if path else "") + "index.html"

    def entry(self, entry) -> str:
        return self.url(f"{KIND_DIRS[entry.kind]}/{entry.id}")

    def listing(self, kind_dir: str) -> str:
        return self.url(kind_dir)

    def page(self, width: int = 1280, height: int = 900):
        context = self.chromium.new_context(viewport={"width": width, "height": height}, locale="da-DK",
                                            service_workers="block")
        self.contexts.append(context)
        context.route(lambda url: not url.startswith((self.base, "data:", "blob:")), self._abort)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        return page

    def _abort(self, route):
        self.foreign.append(route.request.url)
        route.abort()

    def close(self):
        for context in self.contexts:
            context.close()
        assert not self.errors, self.errors
        assert not self.foreign, f"Sitet spurgte andre værter: {self.foreign}"


@pytest.fixture(params=["served", "offline"])
def target(request, chromium):
    if request.param == "served":
        site = request.getfixturevalue("served_shipped")
        t = Target(chromium, site.url, directory_urls=True)
    else:
        copy = request.getfixturevalue("offline_copy")
        t = Target(chromium, copy.root.as_uri() + "/", directory_urls=False)
    yield t
    t.close()


def stored(page) -> list[str]:
    return json.loads(page.evaluate(f"localStorage.getItem({STORAGE_KEY!r}) || '[]'"))


def header_name(page) -> str:
    return page.get_attribute("[data-av-list-link]", "aria-label")


def listed_ids(page) -> list[str]:
    page.wait_for_selector(".av-ml-status", state="attached")
    return page.eval_on_selector_all("[data-av-list-item]", "lis => lis.map(li => li.dataset.avListItem)")


def wait_for_list(page, count: int):
    page.wait_for_function("n => document.querySelectorAll('[data-av-list-item]').length === n", arg=count)


def pdf_text(pdf: bytes, tmp_path) -> list[str]:
    """The PDF's text per page (poppler's pdftotext), white space collapsed."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) mangler"
    path = tmp_path / "liste.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(p.split()) for p in out.split("\f")]


def content_of(entry) -> list[str]:
    """Texts of an entry that only its full article has (not the list's title and summary)."""
    texts = []
    details = entry.details
    for field in ("steps", "objectives", "recommendations"):
        items = getattr(details, field, None)
        if items:
            last = items[-1]
            texts.append(last if isinstance(last, str) else getattr(last, "text", None) or getattr(last, "title"))
    if entry.sources:
        texts.append(entry.sources[-1].title)
    return [" ".join(t.split()) for t in texts if t]


def three_entries(shipped):
    """Two ideas (one added from its page, one from a catalogue card) and a course."""
    ideas, courses = shipped.of_kind("ideas"), shipped.of_kind("courses")
    return ideas[0], courses[0]


def test_reader_builds_shares_and_prints_a_list(target, shipped, tmp_path):
    idea, course = three_entries(shipped)
    page = target.page()

    # From two entry pages: a real button with aria-pressed, the header count follows.
    page.goto(target.entry(idea))
    add = page.get_by_role("button", name="Føj til min liste")
    assert add.get_attribute("aria-pressed") == "false"
    assert header_name(page) == "Min liste, 0 poster"
    add.click()
    toggle = page.locator(f"button[data-av-list-id='{idea.id}']")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert toggle.inner_text() == "Fjern fra min liste"
    assert header_name(page) == "Min liste, 1 post"
    page.goto(target.entry(course))
    page.get_by_role("button", name="Føj til min liste").click()
    assert header_name(page) == "Min liste, 2 poster"

    # From a card of the catalogue browser (rendered by catalogue.js after the page loaded).
    page.goto(target.listing("ideer"))
    settled(page)
    card_buttons = page.locator("[data-av-catalogue] .av-card button[data-av-list-id]")
    card_buttons.first.wait_for()
    assert page.locator(f"[data-av-catalogue] .av-card button[data-av-list-id='{idea.id}'][aria-pressed=true]").count() == 1
    card = page.locator(f"[data-av-catalogue] .av-card button[data-av-list-id]:not([data-av-list-id='{idea.id}'])").first
    third_id = card.get_attribute("data-av-list-id")
    card_title = card.evaluate("b => b.closest('.av-card').querySelector('.av-card-title').textContent").strip()
    assert card.evaluate("b => b.textContent") == f"Føj til min liste: {card_title}"
    card.click()
    assert card.get_attribute("aria-pressed") == "true"
    assert header_name(page) == "Min liste, 3 poster"
    third = shipped.entries[third_id]
    assert third.kind == "ideas" and third.title == card_title
    expected = [idea.id, course.id, third_id]
    assert stored(page) == expected

    # The header link opens the list: title, kind, summary and link of each, in the order added.
    page.click("[data-av-list-link]")
    wait_for_list(page, 3)
    assert listed_ids(page) == expected
    for entry in (idea, course, third):
        item = page.locator(f"[data-av-list-item='{entry.id}']")
        assert item.locator(".av-ml-title").inner_text() == entry.title
        assert item.locator(".av-ml-summary").inner_text() == " ".join(entry.summary.split())
        assert item.locator(".av-ml-kind").inner_text().casefold() == \
            {"ideas": "idé", "courses": "kursus"}[entry.kind]
        href = item.locator(".av-ml-title a").get_attribute("href")
        assert href == target.entry(entry), href

    # Reorder with the keyboard: focus stays on the moved entry's button, the move is announced.
    page.locator(f"[data-av-list-item='{idea.id}'] .av-ml-down").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("id => document.querySelector('[data-av-list-item]').dataset.avListItem !== id",
                           arg=idea.id)
    expected = [course.id, idea.id, third_id]
    assert listed_ids(page) == expected and stored(page) == expected
    focused = page.evaluate("document.activeElement.closest('[data-av-list-item]').dataset.avListItem + ' ' + "
                            "document.activeElement.className")
    assert focused.startswith(idea.id + " ") and "av-ml-down" in focused
    page.wait_for_function("() => document.querySelector('.av-ml-status').textContent.includes('plads 2 af 3')")
    assert page.get_attribute(".av-ml-status", "role") == "status"
    page.keyboard.press("Shift+Tab")  # to "Flyt op" of the same entry
    page.keyboard.press("Space")
    page.wait_for_function("id => document.querySelector('[data-av-list-item]').dataset.avListItem === id",
                           arg=idea.id)
    expected = [idea.id, course.id, third_id]
    assert listed_ids(page) == expected and stored(page) == expected

    # The share link carries the list; a fresh browser shows the same entries and keeps them on request.
    share = page.input_value("#av-ml-share-url")
    assert urlsplit(share).query == "poster=" + ",".join(expected)
    assert share.startswith(target.url("min-liste"))
    fresh = target.page()
    fresh.goto(share)
    wait_for_list(fresh, 3)
    assert listed_ids(fresh) == expected
    assert stored(fresh) == []  # shown, not yet kept
    assert fresh.locator(".av-ml-up").count() == 0  # a shared list is read, not edited
    fresh.get_by_role("button", name="Gem som min liste").click()
    fresh.wait_for_function(f"() => JSON.parse(localStorage.getItem({STORAGE_KEY!r}) || '[]').length === 3")
    assert stored(fresh) == expected
    assert header_name(fresh) == "Min liste, 3 poster"
    assert "poster=" not in fresh.url
    assert fresh.locator(".av-ml-up").count() == 3

    # Print: a cover with the meeting's title, today's date and the numbered list, then every entry in full,
    # each on a page of its own, without the site's navigation.
    page.fill("#av-ml-meeting", "Bestyrelsesmøde (testdata)")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".md-footer").is_hidden()
    assert page.locator(".av-ml-screen").is_hidden()
    pages = pdf_text(page.pdf(), tmp_path)
    cover = pages[0]
    assert "Bestyrelsesmøde (testdata)" in cover
    assert danish_date(date.today()) in cover
    everything = " ".join(pages)
    assert "Flyt op" not in everything and "Min liste" not in everything and "Føj til" not in everything
    assert "Ret i formularen" not in everything and "Giv besked om siden" not in everything  # page-only links
    assert page.url not in everything  # links within the site are not printed out
    at = 0
    for number, entry in enumerate((idea, course, third), start=1):
        assert f"{number}. {' '.join(entry.title.split())}" in cover.replace(f"{number}.  ", f"{number}. ")
        start = next(i for i in range(at + 1, len(pages)) if " ".join(entry.title.split()) in pages[i])
        at = start
        rest = " ".join(pages[start:])
        for text in content_of(entry):
            assert text in rest, (entry.id, text)
    page.emulate_media(media="screen")

    # Remove with the keyboard: focus goes to the next entry's "Fjern", the header follows.
    page.locator(f"[data-av-list-item='{idea.id}'] .av-ml-remove").focus()
    page.keyboard.press("Enter")
    wait_for_list(page, 2)
    assert stored(page) == [course.id, third_id]
    assert page.evaluate("document.activeElement.closest('[data-av-list-item]').dataset.avListItem") == course.id
    assert header_name(page) == "Min liste, 2 poster"
    page.wait_for_function("() => document.querySelector('.av-ml-status').textContent.includes('fjernet')")


def test_header_count_follows_other_tabs_and_damaged_storage_is_an_empty_list(target, shipped):
    idea, course = three_entries(shipped)
    first = target.page()
    first.goto(target.url(""))
    first.evaluate(f"localStorage.setItem({STORAGE_KEY!r}, '[\"{idea.id}\", 17, {{')")  # damaged JSON
    first.reload()
    assert header_name(first) == "Min liste, 0 poster"
    second = first.context.new_page()
    second.on("pageerror", lambda exc: target.errors.append(str(exc)))
    second.goto(target.entry(course))
    second.get_by_role("button", name="Føj til min liste").click()
    first.wait_for_function("() => document.querySelector('[data-av-list-link]').getAttribute('aria-label') === "
                            "'Min liste, 1 post'")
    assert first.locator("[data-av-list-count]").inner_text() == "1"


def test_a_shared_list_never_replaces_the_readers_own_list_unasked(target, shipped):
    idea, course = three_entries(shipped)
    page = target.page()
    page.goto(target.entry(course))
    page.get_by_role("button", name="Føj til min liste").click()
    page.goto(target.url("min-liste") + f"?poster={idea.id}")
    wait_for_list(page, 1)
    assert listed_ids(page) == [idea.id]
    page.get_by_role("button", name="Gem som min liste").click()
    assert "1 post" in page.locator(".av-ml-confirm").inner_text()
    assert stored(page) == [course.id]
    page.get_by_role("button", name="Annullér").click()
    assert stored(page) == [course.id]
    page.get_by_role("button", name="Gem som min liste").click()
    page.get_by_role("button", name="Ja, erstat min liste").click()
    page.wait_for_function(f"() => localStorage.getItem({STORAGE_KEY!r}) === '[\"{idea.id}\"]'")
    page.goto(target.url("min-liste"))
    wait_for_list(page, 1)
    assert listed_ids(page) == [idea.id]


def test_ids_that_do_not_exist_are_named_and_hostile_links_are_text_or_refused(target, shipped):
    idea, _ = three_entries(shipped)
    page = target.page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(target.url("min-liste") + f"?poster={idea.id},findes-ikke-mere")
    wait_for_list(page, 1)
    page.wait_for_selector(".av-ml-missing")
    assert "Denne post findes ikke længere: findes-ikke-mere" in page.inner_text(".av-ml-missing")

    markup = "<img src=x onerror=alert(1)>"
    page.goto(target.url("min-liste") + "?poster=" + idea.id + ",%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    wait_for_list(page, 1)
    assert markup in page.inner_text(".av-ml-notices")
    assert page.locator(".av-ml-notices img").count() == 0

    for count, message in ((10_000, "for langt"), (150, "højst have 100 poster")):
        page.goto(target.url("min-liste") + "?poster=" + ",".join(f"p{i}" for i in range(count)))
        page.wait_for_selector(".av-ml-notice")
        assert message in page.inner_text(".av-ml-notices"), count
        assert page.locator("[data-av-list-item]").count() == 0
        assert page.evaluate("document.querySelectorAll('script[src*=\"/poster/\"]').length") == 0

    # 100 KB from file://; Python's test server answers 414 to a request line over 64 KB before any page runs.
    size = 60_000 if target.directory_urls else 100_000
    page.goto(target.url("min-liste") + "?poster=" + idea.id + "&x=" + "a" * size)
    assert "for langt" in page.inner_text(".av-ml-notices")
    assert page.locator("[data-av-list-item]").count() == 0
    assert not dialogs


def test_the_static_cards_of_a_listing_page_add_too(target, shipped):
    """The guides' page lists its entries as cards written by the build (render/templates/cards.html)."""
    page = target.page()
    page.goto(target.listing("introforloeb"))
    guides = shipped.of_kind("guides")
    button = page.locator(f".av-card button[data-av-list-id='{guides[0].id}']")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert stored(page) == [guides[0].id]
    page.goto(target.url("min-liste"))
    wait_for_list(page, 1)
    assert page.locator(".av-ml-title").inner_text() == guides[0].title


def test_a_browser_that_refuses_storage_keeps_the_list_for_the_page_and_says_so(target, shipped):
    idea, _ = three_entries(shipped)
    page = target.page()
    page.context.add_init_script("Storage.prototype.setItem = () => { throw new DOMException('fuld', "
                                 "'QuotaExceededError'); };")
    page.goto(target.entry(idea))
    page.get_by_role("button", name="Føj til min liste").click()
    assert page.locator(f"button[data-av-list-id='{idea.id}']").get_attribute("aria-pressed") == "true"
    assert header_name(page) == "Min liste, 1 post"
    page.wait_for_function("() => document.querySelector('.av-ml-live').textContent.includes('kunne ikke gemmes')")
