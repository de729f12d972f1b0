"""What the search index gets (issue 10): weights by where the words are, labels as metadata, hand-written
pages, the word list for the search UI and the synonym list in taxonomy.yaml. Without a browser."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from almenviden.content.loading import load_catalogue
from almenviden.render.search_record import entry_record, page_article, page_record, spelled_meta
from almenviden.search.index import index_document
from almenviden.search.words import SearchWords, function_words, read_written, symmetric_synonyms
from almenviden.content.taxonomy import load_taxonomy

from conftest import SHIPPED


def _entry_page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _record(catalogue_dir: Path, entry_id: str) -> str:
    catalogue = load_catalogue(catalogue_dir).catalogue
    return entry_record(catalogue.entries[entry_id], catalogue, directory_urls=True, today=date.today())


def test_title_and_summary_outrank_the_body_and_template_headings_count_as_body(small_catalogue):
    copy = _record(small_catalogue, "gammel-ide")
    assert re.search(r'<p class="av-summary" data-pagefind-weight="3"', copy)
    assert '<h2 id="saadan-goer-i" data-pagefind-weight="1">' in copy
    assert "<h1 " in copy and "data-pagefind-weight" not in copy.split("<h1 ")[1].split(">")[0]  # Pagefind's 7


def test_labels_are_metadata_not_body_text(small_site, small_catalogue):
    page = _entry_page(small_site, "ideer/gammel-ide")
    copy = _record(small_catalogue, "gammel-ide")
    facts = re.search(r"<dl (.*?)>", copy).group(1)
    assert "data-pagefind-ignore" in facts and 'class="av-facts"' in facts  # out of the excerpts
    labels = " ".join(re.findall(r'data-pagefind-meta="labels\d*">([^<]*)<', copy)).split()
    # Every label on the page is searchable in the metadata, in every spelling.
    chips = re.findall(r'<(?:span|a) class="av-chip"[^>]*>([^<]*)</(?:span|a)>',
                       re.search(r'<dl class="av-facts">.*?</dl>', page, re.S).group(0))
    assert chips
    # The short facts line at the top repeats labels: it is kept out of the excerpts too.
    assert re.search(r'<ul data-pagefind-ignore class="av-facts-line"', copy)
    for chip in chips:
        for word in re.findall(r"[^\W\d_]+", chip.lower()):
            assert word in labels, (word, labels)
    assert "^" not in " ".join(labels)


def test_metadata_fields_never_hold_a_word_with_a_longer_word_it_begins():
    html = spelled_meta("labels", ["Økonomi", "Økonomisk bæredygtighed"])
    fields = dict(re.findall(r'data-pagefind-meta="(labels\d*)">([^<]*)<', html))
    assert set(fields) == {"labels", "labels2"}
    assert {"økonomi", "oekonomi", "okonomi", "bæredygtighed", "baeredygtighed"} <= set(fields["labels"].split())
    assert {"økonomisk", "oekonomisk", "okonomisk"} <= set(fields["labels2"].split())
    for words in fields.values():
        words = words.split()
        assert not [(a, b) for a in words for b in words if a != b and b.startswith(a)]


def test_hand_written_pages_are_searchable_as_pages_without_their_listings(small_site):
    content = '<h1>Anbefalinger</h1><p>Efter <strong>følg eller forklar</strong>.</p>'
    assert 'data-av-kind="Side"' in page_article(content, "Anbefalinger")  # what the page itself shows
    copy = index_document(page_record(content, "Anbefalinger"), "da")
    assert 'data-av-kind="Side"' in copy and 'data-pagefind-filter="type:side"' in copy
    assert '<strong data-pagefind-weight="3">følg^foelg' in copy
    built = (small_site / "om" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-body data-av-title="Om almenviden" data-av-kind="Side"' in built
    listing = (small_site / "ideer" / "index.html").read_text(encoding="utf-8")
    assert 'class="av-browse" data-pagefind-ignore="all"' in listing
    assert "data-pagefind-body" not in (small_site / "soeg" / "index.html").read_text(encoding="utf-8")


def test_word_list_counts_indexed_words_only():
    words = SearchWords({"kasserer": ["regnskab"]}, [("emne", "oekonomi", "Økonomi")])
    words.add('<article><h1>Økonomi^oekonomi^okonomi i afdelingen</h1><script>skjult()</script>'
              '<dl data-pagefind-ignore class="av-facts"><dt>Årstid</dt><dd>Vinter</dd></dl>'
              '<div hidden data-pagefind-ignore data-pagefind-meta="labels">vinter</div>'
              '<ul data-pagefind-ignore="all"><li>Kortliste</li></ul><p>Økonomi igen</p></article>')
    data = words.data()
    assert data["words"][0] == "økonomi"  # most frequent first
    assert {"afdelingen", "vinter"} <= set(data["words"])
    assert not {"årstid", "kortliste", "skjult"} & set(data["words"])
    assert {"oekonomi", "okonomi"} <= set(data["forms"])
    assert data["synonyms"] == {"kasserer": ["regnskab"], "regnskab": ["kasserer"]}
    assert data["topics"] == [["emne", "oekonomi", "Økonomi"]]


def test_the_word_list_names_the_danish_function_words_a_query_can_leave_out():
    words = function_words()
    assert {"og", "hvad", "hvordan", "vi", "jeg", "til", "på", "må"} <= set(words)  # Snowball's list and ours
    assert "have" not in words  # a garden here
    assert not {"formand", "afdelingsmøde", "kommunen", "ældre"} & set(words)
    assert SearchWords().data()["functionWords"] == words


def test_synonyms_work_both_ways():
    both = symmetric_synonyms({"kasserer": ["økonomi", "regnskab"], "regnskab": ["budget"]})
    assert both["kasserer"] == ["økonomi", "regnskab"]
    assert both["økonomi"] == ["kasserer"]
    assert both["regnskab"] == ["kasserer", "budget"]
    assert both["budget"] == ["regnskab"]


def test_the_built_site_has_the_word_list_with_synonyms_and_topics(small_site):
    data = read_written(small_site / "pagefind")
    taxonomy, problems = load_taxonomy(SHIPPED / "taxonomy.yaml")
    assert not problems
    assert data["synonyms"] == symmetric_synonyms(taxonomy.synonyms)
    assert "kasserer" in data["synonyms"] and "kasserer" in data["synonyms"]["regnskab"]
    assert data["words"] and data["topics"]
    assert all(facet in ("maal", "emne") for facet, _, _ in data["topics"])


def test_shipped_synonyms_load(tmp_path):
    taxonomy, problems = load_taxonomy(SHIPPED / "taxonomy.yaml")
    assert not problems
    assert taxonomy.synonyms["kasserer"][:2] == ("økonomi", "regnskab")
    assert "tryghed" in taxonomy.synonyms["hærværk"]
    assert "persondata" in taxonomy.synonyms["gdpr"]


def test_bad_synonyms_are_reported_in_danish_at_their_line(tmp_path):
    text = (SHIPPED / "taxonomy.yaml").read_text(encoding="utf-8").split("\nsynonyms:")[0]
    bad = tmp_path / "taxonomy.yaml"
    bad.write_text(text + "\nsynonyms:\n  kasserer: [økonomi, 42]\n  r2d2: [robot]\n  tom: []\n", encoding="utf-8")
    base = text.count("\n") + 2
    taxonomy, problems = load_taxonomy(bad)
    messages = {p.line: p.message for p in problems}
    assert "'42' under 'kasserer' skal være et ord" in messages[base + 1]
    assert "Synonymet 'r2d2' skal være et ord" in messages[base + 2]
    assert "Skriv synonymerne for 'tom' som en liste" in messages[base + 3]
    assert taxonomy.synonyms == {"kasserer": ("økonomi",)}
