"""A guide printed whole, the feed link and the feedback link in Chromium (issue 16, §3–4), on the served site
and on the unzipped offline copy (file://): from each guide page the reader follows "Print hele forløbet", the
"Print" button opens the print dialogue (mouse and keyboard), and the PDF Chromium prints holds every step's
entry in order, each step on a new page, with no navigation; every page type names the feed in its <head>.
Every request to another host fails the test (the fixtures abort and record them)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from test_offline import Offline

pytestmark = pytest.mark.browser

# Counts calls of window.print instead of opening the dialogue (print.js calls it when the button is used).
COUNT_PRINTS = "window.__prints = 0; window.print = () => { window.__prints += 1; };"
FEED_LINK = "link[rel=alternate][type='application/atom+xml']"


def pdf_pages(page) -> list[str]:
    """The text of each page of the PDF Chromium prints (poppler's pdftotext; pages end in a form feed)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext mangler (apt-get install poppler-utils)")
    page.emulate_media(media="print")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "forloeb.pdf"
        pdf.write_bytes(page.pdf(format="A4"))
        out = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page.emulate_media(media="screen")
    return [" ".join(p.split()) for p in out.split("\f") if p.strip()]


def flat(text: str) -> str:
    return " ".join(text.split())


def print_whole_guide(page, guide, catalogue) -> None:
    """On the guide's page: follow the link, use the button, print to PDF and find every step's entry."""
    page.get_by_role("link", name="Print hele forløbet").click()
    page.wait_for_selector(".av-print-step")
    assert page.locator("h1").first.inner_text() == guide.title
    button = page.get_by_role("button", name="Print", exact=True)
    button.wait_for(state="visible")  # print.js shows it (hidden until then, Material's button style too)
    assert page.locator("[data-av-print-hint]").is_hidden()  # the hint is for readers without scripts
    button.click()
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.__prints") == 2

    steps = [catalogue.entries[s.entry] for s in guide.details.steps]
    pages = pdf_pages(page)
    text = " ".join(pages)
    assert "Tilbage til forløbet" not in text and "Print hele forløbet" not in text  # no bar, no navigation
    assert flat(guide.summary) in text
    position = text.index(flat(guide.summary))
    for number, (step, entry) in enumerate(zip(guide.details.steps, steps), 1):
        heading = f"Trin {number} af {len(steps)}"
        starts = [i for i, p in enumerate(pages) if p.startswith(heading)]
        assert len(starts) == 1, f"{heading} begynder ikke en ny side"
        on_paper = " ".join(pages[starts[0]:])
        assert f"Hvorfor: {flat(step.why)}" in on_paper
        assert f"ca. {step.minutes} minutter" in on_paper
        found = text.find(flat(entry.summary), position)
        assert found > position, f"trin {number}: {entry.title} mangler eller står i forkert rækkefølge"
        position = found


def test_every_guide_prints_whole_on_the_served_site(page_factory, served_shipped, shipped):
    page = page_factory(1280, 900)
    page.add_init_script(COUNT_PRINTS)
    for guide in shipped.of_kind("guides"):
        page.goto(f"{served_shipped.url}introforloeb/{guide.id}/")
        print_whole_guide(page, guide, shipped)
        page.get_by_role("link", name="Tilbage til forløbet").click()
        page.wait_for_url(f"{served_shipped.url}introforloeb/{guide.id}/")


def test_a_guide_prints_whole_from_the_offline_copy(chromium, offline_copy, shipped):
    copy = Offline(chromium, offline_copy.root, width=360, height=740)
    try:
        copy.page.add_init_script(COUNT_PRINTS)
        guide = shipped.of_kind("guides")[0]
        copy.page.goto(copy.url(f"introforloeb/{guide.id}/index.html"))
        print_whole_guide(copy.page, guide, shipped)
        assert copy.page.url == copy.url(f"introforloeb/{guide.id}--print/index.html")
        assert not copy.errors, copy.errors
        assert copy.attempted == [], f"Offline-kopien spurgte: {copy.attempted}"
    finally:
        copy.close()


def page_types(shipped) -> list[str]:
    from almenviden.content.kinds import KINDS as REGISTRY

    entries = [f"{k.url_dir}/{shipped.of_kind(key)[0].id}/" for key, k in REGISTRY.items()]
    guide = shipped.of_kind("guides")[0].id
    return ["", "ideer/", "introforloeb/", *entries, f"introforloeb/{guide}--print/", "soeg/?q=bestyrelse", "om/",
            "tilgaengelighed/", "404.html"]


def test_every_page_type_names_the_feed_and_entry_pages_offer_feedback(page_factory, served_shipped, shipped):
    page = page_factory(1280, 900)
    for path in page_types(shipped):
        page.goto(served_shipped.url + path)
        hrefs = page.eval_on_selector_all(FEED_LINK, "links => links.map(l => l.href)")
        assert hrefs == [served_shipped.url + "feed.xml"], (path, hrefs)
    feed = page.request.get(served_shipped.url + "feed.xml")
    assert feed.ok and feed.text().startswith("<?xml")
    # The feedback link opens GitHub's own form only when the reader follows it: nothing is requested here.
    entry = shipped.of_kind("ideas")[0]
    page.goto(f"{served_shipped.url}ideer/{entry.id}/")
    link = page.get_by_role("link", name="Giv besked om siden")
    assert link.get_attribute("href").startswith("https://github.com/almenviden/almenviden/issues/new?title=")
    link.focus()
    assert link.evaluate("a => a === document.activeElement")


def test_the_offline_copy_names_its_own_feed(chromium, offline_copy, shipped):
    copy = Offline(chromium, offline_copy.root)
    try:
        for path in ("index.html", f"introforloeb/{shipped.of_kind('guides')[0].id}--print/index.html"):
            copy.page.goto(copy.url(path))
            hrefs = copy.page.eval_on_selector_all(FEED_LINK, "links => links.map(l => l.href)")
            assert hrefs == [copy.url("feed.xml")]
        assert copy.attempted == []
    finally:
        copy.close()


@pytest.fixture(scope="module")
def served_hostile_site(hostile, hostile_site):
    from browser.conftest import Site

    site = Site(hostile_site, hostile.root)
    yield site
    site.close()


READ_FEED = """async () => {
  const xml = new DOMParser().parseFromString(await (await fetch("/feed.xml")).text(), "application/xml");
  if (xml.querySelector("parsererror")) return null;
  const atom = "http://www.w3.org/2005/Atom";
  return [...xml.getElementsByTagNameNS(atom, "entry")].map(e => ({
    title: e.getElementsByTagNameNS(atom, "title")[0].textContent,
    children: e.getElementsByTagNameNS(atom, "title")[0].children.length,
    href: e.getElementsByTagNameNS(atom, "link")[0].getAttribute("href")}));
}"""


def test_hostile_titles_stay_text_in_the_feed_and_the_feedback_link(page_factory, hostile, served_hostile_site):
    from almenviden.content.kinds import KINDS as REGISTRY

    page = page_factory(1280, 900)
    page.add_init_script("window.__pwned = 0;")
    page.goto(served_hostile_site.url)
    feed = page.evaluate(READ_FEED)
    assert feed, "feedet kunne ikke læses som XML"
    entries = hostile.model.entries
    for item in feed:
        entry_id = item["href"].rstrip("/").rsplit("/", 1)[-1]
        assert item["title"] == entries[entry_id].title and item["children"] == 0, entry_id
    for entry_id, kind in hostile.kinds.items():
        page.goto(f"{served_hostile_site.url}{REGISTRY[kind].url_dir}/{entry_id}/")
        link = page.get_by_role("link", name="Giv besked om siden")
        title = link.evaluate("a => new URL(a.href).searchParams.get('title')")
        assert title == entries[entry_id].title, entry_id
        assert link.evaluate("a => new URL(a.href).host") == "github.com"
    assert page.evaluate("window.__pwned") == 0
