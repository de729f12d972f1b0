"""Values of catalogue files that validated cleanly, keyed by their bytes. For build and serve only.

`almenviden check` always reads and validates every file; a build (and every rebuild in `serve`) may
skip files whose bytes, schema and validating code are what they were when the file last passed.
A file with any problem is never stored, so its diagnostics always come from a fresh validation.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from almenviden.build.cache import hash_files, load_pickle, package_files, save_pickle


@lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    h = hashlib.sha256(b"validation-cache-1")
    hash_files(h, package_files())
    return h.digest()


class ValidationCache:
    """{file path: (key, value)} in <cache_dir>/validated.pickle, holding only the files of the last load."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.path = Path(cache_dir) / "validated.pickle" if cache_dir else None
        self._old: dict[str, tuple[bytes, Any]] = {}
        self._new: dict[str, tuple[bytes, Any]] = {}
        self._schema_keys: dict[str, bytes] = {}
        self.hits = 0
        self._stored = False
        self._old = load_pickle(self.path)

    def set_schema(self, kind: str, schema: dict) -> None:
        text = json.dumps(schema, sort_keys=True, ensure_ascii=False, default=str).encode()
        self._schema_keys[kind] = hashlib.sha256(_code_fingerprint() + kind.encode() + b"\0" + text).digest()

    def key(self, kind: str, data: bytes) -> bytes:
        return hashlib.sha256(self._schema_keys[kind] + data).digest()

    def get(self, path: Path, key: bytes) -> Any | None:
        old = self._old.get(str(path))
        if old is not None and old[0] == key:
            self.hits += 1
            self._new[str(path)] = old
            return old[1]
        return None

    def put(self, path: Path, key: bytes, value: Any) -> None:
        self._new[str(path)] = (key, value)
        self._stored = True

    def save(self) -> None:
        if self.path is None or (not self._stored and self._new.keys() == self._old.keys()):
            return
        save_pickle(self.path, self._new)
