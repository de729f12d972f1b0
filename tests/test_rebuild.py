"""Building again into the same site folder (issue 6): unchanged entry pages survive MkDocs' cleaning and
are not rewritten, edited and deleted entries are handled, and the result equals a fresh build."""

from __future__ import annotations

import shutil
from pathlib import Path

from almenviden.hosts.mkdocs import kept_pages
from almenviden.render.list_data import DATA_DIR, data_path
from conftest import FIXTURES, build_site, make_catalogue, site_files


def entry_page(site: Path, kind_dir: str, entry_id: str) -> Path:
    return site / kind_dir / entry_id / "index.html"


def test_stash_and_restore_keep_only_the_named_pages(tmp_path):
    site = tmp_path / "site"
    for rel in ("ideer/a/index.html", "ideer/b/index.html", "ideer/index.html", "kurser/c/index.html",
                data_path("a"), data_path("b")):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel, encoding="utf-8")
    (site / "index.html").write_text("forside", encoding="utf-8")

    keep = kept_pages.stash(site, ["ideer", "kurser", "anbefalinger", DATA_DIR])
    assert keep is not None and keep.name.startswith(".")  # hidden: MkDocs' cleaning leaves it alone
    assert not (site / "ideer").exists() and not (site / "kurser").exists()
    (site / "index.html").unlink()  # what MkDocs' cleaning does to the rest

    restored = kept_pages.restore(keep, site, ["ideer/a/index.html", "kurser/c/index.html", "ideer/new/index.html"],
                                  directory_urls=True, files=[data_path("a"), data_path("new")])
    assert restored == 3
    assert (site / data_path("a")).read_text(encoding="utf-8") == data_path("a")  # the list's data file, as a file
    assert not (site / data_path("b")).exists()
    assert (site / "ideer/a/index.html").read_text(encoding="utf-8") == "ideer/a/index.html"
    assert (site / "kurser/c/index.html").is_file()
    assert not (site / "ideer/b").exists()  # an entry that is gone
    assert not (site / "ideer/index.html").exists()  # not an entry page: MkDocs writes it again
    assert not keep.exists()


def test_stash_without_previous_site_does_nothing(tmp_path):
    assert kept_pages.stash(tmp_path / "nothing-here", ["ideer"]) is None
    assert kept_pages.restore(None, tmp_path, ["ideer/a/index.html"], directory_urls=True) == 0


def test_rebuild_keeps_unchanged_pages_and_equals_a_fresh_build(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    ideas = sorted((catalogue / "ideas").glob("*.yaml"))
    assert len(ideas) >= 2, "the small fixture needs two ideas for this test"
    edited, untouched = ideas[0], ideas[1]
    site = build_site(catalogue, tmp_path / "site")
    untouched_page = entry_page(site, "ideer", untouched.stem)
    before = untouched_page.stat()
    untouched_data = site / data_path(untouched.stem)  # the entry's data file for the reader's list
    data_before = untouched_data.stat()

    # Edit one entry and delete an entry of another kind, then build into the same folder.
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("title: ", "title: Ændret ", 1), encoding="utf-8")
    assert edited.read_text(encoding="utf-8") != text
    removed = catalogue / "recommendations" / "test-anbefaling.yaml"  # nothing in the fixture links to it
    removed.unlink()
    assert (site / "anbefalinger" / removed.stem / "index.html").is_file()
    build_site(catalogue, site)

    after = untouched_page.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns), "unchanged page was rewritten"
    data_after = untouched_data.stat()
    assert (data_after.st_ino, data_after.st_mtime_ns) == (data_before.st_ino, data_before.st_mtime_ns), \
        "unchanged data file was rewritten"
    assert "Ændret " in entry_page(site, "ideer", edited.stem).read_text(encoding="utf-8")
    assert "\\u00c6ndret " in (site / data_path(edited.stem)).read_text(encoding="ascii")
    assert not (site / "anbefalinger" / removed.stem).exists()
    assert not (site / data_path(removed.stem)).exists()
    assert not (site / kept_pages.KEEP_DIR).exists()

    fresh = build_site(catalogue, tmp_path / "fresh")
    assert site_files(site) == site_files(fresh)


def test_leftover_keep_folder_from_a_failed_build_is_not_published(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    site = tmp_path / "site"
    (site / kept_pages.KEEP_DIR / "ideer" / "gammel").mkdir(parents=True)
    build_site(catalogue, site)
    assert not (site / kept_pages.KEEP_DIR).exists()
    shutil.rmtree(site)
