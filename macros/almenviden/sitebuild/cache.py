"""One cache class for build and serve: values kept in an SQLite file by a name and a key. No MkDocs here.

Two files use it, both under the cache folder (`cache_dir`; ALMENVIDEN_CACHE_DIR overrides it and ""
turns caching off):

- `entries.sqlite` (ENTRIES): an entry's rendered page content, search copy and list data file by entry id, keyed by
  `entry_key`: the entry itself (every field), the title and kind of each entry it links to, the
  taxonomy labels, the URL style and whether it is overdue today. An edit to one entry therefore
  re-renders that entry (and entries that link to it, if its title changed); the rest comes from here.
- `validated.sqlite` (VALIDATED): the data of a catalogue file that validated cleanly, by file path,
  keyed by its kind's schema and its bytes (content/loading.py). A file with a problem is never stored.

One row per name (stdlib sqlite3): opening the file reads only the names and keys; a value is read when it is
asked for, and a build writes only the rows it changed (an edit to one entry writes one row, not the whole
cache). Every file is tied to `code_fingerprint()`: the whole package's modules and templates and the versions
of the libraries that shape the values. A file written by other code counts as empty, as does a damaged
one (it is replaced on save). A file holds only what the last build used (rows not asked for are deleted on
save), so it stays the size of one catalogue. All of a build's writes are one transaction, committed by
`save`: a build killed before that leaves the file as the last build saved it (SQLite's journal rolls the
rest back), never a mix; a failure to read or write only means no cache next time.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Hashable

from almenviden.content.model import Catalogue, Entry

_CACHE_FORMAT = 5  # 4: one pickle file {"fingerprint", "values"}; 5: SQLite, one row per name
ENTRIES = "entries.sqlite"
WRITTEN = "written.sqlite"  # what the writer last wrote for each entry page (sitebuild/writer.py)
VALIDATED = "validated.sqlite"
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
_NAME_PROTOCOL = 4  # a name's bytes in the file (str, tuple or Path): the same for the same name, run after run
_SCHEMA = ("CREATE TABLE IF NOT EXISTS meta (fingerprint TEXT NOT NULL)",
           "CREATE TABLE IF NOT EXISTS item (name BLOB PRIMARY KEY, key TEXT NOT NULL, value BLOB NOT NULL)")


class Cache:
    """{name: (key, value)} in <cache_dir>/<filename>, for one code fingerprint; no file if `cache_dir` is None.

    `get(name, key)` gives the stored value if it was stored with `key` (else None), `put` stores one,
    `save` commits what this run wrote and deletes the rows it did not use. Without `save` (a failed build,
    a catalogue with errors) the file stays as it was.
    """

    def __init__(self, cache_dir: Path | None, filename: str) -> None:
        self.path = Path(cache_dir) / filename if cache_dir else None
        self.fingerprint = code_fingerprint()
        self._db: sqlite3.Connection | None = None
        self._keys: dict[bytes, str] = {}  # the file's rows (name: key), if it is this code's and readable
        self._usable = False  # the file is this code's and readable: rows may be read and kept
        self._used: set[bytes] = set()  # names asked for or stored in this run
        self._writing = False
        self.hits = self.misses = self.rows_written = 0
        if self.path is not None and self.path.is_file():
            self._open_existing()

    def _open_existing(self) -> None:
        try:
            self._db = _connect(self.path)
            row = self._db.execute("SELECT fingerprint FROM meta").fetchone()
            if row is not None and row[0] == self.fingerprint:
                self._keys = dict(self._db.execute("SELECT name, key FROM item"))
                self._usable = True
        except sqlite3.Error:  # damaged, or not a cache file: empty (replaced on save)
            self._close()
            self._keys = {}

    def is_fresh(self, name: Hashable, key: Any) -> bool:
        """Whether the cache holds `name` stored with `key`."""
        return self._keys.get(_name(name)) == key

    def get(self, name: Hashable, key: Any, default: Any = None) -> Any:
        """The value stored for `name` with `key` (kept for the next run), or `default`."""
        encoded = _name(name)
        value = self._read(encoded) if self._keys.get(encoded) == key else _MISSING
        if value is _MISSING:
            self.misses += 1
            return default
        self.hits += 1
        self._used.add(encoded)
        return value

    def keep(self, name: Hashable, key: Any) -> None:
        """Keep `name`'s row (if stored with `key`) without reading it: used in this run."""
        encoded = _name(name)
        if self._keys.get(encoded) == key:
            self._used.add(encoded)

    def _read(self, encoded: bytes) -> Any:
        try:
            row = self._db.execute("SELECT value FROM item WHERE name = ?", (encoded,)).fetchone()
            return pickle.loads(row[0]) if row is not None else _MISSING
        except Exception:  # noqa: BLE001 - a damaged row is a missing one
            return _MISSING

    def put(self, name: Hashable, key: Any, value: Any) -> None:
        encoded = _name(name)
        self._used.add(encoded)
        if self.path is None or not self._begin():
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO item (name, key, value) VALUES (?, ?, ?)",
                             (encoded, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))
        except (sqlite3.Error, pickle.PicklingError):
            self._give_up()
            return
        self._keys[encoded] = key
        self.rows_written += 1

    def get_or_render(self, name: Hashable, key: Any, render: Callable[[], Any]) -> Any:
        """The stored value, or what `render()` returns (then stored)."""
        value = self.get(name, key, _MISSING)
        if value is _MISSING:
            value = render()
            self.put(name, key, value)
        return value

    def save(self) -> None:
        """Commit this run's rows and delete the rows it did not use (one transaction)."""
        if self.path is None:
            return
        unused = [name for name in self._keys if name not in self._used]
        if not self._writing and not unused and self._usable:
            self._close()
            return
        if not self._begin():
            return
        try:
            self._db.executemany("DELETE FROM item WHERE name = ?", [(name,) for name in unused])
            self._db.execute("COMMIT")
        except sqlite3.Error:
            self._give_up()
            return
        for name in unused:
            del self._keys[name]
        self._writing = False
        self._close()

    def close(self) -> None:
        """Forget this run's writes (a failed build); the file stays as the last `save` left it."""
        self._close()

    def _begin(self) -> bool:
        """Start this run's write transaction (once): on a file of other code, or a damaged one, from empty."""
        if self._writing:
            return True
        try:
            if not self._usable:
                self._replace_file()
            self._db.execute("BEGIN IMMEDIATE")
            self._writing = True
            return True
        except (sqlite3.Error, OSError):
            self._give_up()
            return False

    def _replace_file(self) -> None:
        """A new, empty file of this code in place of whatever is there."""
        self._close()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # The file, its journal, and the pickle file of the cache's earlier format (format 4) if any.
        for stale in (self.path, self.path.with_name(self.path.name + "-journal"), self.path.with_suffix(".pickle")):
            stale.unlink(missing_ok=True)
        self._db = _connect(self.path)
        for statement in _SCHEMA:
            self._db.execute(statement)
        self._db.execute("INSERT INTO meta (fingerprint) VALUES (?)", (self.fingerprint,))
        self._keys = {}
        self._usable = True

    def _give_up(self) -> None:
        """Writing failed (a full disk, a locked file): nothing of this run is committed; slower next time,
        never wrong."""
        self._close()
        self._writing = False
        self.path = None

    def _close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            try:
                db.close()  # an open transaction is rolled back
            except sqlite3.Error:
                pass


def _name(name: Hashable) -> bytes:
    return pickle.dumps(name, protocol=_NAME_PROTOCOL)


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions only where this module begins them. A second build using the same
    # cache folder meanwhile waits up to `timeout` seconds for a lock, then goes without the cache.
    return sqlite3.connect(path, timeout=5, isolation_level=None, check_same_thread=False)
