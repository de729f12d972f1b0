"""Building the site: every entry gets its page with all its fields, safely, in Danish."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape

from almenviden.danish.dates import danish_date
from almenviden.content.kinds import KINDS
from almenviden.content.loading import load_catalogue

from conftest import FIXTURES, REPO, make_catalogue, run_cli

MAX_ENTRY_PAGE_BYTES = 60_000


def page_of(site: Path, entry) -> str:
    return (site / KINDS[entry.kind].url_dir / entry.id / "index.html").read_text(encoding="utf-8")


def has(html: str, text) -> bool:
    return str(escape(str(text))) in html


def test_shipped_catalogue_meets_the_starter_minimums(shipped):
    counts = {kind: len(shipped.of_kind(kind)) for kind in KINDS}
    assert counts["ideas"] >= 40 and counts["courses"] >= 10
    assert counts["recommendations"] >= 10 and counts["guides"] >= 2
    ideas = shipped.of_kind("ideas")
    tax = shipped.taxonomy
    for field, category in (("cost", "cost"), ("season", "seasons"), ("housing_types", "housing_types")):
        used = set()
        for idea in ideas:
            value = idea.details[field]
            used.update(value if isinstance(value, (list, tuple)) else [value])
        assert used >= set(tax.keys(category)) - {"hele-aaret"}, (field, set(tax.keys(category)) - used)
    assert {g for e in shipped.entries.values() for g in e.goals} == set(tax.keys("goals"))


def test_every_entry_has_its_page_with_its_fields(shipped, shipped_site):
    tax = shipped.taxonomy
    for entry in shipped.entries.values():
        html = page_of(shipped_site, entry)
        where = f"{entry.kind}/{entry.id}"
        assert re.search(r"<h1[^>]*>" + re.escape(str(escape(entry.title))) + "</h1>", html), where
        assert len(re.findall(r"<h1[\s>]", html)) == 1, where
        for text in (entry.summary, entry.owner, "Sidst opdateret", danish_date(entry.updated),
                     danish_date(entry.review_by)):
            assert has(html, text), (where, text)
        for goal in entry.goals:
            assert has(html, tax.label("goals", goal)), (where, goal)
        for aud in entry.audience:
            assert has(html, tax.label("audiences", aud)), (where, aud)
        for source in entry.sources:
            assert has(html, source.url), (where, source.url)
        for rel in entry.related:
            assert has(html, shipped.entries[rel].title), (where, rel)
        d = entry.details
        if entry.kind == "ideas":
            steps = re.search(r'<ol class="av-steps">(.*?)</ol>', html, re.S).group(1)
            assert steps.count("<li>") == len(d["steps"]), where
            for step in d["steps"]:
                assert has(steps, step), (where, step)
            for key, category in (("cost", "cost"), ("time", "time")):
                assert has(html, tax.label(category, d[key])), (where, key)
            for season in d["season"]:
                assert has(html, tax.label("seasons", season)), (where, season)
            for housing in d["housing_types"]:
                assert has(html, tax.label("housing_types", housing)), (where, housing)
            for f in d.get("funding") or []:
                assert has(html, tax.label("funding_sources", f["source"])), (where, f)
            for ex in d.get("examples") or []:
                assert has(html, ex["what"].strip()) and has(html, ex["where"]), (where, ex)
                if ex.get("illustrative"):
                    assert has(html, "Tænkt eksempel: " + ex["where"]), (where, ex)
                else:
                    assert has(html, ex["source"]["url"]) and has(html, ex["source"]["title"]), (where, ex)
            assert has(html, d["participants"]), where
        elif entry.kind == "courses":
            for item in d["agenda"]:
                assert has(html, item["item"]), (where, item)
            for objective in d["objectives"]:
                assert has(html, objective), (where, objective)
            assert has(html, tax.label("course_formats", d["format"])), where
            assert has(html, tax.label("course_levels", d["level"])), where
            assert has(html, d["provider"]["name"]) and has(html, " ".join(d["signup"]["how"].split())), where
        elif entry.kind == "recommendations":
            for rec in d["recommendations"]:
                assert has(html, rec), (where, rec)
            for rule in d.get("rules") or []:
                assert has(html, rule["reference"]), (where, rule)
            assert has(html, " ".join(d["comply_or_explain"].split())) or has(html, d["comply_or_explain"]), where
        elif entry.kind == "guides":
            path = re.search(r'<ol class="av-path">(.*?)</ol>', html, re.S).group(1)
            assert path.count("<li>") == len(d["steps"]), where
            for step in d["steps"]:
                assert has(path, shipped.entries[step["entry"]].title), (where, step)


def test_entry_pages_stay_small_and_nav_lists_no_entries(shipped, shipped_site):
    sizes = {e.id: len(page_of(shipped_site, e).encode()) for e in shipped.entries.values()}
    assert max(sizes.values()) <= MAX_ENTRY_PAGE_BYTES, max(sizes.items(), key=lambda kv: kv[1])
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary[^"]*".*?</nav>', home, re.S).group(0)
    for entry in shipped.entries.values():
        assert f"/{entry.id}/" not in nav


def test_listing_pages_link_every_entry(shipped, shipped_site):
    for kind, info in KINDS.items():
        listing = (shipped_site / info.url_dir / "index.html").read_text(encoding="utf-8")
        for entry in shipped.of_kind(kind):
            assert f'href="{entry.id}/"' in listing, (kind, entry.id)


def test_site_is_danish_and_requests_no_other_host(shipped_site):
    external = re.compile(r"<(?:script|link|img|iframe|source|audio|video|embed)\b[^>]*?\b(?:src|href)=\"?(?:https?:)?//",
                          re.I)
    css_external = re.compile(r"@import\s+(?:url\()?['\"]?(?:https?:)?//|url\(['\"]?(?:https?:)?//", re.I)
    pages = list(shipped_site.rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not external.search(html), (page, external.search(html).group(0))
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
    for page in pages[:5]:
        assert '<html lang="da"' in page.read_text(encoding="utf-8")
    for css in shipped_site.rglob("*.css"):
        assert not css_external.search(css.read_text(encoding="utf-8")), css


def test_edit_link_opens_the_yaml_file(shipped, shipped_site):
    entry = next(iter(shipped.entries.values()))
    html = page_of(shipped_site, entry)
    assert f"/edit/main/catalogue/{entry.kind}/{entry.id}.yaml" in html


def test_entry_content_is_sanitized_and_never_jinja(small_site):
    html = (small_site / "ideer" / "hostile-idea" / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", html, re.S).group(0)
    # The entry's data for "Ret i formularen" is JSON, inert and without any < > & (tests/test_hostile_text.py
    # checks every page's); the rest of the article is checked as markup.
    data = re.search(r'<script type="application/json" id="bidrag-data">(.*?)</script>', article, re.S)
    assert not re.search(r"[<>&]", data.group(1))
    article = article.replace(data.group(0), "")
    assert "<script>alert" not in article and "onerror" not in article and "javascript:" not in article
    assert "<img" not in article
    assert "&lt;b&gt;HTML&lt;/b&gt;" in article  # a tag in the title is text
    assert "{{ config.site_name }}" in article and "{% if true %}jinja{% endif %}" in article
    assert "{{ 7 * 7 }}" in article and "49" not in article
    assert 'href="https://example.org/ok"' in article
    assert "<strong>fed</strong>" in article
    listing = (small_site / "ideer" / "index.html").read_text(encoding="utf-8")
    assert "{{ config.site_name }}" in listing and "&lt;b&gt;HTML&lt;/b&gt;" in listing


def test_catalogue_outside_the_repo_gets_no_edit_link(small_site):
    html = (small_site / "ideer" / "hostile-idea" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/" not in html


def test_overdue_entries_say_so(small_site):
    old = (small_site / "ideer" / "gammel-ide" / "index.html").read_text(encoding="utf-8")
    fresh = (small_site / "ideer" / "hostile-idea" / "index.html").read_text(encoding="utf-8")
    assert "Skal gennemgås" in old and "1. januar 2022" in old
    assert "Skal gennemgås" not in fresh
    assert "Sidst opdateret <time datetime=\"2024-08-04\">4. august 2024</time>" in fresh


def test_guide_links_to_its_steps_in_order(small_site):
    html = (small_site / "introforloeb" / "test-forloeb" / "index.html").read_text(encoding="utf-8")
    first = html.index('href="../../kurser/kort-kursus/"')
    second = html.index('href="../../ideer/hostile-idea/"')
    assert first < second


def test_build_with_a_broken_catalogue_fails_with_file_and_line(tmp_path):
    catalogue = make_catalogue(tmp_path / "cat", FIXTURES / "small")
    broken = catalogue / "ideas" / "gammel-ide.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("cost: hoej", "cost: dyr"), encoding="utf-8")
    result = run_cli("build", "--catalogue", str(catalogue), "--site-dir", str(tmp_path / "site"),
                     "-f", str(REPO / "mkdocs.yml"))
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "gammel-ide.yaml:11:7:" in output and "'dyr' er ikke en gyldig værdi for 'cost'" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_build_shows_warnings_and_still_builds(tmp_path):
    """A source with no page is a warning: the build prints it with file:line:col and writes the site."""
    catalogue = make_catalogue(tmp_path / "cat", FIXTURES / "good" / "source-host-only")
    result = run_cli("build", "--catalogue", str(catalogue), "--site-dir", str(tmp_path / "site"),
                     "-f", str(REPO / "mkdocs.yml"))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "source-host-only.yaml:25:10: advarsel: Skriv adressen på den side" in output
    assert any((tmp_path / "site").rglob("source-host-only/index.html"))


def test_long_listings_become_a_compact_title_list(small_catalogue):
    from almenviden.render.listings import CARD_LIMIT, render_cards

    catalogue = load_catalogue(small_catalogue).catalogue
    idea = catalogue.entries["gammel-ide"]
    short = render_cards([idea] * 3, catalogue, "ideer/")
    assert short.count('class="av-card"') == 3 and "av-card-summary" in short
    long = render_cards([idea] * (CARD_LIMIT + 1), catalogue, "ideer/")
    assert "av-card" not in long and long.count('<li><a href="gammel-ide/">') == CARD_LIMIT + 1
    assert len(long) < len(short) / 3 * (CARD_LIMIT + 1) / 4
