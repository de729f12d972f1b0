"""`almenviden check` against everything a contributor or a hostile file can bring.

Every case in tests/fixtures/bad/ is a small catalogue overlay (usually one file). Each must give exit 1,
a `path:line:col: fejl: …` line in Danish at the exact position, no traceback, and finish within a
generous safety timeout and memory limit (the subprocess gets RLIMIT_AS; nothing here times anything).
Every case in tests/fixtures/good/ (CRLF, BOM, emoji, right-to-left text) must pass.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CLI, FIXTURES, REPO, cli_env, make_catalogue

BAD = FIXTURES / "bad"
GOOD = FIXTURES / "good"
SAFETY_TIMEOUT = 120  # seconds: only to stop a runaway process, not a performance assertion
MEMORY_LIMIT = 512 << 20  # bytes of address space; check of the whole shipped catalogue needs < 150 MB

CASES = [
    # (fixture, "file:line:col" of the first message, key phrase of that message)
    ("syntax-colon", "ideas/syntax-colon.yaml:2:14", "Et kolon står et sted, hvor YAML ikke venter det"),
    ("syntax-unclosed-quote", "ideas/syntax-unclosed-quote.yaml:1:8", "Et anførselstegn er ikke lukket"),
    ("bad-indentation", "ideas/bad-indentation.yaml:17:2", "Indrykningen passer ikke"),
    ("tab-indentation", "ideas/tab-indentation.yaml:16:1", "Tabulatortegn (tab) er ikke tilladt"),
    ("duplicate-key", "ideas/duplicate-key.yaml:17:1", "Feltet 'cost' står to gange (første gang i linje 11)"),
    ("unknown-key", "ideas/unknown-key.yaml:14:1", "Ukendt felt 'deltagere'. Mente du 'participants'?"),
    ("unknown-key-typo", "ideas/unknown-key-typo.yaml:13:1", "Ukendt felt 'sesson'. Mente du 'season'?"),
    ("bom-unknown-key", "ideas/bom-unknown-key.yaml:1:1", "Ukendt felt 'titel'. Mente du 'title'?"),
    ("missing-field", "ideas/missing-field.yaml:1:1", "Feltet 'owner' mangler"),
    ("wrong-type", "ideas/wrong-type.yaml:15:8", "'steps' skal være en liste, men er tekst"),
    ("wrong-type-number", "ideas/wrong-type-number.yaml:14:15", "'participants' skal være tekst, men er et tal"),
    ("invalid-date", "ideas/invalid-date.yaml:8:10", "'2024-13-45' i 'updated' er ikke en gyldig dato"),
    ("crlf-invalid-date", "ideas/crlf-invalid-date.yaml:8:10", "'2024-13-45' i 'updated' er ikke en gyldig dato"),
    ("invalid-value", "ideas/invalid-value.yaml:13:18", "'vinterr' er ikke en gyldig værdi for 'season'. Mente du 'vinter'?"),
    ("empty-value", "ideas/empty-value.yaml:11:7", "Feltet 'cost' er tomt. Udfyld det. Vælg en af: gratis, lav"),
    ("summary-too-long", "ideas/summary-too-long.yaml:2:10", "'summary' er for lang: 311 tegn, højst 300"),
    ("python-tag", "ideas/python-tag.yaml:14:15", "YAML-tagget '!!python/object/apply:os.system' er ikke tilladt"),
    ("merge-key", "ideas/merge-key.yaml:11:1", "Sammenfletning med '<<' er ikke tilladt"),
    ("billion-laughs", "ideas/billion-laughs.yaml:18:10", "Aliaser (*l0) er ikke tilladt"),
    ("self-alias", "ideas/self-alias.yaml:15:15", "Aliaser (*trin) er ikke tilladt"),
    ("deep-nesting", "ideas/deep-nesting.yaml:15:47", "indlejret mere end 40 niveauer"),
    ("empty-file", "ideas/empty-file.yaml:1:1", "Filen er tom"),
    ("only-comments", "ideas/only-comments.yaml:1:1", "Filen er tom"),
    ("list-not-mapping", "ideas/list-not-mapping.yaml:1:1", "men den er en liste"),
    ("multiple-documents", "ideas/multiple-documents.yaml:17:1", "Filen indeholder flere YAML-dokumenter"),
    ("invalid-utf8", "ideas/invalid-utf8.yaml:1:24", "Filen er ikke gyldig UTF-8"),
    ("utf16", "ideas/utf16.yaml:1:1", "Filen er gemt som UTF-16"),
    ("nul-byte", "ideas/nul-byte.yaml:2:44", "Filen indeholder et NUL-tegn"),
    ("control-char", "ideas/control-char.yaml:15:30", "usynligt styretegn (U+001B)"),
    ("example-without-source", "ideas/example-without-source.yaml:17:5",
     "Eksemplet 'examples → punkt 1' mangler en kilde. Tilføj 'source:'"),
    ("example-both", "ideas/example-both.yaml:17:5", "Eksemplet 'examples → punkt 1' har både 'source' og 'illustrative'"),
    ("dangling-reference", "ideas/dangling-reference.yaml:6:11", "'faelles-kaffe' findes ikke i kataloget"),
    ("duplicate-id", "courses/samme-id.yaml:1:1", "Id'et 'samme-id' bruges også af ideas/samme-id.yaml"),
    ("bad-filename", "ideas/Fælles kaffe.yaml:1:1", "Omdøb den til 'faelles-kaffe.yaml'"),
    ("yml-extension", "ideas/faelles-kaffe.yml:1:1", "Omdøb den til faelles-kaffe.yaml"),
]

DIAGNOSTIC = re.compile(r"^catalogue/[^:]+:\d+:\d+: fejl: \S")
SUMMARY = re.compile(r"^\d+ fejl i \d+ fil(er)? \(\d+ fil(er)? tjekket\)")


def _limit_memory() -> None:  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_check(catalogue: Path, *extra: str) -> subprocess.CompletedProcess:
    """`almenviden check` in a subprocess, from the catalogue's parent, with a timeout and a memory cap."""
    return subprocess.run([*CLI, "check", "--catalogue", "catalogue", *extra],
                          cwd=catalogue.parent, env=cli_env(), capture_output=True, text=True, encoding="utf-8",
                          timeout=SAFETY_TIMEOUT, preexec_fn=_limit_memory if sys.platform == "linux" else None)


