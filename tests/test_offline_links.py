"""offline/links.py: a server's directory links made links to index.html, in tags only; online-only parts go."""

import pytest

from almenviden.offline.links import file_url, offline_feed, offline_page


@pytest.mark.parametrize("url, expected", [
    ("../ideer/", "../ideer/index.html"), ("..", "../index.html"), (".", "./index.html"),
    ("../..", "../../index.html"), ("x/#a", "x/index.html#a"), ("soeg/?q=kaffe", "soeg/index.html?q=kaffe"),
    ("..#top", "../index.html#top"), ("a.css", "a.css"), ("#a", "#a"), ("", ""),
    ("https://example.org/x/", "https://example.org/x/"), ("//example.org/x/", "//example.org/x/"),
    ("mailto:a@b.dk", "mailto:a@b.dk"), ("../feed.xml", "../feed.xml"),
])
def test_file_url(url, expected):
    assert file_url(url) == expected


def test_only_tag_attributes_change_never_text_script_or_title():
    html = ('<html><head><title>&lt;a href="t/"&gt; href="t/"</title>'
            '<script type="application/json">{"x": "<a href=\\"s/\\">"}</script></head>'
            '<body><p>Skriv href="p/" i teksten</p><!-- <a href="c/"> -->'
            '<a class="x" href="ideer/" data-url="d/">Idéer</a><form action=../soeg/></form>'
            "<img alt='href=\"i/\"' src='billede/'><textarea><a href=\"ta/\"></textarea></body></html>")
    out = offline_page(html)
    assert '<a class="x" href="ideer/index.html" data-url="d/">' in out
    assert "<form action=../soeg/index.html>" in out and "src='billede/index.html'" in out
    for untouched in ('href="t/"', '<a href=\\"s/\\">', 'href="p/" i teksten', '<a href="c/">',
                      "alt='href=\"i/\"'", '<a href="ta/">'):
        assert untouched in out, untouched
    assert out.replace("index.html", "") == html


def test_online_only_parts_go_with_everything_in_them():
    html = ('<body><h1>Om</h1><div class="av-offline-offer" data-av-online-only="data-av-online-only">'
            '<h2>Offline-kopi</h2><div><p><a href="../almenviden-offline.zip" download>Hent</a></p></div></div>'
            '<p><a href="../">Forsiden</a></p></body>')
    assert offline_page(html) == '<body><h1>Om</h1><p><a href="../index.html">Forsiden</a></p></body>'


def test_feed_links_to_folders_become_index_html():
    xml = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>a &lt;link href="t/"&gt;</title>'
           '<link href="ideer/x/" rel="alternate" /><link href="feed.xml" rel="self" /></feed>')
    assert offline_feed(xml) == xml.replace('href="ideer/x/"', 'href="ideer/x/index.html"')


def test_table_of_contents_items_linking_into_online_only_parts_go_too():
    html = ('<nav><ul><li class="md-nav__item"><a href="#om" class="md-nav__link">Om</a></li>'
            '<li class="md-nav__item"><a href="#offline-kopi" class="md-nav__link">Offline-kopi</a></li></ul></nav>'
            '<h1 id="om">Om</h1><div data-av-online-only="data-av-online-only"><h2 id="offline-kopi">Offline-kopi</h2>'
            '</div><p><a href="#offline-kopi">tekst</a></p>')
    assert offline_page(html) == ('<nav><ul><li class="md-nav__item"><a href="#om" class="md-nav__link">Om</a></li>'
                                  '</ul></nav><h1 id="om">Om</h1><p><a href="#offline-kopi">tekst</a></p>')


def test_conversion_writes_each_page_once_converted_and_marked(tmp_path):
    """offline/build.offline_pages: every page of the built site (not hidden ones, not the root's 404 page, not
    Pagefind's folder, which copytree copies as it is) written into the copy with its folder links made
    index.html and the offline marks; the built site left as it was."""
    from datetime import date
    import shutil

    from almenviden.offline import build, pages

    built, copy = tmp_path / "site", tmp_path / "copy"
    page = '<html><head><title>T</title></head><body><a href="../">op</a> <a href="ideer/x/">x</a></body></html>'
    for relative in ("index.html", "ideer/x/index.html", "sub/404.html", "404.html", ".scratch/y.html",
                     "pagefind/z.html"):
        (built / relative).parent.mkdir(parents=True, exist_ok=True)
        (built / relative).write_text(page, encoding="utf-8")
    (built / "assets").mkdir()
    (built / "assets" / "a.js").write_text("1;", encoding="utf-8")
    shutil.copytree(built, copy, ignore=build._not_copied(built))
    day = date(2026, 12, 5)
    assert build.offline_pages(built, copy, day) == 3
    written = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file())
    assert written == ["assets/a.js", "ideer/x/index.html", "index.html", "pagefind/z.html", "sub/404.html"]
    deep = (copy / "ideer" / "x" / "index.html").read_text(encoding="utf-8")
    assert 'href="../index.html"' in deep and 'href="ideer/x/index.html"' in deep
    assert pages.banner_text(day) in deep and f'href="../../{pages.ASSET_DIR}/offline.css"' in deep
    assert (copy / "pagefind" / "z.html").read_text(encoding="utf-8") == page  # the bundle is not a page
    assert all((built / r).read_text(encoding="utf-8") == page for r in ("index.html", "ideer/x/index.html"))
