"""Hostile text in every text field of every kind is text on every page, online and offline (issue 9, part 1).

The catalogue comes from tests/hostile_catalogue.py (fields from the JSON Schemas, payloads from
fixtures/hostile/payloads.yaml). These tests read the built files; tests/browser/test_hostile_text.py
loads every page in Chromium.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from almenviden.render import listings as listings_module
from almenviden.sitebuild.writer import page_path
from almenviden.content.kinds import KINDS
from almenviden.render.listings import render_cards
from almenviden.render.list_data import data_path
from almenviden.render.urls import entry_url

from conftest import run_cli
from hostile_catalogue import PARAGRAPHS, SEPARATOR

SITE_NAME = "almenviden"
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
HEADER_TOPIC = re.compile(r'data-md-component="header-topic">\s*<span class="md-ellipsis">(.*?)</span>', re.S)
# What a page may load, and from where: anything else that loads or runs is the payload's doing.
_LOADS = {"script": "src", "img": "src", "link": "href", "iframe": "src", "embed": "src", "object": "data",
          "source": "src", "video": "src", "audio": "src", "base": "href", "frame": "src", "input": "src"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
_NEVER = {"iframe", "frame", "frameset", "object", "embed", "base", "marquee", "x", "math", "mglyph", "mtext",
          "template", "noscript", "xmp", "plaintext", "video", "audio", "source", "animate", "textarea"}
# The site's own form controls among _NEVER, by the attribute that marks them: the explanation fields of the
# følg-eller-forklar sheet (render/templates/comply_sheet.html).
_OWN_CONTROLS = {"textarea": "data-av-foe-why"}


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("pagefind/"))


def entry_pages(hostile, site: Path, directory_urls: bool):
    for entry in hostile.model.entries.values():
        yield entry, site / page_path(entry.kind, entry.id, directory_urls)


class LiveMarkup(HTMLParser):
    """What in a page would run or load: event-handler attributes, script-like URLs, inline scripts
    that mention the payloads, elements the theme never uses, loads from anywhere but the site."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = False
        self._in_head = False
        self._policy = False  # the page's own Content-Security-Policy <meta> (browser/csp.py) was seen

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in _URL_ATTRIBUTES and re.match(r"[\s\x00-\x20]*(javascript|vbscript|data):",
                                                    re.sub(r"[\t\n\r]", "", value), re.I):
                self.found.append(f"<{tag} {name}={value[:40]!r}>")
            if name == "srcdoc" or (name == "style" and "url(" in value):
                self.found.append(f"<{tag} {name}>")
        if tag in _NEVER and _OWN_CONTROLS.get(tag) not in dict(attrs):
            self.found.append(f"<{tag}>")
        source = dict(attrs).get(_LOADS.get(tag, ""), "") or ""
        if re.match(r"\s*(\w+:|//)", source) and not source.startswith("data:image/"):
            self.found.append(f"<{tag}> loads {source[:60]}")
        if tag in ("head", "body"):
            self._in_head = tag == "head"
        if tag == "meta" and dict(attrs).get("http-equiv"):
            # One is the page's own: its Content-Security-Policy, in <head>.
            if self._in_head and dict(attrs)["http-equiv"] == "Content-Security-Policy" and not self._policy:
                self._policy = True
            else:
                self.found.append("<meta http-equiv>")
        # A JSON data block (the contribution form's entry data) never runs: checked as data instead.
        self._json = tag == "script" and dict(attrs).get("type") == "application/json"
        self._script = tag in ("script", "style") and not self._json

    def handle_endtag(self, tag):
        self._script = self._json = False
        if tag == "head":
            self._in_head = False

    def handle_data(self, data):
        if self._script and re.search(r"__pwned|alert\(|@import|evil\.example", data):
            self.found.append(f"script or style text {data[:60]!r}")
        if getattr(self, "_json", False):
            # nothing in it can end the element or start markup, and it is JSON (render/script_json.py)
            if re.search(r"[<>&]", data):
                self.found.append(f"JSON data block with markup characters {data[:60]!r}")
            try:
                json.loads(data)
            except ValueError:
                self.found.append(f"JSON data block that is not JSON {data[:60]!r}")


