"""The validated catalogue: plain Python objects, no MkDocs anywhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Mapping

from almenviden.content.kinds import KINDS, Reference
from almenviden.content.records import Record, Source
from almenviden.content.taxonomy import Taxonomy
from almenviden.danish.sorting import danish_sort_key

__all__ = ["Catalogue", "Entry", "Source"]

COMMON_FIELDS = frozenset({"title", "summary", "body", "goals", "audience", "tags", "related", "owner",
                           "created", "updated", "review_by", "sources"})


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    path: Path
    title: str
    summary: str
    body: str
    goals: tuple[str, ...]
    audience: tuple[str, ...]
    tags: tuple[str, ...]
    related: tuple[str, ...]
    owner: str
    created: date
    updated: date
    review_by: date
    sources: tuple[Source, ...]
    details: Record  # the kind's own fields, typed: KINDS[kind].fields (e.g. IdeaFields)

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
        return cls(
            id=entry_id,
            kind=kind,
            path=path,
            title=data["title"].strip(),
            summary=" ".join(data["summary"].split()),
            body=data["body"],
            goals=tuple(data["goals"]),
            audience=tuple(data["audience"]),
            tags=tuple(data.get("tags") or ()),
            related=tuple(data.get("related") or ()),
            owner=data["owner"].strip(),
            created=date.fromisoformat(data["created"]),
            updated=date.fromisoformat(data["updated"]),
            review_by=date.fromisoformat(data["review_by"]),
            sources=tuple(Source(s["title"], s["url"]) for s in data.get("sources") or ()),
            details=KINDS[kind].fields.from_data({k: v for k, v in data.items() if k not in COMMON_FIELDS}),
        )


@dataclass(frozen=True)
class Catalogue:
    root: Path
    taxonomy: Taxonomy
    entries: Mapping[str, Entry]  # id -> entry

    def of_kind(self, kind: str) -> list[Entry]:
        return sorted((e for e in self.entries.values() if e.kind == kind),
                      key=lambda e: danish_sort_key(e.title))
