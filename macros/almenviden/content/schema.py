"""JSON Schemas (2020-12) for the kinds, generated from the taxonomy: the common fields here, each kind's
own fields from its module in content/kinds/ (built from the pieces in content/fields.py).

The files in catalogue/schema/ are what `check` validates against and what
editors read; `almenviden schema` writes them and a test keeps them in step.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from almenviden.content.fields import (  # noqa: F401 - ID_PATTERN and the example's rule are read from here too
    EXAMPLE_EVIDENCE, ID_PATTERN, SUMMARY_MAX, choices, date_text, example_item, list_of, source, text,
)
from almenviden.content.kinds import KINDS
from almenviden.content.safe_files import UnsafeFile, read_regular
from almenviden.content.taxonomy import Taxonomy

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def common_properties(taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "title": text("Postens titel. Vises som overskrift på siden og i søgeresultater.", max_length=120),
        "summary": text(f"Kort resumé i almindelig tekst (højst {SUMMARY_MAX} tegn). Vises på kort og i "
                        "søgeresultater.", max_length=SUMMARY_MAX),
        "body": text("Selve teksten, skrevet i Markdown (overskrifter, lister, fed skrift, links). "
                     "HTML og scripts fjernes."),
        "goals": choices(taxonomy, "goals", "Et eller flere af BL's Almene mål 2024–2026, som posten støtter."),
        "audience": choices(taxonomy, "audiences", "Hvem posten er skrevet til."),
        "tags": choices(taxonomy, "tags", "Emner, der gør posten lettere at finde.", min_items=0),
        "related": {
            "type": "array",
            "items": {"type": "string", "pattern": ID_PATTERN},
            "uniqueItems": True,
            "description": "Id'er (filnavne uden .yaml) på relaterede poster af enhver slags.",
        },
        "owner": text("Sideansvarlig: den rolle eller det team, der holder posten opdateret. Aldrig en "
                      "beboers navn eller kontaktoplysninger."),
        "created": date_text("Dato for oprettelse."),
        "updated": date_text("Dato for seneste indholdsmæssige opdatering."),
        "review_by": date_text("Dato, hvor posten senest skal gennemgås igen."),
        "sources": list_of(
            source(),
            "Kilder og videre læsning: titel og webadresse.",
            min_items=0,
        ),
    }


COMMON_REQUIRED = ["title", "summary", "body", "goals", "audience", "owner", "created", "updated", "review_by"]


def build_schema(kind: str, taxonomy: Taxonomy) -> dict[str, Any]:
    properties = common_properties(taxonomy)
    for name in KINDS[kind].required_common:  # e.g. guides must cite sources: an empty list is not enough
        if properties[name].get("type") == "array":
            properties[name] = {**properties[name], "minItems": max(1, properties[name].get("minItems", 0))}
    properties.update(KINDS[kind].properties(taxonomy))
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://almenviden.invalid/schema/{kind}.schema.json",
        "title": f"almenviden: {KINDS[kind].noun}",
        "description": f"En post af slagsen '{KINDS[kind].plural}' i almenviden-kataloget "
                       f"(catalogue/{kind}/<id>.yaml).",
        "type": "object",
        "properties": properties,
        "required": COMMON_REQUIRED + list(KINDS[kind].required_common) + list(KINDS[kind].required),
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
        wanted = schema_text(build_schema(kind, taxonomy))
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise SchemaFolderError(f"{path} er ikke en almindelig fil (fx en mappe, et link eller en FIFO). Flyt "
                                    "eller slet den, og kør 'almenviden schema' igen.")
        try:
            if path.is_file() and read_regular(path, len(wanted.encode("utf-8"))) == wanted.encode("utf-8"):
                continue
        except UnsafeFile:  # too large, so not the same text
            pass
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(wanted, encoding="utf-8")
        tmp.replace(path)
        changed.append(path)
    return changed