def live_markup(html: str) -> list[str]:
    parser = LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


def texts_in(data, path: str) -> list[str]:
    """The values at a field path ("sources[].title") of one entry's data."""
    values = [data]
    for part in path.split("."):
        name, is_list = part.removesuffix("[]"), part.endswith("[]")
        values = [v[name] for v in values if isinstance(v, dict) and name in v]
        if is_list:
            values = [item for v in values for item in v]
    return [v for v in values if isinstance(v, str)]


# ---------------------------------------------------------------- the catalogue itself

def _holds(text: str, payload: str, separator: str) -> bool:
    """`text` is `payload`, or has it as one of the pieces joined by `separator`."""
    return text == payload or text.startswith(payload + separator) or text.endswith(separator + payload) \
        or f"{separator}{payload}{separator}" in text


def test_every_payload_is_in_every_text_field_of_every_kind(hostile):
    """Every payload in every free-text and web-address field of every kind; in a field too short for
    that in every kind (title, summary: a maxLength), in that field of at least one kind."""
    text, urls = hostile.payloads["text"], hostile.payloads["url"]
    assert len(text) >= 60 and len(set(text)) == len(text)
    assert {"title", "summary", "body", "owner", "sources[].title", "sources[].url"} <= {
        f.path for f in hostile.fields["ideas"]}
    data = {kind: [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (hostile.root / kind).glob("*.yaml")]
            for kind in KINDS}
    for kind in KINDS:
        fields = [f for f in hostile.fields[kind] if f.role in ("text", "markdown", "url")]
        assert fields
        for f in fields:
            kinds = [k for k in KINDS if f in hostile.fields[k]] if hostile.across_kinds(f) else [kind]
            placed = [t for k in kinds for entry in data[k] for t in texts_in(entry, f.path)]
            separator = PARAGRAPHS if f.role == "markdown" else SEPARATOR
            missing = [w for w in (urls if f.role == "url" else text)
                       if not any(_holds(t, w, separator) for t in placed)]
            assert not missing, (kind, f.path, missing[:3])
    assert [f.path for f in hostile.fields["ideas"] if hostile.across_kinds(f)] == ["title", "summary"]


def test_the_hostile_catalogue_passes_check(hostile):
    result = run_cli("check", "--catalogue", str(hostile.root))
    assert result.returncode == 0, result.stdout + result.stderr


def _set_texts(data, path: str, value: str) -> None:
    """Set every string at a field path ("sources[].url") of one entry's data to `value`."""
    *parents, last = path.split(".")
    holders = [data]
    for part in parents:
        name = part.removesuffix("[]")
        holders = [h[name] for h in holders if isinstance(h, dict) and name in h]
        if part.endswith("[]"):
            holders = [item for h in holders for item in h]
    name = last.removesuffix("[]")
    for holder in holders:
        if isinstance(holder, dict) and name in holder:
            holder[name] = [value] * len(holder[name]) if last.endswith("[]") else value


