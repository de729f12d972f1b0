"""`almenviden new`: a new entry file from the field declarations, never overwriting anything.

The file is templates/new_entry.yaml.j2 (a yaml-language-server modeline and how to fill it in) followed by
every field of the kind in declared order (content/common_fields.py, then the kind's module), each under its
Danish comment (`Field.comment`, a Jinja text; the taxonomy's values are listed where a field takes them).
Fields the author must fill are left empty, so `almenviden check` names each of them with its line; a
required object (or list of objects) is written out with its required fields, each with an inline comment.
"""

from __future__ import annotations

import functools
import json
import os
import re
import secrets
import textwrap
import unicodedata
from datetime import date
from pathlib import Path

import jinja2

from almenviden.content import fields as f
from almenviden.content.kinds import KIND_BY_CLI_NAME, KINDS, Kind
from almenviden.content.schema import ID_PATTERN, build_schema
from almenviden.danish.slugs import slugify
from almenviden.content.taxonomy import Taxonomy, load_taxonomy
from almenviden.content.diagnostics import display_path
from almenviden.sitebuild import locks
from almenviden.sitebuild.disk_errors import describe

_ID_RE = re.compile(ID_PATTERN)

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=False,  # YAML, not HTML: the only user text (the title) goes through the `q` filter
    keep_trailing_newline=True,
    trim_blocks=True,  # {% if %} lines leave no blank line behind
    undefined=jinja2.StrictUndefined,
)
_env.filters["q"] = lambda text: json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML "…" string
_env.filters["date"] = lambda day: day.isoformat() if day else '""'


class NewEntryError(Exception):
    """The entry cannot be created; `message` is Danish and says what to do."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def one_year_later(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def clean_title(title: str) -> str:
    """One line of visible text: whitespace collapsed, control characters and line separators dropped."""
    visible = "".join(c for c in title if c.isspace() or (unicodedata.category(c) not in ("Cc", "Zl", "Zp", "Cs")
                                                          and c not in "\ufeff\ufffe\uffff"))
    return " ".join(visible.split())


def _choices(taxonomy: Taxonomy, category: str) -> str:
    """Lines listing a category's keys (with labels when there are few), to follow a comment's '# '."""
    keys = taxonomy.keys(category)
    if len(keys) <= 12:
        width = max(map(len, keys), default=0)
        return "\n".join(f"  {key:<{width}}  {taxonomy.label(category, key)}".rstrip() for key in keys)
    return "\n".join("  " + line for line in textwrap.wrap(", ".join(keys), 96))


@functools.lru_cache(maxsize=None)
def _template(source: str) -> jinja2.Template:
    return _env.from_string(source)


def _default_comment(field: f.Field) -> str:
    """A field declared without a scaffold comment: its label and help text (and its choices)."""
    text = f"{field.title}: {field.help}" if field.title else field.help
    return text + "\n{{ choices() }}" if field.category else text


# What a field left empty is written as, by type (a whole number stays blank: `minutes:`).
_EMPTY = {f.WHOLE: "", f.YEAR_OR_TEXT: "", f.FLAG: "", f.CHOICES: "[]", f.LIST: "[]", f.OBJECT: "{}"}
_EMPTY_TEXT = '""'  # every other type


def _field_lines(field: f.Field, taxonomy: Taxonomy, context: dict) -> list[str]:
    """The comment lines and the value line(s) of one top-level field."""
    def example(category: str | None = None, n: int = 1) -> str:
        return ", ".join(taxonomy.keys(category or field.category)[:n])

    comment = _template(field.comment or _default_comment(field)).render(
        **context, field=field, example=example, example_block=lambda: _example_block(field, taxonomy),
        choices=lambda category=None: _choices(taxonomy, category or field.category))
    lines = [f"# {line}" if line else "#" for line in comment.split("\n")]
    if field.scaffold:
        return lines + [f"{field.name}: {_template(field.scaffold).render(**context)}"]
    nested = field.item if field.type == f.LIST else field
    if field.required and nested.type == f.OBJECT:  # written out: its required fields, each with a comment
        inner = [_nested_line(sub) for sub in nested.fields if sub.required]
        if field.type == f.LIST:
            inner = ["- " + inner[0]] + ["  " + line for line in inner[1:]]
        return lines + [f"{field.name}:"] + ["  " + line for line in inner]
    return lines + [_key_value(field.name, _EMPTY.get(field.type, _EMPTY_TEXT))]


def _example_block(field: f.Field, taxonomy: Taxonomy) -> str:
    """A list's declared example as the YAML lines of a comment: each item of a list of texts, or one item of a
    list of objects made of its fields' examples."""
    if field.item.type == f.OBJECT:
        pairs = [(sub.name, sub.examples(taxonomy)[0]) for sub in field.item.fields if sub.examples(taxonomy)]
        items = [[f"{name}: {value}" for name, value in pairs]]
    else:
        items = [[str(value)] for value in field.example]
    return "\n".join([f"  {field.name}:"] + [f"{'    - ' if i == 0 else '      '}{line}"
                                             for item in items for i, line in enumerate(item)])


