"""Editors and outside validators read the same schemas as `almenviden check`.

check-jsonschema (the `test` extra) validates the shipped catalogue against catalogue/schema/<kind>.schema.json;
.vscode/settings.json maps every catalogue/<kind>/*.yaml to its schema for the YAML extension.
"""

from __future__ import annotations

import fnmatch
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, SHIPPED
from almenviden.content.kinds import KINDS


def validate(schema: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("kind", list(KINDS))
def test_shipped_catalogue_passes_check_jsonschema(kind):
    files = sorted((SHIPPED / kind).glob("*.yaml"))
    assert files, f"the shipped catalogue has {kind}"
    result = validate(SHIPPED / "schema" / f"{kind}.schema.json", *files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def _idea() -> Path:
    return sorted((SHIPPED / "ideas").glob("*.yaml"))[0]


def test_idea_without_title_is_rejected(tmp_path):
    lines = _idea().read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0].startswith("title:") and not lines[1].startswith(" ")
    untitled = tmp_path / "uden-titel.yaml"
    untitled.write_text("".join(lines[1:]), encoding="utf-8")
    result = validate(SHIPPED / "schema" / "ideas.schema.json", untitled)
    assert result.returncode == 1
    assert "'title' is a required property" in result.stdout


@pytest.mark.parametrize("bad_date", ["2024-13-45", "2024-02-30", "'4. august 2022'"])
def test_format_date_is_enforced(tmp_path, bad_date):
    """YAML dates reach the validator as strings, so `format: date` really checks them."""
    text = _idea().read_text(encoding="utf-8")
    updated = next(line for line in text.splitlines() if line.startswith("updated: "))
    wrong = tmp_path / "forkert-dato.yaml"
    wrong.write_text(text.replace(updated, f"updated: {bad_date}"), encoding="utf-8")
    result = validate(SHIPPED / "schema" / "ideas.schema.json", wrong)
    assert result.returncode == 1
    assert "$.updated" in result.stdout and "is not a 'date'" in result.stdout


@pytest.mark.parametrize("case", ["crlf", "bom", "emoji", "right-to-left"])
def test_good_fixtures_pass_check_jsonschema(case):
    (path,) = (FIXTURES / "good" / case / "ideas").glob("*.yaml")
    result = validate(SHIPPED / "schema" / "ideas.schema.json", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_vscode_maps_each_kind_to_its_schema():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    assert len(schemas) == len(KINDS)
    for kind in KINDS:
        schema = f"./catalogue/schema/{kind}.schema.json"
        assert schemas[schema] == [f"catalogue/{kind}/*.yaml"]
        assert (REPO / schema).is_file()
    for path in SHIPPED.glob("*/*.yaml"):  # every entry file gets exactly one schema
        rel = path.relative_to(REPO).as_posix()
        matches = [s for s, globs in schemas.items() if any(fnmatch.fnmatch(rel, g) for g in globs)]
        if path.parent.name in KINDS:
            assert matches == [f"./catalogue/schema/{path.parent.name}.schema.json"], rel
        else:
            assert matches == [], rel
    assert settings["[yaml]"]["editor.insertSpaces"] is True  # tabs break YAML
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]

