"""JSON Schema pieces for fields, shared by the common fields (content/schema.py) and every kind's module.

Each helper returns the schema of one field with its Danish description (what editors and `check` show).
"""

from __future__ import annotations

from typing import Any

from almenviden.content.taxonomy import Taxonomy

SUMMARY_MAX = 300
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def text(description: str, *, max_length: int | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "minLength": 1, "description": description}
    if max_length:
        schema["maxLength"] = max_length
    return schema


def date_text(description: str) -> dict[str, Any]:
    return {"type": "string", "format": "date", "description": description + " Skrives ÅÅÅÅ-MM-DD."}


def choice(taxonomy: Taxonomy, category: str, description: str) -> dict[str, Any]:
    keys = taxonomy.keys(category)
    labels = ", ".join(f"{k} ({taxonomy.label(category, k)})" for k in keys)
    return {"type": "string", "enum": keys, "description": f"{description} Mulige værdier: {labels}."}


def choices(taxonomy: Taxonomy, category: str, description: str, *, min_items: int = 1) -> dict[str, Any]:
    item = choice(taxonomy, category, description)
    return {
        "type": "array",
        "items": {"type": "string", "enum": item["enum"]},
        "minItems": min_items,
        "uniqueItems": True,
        "description": item["description"],
    }


def list_of(item: dict[str, Any], description: str, *, min_items: int = 1) -> dict[str, Any]:
    return {"type": "array", "items": item, "minItems": min_items, "description": description}


def obj(properties: dict[str, Any], required: list[str], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        "description": description,
    }


def whole(description: str, minimum: int, maximum: int) -> dict[str, Any]:
    """A whole number within what makes sense (a huge number would pass the schema and break pages)."""
    return {"type": "integer", "minimum": minimum, "maximum": maximum, "description": description}


MAX_MINUTES = 6000  # 100 hours: more than any course or step takes
YEAR_MIN, YEAR_MAX = 1900, 2100

URL = {"type": "string", "pattern": "^(https?://|mailto:)", "description": "Webadresse, der starter med https://."}


def source() -> dict[str, Any]:
    return obj({"title": text("Kildens titel."), "url": URL}, ["title", "url"], "En kilde.")


# An example is backed by a public page that describes it, or it says it is made up: never neither, never both.
EXAMPLE_EVIDENCE = ("source", "illustrative")


def example_item() -> dict[str, Any]:
    item = obj({
        "where": text("Hvor: en afdeling eller boligorganisation, beskrevet uden personoplysninger."),
        "when": {"type": ["string", "integer"], "minimum": YEAR_MIN, "maximum": YEAR_MAX,
                 "description": "Hvornår, fx 2023 eller 'foråret 2024' (valgfri)."},
        "what": text("Hvad skete der? Med en kilde: hvad kilden fortæller, med egne ord."),
        "source": {**source(), "description": "Den offentlige side, der beskriver eksemplet: titel og "
                                              "webadresse."},
        "illustrative": {"const": True, "description": "Skriv 'illustrative: true', hvis eksemplet er tænkt "
                                                      "(uden kilde). Det vises som 'Tænkt eksempel' og må ikke "
                                                      "have opfundne tal."},
    }, ["where", "what"], "Et eksempel: med 'source' (en kilde) eller 'illustrative: true', aldrig begge.")
    item["oneOf"] = [{"required": [key]} for key in EXAMPLE_EVIDENCE]
    return item
