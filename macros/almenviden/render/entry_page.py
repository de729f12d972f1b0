"""An entry page's main content, and its facts, as HTML. Knows the model, not the host."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from markupsafe import Markup

from almenviden.content.kinds import KINDS
from almenviden.content.model import Catalogue, Entry
from almenviden.danish.dates import danish_date
from almenviden.danish.durations import danish_duration
from almenviden.render.comply_sheet import sheet_url
from almenviden.render.environment import template
from almenviden.render.facets import as_tuple as _as_tuple, entry_filters, field_value, fields_for
from almenviden.render.markdown import render_markdown
from almenviden.render.sort_values import newest_value, title_value
from almenviden.render.urls import entry_url, print_url, relative_url

PRINTED_WHOLE = ("guides",)  # kinds whose page links to a print view with every step's entry (guide_print.py)
from almenviden.render.entry_data import entry_data
from almenviden.render.script_json import json_for_html
from almenviden.render.urls import entry_url, form_url, relative_url


@dataclass(frozen=True)
class Fact:
    name: str
    values: tuple[str, ...]
    filter: str | None = None  # Pagefind filter name, if the values are a facet
    keys: tuple[str, ...] = ()  # the values' taxonomy keys (filter values), when a facet


def entry_facts(entry: Entry, catalogue: Catalogue) -> list[Fact]:
    """The facts on the entry's page: its facets with values (labels), and its kind's other page facts."""
    tax = catalogue.taxonomy
    facts = []
    for field_name, category, name, filter_name in fields_for(entry.kind):
        keys = tuple(_as_tuple(field_value(entry, field_name)))
        values = tuple(tax.label(category, v) for v in keys)
        if values:
            facts.append(Fact(name, values, filter_name, keys))
    for page_fact in KINDS[entry.kind].page_facts:
        fact = Fact(page_fact.name, (page_fact.show(entry.details[page_fact.field]),))
        after = [i for i, f in enumerate(facts) if page_fact.after and f.filter == page_fact.after]
        facts.insert(after[0] + 1 if after else len(facts), fact)
    return facts


@dataclass(frozen=True)
class FactValue:
    label: str
    url: str | None  # the catalogue filtered by this value, when the fact is a facet


def _fact_values(fact: Fact, kind: str, page_url: str, directory_urls: bool) -> list[FactValue]:
    if not fact.filter:
        return [FactValue(v, None) for v in fact.values]
    if KINDS[kind].browsed:
        target, query = KINDS[kind].url_dir + "/", ""
        target = target if directory_urls else target + "index.html"
    else:
        target, query = ("soeg/" if directory_urls else "soeg.html"), f"type={KINDS[kind].url_dir}&"
    base = relative_url(page_url, target)
    return [FactValue(label, f"{base}?{query}{fact.filter}={key}") for label, key in zip(fact.values, fact.keys)]


def _compact_line(facts: list[Fact], kind: str) -> list[Fact]:
    by_name = {f.filter or f.name: f for f in facts}
    return [by_name[name] for name in KINDS[kind].compact_facts if name in by_name]


# An entry page with at least this many sections gets a table of contents ("Indhold") under its facts.
TOC_MIN_SECTIONS = 4
_TOC_SLOT = "<!--av-toc-->"
_SECTION = re.compile(r'<h2 id="([a-z0-9-]+)"[^>]*>([^<]*)</h2>')  # [^>]*: a search record's weight


def _with_toc(html: str) -> str:
    """The page with its table of contents in the slot: a link to each of the template's sections."""
    sections = _SECTION.findall(html)
    toc = "" if len(sections) < TOC_MIN_SECTIONS else template("toc.html").render(
        sections=[{"id": i, "title": Markup(t)} for i, t in sections])
    return html.replace(_TOC_SLOT, toc, 1)


@dataclass(frozen=True)
class Link:
    url: str
    title: str
    kind_label: str


def entry_link(page_url: str, target: Entry, directory_urls: bool) -> Link:
    return Link(relative_url(page_url, entry_url(target.kind, target.id, directory_urls)), target.title,
                KINDS[target.kind].label)


@dataclass(frozen=True)
class EntryPageData:
    """What an entry's page is rendered from: built once, rendered as the page and as its search record."""
    facts: list[Fact]
    context: dict  # the template's values, all but `search`


def entry_page_data(entry: Entry, catalogue: Catalogue, *, directory_urls: bool = True,
                    today: date | None = None, page_url: str | None = None) -> EntryPageData:
    """`page_url`: the page the article is shown on, if not the entry's own (links are relative to it)."""
    today = today or date.today()
    own_page = page_url is None
    page_url = entry_url(entry.kind, entry.id, directory_urls) if own_page else page_url
    related, guide_steps = [], []
    for ref in entry.references():  # a reference to an entry that does not exist was reported by `check`
        target = catalogue.entries.get(ref.target)
        if target is None:
            continue
        link = entry_link(page_url, target, directory_urls)
        if ref.item is None:
            related.append(link)
        else:  # a guide's step: the link with why, when and how long
            guide_steps.append({"url": link.url, "title": link.title, "kind_label": link.kind_label,
                                "why": ref.item.why, "when": ref.item.when, "minutes": ref.item.minutes})
    total = sum(s["minutes"] for s in guide_steps)
    facts = entry_facts(entry, catalogue)
    return EntryPageData(facts, dict(
        entry=entry,
        kind=KINDS[entry.kind],
        d=entry.details,
        sort_title=title_value(entry.title, entry.id),
        sort_newest=newest_value(entry.updated, entry.title, entry.id),
        body=Markup(render_markdown(entry.body)),
        facts=[(f, _fact_values(f, entry.kind, page_url, directory_urls)) for f in facts],
        compact=[(f, _fact_values(f, entry.kind, page_url, directory_urls)) for f in _compact_line(facts, entry.kind)],
        toc_slot=Markup(_TOC_SLOT),
        search_filters=entry_filters(entry),
        label=catalogue.taxonomy.label,
        related=related,
        guide_steps=guide_steps,
        guide_hours=danish_duration(total) if total else "",
        print_url=(relative_url(page_url, print_url(entry.kind, entry.id, directory_urls))
                   if own_page and entry.kind in PRINTED_WHOLE else None),
        overdue=entry.is_overdue(today),
        created=danish_date(entry.created),
        updated=danish_date(entry.updated),
        review_by=danish_date(entry.review_by),
        comply_sheet_url=sheet_url(page_url, directory_urls),
        # "Ret i formularen": the contribution form, and this entry's data for it (JSON safe inside <script>)
        form_url=relative_url(page_url, form_url(directory_urls)),
        form_data=Markup(json_for_html({"id": entry.id, "kind": entry.kind, "data": entry_data(entry)})),
    ))


def render_page(data: EntryPageData, *, search: bool = False, printed: bool = False) -> str:
    """The complete main content of an entry's page (its <h1> included); with `search`, the same article
    marked up for the search index (entry.html; the record itself is render/search_record.entry_record);
    `printed`: the article inside a print view (render/guide_print.py), without "Ret i formularen"."""
    return _with_toc(template("entry.html").render(**data.context, search=search, printed=printed))


def render_entry(entry: Entry, catalogue: Catalogue, *, directory_urls: bool = True,
                 today: date | None = None, search: bool = False) -> str:
    """render_page of the entry's page data."""
    return render_page(entry_page_data(entry, catalogue, directory_urls=directory_urls, today=today), search=search)