def _nested_line(field: f.Field) -> str:
    return f"{_key_value(field.name, _EMPTY.get(field.type, _EMPTY_TEXT))}  # {field.hint or field.help}"


def _key_value(name: str, value: str) -> str:
    return f"{name}: {value}" if value else f"{name}:"


def render_scaffold(kind: str, title: str, taxonomy: Taxonomy, today: date | None) -> str:
    """The text of a new entry file of `kind` (a folder name such as "ideas").

    With an empty title and no date it is the blank template for GitHub's web editor
    (catalogue/skabeloner/), in which `check` names every field to fill, the title and dates too.
    """
    context = {
        "kind": KINDS[kind],
        "noun": KINDS[kind].definite,  # "som idéen støtter"
        "title": title,
        "today": today,
        "review_by": today and one_year_later(today),
    }
    lines: list[str] = []
    for field in KINDS[kind].all_fields:
        if not field.joined:
            lines.append("")
        lines += _field_lines(field, taxonomy, context)
    return _env.get_template("new_entry.yaml.j2").render(**context, fields="\n".join(lines))


def write_new_file(path: Path, text: str) -> None:
    """Write `text` to `path` atomically; FileExistsError if `path` exists (it is then left untouched).

    The text goes to a temporary file in the same folder first and is then hard-linked into place:
    os.link refuses an existing target, so readers never see half a file and nothing is overwritten,
    even when two writers race.
    """
    tmp = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: exclusive create is still never-overwrite
            with open(path, "x", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
    finally:
        tmp.unlink(missing_ok=True)


def resolve_kind(name: str) -> Kind:
    kind = KIND_BY_CLI_NAME.get(name) or KINDS.get(name)
    if kind is None:
        import difflib

        names = list(KIND_BY_CLI_NAME)
        hint = difflib.get_close_matches(name.lower(), names + list(KINDS), n=1, cutoff=0.5)
        message = f"Ukendt slags '{name}'."
        if hint:
            message += f" Mente du '{KIND_BY_CLI_NAME.get(hint[0], KINDS.get(hint[0])).cli_name}'?"
        raise NewEntryError(message + f" Vælg en af: {', '.join(names)}.", exit_code=2)
    return kind


def create_entry(catalogue: Path, kind_name: str, title: str, *, entry_id: str | None = None,
                 today: date | None = None) -> Path:
    """Create catalogue/<kind>/<id>.yaml from the template and return its path; NewEntryError if not."""
    kind = resolve_kind(kind_name)
    title = clean_title(title)
    if not title:
        raise NewEntryError("Titlen er tom. Skriv den i anførselstegn, fx almenviden new idea \"Fælles kaffe i gården\".",
                            exit_code=2)
    catalogue = Path(catalogue)
    taxonomy_file = catalogue / "taxonomy.yaml"
    if not taxonomy_file.is_file():
        raise NewEntryError(f"Kataloget '{display_path(catalogue)}' findes ikke (der er ingen taxonomy.yaml). Kør "
                            "kommandoen fra almenviden-mappen, eller angiv kataloget med --catalogue.")
    taxonomy, problems = load_taxonomy(taxonomy_file)
    if problems:
        raise NewEntryError(f"{display_path(taxonomy_file)} har fejl. Kør 'almenviden check', og ret dem først.")
    title_max = build_schema(kind.key, taxonomy)["properties"]["title"].get("maxLength")
    if title_max and len(title) > title_max:
        raise NewEntryError(f"Titlen er for lang: {len(title)} tegn, højst {title_max}. Forkort den.", exit_code=2)

    if entry_id is None:
        entry_id = slugify(title)
        if not entry_id:
            raise NewEntryError("Titlen giver ikke et brugbart filnavn. Angiv et id med --id, fx --id faelles-kaffe.",
                                exit_code=2)
    elif not _ID_RE.match(entry_id):
        raise NewEntryError(f"Id'et '{entry_id}' er ikke gyldigt. Brug små bogstaver a–z, tal og bindestreger "
                            f"(æ→ae, ø→oe, å→aa), fx '{slugify(entry_id) or 'faelles-kaffe'}'.", exit_code=2)

    path = catalogue / kind.key / f"{entry_id}.yaml"
    text = render_scaffold(kind.key, title, taxonomy, today or date.today())
    try:
        with locks.held(locks.lock_file_for(catalogue)):  # two `new` at once: the id check and the creation are one step
            _refuse_taken_id(catalogue, entry_id, path)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_new_file(path, text)
    except FileExistsError:
        raise NewEntryError(f"Filen {display_path(path)} findes allerede, og almenviden overskriver aldrig en fil. Ret den "
                            "eksisterende fil, eller vælg en anden titel eller et andet id med --id.") from None
    except OSError as exc:
        raise NewEntryError(f"Filen {display_path(path)} kunne ikke skrives: {describe(exc, path.parent)}") from None
    return path


def _refuse_taken_id(catalogue: Path, entry_id: str, path: Path) -> None:
    """NewEntryError if another kind's folder already has an entry with this id (ids are unique across kinds)."""
    for other in KINDS:
        for suffix in (".yaml", ".yml"):
            existing = catalogue / other / f"{entry_id}{suffix}"
            if existing == path or not (existing.exists() or existing.is_symlink()):
                continue
            raise NewEntryError(f"Id'et '{entry_id}' bruges allerede af {other}/{existing.name}. Id'er skal være "
                                "unikke på tværs af alle slags: vælg en anden titel, eller angiv et andet id med --id.")


WEB_TEMPLATES = "skabeloner"  # catalogue/skabeloner/<cli name>.yaml: blank templates to copy on GitHub


def write_web_templates(catalogue: Path) -> list[Path]:
    """Write the blank templates for GitHub's web editor; returns those whose content changed."""
    taxonomy, problems = load_taxonomy(catalogue / "taxonomy.yaml")
    if problems:
        raise NewEntryError("taxonomy.yaml har fejl. Kør 'almenviden check', og ret dem først.")
    changed = []
    for kind in KINDS.values():
        path = catalogue / WEB_TEMPLATES / f"{kind.cli_name}.yaml"
        text = render_scaffold(kind.key, "", taxonomy, None)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(path)
    return changed


if __name__ == "__main__":  # python -m almenviden.content.scaffold [CATALOGUE]: refresh catalogue/skabeloner/
    import sys

    for written in write_web_templates(Path(sys.argv[1] if len(sys.argv) > 1 else "catalogue")):
        print(f"Skrev {written}")
