"""The validated catalogue: plain Python objects, no MkDocs anywhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Mapping

from almenviden.content.common_fields import COMMON_FIELDS, COMMON_NAMES
from almenviden.content.kinds import KINDS, Reference
from almenviden.content.records import Record, Source, record_class
from almenviden.content.taxonomy import Taxonomy
from almenviden.danish.sorting import danish_sort_key

__all__ = ["Catalogue", "Entry", "Source"]


@dataclass(frozen=True)
class _EntryBase:
    """What an `Entry` does; its fields are `id`, `kind`, `path`, the common fields (content/common_fields.py, in
    their order: title, summary, body, goals, audience, tags, related, owner, created, updated, review_by,
    sources) and `details`, the kind's own fields as its typed record (`KINDS[kind].fields`, e.g. IdeaFields)."""

    id: str
    kind: str
    path: Path

    def is_overdue(self, today: date) -> bool:
        return self.review_by < today

    def references(self) -> Iterator[Reference]:
        """Every place the entry names another entry: its related entries, then its kind's own (a guide's steps)."""
        for i, ref in enumerate(self.related):
            yield Reference(("related", i), ref)
        yield from KINDS[self.kind].references(self.details)

    @classmethod
    def from_data(cls, entry_id: str, kind: str, path: Path, data: Mapping[str, Any]) -> "Entry":
        """The entry from data that passed its kind's JSON Schema."""
        common = {field.name: field.value(data.get(field.name)) for field in COMMON_FIELDS}
        details = KINDS[kind].fields.from_data({k: v for k, v in data.items() if k not in COMMON_NAMES})
        return cls(entry_id, kind, path, **common, details=details)


Entry = record_class("Entry", COMMON_FIELDS, globals(), base=_EntryBase,
                     extra=[("details", Record)])  # type: ignore[misc]


@dataclass(frozen=True)
class Catalogue:
    root: Path
    taxonomy: Taxonomy
    entries: Mapping[str, Entry]  # id -> entry

    def of_kind(self, kind: str) -> list[Entry]:
        return sorted((e for e in self.entries.values() if e.kind == kind),
                      key=lambda e: danish_sort_key(e.title))