def test_check_refuses_script_urls_cleanly(hostile, tmp_path):
    """The web-address payloads the schemas refuse (javascript:, data:, …) are refused with file:line:col."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(hostile.root, catalogue)
    broken = []
    for kind in KINDS:
        url_fields = [f.path for f in hostile.fields[kind] if f.role == "url"]
        assert url_fields, kind
        entry_id = next(i for i, k in hostile.kinds.items() if k == kind)
        for n, bad in enumerate(hostile.payloads["rejected_url"]):
            data = yaml.safe_load(yaml.safe_dump(hostile.entries[entry_id]))
            for path in url_fields:
                _set_texts(data, path, bad)
            target = catalogue / kind / f"afvist-{n}-{kind[:4]}.yaml"
            target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            broken.append(target)
    result = run_cli("check", "--catalogue", str(catalogue))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr, result.stderr
    for target in broken:
        assert re.search(rf"{re.escape(target.name)}:\d+:\d+: \S", result.stdout), (target.name, result.stdout[-3000:])


# ---------------------------------------------------------------- the built pages

@pytest.mark.parametrize("where", ["online", "offline"])
def test_the_title_is_text_in_title_and_header(where, hostile, hostile_site, hostile_offline):
    site, directory_urls = (hostile_site, True) if where == "online" else (hostile_offline.root, True)
    assert any("</title>" in e.title for e in hostile.model.entries.values())
    for entry, page in entry_pages(hostile, site, directory_urls):
        html = page.read_text(encoding="utf-8")
        title, topic = TITLE.search(html).group(1), HEADER_TOPIC.search(html).group(1)
        assert "<" not in title and unescape(title) == f"{entry.title} - {SITE_NAME}", (page, title[:200])
        assert "<" not in topic and unescape(topic).strip() == entry.title.strip(), (page, topic[:200])


def test_no_page_carries_live_markup(hostile_site, hostile_offline):
    for site in (hostile_site, hostile_offline.root):
        pages = html_pages(site)
        assert len(pages) > len(KINDS)
        for page in pages:
            found = live_markup(page.read_text(encoding="utf-8"))
            assert not found, (page.relative_to(site).as_posix(), found[:5])


def test_offline_copy_is_made_and_its_tags_stay_in_head(hostile, hostile_offline):
    titles = [e.title for e in hostile.model.entries.values()]
    assert any("<body>" in t for t in titles) and any("</head>" in t for t in titles)
    assert "Traceback" not in hostile_offline.result.stdout + hostile_offline.result.stderr
    for page in html_pages(hostile_offline.root):
        html = page.read_text(encoding="utf-8")
        script = html.index("assets/offline/offline-search.js")
        title_end, head_end = html.find("</title>"), html.index("</head>")
        assert title_end < script < head_end, page
        assert html.index('<div class="av-offline-banner"') > html.index("<body"), page


def _spaced(text: str) -> str:
    return " ".join(text.split())


def test_search_records_carry_the_text_as_it_was_written(hostile, hostile_site):
    records = {}
    for fragment in (hostile_site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        record = json.loads(data[len(b"pagefind_dcd"):])
        records[record["url"]] = record
    for entry in hostile.model.entries.values():
        record = records["/" + entry_url(entry.kind, entry.id, True)]
        # Pagefind collapses runs of white space (line separators included), as a browser shows them.
        assert _spaced(record["meta"]["title"]) == _spaced(entry.title)
        assert _spaced(record["meta"]["summary"]) == _spaced(entry.summary)
        shown = [p for p in hostile.payloads["text"] if p in entry.title and p.isascii() and p.isprintable()]
        assert shown and all(p in record["content"] for p in shown), entry.id


def test_list_data_files_carry_the_text_as_data_only(hostile, hostile_site):
    """An entry's data file for the reader's list (render/entry_data.py) is one call with one JSON literal:
    ASCII only, no <, > or & that could end a script or start markup, and the text exactly as written."""
    for entry in hostile.model.entries.values():
        raw = (hostile_site / data_path(entry.id)).read_bytes()
        assert raw.isascii(), entry.id
        text = raw.decode("ascii")
        assert not set("<>&") & set(text), entry.id
        prefix, suffix = "window.almenviden.entryData(", ");\n"
        assert text.startswith(prefix) and text.endswith(suffix) and text.count(suffix) == 1, entry.id
        data = json.loads(text[len(prefix):-len(suffix)])
        assert (data["id"], data["title"], data["summary"]) == (entry.id, entry.title, entry.summary)
        assert data["url"] == entry_url(entry.kind, entry.id, True)


def test_sitemap_is_xml_without_entry_text(hostile, hostile_site):
    """The sitemap names pages by their ids (a-z, 0-9, -), never by text from the entries."""
    text = (hostile_site / "sitemap.xml").read_text(encoding="utf-8")
    ET.fromstring(text)
    assert "__almenviden" not in text and "pwned" not in text and "alert" not in text


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text.append(data)


def _parsed(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.parametrize("limit", [listings_module.CARD_LIMIT, 0], ids=["cards", "title-list"])
def test_listings_show_titles_and_summaries_as_text(limit, hostile, monkeypatch):
    monkeypatch.setattr(listings_module, "CARD_LIMIT", limit)
    for kind in KINDS:
        entries = hostile.model.of_kind(kind)
        parsed = _parsed(render_cards(entries, hostile.model, f"{KINDS[kind].url_dir}/"))
        assert parsed.tags <= {"ul", "li", "p", "h2", "a", "span"}, parsed.tags
        text = "".join(parsed.text)
        for entry in entries:
            assert entry.title in text
            assert limit == 0 or entry.summary in text


def test_listing_pages_show_the_titles_as_text(hostile, hostile_site):
    for kind in KINDS:
        html = (hostile_site / KINDS[kind].url_dir / "index.html").read_text(encoding="utf-8")
        text = "".join(_parsed(html).text)
        for entry in hostile.model.of_kind(kind):
            assert entry.title in text, (kind, entry.id)


def test_offline_marks_go_where_a_browser_finds_head_and_body():
    """Text that spells </head> or <body> (in <title>, a script, a comment) does not move the offline tags."""
    from datetime import date

    from almenviden.offline import pages as offline_pages

    html = ('<!doctype html>\n<html lang="da"><head><meta charset="utf-8">\n<title>Kaffe </head><body> x</title>\n'
            '<!-- </head><body> --><script>var s = "</head><body>";</script>\n</head>\n'
            '<body dir="ltr"><p>Hej</p></body></html>')
    marked = offline_pages.mark_page(html, "../", date(2026, 12, 1))
    real_head_end = marked.index("</head>\n<body")
    assert marked.index('src="../assets/offline/offline-search.js"') < real_head_end
    assert marked.index('href="../assets/offline/offline.css"') > marked.index('var s = "</head><body>";</script>')
    assert '<body dir="ltr"><div class="av-offline-banner"' in marked
    assert marked.count("av-offline-banner") == 1
    with pytest.raises(offline_pages.PageMarkError, match="ingen <body>"):
        offline_pages.mark_page("<p>ingen body</p>", "", date(2026, 12, 1))


def test_the_shell_escapes_the_title_and_refuses_places_where_escaping_is_not_enough():
    from almenviden.sitebuild.shell import CONTENT_SLOT, EDIT_SLOT, TITLE_SLOT, Shell, ShellError

    page = (f'<html><head><title>{TITLE_SLOT} - x</title></head><body><span title="{TITLE_SLOT}">{TITLE_SLOT}'
            f'</span><a href="https://example.org/edit/{EDIT_SLOT}">Ret</a>{CONTENT_SLOT}</body></html>')
    title = "<b>\"Kaffe\" & 'kage'</b></title><script>__pwned=1</script>"
    filled = Shell.parse(page).fill(entry_id="kaffe", title=title, content="<p>Indhold</p>",
                                    edit_path='catalogue/"mine" poster/kaffe.yaml')
    assert "<b>" not in filled and "<script>" not in filled and unescape(filled).count(title) == 3
    assert 'href="https://example.org/edit/catalogue/%22mine%22%20poster/kaffe.yaml"' in filled
    assert "<p>Indhold</p>" in filled
    for unsafe in (f"<script>var t = '{TITLE_SLOT}';</script>", f'<a href="{TITLE_SLOT}">x</a>',
                   f"<p class={TITLE_SLOT}>x</p>", f"<!-- {TITLE_SLOT} -->", f'<p onclick="{TITLE_SLOT}">x</p>',
                   f"<style>/* {TITLE_SLOT} */</style>", f'<meta content="x" style="{TITLE_SLOT}">'):
        with pytest.raises(ShellError, match="escaping"):
            Shell.parse(page.replace("</body>", unsafe + "</body>"))
