"""The one cache class (sitebuild/cache.py): what it keeps, what it drops, and when it is off."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys

import pytest

from almenviden.sitebuild import cache as cache_module
from almenviden.sitebuild.cache import ENTRIES, Cache, cache_dir


def test_a_value_comes_back_only_with_its_key_and_only_what_was_used_is_kept(tmp_path):
    first = Cache(tmp_path, ENTRIES)
    first.put("a", "key-a", ("inhold", "artikel"))
    first.put("b", "key-b", 2)
    first.save()
    second = Cache(tmp_path, ENTRIES)
    assert second.get("a", "key-a") == ("inhold", "artikel")
    assert second.get("b", "other key") is None
    assert (second.hits, second.misses) == (1, 1)
    assert second.get_or_render("c", "key-c", lambda: "rendered") == "rendered"
    second.save()
    third = Cache(tmp_path, ENTRIES)
    assert third.is_fresh("a", "key-a") and third.is_fresh("c", "key-c")
    assert not third.is_fresh("b", "key-b")  # not used in the last run: dropped
    assert third.get_or_render("a", "key-a", lambda: "not rendered") == ("inhold", "artikel")


def test_a_damaged_file_or_one_from_other_code_counts_as_empty(tmp_path, monkeypatch):
    stored = Cache(tmp_path, ENTRIES)
    stored.put("a", "k", "v")
    stored.save()
    path = tmp_path / ENTRIES
    assert Cache(tmp_path, ENTRIES).get("a", "k") == "v"
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "other code")
    other = Cache(tmp_path, ENTRIES)
    assert other.get("a", "k") is None
    other.put("b", "k", "w")
    other.save()  # the other code's file replaces this code's: nothing of it is mixed in
    assert Cache(tmp_path, ENTRIES).get("b", "k") == "w" and not Cache(tmp_path, ENTRIES).is_fresh("a", "k")
    monkeypatch.undo()
    assert Cache(tmp_path, ENTRIES).get("b", "k") is None
    path.write_bytes(path.read_bytes()[:2000])  # cut off
    damaged = Cache(tmp_path, ENTRIES)
    assert damaged.get("a", "k") is None
    damaged.put("a", "k", "new")
    damaged.save()
    assert Cache(tmp_path, ENTRIES).get("a", "k") == "new"
    path.write_bytes(b"not a database at all" * 100)
    assert Cache(tmp_path, ENTRIES).get("a", "k") is None
    assert [p.name for p in tmp_path.iterdir()] == [ENTRIES]  # no journal or temporary file left


def _rows(path):
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT rowid, key FROM item"))


def test_a_build_writes_only_the_rows_it_changed_and_drops_the_unused(tmp_path):
    first = Cache(tmp_path, ENTRIES)
    for name in "abcd":
        first.put(name, f"{name}1", name * 3)
    first.save()
    before = _rows(tmp_path / ENTRIES)
    second = Cache(tmp_path, ENTRIES)
    assert second.get("a", "a1") == "aaa" and second.get("b", "b1") == "bbb"
    assert second.get_or_render("c", "c2", lambda: "edited") == "edited"  # "d" is not asked for: dropped
    second.save()
    assert second.rows_written == 1
    after = _rows(tmp_path / ENTRIES)
    unchanged = {rowid: key for rowid, key in before.items() if key in ("a1", "b1")}
    assert unchanged.items() <= after.items()  # the rows of a and b were left as they were
    assert sorted(after.values()) == ["a1", "b1", "c2"]


_KILLED_BUILD = """
import os, signal, sys
from almenviden.sitebuild.cache import ENTRIES, Cache
cache = Cache(sys.argv[1], ENTRIES)
assert cache.get("a", "old") == "old value"
for i in range(2000):  # more than SQLite's page cache holds: some of it reaches the file before the kill
    cache.put(f"x{i}", "new", "x" * 5000)
cache.put("a", "new", "new value")
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_build_killed_before_saving_leaves_the_last_saved_cache(tmp_path):
    saved = Cache(tmp_path, ENTRIES)
    saved.put("a", "old", "old value")
    saved.save()
    killed = subprocess.run([sys.executable, "-c", _KILLED_BUILD, str(tmp_path)], check=False)
    assert killed.returncode == -signal.SIGKILL
    after = Cache(tmp_path, ENTRIES)
    assert after.get("a", "old") == "old value"
    assert not after.is_fresh("a", "new") and not after.is_fresh("x1", "new")


def test_the_environment_chooses_the_folder_and_empty_turns_caching_off(tmp_path, monkeypatch):
    monkeypatch.delenv("ALMENVIDEN_CACHE_DIR", raising=False)
    assert cache_dir(tmp_path, ".cache/almenviden") == tmp_path / ".cache/almenviden"
    monkeypatch.setenv("ALMENVIDEN_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert cache_dir(tmp_path, ".cache/almenviden") == tmp_path / "elsewhere"
    monkeypatch.setenv("ALMENVIDEN_CACHE_DIR", "")
    assert cache_dir(tmp_path, ".cache/almenviden") is None
    off = Cache(None, ENTRIES)
    off.put("a", "k", "v")
    off.save()
    assert off.get("a", "k") is None and list(tmp_path.iterdir()) == []
