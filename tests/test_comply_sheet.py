"""The "følg eller forklar" sheet as generated (render/comply_sheet.py): every recommendation of every
recommendation entry, each with a unique key that survives an edit of its text, a hash that does not, three
choices and a labelled explanation; and the links to it."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import cli_env

from almenviden.render.comply_sheet import (CHOICES, EXPLANATION_MAX, ORGANISATION_MAX, render_sheet, sheet_items,
                                            text_hash)

REPO = Path(__file__).resolve().parents[1]
FORMAT_JS = REPO / "macros" / "almenviden" / "browser" / "foelg-eller-forklar-format.js"


class Sheet(HTMLParser):
    """The fieldsets of a rendered sheet: key, hash, legend text, radios, labels and ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fieldsets, self.labels, self.ids, self._in = [], {}, [], []
        self._label_for = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "fieldset":
            self.fieldsets.append({"key": a["data-av-foe-key"], "hash": a["data-av-foe-hash"], "legend": "",
                                   "radios": [], "textarea": None})
        if tag in ("legend", "label"):
            self._in.append(tag)
            if tag == "label":
                self._label_for = a.get("for")
        if tag == "input" and a.get("type") == "radio":
            self.fieldsets[-1]["radios"].append((a["name"], a["value"]))
        if tag == "textarea":
            self.fieldsets[-1]["textarea"] = a["id"]

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if "legend" in self._in:
            self.fieldsets[-1]["legend"] += data
        if self._in and self._in[-1] == "label" and self._label_for:
            self.labels[self._label_for] = self.labels.get(self._label_for, "") + data


def parse(html: str) -> Sheet:
    sheet = Sheet()
    sheet.feed(html)
    return sheet


def test_every_recommendation_is_on_the_sheet_once_with_choices_and_a_labelled_explanation(shipped):
    html = render_sheet(shipped, "anbefalinger/foelg-eller-forklar/")
    sheet = parse(html)
    expected = [(e.id, n, text) for e in shipped.of_kind("recommendations")
                for n, text in enumerate(e.details.recommendations, start=1)]
    assert len(expected) > 50
    assert [f["key"] for f in sheet.fieldsets] == [f"{eid}/{n}" for eid, n, _ in expected]
    for f, (_, n, text) in zip(sheet.fieldsets, expected):
        assert " ".join(f["legend"].split()) == f"{n}. {' '.join(text.split())}"
        assert [v for _, v in f["radios"]] == ["foelger", "foelger-delvist", "foelger-ikke"]
        assert len({name for name, _ in f["radios"]}) == 1
        assert sheet.labels[f["textarea"]].strip() == "Forklaring"
    assert len(set(f["key"] for f in sheet.fieldsets)) == len(sheet.fieldsets)
    assert len(set(sheet.ids)) == len(sheet.ids), "dobbelte id'er"
    assert f">0 af {len(expected)} besvaret<" in html
    assert 'aria-live="polite"' in html


def test_keys_survive_a_text_edit_and_hashes_mark_it(shipped):
    entry = shipped.of_kind("recommendations")[0]
    before = sheet_items(entry)
    texts = list(entry.details.recommendations)
    texts[1] = texts[1] + " Tilføjet i en senere udgave."
    edited = dataclasses.replace(entry, details=dataclasses.replace(entry.details, recommendations=tuple(texts)))
    after = sheet_items(edited)
    assert [i.key for i in before] == [i.key for i in after]
    assert [b.hash == a.hash for b, a in zip(before, after)] == [i != 1 for i in range(len(texts))]


def test_the_hash_ignores_wrapping_but_not_words():
    assert text_hash("Vælg en dirigent,\n  som ikke er part.") == text_hash("Vælg en dirigent, som ikke er part.")
    assert text_hash("Vælg en dirigent.") != text_hash("Vælg to dirigenter.")
    assert re.fullmatch(r"[0-9a-f]{12}", text_hash("x"))


def test_the_choices_and_limits_are_the_same_in_python_and_the_browser_code():
    script = f"const f = require({json.dumps(str(FORMAT_JS))}); console.log(JSON.stringify([f.CHOICES, f.LIMITS]))"
    try:
        out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True, timeout=60).stdout
    except FileNotFoundError:
        pytest.skip("node findes ikke")
    choices, limits = json.loads(out)
    assert [tuple(c) for c in choices] == list(CHOICES)
    assert (limits["explanation"], limits["organisation"]) == (EXPLANATION_MAX, ORGANISATION_MAX)


def test_recommendation_text_is_escaped(shipped):
    entry = shipped.of_kind("recommendations")[0]
    hostile = dataclasses.replace(entry, title="<script>__pwned=1</script>", details=dataclasses.replace(
        entry.details, recommendations=('"><img src=x onerror=__pwned=1>',)))
    catalogue = dataclasses.replace(shipped, entries={entry.id: hostile})
    html = render_sheet(catalogue, "anbefalinger/foelg-eller-forklar/")
    assert "<script>__pwned" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=__pwned=1&gt;" in html


