"""Search index without a browser: Danish alternative spellings, filters, and what the build writes."""

from __future__ import annotations

import re

import pytest

from almenviden.danish.fold import annotate, annotate_html, variants
from almenviden.render.facets import browse_config, entry_filters
from almenviden.render.search_record import page_record
from almenviden.search.index import index_document


@pytest.mark.parametrize("word, expected", [
    ("økonomi", ["oekonomi", "okonomi"]),
    ("Æbler", ["aebler", "abler"]),
    ("Århus", ["aarhus"]),  # Pagefind itself folds å to a
    ("gården", ["gaarden"]),
    ("før", ["foer"]),  # no bare "for": too short, and a common word
    ("fællesskabsrådgiver", ["faellesskabsraadgiver", "faellesskabsrådgiver", "fallesskabsrådgiver",
                             "fallesskabsraadgiver"]),
    ("bestyrelse", []),
])
def test_variants(word, expected):
    assert variants(word) == expected


def test_annotate_marks_only_words_with_danish_letters():
    assert annotate("Afdelingens økonomi, 2024.") == "Afdelingens økonomi^oekonomi^okonomi, 2024."


def test_annotate_html_leaves_tags_and_attributes_alone():
    html = '<p title="Æble">Et æble</p><a href="/gården/">gården</a>'
    assert annotate_html(html) == '<p title="Æble">Et æble^aeble^able</p><a href="/gården/">gården^gaarden</a>'


def test_index_document_is_the_record_only():
    # Issue 12: the record is made from the page's content, not cut out of the whole page (menu, footer).
    copy = index_document(page_record("<h1>Æble</h1>", "Æble"), "da")
    assert '<html lang="da">' in copy
    # The article with its alternative spellings; since issue 10 the title's words in every spelling also
    # go to a hidden metadata field (see test_search_weights.py).
    assert ('data-pagefind-body data-av-title="Æble"' in copy and '<h1>Æble^aeble^able</h1>'
            '<div hidden data-pagefind-ignore data-pagefind-meta="titlewords">æble able aeble</div></article>') in copy
    assert copy.count("<article") == 1 and copy.endswith("</article></body></html>")
    assert "titlewords" not in page_record("<p>Forside</p>", "Forside")


def test_entry_filters_use_keys_and_a_whole_year_idea_is_in_every_season(shipped):
    idea = next(e for e in shipped.of_kind("ideas") if "hele-aaret" in e.details["season"])
    pairs = entry_filters(idea)
    assert ("type", "ideer") in pairs
    assert {v for f, v in pairs if f == "aarstid"} == {"hele-aaret", "foraar", "sommer", "efteraar", "vinter"}
    assert ("udgift", idea.details["cost"]) in pairs
    course = shipped.of_kind("courses")[0]
    assert ("niveau", course.details["level"]) in entry_filters(course)
    assert not [f for f, _ in entry_filters(course) if f in ("udgift", "aarstid")]


def test_browse_config_has_danish_labels_in_taxonomy_order(shipped):
    config = browse_config(shipped, "ideas")
    assert config["fixed"] == {"type": ["ideer"]}
    cost = next(f for f in config["facets"] if f["key"] == "udgift")
    assert cost["label"] == "Udgift" and [v[0] for v in cost["values"]] == shipped.taxonomy.keys("cost")
    assert "type" not in [f["key"] for f in config["facets"]]
    assert browse_config(shipped, None)["facets"][0]["key"] == "type"


def test_build_writes_the_index_and_pages_carry_clean_metadata(small_site):
    bundle = small_site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert list(bundle.glob("wasm.da.pagefind")) and list((bundle / "fragment").iterdir())
    assert not (bundle / "pagefind-ui.js").exists()  # the site uses its own UI
    # Filter-only searches (the catalogue without a query) must not fetch the whole word index.
    assert 'let index_resp=term?this.backend.request_indexes(ptr,term):"[]";' in (bundle / "pagefind.js").read_text()
    page = (small_site / "ideer" / "gammel-ide" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-meta="title[data-av-title], summary[data-av-summary], kind[data-av-kind]' in page
    assert 'data-pagefind-filter="aarstid:sommer"' in page and 'data-pagefind-filter="type:ideer"' in page
    assert not re.search(r"\w\^\w", page)  # alternative spellings are for the index only
    assert 'class="av-search"' in page and "assets/almenviden/search-box.js" in page


def test_a_bundle_is_whole_only_when_every_file_is_finished(small_site, tmp_path):
    import asyncio
    import shutil
    from concurrent.futures import ThreadPoolExecutor

    def run(coroutine):  # in a thread of its own: the browser tests' Playwright keeps a loop in this one
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, coroutine).result()

    from almenviden.search.index import SearchIndexError, _until_whole, unfinished_bundle_files

    bundle = tmp_path / "pagefind"
    shutil.copytree(small_site / "pagefind", bundle)
    assert unfinished_bundle_files(bundle) == []
    script = bundle / "pagefind.js"
    whole = script.read_bytes()
    script.write_bytes(whole[:32768])  # what a service stopped mid-write once left behind
    fragment = next((bundle / "fragment").iterdir())
    fragment.write_bytes(fragment.read_bytes()[:-4])
    assert set(unfinished_bundle_files(bundle)) == {script, fragment}
    with pytest.raises(SearchIndexError, match="ikke søgeindekset færdigt"):
        run(_until_whole(bundle, timeout=0.3, pause=0.1))

    async def finish_later():
        waiting = asyncio.ensure_future(_until_whole(bundle, timeout=30, pause=0.05))
        await asyncio.sleep(0.3)
        assert not waiting.done()  # still waiting for the files to be whole
        script.write_bytes(whole)
        shutil.copy(small_site / "pagefind" / "fragment" / fragment.name, fragment)
        await asyncio.wait_for(waiting, 10)

    run(finish_later())
