"""The contribution form's browser modules checked from Python (node runs them): the YAML writer against
PyYAML's safe loader and the catalogue's own reader, the slug against danish/slugs.py, the validator against
ajv (npm, installed at test time) on many generated documents. Plus the form specs (content/form_spec.py)."""

from __future__ import annotations

import copy
import datetime
import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from almenviden.content.form_spec import field_spec, form_specs
from almenviden.content.kinds import KINDS
from almenviden.content.schema import build_schema
from almenviden.content.taxonomy import load_taxonomy
from almenviden.content.yaml_source import parse_text
from almenviden.danish.slugs import slugify
from hostile_catalogue import load_payloads

REPO = Path(__file__).resolve().parents[1]
HELPERS = REPO / "tests" / "js" / "helpers"
TAXONOMY, _ = load_taxonomy(REPO / "catalogue" / "taxonomy.yaml")
SPECS = form_specs(TAXONOMY)
AJV_DIR = REPO / ".cache" / "ajv"


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node findes ikke")
        pytest.skip("node findes ikke")
    return node


def call_js(module: str, fn: str, calls: list[list]) -> list:
    result = subprocess.run([_node(), str(HELPERS / "call.cjs")], capture_output=True, text=True, timeout=120,
                            input=json.dumps({"module": module, "fn": fn, "calls": calls}))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# ---- slug -------------------------------------------------------------------------------------------------

def _titles() -> list[str]:
    shipped = [yaml.safe_load(p.read_text(encoding="utf-8"))["title"] for p in sorted(REPO.glob("catalogue/*/*.yaml"))
               if p.parent.name in KINDS]
    pool = ("abcdefghijklmnopqrstuvwxyz ABCXYZ æøåÆØÅ éèêëüöäßœþðłđıİÇçñÑ 0123456789 -_.,;:!?&/()'\"§%@#"
            "\t\n 😀✓–—«»“” \u0301\u0308 ΣσςΩ КирИЛЛ ﬁ ½ ２０２４ Ⓐ")
    rng = random.Random(17)
    generated = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 90))) for _ in range(3000)]
    return shipped + generated + ["", "---", "Æ" * 70, "a-" * 40, "å " * 40]


def test_slug_is_the_same_as_danish_slugs_py_on_many_titles():
    titles = _titles()
    assert call_js("bidrag-slug", "slugify", [[t] for t in titles]) == [slugify(t) for t in titles]


# ---- YAML writer -------------------------------------------------------------------------------------------

TRICKY = ["yes", "No", "null", "~", "2024", "0o17", "0x1F", "1e3", ".inf", "2024-05-01", "12:30", "- a", "? a",
          ": a", "*alias", "&anchor", "!!python/object/apply:os.system ['echo hi']", "!tag x", "|", ">", "---",
          "...", "%YAML 1.1", "@x", "`x`", "#x", "a # b", "a: b", "a:", "[a, b]", "{a: b}", "'a'", '"a"', "<<",
          " leading", "trailing ", "a\u2028b", "a\u2029b", "a\u0085b", "\ufeffbom", "tab\there", "cr\rlf",
          "line\nbreak", "two\n\nparagraphs\n", "ends\n\n\n", "\n", "  \n  x", "x\n  indented\n", "😀 emoji",
          "nul\x00", "bell\x07", "del\x7f", "Ønsket år", "a\\b", "\\n", "C1\x9b"]


def _fill(spec: dict, texts, depth: int = 0):
    """Data for `spec` with the next text in every free-text field (the rest valid fixed values)."""
    kind = spec["type"]
    if kind in ("text", "year_or_text"):
        return next(texts) if not spec.get("reference") else "et-id"
    if kind == "date":
        return "2024-03-01"
    if kind == "integer":
        return spec.get("minimum", 1)
    if kind == "choice":
        return spec["options"][0]["value"]
    if kind == "choices":
        return [o["value"] for o in spec["options"][:2]]
    if kind == "flag":
        return True
    if kind == "object":
        return {f["name"]: _fill(f, texts, depth + 1) for f in spec["fields"]}
    if kind == "list":
        return [_fill(spec["item"], texts, depth + 1) for _ in range(2)]
    raise AssertionError(kind)


def _cycle(strings: list[str], start: int):
    i = start
    while True:
        yield strings[i % len(strings)]
        i += 1


