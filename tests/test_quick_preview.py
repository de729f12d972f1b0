"""serve's quick update (hosts/mkdocs/preview.py, pipeline.changed_entries / write_entry_pages): after a save
that changed only entry files, the pages of the changed entries and of the entries that refer to them are written
as the whole build writes them, and no other page is touched."""

from __future__ import annotations

from pathlib import Path

from almenviden.content.loading import load_catalogue
from almenviden.hosts.mkdocs.preview import catalogue_snapshot, changed_entry_files
from almenviden.sitebuild import pipeline
from almenviden.sitebuild.writer import page_path

from conftest import FIXTURES, make_catalogue
from test_core_without_mkdocs import MemoryHost
from almenviden.sitebuild.host import SiteSettings


def _host(catalogue: Path, site: Path) -> MemoryHost:
    return MemoryHost(SiteSettings(catalogue_dir=catalogue, site_dir=site, directory_urls=True, lang="da",
                                   edit_root=catalogue.parent, cache_dir=None, quiet=True))


def test_the_quick_update_writes_the_edited_entry_and_its_referrers_as_the_whole_build_does(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    site = tmp_path / "site"
    host = _host(catalogue, site)
    pipeline.build_site(host)
    before = load_catalogue(catalogue).catalogue
    untouched = site / page_path("ideas", "gammel-ide", True)
    stat_before = untouched.stat()

    edited = catalogue / "courses" / "kort-kursus.yaml"  # hostile-idea (related) and test-forloeb (a step) link to it
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: Omdøbt ", 1), encoding="utf-8")
    after = load_catalogue(catalogue).catalogue
    changed = pipeline.changed_entries(before, after)
    assert changed == {"kort-kursus", "hostile-idea", "test-forloeb"}
    site_plan = pipeline.plan(after, host.settings, only=changed)
    shells = {shell.kind: host.shell_page(shell) for shell in pipeline.plan(after, host.settings).shells}
    assert pipeline.write_entry_pages(site_plan, host.settings, shells) == 3

    fresh = tmp_path / "fresh"
    pipeline.build_site(_host(catalogue, fresh))
    for page in site_plan.entry_pages:
        assert (site / page.path).read_bytes() == (fresh / page.path).read_bytes(), page.path
    assert "Omdøbt " in (site / page_path("ideas", "hostile-idea", True)).read_text(encoding="utf-8")
    stat_after = untouched.stat()
    assert (stat_after.st_ino, stat_after.st_mtime_ns) == (stat_before.st_ino, stat_before.st_mtime_ns)


def test_entries_added_or_removed_or_another_taxonomy_take_the_whole_build(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    before = load_catalogue(catalogue).catalogue
    assert pipeline.changed_entries(before, before) == set()
    (catalogue / "recommendations" / "test-anbefaling.yaml").unlink()
    assert pipeline.changed_entries(before, load_catalogue(catalogue).catalogue) is None


def test_only_changed_entry_files_allow_the_quick_update(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    first = catalogue_snapshot(catalogue)
    assert changed_entry_files(first, catalogue_snapshot(catalogue)) is None  # nothing changed: no quick update
    entry = catalogue / "ideas" / "gammel-ide.yaml"
    entry.write_text(entry.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = catalogue_snapshot(catalogue)
    assert changed_entry_files(first, second) == [str(entry)]
    (catalogue / "ideas" / "ny-ide.yaml").write_text("title: Ny\n", encoding="utf-8")
    assert changed_entry_files(second, catalogue_snapshot(catalogue)) is None  # a new entry: lists change too


def test_a_load_with_serves_memo_reads_only_changed_files_and_gives_the_same_catalogue(tmp_path):
    from almenviden.content.loading import FileMemo

    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    memo = FileMemo()
    first = load_catalogue(catalogue, memo=memo).catalogue
    entry = catalogue / "ideas" / "gammel-ide.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("title: ", "title: Nyt ", 1), encoding="utf-8")
    again = load_catalogue(catalogue, memo=memo)
    assert again.catalogue.entries == load_catalogue(catalogue).catalogue.entries
    assert again.catalogue.entries["gammel-ide"].title.startswith("Nyt ")
    assert again.catalogue.entries["hostile-idea"] is first.entries["hostile-idea"]  # not read again
    entry.write_text("title: [\n", encoding="utf-8")  # broken: the memo does not hide it
    assert not load_catalogue(catalogue, memo=memo).ok


def test_files_given_by_the_memo_keep_their_rows_in_the_validation_cache(tmp_path):
    from almenviden.content.loading import FileMemo
    from almenviden.sitebuild.cache import VALIDATED, Cache

    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    memo = FileMemo()
    for _ in range(2):  # the second load takes every file from the memo, and saves the cache again
        validated = Cache(tmp_path / "cache", VALIDATED)
        assert load_catalogue(catalogue, validated, memo=memo).ok
        validated.save()
    later = Cache(tmp_path / "cache", VALIDATED)  # e.g. the next `almenviden build`
    result = load_catalogue(catalogue, later)
    assert later.hits == len(result.catalogue.entries) > 0
