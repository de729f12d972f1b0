"""The GitHub Actions workflows: every third-party action pinned by commit SHA with its version in a comment, and
every job with the least permissions it needs (nothing at the top, each job its own block, write access only
where Pages is deployed). Their syntax is checked against the GitHub workflow schema vendored in
check-jsonschema (no network)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
VERSION_COMMENT = re.compile(r"^\s+#\s*v\d+(\.\d+)*\s*$")
# The only write access a job may have, and the action that needs it.
WRITE_ALLOWED = {"pages": "actions/deploy-pages", "id-token": "actions/deploy-pages"}


def _grants(permissions) -> dict[str, str]:
    if permissions in ({}, None):
        return {}
    if isinstance(permissions, str):  # read-all / write-all
        return {"*": permissions.split("-")[0]}
    return dict(permissions)


def problems(text: str) -> list[str]:
    """What is wrong with one workflow's pins and permissions (empty when nothing is)."""
    found = []
    workflow = yaml.safe_load(text)
    refs_in_yaml = []
    if "permissions" not in workflow:
        found.append("no top-level permissions block (write 'permissions: {}')")
    elif any(level != "none" for level in _grants(workflow["permissions"]).values()):
        found.append(f"top-level permissions grant {workflow['permissions']!r}: grant them per job")
    for name, job in workflow.get("jobs", {}).items():
        steps = job.get("steps", [])
        uses = [step["uses"] for step in steps if "uses" in step] + ([job["uses"]] if "uses" in job else [])
        refs_in_yaml += uses
        if "permissions" not in job:
            found.append(f"job {name}: no permissions block")
            continue
        for scope, level in _grants(job["permissions"]).items():
            if level == "write" and not any(ref.startswith(WRITE_ALLOWED.get(scope, "\0") + "@") for ref in uses):
                found.append(f"job {name}: {scope}: write without {WRITE_ALLOWED.get(scope, 'a reason')}")
    lines = [USES_LINE.match(line) for line in text.splitlines()]
    refs_in_text = [m for m in lines if m]
    if sorted(m["ref"] for m in refs_in_text) != sorted(refs_in_yaml):
        found.append("a uses: the line check cannot see (write each on its own line)")
    for m in refs_in_text:
        ref = m["ref"]
        if ref.startswith("./") or ref.startswith("docker://"):
            continue  # an action of this repository, or an image (none used)
        if not PINNED.match(ref):
            found.append(f"{ref}: not pinned to a full commit SHA")
        elif not VERSION_COMMENT.match(m["rest"]):
            found.append(f"{ref}: no version in a comment after the SHA (# v1.2.3)")
    return found


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_and_jobs_have_least_permissions(workflow):
    assert problems(workflow.read_text(encoding="utf-8")) == []


def test_the_check_finds_a_tag_a_missing_comment_and_missing_or_broad_permissions():
    bad = """
on: push
permissions: write-all
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065
  b:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: ./.github/actions/local
"""
    assert problems(bad) == [
        "top-level permissions grant 'write-all': grant them per job",
        "job a: no permissions block",
        "job b: contents: write without a reason",
        "actions/checkout@v4: not pinned to a full commit SHA",
        "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065: no version in a comment after the SHA (# v1.2.3)",
    ]


def test_the_unit_tests_run_on_windows_macos_and_linux_without_the_browser_tests():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["unit"]
    assert set(job["strategy"]["matrix"]["os"]) == {"windows-latest", "macos-latest", "ubuntu-latest"}
    assert set(job["strategy"]["matrix"]["python"]) == {"3.11", "3.12"}
    command = job["steps"][-1]["run"]
    assert "pytest" in command and '-m "not browser"' in command and "--ignore=tests/browser" in command


def test_workflows_follow_the_github_workflow_schema():
    pytest.importorskip("check_jsonschema")
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
