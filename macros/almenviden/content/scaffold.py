"""`almenviden new`: a new entry file from a commented template, never overwriting anything.

The templates (templates/new_<kind>.yaml.j2) carry a Danish comment on every field and a
yaml-language-server modeline; the taxonomy's values are listed where a field takes them. Fields the
author must fill are left empty, so `almenviden check` names each of them with its line.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import textwrap
import unicodedata
from datetime import date
from pathlib import Path

import jinja2

from almenviden.content.kinds import KIND_BY_CLI_NAME, KINDS, Kind
from almenviden.content.schema import ID_PATTERN, build_schema
from almenviden.danish.slugs import slugify
from almenviden.content.taxonomy import Taxonomy, load_taxonomy
from almenviden.content.diagnostics import display_path
from almenviden.build import locks
from almenviden.build.disk_errors import describe

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
    """Comment lines listing a category's keys (with labels when there are few)."""
    keys = taxonomy.keys(category)
    if len(keys) <= 12:
        width = max(map(len, keys), default=0)
        return "\n".join(f"#   {key:<{width}}  {taxonomy.label(category, key)}".rstrip() for key in keys)
    return "\n".join("#   " + line for line in textwrap.wrap(", ".join(keys), 96))


def render_scaffold(kind: str, title: str, taxonomy: Taxonomy, today: date | None) -> str:
    """The text of a new entry file of `kind` (a folder name such as "ideas").

    With an empty title and no date it is the blank template for GitHub's web editor
    (catalogue/skabeloner/), in which `check` names every field to fill, the title and dates too.
    """
    properties = build_schema(kind, taxonomy)["properties"]
    return _env.get_template(KINDS[kind].scaffold).render(
        kind=KINDS[kind],
        noun=KINDS[kind].definite,  # "som idéen støtter"
        title=title,
        title_max=properties["title"].get("maxLength"),
        summary_max=properties["summary"].get("maxLength"),
        today=today,
        review_by=today and one_year_later(today),
        choices=lambda category: _choices(taxonomy, category),
        example=lambda category, n=1: ", ".join(taxonomy.keys(category)[:n]),
    )


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
