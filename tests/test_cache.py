"""The one cache class (sitebuild/cache.py): what it keeps, what it drops, and when it is off."""

from __future__ import annotations

import pickle

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
    assert Cache(tmp_path, ENTRIES).get("a", "k") is None
    monkeypatch.undo()
    path.write_bytes(path.read_bytes()[:20])  # cut off mid-pickle
    damaged = Cache(tmp_path, ENTRIES)
    assert damaged.get("a", "k") is None
    damaged.put("a", "k", "new")
    damaged.save()
    assert Cache(tmp_path, ENTRIES).get("a", "k") == "new"
    assert [p.name for p in tmp_path.iterdir()] == [ENTRIES]  # written atomically: no temporary file left
    assert isinstance(pickle.loads(path.read_bytes()), dict)


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
