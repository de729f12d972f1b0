"""Read and validate a whole catalogue: YAML -> JSON Schema -> cross references -> model.

Every problem becomes a Diagnostic with file, line, column and a Danish message
that says what to do. Nothing here raises on bad input.
"""

from __future__ import annotations

import datetime
import difflib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError, ValidationError

from almenviden.content.diagnostics import Diagnostic
from almenviden.content.kinds import KINDS
from almenviden.content.model import Catalogue, Entry
from almenviden.content.fields import EVIDENCE_RULE, EXAMPLE_EVIDENCE, ID_PATTERN
from almenviden.content.schema import build_schema, schema_path, schema_text
from almenviden.danish.slugs import slugify
from almenviden.content.taxonomy import Taxonomy, load_taxonomy
from almenviden.sitebuild.cache import Cache, key_of
from almenviden.content.safe_files import UnsafeFile, kind_of, leaves, read_regular
from almenviden.content.source_urls import host_only_message, is_host_only, source_urls
from almenviden.content.yaml_source import Document, YamlError, load_bytes, load_file, read_source, short

MAX_PER_FILE = 30  # diagnostics shown per file; a hostile file must not flood the output

_ID_RE = re.compile(ID_PATTERN)

# Danish (or near-miss) names staff are likely to type for the common fields, and the field they mean;
# each kind adds its own (content/kinds/<kind>.py `field_synonyms`).
_COMMON_SYNONYMS = {
    "titel": "title", "overskrift": "title", "resume": "summary", "resumé": "summary", "beskrivelse": "summary",
    "tekst": "body", "brødtekst": "body", "indhold": "body", "mål": "goals", "maal": "goals",
    "målgruppe": "audience", "maalgruppe": "audience", "emner": "tags", "relateret": "related",
    "ansvarlig": "owner", "sideansvarlig": "owner", "oprettet": "created", "opdateret": "updated",
    "gennemgaas": "review_by", "gennemgås": "review_by", "kilder": "sources", "goal": "goals", "tag": "tags",
    "source": "sources",
}


def field_synonyms() -> dict[str, tuple[str, ...]]:
    """word -> the fields it may mean (a word can name a field of more than one kind), common fields first."""
    out: dict[str, tuple[str, ...]] = {}
    for table in (_COMMON_SYNONYMS, *(kind.field_synonyms for kind in KINDS.values())):
        for word, meant in table.items():
            out[word] = tuple(dict.fromkeys((*out.get(word, ()), meant)))
    return out


_TYPE_NAMES = {
    "string": "tekst", "array": "en liste", "object": "en ordbog (felt: værdi)", "integer": "et helt tal",
    "number": "et tal", "boolean": "ja/nej (true/false)", "null": "tom",
}


def _type_of(value: Any) -> str:
    if value is None:
        return "tom"
    if isinstance(value, bool):
        return "ja/nej"
    if isinstance(value, int):
        return "et tal"
    if isinstance(value, float):
        return "et decimaltal"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "en liste"
    return "en ordbog"


def describe_path(path: Iterable[Any]) -> str:
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"punkt {part + 1}")
        else:
            parts.append(str(part))
    return " → ".join(parts) if parts else "filen"


def _suggest(word: str, candidates: Iterable[str]) -> str | None:
    candidates = list(candidates)
    for meant in field_synonyms().get(word.casefold(), ()):
        if meant in candidates:
            return meant
    match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return match[0] if match else None


@dataclass
class LoadResult:
    catalogue: Catalogue
    diagnostics: list[Diagnostic] = field(default_factory=list)  # errors: check and build fail
    files_checked: int = 0
    warnings: list[Diagnostic] = field(default_factory=list)  # shown, but check and build pass

    @property
    def ok(self) -> bool:
        return not self.diagnostics


def _is_optional(error: ValidationError, root_schema: dict | None) -> bool:
    """Whether the property `error` is about may be left out (so deleting its line is a fix)."""
    steps = list(error.absolute_schema_path)
    if root_schema is None or len(steps) < 3 or steps[-3] != "properties":
        return True
    parent: Any = root_schema
    try:
        for step in steps[:-3]:
            parent = parent[step]
    except (KeyError, IndexError, TypeError):
        return True
    return steps[-2] not in parent.get("required", ())


