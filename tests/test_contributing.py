"""The contribution path: PR and Pages workflows, the pre-commit hook, the PR template, CONTRIBUTING.md and
the blank templates for GitHub's web editor. Each must agree with the real commands and messages."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, SHIPPED, make_catalogue, run_cli
from almenviden.cli import build_parser
from almenviden.content.kinds import KINDS
from almenviden.content.scaffold import WEB_TEMPLATES, render_scaffold
from almenviden.content.taxonomy import load_taxonomy
from almenviden.content.yaml_source import load_file

WORKFLOWS = REPO / ".github" / "workflows"
CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
SUBCOMMANDS = set(build_parser()._subparsers._group_actions[0].choices)


def load(path: Path) -> dict:
    """YAML with keys as written (PyYAML would turn the workflow key 'on' into True)."""
    return load_file(path).value


def all_steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def almenviden_commands(workflow: dict) -> list[list[str]]:
    return [shlex.split(line) for step in all_steps(workflow) for line in step.get("run", "").splitlines()
            if line.strip().startswith("almenviden ")]


def uses(workflow: dict, action: str) -> list[dict]:
    return [step for step in all_steps(workflow) if step.get("uses", "").split("@")[0] == action]


def test_pr_workflow_checks_builds_and_uploads_the_preview():
    workflow = load(WORKFLOWS / "pr.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {} and workflow["jobs"]["preview"]["permissions"] == {"contents": "read"}
    commands = almenviden_commands(workflow)
    names = [c[1] for c in commands]
    assert names == ["check", "build", "offline"], "check first, then build the site and the offline zip"
    assert commands[0] == ["almenviden", "check", "--strict", "--format", "github"]
    site_dir = commands[1][commands[1].index("--site-dir") + 1]
    zip_path = commands[2][commands[2].index("--output") + 1]
    uploads = {step["with"]["name"]: step["with"]["path"] for step in uses(workflow, "actions/upload-artifact")}
    assert uploads == {"site": site_dir.rstrip("/") + "/", "almenviden-offline": zip_path}
    assert any("pip install" in step.get("run", "") for step in all_steps(workflow))


def test_pages_workflow_deploys_main():
    workflow = load(WORKFLOWS / "pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert workflow["permissions"] == {} and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    commands = almenviden_commands(workflow)
    assert [c[1] for c in commands] == ["check", "build"]
    assert "--strict" in commands[0]  # the shipped catalogue: a source names its page, not a website
    site_dir = commands[1][commands[1].index("--site-dir") + 1]
    (artifact,) = uses(workflow, "actions/upload-pages-artifact")
    assert artifact["with"]["path"] == site_dir


@pytest.mark.parametrize("name", ["pr.yml", "pages.yml"])
def test_workflow_commands_exist(name):
    for argv in almenviden_commands(load(WORKFLOWS / name)):
        if (argv[1] == "offline" or "--with-offline" in argv) and "offline" not in SUBCOMMANDS:
            continue  # issue 4 brings `almenviden offline`; checked here as soon as it exists
        build_parser().parse_args(argv[1:])  # exits (fails the test) on an unknown command or option


def test_pre_commit_hook_runs_check():
    config = load(REPO / ".pre-commit-config.yaml")
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local"
    assert hook["entry"] == "almenviden check" and hook["language"] == "system"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("catalogue/ideas/ny-ide.yaml") and files.search("catalogue/taxonomy.yaml")
    assert not files.search("docs/index.md") and not files.search("tests/fixtures/bad/x/ideas/x.yaml")
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    env.pop("ALMENVIDEN_CATALOGUE", None)
    result = subprocess.run(shlex.split(hook["entry"]), cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_request_template_has_a_danish_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(items) >= 6
    for phrase in ("owner", "review_by", "summary", "almenviden check", "æ → ae", "forhåndsvisningen"):
        assert phrase in text, phrase


@pytest.mark.parametrize("kind", list(KINDS))
def test_web_templates_are_current(kind):
    taxonomy, problems = load_taxonomy(SHIPPED / "taxonomy.yaml")
    assert not problems
    path = SHIPPED / WEB_TEMPLATES / f"{KINDS[kind].cli_name}.yaml"
    assert path.read_text(encoding="utf-8") == render_scaffold(kind, "", taxonomy, None), \
        "catalogue/skabeloner/ is out of date: run `python -m almenviden.content.scaffold`"


def test_web_template_needs_title_and_dates(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue")
    shutil.copy(SHIPPED / WEB_TEMPLATES / "idea.yaml", catalogue / "ideas" / "ny-ide.yaml")
    result = run_cli("check", "--catalogue", "catalogue", cwd=tmp_path)
    assert result.returncode == 1
    for field in ("title", "created", "updated", "review_by"):
        assert f"Feltet '{field}' er tomt" in result.stdout


# --- CONTRIBUTING.md -------------------------------------------------------------------------------------------


def test_commands_in_contributing_exist():
    mentioned = set(re.findall(r"(?:`|/|^)almenviden ([a-z]+)", CONTRIBUTING, re.M))  # commands, not prose
    assert {"new", "check", "serve", "stale", "schema"} <= mentioned
    assert mentioned <= SUBCOMMANDS, mentioned - SUBCOMMANDS
    for kind in re.findall(r"almenviden new ([a-z]+)", CONTRIBUTING):
        assert kind in {k.cli_name for k in KINDS.values()}


def test_links_and_names_in_contributing_match_the_repository():
    edit_base = re.search(r"edit_url_base: (\S+)", (REPO / "mkdocs.yml").read_text(encoding="utf-8")).group(1)
    repo_url = edit_base.split("/edit/")[0]
    links = re.findall(r"\((https://github\.com/[^)]+)\)", CONTRIBUTING)
    assert links
    for link in links:
        assert link.startswith(repo_url + "/"), link
        path = re.sub(r"^.*?/(blob|tree)/main/", "", link)
        assert (REPO / path).exists(), link
    for anchor in re.findall(r"\]\(#([^)]+)\)", CONTRIBUTING):
        headings = [h.lower().replace(" ", "-") for h in re.findall(r"^#+ (.+)$", CONTRIBUTING, re.M)]
        assert anchor in headings, anchor
    workflow = load(WORKFLOWS / "pr.yml")
    assert f"**{workflow['name']}**" in CONTRIBUTING
    for step in uses(workflow, "actions/upload-artifact"):
        assert f"**{step['with']['name']}**" in CONTRIBUTING
    for path in (".vscode/settings.json", ".pre-commit-config.yaml", ".github/workflows/pr.yml",
                 ".github/workflows/pages.yml", "catalogue/skabeloner/"):
        assert path in CONTRIBUTING and (REPO / path).exists(), path


@pytest.fixture(scope="module")
def real_messages(tmp_path_factory) -> str:
    """The output of `check` on a catalogue holding every bad fixture and a blank template at once."""
    work = tmp_path_factory.mktemp("messages")
    catalogue = make_catalogue(work / "catalogue")
    for source in (FIXTURES / "bad").rglob("*.y*ml"):
        target = catalogue / Path(*source.relative_to(FIXTURES / "bad").parts[1:])  # drop the case folder
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    shutil.copy(SHIPPED / WEB_TEMPLATES / "idea.yaml", catalogue / "ideas" / "blank-skabelon.yaml")
    shutil.copy(FIXTURES / "good" / "source-host-only" / "ideas" / "source-host-only.yaml", catalogue / "ideas")
    good = (FIXTURES / "good" / "emoji" / "ideas" / "emoji.yaml").read_text(encoding="utf-8")
    (catalogue / "ideas" / "datoer.yaml").write_text(good.replace("created: 2024-01-10", "created: 2024-03-01"),
                                                     encoding="utf-8")
    with open(catalogue / "schema" / "guides.schema.json", "a", encoding="utf-8") as schema:
        schema.write("\n")
    result = run_cli("check", "--catalogue", "catalogue", cwd=work)
    assert result.returncode == 1
    return result.stdout


def test_message_table_matches_real_messages(real_messages):
    table = [line for line in CONTRIBUTING.splitlines() if line.startswith("| `")]
    assert len(table) >= 20
    for row in table:
        message = row.split("`")[1]
        for fragment in message.split("…"):
            assert fragment.strip(" .") in real_messages, (message, fragment)


def test_example_message_in_contributing_is_real(tmp_path):
    example = re.search(r"^catalogue/ideas/\S+:14:15: fejl: (.+)$", CONTRIBUTING, re.M).group(1)
    make_catalogue(tmp_path / "catalogue", FIXTURES / "bad" / "wrong-type-number")
    result = run_cli("check", "--catalogue", "catalogue", cwd=tmp_path)
    assert f"catalogue/ideas/wrong-type-number.yaml:14:15: fejl: {example}" in result.stdout, result.stdout


def test_all_clear_message(small_catalogue):
    result = run_cli("check", "--catalogue", str(small_catalogue))
    prefix, suffix = "Alt i orden: … filer tjekket, ingen fejl.".split("…")
    assert result.stdout.startswith(prefix) and result.stdout.strip().endswith(suffix.strip())
    assert "`Alt i orden: … filer tjekket, ingen fejl.`" in CONTRIBUTING
