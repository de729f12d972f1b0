"""build/locks.py: one flock helper for the site lock, the catalogue folder and scratch folders."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading

from almenviden.build import locks

HOLD = ("import sys, time\nfrom almenviden.build import locks\n"
        "with locks.held(sys.argv[1], create=sys.argv[2] == '1'):\n    print('held', flush=True)\n    time.sleep(600)\n")


def _holder(path, create: bool) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), "1" if create else "0"], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline() == "held\n"
    return proc


def test_a_lock_held_by_a_process_is_in_use_until_it_is_killed(tmp_path):
    folder = tmp_path / "mappe"
    folder.mkdir()
    assert not locks.in_use(folder)
    holder = _holder(folder, create=False)
    try:
        assert locks.in_use(folder)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert not locks.in_use(folder)  # SIGKILL released it: the folder can be cleaned up
    assert locks.in_use(tmp_path / "findes-ikke")  # cannot tell: never deleted


def test_a_second_holder_is_told_and_waits_for_the_first(tmp_path):
    lock_file = tmp_path / ".site.almenviden-laas"
    holder = _holder(lock_file, create=True)
    assert lock_file.is_file()
    told, got = threading.Event(), threading.Event()

    def second() -> None:
        with locks.held(lock_file, create=True, on_wait=told.set):
            got.set()

    waiter = threading.Thread(target=second, daemon=True)
    waiter.start()
    assert told.wait(60)
    assert not got.is_set()  # still waiting while the first holds it
    holder.terminate()
    holder.wait()
    assert got.wait(60)
    waiter.join(60)
    with locks.held(lock_file, create=True, on_wait=lambda: (_ for _ in ()).throw(AssertionError("waited"))):
        pass  # free: no notice
