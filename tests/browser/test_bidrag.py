"""The contribution form /bidrag/ in a real browser (issue 17): one filled form per kind gives a file that
`almenviden check` accepts and that the GitHub link carries; errors are Danish and at their fields; the draft
survives a reload; every shipped entry round-trips through "Ret i formularen"; the same from the offline copy;
hostile text typed into every field never runs and comes out as the same strings."""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from almenviden.content.kinds import KINDS
from almenviden.danish.slugs import slugify
from conftest import run_cli
from hostile_catalogue import load_payloads

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "catalogue"
TEST_TITLE = {"ideas": "Testidé fra formularen", "courses": "Testkursus fra formularen",
              "recommendations": "Testanbefaling fra formularen", "guides": "Testforløb fra formularen"}


def spec_of(page) -> dict:
    return json.loads(page.locator("#bidrag-spec").text_content())


def field_id(path: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", path)


def fill_field(page, spec: dict, path: str, text, some_id: str) -> None:
    """Fill one field as a person would: type, tick, choose, add rows. `text(path)` gives the words to type."""
    kind = spec["type"]
    target = page.locator("#" + field_id(path))
    if kind in ("text", "year_or_text"):
        if spec.get("reference"):
            target.fill(some_id)
        elif spec.get("pattern", "").startswith("^(https?"):
            target.fill("https://example.org/testside")
        else:
            target.fill(text(path))
            text.kept(path, target.input_value())  # an <input> drops line breaks as the reader types
    elif kind == "integer":
        target.fill(str(spec.get("minimum", 1) + 10))
    elif kind == "date":
        pass  # prefilled
    elif kind == "choice":
        target.select_option(spec["options"][0]["value"])
    elif kind == "choices":
        page.locator("#" + field_id(path) + "--" + spec["options"][0]["value"]).check()
    elif kind == "flag":
        target.check()
    elif kind == "object":
        skip = set()
        if spec.get("oneOf"):  # the example's evidence: the last alternative ("tænkt") only
            skip = {name for alt in spec["oneOf"][:-1] for name in alt}
        for f in spec["fields"]:
            if f["name"] not in skip:
                fill_field(page, f, f"{path}.{f['name']}", text, some_id)
    elif kind == "list":
        page.locator(f'button[data-action="add"][data-list="{path}"]').click()
        fill_field(page, spec["item"], f"{path}[0]", text, some_id)
    else:
        raise AssertionError(kind)


def words(path: str) -> str:
    return f"Testtekst til feltet {path}."


words.kept = lambda path, value: None


def fill_form(page, kind: str, text, title: str) -> dict:
    page.check(f'input[name="bidrag-kind"][value="{kind}"]')
    spec = spec_of(page)
    some_id = sorted(spec["ids"])[0]
    for f in spec["specs"][kind]["fields"]:
        if f["name"] == "title":
            page.locator("#f-title").fill(title)
        else:
            fill_field(page, f, f["name"], text, some_id)
    return spec


def show_file(page) -> str:
    page.locator("#bidrag-submit").click()
    assert page.locator("#bidrag-result").is_visible(), page.locator("#bidrag-errors").inner_text()
    return page.locator("#bidrag-yaml").text_content()


def catalogue_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "catalogue"
    shutil.copytree(SHIPPED, copy)
    return copy


def comparable(data):
    """File data as the form keeps it: an empty list and a left-out list are the same."""
    if isinstance(data, dict):
        return {k: comparable(v) for k, v in data.items() if v != []}
    if isinstance(data, list):
        return [comparable(v) for v in data]
    return data


@pytest.fixture
def form(page, served_shipped):
    page.goto(served_shipped.url + "bidrag/")
    page.evaluate("localStorage.clear()")
    page.reload()
    return page


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_filled_form_gives_a_file_that_check_accepts_and_the_github_link_carries(form, kind, tmp_path):
    fill_form(form, kind, words, TEST_TITLE[kind])
    today = datetime.date.today()
    assert form.locator("#f-created").input_value() == today.isoformat()
    assert form.locator("#f-review_by").input_value().startswith(str(today.year + 1))
    text = show_file(form)
    data = yaml.safe_load(text)
    entry_id = form.evaluate("t => window.almenviden.bidragSlug.slugify(t)", TEST_TITLE[kind])
    assert form.locator("#bidrag-filename").inner_text() == f"catalogue/{kind}/{entry_id}.yaml"
    assert data["title"] == TEST_TITLE[kind] and data["created"] == today
    assert text.startswith(f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n")
    catalogue = catalogue_copy(tmp_path)
    (catalogue / kind / f"{entry_id}.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", "--catalogue", str(catalogue))
    assert result.returncode == 0, result.stdout + result.stderr
    link = urlsplit(form.locator("#bidrag-github").get_attribute("href"))
    assert (link.scheme, link.netloc, link.path) == ("https", "github.com", "/almenviden/almenviden/new/main")
    query = parse_qs(link.query, keep_blank_values=True)
    assert query["filename"] == [f"catalogue/{kind}/{entry_id}.yaml"]
    assert query["value"] == [text]
    with form.expect_download() as download:
        form.locator("#bidrag-download").click()
    assert download.value.suggested_filename == f"{entry_id}.yaml"
    assert Path(download.value.path()).read_text(encoding="utf-8") == text


def test_a_file_too_long_for_the_link_says_so_and_offers_the_download(form):
    fill_form(form, "ideas", words, "En meget lang testidé")
    form.locator("#f-body").fill("Lang testtekst. " * 600)  # about 9,600 characters: over the 8,000 of the link
    text = show_file(form)
    link = form.locator("#bidrag-github")
    assert "for lang til linket" in link.inner_text()
    query = parse_qs(urlsplit(link.get_attribute("href")).query, keep_blank_values=True)
    assert query["filename"] == ["catalogue/ideas/en-meget-lang-testide.yaml"] and query["value"] == [""]
    assert "Hent filen" in form.locator("#bidrag-github-note").inner_text()
    assert yaml.safe_load(text)["body"].startswith("Lang testtekst.")


def test_a_missing_title_and_an_unknown_reference_are_named_at_their_fields(form):
    form.check('input[name="bidrag-kind"][value="ideas"]')
    assert form.locator("#bidrag-edit-note").is_hidden()  # a new entry, not an edit
    form.locator('button[data-action="add"][data-list="related"]').click()
    form.locator("#f-related-0-").fill("findes-ikke")
    form.locator("#bidrag-submit").click()
    assert form.locator("#bidrag-result").is_hidden()
    assert form.locator("#bidrag-yaml").text_content() == ""
    title = form.locator("#f-title")
    assert title.get_attribute("aria-invalid") == "true"
    assert "f-title-error" in title.get_attribute("aria-describedby")
    assert form.locator("#f-title-error").inner_text() == "Udfyld feltet."
    reference = form.locator("#f-related-0-")
    assert reference.get_attribute("aria-invalid") == "true"
    assert "Der findes ingen post med id ‘findes-ikke’" in form.locator("#f-related-0--error").inner_text()
    summary = form.locator("#bidrag-errors")
    assert summary.get_attribute("role") == "alert"
    assert form.evaluate("document.activeElement.id") == "bidrag-errors"
    summary.get_by_role("link", name=re.compile("^Titel: Udfyld feltet")).click()
    assert form.evaluate("document.activeElement.id") == "f-title"
    # a taken title is refused too: its id exists
    existing = next(t for p in sorted(SHIPPED.glob("ideas/*.yaml"))
                    if slugify(t := yaml.safe_load(p.read_text(encoding="utf-8"))["title"]) == p.stem)
    title.fill(existing)
    form.locator("#bidrag-submit").click()
    assert "findes allerede en post med id’et ‘" in form.locator("#f-title-error").inner_text()


def test_rows_are_added_moved_and_removed_with_buttons(form):
    form.check('input[name="bidrag-kind"][value="ideas"]')
    for i, words in enumerate(["Første", "Andet", "Tredje"]):
        form.locator('button[data-action="add"][data-list="steps"]').click()
        assert form.evaluate("document.activeElement.name") == f"steps[{i}]"
        form.keyboard.type(words)
    form.get_by_role("button", name="Flyt op: trin 3").focus()
    form.keyboard.press("Enter")  # the keyboard moves rows as the mouse does
    assert [form.locator(f"#f-steps-{i}-").input_value() for i in range(3)] == ["Første", "Tredje", "Andet"]
    assert form.evaluate("document.activeElement.getAttribute('aria-label')") == "Flyt op: trin 2"
    form.get_by_role("button", name="Fjern: trin 1").click()
    assert [form.locator(f"#f-steps-{i}-").input_value() for i in range(2)] == ["Tredje", "Andet"]


def test_a_draft_survives_a_reload_and_start_forfra_clears_it(form):
    form.check('input[name="bidrag-kind"][value="courses"]')
    form.locator("#f-title").fill("Et kursus i kladde")
    form.locator('button[data-action="add"][data-list="objectives"]').click()
    form.locator("#f-objectives-0-").fill("At kunne noget")
    form.reload()
    assert form.locator('input[name="bidrag-kind"][value="courses"]').is_checked()
    assert form.locator("#f-title").input_value() == "Et kursus i kladde"
    assert form.locator("#f-objectives-0-").input_value() == "At kunne noget"
    stored = json.loads(form.evaluate("localStorage.getItem('almenviden.bidrag.v1')"))
    assert stored["data"]["title"] == "Et kursus i kladde"
    form.once("dialog", lambda dialog: dialog.accept())
    form.locator("#bidrag-reset").click()
    assert form.evaluate("localStorage.getItem('almenviden.bidrag.v1')") is None
    form.reload()
    assert form.locator("#f-title").count() == 0


def _entry_records(site_root: Path) -> list[dict]:
    records = []
    for page in sorted(site_root.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        found = re.search(r'<script type="application/json" id="bidrag-data">(.*?)</script>', html, re.S)
        if found:
            records.append(json.loads(found.group(1)))
    return records


def _original(record: dict) -> dict:
    return yaml.safe_load((SHIPPED / record["kind"] / f"{record['id']}.yaml").read_text(encoding="utf-8"))


def test_every_shipped_entry_round_trips_through_the_form(form, served_shipped):
    records = _entry_records(served_shipped.root)
    assert len(records) == sum(1 for p in SHIPPED.glob("*/*.yaml") if p.parent.name in KINDS)
    results = form.evaluate("records => records.map(r => window.almenviden.bidragPage.roundTrip(r.kind, r.data))",
                            records)
    for record, result in zip(records, results):
        assert result["errors"] == [], (record["id"], result["errors"])
        assert comparable(yaml.safe_load(result["yaml"])) == comparable(_original(record)), record["id"]


def test_ret_i_formularen_opens_the_entry_in_the_form(page, served_shipped):
    page.goto(served_shipped.url + "ideer/faelles-kompost/")
    page.get_by_role("link", name="Ret i formularen").click()
    page.wait_for_url(re.compile(r"/bidrag/\?ret=faelles-kompost$"))
    assert page.locator("#f-title").input_value() == _original({"kind": "ideas", "id": "faelles-kompost"})["title"]
    assert page.locator("#bidrag-edit-note").is_visible()
    assert page.locator("#bidrag-edit-link").get_attribute("href") == \
        "https://github.com/almenviden/almenviden/edit/main/catalogue/ideas/faelles-kompost.yaml"
    page.locator("#f-participants").fill("Ændret antal deltagere")
    text = show_file(page)
    changed = _original({"kind": "ideas", "id": "faelles-kompost"})
    changed["participants"] = "Ændret antal deltagere"
    assert comparable(yaml.safe_load(text)) == comparable(changed)
    assert page.locator("#bidrag-filename").inner_text() == "catalogue/ideas/faelles-kompost.yaml"


def test_from_the_offline_copy(chromium, offline_copy):
    """From file://: an entry's "Ret i formularen" and a new file; no request leaves the disk."""
    context = chromium.new_context(locale="da-DK", service_workers="block")
    attempted = []
    context.route(lambda url: not url.startswith("file:"), lambda route: (attempted.append(route.request.url),
                                                                         route.abort()))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        records = _entry_records(offline_copy.root)
        for record in records[:: max(1, len(records) // 6)]:  # a subset: every kind's pages work alike
            url_dir = KINDS[record["kind"]].url_dir
            page.goto((offline_copy.root / url_dir / record["id"] / "index.html").as_uri())
            page.get_by_role("link", name="Ret i formularen").click()
            page.wait_for_url(re.compile(r"bidrag/index\.html\?ret="))
            text = show_file(page)
            assert comparable(yaml.safe_load(text)) == comparable(_original(record)), record["id"]
        page.goto((offline_copy.root / "bidrag" / "index.html").as_uri())
        page.once("dialog", lambda dialog: dialog.accept())
        page.locator("#bidrag-reset").click()
        fill_form(page, "recommendations", words, "Offline testanbefaling")
        assert yaml.safe_load(show_file(page))["title"] == "Offline testanbefaling"
    finally:
        context.close()
    assert not errors, errors
    assert attempted == [], attempted


# Runs before the page's scripts: any write to the flag the payloads try to set is counted.
TRAP = """(() => { let hits = 0; Object.defineProperty(window, "__pwned", {configurable: false,
  get: () => hits, set: () => { hits += 1; }}); })();"""


# After the first round is typed, the next rounds put other payloads into the same fields as typing does (the
# value, then an input event), all at once: every payload goes into every text field of every kind.
RETYPE = """([paths, values]) => paths.map((path, i) => {
  const input = document.getElementsByName(path)[0];
  input.value = values[i];
  input.dispatchEvent(new Event("input", {bubbles: true}));
  return input.value;
})"""


def _at(data, path: str):
    for part in re.findall(r"[^.\[\]]+", path):
        data = data[int(part)] if part.isdigit() else data[part]
    return data


@pytest.mark.parametrize("kind", list(KINDS))
def test_hostile_text_typed_into_every_field_never_runs_and_comes_back_as_the_same_strings(form, kind):
    payloads = load_payloads()["text"]
    executed = []
    form.add_init_script(TRAP)
    form.on("dialog", lambda dialog: (executed.append(dialog.message), dialog.dismiss()))
    form.reload()
    typed = {}

    def text(path):
        return payloads[len(typed) % len(payloads)]

    text.kept = typed.__setitem__
    fill_form(form, kind, text, "Test " + payloads[0])
    paths = ["title"] + list(typed)
    for start in range(len(payloads)):
        # the title keeps a word in front, so that its id is never empty
        wanted = ["Test " + payloads[start]] + [payloads[(start + i) % len(payloads)] for i in range(1, len(paths))]
        values = form.evaluate(RETYPE, [paths, wanted])  # as the fields hold them (an <input> drops line breaks)
        data = yaml.safe_load(show_file(form))
        for path, value in zip(paths, values):
            assert _at(data, path) == value, (path, value)
    assert form.evaluate("window.__pwned") == 0
    assert executed == []