def _messages_for(error: ValidationError, root_schema: dict | None = None) -> list[tuple[tuple, str, bool]]:
    """(path, Danish message, point at key?) for one schema error."""
    path = tuple(error.absolute_path)
    where = describe_path(path)
    value = error.instance
    v = error.validator
    if v == "required":
        missing = [p for p in error.validator_value if not isinstance(value, dict) or p not in value]
        if isinstance(value, dict):  # a misspelt key is reported once, as an unknown field with a suggestion
            allowed = list(error.schema.get("properties", {}))
            misspelt = {_suggest(k, allowed) for k in value if k not in allowed}
            missing = [m for m in missing if m not in misspelt]
        return [(path, f"Feltet '{m}' mangler{'' if not path else ' i ' + where}. Tilføj en linje "
                       f"'{m}: …' (se skabelonen fra 'almenviden new').", False) for m in missing]
    if v == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        out = []
        for key in value:
            if key in allowed:
                continue
            hint = _suggest(key, allowed)
            msg = f"Ukendt felt '{short(key)}'."
            msg += f" Mente du '{hint}'?" if hint else f" Tilladte felter her: {', '.join(allowed)}."
            out.append((path + (key,), msg, True))
        return out
    if value is None:
        fix = "Udfyld det, eller slet linjen." if _is_optional(error, root_schema) else "Udfyld det."
        return [(path, f"Feltet '{where}' er tomt. {fix}", False)]
    if value == "" and v in ("enum", "format", "pattern", "minLength"):  # e.g. a fresh 'almenviden new' file
        msg = f"Feltet '{where}' er tomt. Udfyld det."
        if v == "enum":
            msg += f" Vælg en af: {', '.join(map(str, error.validator_value))} (se catalogue/taxonomy.yaml)."
        return [(path, msg, False)]
    if v == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = " eller ".join(_TYPE_NAMES.get(t, t) for t in expected)
        msg = f"'{where}' skal være {names}, men er {_type_of(value)}."
        if "array" in expected and not isinstance(value, list):
            msg += " Skriv punkterne på hver sin linje med '- ' foran, eller som [a, b]."
        elif "string" in expected and isinstance(value, (int, float, bool)):
            msg += " Sæt værdien i anførselstegn, så den læses som tekst."
        elif "string" in expected and isinstance(value, (list, dict)):
            msg += " Tjek indrykningen og om der mangler anførselstegn."
        return [(path, msg, False)]
    if v == "enum":
        field_name = next((p for p in reversed(path) if isinstance(p, str)), where)
        hint = _suggest(str(value), [str(x) for x in error.validator_value])
        msg = f"'{short(value)}' er ikke en gyldig værdi for '{field_name}'."
        if hint:
            msg += f" Mente du '{hint}'?"
        msg += f" Gyldige værdier: {', '.join(map(str, error.validator_value))} (se catalogue/taxonomy.yaml)."
        return [(path, msg, False)]
    if v == "format" and error.validator_value == "date":
        return [(path, f"'{short(value)}' i '{where}' er ikke en gyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, "
                       "fx 2024-08-04.", False)]
    if v == "maxLength":
        return [(path, f"'{where}' er for lang: {len(value)} tegn, højst {error.validator_value}. Forkort teksten.",
                 False)]
    if v == "minLength":
        return [(path, f"Feltet '{where}' er tomt. Udfyld det.", False)]
    if v == "minItems":
        empty = "er tom, men " if not value else ""
        return [(path, f"Listen '{where}' {empty}skal have mindst {error.validator_value} "
                       f"{'punkt' if error.validator_value == 1 else 'punkter'}. Skriv fx [a, b], eller ét punkt pr. linje "
                       "med '- ' foran.", False)]
    if v == "uniqueItems":
        return [(path, f"Listen '{where}' har den samme værdi flere gange. Slet dubletten.", False)]
    if v == "pattern":
        if error.validator_value == ID_PATTERN:
            return [(path, f"'{short(value)}' er ikke et gyldigt id. Et id er et filnavn uden .yaml: små bogstaver a–z, "
                           "tal og bindestreger.", False)]
        return [(path, f"'{short(value)}' i '{where}' skal være en webadresse, der starter med https://.", False)]
    if v in ("minimum", "maximum"):
        word = "mindst" if v == "minimum" else "højst"
        return [(path, f"'{where}' skal være {word} {error.validator_value}, men er {short(value, 20)}. "
                       "Skriv et tal inden for grænsen.", False)]
    if v == "oneOf" and isinstance(value, dict) and error.validator_value == _EVIDENCE_CHOICE:
        allowed = list(error.schema.get("properties", {}))
        if any(_suggest(k, allowed) in EXAMPLE_EVIDENCE for k in value if k not in allowed):
            return []  # a misspelt 'source'/'illustrative' is reported once, as an unknown field
        return [(path, _evidence_message(value, where), False)]
    if v == "const" and error.validator_value is True:
        return [(path, f"'{where}' skal være true. Skriv '{path[-1] if path else where}: true', eller slet linjen.",
                 False)]
    if v == "anyOf":
        return [(path, f"'{where}' skal have enten 'url' (en webadresse) eller 'file' (et filnavn).", False)]
    return [(path, f"'{where}' er ugyldig ({short(error.message, 80)}).", False)]


