"""Marks for the tests that only make sense on some operating systems (the unit tests also run on Windows and
macOS in GitHub Actions: .github/workflows/tests.yml). Each says why, so a skip in the log explains itself."""

from __future__ import annotations

import sys

import pytest

LINUX = sys.platform.startswith("linux")
WINDOWS = sys.platform == "win32"


def linux_only(why: str):
    return pytest.mark.skipif(not LINUX, reason=f"only on Linux: {why}")


def not_on_windows(why: str):
    return pytest.mark.skipif(WINDOWS, reason=f"not on Windows: {why}")


# Windows has no SIGTERM of its own: os.kill and Popen.terminate end the process at once (TerminateProcess),
# so there is nothing to clean up after; the kill tests (SIGKILL) run there too.
NEEDS_SIGTERM = not_on_windows("SIGTERM ends a process at once there, with no cleanup to test")
NEEDS_TMPFS = linux_only("full disks and read-only drives are tmpfs mounts")
NEEDS_PROC = linux_only("finds the build's child processes in /proc")
