"""An entry as the data of its YAML file, for the contribution form's "Ret i formularen" (render/templates/entry.html).

The inverse of `Entry.from_data`: the same field names, dates as ÅÅÅÅ-MM-DD text, nested records as mappings.
Fields left out of the file (None, an empty list, `illustrative` false) are left out here too.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from almenviden.content.model import Entry
from almenviden.content.records import Record

_COMMON = ("title", "summary", "body", "goals", "audience", "tags", "related", "owner", "created", "updated",
           "review_by", "sources")


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value):
        return _record(value)
    return value


def _left_out(value: Any) -> bool:
    return value is None or value is False or value == ()


def _record(record: Any) -> dict[str, Any]:
    return {f.name: _plain(getattr(record, f.name)) for f in dataclasses.fields(record)
            if not _left_out(getattr(record, f.name))}


def entry_data(entry: Entry) -> dict[str, Any]:
    """The entry's fields as its file holds them (common fields first, then the kind's own)."""
    data = {name: _plain(getattr(entry, name)) for name in _COMMON if not _left_out(getattr(entry, name))}
    details: Record = entry.details
    data.update(_record(details))
    return data
