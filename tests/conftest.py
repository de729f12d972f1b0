"""Shared fixtures: throwaway catalogues and built sites."""

from __future__ import annotations

import os
from datetime import date
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from almenviden.content.kinds import KINDS
from hostile_catalogue import hostile, hostile_offline, hostile_site  # noqa: F401 - session fixtures

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "catalogue"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_catalogue(dest: Path, entries_from: Path | None = None) -> Path:
    """A catalogue in `dest` with the shipped taxonomy and schemas and the entries of `entries_from`."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(SHIPPED / "taxonomy.yaml", dest / "taxonomy.yaml")
    shutil.copytree(SHIPPED / "schema", dest / "schema", dirs_exist_ok=True)
    for kind in KINDS:
        (dest / kind).mkdir(exist_ok=True)
        if entries_from and (entries_from / kind).is_dir():
            for f in (entries_from / kind).glob("*.yaml"):
                shutil.copy(f, dest / kind / f.name)
    return dest


CLI = [sys.executable, "-m", "almenviden.cli"]


def cli_env(**overrides: str) -> dict[str, str]:
    """The environment for running the command line: this one, without a catalogue chosen by a caller."""
    env = {k: v for k, v in os.environ.items() if k != "ALMENVIDEN_CATALOGUE"}
    env.update(overrides)
    return env


def run_cli(*args: str, cwd: Path = REPO, timeout: float = 600,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real `almenviden` command line in a subprocess (`env`: extra variables)."""
    return subprocess.run([*CLI, *args], cwd=cwd, env=cli_env(**(env or {})),
                          capture_output=True, text=True, timeout=timeout)


def site_files(site: Path, pattern: str = "*") -> dict[str, bytes]:
    """The files of a built site matching `pattern`, by path, except Pagefind's bundle (which is not
    byte-identical between two runs over the same pages)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob(pattern))
            if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/")}


def build_site(catalogue: Path, site_dir: Path) -> Path:
    result = run_cli("build", "--catalogue", str(catalogue), "--site-dir", str(site_dir),
                     "-f", str(REPO / "mkdocs.yml"))
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture(scope="session")
def shipped():
    """The shipped catalogue as a validated model (it must be clean)."""
    from almenviden.content.loading import load_catalogue

    result = load_catalogue(SHIPPED)
    assert result.ok, [d.gcc() for d in result.diagnostics]
    return result.catalogue


@pytest.fixture(scope="session")
def small_catalogue(tmp_path_factory) -> Path:
    return make_catalogue(tmp_path_factory.mktemp("small") / "catalogue", FIXTURES / "small")


@pytest.fixture(scope="session")
def small_site(small_catalogue, tmp_path_factory) -> Path:
    return build_site(small_catalogue, tmp_path_factory.mktemp("small-site"))


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    return build_site(SHIPPED, tmp_path_factory.mktemp("shipped-site"))


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory, shipped_site):
    """The shipped catalogue's offline zip, made as `build --with-offline` makes it: converted from the built
    site (`almenviden offline --from-site`), unzipped into a folder whose name has a space and an æ, as a
    reader's download folder might. `.zip` is the file, `.root` the folder with index.html."""
    import zipfile
    from types import SimpleNamespace

    work = tmp_path_factory.mktemp("offline")
    zip_path = work / "almenviden-offline.zip"
    started = date.today()
    result = run_cli("offline", "--from-site", str(shipped_site), "--output", str(zip_path))
    days = sorted({started, date.today()})  # the days the build ran on (two if it ran over midnight)
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(work / "Hentede filer æ")
    (root,) = (work / "Hentede filer æ").iterdir()
    return SimpleNamespace(zip=zip_path, root=root, output=result.stdout, days=days)