_EVIDENCE_CHOICE = EVIDENCE_RULE["oneOf"]


def _evidence_message(example: dict, where: str) -> str:
    """Why an example is neither sourced nor marked illustrative, or is both, and what to write."""
    if all(key in example for key in EXAMPLE_EVIDENCE):
        return (f"Eksemplet '{where}' har både 'source' og 'illustrative'. Har eksemplet en kilde, så slet "
                "linjen 'illustrative: true'; ellers slet 'source'.")
    return (f"Eksemplet '{where}' mangler en kilde. Tilføj 'source:' med 'title:' og 'url:' på den offentlige side, "
            "der beskriver det, eller skriv 'illustrative: true', hvis eksemplet er tænkt (uden opfundne tal).")


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _is_date(value: Any) -> bool:
    """A calendar date written YYYY-MM-DD (at least as strict as jsonschema's 'date' format)."""
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


class _FastCheck:
    """A compiled yes/no validator (fastjsonschema) per schema, tried before jsonschema.

    Only a file it passes skips jsonschema; any file it rejects (or anything it cannot compile) goes
    through jsonschema's iter_errors, so the diagnostics are exactly jsonschema's. It must therefore
    never accept what jsonschema rejects: our 'date' check is at least as strict as jsonschema's.
    """

    def __init__(self, schema: dict) -> None:
        self._schema = schema
        self._validate = None

    def passes(self, value: Any) -> bool:
        if self._validate is None:
            try:
                import fastjsonschema

                self._validate = fastjsonschema.compile(self._schema, formats={"date": _is_date})
            except Exception:  # noqa: BLE001 - not installed, or a schema it cannot compile
                self._validate = False
        if self._validate is False:
            return False
        try:
            self._validate(value)
        except Exception:  # noqa: BLE001 - JsonSchemaValueException, or anything odd: let jsonschema judge
            return False
        return True


SCHEMA_MAX_BYTES = 1_000_000