def overlay(case_dir: Path, dest: Path) -> Path:
    """A catalogue at dest/catalogue: the shipped taxonomy and schemas plus every file of the case, byte for byte."""
    catalogue = make_catalogue(dest / "catalogue")
    for source in case_dir.rglob("*"):
        if source.is_file():
            target = catalogue / source.relative_to(case_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return catalogue


def assert_clean_failure(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert len(result.stdout) < 20_000, "the output must stay short, whatever the file holds"


def test_every_bad_fixture_has_a_case():
    assert sorted(p.name for p in BAD.iterdir() if p.is_dir()) == sorted(c[0] for c in CASES)


@pytest.mark.parametrize("case, where, phrase", CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_named_with_its_position(tmp_path, case, where, phrase):
    result = run_check(overlay(BAD / case, tmp_path))
    assert_clean_failure(result)
    lines = result.stdout.splitlines()
    for line in lines[:-1]:
        assert DIAGNOSTIC.match(line), line
    assert SUMMARY.match(lines[-1]), lines[-1]
    assert lines[0].startswith(f"catalogue/{where}: fejl: "), result.stdout
    assert phrase in lines[0], result.stdout


@pytest.mark.parametrize("case, where, phrase", CASES, ids=[c[0] for c in CASES])
def test_bad_file_as_github_annotation(tmp_path, case, where, phrase):
    result = run_check(overlay(BAD / case, tmp_path), "--format", "github")
    assert_clean_failure(result)
    file, line, col = where.rsplit(":", 2)
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"::error file=catalogue/{file},line={line},col={col},"), first
    assert phrase in first.split("::", 2)[2], first
    assert "fejl i" in result.stderr  # the summary goes to the log, not into an annotation


GOOD_CASES = sorted(p.name for p in GOOD.iterdir() if p.is_dir())


def test_good_fixtures_exist():
    assert {"crlf", "bom", "bom-and-crlf", "emoji", "right-to-left"} <= set(GOOD_CASES)


@pytest.mark.parametrize("case", GOOD_CASES)
def test_good_file_passes(tmp_path, case):
    result = run_check(overlay(GOOD / case, tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ingen fejl" in result.stdout


@pytest.mark.parametrize("case", GOOD_CASES)
def test_good_file_is_read_exactly(tmp_path, case):
    from almenviden.content.loading import load_catalogue

    result = load_catalogue(overlay(GOOD / case, tmp_path))
    assert result.ok, result.diagnostics
    (entry,) = result.catalogue.entries.values()
    assert entry.id == case
    assert entry.title.startswith("Fælles kaffe i gården")  # no BOM glued to the first key or value
    for text in (entry.title, entry.summary, entry.body, *entry.details["steps"]):
        assert "\r" not in text and "\ufeff" not in text
    if case == "emoji":
        assert entry.title.endswith("☕🎉") and entry.details["steps"][1].endswith("👨‍👩‍👧‍👦")
    if case == "right-to-left":
        assert "مرحبا بالجيران" in entry.body and "שלום שכנים" in entry.body
    if case == "crlf":
        assert entry.body == "Sæt borde op ved legepladsen.\n\nInviter alle i opgangene.\n"


def test_huge_file_is_refused_without_reading_it(tmp_path):
    catalogue = overlay(GOOD / "emoji", tmp_path)
    with open(catalogue / "ideas" / "kaempe.yaml", "wb") as stream:
        stream.truncate(4 << 30)  # a sparse 4 GB file: reading it whole would break the memory cap
    result = run_check(catalogue)
    assert_clean_failure(result)
    assert result.stdout.startswith("catalogue/ideas/kaempe.yaml:1:1: fejl: Filen er for stor"), result.stdout


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
def test_symlinked_entry_is_refused(tmp_path):
    catalogue = overlay(GOOD / "emoji", tmp_path)
    os.symlink("/dev/zero", catalogue / "ideas" / "nul.yaml")
    os.symlink(REPO / "pyproject.toml", catalogue / "ideas" / "andet.yaml")
    result = run_check(catalogue)
    assert_clean_failure(result)
    assert "catalogue/ideas/andet.yaml:1:1: fejl: Filen er et symbolsk link" in result.stdout
    assert "catalogue/ideas/nul.yaml:1:1: fejl: Filen er et symbolsk link" in result.stdout
    assert "build-system" not in result.stdout  # nothing of the linked file is echoed


def test_flood_of_problems_is_capped(tmp_path):
    from almenviden.content.loading import MAX_PER_FILE

    catalogue = overlay(GOOD / "emoji", tmp_path)
    (catalogue / "ideas" / "mange.yaml").write_text("".join(f"felt{i}: x\n" for i in range(5000)), encoding="utf-8")
    result = run_check(catalogue)
    assert_clean_failure(result)
    lines = [line for line in result.stdout.splitlines() if line.startswith("catalogue/ideas/mange.yaml")]
    assert len(lines) == MAX_PER_FILE + 1
    assert "og 4" in lines[-1] and "fejl mere i denne fil" in lines[-1]


@pytest.mark.parametrize("text, phrase", [
    ("title: !!bool maybe\n", "YAML-tagget '!!bool' er ikke tilladt"),
    ("title: !!map x\n", "YAML-tagget '!!map' er ikke tilladt"),
    ("title: !!int\n", "YAML-tagget '!!int' er ikke tilladt"),
    ("title: !lokal x\n", "YAML-tagget '!lokal' er ikke tilladt"),
    ("%TAG ! tag:example.com,2000:\n---\ntitle: !x y\n", "YAML-tagget 'tag:example.com,2000:x' er ikke tilladt"),
    ("title: " + "9" * 5000 + "\n", "kan ikke læses"),
    ("title: =\n", "Feltet 'summary' mangler"),
    ("? [a, b]\n: x\n", "Et feltnavn skal være almindelig tekst"),
    ("title: a\ufeffb\n", "usynligt BOM-tegn (U+FEFF)"),
])
def test_odd_yaml_never_crashes(tmp_path, text, phrase):
    catalogue = make_catalogue(tmp_path / "catalogue")
    (catalogue / "ideas" / "maerkelig.yaml").write_text(text, encoding="utf-8")
    result = run_check(catalogue)
    assert_clean_failure(result)
    assert phrase in result.stdout, result.stdout


def test_keys_are_reported_as_written(tmp_path):
    catalogue = overlay(GOOD / "emoji", tmp_path)
    path = catalogue / "ideas" / "emoji.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "~: x\nyes: y\n", encoding="utf-8")
    result = run_check(catalogue)
    assert "Ukendt felt '~'" in result.stdout and "Ukendt felt 'yes'" in result.stdout, result.stdout


def test_github_annotations_escape_file_names_and_messages(tmp_path):
    catalogue = overlay(GOOD / "emoji", tmp_path)
    (catalogue / "ideas" / "a,b:c%.yaml").write_text("title: x\n", encoding="utf-8")
    (catalogue / "ideas" / "linjeskift.yaml").write_text('title: x\n"a\\n::error file=x::falsk": 1\n',
                                                         encoding="utf-8")  # a key with a real line break
    result = run_check(catalogue, "--format", "github")
    assert_clean_failure(result)
    lines = result.stdout.splitlines()
    assert all(line.startswith("::error file=catalogue/ideas/") for line in lines), lines
    assert any(line.startswith("::error file=catalogue/ideas/a%2Cb%3Ac%25.yaml,line=1,col=1,") for line in lines)
    assert any("Ukendt felt 'a%0A::error file=x::falsk'" in line for line in lines), lines
