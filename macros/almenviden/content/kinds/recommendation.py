"""Recommendations: good practice for boards, with the rules behind it (catalogue/recommendations/)."""

from __future__ import annotations

from almenviden.content.fields import choice, list_of, obj, text
from almenviden.content.kinds.base import Kind, facet
from almenviden.content.records import record_class

FIELDS = (
    choice("area", "recommendation_areas", "Det område, anbefalingen hører til.",
           comment="Det område, anbefalingen hører til. Vælg én, fx area: {{ example() }}\n{{ choices() }}"),
    list_of("recommendations", text("", "En anbefaling.", label="Anbefaling"), "Anbefalingerne, én pr. punkt.",
            label="Anbefalinger",
            example=["Bestyrelsen aftaler hvert år, hvem der har kontakten til kommunen."],
            comment="Anbefalingerne. Én pr. linje med '- ' foran, fx\n{{ example_block() }}"),
    list_of("rules", obj("", (
        text("text", "Hvad reglen siger, med egne ord.", label="Reglen med egne ord",
             example="Afdelingsmødet godkender afdelingens driftsbudget."),
        text("reference", "Lovhenvisning, fx 'Almenboligloven § 164, stk. 2' eller 'Almenlejeloven § 83, stk. 2'.",
             label="Lovhenvisning", example="Almenboligloven § 37, stk. 1"),
    ), "En regel.", record="Rule", label="Regel"), "Regler, der gælder på området, med lovhenvisning.", min_items=0,
        required=False, label="Regler",
        comment="Regler på området med lovhenvisning (valgfrit), fx\n{{ example_block() }}"),
    text("comply_or_explain", "Følg eller forklar: hvad bestyrelsen dokumenterer, når den vælger at gøre noget "
         "andet.", label="Følg eller forklar",
         comment="Følg eller forklar: hvad bestyrelsen skriver ned, når den vælger at gøre noget andet end "
                 "anbefalet."),
)

RecommendationFields = record_class("RecommendationFields", FIELDS, globals())  # also Rule


KIND = Kind(
    key="recommendations", cli_name="recommendation", url_dir="anbefalinger", label="Anbefaling",
    plural="Anbefalinger", definite="anbefalingen",
    fields=RecommendationFields,
    facets=(facet("area", "recommendation_areas", "omraade"),),
    card_facets=("omraade",),
    compact_facts=("omraade",),
    field_synonyms={"område": "area", "omraade": "area", "anbefalinger": "recommendations", "regler": "rules"},
)
