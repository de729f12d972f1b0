"""Issue 9 part 3: inputs that used to hang, exhaust memory, crash or be silently ignored.

Whatever could hang or read without end (FIFOs, /dev/zero) runs in a subprocess with a safety timeout and
a memory cap (test_check_hardening.run_check): a regression fails the test instead of blocking the suite.
The rest calls load_catalogue in-process, which is quick.
"""

from __future__ import annotations

import os
import re
import shutil
import sys

import pytest

from conftest import FIXTURES, REPO, SHIPPED, make_catalogue, run_cli
from test_check_hardening import DIAGNOSTIC, SAFETY_TIMEOUT, assert_clean_failure, run_check

from almenviden.content.diagnostics import Diagnostic, format_diagnostics
from almenviden.content.loading import load_catalogue

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices and symbolic links")


@pytest.fixture
def catalogue(tmp_path):
    return make_catalogue(tmp_path / "catalogue", FIXTURES / "small")


def _replace_with_fifo(path):
    path.unlink()
    os.mkfifo(path)


def _messages(result) -> dict[str, str]:
    """'file:line:col' -> message of every diagnostic line of a check run."""
    found = {}
    for line in result.stdout.splitlines()[:-1]:
        assert DIAGNOSTIC.match(line), line
        where, message = line.split(": fejl: ", 1)
        found[where] = message
    return found


# --- files that are not regular files -------------------------------------------------------------------

@posix_only
@pytest.mark.parametrize("name", ["taxonomy.yaml", "schema/ideas.schema.json", "ideas/gammel-ide.yaml"])
def test_a_fifo_is_refused_without_hanging(catalogue, name):
    _replace_with_fifo(catalogue / name)
    result = run_check(catalogue)  # would block on open() without O_NONBLOCK: the timeout fails the test
    assert_clean_failure(result)
    message = _messages(result)[f"catalogue/{name}:1:1"]
    assert "FIFO" in message and "ikke en almindelig fil" in message, message


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("name", ["taxonomy.yaml", "schema/courses.schema.json"])
def test_a_link_to_a_device_is_refused_without_reading_it(catalogue, name, device):
    (catalogue / name).unlink()
    os.symlink(device, catalogue / name)
    result = run_check(catalogue)  # reading /dev/zero whole would break the memory cap
    assert_clean_failure(result)
    assert "peger uden for kataloget" in _messages(result)[f"catalogue/{name}:1:1"]


@posix_only
def test_a_link_to_a_file_outside_the_catalogue_is_refused(catalogue):
    (catalogue / "taxonomy.yaml").unlink()
    os.symlink(SHIPPED / "taxonomy.yaml", catalogue / "taxonomy.yaml")
    result = load_catalogue(catalogue)
    assert [d.message for d in result.diagnostics if d.path.name == "taxonomy.yaml"] == [
        "Filen er et symbolsk link, der peger uden for kataloget. Læg selve filen i kataloget i stedet for et link."]


@posix_only
def test_a_link_inside_the_catalogue_is_read(catalogue):
    schema = catalogue / "schema" / "ideas.schema.json"
    schema.rename(catalogue / "ideas-schema.json")
    os.symlink("../ideas-schema.json", schema)
    assert load_catalogue(catalogue).ok


