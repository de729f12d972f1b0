"""A kind is defined in one module (content/kinds/<kind>.py) plus its page section template.

Every registered kind provides every piece (field declarations, facets, facts, nouns, references), and the
schema, typed record, scaffold, facets, page facts, validation of references, cache keys and `almenviden new`
come from them through the registry: a fifth kind registered here, and written nowhere else, gets all of them.
"""

from __future__ import annotations

import dataclasses
import pickle
import re
from datetime import date
from pathlib import Path
from typing import Any, Iterator

import jinja2
import pytest
import yaml

from conftest import FIXTURES, SHIPPED, make_catalogue
from almenviden.sitebuild.cache import entry_key
from almenviden.content import scaffold
from almenviden.content.fields import ID_PATTERN, choice, entry_id, list_of, whole
from almenviden.content.kinds import KIND_BY_CLI_NAME, KINDS, Kind, PageFact, Reference, facet
from almenviden.content.loading import load_catalogue
from almenviden.content.records import Record, record_class
from almenviden.content.schema import COMMON_REQUIRED, build_schema, common_properties, write_schemas
from almenviden.content.taxonomy import CATEGORIES, load_taxonomy
from almenviden.render import environment
from almenviden.render.entry_page import render_entry
from almenviden.render.listings import render_cards
from almenviden.render.facets import browse_config, card_facets, entry_filters, fields_for

@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(SHIPPED / "taxonomy.yaml")[0]


def _record_fields(record: type[Record]) -> dict[str, dataclasses.Field]:
    return {f.name: f for f in dataclasses.fields(record)}


def _required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _property_names(schema: dict) -> set[str]:
    """Every property name in a schema, nested objects and list items included."""
    names = set()
    for name, sub in schema.get("properties", {}).items():
        names |= {name} | _property_names(sub)
    if isinstance(schema.get("items"), dict):
        names |= _property_names(schema["items"])
    return names


def _id_fields(schema: dict, value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, id) of every value in `value` that its schema says is an entry id: what references must yield."""
    if schema.get("pattern") == ID_PATTERN and isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, sub in value.items():
            yield from _id_fields(schema.get("properties", {}).get(key, {}), sub, path + (key,))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _id_fields(schema.get("items", {}), sub, path + (i,))


@pytest.mark.parametrize("key", list(KINDS))
def test_every_kind_provides_every_piece(key, taxonomy):
    kind = KINDS[key]
    own = kind.properties(taxonomy)
    fields = _record_fields(kind.fields)
    # its typed record, its schema and its required list come from the same declarations, in their order
    assert list(fields) == list(own) == [f.name for f in kind.declared], key
    assert not set(own) & set(common_properties(taxonomy)), key
    assert set(kind.required) == {name for name, f in fields.items() if _required(f)}, key
    assert build_schema(key, taxonomy)["required"] == COMMON_REQUIRED + list(kind.required_common) + list(kind.required), key
    assert list(build_schema(key, taxonomy)["properties"]) == [f.name for f in kind.all_fields], key
    # facets and facts name its fields and the taxonomy's categories
    assert kind.facets and all(f.field in fields and f.category in CATEGORIES for f in kind.facets), key
    assert all(f.name == CATEGORIES[f.category] for f in kind.facets), key
    filters = {f.filter for f in fields_for(key)}
    assert set(kind.card_facets) <= filters, key
    assert kind.compact_facts and set(kind.compact_facts) <= filters | {p.name for p in kind.page_facts}, key
    assert all(p.field in fields for p in kind.page_facts), key
    # names and nouns
    assert kind.cli_name and kind.url_dir and kind.label and kind.plural and kind.definite, key
    assert build_schema(key, taxonomy)["title"] == f"almenviden: {kind.noun}"
    assert all(meant in _property_names(build_schema(key, taxonomy)) for meant in kind.field_synonyms.values()), key
    # its scaffold has a line for each of its fields
    text = scaffold.render_scaffold(key, "", taxonomy, None)
    assert all(re.search(rf"^{name}:", text, re.M) for name in own), key
    assert kind.definite in text, key


def test_references_cover_every_id_field_of_the_shipped_entries():
    """Every value the schema marks as an entry id is a reference (so `check` validates it, the page cache
    key covers its target and the page links it), guides' steps included."""
    result = load_catalogue(SHIPPED)
    assert result.ok
    taxonomy = result.catalogue.taxonomy
    seen_kinds = set()
    for entry in result.catalogue.entries.values():
        data = yaml.safe_load(entry.path.read_text(encoding="utf-8"))
        expected = list(_id_fields(build_schema(entry.kind, taxonomy), data))
        assert [(r.path, r.target) for r in entry.references()] == expected, entry.id
        if any(path[0] != "related" for path, _ in expected):
            seen_kinds.add(entry.kind)
    assert "guides" in seen_kinds


