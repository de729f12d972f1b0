"""JSON Schemas (2020-12) for the four kinds, generated from the taxonomy.

The files in catalogue/schema/ are what `check` validates against and what
editors read; `almenviden schema` writes them and a test keeps them in step.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from almenviden.content.kinds import KINDS
from almenviden.content.safe_files import UnsafeFile, read_regular
from almenviden.content.taxonomy import Taxonomy

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SUMMARY_MAX = 300
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def _text(description: str, *, max_length: int | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "minLength": 1, "description": description}
    if max_length:
        schema["maxLength"] = max_length
    return schema


def _date(description: str) -> dict[str, Any]:
    return {"type": "string", "format": "date", "description": description + " Skrives ÅÅÅÅ-MM-DD."}


def _choice(taxonomy: Taxonomy, category: str, description: str) -> dict[str, Any]:
    keys = taxonomy.keys(category)
    labels = ", ".join(f"{k} ({taxonomy.label(category, k)})" for k in keys)
    return {"type": "string", "enum": keys, "description": f"{description} Mulige værdier: {labels}."}


def _choices(taxonomy: Taxonomy, category: str, description: str, *, min_items: int = 1) -> dict[str, Any]:
    item = _choice(taxonomy, category, description)
    return {
        "type": "array",
        "items": {"type": "string", "enum": item["enum"]},
        "minItems": min_items,
        "uniqueItems": True,
        "description": item["description"],
    }


def _list_of(item: dict[str, Any], description: str, *, min_items: int = 1) -> dict[str, Any]:
    return {"type": "array", "items": item, "minItems": min_items, "description": description}


def _object(properties: dict[str, Any], required: list[str], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        "description": description,
    }


def _whole(description: str, minimum: int, maximum: int) -> dict[str, Any]:
    """A whole number within what makes sense (a huge number would pass the schema and break pages)."""
    return {"type": "integer", "minimum": minimum, "maximum": maximum, "description": description}


MAX_MINUTES = 6000  # 100 hours: more than any course or step takes
YEAR_MIN, YEAR_MAX = 1900, 2100

URL = {"type": "string", "pattern": "^(https?://|mailto:)", "description": "Webadresse, der starter med https://."}


def _source() -> dict[str, Any]:
    return _object({"title": _text("Kildens titel."), "url": URL}, ["title", "url"], "En kilde.")


# An example is backed by a public page that describes it, or it says it is made up: never neither, never both.
EXAMPLE_EVIDENCE = ("source", "illustrative")


def example_item() -> dict[str, Any]:
    item = _object({
        "where": _text("Hvor: en afdeling eller boligorganisation, beskrevet uden personoplysninger."),
        "when": {"type": ["string", "integer"], "minimum": YEAR_MIN, "maximum": YEAR_MAX,
                 "description": "Hvornår, fx 2023 eller 'foråret 2024' (valgfri)."},
        "what": _text("Hvad skete der? Med en kilde: hvad kilden fortæller, med egne ord."),
        "source": {**_source(), "description": "Den offentlige side, der beskriver eksemplet: titel og "
                                               "webadresse."},
        "illustrative": {"const": True, "description": "Skriv 'illustrative: true', hvis eksemplet er tænkt "
                                                      "(uden kilde). Det vises som 'Tænkt eksempel' og må ikke "
                                                      "have opfundne tal."},
    }, ["where", "what"], "Et eksempel: med 'source' (en kilde) eller 'illustrative: true', aldrig begge.")
    item["oneOf"] = [{"required": [key]} for key in EXAMPLE_EVIDENCE]
    return item


def common_properties(taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "title": _text("Postens titel. Vises som overskrift på siden og i søgeresultater.", max_length=120),
        "summary": _text(f"Kort resumé i almindelig tekst (højst {SUMMARY_MAX} tegn). Vises på kort og i "
                         "søgeresultater.", max_length=SUMMARY_MAX),
        "body": _text("Selve teksten, skrevet i Markdown (overskrifter, lister, fed skrift, links). "
                      "HTML og scripts fjernes."),
        "goals": _choices(taxonomy, "goals", "Et eller flere af BL's Almene mål 2024–2026, som posten støtter."),
        "audience": _choices(taxonomy, "audiences", "Hvem posten er skrevet til."),
        "tags": _choices(taxonomy, "tags", "Emner, der gør posten lettere at finde.", min_items=0),
        "related": {
            "type": "array",
            "items": {"type": "string", "pattern": ID_PATTERN},
            "uniqueItems": True,
            "description": "Id'er (filnavne uden .yaml) på relaterede poster af enhver slags.",
        },
        "owner": _text("Sideansvarlig: den rolle eller det team, der holder posten opdateret. Aldrig en "
                       "beboers navn eller kontaktoplysninger."),
        "created": _date("Dato for oprettelse."),
        "updated": _date("Dato for seneste indholdsmæssige opdatering."),
        "review_by": _date("Dato, hvor posten senest skal gennemgås igen."),
        "sources": _list_of(
            _source(),
            "Kilder og videre læsning: titel og webadresse.",
            min_items=0,
        ),
    }


COMMON_REQUIRED = ["title", "summary", "body", "goals", "audience", "owner", "created", "updated", "review_by"]


def kind_properties(kind: str, taxonomy: Taxonomy) -> tuple[dict[str, Any], list[str]]:
    if kind == "ideas":
        return {
            "housing_types": _choices(taxonomy, "housing_types", "Boligtyper, hvor idéen passer."),
            "cost": _choice(taxonomy, "cost", "Hvad idéen cirka koster."),
            "time": _choice(taxonomy, "time", "Hvor meget arbejde idéen kræver af de frivillige."),
            "season": _choices(taxonomy, "seasons", "Årstider, hvor idéen passer."),
            "participants": _text("Hvor mange der typisk deltager, fx '10–30 beboere'."),
            "steps": _list_of(_text("Et trin."), "Trinene i rækkefølge: sådan gør I."),
            "funding": _list_of(
                _object({"source": _choice(taxonomy, "funding_sources", "Hvor pengene kan komme fra."),
                         "note": _text("Kort forklaring.")}, ["source"], "En finansieringskilde."),
                "Hvor pengene kan komme fra.", min_items=0),
            "examples": _list_of(example_item(), "Eksempler på idéen i praksis: hvert med en kilde eller "
                                 "markeret som tænkt eksempel.", min_items=0),
            "sustainability": _choices(taxonomy, "sustainability", "Hvilke slags bæredygtighed idéen styrker."),
        }, ["housing_types", "cost", "time", "season", "participants", "steps", "sustainability"]
    if kind == "courses":
        return {
            "level": _choice(taxonomy, "course_levels", "Kursets niveau."),
            "format": _choice(taxonomy, "course_formats", "Hvordan kurset foregår."),
            "duration_minutes": _whole("Kursets samlede varighed i minutter.", 5, MAX_MINUTES),
            "objectives": _list_of(_text("Et læringsmål."), "Hvad deltagerne kan bagefter."),
            "agenda": _list_of(
                _object({"item": _text("Programpunkt."),
                         "minutes": _whole("Varighed i minutter.", 1, MAX_MINUTES)},
                        ["item", "minutes"], "Et programpunkt."),
                "Programmet punkt for punkt med minutter."),
            "materials": _list_of(
                {**_object({"title": _text("Materialets titel."), "url": URL,
                            "file": _text("Filnavn på et materiale, der følger med kurset.")},
                           ["title"], "Et materiale: titel og enten url eller file."),
                 "anyOf": [{"required": ["url"]}, {"required": ["file"]}]},
                "Materialer til kurset.", min_items=0),
            "prerequisites": _list_of(_text("En forudsætning."), "Hvad deltagerne skal have med sig.", min_items=0),
            "provider": _object({"name": _text("Udbyderens navn, fx boligorganisationen eller BL."),
                                 "url": {**URL, "description": "Udbyderens side om kurset (valgfri)."}},
                                ["name"], "Hvem udbyder kurset."),
            "signup": _object({"how": _text("Sådan tilmelder man sig: hvor, til hvem og hvornår."),
                               "url": {**URL, "description": "Side, hvor man tilmelder sig (valgfri)."},
                               "price": _text("Hvad kurset koster, fx 'Gratis for afdelingsbestyrelser' (valgfri).")},
                              ["how"], "Sådan tilmelder man sig kurset."),
        }, ["level", "format", "duration_minutes", "objectives", "agenda", "provider", "signup"]
    if kind == "recommendations":
        return {
            "area": _choice(taxonomy, "recommendation_areas", "Det område, anbefalingen hører til."),
            "recommendations": _list_of(_text("En anbefaling."), "Anbefalingerne, én pr. punkt."),
            "rules": _list_of(
                _object({"text": _text("Hvad reglen siger, med egne ord."),
                         "reference": _text("Lovhenvisning, fx 'LAB § 6 f' eller 'Normalvedtægten § 13'.")},
                        ["text", "reference"], "En regel."),
                "Regler, der gælder på området, med lovhenvisning.", min_items=0),
            "comply_or_explain": _text("Følg eller forklar: hvad bestyrelsen dokumenterer, når den vælger "
                                       "at gøre noget andet."),
        }, ["area", "recommendations", "comply_or_explain"]
    if kind == "guides":
        return {
            "role": _choice(taxonomy, "roles", "Den rolle, forløbet er til."),
            "steps": _list_of(
                _object({"entry": {"type": "string", "pattern": ID_PATTERN,
                                   "description": "Id på den post, trinnet peger på."},
                         "why": _text("Hvorfor trinnet er vigtigt."),
                         "when": _text("Hvornår i forløbet, fx 'Inden for den første måned'."),
                         "minutes": _whole("Cirka tidsforbrug i minutter.", 1, MAX_MINUTES)},
                        ["entry", "why", "when", "minutes"], "Et trin i forløbet."),
                "Forløbets trin i rækkefølge."),
        }, ["role", "steps"]
    raise KeyError(kind)


def build_schema(kind: str, taxonomy: Taxonomy) -> dict[str, Any]:
    properties = common_properties(taxonomy)
    extra, extra_required = kind_properties(kind, taxonomy)
    properties.update(extra)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://almenviden.invalid/schema/{kind}.schema.json",
        "title": f"almenviden: {KINDS[kind].label.lower()}",
        "description": f"En post af slagsen '{KINDS[kind].plural}' i almenviden-kataloget "
                       f"(catalogue/{kind}/<id>.yaml).",
        "type": "object",
        "properties": properties,
        "required": COMMON_REQUIRED + extra_required,
        "additionalProperties": False,
    }


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_path(catalogue_dir: Path, kind: str) -> Path:
    return catalogue_dir / "schema" / f"{kind}.schema.json"


class SchemaFolderError(Exception):
    """The schema files cannot be written; `message` is Danish and says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def write_schemas(catalogue_dir: Path, taxonomy: Taxonomy) -> list[Path]:
    """Write the schema files; returns those whose content changed. SchemaFolderError if a path is in the way."""
    folder = catalogue_dir / "schema"
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise SchemaFolderError(f"{folder} skal være en mappe, men er en fil eller et link. Flyt eller slet den, "
                                "og kør 'almenviden schema' igen.")
    changed = []
    for kind in KINDS:
        path = schema_path(catalogue_dir, kind)
        text = schema_text(build_schema(kind, taxonomy))
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise SchemaFolderError(f"{path} er ikke en almindelig fil (fx en mappe, et link eller en FIFO). Flyt "
                                    "eller slet den, og kør 'almenviden schema' igen.")
        try:
            if path.is_file() and read_regular(path, len(text.encode("utf-8"))) == text.encode("utf-8"):
                continue
        except UnsafeFile:  # too large, so not the same text
            pass
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        changed.append(path)
    return changed
