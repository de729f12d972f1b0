"""Facets: which fields become search filters, the filter values an entry carries, the browse UI's setup.

Filter values are taxonomy keys (ASCII, stable when a label is reworded); the UI shows the labels.
The kind filter `type` uses the kind's URL folder (ideer, kurser, anbefalinger, introforloeb).
"""

from __future__ import annotations

from almenviden.content.kinds import KINDS, Facet, facet
from almenviden.content.model import Catalogue, Entry

# The facets every kind has, before and after the kind's own (content/kinds/<kind>.py `facets`).
GOALS = facet("goals", "goals", "maal")
COMMON_FACETS: tuple[Facet, ...] = (GOALS, facet("audience", "audiences", "maalgruppe"))
TAGS = facet("tags", "tags", "emne")

KIND_FILTER = "type"

# A value that stands for several others: an idea for the whole year is also a winter idea.
IMPLIED: dict[str, dict[str, tuple[str, ...]]] = {
    "aarstid": {"hele-aaret": ("foraar", "sommer", "efteraar", "vinter")},
}


def card_facets() -> tuple[str, ...]:
    """Facets shown as small labels on result cards (filter names), the kinds' own in registry order."""
    return tuple(name for kind in KINDS.values() for name in kind.card_facets)


def as_tuple(value) -> tuple:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def field_value(entry: Entry, field_name: str):
    """A common field of the entry, or one of its kind's fields (None if it has no such field)."""
    return getattr(entry, field_name) if hasattr(entry, field_name) else entry.details.get(field_name)


def fields_for(kind: str | None) -> list[Facet]:
    """The facets of one kind, or of all kinds (kind None), in display order: common, the kind's own, tags."""
    kinds = [KINDS[kind]] if kind else list(KINDS.values())
    return [*COMMON_FACETS, *(f for k in kinds for f in k.facets), TAGS]


def entry_filters(entry: Entry) -> list[tuple[str, str]]:
    """(filter, value key) pairs the entry is found under, the kind and implied values included."""
    pairs = [(KIND_FILTER, KINDS[entry.kind].url_dir)]
    for field_name, _category, _name, filter_name in fields_for(entry.kind):
        keys = as_tuple(field_value(entry, field_name))
        implied = [extra for key in keys for extra in IMPLIED.get(filter_name, {}).get(key, ())]
        for key in dict.fromkeys([*keys, *implied]):
            pairs.append((filter_name, key))
    return pairs


def browse_config(catalogue: Catalogue, kind: str | None = None) -> dict:
    """What the catalogue browser needs: facets with Danish labels in taxonomy order, fixed filters, nouns."""
    tax = catalogue.taxonomy
    facets = []
    if kind is None:
        facets.append({"key": KIND_FILTER, "label": "Type",
                       "values": [[k.url_dir, k.plural] for k in KINDS.values()]})
    for _field, category, name, filter_name in fields_for(kind):
        facets.append({"key": filter_name, "label": name,
                       "values": [[key, tax.label(category, key)] for key in tax.keys(category)]})
    singular, plural = (KINDS[kind].noun, KINDS[kind].noun_plural) if kind else ("resultat", "resultater")
    return {
        "kind": kind or "",
        "fixed": {KIND_FILTER: [KINDS[kind].url_dir]} if kind else {},
        "entryKinds": [k.url_dir for k in KINDS.values()],  # without a query, hand-written pages stay out
        "facets": facets,
        "implied": {f: {k: list(v) for k, v in m.items()} for f, m in IMPLIED.items()},
        "cardFacets": list(card_facets()),
        "noun": [singular, plural],
        "searchLabel": f"Søg blandt {plural}" if kind else "Søgeord",
        "pageSize": 24,
    }


def search_topics(catalogue: Catalogue) -> list[tuple[str, str, str]]:
    """(filter, key, label) of the goals and topics (tags) that entries have, for a search with no results."""
    tax = catalogue.taxonomy
    used = {(f, k) for e in catalogue.entries.values() for f, k in entry_filters(e)}
    return [(f.filter, key, tax.label(f.category, key)) for f in (GOALS, TAGS)
            for key in tax.keys(f.category) if (f.filter, key) in used]
