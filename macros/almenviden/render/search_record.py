"""The search records: the article HTML Pagefind indexes for an entry and for a hand-written page.

An entry's record is its page's article rendered from the Entry in the template's search mode
(entry.html with search = true), which itself declares what the index weighs and ignores: the summary
weighs SUMMARY_WEIGHT, the sections every entry of a kind has weigh as body text, the facts (the short
line at the top and the "Fakta" list) are kept out of the excerpts. Then the text gets its alternative
Danish spellings (danish/fold.annotate_html, a transform of the text between the tags of our own
HTML), and the hidden metadata fields go into the slot the template leaves for them: the title's words
(TITLE_META) and the facts' labels (LABELS_META), each in every spelling (spelled_meta), made from the
Entry and its facts (render/entry_page.entry_facts), not read back from the page.

A hand-written page's record is its rendered Markdown wrapped as a page article (page_article, which
is also what the page itself shows), with the spellings and the title words of its <h1>.

search.index.index_document wraps a record into the document Pagefind indexes.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape as html_unescape

from markupsafe import escape

from almenviden.browser.constants import LABELS_META, SUMMARY_WEIGHT, TITLE_META
from almenviden.content.model import Catalogue, Entry
from almenviden.danish.fold import annotate_html, variants
from almenviden.render.entry_page import EntryPageData, entry_page_data, render_page
from almenviden.render.sort_values import title_value

BODY_ATTRIBUTE = "data-pagefind-body"  # on a page's article: what Pagefind indexes of the page
# SUMMARY_WEIGHT (also a hand-written page's key terms, its bold text), LABELS_META and TITLE_META (the title's
# words in every spelling; the "title" field has them as written) are shared with the browser code, which
# ranks the metadata fields (browser/ranking.js): they are defined in browser/constants.py.
META_SLOT = "<!--av-search-meta-->"  # where entry.html (search mode) wants the metadata fields

_LABEL_WORD = re.compile(r"[^\W\d_]+")


def entry_record(entry: Entry, catalogue: Catalogue, *, directory_urls: bool, today: date,
                 page_data: EntryPageData | None = None) -> str:
    """The article Pagefind indexes for `entry` (`page_data`: its page's data, when already built)."""
    data = page_data or entry_page_data(entry, catalogue, directory_urls=directory_urls, today=today)
    # The template's leading line break belongs to the page, not to the article.
    article = render_page(data, search=True).strip()
    # The labels as the page writes them (HTML-escaped): a label with "&" also gives the word "amp", as
    # when the record was read back from the page's HTML; kept so the index stays the same.
    labels = [str(escape(value)) for fact in data.facts for value in fact.values]
    meta = spelled_meta(TITLE_META, [entry.title]) + spelled_meta(LABELS_META, labels)
    return annotate_html(article).replace(META_SLOT, meta, 1)


def spelled_meta(name: str, texts: list[str]) -> str:
    """Hidden metadata fields (name, name2, …) holding the words of `texts` and their other spellings.

    Each spelling is a word of its own (not joined by MARK), and no field holds a word together with a
    longer word it begins: Pagefind adds up a field's boost over every indexed word that a query word
    begins, so "økonomi" in a field with "økonomisk" and "økonomi^oekonomi" would count four times.
    """
    words = dict.fromkeys(w.lower() for t in texts for w in _LABEL_WORD.findall(t))
    spelled = dict.fromkeys(f for w in words for f in (w, *variants(w)))
    fields: list[list[str]] = []
    held: list[set[str]] = []  # each field's words as a set: the words before `word` are never longer than it
    for word in sorted(spelled, key=len):
        prefixes = {word[:n] for n in range(1, len(word) + 1)}  # every word `word` begins (itself included)
        for field, words in zip(fields, held):
            if words.isdisjoint(prefixes):
                field.append(word)
                words.add(word)
                break
        else:
            fields.append([word])
            held.append({word})
    return "".join(f'<div hidden data-pagefind-ignore data-pagefind-meta="{name}{i + 1 if i else ""}">'
                   f'{" ".join(field)}</div>' for i, field in enumerate(fields))


# Hand-written pages (docs/) are searchable too, as kind PAGE_KIND with the kind filter value PAGE_FILTER,
# so the kind facet keeps them apart from entries. Their listings (catalogue browser, cards) are marked
# data-pagefind-ignore in their templates: the entries are found on their own pages.
PAGE_KIND = "Side"
PAGE_FILTER = "side"
# What a page's author set in bold ("**følg eller forklar**") are its key terms: they rank like a summary.
_STRONG = re.compile(r"<strong>")
_KEY_TERM = f'<strong data-pagefind-weight="{SUMMARY_WEIGHT}">'
_PAGE_TITLE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)  # the first heading the page's Markdown has
_TAG = re.compile(r"<[^>]*>")


def page_article(content: str, title: str, name: str = "") -> str:
    """A hand-written page's rendered Markdown wrapped as a searchable article: what the page shows.
    `name`: the last part of its path (sort_values.url_name), which orders pages of the same title."""
    return (f'<article class="av-page" {BODY_ATTRIBUTE} data-av-title="{escape(title)}" data-av-kind="{PAGE_KIND}" '
            f'data-av-sort-title="{escape(title_value(title, name))}" '
            'data-pagefind-meta="title[data-av-title], kind[data-av-kind]" '
            'data-pagefind-sort="title[data-av-sort-title]">'
            f'<div hidden class="av-search-filters"><span data-pagefind-filter="type:{PAGE_FILTER}"></span></div>'
            f"{_STRONG.sub(_KEY_TERM, content)}</article>")


def page_record(content: str, title: str, name: str = "") -> str:
    """The article Pagefind indexes for a hand-written page: its rendered Markdown `content`, titled `title`.

    The title words are those of the page's own <h1>, when its Markdown has one (the `title` of a page
    without one is Material's heading, outside the article, and was never searched as title words).
    """
    heading = _PAGE_TITLE.search(content)
    words = spelled_meta(TITLE_META, [html_unescape(_TAG.sub(" ", heading.group(1)))] if heading else [])
    return annotate_html(page_article(content, title, name)).removesuffix("</article>") + words + "</article>"
