"""The fields every entry has, declared once (content/fields.py): the source of their JSON Schema, of the typed
`model.Entry`, of the top of every scaffold of `almenviden new`, and of the form.

A scaffold comment is Jinja (see content/scaffold.py): `noun` is the kind's definite form ("idéen"), `field`
the declaration, `example()`/`choices()` the field's taxonomy values.
"""

from __future__ import annotations

from almenviden.content.fields import (
    SUMMARY_MAX, choices, collapse_spaces, date_text, entry_id, list_of, obj, source_fields, text,
)
from almenviden.content.records import Source

COMMON_FIELDS = (
    text("title", "Postens titel. Vises som overskrift på siden og i søgeresultater.", max_length=120,
         label="Titel", example="Fælles kaffe i gården", clean=str.strip,
         comment="Titel: overskriften på siden og i søgeresultater (højst {{ field.max_length }} tegn).",
         scaffold="{{ title | q }}"),
    text("summary", f"Kort resumé i almindelig tekst (højst {SUMMARY_MAX} tegn). Vises på kort og i "
         "søgeresultater.", max_length=SUMMARY_MAX, label="Resumé", clean=collapse_spaces,
         comment="Resumé: en til tre sætninger i almindelig tekst, højst {{ field.max_length }} tegn. Vises på "
                 "kort og i søgeresultater."),
    text("body", "Selve teksten, skrevet i Markdown (overskrifter, lister, fed skrift, links). "
         "HTML og scripts fjernes.", label="Tekst",
         comment="Selve teksten i Markdown. Skriv den under 'body: |', indrykket med to mellemrum, fx\n"
                 "  body: |\n"
                 "    Første afsnit.\n"
                 "\n"
                 "    **Godt at vide:** andet afsnit med [et link](https://example.org/)."),
    choices("goals", "goals", "Et eller flere af BL's Almene mål 2024–2026, som posten støtter.",
            comment="Et eller flere af BL's Almene mål 2024–2026, som {{ noun }} støtter, fx goals: "
                    "[{{ example() }}]\n{{ choices() }}"),
    choices("audience", "audiences", "Hvem posten er skrevet til.",
            comment="Hvem {{ noun }} er skrevet til (en eller flere), fx audience: [{{ example() }}]\n"
                    "{{ choices() }}"),
    choices("tags", "tags", "Emner, der gør posten lettere at finde.", min_items=0, required=False,
            comment="Emner, der gør {{ noun }} lettere at finde (valgfrit), fx tags: [{{ example(n=2) }}]\n"
                    "{{ choices() }}"),
    list_of("related", entry_id("", label="Relateret post (id)"),
            "Id'er (filnavne uden .yaml) på relaterede poster af enhver slags.",
            min_items=None, unique=True, required=False, label="Relaterede poster",
            comment="Relaterede poster af enhver slags (valgfrit): deres id, dvs. filnavnet uden .yaml, fx "
                    "related: [et-id, et-andet-id]"),
    text("owner", "Sideansvarlig: den rolle eller det team, der holder posten opdateret. Aldrig en "
         "beboers navn eller kontaktoplysninger.", label="Sideansvarlig", example="Afdelingsbestyrelsen",
         clean=str.strip,
         comment="Sideansvarlig: den rolle eller det team, der holder {{ noun }} opdateret, fx "
                 "\"Afdelingsbestyrelsen\".\nAldrig en beboers navn, telefonnummer eller mail."),
    date_text("created", "Dato for oprettelse.", label="Oprettet", example="2024-08-04",
              comment="Datoer skrives ÅÅÅÅ-MM-DD. Oprettet:", scaffold="{{ today | date }}"),
    date_text("updated", "Dato for seneste indholdsmæssige opdatering.", label="Sidst opdateret",
              example="2024-08-04", joined=True,
              comment="Sidst opdateret: sæt dagens dato, hver gang indholdet ændres.", scaffold="{{ today | date }}"),
    date_text("review_by", "Dato, hvor posten senest skal gennemgås igen.", label="Gennemgås senest",
              example="2025-08-04", joined=True,
              comment="Senest næste gennemgang. 'almenviden stale' viser de poster, hvor datoen er passeret.",
              scaffold="{{ review_by | date }}"),
    list_of("sources", obj("", source_fields(), "En kilde.", record=Source, label="Kilde"),
            "Kilder og videre læsning: titel og webadresse.", min_items=0, required=False,
            label="Kilder og videre læsning",
            comment="Kilder og videre læsning{% if 'sources' in kind.required_common %} (mindst én){% else %} "
                    "(valgfrit){% endif %}: titlen på den side, der støtter {{ noun }},\n"
                    "og sidens fulde webadresse (ikke kun forsiden), der starter med https://, fx\n"
                    "{{ example_block() }}"),
)

COMMON_NAMES = frozenset(field.name for field in COMMON_FIELDS)
