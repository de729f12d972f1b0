"""Listings of entries on hand-written pages: choosing entries by taxonomy keys, and their cards. Knows the
model, not the host (the MkDocs macros and the catalogue browser call these)."""

from __future__ import annotations

from typing import Iterable

from almenviden.content.kinds import KINDS
from almenviden.content.model import Catalogue, Entry
from almenviden.render.entry_page import entry_facts, entry_link
from almenviden.render.environment import template
from almenviden.render.facets import as_tuple as _as_tuple, card_facets, field_value


def select(catalogue: Catalogue, kind: str, **filters: str | Iterable[str]) -> list[Entry]:
    """Entries of `kind` whose fields contain every given taxonomy key, e.g. season="vinter"."""
    chosen = []
    for entry in catalogue.of_kind(kind):
        keep = True
        for field_name, wanted in filters.items():
            raw = field_value(entry, field_name)
            have = set(_as_tuple(raw))
            wanted_set = {wanted} if isinstance(wanted, str) else set(wanted)
            if not wanted_set <= have:
                keep = False
                break
        if keep:
            chosen.append(entry)
    return chosen


# Above this many entries a listing shows titles only: 7,000 full cards are 4 MB of HTML that a phone
# must parse before the interactive catalogue (which pages its results) takes over.
CARD_LIMIT = 300


def render_cards(entries: list[Entry], catalogue: Catalogue, page_url: str, *, directory_urls: bool = True) -> str:
    """A list of cards (title, kind, summary, key facts) linking to the entries' pages; for long lists,
    a compact alphabetical list of titles."""
    if len(entries) > CARD_LIMIT:
        links = [{"url": entry_link(page_url, e, directory_urls).url, "title": e.title} for e in entries]
        return template("title_list.html").render(links=links)
    cards = []
    shown = card_facets()
    for entry in entries:
        facts = [f for f in entry_facts(entry, catalogue) if f.filter in shown]
        cards.append({"entry": entry, "url": entry_link(page_url, entry, directory_urls).url,
                      "kind": KINDS[entry.kind], "facts": facts})
    return template("cards.html").render(cards=cards)
