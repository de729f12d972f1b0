"""The offline copy (issue 4): `almenviden offline` writes one zip of the site that works from `file://`."""

from almenviden.offline.build import OfflineError, OfflineResult, build_offline, default_output

__all__ = ["OfflineError", "OfflineResult", "build_offline", "default_output"]
