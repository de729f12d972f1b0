"""JSON Schemas (2020-12) for the kinds, generated from the field declarations (content/fields.py) and the
taxonomy: the common fields (content/common_fields.py), then each kind's own (content/kinds/<kind>.py).

The files in catalogue/schema/ are what `check` validates against and what
editors read; `almenviden schema` writes them and a test keeps them in step.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from almenviden.content.common_fields import COMMON_FIELDS
from almenviden.content.fields import ID_PATTERN  # noqa: F401 - read from here too
from almenviden.content.kinds import KINDS
from almenviden.content.safe_files import UnsafeFile, read_regular
from almenviden.content.taxonomy import Taxonomy

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def common_properties(taxonomy: Taxonomy) -> dict[str, Any]:
    return {f.name: f.schema(taxonomy) for f in COMMON_FIELDS}


COMMON_REQUIRED = [f.name for f in COMMON_FIELDS if f.required]


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
