"""A field is declared once (content/fields.py): one declaration added to a kind, and nothing else, shows up in
the typed record, the JSON Schema, validation (at the wrong value's line and column), `almenviden new` and the
contribution form.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from jsonschema import Draft202012Validator

from conftest import FIXTURES, SHIPPED, make_catalogue
from almenviden.content import scaffold
from almenviden.content.common_fields import COMMON_FIELDS
from almenviden.content.fields import CHOICE, CHOICES, LIST, OBJECT, Field, whole
from almenviden.content.kinds import KIND_BY_CLI_NAME, KINDS
from almenviden.content.loading import load_catalogue
from almenviden.content.records import record_class
from almenviden.content.schema import build_schema, write_schemas
from almenviden.content.taxonomy import load_taxonomy

# The one declaration this test adds: an optional whole number on ideas.
VOLUNTEERS = whole("volunteers", "Hvor mange frivillige idéen cirka kræver.", 1, 50, required=False,
                   label="Frivillige", example=4)


@pytest.fixture
def ideas_with_volunteers(monkeypatch):
    """The ideas kind with VOLUNTEERS after its own fields: its record made again from the declarations."""
    ideas = KINDS["ideas"]
    record = record_class("IdeaFields", ideas.declared + (VOLUNTEERS,), {"__name__": __name__})
    kind = dataclasses.replace(ideas, fields=record)
    monkeypatch.setitem(KINDS, "ideas", kind)
    monkeypatch.setitem(KIND_BY_CLI_NAME, kind.cli_name, kind)
    return kind


def _idea_file(catalogue):
    return next((catalogue / "ideas").glob("*.yaml"))


def test_a_field_declared_in_one_place_is_in_record_schema_validation_scaffold_and_form(ideas_with_volunteers,
                                                                                      tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    taxonomy = load_taxonomy(catalogue / "taxonomy.yaml")[0]

    # the JSON Schema editors read: the property, with its bounds, Danish label, help and example
    prop = build_schema("ideas", taxonomy)["properties"]["volunteers"]
    assert prop == {"type": "integer", "minimum": 1, "maximum": 50, "description": "Hvor mange frivillige idéen cirka "
                    "kræver.", "title": "Frivillige", "examples": [4]}
    assert "volunteers" not in build_schema("ideas", taxonomy)["required"]
    assert catalogue / "schema" / "ideas.schema.json" in write_schemas(catalogue, taxonomy)
    assert load_catalogue(catalogue).ok

    # the typed record: a value in the file is in the entry; left out, it is None
    path = _idea_file(catalogue)
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "volunteers: 7\n", encoding="utf-8")
    result = load_catalogue(catalogue)
    assert result.ok, result.diagnostics
    entry = result.catalogue.entries[path.stem]
    assert entry.details.volunteers == 7 and entry.details["volunteers"] == 7
    others = [e for e in result.catalogue.entries.values() if e.kind == "ideas" and e.id != path.stem]
    assert others and all(e.details.volunteers is None for e in others)

    # validation (what `check` and `build` run): a wrong value is reported in Danish at its line and column
    lines = original.splitlines()
    path.write_text(original + "volunteers: mange\n", encoding="utf-8")
    (problem,) = load_catalogue(catalogue).diagnostics
    assert (problem.path, problem.line, problem.col) == (path, len(lines) + 1, len("volunteers: ") + 1)
    assert problem.message.startswith("'volunteers' skal være et helt tal, men er tekst."), problem.message
    path.write_text(original + "volunteers: 51\n", encoding="utf-8")
    (problem,) = load_catalogue(catalogue).diagnostics
    assert "'volunteers' skal være højst 50, men er 51." in problem.message and problem.line == len(lines) + 1

    # `almenviden new`: the field, last, under a comment made from its label and help
    text = scaffold.render_scaffold("ideas", "Prøve", taxonomy, date(2025, 3, 14))
    assert text.endswith("\n\n# Frivillige: Hvor mange frivillige idéen cirka kræver.\nvolunteers:\n"), text[-200:]
    new = scaffold.create_entry(catalogue, "idea", "Prøve på frivillige", today=date(2025, 3, 14))
    assert "\nvolunteers:\n" in new.read_text(encoding="utf-8")

    # the contribution form (/bidrag/): content/form_spec.py reads the schema the declaration wrote
    from almenviden.content import form_spec

    fields = form_spec.form_spec("ideas", taxonomy)["fields"]
    (spec,) = [f for f in fields if f["name"] == "volunteers"]
    assert spec["label"] == "Frivillige" and spec["help"] == VOLUNTEERS.help and spec["example"] == 4
    assert spec["required"] is False and (spec["minimum"], spec["maximum"]) == (1, 50)
    assert fields[-1] is spec  # in declared order


def _all(fields):
    for field in fields:
        yield field
        yield from _all(field.fields)
        if field.item is not None:
            yield from _all((field.item,))


@pytest.mark.parametrize("key", list(KINDS))
def test_every_declaration_has_a_label_help_and_a_valid_example(key):
    """What the form and editors show: a Danish label and help on every named field, and examples the
    field's own schema accepts."""
    taxonomy = load_taxonomy(SHIPPED / "taxonomy.yaml")[0]
    for field in _all(KINDS[key].all_fields):
        if field.name:
            assert field.title and field.help, (key, field.name)
        for example in field.examples(taxonomy):
            errors = list(Draft202012Validator(field.schema(taxonomy)).iter_errors(example))
            assert not errors, (key, field.name, example, errors)
        if field.type in (CHOICE, CHOICES):
            assert field.examples(taxonomy), (key, field.name)
        if field.type == LIST and field.item.type == OBJECT:
            assert field.item.title, (key, field.name)  # a row of the form has a name


def test_common_fields_are_declared_once_for_every_kind():
    for kind in KINDS.values():
        assert kind.all_fields[:len(COMMON_FIELDS)] == COMMON_FIELDS
        assert all(isinstance(f, Field) for f in kind.all_fields)
