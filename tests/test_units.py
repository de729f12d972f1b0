"""Small pieces: Danish dates, sorting, links between pages and what the caches fingerprint."""

from datetime import date
from pathlib import Path

import pytest

from almenviden.danish.dates import danish_date
from almenviden.danish.sorting import danish_sort_key
from almenviden.render.sort_values import newest_value, title_value, url_name
from almenviden.render.urls import entry_url, relative_url


@pytest.mark.parametrize("value, text", [(date(2022, 8, 4), "4. august 2022"), (date(2026, 1, 31), "31. januar 2026"),
                                         (date(2025, 12, 1), "1. december 2025")])
def test_danish_date(value, text):
    assert danish_date(value) == text


def test_danish_alphabetical_order():
    words = ["Åbent hus", "Æbletræer", "Zumba", "Ølsmagning", "affald"]
    assert sorted(words, key=danish_sort_key) == ["affald", "Zumba", "Æbletræer", "Ølsmagning", "Åbent hus"]


def test_search_sort_values_are_unique_and_in_the_order_a_reader_expects():
    # Test data: made-up titles, ids and dates.
    entries = [("Zumba", "zumba", date(2024, 1, 5)), ("Æbler", "aebler", date(2024, 3, 1)),
               ("Affald", "affald-2", date(2024, 3, 1)), ("Affald", "affald", date(2023, 12, 24)),
               ("Affald i gården", "affald-i-gaarden", date(2024, 3, 1))]
    by_title = sorted(entries, key=lambda e: title_value(e[0], e[1]))
    assert [e[1] for e in by_title] == ["affald", "affald-2", "affald-i-gaarden", "zumba", "aebler"]
    newest = sorted(entries, key=lambda e: newest_value(e[2], e[0], e[1]))
    assert [e[1] for e in newest] == ["affald-2", "affald-i-gaarden", "aebler", "zumba", "affald"]
    assert "&" not in title_value("Mad & drikke", "x") and "<" not in title_value("<b>", "x")
    assert [url_name(p) for p in ("ideer/x/index.html", "/ideer/x/", "om.html", "index.html")] == ["x", "x", "om", ""]


@pytest.mark.parametrize("directory_urls, expected", [(True, "../../kurser/x/"), (False, "../kurser/x.html")])
def test_links_between_entries(directory_urls, expected):
    here = entry_url("ideas", "a", directory_urls)
    there = entry_url("courses", "x", directory_urls)
    assert relative_url(here, there) == expected


def test_links_from_the_home_page_and_listings():
    assert relative_url("", "ideer/a/") == "ideer/a/"
    assert relative_url("ideer/", "ideer/a/") == "a/"
    assert relative_url("ideer/index.html", "ideer/a.html") == "a.html"


def test_cache_fingerprints_cover_the_whole_package():
    """Both caches hash every module and template of the package: a hand-kept list had missed taxonomy.py,
    which shapes pages, so a changed taxonomy.py could serve pages cached by the old code."""
    import almenviden
    from almenviden.sitebuild.cache import package_files

    root = Path(almenviden.__file__).resolve().parent
    files = {p.relative_to(root).as_posix() for p in package_files()}
    assert {"content/taxonomy.py", "content/safe_files.py", "search/words.py", "content/loading.py",
            "offline/pages.py", "render/templates/entry.html", "render/templates/cards.html"} <= files
    assert not [f for f in files if "__pycache__" in f or f.endswith(".pyc")]


def test_every_template_and_asset_is_package_data():
    """A wheel holds only the data files pyproject.toml's package-data globs name: a template in a new
    folder (render/templates/kinds/) that no glob matches would be missing from an installed almenviden."""
    import glob
    import tomllib

    import almenviden

    root = Path(almenviden.__file__).resolve().parent
    patterns = tomllib.loads((root.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["almenviden"]
    shipped = {Path(p).as_posix() for pattern in patterns for p in glob.glob(pattern, root_dir=root, recursive=True)}
    data = {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}
    assert len(data) > 20
    assert not data - shipped, "not in package-data: " + ", ".join(sorted(data - shipped))
