"""What the search UI should show, computed straight from the YAML (independently of almenviden.render.facets).

Facet semantics: values chosen in one facet are alternatives, different facets must all hold, and an idea
for "hele året" is also an idea for every season.
"""

from __future__ import annotations

import re

from almenviden.content.kinds import KINDS

FIELDS = {"maal": "goals", "maalgruppe": "audience", "boligtype": "housing_types", "udgift": "cost",
          "indsats": "time", "aarstid": "season", "baeredygtighed": "sustainability", "niveau": "level",
          "form": "format", "omraade": "area", "rolle": "role", "emne": "tags"}
SEASONS = {"foraar", "sommer", "efteraar", "vinter"}


def values(entry, facet: str) -> set[str]:
    if facet == "type":
        return {KINDS[entry.kind].url_dir}
    name = FIELDS[facet]
    raw = getattr(entry, name) if hasattr(entry, name) else entry.details.get(name)
    found = set(raw if isinstance(raw, (list, tuple)) else [] if raw is None else [raw])
    if facet == "aarstid" and "hele-aaret" in found:
        found |= SEASONS
    return found


def matching(entries, **chosen) -> list:
    """Entries with, for every facet given, at least one of its chosen values."""
    return [e for e in entries if all(values(e, f) & set(v if isinstance(v, (list, tuple, set)) else [v])
                                      for f, v in chosen.items())]


def counts(entries, facet: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for entry in entries:
        for value in values(entry, facet):
            out[value] = out.get(value, 0) + 1
    return out


def path_of(entry) -> str:
    return f"/{KINDS[entry.kind].url_dir}/{entry.id}/"


def number(text: str) -> int:
    """The first number in Danish-formatted text ("1.234 idéer" -> 1234)."""
    return int(re.search(r"\d[\d.]*", text).group(0).replace(".", ""))
