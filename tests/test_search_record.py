"""The search records (issue 12): what Pagefind indexes for an entry is made from the Entry (its title,
summary, body, filters, facts) through the entry template's search mode, and a hand-written page's record
from its content and title; nothing is read back from the page's HTML. Without MkDocs and without a browser."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from markupsafe import escape

from almenviden.sitebuild.cache import package_files
from almenviden.content.kinds import KINDS
from almenviden.danish.fold import annotate, annotate_html, variants
from almenviden.render.entry_page import entry_facts, render_entry
from almenviden.render.environment import TEMPLATE_DIR
from almenviden.render.facets import entry_filters
from almenviden.render.markdown import render_markdown
from almenviden.render.search_record import LABELS_META, TITLE_META, entry_record, page_record

TODAY = date(2026, 12, 2)
_WORD = re.compile(r"[^\W\d_]+")


def _meta_words(record: str, name: str) -> set[str]:
    fields = re.findall(rf'<div hidden data-pagefind-ignore data-pagefind-meta="{name}\d*">([^<]*)</div>', record)
    return {w for field in fields for w in field.split()}


def _spelled(texts) -> set[str]:
    """The words of `texts`, lower case, each with its other spellings (danish/fold.variants)."""
    words = {w.lower() for t in texts for w in _WORD.findall(t)}
    return words | {v for w in words for v in variants(w)}


def _one_of_each_kind(catalogue):
    chosen = []
    for kind in KINDS:
        entries = catalogue.of_kind(kind)
        assert entries, f"the shipped catalogue has no {kind}"
        # The entry with the most facts: every optional section and fact of the kind is likelier in it.
        chosen.append(max(entries, key=lambda e: (len(entry_facts(e, catalogue)), len(e.related), len(e.sources))))
    return chosen


@pytest.fixture(scope="module")
def records(shipped):
    """(entry, page content, search record) for one entry of each kind, both URL styles."""
    out = []
    for entry in _one_of_each_kind(shipped):
        for directory_urls in (True, False):
            page = render_entry(entry, shipped, directory_urls=directory_urls, today=TODAY)
            out.append((entry, page, entry_record(entry, shipped, directory_urls=directory_urls, today=TODAY)))
    return out


def test_a_record_is_one_article_with_the_summary_weighted_above_the_body(records):
    for entry, page, record in records:
        assert record.startswith('<article class="av-entry') and record.endswith("</article>")
        assert record.count("<article") == 1 and "<!--" not in record  # no slot or marker left over
        summary = annotate(str(escape(entry.summary)))
        assert f'<p class="av-summary" data-pagefind-weight="3">{summary}</p>' in record, entry.id
        # The body, as rendered for the page, with its other spellings (økonomi^oekonomi^okonomi).
        assert annotate_html(render_markdown(entry.body)) in record, entry.id
        # The page itself shows none of the search's markup.
        assert "data-pagefind-weight" not in page and "data-pagefind-ignore" not in page


def test_the_reader_list_button_is_on_the_page_and_not_in_the_record(records):
    """"Føj til min liste" (browser/min-liste.js) is a control of the page, not text of the entry to search."""
    for entry, page, record in records:
        assert f'data-av-list-id="{entry.id}"' in page and "Føj til min liste" in page, entry.id
        assert "av-list-toggle" not in record and "min liste" not in record.casefold(), entry.id


def test_every_section_heading_weighs_as_body_text_and_the_title_keeps_its_own_weight(records):
    for entry, page, record in records:
        page_ids = re.findall(r'<h2 id="([a-z0-9-]+)">', page)
        assert "fakta" in page_ids and len(page_ids) >= 3, entry.id
        # The same sections, each weighted 1, and no other <h2 id> (the body's headings have no id).
        assert re.findall(r'<h2 id="([a-z0-9-]+)" data-pagefind-weight="1">', record) == page_ids, entry.id
        assert len(re.findall(r"<h2 id=", record)) == len(page_ids)
        h1 = re.search(r"<h1 ([^>]*)>(.*?)</h1>", record)
        assert "data-pagefind-weight" not in h1.group(1) and h1.group(2) == annotate(str(escape(entry.title)))


def test_the_facts_are_metadata_and_not_body_text(records, shipped):
    for entry, page, record in records:
        facts = entry_facts(entry, shipped)
        assert facts
        listed = re.search(r"<dl ([^>]*)>(.*?)</dl>", record, re.S)
        assert listed.group(1) == 'data-pagefind-ignore class="av-facts"', entry.id
        assert re.findall(r"<dt>([^<]*)</dt>", listed.group(2)) == [annotate(str(escape(f.name))) for f in facts]
        if '<ul class="av-facts-line"' in page:
            assert '<ul data-pagefind-ignore class="av-facts-line"' in record
        # The metadata follows the facts list; its words are the facts' values as the page writes them
        # (escaped) and the title's, each in every spelling, and nothing else.
        assert record.index("</dl>") + len("</dl>") == record.index('<div hidden data-pagefind-ignore')
        labels = _meta_words(record, LABELS_META)
        assert labels == _spelled(str(escape(v)) for f in facts for v in f.values), entry.id
        assert _meta_words(record, TITLE_META) == _spelled([entry.title]), entry.id
        assert "^" not in " ".join(labels)
        # Outside the parts Pagefind ignores, no fact's value is left as text of its own.
        indexed = re.sub(r"<(dl|ul|div)\b[^>]*data-pagefind-ignore[^>]*>.*?</\1>", "", record, flags=re.S)
        assert "<dt>" not in indexed and "av-chip" not in indexed


def test_the_record_carries_the_entrys_filters_and_metadata_attributes(records):
    for entry, _, record in records:
        for name, value in entry_filters(entry):
            assert f'<span data-pagefind-filter="{escape(name)}:{escape(value)}"></span>' in record
        head = record.split(">", 1)[0]
        assert f'data-av-title="{escape(entry.title)}"' in head and f'data-av-summary="{escape(entry.summary)}"' in head


def test_each_kind_has_its_own_partial_and_entry_html_no_kind_branches():
    entry_html = (TEMPLATE_DIR / "entry.html").read_text(encoding="utf-8")
    assert "entry.kind ==" not in entry_html
    for kind in KINDS:
        partial = TEMPLATE_DIR / "kinds" / f"{kind}.html"
        text = partial.read_text(encoding="utf-8")
        # Its sections go through heading(), so the search weighs them like the others.
        assert "heading(" in text and "<h2" not in text, partial


def test_every_template_shapes_the_cache_fingerprint():
    fingerprinted = set(package_files())
    templates = [p for p in TEMPLATE_DIR.rglob("*.html")]
    assert any(p.parent.name == "kinds" for p in templates)
    assert not [p for p in templates if p not in fingerprinted]


def test_a_hand_written_pages_record_has_its_title_words_and_key_terms():
    content = ('<h1 id="om">Om <em>boligafdelingens</em> økonomi &amp; drift</h1>\n'
               '<p>Bestyrelsen <strong>følger eller forklarer</strong>.</p>')
    record = page_record(content, "Økonomi i afdelingen")
    assert record.startswith('<article class="av-page" data-pagefind-body data-av-title="Økonomi i afdelingen"')
    assert record.count("<article") == 1 and record.endswith("</article>")
    assert 'data-pagefind-filter="type:side"' in record and 'data-av-kind="Side"' in record
    # The page's text with its other spellings, its bold text weighted like an entry's summary.
    assert '<strong data-pagefind-weight="3">følger^foelger^folger eller forklarer</strong>' in record
    assert "økonomi^oekonomi^okonomi" in record
    # The title words: those of the page's own <h1>, tags and entities aside, in every spelling.
    heading = unescape(re.sub(r"<[^>]*>", " ", re.search(r"<h1[^>]*>(.*?)</h1>", content).group(1)))
    assert _meta_words(record, TITLE_META) == _spelled([heading])
    assert "amp" not in _meta_words(record, TITLE_META) and "em" not in _meta_words(record, TITLE_META)
    assert _meta_words(record, LABELS_META) == set()
    # A page without its own <h1> has no title words (its title is Material's heading, outside the record).
    assert TITLE_META not in page_record("<p>Tekst</p>", "Forside")
