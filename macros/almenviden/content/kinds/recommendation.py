"""Recommendations: good practice for boards, with the rules behind it (catalogue/recommendations/)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from almenviden.content.fields import choice, list_of, obj, text
from almenviden.content.kinds.base import Kind, facet
from almenviden.content.records import Record
from almenviden.content.taxonomy import Taxonomy


@dataclass(frozen=True)
class Rule(Record):
    text: str  # what the rule says, in the author's own words
    reference: str  # e.g. "Almenboligloven § 164, stk. 2"


@dataclass(frozen=True)
class RecommendationFields(Record):
    area: str
    recommendations: tuple[str, ...]
    comply_or_explain: str
    rules: tuple[Rule, ...] = ()


def properties(taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "area": choice(taxonomy, "recommendation_areas", "Det område, anbefalingen hører til."),
        "recommendations": list_of(text("En anbefaling."), "Anbefalingerne, én pr. punkt."),
        "rules": list_of(
            obj({"text": text("Hvad reglen siger, med egne ord."),
                 "reference": text("Lovhenvisning, fx 'Almenboligloven § 164, stk. 2' eller 'Almenlejeloven § 83, stk. 2'.")},
                ["text", "reference"], "En regel."),
            "Regler, der gælder på området, med lovhenvisning.", min_items=0),
        "comply_or_explain": text("Følg eller forklar: hvad bestyrelsen dokumenterer, når den vælger "
                                  "at gøre noget andet."),
    }


KIND = Kind(
    key="recommendations", cli_name="recommendation", url_dir="anbefalinger", label="Anbefaling",
    plural="Anbefalinger", definite="anbefalingen",
    fields=RecommendationFields,
    properties=properties,
    required=("area", "recommendations", "comply_or_explain"),
    facets=(facet("area", "recommendation_areas", "omraade"),),
    card_facets=("omraade",),
    compact_facts=("omraade",),
    field_synonyms={"område": "area", "omraade": "area", "anbefalinger": "recommendations", "regler": "rules"},
    scaffold="new_recommendations.yaml.j2",
)
