"""The "følg eller forklar" sheet in Chromium (issue 16, part 2), on the served site and on the offline copy
opened from file://: answers kept across a reload, the printed report (PDF text through pdftotext), "Gem som fil"
and "Indlæs fil" into a fresh browser, a damaged file refused with nothing lost, a text changed between two
builds marked, axe at phone and desktop width, and the keyboard alone. No request leaves the site."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from axe import describe, violations
from browser.conftest import Site, build, fixture_catalogue

pytestmark = pytest.mark.browser

STORAGE_KEY = "almenviden.foelgEllerForklar.v1"
EXPLANATION = "Bestyrelsen vælger selv dirigenten blandt de fremmødte beboere."
ORGANISATION = "Testafdeling Ærtebjerg"
SMALL_RECOMMENDATION = Path(__file__).resolve().parents[1] / "fixtures" / "small" / "recommendations"


def sheet_url(request, where: str) -> str:
    if where == "online":
        return request.getfixturevalue("served_shipped").url + "anbefalinger/foelg-eller-forklar/"
    root = request.getfixturevalue("offline_copy").root
    return (root / "anbefalinger" / "foelg-eller-forklar" / "index.html").as_uri()


@pytest.fixture
def contexts(chromium):
    """Fresh browser contexts (viewport in CSS pixels) that may load only the local site: anything else is
    aborted and fails the test, as does a script error."""
    made, foreign, errors = [], [], []

    def make(width: int = 1280, height: int = 900):
        context = chromium.new_context(viewport={"width": width, "height": height}, locale="da-DK",
                                       service_workers="block", accept_downloads=True)
        made.append(context)

        def guard(route):
            url = route.request.url
            if url.startswith(("data:", "blob:", "file:")) or urlsplit(url).hostname == "127.0.0.1":
                route.continue_()
            else:
                foreign.append(url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    yield make
    for context in made:
        context.close()
    assert not errors, errors
    assert not foreign, f"Siden spurgte andre værter: {foreign}"


def progress(page) -> str:
    return page.inner_text("[data-av-foe-progress]")


def total(page) -> int:
    return page.locator("fieldset[data-av-foe-key]").count()


def recommendation(page, n: int):
    return page.locator("fieldset[data-av-foe-key]").nth(n)


def answer(page, n: int, choice: str, explanation: str = ""):
    rec = recommendation(page, n)
    rec.get_by_label(choice, exact=True).check()
    if explanation:
        rec.get_by_label("Forklaring").fill(explanation)


def wait_stored(page, text: str):
    page.wait_for_function("([key, text]) => (localStorage.getItem(key) || '').includes(text)", arg=[STORAGE_KEY, text])


def pdf_text(page, path: Path) -> str:
    if not shutil.which("pdftotext"):
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext skal bruges i CI (apt-get install poppler-utils)")
        pytest.skip("pdftotext findes ikke (apt-get install poppler-utils)")
    page.emulate_media(media="print")
    page.pdf(path=str(path))
    page.emulate_media(media="screen")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def assert_filled(page, n_total: int):
    first, second = recommendation(page, 0), recommendation(page, 1)
    assert progress(page) == f"2 af {n_total} besvaret"
    assert first.get_by_label("Vi følger ikke", exact=True).is_checked()
    assert first.get_by_label("Forklaring").input_value() == EXPLANATION
    assert second.get_by_label("Vi følger", exact=True).is_checked()
    assert page.input_value("#foe-organisation") == ORGANISATION
    assert page.input_value("#foe-moededato") == "2026-12-10"


@pytest.mark.parametrize("where", ["online", "offline"])
def test_answers_are_kept_printed_saved_and_loaded_into_a_fresh_browser(request, contexts, where, tmp_path):
    url = sheet_url(request, where)
    page = contexts()
    page.goto(url)
    n_total = total(page)
    assert n_total > 50 and progress(page) == f"0 af {n_total} besvaret"
    page.fill("#foe-organisation", ORGANISATION)
    page.fill("#foe-moededato", "2026-12-10")
    first = recommendation(page, 0)
    hint = first.locator("[data-av-foe-hint]")
    assert not hint.is_visible()
    answer(page, 0, "Vi følger ikke")
    # Not "Vi følger": the sheet asks for an explanation, visibly and to a screen reader.
    assert hint.is_visible() and "hvorfor" in hint.inner_text()
    why = first.get_by_label("Forklaring")
    assert hint.get_attribute("id") in why.get_attribute("aria-describedby").split()
    why.fill(EXPLANATION)
    answer(page, 1, "Vi følger")
    assert not recommendation(page, 1).locator("[data-av-foe-hint]").is_visible()
    assert recommendation(page, 1).get_by_label("Forklaring").get_attribute("aria-describedby") is None
    assert progress(page) == f"2 af {n_total} besvaret"
    wait_stored(page, EXPLANATION)
    wait_stored(page, ORGANISATION)

    page.reload()
    assert_filled(page, n_total)

    # Print: the board's report, without the site's navigation.
    text = pdf_text(page, tmp_path / "rapport.pdf")
    title = recommendation(page, 0).locator("xpath=ancestor::section//h2").inner_text()
    assert ORGANISATION in text and "Mødedato 10. december 2026" in text and "Udskrevet" in text
    assert EXPLANATION in text and "Vi følger ikke" in text and title in text
    assert f"Ikke besvaret ({n_total - 2})" in text
    unanswered = " ".join(recommendation(page, 2).locator("[data-av-foe-text]").inner_text().split())
    assert unanswered in text.split(f"Ikke besvaret ({n_total - 2})", 1)[1]
    for screen_only in ("Idékatalog", "Tilgængelighedserklæring", "Gem som fil", "Indlæs fil"):
        assert screen_only not in text, screen_only

    # Gem som fil → a fresh browser context → Indlæs fil.
    with page.expect_download() as download:
        page.get_by_role("button", name="Gem som fil").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert saved.name == "foelg-eller-forklar-testafdeling-aertebjerg-2026-12-10.json"
    assert (data["format"], data["version"], data["organisation"]) == ("almenviden-foelg-eller-forklar", 1,
                                                                        ORGANISATION)
    key = recommendation(page, 0).get_attribute("data-av-foe-key")
    assert data["answers"][key] == {"choice": "foelger-ikke", "explanation": EXPLANATION,
                                    "hash": recommendation(page, 0).get_attribute("data-av-foe-hash")}

    fresh = contexts(360, 740)
    fresh.goto(url)
    assert progress(fresh) == f"0 af {n_total} besvaret"
    answer(fresh, 2, "Vi følger")  # this browser's own answer, which the file replaces until "Fortryd"
    loaded = "() => document.querySelector('[data-av-foe-status]').textContent.includes('indlæst')"
    fresh.get_by_label("Indlæs fil").set_input_files(str(saved))
    fresh.wait_for_function(loaded)
    assert_filled(fresh, n_total)
    assert not recommendation(fresh, 2).get_by_label("Vi følger", exact=True).is_checked()
    fresh.get_by_role("button", name="Fortryd indlæsningen").click()
    assert progress(fresh) == f"1 af {n_total} besvaret"
    assert recommendation(fresh, 2).get_by_label("Vi følger", exact=True).is_checked()
    fresh.get_by_label("Indlæs fil").set_input_files(str(saved))
    fresh.wait_for_function(loaded)
    assert_filled(fresh, n_total)
    wait_stored(fresh, EXPLANATION)

    # A damaged, a foreign and a newer file: a Danish message, and nothing already entered changes.
    for name, content, says in [
            ("beskadiget.json", saved.read_bytes()[:-40], "kan ikke læses"),
            ("fremmed.json", b'{"format": "noget-andet", "answers": {}}', "ikke et følg-eller-forklar-skema"),
            ("nyere.json", json.dumps({**data, "version": 2}).encode(), "nyere udgave")]:
        fresh.get_by_label("Indlæs fil").set_input_files({"name": name, "mimeType": "application/json",
                                                         "buffer": content})
        alert = fresh.get_by_role("alert")
        fresh.wait_for_function("t => document.querySelector('[data-av-foe-alert]').textContent.includes(t)",
                                arg=says)
        assert "Intet i skemaet er ændret" in alert.inner_text()
        assert_filled(fresh, n_total)
    fresh.reload()
    assert_filled(fresh, n_total)


def _recommendation_entry(folder: Path, entry_id: str, recommendations: list[str]):
    data = yaml.safe_load((SMALL_RECOMMENDATION / "test-anbefaling.yaml").read_text(encoding="utf-8"))
    data.update(title=f"Testanbefaling {entry_id}", recommendations=recommendations)
    (folder / "recommendations" / f"{entry_id}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The same small catalogue built twice under one origin (/v1/, /v2/): between the builds one recommendation's
    text changed, the entries' recommendations were reordered, and one entry was removed."""
    root = tmp_path_factory.mktemp("to-udgaver")
    empty = tmp_path_factory.mktemp("tom")
    versions = {
        "v1": {"aa-test": ["Første anbefaling.", "Anden anbefaling."], "bb-test": ["Tredje anbefaling."],
               "cc-test": ["Fjerde anbefaling.", "Femte anbefaling."]},
        "v2": {"aa-test": ["Første anbefaling.", "Anden anbefaling, nu med en ændret tekst."],
               "cc-test": ["Femte anbefaling.", "Fjerde anbefaling."]},
    }
    for version, entries in versions.items():
        catalogue = fixture_catalogue(tmp_path_factory.mktemp(version) / "catalogue", empty)
        for entry_id, recommendations in entries.items():
            _recommendation_entry(catalogue, entry_id, recommendations)
        build(catalogue, root / version)
    site = Site(root, root)
    yield site
    site.close()