def _dates_as_text(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    return value


def test_yaml_of_hostile_and_tricky_text_reads_back_as_the_same_strings():
    payloads = load_payloads()
    strings = payloads["text"] + payloads["url"] + payloads.get("rejected_url", []) + TRICKY
    rng = random.Random(7)
    alphabet = "ab :#-'\"|>*&!%@`{}[],?\n\t\\\u2028\u0085\x01 æø😀"
    strings += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(500)]
    docs = []
    for kind, spec in SPECS.items():
        for start in range(0, len(strings), 3):
            data = {f["name"]: _fill(f, _cycle(strings, start)) for f in spec["fields"]}
            docs.append((kind, data))
    texts = call_js("bidrag-yaml", "toYaml", [[data, SPECS[kind]] for kind, data in docs])
    for (kind, data), text in zip(docs, texts):
        assert _dates_as_text(yaml.safe_load(text)) == data, text
        document = parse_text(text)  # the catalogue's own reader (no tags, aliases or raw line separators)
        assert not document.problems, (document.problems, text)
        assert document.value == data, text
        assert list(document.value) == [f["name"] for f in SPECS[kind]["fields"]]


def test_yaml_keeps_the_layout_of_almenviden_new():
    data = {"title": "Fælles kaffe", "summary": "Kort.", "goals": ["robuste-faellesskaber"], "created": "2024-03-01",
            "steps": ["Et trin.", "Et andet: trin."]}
    [text] = call_js("bidrag-yaml", "toYaml", [[data, SPECS["ideas"]]])
    assert text == ("# yaml-language-server: $schema=../schema/ideas.schema.json\n\n"
                    "title: Fælles kaffe\n\nsummary: Kort.\n\ngoals: [robuste-faellesskaber]\n\n"
                    "created: 2024-03-01\n\nsteps:\n  - Et trin.\n  - \"Et andet: trin.\"\n")


# ---- validator vs ajv ---------------------------------------------------------------------------------------

def _ajv() -> Path:
    modules = AJV_DIR / "node_modules"
    if (modules / "ajv" / "dist" / "2020.js").is_file() and (modules / "ajv-formats").is_dir():
        return modules
    npm = shutil.which("npm")
    reason = "npm findes ikke"
    if npm:
        result = subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(AJV_DIR),
                                 "ajv@8", "ajv-formats@3"], capture_output=True, text=True, timeout=300,
                                env={**os.environ, "npm_config_update_notifier": "false"})
        if result.returncode == 0:
            return modules
        reason = "npm install ajv fejlede: " + result.stderr[-500:]
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def _shipped(kind: str) -> list[dict]:
    docs = []
    for path in sorted((REPO / "catalogue" / kind).glob("*.yaml")):
        docs.append(parse_text(path.read_text(encoding="utf-8")).value)
    return docs


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


_REPLACEMENTS = ["", "x" * 301, 0, 7, 2.5, -3, 99999, True, None, [], {}, ["x"], ["x", "x"], "not-a-key",
                 "2024-02-30", "2024-13-01", "24-1-1", "https://example.org/", "ftp://x", "Et Id", "a--b",
                 {"title": "T", "url": "https://e.org/"}, "1850", 1850, 2024, "gratis", "social"]


def _mutate(doc: dict, rng: random.Random) -> dict:
    doc = copy.deepcopy(doc)
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in _paths(doc) if p]
        path = rng.choice(paths)
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        action = rng.random()
        if action < 0.3 and isinstance(parent, dict):
            del parent[path[-1]]
        elif action < 0.4 and isinstance(parent, dict):
            parent[rng.choice(["extra", "illustrative", "source", "url", "file"])] = rng.choice(
                [True, {"title": "T", "url": "https://e.org/"}, "x.pdf", "https://e.org/"])
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(_REPLACEMENTS))
    return doc


def _every_single_change(doc: dict):
    """`doc` with one value replaced by each of _REPLACEMENTS, or deleted, at every place in it."""
    for path in [p for p in _paths(doc) if p]:
        for replacement in _REPLACEMENTS + ["<delete>"]:
            changed = copy.deepcopy(doc)
            parent = changed
            for part in path[:-1]:
                parent = parent[part]
            if replacement == "<delete>":
                if isinstance(parent, dict):
                    del parent[path[-1]]
                else:
                    parent.pop(path[-1])
            else:
                parent[path[-1]] = copy.deepcopy(replacement)
            yield changed
    for path in _paths(doc):  # and one more key in every mapping
        target = doc
        for part in path:
            target = target[part]
        if isinstance(target, dict):
            for key, value in _EXTRA_KEYS:
                changed = copy.deepcopy(doc)
                place = changed
                for part in path:
                    place = place[part]
                place[key] = copy.deepcopy(value)
                yield changed


