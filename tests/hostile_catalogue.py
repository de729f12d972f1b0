"""A catalogue with hostile text in every text field of every kind, derived from the JSON Schemas.

The payloads come from fixtures/hostile/payloads.yaml. The fields come from walking each kind's schema
in catalogue/schema/ (nested objects and arrays, anyOf/oneOf branches and local $refs included), so a
field added to the schema later gets the payloads too, without a list to keep in step:

- a free-text string (no enum, pattern or format) gets `text` payloads;
- a string with a pattern gets the payloads the pattern accepts (the web addresses get `url`
  payloads), or, for the id pattern, the id of another hostile entry (related, guide steps);
- dates, enums, numbers and booleans get a valid value, so the entry passes `check`.

A field with a maxLength (the title's 120 characters, the summary's 300) gets the payloads packed
into chunks that fit, in turn across the kinds: every payload is in that field of at least one kind
(in every kind, the title alone would take 27 entries per kind, and the browser test's time grows
with every page). Every other text field gets every payload in every kind: entry i of a kind has the
i-th share of them (one payload per item in a list of texts, the whole share in a single text;
Markdown fields get one payload per paragraph). The number of entries per kind is the fewest that
hold all chunks of the shortest field. Web-address fields get the `url` payloads round-robin.
Objects nested in a list appear once per anyOf/oneOf branch and once per optional property (rules
such as "either a source or illustrative: true" then hold); a lone nested object rotates through
those variants from entry to entry.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from almenviden.content.kinds import KINDS
from almenviden.content.schema import ID_PATTERN

PAYLOADS = Path(__file__).resolve().parent / "fixtures" / "hostile" / "payloads.yaml"
SHIPPED = Path(__file__).resolve().parents[1] / "catalogue"
DATE = "2024-03-01"
RAW_LINE_BREAKS = ("\u0085", "\u2028", "\u2029")  # YAML line breaks that check refuses raw (see yaml_source.py)
SEPARATOR = " "
PARAGRAPHS = "\n\n"
_ID_PREFIX = {"ideas": "fjendtlig-ide", "courses": "fjendtligt-kursus", "recommendations": "fjendtlig-anbefaling",
              "guides": "fjendtligt-forloeb"}


def load_payloads() -> dict[str, list[str]]:
    return yaml.safe_load(PAYLOADS.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class TextField:
    """A string field of a kind: its path ("sources[].title") and what it takes."""
    path: str
    role: str  # "text", "markdown", "url" (a pattern some payloads pass), "id", or "fixed" (enum, date, …)
    pattern: str | None = None
    max_length: int | None = None


def _resolve(schema: dict, root: dict) -> dict:
    while "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/"), f"only local $refs are supported: {ref}"
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _types(schema: dict) -> list[str]:
    kind = schema.get("type")
    if kind is None and "properties" in schema:
        return ["object"]
    return kind if isinstance(kind, list) else [kind] if kind else []


def _branches(schema: dict) -> list[dict]:
    return schema.get("oneOf") or schema.get("anyOf") or [{}]


def _properties(schema: dict, root: dict) -> dict[str, dict]:
    props = dict(schema.get("properties", {}))
    for branch in _branches(schema) + schema.get("allOf", []):
        props.update(_resolve(branch, root).get("properties", {}))
    return props


def _string_role(schema: dict, payloads: dict[str, list[str]]) -> str:
    if "enum" in schema or "const" in schema or "format" in schema:
        return "fixed"
    pattern = schema.get("pattern")
    if pattern is None:
        return "markdown" if "Markdown" in schema.get("description", "") else "text"
    if pattern == ID_PATTERN:
        return "id"
    if any(re.search(pattern, p) for p in payloads["url"] + payloads["text"]):
        return "url"
    raise AssertionError(f"no payload fits the pattern {pattern!r} and it is no id: add payloads for it to "
                         f"{PAYLOADS.name}, or teach hostile_catalogue.py a valid value")


def text_fields(schema: dict, payloads: dict[str, list[str]], root: dict | None = None,
                path: str = "") -> list[TextField]:
    """Every string field in `schema`, depth first (an array's items are "name[]")."""
    root = root if root is not None else schema
    schema = _resolve(schema, root)
    out: list[TextField] = []
    types = _types(schema)
    if "object" in types:
        for name, sub in _properties(schema, root).items():
            out += text_fields(sub, payloads, root, f"{path}.{name}" if path else name)
    elif "array" in types:
        out += text_fields(schema.get("items", {}), payloads, root, path + "[]")
    elif "string" in types:
        role = _string_role(schema, payloads)
        out.append(TextField(path, role, schema.get("pattern"), schema.get("maxLength")))
    return out


def chunks(payloads: list[str], size: int) -> list[list[str]]:
    """The payloads packed into as few groups as fit in `size` characters when joined (first fit, longest first)."""
    bins: list[list[str]] = []
    for payload in sorted(payloads, key=len, reverse=True):
        assert len(payload) <= size, f"payload longer than {size} characters: {payload!r}"
        for group in bins:
            if len(SEPARATOR.join(group + [payload])) <= size:
                group.append(payload)
                break
        else:
            bins.append([payload])
    return bins


@dataclass
class _Context:
    chunk: Any  # max_length -> the payloads for this entry's field with that maxLength
    urls: list[str]
    target: str  # an entry id that id fields point to
    rotation: int
    payloads: dict[str, list[str]]
    root: dict


def _values(schema: dict, ctx: _Context, in_array: bool, nested: bool) -> list[Any]:
    """Valid values for `schema`; an array's items use all of them, any other place picks one (rotation)."""
    schema = _resolve(schema, ctx.root)
    types = _types(schema)
    if "const" in schema:
        return [schema["const"]]
    if "enum" in schema:
        return [schema["enum"][0]]
    if "object" in types:
        return _objects(schema, ctx, nested and in_array)
    if "array" in types:
        items = _values(schema.get("items", {}), ctx, in_array=True, nested=True)
        while len(items) < schema.get("minItems", 0):
            items = items + items
        return [items]
    if "string" in types:
        if "format" in schema:
            assert schema["format"] == "date", f"unknown string format {schema['format']!r}"
            return [DATE]
        role = _string_role(schema, ctx.payloads)
        if role == "id":
            return [ctx.target]
        if role == "url":  # this entry's share of the web addresses, or the first that fits
            fitting = [u for u in ctx.urls if re.search(schema["pattern"], u)]
            return fitting or [next(u for u in ctx.payloads["url"] + ctx.payloads["text"]
                                    if re.search(schema["pattern"], u))]
        chunk = ctx.chunk(schema.get("maxLength"))
        return list(chunk) if in_array else [(PARAGRAPHS if role == "markdown" else SEPARATOR).join(chunk)]
    if "integer" in types or "number" in types:
        return [max(1, schema.get("minimum", 1))]
    if "boolean" in types:
        return [True]
    raise AssertionError(f"hostile_catalogue.py cannot make a value for the schema {json.dumps(schema)[:200]}")


def _objects(schema: dict, ctx: _Context, nested: bool) -> list[dict]:
    """One object per variant: per anyOf/oneOf branch and, for nested objects, per optional property
    (each variant has the required ones and one optional). The top level has all its properties."""
    base_required = set(schema.get("required", []))
    props = _properties(schema, ctx.root)
    branches = [_resolve(b, ctx.root) for b in _branches(schema)]
    branch_required = [set(b.get("required", [])) | base_required for b in branches]
    in_some_branch = set().union(*(r - base_required for r in branch_required))
    objects = []
    for required in branch_required:
        optional = [p for p in props if p not in required and p not in in_some_branch]
        sets = [required | set(optional)] if not nested or not optional else [required | {p} for p in optional]
        for names in sets:
            chosen = {p: _values(props[p], ctx, in_array=False, nested=True) for p in props if p in names}
            width = max((len(v) for v in chosen.values()), default=1)
            for k in range(width):
                objects.append({p: values[(k + ctx.rotation) % len(values)] for p, values in chosen.items()})
    if not nested:
        return objects[:1]
    return objects


@dataclass
class HostileCatalogue:
    root: Path
    payloads: dict[str, list[str]]
    fields: dict[str, list[TextField]]
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> data
    kinds: dict[str, str] = field(default_factory=dict)  # id -> kind
    chunk_count: int = 0
    model: Any = None  # the validated almenviden Catalogue

    def text_field_count(self) -> int:
        return sum(1 for fields in self.fields.values() for f in fields if f.role in ("text", "markdown", "url"))

    def across_kinds(self, f: TextField) -> bool:
        """Whether the field has its payloads spread across the kinds (see the module's doc)."""
        return f.max_length is not None


def write_catalogue(dest: Path, shipped: Path) -> HostileCatalogue:
    """The hostile catalogue in `dest` (taxonomy and schemas copied from `shipped`)."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "taxonomy.yaml").write_bytes((shipped / "taxonomy.yaml").read_bytes())
    (dest / "schema").mkdir(exist_ok=True)
    payloads = load_payloads()
    schemas = {}
    for kind in KINDS:
        source = shipped / "schema" / f"{kind}.schema.json"
        (dest / "schema" / source.name).write_bytes(source.read_bytes())
        schemas[kind] = json.loads(source.read_text(encoding="utf-8"))
    fields = {kind: text_fields(schema, payloads) for kind, schema in schemas.items()}
    limits = {f.max_length for fs in fields.values() for f in fs if f.role in ("text", "markdown")}
    kinds = list(KINDS)
    groups = {n: chunks(payloads["text"], n) for n in limits if n is not None}
    per_kind = max((len(g) + len(kinds) - 1) // len(kinds) for g in groups.values()) if groups else 1
    per_kind = max(per_kind, len(payloads["url"]))  # a field with one address an entry (provider.url) gets each
    groups[None] = [payloads["text"][i::per_kind] for i in range(per_kind)]
    catalogue = HostileCatalogue(dest, payloads, fields, chunk_count=per_kind)
    urls = payloads["url"]
    for k, kind in enumerate(kinds):
        (dest / kind).mkdir(exist_ok=True)
        target_kind = kinds[(k + 1) % len(kinds)]
        for i in range(per_kind):
            def chunk(max_length, i=i, k=k):
                group = groups[max_length]
                return group[i] if max_length is None else group[(i * len(kinds) + k) % len(group)]
            entry_id = f"{_ID_PREFIX[kind]}-{i + 1}"
            ctx = _Context(chunk=chunk, urls=urls[i::per_kind] or [urls[i % len(urls)]],
                           target=f"{_ID_PREFIX[target_kind]}-{i + 1}", rotation=i, payloads=payloads,
                           root=schemas[kind])
            (data,) = _values(schemas[kind], ctx, in_array=False, nested=False)
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
            if any(c in text for c in RAW_LINE_BREAKS):
                # check refuses these raw in a file (editors and YAML count lines differently); written as
                # escapes ("\u2028") the values still carry them.
                text = yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10**6)
            (dest / kind / f"{entry_id}.yaml").write_text(text, encoding="utf-8")
            catalogue.entries[entry_id] = data
            catalogue.kinds[entry_id] = kind
    return catalogue


# ---------------------------------------------------------------- session fixtures (imported by conftest.py)

@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> HostileCatalogue:
    """The hostile catalogue (it must pass check: the point is that accepted text is rendered inert)."""
    from almenviden.content.loading import load_catalogue

    catalogue = write_catalogue(tmp_path_factory.mktemp("hostile") / "catalogue", SHIPPED)
    result = load_catalogue(catalogue.root)
    assert result.ok, "\n".join(d.gcc() for d in result.diagnostics)
    catalogue.model = result.catalogue
    return catalogue


@pytest.fixture(scope="session")
def hostile_site(hostile, tmp_path_factory) -> Path:
    """The hostile catalogue built (`almenviden build`)."""
    from conftest import build_site

    return build_site(hostile.root, tmp_path_factory.mktemp("hostile-site"))


@pytest.fixture(scope="session")
def hostile_offline(hostile, hostile_site, tmp_path_factory) -> SimpleNamespace:
    """The hostile catalogue's offline copy, converted from its built site as `build --with-offline` does
    (`almenviden offline --from-site`), unzipped: `.root` has index.html (the site's layout, ideer/x/index.html),
    `.result` is the command's CompletedProcess."""
    from conftest import run_cli

    work = tmp_path_factory.mktemp("hostile-offline")
    zip_path = work / "offline.zip"
    result = run_cli("offline", "--from-site", str(hostile_site), "--output", str(zip_path))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stdout + result.stderr
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(work / "copy")
    (root,) = (work / "copy").iterdir()
    return SimpleNamespace(root=root, result=result)
