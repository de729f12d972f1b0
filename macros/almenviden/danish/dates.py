"""Dates as Danish readers write them: "4. august 2022"."""

from __future__ import annotations

from datetime import date

# Written by hand: Babel would do this, but twelve month names do not justify a dependency.
_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
           "oktober", "november", "december")


def danish_date(value: date) -> str:
    return f"{value.day}. {_MONTHS[value.month - 1]} {value.year}"
