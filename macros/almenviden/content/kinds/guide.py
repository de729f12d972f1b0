"""Guides (introforløb): a path through other entries for one role (catalogue/guides/, pages under introforloeb/)."""

from __future__ import annotations

from typing import Any, Iterator

from almenviden.content.fields import MAX_MINUTES, choice, entry_id, list_of, obj, text, whole
from almenviden.content.kinds.base import Kind, Reference, facet
from almenviden.content.records import record_class

FIELDS = (
    choice("role", "roles", "Den rolle, forløbet er til.",
           comment="Den rolle, forløbet er til. Vælg én, fx role: {{ example() }}\n{{ choices() }}"),
    list_of("steps", obj("", (
        entry_id("entry", "Id på den post, trinnet peger på.", label="Post (id)",
                 example="introkursus-for-afdelingsbestyrelsen",
                 hint="id på posten, fx \"introkursus-for-afdelingsbestyrelsen\""),
        text("why", "Hvorfor trinnet er vigtigt.", label="Hvorfor", hint="hvorfor trinnet er vigtigt"),
        text("when", "Hvornår i forløbet, fx 'Inden for den første måned'.", label="Hvornår i forløbet",
             example="Inden for den første måned", hint="hvornår i forløbet, fx \"Inden for den første måned\""),
        whole("minutes", "Cirka tidsforbrug i minutter.", 1, MAX_MINUTES, label="Minutter", example=60,
              hint="cirka tidsforbrug i minutter, fx 60"),
    ), "Et trin i forløbet.", record="GuideStep", label="Trin"), "Forløbets trin i rækkefølge.", label="Trin",
        comment="Forløbets trin i rækkefølge. Hvert trin peger på en post i kataloget (id = filnavnet uden "
                ".yaml).\n"
                "Kopiér de fire linjer for hvert nyt trin (med samme indrykning)."),
)

GuideFields = record_class("GuideFields", FIELDS, globals())  # also GuideStep


def references(fields: Any) -> Iterator[Reference]:
    """Each step's entry, in order: checked to exist, part of the page's cache key, shown as the path."""
    for i, step in enumerate(fields.steps):
        yield Reference(("steps", i, "entry"), step.entry, step)


KIND = Kind(
    key="guides", cli_name="guide", url_dir="introforloeb", label="Introforløb", plural="Introforløb",
    definite="forløbet",
    fields=GuideFields,
    required_common=("sources",),  # a guide's advice is checked against the pages it cites
    facets=(facet("role", "roles", "rolle"),),
    card_facets=("rolle",),
    compact_facts=("rolle",),
    browsed=False,
    references=references,
    field_synonyms={"rolle": "role", "trin": "steps"},
)