def test_a_text_changed_between_builds_is_marked_and_a_removed_one_listed(contexts, two_builds, axe_js):
    page = contexts()
    page.goto(two_builds.url + "v1/anbefalinger/foelg-eller-forklar/")
    assert page.locator("fieldset[data-av-foe-key]").count() == 5
    for key, choice, why in [("aa-test/1", "Vi følger", ""), ("aa-test/2", "Vi følger delvist", "Svar på den gamle tekst"),
                             ("bb-test/1", "Vi følger ikke", "Svar til en anbefaling, der forsvinder"),
                             ("cc-test/1", "Vi følger ikke", "Svar til den fjerde")]:
        rec = page.locator(f"fieldset[data-av-foe-key='{key}']")
        rec.get_by_label(choice, exact=True).check()
        if why:
            rec.get_by_label("Forklaring").fill(why)
    wait_stored(page, "Svar til den fjerde")

    page.goto(two_builds.url + "v2/anbefalinger/foelg-eller-forklar/")
    changed = page.locator("fieldset[data-av-foe-key='aa-test/2']")
    note = changed.locator("[data-av-foe-changed]")
    assert note.is_visible() and "Teksten er ændret, siden I svarede" in note.inner_text()
    assert changed.get_by_label("Forklaring").input_value() == "Svar på den gamle tekst"
    assert note.get_attribute("id") in changed.get_by_label("Forklaring").get_attribute("aria-describedby")
    assert not page.locator("fieldset[data-av-foe-key='aa-test/1'] [data-av-foe-changed]").is_visible()
    # Reordered, same text: the answer followed its recommendation, unmarked.
    moved = page.locator("fieldset[data-av-foe-key='cc-test/2']")
    assert moved.get_by_label("Forklaring").input_value() == "Svar til den fjerde"
    assert not moved.locator("[data-av-foe-changed]").is_visible()
    assert page.locator("fieldset[data-av-foe-key='cc-test/1']").get_by_label("Forklaring").input_value() == ""
    status = page.inner_text("[data-av-foe-status]")
    assert "ændret, siden I svarede" in status and "ikke længere står i skemaet" in status
    orphans = page.locator("[data-av-foe-orphans]")
    assert "bb-test/1" in orphans.inner_text() and "Svar til en anbefaling, der forsvinder" in orphans.inner_text()
    found = violations(page, axe_js)
    assert not found, describe(found)

    # The board confirms the answer: the mark goes, and stays gone after a reload.
    changed.get_by_role("button", name="Svaret gælder stadig").click()
    assert not note.is_visible()
    page.reload()
    assert not page.locator("fieldset[data-av-foe-key='aa-test/2'] [data-av-foe-changed]").is_visible()
    assert page.locator("fieldset[data-av-foe-key='aa-test/2']").get_by_label("Forklaring").input_value() == \
        "Svar på den gamle tekst"