def _schema_problem(root: Path, path: Path, generated: dict) -> tuple[int, int, str] | None:
    """What is wrong with the schema file at `path` (line, column, Danish message), or None if it is the
    generated one. Only a file identical to the generated schema is in step; check never validates
    against anything else, so a hand-edited or broken file cannot crash or weaken it."""
    rerun = "Kør 'almenviden schema' for at lave den igen."
    try:
        text = read_regular(path, SCHEMA_MAX_BYTES, inside=root).decode("utf-8")
    except FileNotFoundError:
        return 1, 1, "Skemafilen mangler. Kør 'almenviden schema' for at lave den."
    except UnsafeFile as exc:
        return 1, 1, f"{exc.message} {rerun}"
    except UnicodeDecodeError:
        return 1, 1, f"Skemafilen er ikke gyldig UTF-8. {rerun}"
    except OSError as exc:
        return 1, 1, f"Skemafilen kan ikke læses ({exc.strerror or exc}). {rerun}"
    if text == schema_text(generated):
        return None
    try:
        on_disk = json.loads(text)
    except ValueError as exc:
        return getattr(exc, "lineno", 1), getattr(exc, "colno", 1), f"Skemafilen er ikke gyldig JSON. {rerun}"
    except RecursionError:
        return 1, 1, f"Skemafilen er ikke gyldig JSON (for dybt indlejret). {rerun}"
    try:
        Draft202012Validator.check_schema(on_disk)
    except SchemaError as exc:
        where = f" (fejlen er ved '{short(describe_path(exc.absolute_path))}')" if exc.absolute_path else ""
        return 1, 1, f"Skemafilen er ikke et gyldigt JSON-skema{where}. {rerun}"
    except Exception:  # noqa: BLE001 - e.g. a bad regular expression the format checker chokes on
        return 1, 1, f"Skemafilen er ikke et gyldigt JSON-skema. {rerun}"
    return 1, 1, "Skemafilen passer ikke til taxonomy.yaml. Kør 'almenviden schema' for at opdatere den."


def _schema_for(root: Path, kind: str, taxonomy: Taxonomy, diagnostics: list[Diagnostic]) -> dict:
    """The schema entries of `kind` are validated against: always the one generated from the taxonomy.
    A schema file that differs from it is reported (editors and outside validators read the file)."""
    generated = build_schema(kind, taxonomy)
    path = schema_path(root, kind)
    problem = _schema_problem(root, path, generated)
    if problem:
        diagnostics.append(Diagnostic(path, *problem))
    return generated


# Ids whose page would take the place of a hand-written page: an entry's page is <url_dir>/<id>/ (or
# <url_dir>/<id>.html in the offline copy), and each kind's listing is <url_dir>/index.md (docs/ideer/index.md …).
# The MkDocs plugin also refuses an entry whose page collides with any other file in docs/.
# The følg-eller-forklar sheet is a hand-written page among the recommendations (anbefalinger/foelg-eller-forklar/).
RESERVED_IDS = frozenset({"index", "foelg-eller-forklar"})


def _odd_name(name: str) -> bool:
    """A name that looks like a YAML file but is not read as one: wrong case, spaces, no stem."""
    looks = name.strip().lower().endswith((".yaml", ".yml"))
    return looks and not (name.endswith((".yaml", ".yml")) and name == name.strip() and not name.startswith("."))


def _yaml_below(folder: Path, limit: int = 1000) -> Path | None:
    """The first YAML-looking file in a subfolder of a kind folder (symbolic links are not followed)."""
    seen = 0
    for current, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            if name.strip().lower().endswith((".yaml", ".yml")):
                return Path(current) / name
            seen += 1
            if seen > limit:
                return None
    return None


