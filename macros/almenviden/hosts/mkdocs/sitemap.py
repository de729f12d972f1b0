"""The entries in MkDocs' sitemap.xml (and sitemap.xml.gz) in place of their kind's shell page.

MkDocs lists every documentation page in the sitemap, so it lists each kind's shell page (shell.py) and
no entry page (the entries' File objects are not documentation pages: MkDocs never renders them). After
the build, each shell page's `<url>` block is replaced by one copy per entry of that kind, the shell's
name replaced by the entry's id. The blocks are found with an XML parser (expat, which reports where each
element starts), and everything else in the file keeps its bytes. Without `site_url` MkDocs lists no
pages at all and there is nothing to replace.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Iterable, Mapping
from xml.parsers import expat

from markupsafe import escape

from almenviden.sitebuild.shell import SHELL_NAME

SITEMAP = "sitemap.xml"


def _url_blocks(data: bytes) -> list[tuple[int, int, str]]:
    """(start, end, text of <loc>) of every <url> element of the sitemap `data`, by byte offset."""
    parser = expat.ParserCreate()
    blocks: list[tuple[int, int, str]] = []
    current: dict = {}

    def start(name, _attrs):
        if name == "url":
            current.update(start=parser.CurrentByteIndex, loc=[], in_loc=False)
        elif name == "loc" and current:
            current["in_loc"] = True

    def end(name):
        if name == "loc" and current:
            current["in_loc"] = False
        elif name == "url" and current:
            block_end = data.index(b">", parser.CurrentByteIndex) + 1
            blocks.append((current["start"], block_end, "".join(current["loc"]).strip()))
            current.clear()

    def text(chars):
        if current.get("in_loc"):
            current["loc"].append(chars)

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.Parse(data, True)
    return blocks


def with_entries(data: bytes, ids_by_shell_url: Mapping[str, Iterable[str]]) -> bytes:
    """The sitemap `data` with every shell page's <url> block (its <loc> ends in a key of
    `ids_by_shell_url`, a shell page's URL relative to the site) replaced by one block per entry id."""
    out, done = [], 0
    for start, end, loc in _url_blocks(data):
        shell_url = next((url for url in ids_by_shell_url if loc.endswith("/" + url) or loc == url), None)
        if shell_url is None:
            continue
        block = data[start:end].decode("utf-8")
        copies = "\n    ".join(block.replace(SHELL_NAME, str(escape(i))) for i in ids_by_shell_url[shell_url])
        out += [data[done:start], copies.encode("utf-8")]
        done = end
    return b"".join(out) + data[done:]


def list_entries(site_dir: Path, ids_by_shell_url: Mapping[str, Iterable[str]]) -> None:
    """Rewrite the site's sitemap.xml and sitemap.xml.gz (if MkDocs wrote them) with the entries listed."""
    sitemap = Path(site_dir) / SITEMAP
    if not sitemap.is_file():
        return
    data = with_entries(sitemap.read_bytes(), ids_by_shell_url)
    sitemap.write_bytes(data)
    # mtime=0: the same sitemap gives the same .gz bytes (the header's file name is "sitemap.xml").
    with open(str(sitemap) + ".gz", "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as gz:
        gz.write(data)
