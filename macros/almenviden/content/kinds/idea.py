"""Ideas: activities a board can carry out with the residents (catalogue/ideas/, pages under ideer/)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from almenviden.content.fields import choice, choices, example_item, list_of, obj, text
from almenviden.content.kinds.base import Kind, PageFact, facet
from almenviden.content.records import Record, Source
from almenviden.content.taxonomy import Taxonomy


@dataclass(frozen=True)
class Funding(Record):
    source: str  # a funding_sources key
    note: str | None = None


@dataclass(frozen=True)
class Example(Record):
    where: str
    what: str
    when: str | int | None = None
    source: Source | None = None  # the public page that describes it, or
    illustrative: bool = False  # it is made up (never both, never neither: see fields.example_item)


@dataclass(frozen=True)
class IdeaFields(Record):
    housing_types: tuple[str, ...]
    cost: str
    time: str
    season: tuple[str, ...]
    participants: str
    steps: tuple[str, ...]
    sustainability: tuple[str, ...]
    funding: tuple[Funding, ...] = ()
    examples: tuple[Example, ...] = ()


def properties(taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "housing_types": choices(taxonomy, "housing_types", "Boligtyper, hvor idéen passer."),
        "cost": choice(taxonomy, "cost", "Hvad idéen cirka koster."),
        "time": choice(taxonomy, "time", "Hvor meget arbejde idéen kræver af de frivillige."),
        "season": choices(taxonomy, "seasons", "Årstider, hvor idéen passer."),
        "participants": text("Et vejledende skøn over, hvor mange der deltager, fx '10–30 beboere'. Siden viser det "
                             "som skøn; et tal med kilde hører hjemme i teksten sammen med kilden."),
        "steps": list_of(text("Et trin."), "Trinene i rækkefølge: sådan gør I."),
        "funding": list_of(
            obj({"source": choice(taxonomy, "funding_sources", "Hvor pengene kan komme fra."),
                 "note": text("Kort forklaring.")}, ["source"], "En finansieringskilde."),
            "Hvor pengene kan komme fra.", min_items=0),
        "examples": list_of(example_item(), "Eksempler på idéen i praksis: hvert med en kilde eller "
                            "markeret som tænkt eksempel.", min_items=0),
        "sustainability": choices(taxonomy, "sustainability", "Hvilke slags bæredygtighed idéen styrker."),
    }


KIND = Kind(
    key="ideas", cli_name="idea", url_dir="ideer", label="Idé", plural="Idéer", definite="idéen",
    fields=IdeaFields,
    properties=properties,
    required=("housing_types", "cost", "time", "season", "participants", "steps", "sustainability"),
    facets=(facet("housing_types", "housing_types", "boligtype"), facet("cost", "cost", "udgift"),
            facet("time", "time", "indsats"), facet("season", "seasons", "aarstid"),
            facet("sustainability", "sustainability", "baeredygtighed")),
    card_facets=("udgift", "indsats", "aarstid"),
    compact_facts=("udgift", "indsats", "aarstid", "boligtype"),
    # Participant numbers are planning guesses, never measurements: the page says so (issue 18).
    page_facts=(PageFact("Deltagere (vejledende skøn)", "participants", after="boligtype"),),
    field_synonyms={
        "boligtype": "housing_types", "boligtyper": "housing_types", "housing_type": "housing_types",
        "pris": "cost", "udgift": "cost", "tid": "time", "tidsforbrug": "time",
        "årstid": "season", "aarstid": "season", "seasons": "season", "deltagere": "participants",
        "trin": "steps", "finansiering": "funding", "eksempler": "examples", "erfaringer": "examples",
        "baeredygtighed": "sustainability", "bæredygtighed": "sustainability",
        # inside an example or a funding source
        "hvor": "where", "hvornår": "when", "hvornaar": "when", "hvad": "what", "kilde": "source",
        "illustrativ": "illustrative", "tænkt": "illustrative", "taenkt": "illustrative",
    },
    scaffold="new_ideas.yaml.j2",
)
