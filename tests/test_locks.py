"""sitebuild/locks.py: one lock helper (filelock) for the site lock, the catalogue folder and scratch folders."""

from __future__ import annotations

import subprocess
import sys
import threading

from almenviden.sitebuild import locks

HOLD = ("import sys, time\nfrom almenviden.sitebuild import locks\n"
        "with locks.held(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(600)\n")


def _holder(path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "held\n"
    return proc


def _free(lock_file) -> bool:
    with locks.held_if_free(lock_file) as free:
        return free


def test_a_lock_held_by_a_process_is_in_use_until_it_is_killed(tmp_path):
    folder = tmp_path / "mappe"
    folder.mkdir()
    lock_file = locks.lock_file_for(folder)
    assert lock_file == tmp_path / ".mappe.almenviden-laas"
    assert _free(lock_file)
    holder = _holder(lock_file)
    try:
        assert not _free(lock_file)
    finally:
        holder.kill()  # SIGKILL; TerminateProcess on Windows: no cleanup runs in the holder
        holder.wait()
    assert _free(lock_file)  # the kill released it: the folder can be cleaned up
    with locks.held_if_free(lock_file) as free:
        assert free and not _free(lock_file)  # held here: another look finds it taken


def test_a_second_holder_is_told_and_waits_for_the_first(tmp_path):
    lock_file = tmp_path / ".site.almenviden-laas"
    holder = _holder(lock_file)
    assert lock_file.is_file()
    told, got = threading.Event(), threading.Event()

    def second() -> None:
        with locks.held(lock_file, on_wait=told.set):
            got.set()

    waiter = threading.Thread(target=second, daemon=True)
    waiter.start()
    assert told.wait(60)
    assert not got.is_set()  # still waiting while the first holds it
    holder.terminate()
    holder.wait()
    assert got.wait(60)
    waiter.join(60)
    with locks.held(lock_file, on_wait=lambda: (_ for _ in ()).throw(AssertionError("waited"))):
        pass  # free: no notice
