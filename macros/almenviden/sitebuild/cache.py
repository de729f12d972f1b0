"""One cache class for build and serve: values kept in a pickle file by a key. No MkDocs here.

Two files use it, both under the cache folder (`cache_dir`; ALMENVIDEN_CACHE_DIR overrides it and ""
turns caching off):

- `entries.pickle` (ENTRIES): an entry's rendered page content, search copy and list data file by entry id, keyed by
  `entry_key`: the entry itself (every field), the title and kind of each entry it links to, the
  taxonomy labels, the URL style and whether it is overdue today. An edit to one entry therefore
  re-renders that entry (and entries that link to it, if its title changed); the rest comes from here.
- `validated.pickle` (VALIDATED): the data of a catalogue file that validated cleanly, by file path,
  keyed by its kind's schema and its bytes (content/loading.py). A file with a problem is never stored.

Every file is tied to `code_fingerprint()`: the whole package's modules and templates and the versions
of the libraries that shape the values. A file written by other code counts as empty, as does a damaged
one. A file holds only what the last build used, so it stays the size of one catalogue; it is written
atomically (os.replace), and a failure to write only means no cache next time.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Hashable

from almenviden.content.model import Catalogue, Entry

_CACHE_FORMAT = 4  # 3: one class, {"fingerprint": …, "values": {name: (key, value)}} per file; 4: + list data
ENTRIES = "entries.pickle"
VALIDATED = "validated.pickle"
CACHE_DIR_ENV = "ALMENVIDEN_CACHE_DIR"  # overrides the configured folder; "" turns caching off
# Libraries whose output ends up in a cached value: page HTML, search copy, validated data.
LIBRARIES = ("markdown", "nh3", "jinja2", "markupsafe", "pyyaml", "jsonschema", "fastjsonschema")


def cache_dir(project_dir: Path, configured: str | None) -> Path | None:
    """The cache folder: ALMENVIDEN_CACHE_DIR if set, else `configured`, relative to `project_dir`;
    None (no caching) if that is empty."""
    chosen = os.environ.get(CACHE_DIR_ENV, configured or "")
    return Path(project_dir) / chosen if chosen else None


def package_files() -> list[Path]:
    """Every Python module and template of the package: what a cached result may depend on. The whole
    package rather than a hand-kept list, which had missed modules that shape pages (taxonomy.py)."""
    here = Path(__file__).resolve().parent.parent  # the almenviden package
    return sorted(p for p in here.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and (p.suffix == ".py" or "templates" in p.relative_to(here).parts))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's modules and templates and the versions of the libraries that shape a cached value."""
    h = hashlib.sha256(str(_CACHE_FORMAT).encode())
    hash_files(h, package_files())
    for dist in LIBRARIES:
        try:
            h.update(f"\0{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"\0{dist}=-".encode())
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


def key_of(*parts: Any) -> str:
    """A key from several parts: bytes and str as they are, anything else as sorted JSON."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, str):
            part = part.encode()
        elif not isinstance(part, bytes):
            part = json.dumps(part, sort_keys=True, ensure_ascii=False, default=str).encode()
        h.update(len(part).to_bytes(8, "big") + part)
    return h.hexdigest()


_MISSING = object()


class Cache:
    """{name: (key, value)} in <cache_dir>/<filename>, for one code fingerprint; no file if `cache_dir` is None.

    `get(name, key)` gives the stored value if it was stored with `key` (else None), `put` stores one,
    `save` writes what this run used. Names not asked for in this run are dropped on save.
    """

    def __init__(self, cache_dir: Path | None, filename: str) -> None:
        self.path = Path(cache_dir) / filename if cache_dir else None
        self.fingerprint = code_fingerprint()
        stored = load_pickle(self.path)
        values = stored.get("values") if stored.get("fingerprint") == self.fingerprint else None
        self._old: dict[Hashable, tuple[Any, Any]] = values if isinstance(values, dict) else {}
        self._new: dict[Hashable, tuple[Any, Any]] = {}
        self._changed = False
        self.hits = self.misses = 0

    def is_fresh(self, name: Hashable, key: Any) -> bool:
        """Whether the cache holds `name` stored with `key`."""
        old = self._old.get(name)
        return isinstance(old, tuple) and len(old) == 2 and old[0] == key

    def get(self, name: Hashable, key: Any, default: Any = None) -> Any:
        """The value stored for `name` with `key` (kept for the next run), or `default`."""
        if not self.is_fresh(name, key):
            self.misses += 1
            return default
        self.hits += 1
        self._new[name] = self._old[name]
        return self._old[name][1]

    def put(self, name: Hashable, key: Any, value: Any) -> None:
        self._new[name] = (key, value)
        self._changed = True

    def get_or_render(self, name: Hashable, key: Any, render: Callable[[], Any]) -> Any:
        """The stored value, or what `render()` returns (then stored)."""
        value = self.get(name, key, _MISSING)
        if value is _MISSING:
            value = render()
            self.put(name, key, value)
        return value

    def save(self) -> None:
        """Write the values of this run, if they differ from the file's (atomically)."""
        if self.path is None or (not self._changed and self._new.keys() == self._old.keys()):
            return
        save_pickle(self.path, {"fingerprint": self.fingerprint, "values": self._new})


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
