"""The site's search index as one primary Pagefind bundle plus, for a large catalogue, one bundle per shard.

`SiteIndex` is what the build feeds (sitebuild/writer.py, pipeline.py). Without shards (search/shards.py:
up to SHARD_SIZE entries) it hands every page to one BackgroundIndex, and `pagefind/` is what it always was.
With shards:

- hand-written pages go to the primary BackgroundIndex (`pagefind/`, with Pagefind's script and wasm);
- an entry goes to its shard. A shard's identity is a hash of its members' ids and entry cache keys
  (sitebuild/cache.entry_key: the entry, the titles it refers to, the taxonomy, the URL style) and the
  build's `salt` (the code's fingerprint and the language). A shard whose identity has a bundle in the cache
  folder (`<cache>/search-shards/<shard>-<identity>/`, with its word counts) is not indexed again: its
  entries' index copies are not even written. Every other shard's copies are written as its entries come,
  and when the writer has finished the shard's kind (`kind_done`) the shard is indexed in a Pagefind session
  of its own, one at a time in one thread (so at most the primary and one shard's Pagefind run at once, and
  memory is bounded by the shard size), while the next kinds are written;
- `finish` writes the primary bundle, copies each shard's bundle without Pagefind's script and wasm (a merged
  index uses the primary's) to `pagefind/shards/<shard>/`, writes the manifest the browser reads
  (`pagefind/almenviden-shards.json`, browser/pagefind-loader.js) and the word list (the shards' cached counts
  merged: the same list as counting every page), and keeps only this build's shard bundles in the cache.

The manifest is written in both cases (`{"shards": []}` without shards), so the browser asks for the same
file always.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from almenviden.search.index import (BUNDLE_DIR, SCRATCH_PREFIX, BackgroundIndex, SearchIndexError,
                                     index_folder, patch_filter_only_search, patch_merged_search)
from almenviden.search.shards import ShardPlan
from almenviden.search.words import SearchWords

log = logging.getLogger("mkdocs.plugins.almenviden")

MANIFEST_FILE = "almenviden-shards.json"
SHARDS_DIR = "shards"  # inside pagefind/
CACHE_FOLDER = "search-shards"  # inside the build's cache folder
_COUNTS_FILE = "almenviden-shard.json"  # a cached shard's pages and word counts, beside its bundle
# What a merged index does not need: it runs on the primary's script and wasm.
_PRIMARY_ONLY = ("pagefind.js", "pagefind-worker.js")


@dataclass(frozen=True)
class ShardedStats:
    pages: int
    bundle: Path
    shards: int = 0  # shard bundles in the site
    shards_indexed: int = 0  # of those, indexed by this build (the rest came from the cache)


@dataclass
class _Shard:
    name: str
    kind: str
    identity: str
    cached: Path | None  # its bundle in the cache, if one fits
    copies: Path | None = None  # scratch folder of its index copies
    words: SearchWords | None = None
    pages: int = 0
    bundle: Path | None = None  # built or cached bundle
    job: Future | None = None


def shard_identity(members: Iterable[tuple[str, str]], salt: str) -> str:
    """A hash of a shard's (entry id, entry key) pairs and the build's salt."""
    h = hashlib.sha256(salt.encode("utf-8"))
    for entry_id, key in sorted(members):
        h.update(f"\0{entry_id}\0{key}".encode("utf-8"))
    return h.hexdigest()[:20]


class SiteIndex:
    """The search index of one build (see the module's docstring)."""

    def __init__(self, site_dir: Path, plan: ShardPlan, *, words: SearchWords, salt: str,
                 cache_dir: Path | None = None, deferred: bool = False) -> None:
        self.site_dir = Path(site_dir).resolve()
        self.plan = plan
        self.words = words
        self.salt = salt
        self.deferred = deferred
        self.cache = Path(cache_dir) / CACHE_FOLDER if cache_dir is not None and plan.sharded else None
        self.primary = BackgroundIndex(site_dir, deferred=deferred, words=words, write_words=not plan.sharded)
        self._shards: dict[str, _Shard] = {}
        self._shard_of: dict[str, str] = {}  # entry id -> shard name
        self._scratch: Path | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    # Planning: the writer says which entries come, with their cache keys, before it writes any.
    def expect(self, entries: Iterable[tuple[str, str, str]]) -> None:
        """The (kind, id, entry key) of every entry the build will write."""
        if not self.plan.sharded:
            return
        members: dict[str, list[tuple[str, str]]] = {}
        kinds: dict[str, str] = {}
        for kind, entry_id, key in entries:
            name = self.plan.shard_of(kind, entry_id)
            self._shard_of[entry_id] = name
            members.setdefault(name, []).append((entry_id, key))
            kinds[name] = kind
        for name, pairs in members.items():
            identity = shard_identity(pairs, self.salt)
            shard = self._shards[name] = _Shard(name, kinds[name], identity, None)
            counts = self._cached_counts(name, identity)
            if counts is not None:
                shard.cached = shard.bundle = self.cache / f"{name}-{identity}"
                shard.pages = counts["pages"]
                self.words.merge(counts)

    def _cached_counts(self, name: str, identity: str) -> dict | None:
        """The cached shard's pages and word counts, or None (no such shard, or its counts are damaged)."""
        if self.cache is None:
            return None
        try:
            counts = json.loads((self.cache / f"{name}-{identity}" / _COUNTS_FILE).read_text(encoding="utf-8"))
            return counts if {"pages", "words", "forms"} <= counts.keys() else None
        except (OSError, ValueError, AttributeError):
            return None

    def wants(self, entry_id: str) -> bool:
        """Whether the entry's index document is needed (not when its shard's bundle comes from the cache)."""
        name = self._shard_of.get(entry_id)
        return name is None or self._shards[name].cached is None

    def add_page(self, relative_path: str, document: str) -> None:
        """A hand-written page's index document: always the primary bundle."""
        self.primary.add(relative_path, document)

    def add_entry(self, entry_id: str, relative_path: str, document: str) -> None:
        """An entry page's index document (search/index.index_document)."""
        name = self._shard_of.get(entry_id)
        if name is None:
            self.primary.add(relative_path, document)
            return
        shard = self._shards[name]
        if shard.cached is not None:
            return
        if shard.copies is None:
            shard.copies = self._scratch_dir() / name
            shard.words = SearchWords()
        shard.words.add(document)
        target = shard.copies / relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document, encoding="utf-8")

    def _scratch_dir(self) -> Path:
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=self.site_dir))
        return self._scratch

    def kind_done(self, kind: str) -> None:
        """Every entry of `kind` has been added: index its new shards in the background (not in a preview)."""
        self.primary.index_added()
        if not self.deferred:
            self._submit(s for s in self._shards.values() if s.kind == kind)

    def _submit(self, shards: Iterable[_Shard]) -> None:
        for shard in shards:
            if shard.cached is None and shard.job is None and shard.copies is not None:
                if self._pool is None:  # one thread: one shard's Pagefind at a time
                    self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="almenviden-shard")
                shard.job = self._pool.submit(self._index_shard, shard)

    def _index_shard(self, shard: _Shard) -> None:
        if self.cache is not None:
            self.cache.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix=f".{shard.name}-", dir=self.cache))
        else:
            work = Path(tempfile.mkdtemp(prefix=f"{shard.name}-", dir=self._scratch_dir()))
        shard.pages = index_folder(shard.copies, work / BUNDLE_DIR)
        counts = shard.words.counts() | {"pages": shard.pages}
        (work / BUNDLE_DIR / _COUNTS_FILE).write_text(json.dumps(counts, ensure_ascii=False), encoding="utf-8")
        shutil.rmtree(shard.copies, ignore_errors=True)
        if self.cache is not None:  # whole or not at all: the folder gets its name when it is complete
            final = self.cache / f"{shard.name}-{shard.identity}"
            shutil.rmtree(final, ignore_errors=True)
            os.replace(work / BUNDLE_DIR, final)
            shutil.rmtree(work, ignore_errors=True)
            shard.bundle = final
        else:
            shard.bundle = work / BUNDLE_DIR

    def finish(self) -> ShardedStats:
        """Index what is left, write every bundle, the manifest and the word list. Raises SearchIndexError."""
        try:
            self._submit(self._shards.values())
            for shard in self._shards.values():
                if shard.job is not None:
                    shard.job.result()  # raises the shard's SearchIndexError
            for shard in self._shards.values():
                if shard.words is not None:
                    self.words.merge(shard.words.counts())
            stats = self.primary.finish()
            bundle = stats.bundle
            shards = sorted(self._shards.values(), key=lambda s: s.name)
            entries_in_primary = False
            if self.plan.sharded:
                if not stats.pages and shards:  # no hand-written pages: the first shard is the primary
                    first, shards = shards[0], shards[1:]
                    entries_in_primary = True
                    _copy_bundle(first.bundle, bundle, primary=True)
                    patch_filter_only_search(bundle / "pagefind.js")
                for shard in shards:
                    _copy_bundle(shard.bundle, bundle / SHARDS_DIR / shard.name, primary=False)
                if shards:
                    patch_merged_search(bundle / "pagefind.js")
                self.words.write(bundle)
                self._keep_only_this_build()
            if bundle.is_dir():
                _write_manifest(bundle, [s.name for s in shards], by_kind=not entries_in_primary)
            pages = stats.pages + sum(s.pages for s in self._shards.values())
            indexed = sum(1 for s in self._shards.values() if s.cached is None)
            if self.plan.sharded:
                log.info("almenviden: søgeindekset har %d dele; %d indekseret nu, %d genbrugt.",
                         len(self._shards), indexed, len(self._shards) - indexed)
            return ShardedStats(pages, bundle, len(self._shards), indexed)
        finally:
            self.close()

    def _keep_only_this_build(self) -> None:
        if self.cache is None or not self.cache.is_dir():
            return
        keep = {f"{s.name}-{s.identity}" for s in self._shards.values()}
        for folder in self.cache.iterdir():
            if folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        """Stop without writing (also after finish); idempotent."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        self.primary.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)


def _copy_bundle(source: Path, target: Path, *, primary: bool) -> None:
    """A shard's bundle into the site: hard links where the file system allows (the cache is on the same
    disk as a rule), copies elsewhere; a merged index gets neither Pagefind's script nor its wasm."""
    def copy(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    def ignore(folder, names):
        if Path(folder) != source:
            return []
        skipped = [_COUNTS_FILE]
        if not primary:
            skipped += [n for n in names if n in _PRIMARY_ONLY or n.startswith("wasm.")]
        return skipped

    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, copy_function=copy, ignore=ignore)
    if primary:  # patched in place later: never through a link into the cache
        (target / "pagefind.js").unlink()
        shutil.copy2(source / "pagefind.js", target / "pagefind.js")


def _write_manifest(bundle: Path, names: list[str], *, by_kind: bool) -> None:
    """pagefind/almenviden-shards.json: the merged bundles' paths inside pagefind/ and, under "kinds", which
    are whose kind: a kind's catalogue page merges only its kind's (browser/pagefind-loader.js). Every
    catalogue search filters by its kind, and the primary bundle answers it with no results, so the
    shards of other kinds change nothing (ARCHITECTURE.md §3.2). "kinds" is left out (by_kind False) when
    the primary bundle holds a shard's entries (a build without hand-written pages, so without catalogue
    pages): then every page merges every shard."""
    data: dict = {"shards": [f"{SHARDS_DIR}/{name}/" for name in names]}
    if by_kind:
        kinds: dict[str, list[str]] = {}
        for name in names:
            kinds.setdefault(name.rsplit("-", 1)[0], []).append(f"{SHARDS_DIR}/{name}/")
        data["kinds"] = kinds
    (bundle / MANIFEST_FILE).write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


__all__ = ["SiteIndex", "ShardedStats", "SearchIndexError", "MANIFEST_FILE", "shard_identity"]
