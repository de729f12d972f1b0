"""Review dates: `almenviden stale` lists overdue entries; entry pages show the dates and an overdue notice."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import FIXTURES, make_catalogue, run_cli
from almenviden.render.entry_page import render_entry
from almenviden.sitebuild.stale import format_stale, stale_entries
from almenviden.content.loading import load_catalogue

# In tests/fixtures/small only gammel-ide has a review date in the past (2022-01-01); the rest say 2099.
OLD_TITLE = "Gammel idé der skal gennemgås"


def stale(catalogue, *args):
    return run_cli("stale", "--catalogue", "catalogue", *args, cwd=catalogue.parent)


def test_lists_overdue_entries_with_title_owner_and_file(small_catalogue):
    result = stale(small_catalogue)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("1 post skulle have været gennemgået før ")
    assert "Sideansvarlig: Driftsafdelingen (1)" in out
    assert f"  • {OLD_TITLE}\n    gennemgås senest 1. januar 2022 · catalogue/ideas/gammel-ide.yaml" in out
    assert "Idé med" not in out and "Kort kursus" not in out  # review dates in 2099


@pytest.mark.parametrize("before, listed", [("2021-12-31", False), ("2022-01-01", False), ("2022-01-02", True)])
def test_before_date_is_exclusive(small_catalogue, before, listed):
    result = stale(small_catalogue, "--before", before)
    assert result.returncode == 0
    assert (OLD_TITLE in result.stdout) is listed
    if not listed:
        assert result.stdout.startswith("Ingen poster skal gennemgås")


def test_everything_before_a_far_date_grouped_by_owner(small_catalogue):
    result = stale(small_catalogue, "--before", "2100-01-01")
    assert result.returncode == 0  # overdue entries inform; they do not fail the command
    assert result.stdout.startswith("5 poster skulle have været gennemgået før 1. januar 2100:")
    owners = [line for line in result.stdout.splitlines() if line.startswith("Sideansvarlig: ")]
    assert owners == sorted(owners, key=str.casefold) and len(owners) == len(set(owners))
    assert sum(int(line.rsplit("(", 1)[1].rstrip(")")) for line in owners) == 5


def test_invalid_date_is_a_usage_error(small_catalogue):
    result = stale(small_catalogue, "--before", "2024-13-45")
    assert result.returncode == 2
    assert "'2024-13-45' er ikke en dato. Skriv ÅÅÅÅ-MM-DD" in result.stderr


def test_missing_catalogue(tmp_path):
    result = run_cli("stale", "--catalogue", "findes-ikke", cwd=tmp_path)
    assert result.returncode == 1 and "findes ikke" in result.stderr and "Traceback" not in result.stderr


def test_broken_files_are_mentioned_not_fatal(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    (catalogue / "ideas" / "i-stykker.yaml").write_text("title: [\n", encoding="utf-8")
    result = stale(catalogue, "--before", "2100-01-01")
    assert result.returncode == 0
    assert OLD_TITLE in result.stdout
    assert "1 fil med fejl er ikke med" in result.stderr


def test_stale_entries_order(small_catalogue):
    catalogue = load_catalogue(small_catalogue).catalogue
    entries = stale_entries(catalogue, date(2100, 1, 1))
    keys = [(e.owner.casefold(), e.review_by) for e in entries]
    assert keys == sorted(keys)
    assert stale_entries(catalogue, date(2022, 1, 1)) == []
    assert format_stale([], date(2022, 1, 1)).startswith("Ingen poster skal gennemgås")


@pytest.fixture(scope="module")
def old_entry(tmp_path_factory):
    root = make_catalogue(tmp_path_factory.mktemp("review") / "catalogue", FIXTURES / "small")
    catalogue = load_catalogue(root).catalogue
    return catalogue.entries["gammel-ide"], catalogue


def test_page_shows_the_dates(old_entry):
    entry, catalogue = old_entry
    html = render_entry(entry, catalogue, today=date(2021, 6, 1))
    assert "Sidst opdateret" in html and "5. marts 2021" in html
    assert "Gennemgås senest" in html and "1. januar 2022" in html
    assert html.index("Sidst opdateret") < html.index("5. marts 2021") < html.index("Gennemgås senest")


@pytest.mark.parametrize("today, overdue", [(date(2021, 12, 31), False), (date(2022, 1, 1), False),
                                            (date(2022, 1, 2), True), (date(2030, 1, 1), True)])
def test_page_shows_a_notice_once_overdue(old_entry, today, overdue):
    entry, catalogue = old_entry
    html = render_entry(entry, catalogue, today=today)
    assert ("av-overdue" in html) is overdue
    assert ("Skal gennemgås" in html) is overdue
    if overdue:
        assert "skulle have været gennemgået senest 1. januar 2022" in html


def test_notice_and_stale_agree(old_entry):
    entry, catalogue = old_entry
    for day in (date(2022, 1, 1), date(2022, 1, 2)):
        on_page = "av-overdue" in render_entry(entry, catalogue, today=day)
        assert on_page is (entry in stale_entries(catalogue, day))
