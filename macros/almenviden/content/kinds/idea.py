"""Ideas: activities a board can carry out with the residents (catalogue/ideas/, pages under ideer/)."""

from __future__ import annotations

from almenviden.content.fields import (
    EVIDENCE_RULE, choice, choices, flag, list_of, obj, source_fields, text, year_or_text,
)
from almenviden.content.kinds.base import Kind, PageFact, facet
from almenviden.content.records import Source, record_class

FIELDS = (
    choices("housing_types", "housing_types", "Boligtyper, hvor idéen passer.", label="Boligtyper",
            comment="Boligtyper, hvor idéen passer (en eller flere), fx housing_types: [{{ example() }}]\n"
                    "{{ choices() }}"),
    choice("cost", "cost", "Hvad idéen cirka koster.",
           comment="Hvad idéen cirka koster. Vælg én, fx cost: {{ example() }}\n{{ choices() }}"),
    choice("time", "time", "Hvor meget arbejde idéen kræver af de frivillige.",
           comment="Hvor meget arbejde idéen kræver af de frivillige. Vælg én, fx time: {{ example() }}\n"
                   "{{ choices() }}"),
    choices("season", "seasons", "Årstider, hvor idéen passer.",
            comment="Årstider, hvor idéen passer (en eller flere), fx season: [{{ example() }}]\n{{ choices() }}"),
    text("participants", "Et vejledende skøn over, hvor mange der deltager, fx '10–30 beboere'. Siden viser det "
         "som skøn; et tal med kilde hører hjemme i teksten sammen med kilden.", label="Deltagere (vejledende skøn)",
         example="10–30 beboere",
         comment="Et vejledende skøn over, hvor mange der deltager, fx \"10–30 beboere\". Siden viser det som skøn.\n"
                 "Et tal med kilde (en pris, en måling) hører hjemme i teksten, og kilden under 'sources'."),
    list_of("steps", text("", "Et trin.", label="Trin"), "Trinene i rækkefølge: sådan gør I.", label="Trin",
            example=["Find en dato, og book fælleslokalet.", "Sæt opslag op i opgangene."],
            comment="Trinene i rækkefølge: sådan gør I. Ét trin pr. linje med '- ' foran, fx\n"
                    "{{ example_block() }}"),
    list_of("funding", obj("", (
        choice("source", "funding_sources", "Hvor pengene kan komme fra.", label="Kilde til pengene"),
        text("note", "Kort forklaring.", required=False, label="Bemærkning", example="Kaffe, kage og materialer."),
    ), "En finansieringskilde.", record="Funding", label="Finansieringskilde"), "Hvor pengene kan komme fra.",
        min_items=0, required=False, label="Finansiering",
        comment="Hvor pengene kan komme fra (valgfrit). Hver kilde har 'source' (en af værdierne herunder) og "
                "'note':\n"
                "{{ choices('funding_sources') }}\n"
                "Skriv fx\n"
                "{{ example_block() }}"),
    list_of("examples", obj("", (
        text("where", "Hvor: en afdeling eller boligorganisation, beskrevet uden personoplysninger.", label="Hvor",
             example="En familieafdeling i Aarhus"),
        year_or_text("when", "Hvornår, fx 2023 eller 'foråret 2024' (valgfri).", required=False, label="Hvornår",
                     example=2024),
        text("what", "Hvad skete der? Med en kilde: hvad kilden fortæller, med egne ord.", label="Hvad skete der"),
        obj("source", source_fields(), "Den offentlige side, der beskriver eksemplet: titel og webadresse.",
            record=Source, required=False, label="Kilde"),
        flag("illustrative", "Skriv 'illustrative: true', hvis eksemplet er tænkt (uden kilde). Det vises som "
                             "'Tænkt eksempel' og må ikke have opfundne tal.", label="Tænkt eksempel (uden kilde)"),
    ), "Et eksempel: med 'source' (en kilde) eller 'illustrative: true', aldrig begge.", record="Example",
        rule=EVIDENCE_RULE, label="Eksempel"),
        "Eksempler på idéen i praksis: hvert med en kilde eller markeret som tænkt eksempel.", min_items=0,
        required=False, label="Eksempler",
        comment="Eksempler på idéen i praksis (valgfrit). Beskriv stedet uden personoplysninger. Hvert eksempel "
                "skal have\n"
                "ENTEN 'source' (titel og webadresse på den offentlige side, der beskriver det; skriv med egne ord, "
                "hvad\n"
                "siden fortæller) ELLER 'illustrative: true' (et tænkt eksempel: vises som \"Tænkt eksempel\", uden "
                "opfundne\n"
                "tal, årstal eller resultater). 'when' er valgfri. Fx\n"
                "  examples:\n"
                "    - where: En familieafdeling i Aarhus\n"
                "      when: 2024\n"
                "      what: Hvad skete der ifølge kilden?\n"
                "      source:\n"
                "        title: Sidens titel\n"
                "        url: https://example.org/siden\n"
                "    - where: En afdeling med mange børnefamilier\n"
                "      what: Sådan kunne det se ud, hvis I prøver idéen.\n"
                "      illustrative: true"),
    choices("sustainability", "sustainability", "Hvilke slags bæredygtighed idéen styrker.",
            comment="Hvilke slags bæredygtighed idéen styrker (en eller flere), fx sustainability: "
                    "[{{ example() }}]\n{{ choices() }}"),
)

IdeaFields = record_class("IdeaFields", FIELDS, globals())  # also Funding and Example


KIND = Kind(
    key="ideas", cli_name="idea", url_dir="ideer", label="Idé", plural="Idéer", definite="idéen",
    fields=IdeaFields,
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
)