def _entry_files(root: Path, diagnostics: list[Diagnostic]) -> list[tuple[str, Path]]:
    """The entry files of every kind folder; everything there that looks like an entry but would not
    be read (odd names, folders, FIFOs, links) is reported, so 'Alt i orden' never hides a file."""
    files = []
    for kind in KINDS:
        folder = root / kind
        if folder.is_symlink() and leaves(folder, root):
            diagnostics.append(Diagnostic(folder, 1, 1, f"Mappen '{kind}' er et symbolsk link, der peger uden for "
                                                        "kataloget, så almenviden læser den ikke. Læg selve mappen "
                                                        "med filerne i kataloget."))
            continue
        if not folder.is_dir():
            if folder.exists() or folder.is_symlink():
                diagnostics.append(Diagnostic(folder, 1, 1, f"'{kind}' skal være en mappe med poster, men er en "
                                                            "fil. Omdøb filen, og lav mappen."))
            continue
        for path in sorted(folder.iterdir()):
            name = path.name
            try:
                mode = path.lstat().st_mode
            except OSError:
                continue
            if stat.S_ISDIR(mode) and not _odd_name(name) and not name.endswith((".yaml", ".yml")):
                below = _yaml_below(path)
                if below is not None:
                    diagnostics.append(Diagnostic(below, 1, 1, f"Filen ligger i undermappen '{short(name)}', og "
                                                               f"almenviden læser kun filer direkte i {kind}/. Flyt "
                                                               f"den op i {kind}/, eller flyt den ud af kataloget."))
                continue
            if _odd_name(name):
                stem = slugify(name.strip()[:name.strip().lower().rfind(".y")])
                better = f"'{stem}.yaml'" if stem else "fx 'faellesspisning-for-aeldre.yaml'"
                diagnostics.append(Diagnostic(path, 1, 1, f"Filnavnet '{short(name)}' slutter ikke på præcis "
                                                          "'.yaml' (små bogstaver, intet mellemrum), så almenviden "
                                                          f"læser den ikke. Omdøb den til {better}."))
            elif name.endswith(".yml"):
                diagnostics.append(Diagnostic(path, 1, 1, f"Filen hedder .yml. Omdøb den til {path.stem}.yaml, "
                                                          "så almenviden læser den."))
            elif not name.endswith(".yaml"):
                continue  # README.md, .gitkeep …: not an entry
            elif stat.S_ISLNK(mode):  # could point anywhere, even /dev/zero
                diagnostics.append(Diagnostic(path, 1, 1, "Filen er et symbolsk link. Læg selve filen i kataloget "
                                                          "i stedet for et link til den."))
            elif not stat.S_ISREG(mode):
                diagnostics.append(Diagnostic(path, 1, 1, f"'{short(name)}' er {kind_of(mode)}, ikke en almindelig "
                                                          "fil, så almenviden læser den ikke. Erstat den med en "
                                                          "almindelig tekstfil med posten."))
            else:
                files.append((kind, path))
    return files


