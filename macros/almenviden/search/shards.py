"""Which search-index shard an entry goes to: a pure function of its kind, its id and the catalogue's counts.

Up to SHARD_SIZE entries the site has one Pagefind bundle (`pagefind/`), exactly as before sharding: the
shipped catalogue's results, facet counts and ranking cannot change. Above it every entry goes to a shard
of its kind: `<kind>-<bucket>`, the bucket a stable hash of the id (SHA-1, so the same id lands in the same
bucket on every machine and in every build) modulo the kind's number of buckets, a power of two chosen so
that the kind's entries fit SHARD_SIZE per bucket on average. Hand-written pages always go to the primary
bundle. A shard's members therefore change only when its kind's count crosses a power of two.

`ALMENVIDEN_SEARCH_SHARD_SIZE` overrides SHARD_SIZE (tests shard the small catalogues with it).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Mapping

SHARD_SIZE = 1000  # entries per shard: Pagefind's time and memory grow with it (see ARCHITECTURE.md §3.2)
SHARD_SIZE_ENV = "ALMENVIDEN_SEARCH_SHARD_SIZE"


def shard_size() -> int:
    """SHARD_SIZE, or the positive whole number in ALMENVIDEN_SEARCH_SHARD_SIZE."""
    value = os.environ.get(SHARD_SIZE_ENV, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return SHARD_SIZE


def bucket_count(count: int, size: int) -> int:
    """The smallest power of two `b` with count <= b * size (1 for an empty kind)."""
    buckets = 1
    while count > buckets * size:
        buckets *= 2
    return buckets


def id_bucket(entry_id: str, buckets: int) -> int:
    """The id's bucket among `buckets` (a power of two): the low bits of the id's SHA-1."""
    return int.from_bytes(hashlib.sha1(entry_id.encode("utf-8")).digest()[-4:], "big") & (buckets - 1)


@dataclass(frozen=True)
class ShardPlan:
    """The shards of one build: `buckets` per kind (empty: not sharded, everything in the primary bundle)."""
    buckets: Mapping[str, int]

    @property
    def sharded(self) -> bool:
        return bool(self.buckets)

    def shard_of(self, kind: str, entry_id: str) -> str | None:
        """The entry's shard, or None for the primary bundle."""
        buckets = self.buckets.get(kind)
        if buckets is None:
            return None
        return f"{kind}-{id_bucket(entry_id, buckets)}"

    def shards(self, kind: str) -> list[str]:
        """Every shard name of `kind`, in bucket order (a bucket may stay empty)."""
        return [f"{kind}-{b}" for b in range(self.buckets.get(kind, 0))]


def plan_shards(counts: Mapping[str, int], size: int | None = None) -> ShardPlan:
    """The shards for a catalogue with `counts` entries per kind: none while the total is at most `size`."""
    size = shard_size() if size is None else size
    if sum(counts.values()) <= size:
        return ShardPlan({})
    return ShardPlan({kind: bucket_count(count, size) for kind, count in counts.items() if count})
