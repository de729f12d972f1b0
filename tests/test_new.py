"""`almenviden new KIND "Titel"`: a commented template that check understands, never overwriting anything."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from conftest import FIXTURES, SHIPPED, make_catalogue, run_cli
from almenviden.content import scaffold
from almenviden.content.kinds import KINDS
from almenviden.content.scaffold import one_year_later, render_scaffold, write_new_file
from almenviden.content.schema import build_schema
from almenviden.danish.slugs import slugify
from almenviden.content.taxonomy import load_taxonomy
from almenviden.content.yaml_source import parse_text

CLI_KINDS = {"ideas": "idea", "courses": "course", "recommendations": "recommendation", "guides": "guide"}
TODAY = date(2025, 3, 14)


@pytest.fixture
def catalogue(tmp_path) -> Path:
    return make_catalogue(tmp_path / "catalogue", FIXTURES / "small")


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(SHIPPED / "taxonomy.yaml")[0]


def new(catalogue: Path, *args: str):
    return run_cli("new", *args, "--catalogue", "catalogue", cwd=catalogue.parent)


@pytest.mark.parametrize("title, slug", [
    ("Fælles kaffe i gården", "faelles-kaffe-i-gaarden"),
    ("ÆBLER, ØL OG ÅBENT HUS", "aebler-oel-og-aabent-hus"),
    ("Café für Groß & Klein", "cafe-fur-gross-klein"),
    ("  Grøn energi: 2025/26!  ", "groen-energi-2025-26"),
    ("Naïve crème brûlée", "naive-creme-brulee"),
    ("🎉", ""),
])
def test_slug_from_title(title, slug):
    assert slugify(title) == slug


def test_long_titles_give_short_ids():
    slug = slugify("Fællesskab " * 20)
    assert len(slug) <= 60 and slug.endswith("faellesskab") and "--" not in slug


def test_one_year_later():
    assert one_year_later(date(2025, 3, 14)) == date(2026, 3, 14)
    assert one_year_later(date(2024, 2, 29)) == date(2025, 2, 28)


def test_new_writes_the_file(catalogue):
    result = new(catalogue, "idea", "Fælles kaffe i gården")
    assert result.returncode == 0, result.stderr
    path = catalogue / "ideas" / "faelles-kaffe-i-gaarden.yaml"
    assert "catalogue/ideas/faelles-kaffe-i-gaarden.yaml" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/ideas.schema.json"
    assert (path.parent / "../schema/ideas.schema.json").resolve().is_file()
    data = parse_text(text).value
    assert data["title"] == "Fælles kaffe i gården"
    created = date.fromisoformat(data["created"])
    assert abs((date.today() - created).days) <= 1  # the test may straddle midnight
    assert data["updated"] == data["created"]
    assert date.fromisoformat(data["review_by"]) == one_year_later(created)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_has_a_danish_comment(kind, taxonomy):
    text = render_scaffold(kind, "Prøve", taxonomy, TODAY)
    lines = text.splitlines()
    top_keys = []
    for i, line in enumerate(lines):
        top = re.match(r"^([a-z_]+):", line)
        nested = re.match(r"^\s+(?:- )?([a-z_]+):", line)
        if top:
            top_keys.append(top.group(1))
            assert lines[i - 1].startswith("# ") and len(lines[i - 1]) > 10, (kind, line)
        elif nested:
            assert re.search(r"\s#\s\S", line), (kind, line)  # an inline comment on nested keys
    assert top_keys == list(build_schema(kind, taxonomy)["properties"]), "the template lists every field, in order"
    assert "æ" in text and "ø" in text and "å" in text  # Danish text, not English


@pytest.mark.parametrize("kind", list(KINDS))
def test_template_lists_the_taxonomy_values(kind, taxonomy):
    text = render_scaffold(kind, "Prøve", taxonomy, TODAY)
    for name, prop in build_schema(kind, taxonomy)["properties"].items():
        values = prop.get("enum") or prop.get("items", {}).get("enum") or []
        for value in values:
            assert re.search(rf"#\s.*\b{re.escape(value)}\b", text), (kind, name, value)


def _empty_required(value, schema, path=()):
    """Paths of required values left empty ("", [] or nothing) in a scaffold."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            sub = schema["properties"][key]
            if item in ("", [], None) and key in schema.get("required", ()):
                found.append(path + (key,))
            elif isinstance(item, list) and sub.get("items", {}).get("type") == "object":
                for i, element in enumerate(item):
                    found += _empty_required(element, sub["items"], path + (key, i))
            elif isinstance(item, dict) and sub.get("type") == "object":
                found += _empty_required(item, sub, path + (key,))
    return found


