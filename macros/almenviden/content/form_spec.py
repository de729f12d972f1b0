"""The contribution form's description of each kind (/bidrag/): made from the kind's JSON Schema and the taxonomy.

A form spec is plain JSON-ready data that the browser code (browser/bidrag-form.js) turns into a form:

    {"kind": "ideas", "label": "Idé", "definite": "idéen", "fields": [field, ...]}
    field = {"name", "label", "help", "example", "type", "required", and, where they apply,
             "minLength", "maxLength", "minimum", "maximum", "pattern", "format", "minItems", "uniqueItems",
             "options": [{"value", "label"}], "item": field, "fields": [field, ...], "oneOf": [[name], ...],
             "anyOf": [[name], ...], "reference": true, "multiline": true}

Types: "text", "date", "integer", "year_or_text" (a year or words: an example's `when`), "choice" (one taxonomy
value), "choices" (several), "flag" (`const: true`, an example's "tænkt"), "object", "list" (rows of `item`).
`reference: true` marks a field (or list item) that names another entry by id (the schema's ID_PATTERN).

Fields come in the schema's property order, which is the order `almenviden new` writes. The label is the
property's `title` and the example its `examples[0]`, both written into the schema by the field's one declaration
(content/fields.Field), like its help text (`description`), type and bounds.
"""

from __future__ import annotations

import re
from typing import Any

from almenviden.content.fields import ID_PATTERN
from almenviden.content.kinds import KINDS
from almenviden.content.schema import build_schema
from almenviden.content.taxonomy import CATEGORIES, Taxonomy

# Texts that are written as paragraphs get a multi-line box; every other text is one line.
MULTILINE = frozenset({"summary", "body", "what", "comply_or_explain", "why", "how", "text"})


# The schema lists an enum's values and labels in its description for editors; the form shows them as choices.
_VALUES_IN_HELP = re.compile(r"\s*Mulige værdier: .*$", re.S)


def _label(schema: dict[str, Any], path: str, name: str) -> str:
    """The Danish label: the `title` every field's declaration writes into the schema (content/fields.Field)."""
    label = schema.get("title")
    if not label:  # a declaration without a label is a programming error, caught by the tests
        raise ValueError(f"the field {path} has no label (title) in its declaration")
    return label


def _category_of(enum: list[str], taxonomy: Taxonomy) -> str | None:
    """The taxonomy category whose keys are exactly these values (the schema's enum came from it)."""
    for category in CATEGORIES:
        if taxonomy.keys(category) == list(enum):
            return category
    return None


def _options(enum: list[str], taxonomy: Taxonomy) -> list[dict[str, str]]:
    category = _category_of(enum, taxonomy)
    return [{"value": key, "label": taxonomy.label(category, key) if category else key} for key in enum]


_BOUNDS = ("minLength", "maxLength", "minimum", "maximum", "pattern", "format", "minItems", "uniqueItems")


def field_spec(name: str, schema: dict[str, Any], required: bool, taxonomy: Taxonomy,
               path: str | None = None) -> dict[str, Any]:
    """The form's description of one property (`path` names it among nested fields, for the labels)."""
    path = path or name
    spec: dict[str, Any] = {"name": name, "label": _label(schema, path, name),
                            "help": schema.get("description", ""), "required": required}
    if schema.get("examples"):
        spec["example"] = schema["examples"][0]
    spec.update({key: schema[key] for key in _BOUNDS if key in schema})
    kind = schema.get("type")
    if schema.get("const") is True:
        spec["type"] = "flag"
    elif kind == "object":
        spec["type"] = "object"
        spec["fields"] = _fields(schema, taxonomy, path + ".")
    elif kind == "array":
        item = schema.get("items", {})
        if item.get("type") == "string" and "enum" in item:
            spec["type"] = "choices"
            spec["options"] = _options(item["enum"], taxonomy)
            spec["help"] = _VALUES_IN_HELP.sub("", spec["help"])
        else:
            spec["type"] = "list"
            spec["item"] = field_spec(name, item, True, taxonomy, path + "[]")
    elif kind == ["string", "integer"]:
        spec["type"] = "year_or_text"
    elif kind == "integer":
        spec["type"] = "integer"
    elif "enum" in schema:
        spec["type"] = "choice"
        spec["options"] = _options(schema["enum"], taxonomy)
        spec["help"] = _VALUES_IN_HELP.sub("", spec["help"])
    elif schema.get("format") == "date":
        spec["type"] = "date"
    else:
        spec["type"] = "text"
        if name in MULTILINE:
            spec["multiline"] = True
    if schema.get("pattern") == ID_PATTERN:
        spec["reference"] = True
    for rule in ("oneOf", "anyOf"):
        if rule in schema:
            spec[rule] = [alt["required"] for alt in schema[rule]]
    return spec


def _fields(schema: dict[str, Any], taxonomy: Taxonomy, prefix: str = "") -> list[dict[str, Any]]:
    required = set(schema.get("required", ()))
    return [field_spec(name, prop, name in required, taxonomy, prefix + name)
            for name, prop in schema.get("properties", {}).items()]


def form_spec(kind: str, taxonomy: Taxonomy) -> dict[str, Any]:
    """One kind's form: its names and its fields in the schema's (the scaffold's) order."""
    k = KINDS[kind]
    return {"kind": kind, "label": k.label, "definite": k.definite, "fields": _fields(build_schema(kind, taxonomy),
                                                                                       taxonomy)}


def form_specs(taxonomy: Taxonomy) -> dict[str, dict[str, Any]]:
    return {kind: form_spec(kind, taxonomy) for kind in KINDS}