class FileMemo:
    """What loading made of each file that loaded cleanly (its Entry, references and source URLs), by path,
    with the file's size, modification time and inode. `serve` loads the whole catalogue again on every save;
    with a memo, a file that is unchanged by those (and whose kind's schema is unchanged) is not read,
    hashed or turned into an Entry again. Only for one process's successive loads (serve): a file rewritten
    within the file system's timestamp granularity with the same size would be missed, which a cache that
    outlives the process must not risk (the validation cache hashes the bytes)."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple] = {}
        self._next: dict[Path, tuple] = {}

    @staticmethod
    def stamp(path: Path) -> tuple | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino

    def get(self, path: Path, stamp: tuple | None, schema_key: str) -> tuple | None:
        """(made, cache_key) as `put` was given them, if the file is unchanged."""
        known = self._files.get(path)
        if stamp is None or known is None or known[0] != (stamp, schema_key):
            return None
        self._next[path] = known
        return known[1:]

    def put(self, path: Path, stamp: tuple | None, schema_key: str, made: tuple, cache_key: str | None) -> None:
        if stamp is not None:
            self._next[path] = ((stamp, schema_key), made, cache_key)

    def finish(self) -> None:
        """Keep only the files of this load."""
        self._files, self._next = self._next, {}


def load_catalogue(root: Path, cache: Cache | None = None, *, strict: bool = False,
                   memo: FileMemo | None = None) -> LoadResult:
    """Load and validate the catalogue at `root` (the folder with taxonomy.yaml).

    With a cache (build and serve, never `check`), files that validated cleanly before with the same
    bytes, schema and code are not parsed or validated again. `strict` turns the warnings (a source that
    names a website, not a page) into errors: the shipped catalogue is checked that way in CI.
    """
    root = Path(root).resolve()
    diagnostics: list[Diagnostic] = []
    taxonomy, problems = load_taxonomy(root / "taxonomy.yaml")
    diagnostics += [Diagnostic(root / "taxonomy.yaml", p.line, p.col, p.message) for p in problems]
    if not root.is_dir():
        diagnostics = [Diagnostic(root, 1, 1, "Kataloget findes ikke. Angiv mappen med --catalogue.")]
        return LoadResult(Catalogue(root, taxonomy, {}), diagnostics, 0)
    if not taxonomy.values:  # unreadable: every entry would fail on every value; show the cause only
        return LoadResult(Catalogue(root, taxonomy, {}), diagnostics, 1)

    format_checker = FormatChecker()
    validators = {kind: Draft202012Validator(_schema_for(root, kind, taxonomy, diagnostics),
                                             format_checker=format_checker) for kind in KINDS}
    fast = {kind: _FastCheck(validator.schema) for kind, validator in validators.items()}
    schema_keys = ({kind: key_of(kind, v.schema) for kind, v in validators.items()}
                   if cache is not None or memo is not None else {})
    entries: dict[str, Entry] = {}
    first_seen: dict[str, Path] = {}
    docs: dict[Path, Document | None] = {}  # None: not kept (a catalogue's worth), parsed again if needed
    references: list[tuple[Path, tuple, str]] = []  # (file, path in file, id referred to)
    host_only: list[tuple[Path, tuple, str]] = []  # (file, path in file, source URL with no page)

    files = _entry_files(root, diagnostics)
    for kind, path in files:
        entry_id = path.stem
        if not _ID_RE.match(entry_id):
            better = slugify(entry_id)
            example = f"Omdøb den til '{better}.yaml'" if better else "Fx 'faellesspisning-for-aeldre.yaml'"
            diagnostics.append(Diagnostic(path, 1, 1, f"Filnavnet '{short(path.name)}' er ikke gyldigt. Brug små bogstaver "
                                                      f"a–z, tal og bindestreger (æ→ae, ø→oe, å→aa). {example}."))
        if entry_id in first_seen:
            other = first_seen[entry_id]
            diagnostics.append(Diagnostic(path, 1, 1, f"Id'et '{entry_id}' bruges også af "
                                                      f"{other.parent.name}/{other.name}. Id'er skal være unikke "
                                                      "på tværs af alle slags: omdøb den ene fil."))
            continue
        first_seen[entry_id] = path
        if entry_id in RESERVED_IDS:
            diagnostics.append(Diagnostic(path, 1, 1, f"Id'et '{entry_id}' er forbeholdt en af sitets egne sider "
                                                      f"(fx oversigten {KINDS[kind].url_dir}/index.html), som posten "
                                                      f"ville erstatte. Omdøb filen, fx til '{entry_id}-1.yaml' "
                                                      "eller et navn ud fra titlen."))
            continue
        stamp = memo.stamp(path) if memo is not None else None
        remembered = memo.get(path, stamp, schema_keys[kind]) if memo is not None else None
        if remembered is not None:  # unchanged since serve's last load: its Entry as it was
            made, cache_key = remembered
            if cache is not None and cache_key is not None:
                cache.keep(path, cache_key)  # still this catalogue's: its validation row stays
            docs[path] = None
            _keep_entry(*made, entries, references, host_only)
            continue
        try:
            raw = read_source(path, inside=root)
        except YamlError as exc:
            diagnostics += [Diagnostic(path, p.line, p.col, p.message) for p in exc.problems]
            continue
        except OSError as exc:
            diagnostics.append(Diagnostic(path, 1, 1, f"Filen kan ikke læses ({exc.strerror or exc}). Tjek at du "
                                                      "har lov at læse den."))
            continue
        cache_key = key_of(schema_keys[kind], raw) if cache is not None else None
        data = cache.get(path, cache_key) if cache_key is not None else None
        if data is not None:
            docs[path] = None
            made = _add_entry(entry_id, kind, path, data, entries, references, host_only)
            if memo is not None:
                memo.put(path, stamp, schema_keys[kind], made, cache_key)
            continue
        try:
            doc = load_bytes(raw)
        except YamlError as exc:
            diagnostics += [Diagnostic(path, p.line, p.col, p.message) for p in exc.problems]
            continue
        diagnostics += [Diagnostic(path, p.line, p.col, p.message) for p in doc.problems]
        if not isinstance(doc.value, dict):
            diagnostics.append(Diagnostic(path, 1, 1, f"Filen skal bestå af felter ('title: …', 'summary: …'), men "
                                                      f"den er {_type_of(doc.value)}. Se skabelonen fra "
                                                      "'almenviden new'."))
            continue
        docs[path] = None  # positions: only for a reference or source found wrong below (parsed again then)
        file_problems = []
        errors = () if fast[kind].passes(doc.value) else validators[kind].iter_errors(doc.value)
        for error in errors:
            for err_path, message, at_key in _messages_for(error, validators[kind].schema):
                line, col = doc.key_position(err_path) if at_key else doc.position(err_path)
                file_problems.append(Diagnostic(path, line, col, message))
        data = doc.value
        if not file_problems and data["updated"] < data["created"]:
            line, col = doc.position(("updated",))
            file_problems.append(Diagnostic(path, line, col, "'updated' ligger før 'created'. Ret datoerne."))
        diagnostics += file_problems
        if file_problems or doc.problems:
            continue
        if cache_key is not None:
            cache.put(path, cache_key, data)
        made = _add_entry(entry_id, kind, path, data, entries, references, host_only)
        if made[2]:  # its sources will be warned about: keep the positions (a few files, not the catalogue)
            docs[path] = doc
        if memo is not None:
            memo.put(path, stamp, schema_keys[kind], made, cache_key)

    def doc_of(path: Path) -> Document:
        if docs[path] is None:
            docs[path] = load_file(path, inside=root)
        return docs[path]

    for path, ref_path, ref in references:
        if ref not in first_seen:
            line, col = doc_of(path).position(ref_path)
            hint = _suggest(ref, first_seen)
            message = f"'{short(ref)}' findes ikke i kataloget."
            message += f" Mente du '{hint}'?" if hint else " Brug filnavnet uden .yaml på en eksisterende post."
            diagnostics.append(Diagnostic(path, line, col, message))
        elif ref == path.stem:
            line, col = doc_of(path).position(ref_path)
            diagnostics.append(Diagnostic(path, line, col, f"Posten henviser til sig selv ('{ref}'). Slet henvisningen."))

    warnings = []
    for path, url_path, url in host_only:
        line, col = doc_of(path).position(url_path)
        warnings.append(Diagnostic(path, line, col, host_only_message(url), warning=not strict))
    if strict:
        diagnostics += warnings
        warnings = []
    if memo is not None:
        memo.finish()
    return LoadResult(Catalogue(root, taxonomy, entries), _cap_per_file(sorted(set(diagnostics))), len(files) + 1,
                      _cap_per_file(sorted(set(warnings))))


def _add_entry(entry_id: str, kind: str, path: Path, data: dict, entries: dict[str, Entry],
               references: list[tuple[Path, tuple, str]], host_only: list[tuple[Path, tuple, str]]) -> tuple:
    """Add the file's entry, its references and its host-only source URLs; returns them (for a FileMemo)."""
    entry = Entry.from_data(entry_id, kind, path, data)
    made = (entry, [(path, ref.path, ref.target) for ref in entry.references()],
            [(path, url_path, url) for url_path, url in source_urls(data) if is_host_only(url)])
    _keep_entry(*made, entries, references, host_only)
    return made


def _keep_entry(entry: Entry, its_references: list, its_host_only: list, entries: dict[str, Entry],
                references: list, host_only: list) -> None:
    references += its_references
    host_only += its_host_only
    entries[entry.id] = entry


def _cap_per_file(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """At most MAX_PER_FILE diagnostics per file, then one line saying how many more there are."""
    shown: dict[Path, int] = {}
    capped = []
    for d in diagnostics:
        shown[d.path] = shown.get(d.path, 0) + 1
        if shown[d.path] <= MAX_PER_FILE:
            capped.append(d)
        elif shown[d.path] == MAX_PER_FILE + 1:
            hidden = sum(1 for other in diagnostics if other.path == d.path) - MAX_PER_FILE
            capped.append(Diagnostic(d.path, d.line, d.col, f"… og {hidden} {'advarsler' if d.warning else 'fejl'} "
                                                            "mere i denne fil. Ret dem ovenfor, og kør "
                                                            "'almenviden check' igen.", d.warning))
    return capped
