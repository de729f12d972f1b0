"""The fast yes/no validation pass (fastjsonschema) never accepts what jsonschema rejects."""

from __future__ import annotations

import copy
import datetime
import random

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from almenviden.content import loading as validate
from almenviden.content.kinds import KINDS
from almenviden.content.taxonomy import load_taxonomy
from almenviden.content.yaml_source import load_file

from conftest import SHIPPED

ODD_VALUES = [None, True, False, 0, 1, 1.0, 2.5, -5, 10**9, "", " ", "x" * 5000, [], {}, ["a", "a"], [1], [None],
              {"a": 1}, "2024-02-30", "2024-2-3", "2024-13-01", " 2024-01-01", "2024-01-01\n", "２０２４-01-01",
              datetime.date(2024, 1, 1), "ja", "http://x.dk", "https://x.dk", "ftp://x", "ikke-et id"]


def _mutations(value: dict, rng: random.Random, count: int):
    for _ in range(count):
        doc = copy.deepcopy(value)
        key = rng.choice(list(doc))
        r = rng.random()
        if isinstance(doc[key], list) and doc[key] and r < 0.5:
            i = rng.randrange(len(doc[key]))
            item = doc[key][i]
            if isinstance(item, dict) and item and rng.random() < 0.7:
                sub = rng.choice(list(item))
                if rng.random() < 0.2:
                    del item[sub]
                else:
                    item[sub] = rng.choice(ODD_VALUES)
            else:
                doc[key][i] = rng.choice(ODD_VALUES)
        elif r < 0.6:
            del doc[key]
        elif r < 0.65:
            doc["ukendt"] = 1
        else:
            doc[key] = rng.choice(ODD_VALUES)
        yield doc


@pytest.mark.parametrize("kind", list(KINDS))
def test_fast_pass_accepts_only_what_jsonschema_accepts(kind):
    taxonomy, _ = load_taxonomy(SHIPPED / "taxonomy.yaml")
    schema = validate._schema_for(SHIPPED, kind, taxonomy, [])
    slow = Draft202012Validator(schema, format_checker=FormatChecker())
    fast = validate._FastCheck(schema)
    rng = random.Random(6)
    accepted = rejected = 0
    for path in sorted((SHIPPED / kind).glob("*.yaml")):
        value = load_file(path).value
        assert fast.passes(value), path  # the fast pass is used at all: valid entries pass it
        for doc in _mutations(value, rng, 60):
            errors = list(slow.iter_errors(doc))
            if fast.passes(doc):
                accepted += 1
                assert not errors, (path.name, errors[0].message)
            else:
                rejected += 1
    assert rejected, "no mutation was rejected: the test would not notice a lenient fast pass"


@pytest.mark.parametrize("value, ok", [("2024-02-29", True), ("2023-02-29", False), ("2024-2-29", False),
                                       ("２０２４-02-29", False), ("2024-02-29T00:00", False), (20240229, True)])
def test_fast_date_format_is_a_calendar_date(value, ok):
    assert validate._is_date(value) is ok


def test_validation_cache_gives_the_same_catalogue_and_diagnostics(tmp_path):
    from almenviden.content.loading import load_catalogue
    from almenviden.sitebuild.cache import VALIDATED, Cache

    from conftest import FIXTURES, make_catalogue

    root = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    cache_dir = tmp_path / "cache"
    first = Cache(cache_dir, VALIDATED)
    plain = load_catalogue(root)
    assert plain.ok
    assert load_catalogue(root, first).catalogue.entries == plain.catalogue.entries
    first.save()
    warm = Cache(cache_dir, VALIDATED)
    assert load_catalogue(root, warm).catalogue.entries == plain.catalogue.entries
    assert warm.hits == len(plain.catalogue.entries)

    # An edited file is validated again; a cached file that now points at a deleted entry gets its position.
    linking = next(e for e in plain.catalogue.entries.values() if e.related)
    target = plain.catalogue.entries[linking.related[0]]
    target.path.unlink()
    edited = next(e for e in plain.catalogue.entries.values() if e.id not in (linking.id, target.id))
    edited.path.write_text(edited.path.read_text(encoding="utf-8").replace("updated: ", "updated: 2024-02-30 #", 1),
                           encoding="utf-8")
    expected = load_catalogue(root).diagnostics
    assert {d.path for d in expected} >= {linking.path, edited.path}
    again = Cache(cache_dir, VALIDATED)
    assert load_catalogue(root, again).diagnostics == expected
    assert again.hits  # the unchanged files still came from the cache
