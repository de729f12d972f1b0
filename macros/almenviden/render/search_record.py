"""The search records: the article HTML Pagefind indexes for an entry and for a hand-written page.

search.index.index_document wraps a record into the document Pagefind indexes.
"""

from __future__ import annotations

from datetime import date

from almenviden.content.model import Catalogue, Entry
from almenviden.render.entry_page import render_entry
from almenviden.search.index import page_article, search_article


def entry_record(entry: Entry, catalogue: Catalogue, *, directory_urls: bool, today: date) -> str:
    """The article Pagefind indexes for `entry`."""
    return search_article(render_entry(entry, catalogue, directory_urls=directory_urls, today=today))


def page_record(content: str, title: str) -> str:
    """The article Pagefind indexes for a hand-written page: its rendered Markdown `content`, titled `title`."""
    return search_article(page_article(content, title))
