"""Measure one command: wall time, CPU seconds and peak memory of it and its children.

Two peak-memory figures, because they answer different questions:

- `largest_rss`: max(ru_maxrss) from os.wait4, i.e. the peak RSS of the command itself or of its single
  largest descendant that it waited for (the kernel keeps the maximum over children, not their sum). Four
  workers of 500 MB each read as 500 MB.
- `tree_rss` / `tree_pss`: the sum over the whole process tree (the command and every descendant alive at
  that moment), sampled by polling /proc every `interval` seconds; the peak of those sums. RSS sums count
  pages shared between processes (libraries, copy-on-write pages after fork) once per process, so they
  overstate; PSS (from /proc/PID/smaps_rollup) splits each shared page between its sharers and is the
  better figure for "memory the build needs". Both can miss a peak shorter than the interval.

CPU: `cpu` is ru_utime + ru_stime from os.wait4 (the command and every descendant it waited for);
`tree_cpu` sums the last sampled /proc/PID/stat CPU of every process seen in the tree, a cross-check that
also counts a descendant nobody waited for, but loses each process's last < `interval` seconds.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")
PROC = Path("/proc")


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (which is in parentheses and may hold spaces)."""
    try:
        return (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _parent_pid(pid: int) -> int | None:
    fields = _stat_fields(pid)
    return int(fields[1]) if fields else None


def process_cpu(pid: int) -> float | None:
    """User + system CPU seconds of one process so far (not its children); None if it is gone."""
    fields = _stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / TICK if fields else None


def tree_pids(root: int) -> list[int]:
    """`root` and all its living descendants, found through the parent pid of every process in /proc."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            parent = _parent_pid(int(entry.name))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def process_memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes; (0, 0) if it is gone. PSS falls back to RSS without smaps_rollup."""
    try:
        rss = int((PROC / str(pid) / "statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0, 0
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return rss, int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, rss


class TreeSampler:
    """Polls the memory of a process tree in a thread; `peak_rss` and `peak_pss` are the largest sums seen."""

    def __init__(self, root: int, interval: float = 0.1):
        self.root, self.interval = root, interval
        self.peak_rss = self.peak_pss = 0
        self.samples = 0
        self.cpu_by_pid: dict[int, float] = {}  # the last CPU seconds seen of every process of the tree
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def sample(self) -> tuple[int, int]:
        rss = pss = 0
        for pid in tree_pids(self.root):
            r, p = process_memory(pid)
            rss, pss = rss + r, pss + p
            cpu = process_cpu(pid)
            if cpu is not None:
                self.cpu_by_pid[pid] = max(cpu, self.cpu_by_pid.get(pid, 0.0))
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
        self.samples += 1
        return rss, pss

    @property
    def tree_cpu(self) -> float:
        """CPU seconds of every process seen in the tree, as last sampled (a process's last <interval is lost)."""
        return sum(self.cpu_by_pid.values())

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> "TreeSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


@dataclasses.dataclass
class Measure:
    wall: float  # seconds
    cpu: float  # user + sys seconds of the command and the children it waited for
    largest_rss: int  # bytes, ru_maxrss: the command or its largest single waited-for child
    tree_rss: int  # bytes, peak of the sampled sum of RSS over the process tree
    tree_pss: int  # bytes, the same with PSS
    tree_cpu: float = 0.0  # seconds, CPU of every process seen in the tree (sampled; a cross-check of `cpu`)

    def __add__(self, other: "Measure") -> "Measure":
        """Two commands run one after the other (a build, then the indexer): times add, peaks take the max."""
        return Measure(self.wall + other.wall, self.cpu + other.cpu, max(self.largest_rss, other.largest_rss),
                       max(self.tree_rss, other.tree_rss), max(self.tree_pss, other.tree_pss),
                       self.tree_cpu + other.tree_cpu)


def measure(cmd: list[str], env: dict | None = None, cwd: Path | None = None, interval: float = 0.1) -> Measure:
    """Run `cmd` to the end and measure it. Fails loudly (the tail of its output, then exit) if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    with TreeSampler(proc.pid, interval) as sampler:
        out = proc.stdout.read()
        sampler.sample()  # at least one sample, however short the command
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    if proc.returncode != 0:
        sys.stderr.write(out.decode(errors="replace")[-4000:])
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, cmd))}")
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
                   sampler.peak_rss, sampler.peak_pss, sampler.tree_cpu)
