"""`almenviden stale`: the entries whose review date (review_by) has passed, grouped by owner.

An entry is overdue on `day` when its review_by lies before `day`, the same rule as the notice on its
page (Entry.is_overdue).
"""

from __future__ import annotations

from datetime import date
from itertools import groupby

from almenviden.danish.dates import danish_date
from almenviden.content.model import Catalogue, Entry
from almenviden.danish.sorting import danish_sort_key
from almenviden.content.diagnostics import display_path


def stale_entries(catalogue: Catalogue, before: date) -> list[Entry]:
    """Entries with review_by before `before`, by owner, then oldest review date first."""
    return sorted((e for e in catalogue.entries.values() if e.is_overdue(before)),
                  key=lambda e: (danish_sort_key(e.owner), e.review_by, danish_sort_key(e.title)))


def format_stale(entries: list[Entry], before: date) -> str:
    when = danish_date(before)
    if not entries:
        return f"Ingen poster skal gennemgås: ingen gennemgangsdato (review_by) ligger før {when}."
    noun = "post skulle" if len(entries) == 1 else "poster skulle"
    lines = [f"{len(entries)} {noun} have været gennemgået før {when}:"]
    for owner, group in groupby(entries, key=lambda e: e.owner):
        group = list(group)
        lines += ["", f"Sideansvarlig: {owner} ({len(group)})"]
        for entry in group:
            lines.append(f"  • {entry.title}")
            lines.append(f"    gennemgås senest {danish_date(entry.review_by)} · {display_path(entry.path)}")
    lines += ["", "Læs posterne igennem, ret det, der er forældet, og sæt 'updated' til dagens dato og "
                  "'review_by' til næste gennemgang."]
    return "\n".join(lines)
