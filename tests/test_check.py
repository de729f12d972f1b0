"""`almenviden check`: each kind of mistake is named with its file, line and column."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, SHIPPED, make_catalogue, run_cli

IDEA = "ideas/gammel-ide.yaml"
GUIDE = "guides/test-forloeb.yaml"


def mutate(catalogue, rel, old, new):
    path = catalogue / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES = [
    # (file, old text, new text, expected "file:line:col", key phrase)
    (IDEA, "title: Gammel idé der skal gennemgås", "title: 'Gammel idé", "ideas/gammel-ide.yaml:1:8",
     "YAML-syntaksfejl"),
    (IDEA, "owner: Driftsafdelingen", "owner: Driftsafdelingen\ncost: lav", "ideas/gammel-ide.yaml:12:1",
     "Feltet 'cost' står to gange (første gang i linje 7)"),
    (IDEA, "participants: Alle", "deltagere: Alle", "ideas/gammel-ide.yaml:14:1",
     "Ukendt felt 'deltagere'. Mente du 'participants'?"),
    (IDEA, "participants: Alle", "participants: Alle\nsesons: [vinter]", "ideas/gammel-ide.yaml:15:1",
     "Mente du 'season'?"),
    (IDEA, "steps: [Gør det]", "steps: Gør det", "ideas/gammel-ide.yaml:15:8",
     "'steps' skal være en liste, men er tekst"),
    (IDEA, "updated: 2021-03-05", "updated: 2021-13-45", "ideas/gammel-ide.yaml:8:10",
     "'2021-13-45' i 'updated' er ikke en gyldig dato"),
    (IDEA, "season: [sommer]", "season: [sommer, vinterr]", "ideas/gammel-ide.yaml:13:18",
     "'vinterr' er ikke en gyldig værdi for 'season'. Mente du 'vinter'?"),
    (IDEA, "time: stor", "time: 3", "ideas/gammel-ide.yaml:12:7", "er ikke en gyldig værdi for 'time'"),
    ("courses/kort-kursus.yaml", "related: [hostile-idea]", "related: [hostile-idee]",
     "courses/kort-kursus.yaml:6:11", "'hostile-idee' findes ikke i kataloget. Mente du 'hostile-idea'?"),
    (GUIDE, "  - entry: kort-kursus", "  - entry: langt-kursus", "guides/test-forloeb.yaml:12:12",
     "'langt-kursus' findes ikke i kataloget"),
    (IDEA, "summary: En idé, hvis gennemgangsdato er overskredet.", "summary: " + "x" * 301,
     "ideas/gammel-ide.yaml:2:10", "for lang: 301 tegn, højst 300"),
    (IDEA, "goals: [groenne-faellesskaber]", "goals: []", "ideas/gammel-ide.yaml:4:8",
     "skal have mindst 1 punkt"),
    (IDEA, "owner: Driftsafdelingen\n", "", "ideas/gammel-ide.yaml:1:1", "Feltet 'owner' mangler"),
]


@pytest.mark.parametrize("rel, old, new, where, phrase", CASES, ids=[c[4][:40] for c in CASES])
def test_each_mistake_is_named_with_file_line_and_column(tmp_path, rel, old, new, where, phrase):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    mutate(catalogue, rel, old, new)
    result = run_cli("check", "--catalogue", str(catalogue), cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    lines = [line for line in result.stdout.splitlines() if phrase in line]
    assert lines, result.stdout
    assert lines[0].startswith(f"catalogue/{where}: fejl: "), lines[0]
    assert "Traceback" not in result.stdout + result.stderr


def test_duplicate_ids_across_kinds(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    (catalogue / "recommendations" / "kort-kursus.yaml").write_text(
        (catalogue / "recommendations" / "test-anbefaling.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("check", "--catalogue", str(catalogue), cwd=tmp_path)
    assert result.returncode == 1
    assert ("catalogue/recommendations/kort-kursus.yaml:1:1: fejl: Id'et 'kort-kursus' bruges også af "
            "courses/kort-kursus.yaml") in result.stdout


def test_all_problems_are_reported_in_one_run(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    mutate(catalogue, IDEA, "cost: hoej", "cost: dyr")
    mutate(catalogue, GUIDE, "role: ny-i-afdelingsbestyrelsen", "role: formand")
    result = run_cli("check", "--catalogue", str(catalogue), cwd=tmp_path)
    assert "gammel-ide.yaml:11:7" in result.stdout and "test-forloeb.yaml:10:7" in result.stdout
    assert "2 fejl i 2 filer" in result.stdout


def test_clean_catalogues_pass(small_catalogue):
    result = run_cli("check", "--catalogue", str(small_catalogue))
    assert result.returncode == 0, result.stdout
    assert "ingen fejl" in result.stdout


def test_shipped_catalogue_is_clean():
    result = run_cli("check", "--catalogue", str(SHIPPED))
    assert result.returncode == 0, result.stdout
