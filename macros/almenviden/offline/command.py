"""The command-line side of the offline copy: `almenviden offline` and `almenviden build --with-offline`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Callable

from almenviden.sitebuild.disk_errors import describe
from almenviden.sitebuild.host import BuildError, BuildStopped
from almenviden.sitebuild.scratch import scratch_dir
from almenviden.offline.build import OfflineError, build_offline, convert_site, default_output
from almenviden.offline.download import OfflineDownload, megabytes


def run_offline(build_site: Callable[[Path], None], output: str | None, from_site: Path | None = None) -> int:
    """`almenviden offline`: write the zip, from the site built in `from_site` (a server's site, converted) or
    from a build of its own; exit code 0 or 1 with a Danish message."""
    built_on = date.today()
    target = Path(output) if output else default_output(built_on)
    try:  # the work folder sits next to the zip, hidden; one left by a killed run goes with the next run
        with scratch_dir(target.parent, ".almenviden-offline-") as scratch:
            if from_site is not None:
                result = convert_site(from_site, target, built_on, scratch)
            else:
                result = build_offline(build_site, target, built_on, scratch)
    except (OSError, OfflineError, BuildError) as exc:
        print(f"Offline-kopien blev ikke lavet: {describe(exc, target.parent)}", file=sys.stderr)
        return 1
    except BuildStopped:
        print("Offline-kopien blev ikke lavet. Se beskederne ovenfor.", file=sys.stderr)
        return 1
    print(f"Offline-kopien er skrevet til {result.zip_path} ({megabytes(result.zip_bytes)}, {result.pages} sider).")
    return 0


def offline_download(site: Path, built_on: date) -> OfflineDownload:
    """`build --with-offline`: the zip from the online site just built in `site` (its staging folder); the
    online build offered it (download.offline_link). Raises BuildStopped after saying why when the zip cannot
    be made."""
    try:
        return OfflineDownload.from_site(site, built_on)
    except OfflineError as exc:
        print(f"Offline-kopien blev ikke lavet: {exc}", file=sys.stderr)
        raise BuildStopped(str(exc)) from exc