@posix_only
def test_a_kind_folder_linked_out_of_the_catalogue_is_reported(catalogue, tmp_path):
    shutil.move(catalogue / "courses", tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", catalogue / "courses")
    messages = {d.path.name: d.message for d in load_catalogue(catalogue).diagnostics}
    assert "er et symbolsk link, der peger uden for kataloget" in messages["courses"], messages


# --- schema files that are JSON but not the schema --------------------------------------------------------

BROKEN_SCHEMAS = {
    "list": ("[1, 2]\n", "ikke et gyldigt JSON-skema"),
    "bad-type": ('{"type": 5}\n', "ikke et gyldigt JSON-skema (fejlen er ved 'type')"),
    "bad-pattern": ('{"type": "object", "properties": {"title": {"type": "string", "pattern": "(("}}}\n',
                    "ikke et gyldigt JSON-skema (fejlen er ved 'properties → title → pattern')"),
    "remote-ref": ('{"$ref": "https://example.invalid/schema.json"}\n', "passer ikke til taxonomy.yaml"),
    "not-json": ('{"type": \n', "ikke gyldig JSON"),
    "deep": ("[" * 100_000 + "]" * 100_000 + "\n", "ikke"),
}


@pytest.mark.parametrize("case", list(BROKEN_SCHEMAS))
def test_a_broken_schema_file_is_reported_in_check(catalogue, case):
    text, phrase = BROKEN_SCHEMAS[case]
    (catalogue / "schema" / "guides.schema.json").write_text(text, encoding="utf-8")
    result = run_check(catalogue)
    assert_clean_failure(result)
    (where, message), = _messages(result).items()  # only the schema: entries are checked as always
    assert where.startswith("catalogue/schema/guides.schema.json:")
    assert phrase in message and "Kør 'almenviden schema'" in message, message


def test_a_broken_schema_file_stops_stale_and_build_without_a_traceback(catalogue, tmp_path):
    (catalogue / "schema" / "courses.schema.json").write_text('{"type": 5}\n', encoding="utf-8")
    stale = run_cli("stale", "--catalogue", str(catalogue), timeout=SAFETY_TIMEOUT)
    assert stale.returncode == 0 and "Traceback" not in stale.stdout + stale.stderr, stale.stderr
    assert "Kør 'almenviden check'" in stale.stderr
    build = run_cli("build", "--catalogue", str(catalogue), "--site-dir", str(tmp_path / "site"),
                    "-f", str(REPO / "mkdocs.yml"), timeout=SAFETY_TIMEOUT)
    output = build.stdout + build.stderr
    assert build.returncode == 1 and "Traceback" not in output, output
    assert "schema/courses.schema.json:1:1: fejl: Skemafilen er ikke et gyldigt JSON-skema" in output


def test_schema_explains_a_file_or_folder_in_the_way(catalogue):
    target = catalogue / "schema" / "ideas.schema.json"
    target.unlink()
    target.mkdir()
    result = run_cli("schema", "--catalogue", str(catalogue), timeout=SAFETY_TIMEOUT)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "ideas.schema.json er ikke en almindelig fil" in result.stderr
    shutil.rmtree(catalogue / "schema")
    (catalogue / "schema").write_text("", encoding="utf-8")
    result = run_cli("schema", "--catalogue", str(catalogue), timeout=SAFETY_TIMEOUT)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "schema skal være en mappe" in result.stderr
    (catalogue / "schema").unlink()
    assert run_cli("schema", "--catalogue", str(catalogue), timeout=SAFETY_TIMEOUT).returncode == 0
    assert load_catalogue(catalogue).ok


# --- files check used to skip while saying "Alt i orden" --------------------------------------------------

ODD_NAMES = {
    "ny-ide.YAML": "Omdøb den til 'ny-ide.yaml'",
    ".Yaml": "Omdøb den til fx 'faellesspisning-for-aeldre.yaml'",
    ".yaml": "Omdøb den til fx 'faellesspisning-for-aeldre.yaml'",
    "ny-ide.yaml ": "Omdøb den til 'ny-ide.yaml'",
    " ny-ide.yaml": "Omdøb den til 'ny-ide.yaml'",
    "Ny Idé.Yml": "Omdøb den til 'ny-ide.yaml'",
}


@pytest.mark.parametrize("name", list(ODD_NAMES))
def test_a_file_with_an_odd_name_is_reported(catalogue, name):
    shutil.copy(catalogue / "ideas" / "gammel-ide.yaml", catalogue / "ideas" / name)
    result = load_catalogue(catalogue)
    (diagnostic,) = result.diagnostics
    assert diagnostic.path.name == name and (diagnostic.line, diagnostic.col) == (1, 1)
    assert "slutter ikke på præcis '.yaml'" in diagnostic.message and ODD_NAMES[name] in diagnostic.message


def test_a_folder_named_like_an_entry_is_reported(catalogue):
    (catalogue / "ideas" / "x.yaml").mkdir()
    (diagnostic,) = load_catalogue(catalogue).diagnostics
    assert diagnostic.path.name == "x.yaml" and "er en mappe, ikke en almindelig fil" in diagnostic.message


def test_an_entry_in_a_subfolder_is_reported(catalogue):
    (catalogue / "ideas" / "arkiv" / "2023").mkdir(parents=True)
    shutil.copy(catalogue / "ideas" / "gammel-ide.yaml", catalogue / "ideas" / "arkiv" / "2023" / "x.yaml")
    (catalogue / "courses" / "billeder").mkdir()  # a folder without entries is no entry
    (catalogue / "ideas" / "README.md").write_text("Noter\n", encoding="utf-8")  # nor is a file that is not YAML
    (diagnostic,) = load_catalogue(catalogue).diagnostics
    assert diagnostic.path == catalogue / "ideas" / "arkiv" / "2023" / "x.yaml"
    assert "ligger i undermappen 'arkiv'" in diagnostic.message and "Flyt den op i ideas/" in diagnostic.message


# --- reserved ids ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["ideas", "courses", "recommendations", "guides"])
def test_id_index_is_reserved_for_the_listing(catalogue, kind):
    shutil.copy(next((catalogue / kind).glob("*.yaml")), catalogue / kind / "index.yaml")
    (diagnostic,) = load_catalogue(catalogue).diagnostics
    assert diagnostic.path.name == "index.yaml" and (diagnostic.line, diagnostic.col) == (1, 1)
    assert "Id'et 'index' er forbeholdt" in diagnostic.message and "Omdøb filen" in diagnostic.message


def test_no_hand_written_page_shares_a_path_with_a_possible_entry():
    """An entry's page is <url_dir>/<id>/; a hand-written page there must have a reserved id."""
    from almenviden.content.kinds import KINDS
    from almenviden.content.loading import RESERVED_IDS, _ID_RE

    for kind in KINDS.values():
        for page in (REPO / "docs" / kind.url_dir).iterdir():
            stem = page.stem if page.is_file() else page.name
            if _ID_RE.match(stem):
                assert stem in RESERVED_IDS, f"docs/{kind.url_dir}/{page.name} could be replaced by an entry"


# --- numbers within what makes sense --------------------------------------------------------------------

def _set(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("file, old, new, where, phrase", [
    ("guides/test-forloeb.yaml", "minutes: 90", "minutes: " + "9" * 4300, "15:14", "'steps → punkt 1 → minutes' "
                                                                                   "skal være højst 6000"),
    ("guides/test-forloeb.yaml", "minutes: 90", "minutes: 1.0e+300", "15:14", "skal være højst 6000"),
    ("courses/kort-kursus.yaml", "duration_minutes: 90", "duration_minutes: 100000", "13:19",
     "'duration_minutes' skal være højst 6000, men er 100000"),
    ("courses/kort-kursus.yaml", "    minutes: 30", "    minutes: 1000000", "17:14",
     "'agenda → punkt 1 → minutes' skal være højst 6000"),
    ("courses/kort-kursus.yaml", "    minutes: 30", "    minutes: 0", "17:14", "skal være mindst 1"),
])
def test_numbers_are_bounded(catalogue, file, old, new, where, phrase):
    _set(catalogue / file, old, new)
    result = run_check(catalogue)
    assert_clean_failure(result)
    message = _messages(result)[f"catalogue/{file}:{where}"]
    assert phrase in message and len(message) < 200, message


def test_a_bounded_guide_renders(catalogue):
    """The largest minutes check allows reach the pages without breaking them (danish.durations)."""
    from almenviden.render.entry_page import render_entry

    _set(catalogue / "guides" / "test-forloeb.yaml", "minutes: 90", "minutes: 6000")
    result = load_catalogue(catalogue)
    assert result.ok, result.diagnostics
    html = render_entry(result.catalogue.entries["test-forloeb"], result.catalogue)
    assert "101 timer" in html, html


def test_the_year_of_an_example_is_bounded(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue")
    source = next(p for p in sorted((SHIPPED / "ideas").glob("*.yaml"))
                  if re.search(r"^    when: \d{4}$", p.read_text(encoding="utf-8"), re.M))
    text = re.sub(r"^(    when: )\d{4}$", r"\g<1>20230", source.read_text(encoding="utf-8"), count=1, flags=re.M)
    (catalogue / "ideas" / "aarstal.yaml").write_text(text, encoding="utf-8")
    messages = [d.message for d in load_catalogue(catalogue).diagnostics if d.path.name == "aarstal.yaml"]
    assert any("skal være højst 2100, men er 20230" in m for m in messages), messages


# --- messages stay on one line, in reading order -------------------------------------------------------

@pytest.mark.parametrize("key, shown", [
    ("a\\nb", "a\\nb"),  # a line break in a double-quoted key
    ("a\\u202eb", "a\\u202eb"),  # right-to-left override
    ("a\\u2066b\\u2069", "a\\u2066b\\u2069"),  # isolates
    ("a\\u200fb", "a\\u200fb"),  # right-to-left mark
    ("a\\u0085b\\u2028c", "a\\u0085b\\u2028c"),  # NEL and line separator
    ("a\\x9bb", "a\\u009bb"),  # C1 control (CSI)
])
def test_control_and_bidi_characters_are_escaped_in_messages(catalogue, key, shown):
    path = catalogue / "ideas" / "gammel-ide.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f'"{key}": x\n', encoding="utf-8")
    diagnostics = load_catalogue(catalogue).diagnostics
    output = format_diagnostics(diagnostics)
    assert len(output.splitlines()) == len(diagnostics) == 1, output
    assert f"Ukendt felt '{shown}'" in output, output
    assert re.fullmatch(r"[^:]+gammel-ide\.yaml:\d+:\d+: fejl: [\x20-\x7e\u00a0-\u2000\u2070-\uffff]+", output), output


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_a_line_break_only_yaml_knows_is_refused_where_editors_see_it(catalogue, char):
    """YAML counts NEL, LS and PS as line breaks, most editors do not: every later position would be off."""
    path = catalogue / "ideas" / "gammel-ide.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n", char, 3), encoding="utf-8")
    (diagnostic,) = load_catalogue(catalogue).diagnostics
    col = text.index("\n") + 1
    assert (diagnostic.line, diagnostic.col) == (1, col), diagnostic
    assert f"usynligt linjeskift (U+{ord(char):04X})" in diagnostic.message


def test_a_file_name_with_a_line_break_stays_on_one_line(tmp_path):
    odd = tmp_path / "ny\nlinje\u202e.yaml"
    line = Diagnostic(odd, 3, 4, "x").gcc()
    assert "\n" not in line and "\u202e" not in line
    assert line.endswith("ny\\nlinje\\u202e.yaml:3:4: fejl: x")
    annotation = Diagnostic(odd, 3, 4, "a\nb").github()
    assert "\n" not in annotation and "\u202e" not in annotation and annotation.endswith("::a%0Ab")
