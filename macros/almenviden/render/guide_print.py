"""A guide printed whole: the guide's article, then the full article of every step's entry, in order, each with
the step's why, when and minutes (the print view at render.urls.print_url). Knows the model, not the host.

Each step's article is the one its own page shows (entry_page.render_page), with its links made relative to the
print view. The template's ids (section headings, table of contents) would repeat from step to step, so each
step's ids get the prefix "trin-<n>-", and its table of contents (a landmark) the name "Indhold i trin <n>".
Entry text cannot forge an id: it is escaped (or sanitised Markdown, which has no id attributes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from almenviden.content.model import Catalogue, Entry
from almenviden.render.entry_page import entry_page_data, render_page
from almenviden.render.environment import template
from almenviden.render.urls import entry_url, print_url, relative_url

_ID = re.compile(r'(\sid="|\shref="#)([^"]+)"')
# A step's table of contents (templates/toc.html) is a landmark: each needs its own name on a page of several.
_TOC_LABEL = 'aria-label="Indhold på siden"'


def print_title(guide: Entry) -> str:
    """The print view's page title."""
    return f"{guide.title}: hele forløbet til print"


def _as_step(html: str, number: int) -> str:
    """A step's article (the template's own output) with every id and same-page link prefixed "trin-<n>-", and
    its table of contents named after the step."""
    html = html.replace(_TOC_LABEL, f'aria-label="Indhold i trin {number}"', 1)
    return _ID.sub(lambda m: f'{m.group(1)}trin-{number}-{m.group(2)}"', html)


@dataclass(frozen=True)
class PrintedStep:
    number: int
    entry: Entry
    why: str
    when: str
    minutes: int
    article: Markup


def printed_steps(guide: Entry, catalogue: Catalogue, *, directory_urls: bool, today: date) -> list[PrintedStep]:
    """Every step of `guide` whose entry exists (check reports the others), in order, with its article."""
    page_url = print_url(guide.kind, guide.id, directory_urls)
    steps = []
    for ref in guide.references():
        target = catalogue.entries.get(ref.target)
        if ref.item is None or target is None:
            continue
        number = len(steps) + 1
        article = render_page(entry_page_data(target, catalogue, directory_urls=directory_urls, today=today,
                                              page_url=page_url))
        steps.append(PrintedStep(number, target, ref.item.why, ref.item.when, ref.item.minutes,
                                 Markup(_as_step(article, number))))
    return steps


def render_print_page(guide: Entry, catalogue: Catalogue, *, directory_urls: bool, today: date) -> str:
    """The print view's main content (its <h1> is the guide's)."""
    page_url = print_url(guide.kind, guide.id, directory_urls)
    guide_article = render_page(entry_page_data(guide, catalogue, directory_urls=directory_urls, today=today,
                                                page_url=page_url))
    steps = printed_steps(guide, catalogue, directory_urls=directory_urls, today=today)
    return template("guide_print.html").render(
        guide=guide, guide_article=Markup(guide_article), steps=steps,
        back_url=relative_url(page_url, entry_url(guide.kind, guide.id, directory_urls)))