@pytest.mark.parametrize("width,height", [(360, 740), (1280, 900)], ids=["360px", "1280px"])
def test_no_axe_violations_with_answers_hints_and_a_message(request, contexts, axe_js, width, height):
    page = contexts(width, height)
    page.goto(sheet_url(request, "online"))
    answer(page, 0, "Vi følger delvist")
    answer(page, 1, "Vi følger ikke", "Forklaring skrevet i testen.")
    page.get_by_label("Indlæs fil").set_input_files({"name": "x.json", "mimeType": "application/json",
                                                     "buffer": b"{"})
    page.get_by_role("alert").wait_for()
    found = violations(page, axe_js)
    assert not found, describe(found)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "siden er bredere end skærmen"


def tab_to(page, condition: str, key: str = "Tab", limit: int = 8):
    """Press `key` until `condition` (a JS expression over `el`, the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(() => {{ const el = document.activeElement; return Boolean({condition}); }})()"):
            return
    raise AssertionError(f"{key} nåede ikke frem til {condition}")


def test_the_keyboard_alone_fills_in_saves_and_opens_a_file(request, contexts):
    page = contexts()
    page.goto(sheet_url(request, "online"))
    n_total = total(page)
    page.focus("#foe-organisation")
    page.keyboard.type(ORGANISATION)
    tab_to(page, "el.id === 'foe-moededato'", limit=1)
    tab_to(page, "el.id === 'foe-fil'")  # past the date's parts, "Print" and "Gem som fil"
    # The native file field is out of sight under its label, which shows the focus.
    assert page.evaluate("getComputedStyle(document.querySelector('label[for=foe-fil]')).outlineStyle") == "solid"
    with page.expect_file_chooser():
        page.keyboard.press("Space")
    tab_to(page, "el.closest('fieldset') && el.type === 'radio'", limit=3)  # past the entry's title link
    first = recommendation(page, 0)
    assert page.evaluate("el => el.contains(document.activeElement)", first.element_handle())
    page.keyboard.press("ArrowRight")  # from the first choice to the next: "Vi følger delvist"
    page.keyboard.press("ArrowRight")
    assert first.get_by_label("Vi følger ikke", exact=True).is_checked()
    tab_to(page, "el.hasAttribute('data-av-foe-why')", limit=1)
    page.keyboard.type(EXPLANATION)
    assert progress(page) == f"1 af {n_total} besvaret"
    tab_to(page, "el.hasAttribute('data-av-foe-save')", key="Shift+Tab")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["organisation"] == ORGANISATION
    assert EXPLANATION in [a["explanation"] for a in data["answers"].values()]


def test_without_storage_the_sheet_works_and_says_the_answers_are_not_kept(request, contexts):
    page = contexts()
    page.context.add_init_script("Object.defineProperty(window, 'localStorage', "
                                 "{get() { throw new DOMException('blocked', 'SecurityError'); }})")
    page.goto(sheet_url(request, "online"))
    assert "kan ikke gemmes i denne browser" in page.get_by_role("alert").inner_text()
    answer(page, 0, "Vi følger ikke", EXPLANATION)
    assert progress(page) == f"1 af {total(page)} besvaret"
    with page.expect_download() as download:
        page.get_by_role("button", name="Gem som fil").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [a["explanation"] for a in data["answers"].values()] == [EXPLANATION]
