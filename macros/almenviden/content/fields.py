"""Field declarations: each field of an entry is declared once, here for the common fields
(content/common_fields.py) and in its kind's module for the kind's own (content/kinds/<kind>.py).

A `Field` holds everything about one field: name, type, required or not, bounds, taxonomy category,
Danish label, Danish help text, example, nested fields, and how `almenviden new` writes it. The order of the
declarations is the field order everywhere (schema, scaffold, form). From the declarations come:

- the JSON Schema (`Field.schema(taxonomy)`, assembled per kind by content/schema.py), which `check`
  validates against and editors read: `description` is the help text, `title` the label, `examples` the
  example;
- the typed records (`records.record_class`: frozen dataclasses; `Field.value` turns validated data into
  their values);
- the scaffold of `almenviden new` (content/scaffold.py reads `comment`, `hint`, `scaffold`, `joined`);
- the contribution form (content/form_spec.py reads the JSON Schema's title, description and examples; from
  Python the same declarations are `KINDS[key].all_fields`, see ARCHITECTURE.md §4.4).

The constructors below (`text`, `choice`, `choices`, `whole`, `list_of`, `obj` …) are the way to declare one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Mapping

from almenviden.content.taxonomy import CATEGORIES, Taxonomy

SUMMARY_MAX = 300
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
URL_PATTERN = "^(https?://|mailto:)"
MAX_MINUTES = 6000  # 100 hours: more than any course or step takes
YEAR_MIN, YEAR_MAX = 1900, 2100

# The types a field can have, and the Python type of its value in a record.
TEXT, DATE, URL, ID, CHOICE, CHOICES, WHOLE, YEAR_OR_TEXT, FLAG, LIST, OBJECT = (
    "text", "date", "url", "id", "choice", "choices", "whole", "year_or_text", "flag", "list", "object")


@dataclass(frozen=True, eq=False)
class Field:
    """One field (or a list's item, which has no name). Build it with the constructors below."""

    name: str  # the YAML key and schema property ("" for a list's item)
    type: str  # one of the type constants above
    help: str  # Danish help text: the schema's description (a choice's values are added to it)
    label: str | None = None  # Danish label: the schema's title, the form's label
    required: bool = True
    example: Any = None  # one example value as written in YAML (None: none, or from the taxonomy)
    category: str | None = None  # the taxonomy category of a choice's values
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    min_items: int | None = None  # a list's least number of items (None: no bound)
    unique: bool = False  # a list's items must differ
    item: Field | None = None  # a list's item
    fields: tuple[Field, ...] = ()  # an object's fields, in order
    record: Any = None  # an object's typed record: a class name (made by records.record_class) or a Record class
    rule: Mapping[str, Any] | None = None  # extra JSON Schema keywords of an object (e.g. oneOf)
    clean: Callable[[Any], Any] | None = None  # applied to the validated value before it goes into the record
    comment: str | None = None  # the scaffold's comment above the field (Jinja; lines without '# ')
    hint: str | None = None  # the scaffold's inline comment on a nested field
    scaffold: str | None = None  # the value the scaffold writes (Jinja); None: empty, by type
    joined: bool = False  # in the scaffold, no blank line before the field (it belongs with the one above)

    @property
    def title(self) -> str | None:
        """The Danish label: given, or a taxonomy category's name."""
        if self.label is None and self.category is not None:
            return CATEGORIES[self.category]
        return self.label

    def examples(self, taxonomy: Taxonomy) -> list[Any]:
        """The schema's `examples`: the declared example, or a choice's first taxonomy value(s)."""
        if self.example is not None:
            return [self.example]
        if self.type == CHOICE:
            return taxonomy.keys(self.category)[:1]
        if self.type == CHOICES:
            return [taxonomy.keys(self.category)[:1]]
        return []

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        """The field's JSON Schema (2020-12)."""
        schema = self._validation(taxonomy)
        if self.title:
            schema["title"] = self.title
        examples = self.examples(taxonomy)
        if examples:
            schema["examples"] = examples
        return schema

    def _validation(self, taxonomy: Taxonomy) -> dict[str, Any]:
        t = self.type
        if t == TEXT:
            schema: dict[str, Any] = {"type": "string", "minLength": 1, "description": self.help}
            if self.max_length:
                schema["maxLength"] = self.max_length
            return schema
        if t == DATE:
            return {"type": "string", "format": "date", "description": self.help + " Skrives ÅÅÅÅ-MM-DD."}
        if t in (URL, ID):
            schema = {"type": "string", "pattern": URL_PATTERN if t == URL else ID_PATTERN}
            return {**schema, "description": self.help} if self.help else schema
        if t in (CHOICE, CHOICES):
            keys = taxonomy.keys(self.category)
            labels = ", ".join(f"{k} ({taxonomy.label(self.category, k)})" for k in keys)
            described = f"{self.help} Mulige værdier: {labels}."
            if t == CHOICE:
                return {"type": "string", "enum": keys, "description": described}
            return {"type": "array", "items": {"type": "string", "enum": keys}, "minItems": self.min_items,
                    "uniqueItems": True, "description": described}
        if t in (WHOLE, YEAR_OR_TEXT):
            return {"type": "integer" if t == WHOLE else ["string", "integer"], "minimum": self.minimum,
                    "maximum": self.maximum, "description": self.help}
        if t == FLAG:
            return {"const": True, "description": self.help}
        if t == LIST:
            schema = {"type": "array", "items": self.item.schema(taxonomy)}
            if self.min_items is not None:
                schema["minItems"] = self.min_items
            if self.unique:
                schema["uniqueItems"] = True
            return {**schema, "description": self.help}
        if t == OBJECT:
            return {
                "type": "object",
                "properties": {f.name: f.schema(taxonomy) for f in self.fields},
                "required": [f.name for f in self.fields if f.required],
                "additionalProperties": False,
                "description": self.help,
                **(self.rule or {}),
            }
        raise ValueError(f"unknown field type {t!r}")

    def empty(self) -> Any:
        """The record's value when an optional field is left out."""
        if self.type in (LIST, CHOICES):
            return ()
        return False if self.type == FLAG else None

    def value(self, data: Any) -> Any:
        """The record's value for validated data (None: left out)."""
        if data is None:
            return self.empty()
        t = self.type
        if t == DATE:
            return date.fromisoformat(data)
        if t == CHOICES:
            return tuple(data)
        if t == LIST:
            return tuple(self.item.value(v) for v in data)
        if t == OBJECT:
            return self.record.from_data(data)
        return self.clean(data) if self.clean else data


def collapse_spaces(text: str) -> str:
    """One line: runs of whitespace (line breaks too) become one space, none at the ends."""
    return " ".join(text.split())


def text(name: str, help: str, **options: Any) -> Field:
    """Plain text, at least one character (`max_length`: at most that many)."""
    return Field(name, TEXT, help, **options)


def date_text(name: str, help: str, **options: Any) -> Field:
    """A date written YYYY-MM-DD; a `datetime.date` in the record."""
    return Field(name, DATE, help, **options)


def url(name: str, help: str = "Webadresse, der starter med https://.", **options: Any) -> Field:
    return Field(name, URL, help, **options)


def entry_id(name: str, help: str = "", **options: Any) -> Field:
    """The id of another entry (its file name without .yaml); a kind yields it from `references`."""
    return Field(name, ID, help, **options)


def choice(name: str, category: str, help: str, **options: Any) -> Field:
    """One value of a taxonomy category."""
    return Field(name, CHOICE, help, category=category, **options)


def choices(name: str, category: str, help: str, *, min_items: int = 1, **options: Any) -> Field:
    """Values of a taxonomy category, each at most once (at least `min_items`)."""
    return Field(name, CHOICES, help, category=category, min_items=min_items, **options)


def whole(name: str, help: str, minimum: int, maximum: int, **options: Any) -> Field:
    """A whole number within what makes sense (a huge number would pass the schema and break pages)."""
    return Field(name, WHOLE, help, minimum=minimum, maximum=maximum, **options)


def year_or_text(name: str, help: str, **options: Any) -> Field:
    """A year (YEAR_MIN–YEAR_MAX) or a text such as 'foråret 2024'."""
    return Field(name, YEAR_OR_TEXT, help, minimum=YEAR_MIN, maximum=YEAR_MAX, **options)


def flag(name: str, help: str, **options: Any) -> Field:
    """A field that is either left out or `true`."""
    return Field(name, FLAG, help, required=False, **options)


def list_of(name: str, item: Field, help: str, *, min_items: int | None = 1, **options: Any) -> Field:
    """A list of `item`s (declared without a name)."""
    return Field(name, LIST, help, item=item, min_items=min_items, **options)


def obj(name: str, fields: tuple[Field, ...], help: str, *, record: Any, **options: Any) -> Field:
    """An object with `fields` (nothing else allowed), typed in records as `record` (a class name or class)."""
    return Field(name, OBJECT, help, fields=tuple(fields), record=record, **options)


def source_fields() -> tuple[Field, ...]:
    """A public page: title and web address (a common entry's sources, an example's source)."""
    return (text("title", "Kildens titel.", label="Titel", example="BL – Almene Mål 2024-2026"),
            url("url", label="Webadresse", example="https://bl.dk/viden-kartotek/almene-maal-2024-2026"))


# An example is backed by a public page that describes it, or it says it is made up: never neither, never both.
EXAMPLE_EVIDENCE = ("source", "illustrative")
EVIDENCE_RULE = {"oneOf": [{"required": [key]} for key in EXAMPLE_EVIDENCE]}
