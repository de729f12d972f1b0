"""Small pieces: Danish dates, sorting and links between pages."""

from datetime import date

import pytest

from almenviden.dates import danish_date
from almenviden.model import danish_sort_key
from almenviden.urls import entry_url, relative_url


@pytest.mark.parametrize("value, text", [(date(2022, 8, 4), "4. august 2022"), (date(2026, 1, 31), "31. januar 2026"),
                                         (date(2025, 12, 1), "1. december 2025")])
def test_danish_date(value, text):
    assert danish_date(value) == text


def test_danish_alphabetical_order():
    words = ["Åbent hus", "Æbletræer", "Zumba", "Ølsmagning", "affald"]
    assert sorted(words, key=danish_sort_key) == ["affald", "Zumba", "Æbletræer", "Ølsmagning", "Åbent hus"]


@pytest.mark.parametrize("directory_urls, expected", [(True, "../../kurser/x/"), (False, "../kurser/x.html")])
def test_links_between_entries(directory_urls, expected):
    here = entry_url("ideas", "a", directory_urls)
    there = entry_url("courses", "x", directory_urls)
    assert relative_url(here, there) == expected


def test_links_from_the_home_page_and_listings():
    assert relative_url("", "ideer/a/") == "ideer/a/"
    assert relative_url("ideer/", "ideer/a/") == "a/"
    assert relative_url("ideer/index.html", "ideer/a.html") == "a.html"