@pytest.mark.parametrize("kind", list(KINDS))
def test_check_on_a_fresh_scaffold_names_each_field_to_fill(catalogue, kind, taxonomy):
    result = new(catalogue, CLI_KINDS[kind], "Prøve på en ny post")
    assert result.returncode == 0, result.stderr
    rel = f"catalogue/{kind}/proeve-paa-en-ny-post.yaml"
    lines = (catalogue.parent / rel).read_text(encoding="utf-8").splitlines()
    doc = parse_text("\n".join(lines))
    expected = {" → ".join(f"punkt {p + 1}" if isinstance(p, int) else p for p in path): doc.position(path)[0]
                for path in _empty_required(doc.value, build_schema(kind, taxonomy))}
    assert expected, "a fresh scaffold leaves fields to fill"

    check = run_cli("check", "--catalogue", "catalogue", cwd=catalogue.parent)
    assert check.returncode == 1
    named = {}
    for line in check.stdout.splitlines()[:-1]:
        assert line.startswith(rel + ":"), line  # the rest of the catalogue is untouched and clean
        match = re.match(rf"{re.escape(rel)}:(\d+):\d+: fejl: (?:Feltet|Listen) '([^']+)' (?:er tom)", line)
        assert match, line
        named[match.group(2)] = int(match.group(1))
    assert named == expected
    for field, line_no in named.items():  # the line named is the field's own line
        assert re.match(rf"\s*(- )?{field.split(' → ')[-1]}:", lines[line_no - 1]), (field, lines[line_no - 1])


