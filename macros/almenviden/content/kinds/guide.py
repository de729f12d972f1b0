"""Guides (introforløb): a path through other entries for one role (catalogue/guides/, pages under introforloeb/)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from almenviden.content.fields import ID_PATTERN, MAX_MINUTES, choice, list_of, obj, text, whole
from almenviden.content.kinds.base import Kind, Reference, facet
from almenviden.content.records import Record
from almenviden.content.taxonomy import Taxonomy


@dataclass(frozen=True)
class GuideStep(Record):
    entry: str  # id of the entry this step points to
    why: str
    when: str
    minutes: int


@dataclass(frozen=True)
class GuideFields(Record):
    role: str
    steps: tuple[GuideStep, ...]


def properties(taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "role": choice(taxonomy, "roles", "Den rolle, forløbet er til."),
        "steps": list_of(
            obj({"entry": {"type": "string", "pattern": ID_PATTERN,
                           "description": "Id på den post, trinnet peger på."},
                 "why": text("Hvorfor trinnet er vigtigt."),
                 "when": text("Hvornår i forløbet, fx 'Inden for den første måned'."),
                 "minutes": whole("Cirka tidsforbrug i minutter.", 1, MAX_MINUTES)},
                ["entry", "why", "when", "minutes"], "Et trin i forløbet."),
            "Forløbets trin i rækkefølge."),
    }


def references(fields: GuideFields) -> Iterator[Reference]:
    """Each step's entry, in order: checked to exist, part of the page's cache key, shown as the path."""
    for i, step in enumerate(fields.steps):
        yield Reference(("steps", i, "entry"), step.entry, step)


KIND = Kind(
    key="guides", cli_name="guide", url_dir="introforloeb", label="Introforløb", plural="Introforløb",
    definite="forløbet",
    fields=GuideFields,
    properties=properties,
    required=("role", "steps"),
    required_common=("sources",),  # a guide's advice is checked against the pages it cites
    facets=(facet("role", "roles", "rolle"),),
    card_facets=("rolle",),
    compact_facts=("rolle",),
    browsed=False,
    references=references,
    field_synonyms={"rolle": "role", "trin": "steps"},
    scaffold="new_guides.yaml.j2",
)
