"""Rendered entry HTML (and its search copy) cached by a hash of everything it is made from. No MkDocs here.

The key covers the entry itself (every field), the title and kind of each entry it links to, the
taxonomy labels, the URL style, whether it is overdue today, and the source of the code and templates
that render it. An edit to one entry therefore re-renders that entry (and entries that link to it, if
its title changed); everything else comes from the cache. The cache is one pickle per catalogue, kept
small by holding only the entries of the last build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

from almenviden.content.model import Catalogue, Entry

_CACHE_FORMAT = 2  # 2: (page content, search article) per entry


def package_files() -> list[Path]:
    """Every Python module and template of the package: what a cached result may depend on. The whole
    package rather than a hand-kept list, which had missed modules that shape pages (taxonomy.py)."""
    here = Path(__file__).resolve().parent.parent  # the almenviden package
    return sorted(p for p in here.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and (p.suffix == ".py" or "templates" in p.relative_to(here).parts))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the modules, templates and library versions that shape an entry's HTML."""
    h = hashlib.sha256(str(_CACHE_FORMAT).encode())
    hash_files(h, package_files())
    for dist in ("markdown", "nh3", "jinja2"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return h.hexdigest()


def hash_files(h, paths: list[Path]) -> None:
    """Feed each file's path in the package and bytes (or that it is missing) into the hash `h`."""
    here = Path(__file__).resolve().parent.parent  # the almenviden package
    for path in paths:
        name = (path.relative_to(here) if path.is_relative_to(here) else path).as_posix().encode()
        try:
            h.update(name + b"\0" + path.read_bytes())
        except OSError:
            h.update(name + b"\0-")


def entry_key(entry: Entry, catalogue: Catalogue, context: str, today: date) -> str:
    h = hashlib.sha256(context.encode())
    h.update(repr(entry).encode())
    h.update(b"overdue" if entry.is_overdue(today) else b"current")
    for target_id in (ref.target for ref in entry.references()):
        target = catalogue.entries.get(target_id)
        text = f"\0{target_id}\0{target.kind}\0{target.title}" if target else f"\0{target_id}\0-"
        h.update(text.encode())
    return h.hexdigest()


class EntryCache:
    """{entry id: (key, value)} in <cache_dir>/entries.pickle; the value is what `render` returned."""

    def __init__(self, cache_dir: Path | None):
        self.path = Path(cache_dir) / "entries.pickle" if cache_dir else None
        self._old: dict[str, tuple[str, Any]] = {}
        self._new: dict[str, tuple[str, Any]] = {}
        self.hits = self.misses = 0
        self._old = load_pickle(self.path)

    def is_fresh(self, entry_id: str, key: str) -> bool:
        """Whether the cache holds `entry_id` rendered with `key`."""
        old = self._old.get(entry_id)
        return old is not None and old[0] == key

    def get_or_render(self, entry_id: str, key: str, render: Callable[[], Any]) -> Any:
        if self.is_fresh(entry_id, key):
            self.hits += 1
            value = self._old[entry_id][1]
        else:
            self.misses += 1
            value = render()
        self._new[entry_id] = (key, value)
        return value

    def save(self) -> None:
        if self.path is None or (not self.misses and self._new.keys() == self._old.keys()):
            return
        save_pickle(self.path, self._new)


def load_pickle(path: Path | None) -> dict:
    """A cache file's dict; {} if there is none or it is damaged."""
    if path is None or not path.is_file():
        return {}
    try:
        with path.open("rb") as f:
            value = pickle.load(f)
    except Exception:  # noqa: BLE001 - a damaged cache is just an empty one
        return {}
    return value if isinstance(value, dict) else {}


def save_pickle(path: Path, value: dict) -> None:
    """Write a cache file atomically; a failure only means no cache next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # no cache is slower, never wrong
