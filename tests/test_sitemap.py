"""MkDocs' sitemap lists each kind's entries where it listed the kind's shell page (hosts/mkdocs/sitemap.py),
and every other byte of sitemap.xml (and of its .gz) stays as MkDocs wrote it."""

from __future__ import annotations

import gzip

from almenviden.hosts.mkdocs.sitemap import list_entries, with_entries

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def _sitemap(*paths: str) -> str:
    """A sitemap as MkDocs 1.6 writes it, listing https://example.org/av/<path> for each path."""
    blocks = "".join(f"    <url>\n         <loc>https://example.org/av/{path}</loc>\n"
                     "         <lastmod>2026-12-02</lastmod>\n    </url>\n" for path in paths)
    return HEAD + blocks + "</urlset>"


SITEMAP = _sitemap("", "ideer/__almenviden_shell__/", "kurser/__almenviden_shell__/")
EXPECTED = _sitemap("", "ideer/a/", "ideer/b/", "kurser/k/")
SHELLS = {"ideer/__almenviden_shell__/": ["a", "b"], "kurser/__almenviden_shell__/": ["k"]}


def test_each_shell_block_becomes_its_own_kinds_entries():
    assert with_entries(SITEMAP.encode(), SHELLS).decode() == EXPECTED


def test_a_sitemap_without_pages_keeps_its_bytes():
    empty = _sitemap().encode()
    assert with_entries(empty, SHELLS) == empty


def test_the_gz_holds_the_same_xml_and_the_same_bytes_on_every_build(tmp_path):
    written = []
    for _ in range(2):
        (tmp_path / "sitemap.xml").write_text(SITEMAP, encoding="utf-8")
        list_entries(tmp_path, SHELLS)
        written.append((tmp_path / "sitemap.xml.gz").read_bytes())
    assert (tmp_path / "sitemap.xml").read_text(encoding="utf-8") == EXPECTED
    assert gzip.decompress(written[0]).decode() == EXPECTED
    assert written[0][4:8] == b"\0\0\0\0" and written[0] == written[1]  # mtime 0


def test_no_sitemap_no_files(tmp_path):
    list_entries(tmp_path, SHELLS)
    assert list(tmp_path.iterdir()) == []
