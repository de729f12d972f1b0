"""An entry's data file for the reader's list (min liste) and its printed handout. Knows the model, not the host.

The list page (`browser/min-liste.js`) knows only entry ids. It must show each listed entry's title, kind,
summary and link and print its whole article, from the served site and from the offline copy (file://, where
no fetch or XHR of local files works), and at 100,000 entries it must not load them all. So the build writes
one small classic script per entry, `assets/almenviden/poster/<id>.js`, that hands its data to
`window.almenviden.entryData(...)`: the list page adds a `<script src>` for each listed id only.

The article is the entry page's own main content (the same string the page is filled with, render/entry_page),
our own escaped and sanitized output; its links are relative to the entry's page (`url`, relative to the site
root), which the browser code resolves. The JSON is ASCII-only (`ensure_ascii`) and has `<`, `>` and `&`
escaped as well, so no entry text can end the script or be read as anything but a JSON string.
"""

from __future__ import annotations

from almenviden.content.kinds import KINDS
from almenviden.content.model import Entry
from almenviden.render.script_json import json_for_html
from almenviden.render.urls import entry_url

DATA_DIR = "assets/almenviden/poster"  # browser/min-liste.js builds the same path from an id


def data_path(entry_id: str) -> str:
    """The entry's data file, relative to the site root (ids match content.fields.ID_PATTERN)."""
    return f"{DATA_DIR}/{entry_id}.js"


def entry_data_script(entry: Entry, article: str, directory_urls: bool) -> str:
    """The classic script that registers `entry`'s list data; `article` is its page's main content."""
    data = {
        "id": entry.id,
        "title": entry.title,
        "kind": KINDS[entry.kind].label,
        "summary": entry.summary,
        "url": entry_url(entry.kind, entry.id, directory_urls),
        "article": article,
    }
    return f"window.almenviden.entryData({json_for_html(data, ascii_only=True)});\n"
