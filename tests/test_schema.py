"""The JSON Schemas in catalogue/schema/ are generated from the taxonomy and describe every field in Danish."""

from __future__ import annotations

import json

from almenviden.content.kinds import KINDS
from almenviden.content.schema import build_schema, schema_path, schema_text
from almenviden.content.taxonomy import load_taxonomy

from conftest import SHIPPED, make_catalogue, run_cli


def test_schema_files_are_in_step_with_the_taxonomy():
    taxonomy, problems = load_taxonomy(SHIPPED / "taxonomy.yaml")
    assert not problems
    for kind in KINDS:
        on_disk = schema_path(SHIPPED, kind).read_text(encoding="utf-8")
        assert on_disk == schema_text(build_schema(kind, taxonomy)), f"run 'almenviden schema' ({kind})"


def _walk_properties(schema, where=""):
    for name, prop in schema.get("properties", {}).items():
        yield f"{where}{name}", prop
        yield from _walk_properties(prop, f"{where}{name}.")
        if "items" in prop:
            yield from _walk_properties(prop["items"], f"{where}{name}[].")


def test_every_field_has_a_danish_description():
    for kind in KINDS:
        schema = json.loads(schema_path(SHIPPED, kind).read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        fields = list(_walk_properties(schema))
        assert len(fields) > 12
        for name, prop in fields:
            assert prop.get("description"), (kind, name)


def test_taxonomy_values_become_enums():
    taxonomy, _ = load_taxonomy(SHIPPED / "taxonomy.yaml")
    ideas = build_schema("ideas", taxonomy)
    assert ideas["properties"]["cost"]["enum"] == taxonomy.keys("cost")
    assert ideas["properties"]["season"]["items"]["enum"] == taxonomy.keys("seasons")


def test_a_new_tag_makes_check_ask_for_schema_then_passes(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue")
    tax = catalogue / "taxonomy.yaml"
    tax.write_text(tax.read_text(encoding="utf-8").replace("tags:\n", "tags:\n  loppemarked: Loppemarked\n"),
                   encoding="utf-8")
    stale = run_cli("check", "--catalogue", str(catalogue))
    assert stale.returncode == 1 and "Kør 'almenviden schema'" in stale.stdout
    assert run_cli("schema", "--catalogue", str(catalogue)).returncode == 0
    fresh = run_cli("check", "--catalogue", str(catalogue))
    assert fresh.returncode == 0, fresh.stdout
    ideas = json.loads((catalogue / "schema" / "ideas.schema.json").read_text(encoding="utf-8"))
    assert "loppemarked" in ideas["properties"]["tags"]["items"]["enum"]