def test_typed_fields_pickle_and_repr(shipped):
    entry = next(e for e in shipped.of_kind("guides"))
    assert type(entry.details) is KINDS["guides"].fields
    assert entry.details.steps[0].entry == entry.details["steps"][0]["entry"]
    assert pickle.loads(pickle.dumps(entry)) == entry  # entries go to worker processes
    assert "steps=(GuideStep(entry=" in repr(entry)  # repr(entry) is part of the page's cache key
    course = next(e for e in shipped.of_kind("courses"))
    assert course.details.provider.name and isinstance(course.details.agenda, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        course.details.level = "x"


# A fifth kind, defined only here: notes on an area, pointing to other entries they build on.
NoteFields = record_class("NoteFields", (
    choice("area", "recommendation_areas", "Området."),
    whole("pages", "Antal sider.", 1, 99, label="Sider", example=12),
    list_of("builds_on", entry_id("", "Id på en post."), "Poster, noten bygger på.", min_items=0, required=False),
), globals())


def _note_references(fields: NoteFields) -> Iterator[Reference]:
    for i, target in enumerate(fields.builds_on):
        yield Reference(("builds_on", i), target)


NOTES = Kind(
    key="notes", cli_name="note", url_dir="noter", label="Note", plural="Noter", definite="noten",
    fields=NoteFields, facets=(facet("area", "recommendation_areas", "noteomraade"),),
    card_facets=("noteomraade",), compact_facts=("noteomraade", "Sider"),
    page_facts=(PageFact("Sider", "pages", show=lambda n: f"{n} sider"),),
    references=_note_references, field_synonyms={"sider": "pages"},
)


# Its own page section, where entry.html looks for a kind's sections (render/templates/kinds/<kind>.html).
NOTE_PAGE = {"kinds/notes.html": '<h2 id="noten">Noten</h2>'}


@pytest.fixture
def notes(monkeypatch):
    """The fifth kind in the registry, and its page section where the pages find it."""
    monkeypatch.setitem(KINDS, NOTES.key, NOTES)
    monkeypatch.setitem(KIND_BY_CLI_NAME, NOTES.cli_name, NOTES)
    env = environment.env
    monkeypatch.setattr(env, "loader", jinja2.ChoiceLoader([jinja2.DictLoader(NOTE_PAGE), env.loader]))
    return NOTES


def test_a_new_kind_defined_in_one_module_gets_schema_scaffold_validation_facets_and_pages(notes, tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    assert (catalogue / "notes").is_dir()  # the test catalogue's folders come from the registry too
    taxonomy = load_taxonomy(catalogue / "taxonomy.yaml")[0]

    # schema: the common fields and the kind's own, written with the others by `almenviden schema`
    schema = build_schema("notes", taxonomy)
    assert schema["title"] == "almenviden: note" and "'Noter'" in schema["description"]
    assert {"area", "pages", "builds_on", "title"} <= set(schema["properties"])
    assert schema["required"] == COMMON_REQUIRED + ["area", "pages"]
    assert catalogue / "schema" / "notes.schema.json" in write_schemas(catalogue, taxonomy)

    # scaffold: `almenviden new note` makes a file check understands; it names the kind's empty fields
    path = scaffold.create_entry(catalogue, "note", "Noter om vedligehold", today=date(2025, 3, 14))
    assert path == catalogue / "notes" / "noter-om-vedligehold.yaml"
    text = path.read_text(encoding="utf-8")
    assert "som noten støtter" in text and "area: \"\"" in text and "\n# Sider: Antal sider.\npages:\n" in text
    messages = [d.message for d in load_catalogue(catalogue).diagnostics if d.path == path]
    assert any("'area'" in m for m in messages) and any("'pages'" in m for m in messages), messages

    # validation: the kind's references are checked, with the line of the bad id; its synonyms are suggested
    data = yaml.safe_load(text)
    area = taxonomy.keys("recommendation_areas")[0]
    data.update(summary="Noter.", body="Tekst.", goals=[taxonomy.keys("goals")[0]], owner="Et team",
                audience=[taxonomy.keys("audiences")[0]], area=area, sider=3, builds_on=["kort-kursus", "findes-ikke"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    diagnostics = [d for d in load_catalogue(catalogue).diagnostics if d.path == path]
    assert any("Mente du 'pages'?" in d.message for d in diagnostics), diagnostics
    data["pages"] = data.pop("sider")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (bad,) = [d for d in load_catalogue(catalogue).diagnostics if d.path == path]
    assert "'findes-ikke' findes ikke i kataloget" in bad.message
    assert path.read_text(encoding="utf-8").splitlines()[bad.line - 1].strip() == "- findes-ikke"

    data["builds_on"] = ["kort-kursus"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = load_catalogue(catalogue)
    assert result.ok, result.diagnostics
    cat = result.catalogue
    note = cat.entries["noter-om-vedligehold"]
    assert note.details == NoteFields(area=area, pages=3, builds_on=("kort-kursus",))

    # facets: its own, named from the taxonomy's category names, in the browser and the search filters
    config = browse_config(cat, "notes")
    assert config["noun"] == ["note", "noter"] and config["fixed"] == {"type": ["noter"]}
    facet_row = next(f for f in config["facets"] if f["key"] == "noteomraade")
    assert facet_row["label"] == CATEGORIES["recommendation_areas"]
    assert facet_row["values"][0] == [area, taxonomy.label("recommendation_areas", area)]
    assert ["noter", "Noter"] in browse_config(cat)["facets"][0]["values"]
    assert "noteomraade" in card_facets()
    assert ("type", "noter") in entry_filters(note) and ("noteomraade", area) in entry_filters(note)

    # page: its page facts and facets, the entry it builds on linked; its card shows the card facet
    html = render_entry(note, cat)
    assert "<dt>Sider</dt>" in html and "3 sider" in html
    compact = re.search(r'<ul class="av-facts-line".*?</ul>', html, re.S).group(0)
    assert taxonomy.label("recommendation_areas", area) in compact and "3 sider" in compact
    assert f"../?noteomraade={area}" in html  # its facet links to its own catalogue browser
    assert "../../kurser/kort-kursus/" in html
    assert f'title="{CATEGORIES["recommendation_areas"]}"' in render_cards([note], cat, "noter/")

    # cache: the page's key covers the title of the entry it builds on
    before = entry_key(note, cat, "ctx", date(2025, 3, 14))
    course = cat.entries["kort-kursus"]
    renamed = dataclasses.replace(cat, entries={**cat.entries, course.id: dataclasses.replace(course, title="Nyt")})
    assert entry_key(note, renamed, "ctx", date(2025, 3, 14)) != before
