"""The command-line side of the offline copy: `almenviden offline` and `almenviden build --with-offline`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Callable

from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from almenviden.build.disk_errors import describe
from almenviden.build.scratch import scratch_dir
from almenviden.offline.build import OfflineError, build_offline, default_output
from almenviden.offline.download import OfflineDownload, megabytes


def run_offline(load_config: Callable[..., object], output: str | None) -> int:
    """`almenviden offline`: write the zip; exit code 0 or 1 with a Danish message."""
    built_on = date.today()
    target = Path(output) if output else default_output(built_on)
    try:  # the work folder sits next to the zip, hidden; one left by a killed run goes with the next run
        with scratch_dir(target.parent, ".almenviden-offline-") as scratch:
            result = build_offline(load_config, target, built_on, scratch)
    except (OSError, OfflineError, PluginError) as exc:
        print(f"Offline-kopien blev ikke lavet: {describe(exc, target.parent)}", file=sys.stderr)
        return 1
    except (ConfigurationError, Abort):
        print("Offline-kopien blev ikke lavet. Se beskederne ovenfor.", file=sys.stderr)
        return 1
    print(f"Offline-kopien er skrevet til {result.zip_path} ({megabytes(result.zip_bytes)}, {result.pages} sider).")
    return 0


def offline_download(load_config: Callable[..., object], online_config, scratch: Path) -> OfflineDownload:
    """`build --with-offline`: build the zip first (working inside `scratch`) and tell the online build to
    link to it."""
    try:
        download = OfflineDownload.build(load_config, date.today(), scratch)
    except OfflineError as exc:
        print(f"Offline-kopien blev ikke lavet: {exc}", file=sys.stderr)
        raise Abort(str(exc)) from exc
    download.announce(online_config)
    return download
