"""Courses: training for board members and volunteers (catalogue/courses/, pages under kurser/)."""

from __future__ import annotations

from almenviden.content.fields import MAX_MINUTES, choice, list_of, obj, text, url, whole
from almenviden.content.kinds.base import Kind, PageFact, facet
from almenviden.content.records import record_class
from almenviden.danish.durations import danish_duration

FIELDS = (
    choice("level", "course_levels", "Kursets niveau.",
           comment="Kursets niveau. Vælg én, fx level: {{ example() }}\n{{ choices() }}"),
    choice("format", "course_formats", "Hvordan kurset foregår.",
           comment="Hvordan kurset foregår. Vælg én, fx format: {{ example() }}\n{{ choices() }}"),
    whole("duration_minutes", "Kursets samlede varighed i minutter.", 5, MAX_MINUTES, label="Varighed i minutter",
          example=150, comment="Kursets samlede varighed i minutter (et helt tal), fx 150."),
    list_of("objectives", text("", "Et læringsmål.", label="Læringsmål"), "Hvad deltagerne kan bagefter.",
            label="Læringsmål", example=["Kender afdelingsbestyrelsens opgaver."],
            comment="Det kan deltagerne bagefter. Ét læringsmål pr. linje med '- ' foran, fx\n"
                    "{{ example_block() }}"),
    list_of("agenda", obj("", (
        text("item", "Programpunkt.", label="Programpunkt", example="Velkomst og præsentation",
             hint="programpunkt, fx \"Velkomst og præsentation\""),
        whole("minutes", "Varighed i minutter.", 1, MAX_MINUTES, label="Minutter", example=15,
              hint="varighed i minutter, fx 15"),
    ), "Et programpunkt.", record="AgendaItem", label="Programpunkt"), "Programmet punkt for punkt med minutter.",
        label="Program",
        comment="Programmet punkt for punkt. Kopiér de to linjer for hvert nyt punkt (med samme indrykning)."),
    list_of("materials", obj("", (
        text("title", "Materialets titel.", label="Titel", example="Slides fra kurset"),
        url("url", label="Webadresse", required=False),
        text("file", "Filnavn på et materiale, der følger med kurset.", label="Fil", required=False,
             example="slides.pdf"),
    ), "Et materiale: titel og enten url eller file.", record="Material", label="Materiale",
        rule={"anyOf": [{"required": ["url"]}, {"required": ["file"]}]}),
        "Materialer til kurset.", min_items=0, required=False, label="Materialer",
        comment="Materialer til kurset (valgfrit): en titel og enten 'url' (webadresse) eller 'file' (filnavn), fx\n"
                "{{ example_block() }}"),
    list_of("prerequisites", text("", "En forudsætning.", label="Forudsætning"),
            "Hvad deltagerne skal have med sig.", min_items=0, required=False, label="Forudsætninger",
            comment="Det skal deltagerne have med eller kunne på forhånd (valgfrit). Ét punkt pr. linje med '- ' "
                    "foran."),
    obj("provider", (
        text("name", "Udbyderens navn, fx boligorganisationen eller BL.", label="Navn",
             example="Din boligorganisation", hint="udbyderens navn, fx \"Din boligorganisation\""),
        url("url", "Udbyderens side om kurset (valgfri).", label="Webadresse", required=False,
            example="https://example.org/kurser/kurset"),
    ), "Hvem udbyder kurset.", record="Provider", label="Udbyder",
        comment="Hvem udbyder kurset? Skriv udbyderens navn, fx boligorganisationen eller BL. Findes der en side "
                "om kurset\n"
                "hos udbyderen, så tilføj den som 'url' (valgfri) under 'name', fx\n"
                "    url: https://example.org/kurser/kurset"),
    obj("signup", (
        text("how", "Sådan tilmelder man sig: hvor, til hvem og hvornår.", label="Sådan tilmelder man sig",
             example="Tilmeld dig hos administrationen senest en uge før kurset",
             hint="fx \"Tilmeld dig hos administrationen senest en uge før kurset\""),
        url("url", "Side, hvor man tilmelder sig (valgfri).", label="Webadresse", required=False),
        text("price", "Hvad kurset koster, fx 'Gratis for afdelingsbestyrelser' (valgfri).", label="Pris",
             required=False, example="Gratis for afdelingsbestyrelser"),
    ), "Sådan tilmelder man sig kurset.", record="Signup", label="Tilmelding",
        comment="Sådan tilmelder man sig: hvor, hos hvem og hvornår. Tilføj gerne 'url' (siden, hvor man "
                "tilmelder sig) og\n"
                "'price' (hvad kurset koster, fx \"Gratis for afdelingsbestyrelser\") under 'how'. Skriv kun en "
                "pris eller dato,\n"
                "som udbyderen selv har oplyst."),
)

CourseFields = record_class("CourseFields", FIELDS, globals())  # also AgendaItem, Material, Provider, Signup


KIND = Kind(
    key="courses", cli_name="course", url_dir="kurser", label="Kursus", plural="Kurser", definite="kurset",
    fields=CourseFields,
    facets=(facet("level", "course_levels", "niveau"), facet("format", "course_formats", "form")),
    card_facets=("niveau", "form"),
    compact_facts=("niveau", "form", "Varighed"),
    page_facts=(PageFact("Varighed", "duration_minutes", show=danish_duration),),
    field_synonyms={
        "niveau": "level", "varighed": "duration_minutes", "duration": "duration_minutes",
        "maalsaetninger": "objectives", "program": "agenda", "materialer": "materials",
        "forudsaetninger": "prerequisites", "udbyder": "provider", "tilmelding": "signup",
    },
)