FILLINGS = {
    'summary: ""': "summary: Et kort resumé.",
    'body: ""': "body: Teksten.",
    "goals: []": "goals: [robuste-faellesskaber]",
    "audience: []": "audience: [beboere]",
    'owner: ""': "owner: Afdelingsbestyrelsen",
    "housing_types: []": "housing_types: [familieboliger]",
    'cost: ""': "cost: gratis",
    'time: ""': "time: lille",
    "season: []": "season: [sommer]",
    'participants: ""': "participants: Alle",
    "steps: []": "steps: [Første trin]",
    "sustainability: []": "sustainability: [social]",
    'level: ""': "level: introduktion",
    'format: ""': "format: online",
    "duration_minutes:": "duration_minutes: 60",
    "objectives: []": "objectives: [At lære]",
    '- item: ""': "- item: Velkomst",
    "minutes:": "minutes: 15",
    'area: ""': "area: oekonomi",
    "recommendations: []": "recommendations: [Gør det]",
    'comply_or_explain: ""': "comply_or_explain: Forklar hvorfor.",
    'role: ""': "role: ny-frivillig",
    '- entry: ""': "- entry: kort-kursus",
    'why: ""': "why: Derfor",
    'when: ""': "when: Straks",
    'name: ""': "name: Boligorganisationen",
    'how: ""': "how: Skriv til administrationen.",
    "sources: []": "sources: [{title: Testkilde, url: 'https://example.org/testkilde'}]",  # guides require one
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_filled_in_scaffold_passes(catalogue, kind):
    assert new(catalogue, CLI_KINDS[kind], "Udfyldt post").returncode == 0
    path = catalogue / kind / "udfyldt-post.yaml"
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        code, sep, comment = line.partition("  # ")  # nested keys carry an inline comment
        for empty, filled in FILLINGS.items():
            if code.strip() == empty:
                code = code.replace(empty, filled)
        lines.append(code + sep + comment)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check = run_cli("check", "--catalogue", "catalogue", cwd=catalogue.parent)
    assert check.returncode == 0, check.stdout


def test_tricky_titles_are_quoted(catalogue, taxonomy):
    title = 'Kaffe: "gratis" # hver dag – \\ {{ ja }} & \'nej\''
    text = render_scaffold("ideas", title, taxonomy, TODAY)
    assert parse_text(text).value["title"] == title
    result = new(catalogue, "idea", title + "\n\t\x07")
    assert result.returncode == 0, result.stderr
    (path,) = [p for p in (catalogue / "ideas").glob("kaffe-*.yaml")]
    assert parse_text(path.read_text(encoding="utf-8")).value["title"] == title


def test_never_overwrites(catalogue):
    path = catalogue / "ideas" / "faelles-kaffe.yaml"
    path.write_text("mit arbejde\n", encoding="utf-8")
    result = new(catalogue, "idea", "Fælles kaffe")
    assert result.returncode == 1
    assert path.read_text(encoding="utf-8") == "mit arbejde\n"
    assert "catalogue/ideas/faelles-kaffe.yaml findes allerede" in result.stderr
    assert "overskriver aldrig" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []  # no temp file left


def test_refuses_an_id_used_by_another_kind(catalogue):
    result = new(catalogue, "idea", "Kort kursus")  # courses/kort-kursus.yaml exists in the fixture
    assert result.returncode == 1
    assert "Id'et 'kort-kursus' bruges allerede af courses/kort-kursus.yaml" in result.stderr
    assert not (catalogue / "ideas" / "kort-kursus.yaml").exists()
    assert new(catalogue, "idea", "Kort kursus", "--id", "kort-kursus-ide").returncode == 0
    assert (catalogue / "ideas" / "kort-kursus-ide.yaml").is_file()


@pytest.mark.parametrize("args, phrase", [
    (("ide", "Titel"), "Ukendt slags 'ide'. Mente du 'idea'?"),
    (("idea", "   "), "Titlen er tom"),
    (("idea", "🎉🎉"), "Angiv et id med --id"),
    (("idea", "Titel", "--id", "Min Idé"), "Id'et 'Min Idé' er ikke gyldigt"),
    (("idea", "x" * 121), "Titlen er for lang: 121 tegn, højst 120"),
])
def test_usage_mistakes(catalogue, args, phrase):
    result = new(catalogue, *args)
    assert result.returncode == 2
    assert phrase in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in (catalogue / "ideas").iterdir()) == ["gammel-ide.yaml", "hostile-idea.yaml"]


def test_missing_catalogue(tmp_path):
    result = run_cli("new", "idea", "Titel", "--catalogue", "findes-ikke", cwd=tmp_path)
    assert result.returncode == 1
    assert "Kataloget 'findes-ikke' findes ikke" in result.stderr


def test_write_is_atomic_and_exclusive(tmp_path):
    target = tmp_path / "x.yaml"
    write_new_file(target, "første\n")
    with pytest.raises(FileExistsError):
        write_new_file(target, "anden\n")  # e.g. another writer got there between our check and our write
    assert target.read_text(encoding="utf-8") == "første\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]


def test_write_without_hard_links(tmp_path, monkeypatch):
    def no_links(*_):
        raise PermissionError("no hard links here")

    monkeypatch.setattr(scaffold.os, "link", no_links)
    write_new_file(tmp_path / "a.yaml", "a\n")
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == "a\n"
    with pytest.raises(FileExistsError):
        write_new_file(tmp_path / "a.yaml", "b\n")
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == "a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_file_is_readable_by_others(tmp_path):
    old = os.umask(0o022)
    try:
        write_new_file(tmp_path / "a.yaml", "a\n")
    finally:
        os.umask(old)
    assert (tmp_path / "a.yaml").stat().st_mode & 0o777 == 0o644
