"""The validated catalogue: plain Python objects, no MkDocs anywhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from almenviden.content.kinds import KINDS, Kind
from almenviden.content.taxonomy import Taxonomy

_DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "é": "e", "ü": "y"})


def danish_sort_key(text: str) -> str:
    """Sort as a Danish reader expects: ... x, y, z, æ, ø, å."""
    return text.casefold().translate(_DANISH_ORDER)


@dataclass(frozen=True)
class Source:
    title: str
    url: str


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
    details: Mapping[str, Any] = field(default_factory=dict)  # the kind's own fields, as validated

    @property
    def kind_info(self) -> Kind:
        return KINDS[self.kind]

    def is_overdue(self, today: date) -> bool:
        return self.review_by < today

    @classmethod
    def from_data(cls, entry_id: str, kind: str, path: Path, data: Mapping[str, Any]) -> "Entry":
        common = {"title", "summary", "body", "goals", "audience", "tags", "related", "owner",
                  "created", "updated", "review_by", "sources"}
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
            details={k: v for k, v in data.items() if k not in common},
        )


@dataclass(frozen=True)
class Catalogue:
    root: Path
    taxonomy: Taxonomy
    entries: Mapping[str, Entry]  # id -> entry

    def of_kind(self, kind: str) -> list[Entry]:
        return sorted((e for e in self.entries.values() if e.kind == kind),
                      key=lambda e: danish_sort_key(e.title))

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)