_EXTRA_KEYS = [("extra", 1), ("illustrative", True), ("illustrative", False), ("url", "https://e.org/"),
               ("file", "x.pdf"), ("source", {"title": "T", "url": "https://e.org/"})]


def test_validator_agrees_with_ajv_on_many_documents():
    modules = _ajv()
    rng = random.Random(2017)
    schemas = {kind: build_schema(kind, TAXONOMY) for kind in KINDS}
    docs = []
    for kind in KINDS:
        shipped = _shipped(kind)
        docs += [(kind, d) for d in shipped]
        docs += [(kind, _mutate(rng.choice(shipped), rng)) for _ in range(600)]
        docs += [(kind, d) for d in _every_single_change(shipped[0])]
    payload = json.dumps({"ajv": str(modules), "schemas": schemas, "docs": docs})
    result = subprocess.run([_node(), str(HELPERS / "ajv-check.cjs")], input=payload, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    verdicts = json.loads(result.stdout)
    disagreements = [(docs[i], v) for i, v in enumerate(verdicts) if v[0] != v[1]]
    assert not disagreements, disagreements[:3]
    invalid = sum(1 for v in verdicts if not v[0])
    assert invalid > len(docs) // 2, "the mutations should make most documents invalid"
    assert all(v[0] for v in verdicts[:5]), "shipped entries are valid"


# ---- form specs --------------------------------------------------------------------------------------------

def test_form_fields_follow_the_schema_order_with_danish_labels_and_taxonomy_options():
    for kind, spec in SPECS.items():
        schema = build_schema(kind, TAXONOMY)
        assert [f["name"] for f in spec["fields"]] == list(schema["properties"])
        required = set(schema["required"])
        for f in spec["fields"]:
            assert f["required"] == (f["name"] in required)
            assert f["label"] and f["label"] != f["name"], f
            description = schema["properties"][f["name"]]["description"]
            assert description.startswith(f["help"]) and f["help"], f  # taxonomy values are shown as choices
            assert "Mulige værdier" not in f["help"]
    goals = next(f for f in SPECS["ideas"]["fields"] if f["name"] == "goals")
    assert goals["type"] == "choices"
    assert {o["value"]: o["label"] for o in goals["options"]} == dict(TAXONOMY.values["goals"])
    cost = next(f for f in SPECS["ideas"]["fields"] if f["name"] == "cost")
    assert cost["type"] == "choice" and cost["options"][0]["label"] == TAXONOMY.label("cost", cost["options"][0]["value"])


def test_fields_that_name_entries_and_nested_items():
    related = next(f for f in SPECS["ideas"]["fields"] if f["name"] == "related")
    assert related["type"] == "list" and related["item"]["reference"] is True
    steps = next(f for f in SPECS["guides"]["fields"] if f["name"] == "steps")
    entry = next(f for f in steps["item"]["fields"] if f["name"] == "entry")
    assert entry.get("reference") is True and steps["item"]["type"] == "object"
    examples = next(f for f in SPECS["ideas"]["fields"] if f["name"] == "examples")
    assert examples["item"]["oneOf"] == [["source"], ["illustrative"]]
    names = {f["name"]: f for f in examples["item"]["fields"]}
    assert names["illustrative"]["type"] == "flag" and names["when"]["type"] == "year_or_text"
    assert names["source"]["type"] == "object"


def test_the_label_and_example_come_from_the_declaration_and_a_field_without_a_label_is_refused():
    spec = field_spec("owner", {"type": "string", "minLength": 1, "description": "Hvem.", "title": "Ejer",
                                "examples": ["Driften", "Bestyrelsen"]}, True, TAXONOMY)
    assert (spec["label"], spec["example"], spec["minLength"]) == ("Ejer", "Driften", 1)
    with pytest.raises(ValueError, match="owner"):
        field_spec("owner", {"type": "string"}, False, TAXONOMY)


# ---- data in pages ----------------------------------------------------------------------------------------

def test_json_in_a_page_cannot_end_its_script_element_and_reads_back_the_same():
    from almenviden.render.script_json import json_for_html

    data = {"t": "</script><script>alert(1)</script><!-- & \u2028\u2029 ]]> æ"}
    text = json_for_html(data)
    assert not any(c in text for c in "<>&\u2028\u2029")
    assert json.loads(text) == data


def test_an_entrys_data_for_the_form_is_its_file(shipped):
    from almenviden.render.entry_data import entry_data

    for entry in shipped.entries.values():
        original = yaml.safe_load(entry.path.read_text(encoding="utf-8"))
        original = {k: v for k, v in original.items() if v != []}
        assert _dates_as_text(original) == entry_data(entry), entry.id
