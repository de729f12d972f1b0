""""Giv besked om siden" (issue 16, §4): a link under each entry page to a prefilled new GitHub issue (or a
mail), every part percent-encoded so that a hostile title comes back as the same text; hidden when nothing is
configured; the page's address absolute only with site_url."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from almenviden.sitebuild.host import SiteSettings
from almenviden.sitebuild.pipeline import build_site
from almenviden.content.kinds import KINDS
from almenviden.render.feedback import FeedbackConfigError, FeedbackTarget, feedback_link, feedback_url

from conftest import FIXTURES, make_catalogue
from hostile_catalogue import load_payloads
from test_core_without_mkdocs import MemoryHost

REPO_TARGET = FeedbackTarget(github="almenviden/almenviden")


class _FeedbackLinks(HTMLParser):
    """The href of every link whose text is "Giv besked om siden" (attribute values unescaped, as a browser)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self._href = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_data(self, data):
        if self._href is not None and data.strip() == "Giv besked om siden":
            self.hrefs.append(self._href)

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None


def feedback_hrefs(page_html: str) -> list[str]:
    parser = _FeedbackLinks()
    parser.feed(page_html)
    return parser.hrefs


def issue_fields(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/almenviden/almenviden/issues/new")
    fields = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert set(fields) == {"title", "body"} and all(len(v) == 1 for v in fields.values()), fields
    return {k: v[0] for k, v in fields.items()}


@pytest.mark.parametrize("title", load_payloads()["text"])
def test_a_hostile_title_comes_back_as_the_same_text(title):
    url = feedback_url(title, "ideer/x/", REPO_TARGET, None)
    assert re.fullmatch(r"[A-Za-z0-9%/:?=&._~-]+", url), url  # nothing but encoded characters
    fields = issue_fields(url)
    assert fields["title"] == title
    assert fields["body"].startswith("Siden: ideer/x/\n")
    link = str(feedback_link(title, "ideer/x/", REPO_TARGET, None))
    assert feedback_hrefs(link) == [url]


def test_the_body_says_when_the_address_is_only_a_path():
    relative = issue_fields(feedback_url("T", "ideer/x/", REPO_TARGET, None))["body"]
    assert "Siden: ideer/x/" in relative and "sidens sti på sitet" in relative
    absolute = issue_fields(feedback_url("T", "ideer/x/", REPO_TARGET, "https://example.org/av/"))["body"]
    assert "Siden: https://example.org/av/ideer/x/" in absolute and "sti på sitet" not in absolute


def test_mailto_has_an_encoded_subject_and_body():
    title = 'Tæt & "farlig" <titel>?cc=x@y.dk&bcc=z'
    url = feedback_url(title, "ideer/x/", FeedbackTarget(email="redaktion@example.org"), "https://example.org/")
    assert url.startswith("mailto:redaktion@example.org?")
    fields = parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)
    assert set(fields) == {"subject", "body"}  # the title's "&bcc=" did not add a header
    assert fields["subject"] == [f"Om siden: {title}"]
    assert "Siden: https://example.org/ideer/x/\r\n" in fields["body"][0]  # RFC 6068: line breaks as CRLF
    assert "+" not in url and "%20" in url  # spaces are %20, never "+" (mail programs differ)
    assert unquote(url.split("?", 1)[0]) == "mailto:redaktion@example.org"


def test_nothing_when_nothing_is_configured():
    assert str(feedback_link("Titel", "ideer/x/", None, None)) == ""
    assert FeedbackTarget.from_config({}) is None
    assert FeedbackTarget.from_config({"github": "", "email": ""}) is None


@pytest.mark.parametrize("config", [{"github": "almenviden"}, {"github": "a/b/c"}, {"github": "a/b?x=1"},
                                    {"email": "ikke en adresse"}, {"email": "a@b.dk?bcc=c@d.dk"},
                                    {"gitlab": "a/b"}, {"github": ["a/b"]}])
def test_a_bad_configuration_is_refused_in_danish(config):
    with pytest.raises(FeedbackConfigError, match="mkdocs.yml"):
        FeedbackTarget.from_config(config)


def test_every_entry_page_of_the_built_site_has_the_link_from_mkdocs_yml(small_site, small_catalogue):
    from almenviden.content.loading import load_catalogue

    catalogue = load_catalogue(small_catalogue).catalogue
    for entry in catalogue.entries.values():
        path = f"{KINDS[entry.kind].url_dir}/{entry.id}/"
        (href,) = feedback_hrefs((small_site / path / "index.html").read_text(encoding="utf-8"))
        fields = issue_fields(href)
        assert fields["title"] == entry.title
        assert fields["body"].startswith(f"Siden: {path}\n")
    assert feedback_hrefs((small_site / "index.html").read_text(encoding="utf-8")) == []  # entries only


def test_hostile_titles_in_the_built_feedback_links_stay_text(hostile, hostile_site):
    for entry_id, kind in hostile.kinds.items():
        page = (hostile_site / KINDS[kind].url_dir / entry_id / "index.html").read_text(encoding="utf-8")
        (href,) = feedback_hrefs(page)
        assert issue_fields(href)["title"] == hostile.model.entries[entry_id].title


def test_hidden_without_configuration_and_a_mailto_with_site_url(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    for name, target in (("none", None), ("mail", FeedbackTarget(email="redaktion@example.org"))):
        host = MemoryHost(SiteSettings(catalogue_dir=catalogue, site_dir=tmp_path / name, directory_urls=True,
                                       cache_dir=None, quiet=True, feedback=target,
                                       site_url="https://example.org/av/"))
        build_site(host, today=date(2026, 12, 2))
    none = (tmp_path / "none" / "kurser/kort-kursus/index.html").read_text(encoding="utf-8")
    assert "Giv besked" not in none and "av-feedback" not in none
    (href,) = feedback_hrefs((tmp_path / "mail" / "kurser/kort-kursus/index.html").read_text(encoding="utf-8"))
    fields = parse_qs(urlsplit(href).query)
    assert href.startswith("mailto:redaktion@example.org?")
    assert fields["subject"] == ["Om siden: Kort kursus"]
    assert "Siden: https://example.org/av/kurser/kort-kursus/" in fields["body"][0]