@pytest.mark.parametrize("directory_urls", [True, False])
def test_links_to_entries_and_scripts_are_relative(shipped, directory_urls):
    page = "anbefalinger/foelg-eller-forklar/" if directory_urls else "anbefalinger/foelg-eller-forklar.html"
    html = render_sheet(shipped, page, directory_urls=directory_urls)
    first = shipped.of_kind("recommendations")[0].id
    assert (f'href="../{first}/"' if directory_urls else f'href="{first}.html"') in html
    prefix = "../../" if directory_urls else "../"
    assert f'<script src="{prefix}assets/almenviden/foelg-eller-forklar.js" defer></script>' in html


def test_the_built_site_links_to_the_sheet(shipped_site, shipped):
    sheet = shipped_site / "anbefalinger" / "foelg-eller-forklar" / "index.html"
    assert sheet.is_file()
    html = sheet.read_text(encoding="utf-8")
    assert html.count("data-av-foe-key=") == sum(len(e.details.recommendations)
                                                 for e in shipped.of_kind("recommendations"))
    listing = (shipped_site / "anbefalinger" / "index.html").read_text(encoding="utf-8")
    assert 'href="foelg-eller-forklar/"' in listing
    for entry in shipped.of_kind("recommendations"):
        page = (shipped_site / "anbefalinger" / entry.id / "index.html").read_text(encoding="utf-8")
        assert f'<a href="../foelg-eller-forklar/#{entry.id}">Udfyld følg-eller-forklar-skemaet</a>' in page


# Runs the real command line with spies on Markdown and on the page's policy step: how often each saw the sheet's
# fields (MARK), the sheet page's own text (PAGE_TEXT, to show that the spies see that page at all) and a kind's
# listing (LISTING, catalogue_browser(): after Markdown too, but before the policy).
# INLINE=1: the sheet's renderer also returns an inline script, as a careless template change could.
SPY = """
import json, os, sys
import markdown
import almenviden.render.comply_sheet as sheet
from almenviden import cli
from almenviden.browser import csp

MARKS = ("data-av-foe-key=", "Vælg for hver anbefaling", 'class="av-browse"')
seen = {"markdown": [0, 0, 0], "policy": [0, 0, 0]}

def spy(step, function):
    def spied(*args):
        text = args[-1]
        for i, mark in enumerate(MARKS):
            seen[step][i] += text.count(mark)
        return function(*args)
    return spied

markdown.Markdown.convert = spy("markdown", markdown.Markdown.convert)
csp.with_policy = spy("policy", csp.with_policy)
if os.environ.get("INLINE"):
    render = sheet.render_sheet
    sheet.render_sheet = lambda *a, **k: render(*a, **k) + "<script>window.__inline = 1</script>"
code = cli.main(sys.argv[1:])
print("SEEN", json.dumps(seen))
sys.exit(code)
"""


def spied_build(catalogue: Path, site: Path, **env: str):
    return subprocess.run([sys.executable, "-c", SPY, "build", "--catalogue", str(catalogue), "--site-dir", str(site),
                           "-f", str(REPO / "mkdocs.yml")], cwd=REPO, env=cli_env(**env), capture_output=True,
                          text=True, timeout=600)


def test_the_sheet_skips_markdown_and_the_policys_parse_the_listings_markdown_and_all_arrive_whole(small_catalogue, tmp_path):
    """Issue 19: megabytes at sector scale, so its HTML goes into the page after both (sitebuild/fragments.py)."""
    result = spied_build(small_catalogue, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    seen = json.loads(result.stdout.split("SEEN ", 1)[1])
    assert seen["markdown"][1] >= 1 and seen["policy"][1] >= 1, "the spies did not see the sheet's page"
    assert seen["markdown"][0] == 0, "Markdown read the sheet's HTML"
    assert seen["policy"][0] == 0, "the policy's parse read the sheet's HTML"
    listings = [p for p in (tmp_path / "site").rglob("*.html") if 'class="av-browse"' in p.read_text(encoding="utf-8")]
    assert len(listings) >= 4 and seen["markdown"][2] == 0, "Markdown read a listing's HTML"
    assert seen["policy"][2] == len(listings), "a listing's HTML went in after the policy"
    html = (tmp_path / "site" / "anbefalinger" / "foelg-eller-forklar" / "index.html").read_text(encoding="utf-8")
    keys = re.findall(r'data-av-foe-key="([^"]+)"', html)
    texts = [yaml.safe_load(p.read_text(encoding="utf-8"))["recommendations"]
             for p in sorted((small_catalogue / "recommendations").glob("*.yaml"))]
    assert len(keys) == sum(len(t) for t in texts) > 0
    assert "almenviden-html" not in html  # no placeholder left
    assert html.index("Vælg for hver anbefaling") < html.index("data-av-foe-key=") < html.index("</main>")


def test_an_inline_script_in_the_sheet_stops_the_build_instead_of_being_blocked_or_unhashed(small_catalogue,
                                                                                            tmp_path):
    result = spied_build(small_catalogue, tmp_path / "site", INLINE="1")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "anbefalinger/foelg-eller-forklar.md" in output and "Content-Security-Policy" in output
    assert "<script>window.__inline = 1</script>" in output and "Traceback" not in output
