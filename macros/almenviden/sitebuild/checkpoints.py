"""Named moments of a build, where the crash tests stop the process. No MkDocs here.

`reached("name")` does nothing unless ALMENVIDEN_STOP_AT names that moment; then the process sends
itself ALMENVIDEN_STOP_SIGNAL (KILL by default, or TERM): the tests use it to stop a build at chosen,
reproducible moments instead of after a guessed number of seconds (tests/test_atomic_build.py).
"""

from __future__ import annotations

import os
import signal

STOP_AT_ENV = "ALMENVIDEN_STOP_AT"
STOP_SIGNAL_ENV = "ALMENVIDEN_STOP_SIGNAL"


def reached(name: str) -> None:
    if os.environ.get(STOP_AT_ENV) != name:
        return
    os.environ.pop(STOP_AT_ENV)  # once: a SIGTERM handler's cleanup may pass the same moment again
    # Windows has no SIGKILL: there os.kill with SIGTERM ends the process at once (TerminateProcess).
    os.kill(os.getpid(), getattr(signal, "SIG" + os.environ.get(STOP_SIGNAL_ENV, "KILL"), signal.SIGTERM))
