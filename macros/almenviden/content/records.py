"""Typed records built from validated YAML data: the base of every kind's fields (and their nested items).

A record is a frozen dataclass. `Record.from_data` builds one from the data that passed the kind's JSON
Schema: nested objects become their record types, lists become tuples, missing optional fields take
their defaults. Templates read `d.field`; `record["field"]` and `record.get("field")` stay available
for code that looks a field up by name (facets are declared by field name).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any, Mapping, TypeVar

R = TypeVar("R", bound="Record")


@dataclasses.dataclass(frozen=True)
class Record:
    """Base class of typed records; subclasses are frozen dataclasses."""

    @classmethod
    def from_data(cls: type[R], data: Mapping[str, Any]) -> R:
        hints = _hints(cls)
        unknown = set(data) - hints.keys()
        if unknown:  # the schema allows a field the record does not have: they are out of step
            raise TypeError(f"{cls.__name__} has no field(s) {sorted(unknown)}")
        return cls(**{name: _convert(hints[name], value) for name, value in data.items()})

    def __getitem__(self, name: str) -> Any:
        if name not in _hints(type(self)):
            raise KeyError(name)
        return getattr(self, name)

    def get(self, name: str, default: Any = None) -> Any:
        """The field's value, or `default` if the record has no such field or it was left out."""
        value = getattr(self, name) if name in _hints(type(self)) else None
        return default if value is None else value


@functools.lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    """The record's fields and their types (annotations resolved)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return {name: hint for name, hint in typing.get_type_hints(cls).items() if name in names}


def _convert(hint: Any, value: Any) -> Any:
    """`value` (validated JSON-like data) as the type `hint` says: records, tuples, or as it is."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_convert(item, v) for v in value)
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(hint):
            if isinstance(value, Mapping) and isinstance(option, type) and issubclass(option, Record):
                return option.from_data(value)
        return value
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_data(value)
    return value


@dataclasses.dataclass(frozen=True)
class Source(Record):
    """A public page: title and web address."""
    title: str
    url: str
