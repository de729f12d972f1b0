"""Entry page layout (issue 11), from the rendered HTML: the compact facts line links to the catalogue filtered
by each value (with and without directory URLs), long pages get a table of contents, and the statement page
takes its link from the configuration."""

from __future__ import annotations

import re
from datetime import date

import markupsafe
import pytest

from almenviden.render.entry_page import render_entry
from almenviden.render.statement import render_statement


@pytest.mark.parametrize("directory_urls,catalogue", [(True, "../"), (False, "index.html")])
def test_the_facts_line_links_each_value_to_the_filtered_catalogue(shipped, directory_urls, catalogue):
    entry = next(e for e in shipped.of_kind("ideas") if e.details["cost"] == "gratis")
    html = render_entry(entry, shipped, directory_urls=directory_urls, today=date(2026, 1, 1))
    line = re.search(r'<ul class="av-facts-line"[^>]*>(.*?)</ul>', html, re.S).group(1)
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', line)
    assert links[0] == (f"{catalogue}?udgift=gratis", "Gratis")
    for season in ([entry.details["season"]] if isinstance(entry.details["season"], str) else entry.details["season"]):
        assert (f"{catalogue}?aarstid={season}", shipped.taxonomy.label("seasons", season)) in links
    # The facts line comes before the body, the full facts after it.
    assert html.index("av-facts-line") < html.index('class="av-body"') < html.index('id="fakta"')


def test_a_long_entry_has_a_table_of_contents_of_its_sections(shipped):
    entry = shipped.of_kind("recommendations")[0]
    html = render_entry(entry, shipped, today=date(2026, 1, 1))
    toc = re.search(r'<nav class="av-toc[^"]*" aria-label="Indhold på siden">(.*?)</nav>', html, re.S).group(1)
    targets = re.findall(r'<a href="#([^"]+)">', toc)
    headings = re.findall(r'<h2 id="([^"]+)">', html)
    assert targets == headings and "foelg-eller-forklar" in targets
    assert "<!--av-toc-->" not in html


def test_the_statement_links_to_the_organisations_was_statement_and_gives_the_date():
    html = render_statement({"was_url": "https://was.digst.dk/eksempel-dk", "checked": date(2026, 12, 1),
                             "email": "web@eksempel.dk"}, "almenviden")
    assert '<a href="https://was.digst.dk/eksempel-dk">' in html and "1. december 2026" in html
    assert 'href="mailto:web@eksempel.dk"' in html
    for heading in ("Det er tilgængeligt", "Kendte mangler", "Sådan melder du et problem", "Senest tjekket"):
        assert heading in html
    default = render_statement(None, "almenviden")
    assert "was.digst.dk" in default and "<a href=\"https://was" not in default
    assert 'href="javascript' not in render_statement({"was_url": "javascript:alert(1)"}, "x")


def test_an_ideas_participant_number_is_shown_as_an_estimate_not_a_measurement(shipped):
    """Issue 18: a reader must see that "10–30 beboere" is planning guidance; cited figures stand in the text."""
    entry = shipped.of_kind("ideas")[0]
    html = render_entry(entry, shipped, today=date(2026, 1, 1))
    facts = re.search(r'<dl[^>]*class="av-facts">(.*?)</dl>', html, re.S).group(1)
    pairs = dict(re.findall(r"<dt>([^<]+)</dt>\s*<dd>(.*?)</dd>", facts, re.S))
    assert pairs["Deltagere (vejledende skøn)"] == str(markupsafe.escape(entry.details["participants"]))
    assert "Deltagere" not in pairs
