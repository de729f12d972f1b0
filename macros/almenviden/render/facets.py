"""Facets: which fields become search filters, the filter values an entry carries, the browse UI's setup.

Filter values are taxonomy keys (ASCII, stable when a label is reworded); the UI shows the labels.
The kind filter `type` uses the kind's URL folder (ideer, kurser, anbefalinger, introforloeb).
"""

from __future__ import annotations

from almenviden.content.kinds import KINDS
from almenviden.content.model import Catalogue, Entry

# (field on the entry or in details, taxonomy category, Danish name, Pagefind filter), per group.
FACT_FIELDS: dict[str, list[tuple[str, str, str, str]]] = {
    "common": [("goals", "goals", "Almene mål", "maal"), ("audience", "audiences", "Målgruppe", "maalgruppe")],
    "ideas": [("housing_types", "housing_types", "Boligtype", "boligtype"), ("cost", "cost", "Udgift", "udgift"),
              ("time", "time", "Indsats", "indsats"), ("season", "seasons", "Årstid", "aarstid"),
              ("sustainability", "sustainability", "Bæredygtighed", "baeredygtighed")],
    "courses": [("level", "course_levels", "Niveau", "niveau"), ("format", "course_formats", "Form", "form")],
    "recommendations": [("area", "recommendation_areas", "Område", "omraade")],
    "guides": [("role", "roles", "Rolle", "rolle")],
    "tags": [("tags", "tags", "Emner", "emne")],
}

KIND_FILTER = "type"

# A value that stands for several others: an idea for the whole year is also a winter idea.
IMPLIED: dict[str, dict[str, tuple[str, ...]]] = {
    "aarstid": {"hele-aaret": ("foraar", "sommer", "efteraar", "vinter")},
}

# Facets shown as small labels on result cards.
CARD_FACETS = ("udgift", "indsats", "aarstid", "niveau", "form", "omraade", "rolle")

# Nouns for the result count ("1 idé", "12 idéer").
_NOUNS = {"ideas": ("idé", "idéer"), "courses": ("kursus", "kurser"),
          "recommendations": ("anbefaling", "anbefalinger"), "guides": ("introforløb", "introforløb")}


def as_tuple(value) -> tuple:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def field_value(entry: Entry, field_name: str):
    return getattr(entry, field_name) if hasattr(entry, field_name) else entry.details.get(field_name)


def fields_for(kind: str | None) -> list[tuple[str, str, str, str]]:
    """The facet fields of one kind, or of all kinds (kind None), in display order, without repeats."""
    kinds = [kind] if kind else list(KINDS)
    rows = list(FACT_FIELDS["common"])
    for k in kinds:
        rows += FACT_FIELDS[k]
    return rows + FACT_FIELDS["tags"]


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
    singular, plural = _NOUNS[kind] if kind else ("resultat", "resultater")
    return {
        "kind": kind or "",
        "fixed": {KIND_FILTER: [KINDS[kind].url_dir]} if kind else {},
        "entryKinds": [k.url_dir for k in KINDS.values()],  # without a query, hand-written pages stay out
        "facets": facets,
        "implied": {f: {k: list(v) for k, v in m.items()} for f, m in IMPLIED.items()},
        "cardFacets": list(CARD_FACETS),
        "noun": [singular, plural],
        "searchLabel": f"Søg blandt {plural}" if kind else "Søgeord",
        "pageSize": 24,
    }


def search_topics(catalogue: Catalogue) -> list[tuple[str, str, str]]:
    """(filter, key, label) of the goals and topics (tags) that entries have, for a search with no results."""
    tax = catalogue.taxonomy
    used = {(f, k) for e in catalogue.entries.values() for f, k in entry_filters(e)}
    return [(f, key, tax.label(category, key)) for category, f in (("goals", "maal"), ("tags", "emne"))
            for key in tax.keys(category) if (f, key) in used]
