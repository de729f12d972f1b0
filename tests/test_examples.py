"""Examples a reader can trust (issue 10): each example has a public source or says it is made up, and each
course says who offers it and how to sign up. Checked in `check`, on the pages and in `almenviden new`."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from conftest import FIXTURES, SHIPPED, make_catalogue, run_cli
from almenviden.content.scaffold import render_scaffold
from almenviden.content.taxonomy import load_taxonomy
from almenviden.content.yaml_source import parse_text

HOSTILE = "ideas/hostile-idea.yaml"
ILLUSTRATIVE = "    illustrative: true\n"
SOURCE = ("    source:\n"
          "      title: \"Artikel om <b>idéen</b>\"\n"
          "      url: https://example.org/artikel\n")


def _catalogue(tmp_path, old: str, new: str):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    path = catalogue / HOSTILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return catalogue, path.read_text(encoding="utf-8")


def _line_of(text: str, line_text: str) -> int:
    return text.splitlines().index(line_text) + 1


def _check(tmp_path, catalogue):
    result = run_cli("check", "--catalogue", str(catalogue), cwd=tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_an_example_with_neither_source_nor_illustrative_is_named_at_its_line(tmp_path):
    catalogue, text = _catalogue(tmp_path, ILLUSTRATIVE, "")
    result = _check(tmp_path, catalogue)
    assert result.returncode == 1
    line = _line_of(text, "  - where: En afdeling i Herlev")
    errors = [x for x in result.stdout.splitlines() if ": fejl: " in x]
    assert errors == [f"catalogue/{HOSTILE}:{line}:5: fejl: Eksemplet 'examples → punkt 1' mangler en kilde. "
                      "Tilføj 'source:' med 'title:' og 'url:' på den offentlige side, der beskriver det, eller "
                      "skriv 'illustrative: true', hvis eksemplet er tænkt (uden opfundne tal)."], result.stdout


def test_an_example_with_both_is_rejected(tmp_path):
    catalogue, text = _catalogue(tmp_path, SOURCE, SOURCE + ILLUSTRATIVE)
    result = _check(tmp_path, catalogue)
    assert result.returncode == 1
    line = _line_of(text, "  - where: Et boligselskab i Roskilde")
    assert (f"catalogue/{HOSTILE}:{line}:5: fejl: Eksemplet 'examples → punkt 2' har både 'source' og "
            "'illustrative'.") in result.stdout, result.stdout
    assert "slet linjen 'illustrative: true'" in result.stdout


def test_illustrative_must_be_true(tmp_path):
    catalogue, text = _catalogue(tmp_path, ILLUSTRATIVE, "    illustrative: false\n")
    result = _check(tmp_path, catalogue)
    line = _line_of(text, "    illustrative: false")
    assert (f"catalogue/{HOSTILE}:{line}:19: fejl: 'examples → punkt 1 → illustrative' skal være true."
            in result.stdout), result.stdout


def test_a_source_needs_a_title_and_an_https_url(tmp_path):
    catalogue, text = _catalogue(tmp_path, "      url: https://example.org/artikel\n",
                                 "      url: example.org/artikel\n")
    result = _check(tmp_path, catalogue)
    line = _line_of(text, "      url: example.org/artikel")
    assert f"catalogue/{HOSTILE}:{line}:12: fejl: 'example.org/artikel' i 'examples → punkt 2 → source → url' " \
           "skal være en webadresse, der starter med https://." in result.stdout, result.stdout


def test_a_danish_key_for_the_source_is_reported_once_with_a_suggestion(tmp_path):
    catalogue, text = _catalogue(tmp_path, SOURCE, SOURCE.replace("    source:", "    kilde:"))
    result = _check(tmp_path, catalogue)
    errors = [x for x in result.stdout.splitlines() if ": fejl: " in x]
    line = _line_of(text, "    kilde:")
    assert errors == [f"catalogue/{HOSTILE}:{line}:5: fejl: Ukendt felt 'kilde'. Mente du 'source'?"], errors


def _article(site, *parts: str) -> str:
    page = site.joinpath(*parts, "index.html").read_text(encoding="utf-8")
    return re.search(r"<article.*?</article>", page, re.S).group(0)


def test_pages_show_the_source_or_say_the_example_is_made_up(small_site):
    article = _article(small_site, "ideer", "hostile-idea")
    headings = re.findall(r"<h3[^>]*>(.*?)</h3>", article, re.S)
    assert headings == ["Tænkt eksempel: En afdeling i Herlev, 2023", "Et boligselskab i Roskilde"]
    sourced = article[article.index("Et boligselskab i Roskilde"):]
    assert ('Kilde: <a href="https://example.org/artikel">Artikel om &lt;b&gt;idéen&lt;/b&gt;</a>'
            in sourced), sourced
    assert "Kilden fortæller om &lt;i&gt;idéen&lt;/i&gt;." in sourced
    made_up = article[article.index("Tænkt eksempel"):article.index("Et boligselskab i Roskilde")]
    assert "Kilde:" not in made_up and "<a " not in made_up


def test_course_page_shows_provider_and_signup(small_site):
    article = _article(small_site, "kurser", "kort-kursus")
    section = article[article.index('id="tilmelding"'):]
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", section))
    assert "Sådan tilmelder du dig" in text
    assert re.search(r"Udbydes af\s+Testboligorganisationen", text)
    assert '<a href="https://example.org/kurser">Testboligorganisationen</a>' in section
    assert "Skriv til kursusafdelingen senest en uge før." in text
    assert "Pris:" in text and "Gratis for afdelingsbestyrelser" in text
    assert 'href="https://example.org/kurser/tilmelding"' in section


def test_course_without_price_or_links_shows_no_empty_lines(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    path = catalogue / "courses" / "kort-kursus.yaml"
    text = path.read_text(encoding="utf-8")
    for line in ("  url: https://example.org/kurser\n", "  url: https://example.org/kurser/tilmelding\n",
                 "  price: Gratis for afdelingsbestyrelser\n"):
        text = text.replace(line, "")
    path.write_text(text, encoding="utf-8")
    from almenviden.render.entry_page import render_entry
    from almenviden.content.loading import load_catalogue

    loaded = load_catalogue(catalogue)
    assert loaded.ok, loaded.diagnostics
    html = render_entry(loaded.catalogue.entries["kort-kursus"], loaded.catalogue)
    section = html[html.index('id="tilmelding"'):]
    assert "Udbydes af Testboligorganisationen." in section and "Pris:" not in section
    assert "<a " not in section.split("</div>")[0]


@pytest.mark.parametrize("field", ["provider", "signup"])
def test_a_course_without_provider_or_signup_is_rejected(tmp_path, field):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    path = catalogue / "courses" / "kort-kursus.yaml"
    text, removed = re.subn(rf"^{field}:\n(?:  .*\n)+", "", path.read_text(encoding="utf-8"), flags=re.M)
    assert removed == 1
    path.write_text(text, encoding="utf-8")
    result = _check(tmp_path, catalogue)
    assert result.returncode == 1
    assert f"catalogue/courses/kort-kursus.yaml:1:1: fejl: Feltet '{field}' mangler." in result.stdout, result.stdout


def test_new_course_template_asks_for_provider_and_signup():
    taxonomy = load_taxonomy(SHIPPED / "taxonomy.yaml")[0]
    text = render_scaffold("courses", "Prøvekursus", taxonomy, None)
    data = parse_text(text).value
    assert data["provider"] == {"name": ""} and data["signup"] == {"how": ""}
    assert "'url'" in text and "'price'" in text  # the optional fields are explained in the comments
    ideas = render_scaffold("ideas", "Prøveidé", taxonomy, None)
    assert "source:" in ideas and "illustrative: true" in ideas and "Tænkt eksempel" in ideas


def test_every_shipped_example_and_course_says_where_it_comes_from():
    """The shipped catalogue itself: every example has a source or the label, an illustrative one has no
    figures or year that could pass for a measurement, and every course names its provider."""
    for path in sorted((SHIPPED / "ideas").glob("*.yaml")):
        for example in parse_text(path.read_text(encoding="utf-8")).value.get("examples") or []:
            assert ("source" in example) != bool(example.get("illustrative")), (path.name, example["where"])
            if example.get("illustrative"):
                assert "when" not in example, (path.name, example["where"])
                assert not re.search(r"\d", example["where"] + example["what"]), (path.name, example["where"])
    for path in sorted((SHIPPED / "courses").glob("*.yaml")):
        data = parse_text(path.read_text(encoding="utf-8")).value
        assert data["provider"]["name"] and data["signup"]["how"], path.name
