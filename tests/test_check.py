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
    # a guide must cite the pages it rests on (Kind.required_common), and an empty list is not enough
    (GUIDE, "sources:\n  - title: Testkilde (testdata, ikke en rigtig side)\n    url: https://example.org/testkilde\n",
     "", "guides/test-forloeb.yaml:1:1", "Feltet 'sources' mangler"),
    (GUIDE, "sources:\n  - title: Testkilde (testdata, ikke en rigtig side)\n    url: https://example.org/testkilde\n",
     "sources: []\n", "guides/test-forloeb.yaml:20:10", "Listen 'sources' er tom, men skal have mindst 1 punkt"),
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


# A source whose address names a website, not a page (tests/fixtures/good/source-host-only): a warning by
# default (check passes), an error in strict mode (--strict or ALMENVIDEN_STRICT=1), at the url value.
HOST_ONLY = FIXTURES / "good" / "source-host-only"
HOST_ONLY_AT = ["catalogue/ideas/source-host-only.yaml:19:47", "catalogue/ideas/source-host-only.yaml:25:10"]
HOST_ONLY_SAYS = "Skriv adressen på den side, der støtter posten, ikke kun forsiden"


def _host_only_lines(stdout, label):
    return [line.split(f": {label}: ")[0] for line in stdout.splitlines() if HOST_ONLY_SAYS in line
            and f": {label}: " in line]


def test_a_source_with_no_page_is_a_warning_by_default(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", HOST_ONLY)
    result = run_cli("check", "--catalogue", str(catalogue), cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert _host_only_lines(result.stdout, "advarsel") == HOST_ONLY_AT, result.stdout
    assert "ingen fejl. 2 advarsler" in result.stdout
    assert "https://example.org/en-side" not in result.stdout  # a page is not reported


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_a_source_with_no_page_is_an_error_in_strict_mode(tmp_path, how):
    catalogue = make_catalogue(tmp_path / "catalogue", HOST_ONLY)
    args = ["check", "--catalogue", str(catalogue)] + (["--strict"] if how == "flag" else [])
    result = run_cli(*args, cwd=tmp_path, env={"ALMENVIDEN_STRICT": "1"} if how == "environment" else None)
    assert result.returncode == 1, result.stdout
    assert _host_only_lines(result.stdout, "fejl") == HOST_ONLY_AT, result.stdout
    assert "2 fejl i 1 fil" in result.stdout


def test_a_source_with_no_page_is_a_github_warning(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", HOST_ONLY)
    result = run_cli("check", "--catalogue", str(catalogue), "--format", "github", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    first = result.stdout.splitlines()[0]
    assert first.startswith("::warning file=catalogue/ideas/source-host-only.yaml,line=19,col=47,"), first


def test_host_only_addresses():
    from almenviden.content.source_urls import is_host_only

    for url in ("https://bl.dk", "https://bl.dk/", "http://www.retsinformation.dk/", " https://lbf.dk/ "):
        assert is_host_only(url), url
    for url in ("https://bl.dk/viden-kartotek/almene-maal-2024-2026", "https://bl.dk/?id=3", "https://bl.dk/#a",
                "mailto:info@bl.dk"):
        assert not is_host_only(url), url


def test_shipped_catalogue_passes_strict_check():
    """CI checks the shipped catalogue with --strict: every source names its page, in every kind."""
    result = run_cli("check", "--strict", "--catalogue", str(SHIPPED))
    assert result.returncode == 0, result.stdout
    assert "advarsel" not in result.stdout


def test_shipped_recommendations_and_guides_cite_pages_not_websites():
    from almenviden.content.loading import load_catalogue

    result = load_catalogue(SHIPPED)
    assert result.ok, [d.gcc() for d in result.diagnostics]
    kinds = {"recommendations", "guides"}
    assert [d.gcc() for d in result.warnings if d.path.parent.name in kinds] == []
    assert all(result.catalogue.entries[p.stem].sources for p in (SHIPPED / "guides").glob("*.yaml"))
