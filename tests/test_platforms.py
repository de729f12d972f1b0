"""Issue 17, part 3: `new`, `check`, `build` and `serve` on staff laptops (Windows, macOS), tested here on Linux
by taking away what only Linux has.

- No `fcntl` (Windows): the commands run in a process where importing it fails.
- No call that swaps two folders (Windows; a macOS or Linux file system that cannot): the build swaps the
  site in with renames, none of them onto an existing folder (Windows refuses that), undone if the second
  fails, retried while another program has a file open, repaired after a kill between them.
- macOS: renamex_np(RENAME_SWAP) is called with the right arguments, and a file system that cannot swap
  falls back to the renames.
- No /proc (macOS, Windows): the render workers get their job from a named file, and it is deleted.
- Windows' code page (cp1252) on a pipe, and files opened without an encoding.
The workflow `.github/workflows/tests.yml` runs the unit tests on real Windows and macOS as well.
"""

from __future__ import annotations

import ctypes
import errno
import os
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from almenviden.sitebuild import site_swap
from almenviden.sitebuild.checkpoints import STOP_AT_ENV
from almenviden.sitebuild.workers import ParallelRenderer, render_parts
from conftest import FIXTURES, REPO, cli_env, make_catalogue

MKDOCS = str(REPO / "mkdocs.yml")
TODAY = date(2026, 11, 24)

# Run the command line after `prelude` (Python code that takes something away), in a fresh process.
RUN = "import sys\n{prelude}\nfrom almenviden.cli import main\nsys.exit(main(sys.argv[1:]))\n"

NO_FCNTL = "sys.modules['fcntl'] = None  # import fcntl now raises ImportError, as on Windows"

# No swap call, and os.rename as strict as Windows': never onto an existing name.
NO_EXCHANGE = """
import os
from almenviden.sitebuild import site_swap
site_swap._native_exchange = lambda platform: None
_rename = os.rename
def windows_rename(source, target, *args, **kwargs):
    if os.path.lexists(target):
        raise FileExistsError(183, 'Cannot create a file when that file already exists', str(target))
    return _rename(source, target, *args, **kwargs)
os.rename = windows_rename
"""


def run(prelude: str, *args: str, env: dict[str, str] | None = None,
        encoding: str | None = None) -> subprocess.CompletedProcess:
    """The command's output is read in the encoding it writes to a pipe: the locale's unless `encoding` says."""
    return subprocess.run([sys.executable, "-c", RUN.format(prelude=prelude), *args], cwd=REPO,
                          env=cli_env(ALMENVIDEN_CACHE_DIR="", **(env or {})), capture_output=True, text=True,
                          encoding=encoding, timeout=600)


def build(prelude: str, catalogue: Path, site: Path, env: dict[str, str] | None = None):
    return run(prelude, "build", "-q", "--catalogue", str(catalogue), "--site-dir", str(site), "-f", MKDOCS, env=env)


def titles(site: Path) -> str:
    return (site / "ideer" / "gammel-ide" / "index.html").read_text(encoding="utf-8")


def beside(site: Path) -> list[str]:
    """What a build left next to the site, besides its lock file."""
    return sorted(p.name for p in site.parent.glob(f".{site.name}.almenviden-*") if not p.name.endswith("-laas")
              and "-slettes-" not in p.name)  # -slettes-: the previous site, deleted by a detached process


def edit_title(catalogue: Path, new_title: str) -> None:
    idea = catalogue / "ideas" / "gammel-ide.yaml"
    text = idea.read_text(encoding="utf-8")
    before = text.split("title: ", 1)[1].split("\n", 1)[0]
    idea.write_text(text.replace(f"title: {before}", f"title: {new_title}", 1), encoding="utf-8")


def test_new_check_and_build_work_where_fcntl_does_not_exist(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    probe = run(NO_FCNTL + "\ntry:\n    import fcntl\nexcept ImportError:\n    print('intet fcntl')", "--help")
    assert probe.returncode == 0 and probe.stdout.startswith("intet fcntl"), probe.stderr

    made = run(NO_FCNTL, "new", "idea", "Fælles kaffe i gården", "--catalogue", str(catalogue))
    assert made.returncode == 0, made.stderr
    new_file = catalogue / "ideas" / "faelles-kaffe-i-gaarden.yaml"
    assert "Fælles kaffe i gården" in new_file.read_text(encoding="utf-8")
    again = run(NO_FCNTL, "new", "course", "Fælles kaffe i gården", "--catalogue", str(catalogue))
    assert again.returncode == 1 and "bruges allerede" in again.stderr and "Traceback" not in again.stderr
    new_file.unlink()  # a blank scaffold does not pass `check`

    checked = run(NO_FCNTL, "check", "--catalogue", str(catalogue))
    assert checked.returncode == 0, checked.stdout + checked.stderr

    site = tmp_path / "site"
    first = build(NO_FCNTL, catalogue, site)
    assert first.returncode == 0, first.stderr
    edit_title(catalogue, "Uden fcntl")
    second = build(NO_FCNTL, catalogue, site)  # the site lock, and a swap over the previous site
    assert second.returncode == 0, second.stderr
    assert "Uden fcntl" in titles(site) and beside(site) == []


def test_build_without_a_swap_call_renames_and_never_onto_an_existing_folder(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    site = tmp_path / "site"
    (site / ".well-known").mkdir(parents=True)  # a hidden file of the previous site is carried over
    (site / ".well-known" / "security.txt").write_text("Contact: test", encoding="utf-8")
    for round_ in range(2):
        edit_title(catalogue, f"Omdøbt {round_}")
        result = build(NO_EXCHANGE, catalogue, site)
        assert result.returncode == 0, result.stderr
        assert f"Omdøbt {round_}" in titles(site) and beside(site) == []
    assert (site / ".well-known" / "security.txt").read_text(encoding="utf-8") == "Contact: test"


def test_a_build_killed_between_the_renames_is_repaired_by_the_next(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    site = tmp_path / "site"
    edit_title(catalogue, "Før")
    assert build(NO_EXCHANGE, catalogue, site).returncode == 0
    edit_title(catalogue, "Efter")
    killed = build(NO_EXCHANGE, catalogue, site, env={STOP_AT_ENV: "aside"})
    assert killed.returncode != 0
    assert not site.exists() and beside(site) == [".site.almenviden-forrige", ".site.almenviden-ny"]
    again = build(NO_EXCHANGE, catalogue, site)
    assert again.returncode == 0, again.stderr
    assert "Efter" in titles(site) and beside(site) == []


def _previous_and_new(tmp_path: Path) -> tuple[Path, site_swap.StagedSite]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("gammel", encoding="utf-8")
    staged = site_swap.StagedSite(site)
    (staged.begin() / "index.html").write_text("ny", encoding="utf-8")
    return site, staged


def test_a_failed_second_rename_puts_the_previous_site_back(tmp_path, monkeypatch):
    site, staged = _previous_and_new(tmp_path)
    monkeypatch.setattr(site_swap, "exchange", lambda a, b: False)
    real = os.rename

    def refuse_new_site(source, target):
        if Path(source) == staged.folder:
            raise PermissionError(errno.EACCES, "Access is denied", str(source))
        real(source, target)

    monkeypatch.setattr(site_swap.os, "rename", refuse_new_site)
    with pytest.raises(PermissionError):
        staged.publish()
    staged.abandon()
    assert (site / "index.html").read_text(encoding="utf-8") == "gammel" and beside(site) == []


@pytest.mark.parametrize("windows", [True, False])
def test_renames_are_tried_again_on_windows_while_a_file_is_open(tmp_path, monkeypatch, windows):
    site, staged = _previous_and_new(tmp_path)
    monkeypatch.setattr(site_swap, "exchange", lambda a, b: False)
    monkeypatch.setattr(site_swap, "_WINDOWS", windows)
    monkeypatch.setattr(site_swap.time, "sleep", lambda seconds: None)
    real, refusals = os.rename, []

    def busy_twice(source, target):
        if len(refusals) < 2:
            refusals.append(source)
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(source))
        real(source, target)

    monkeypatch.setattr(site_swap.os, "rename", busy_twice)
    if windows:
        staged.publish()
        assert (site / "index.html").read_text(encoding="utf-8") == "ny" and beside(site) == []
    else:
        with pytest.raises(PermissionError):
            staged.publish()
        assert len(refusals) == 1 and (site / "index.html").read_text(encoding="utf-8") == "gammel"


class _FakeLibc:
    """Stands for macOS' libc: renamex_np swaps like RENAME_SWAP, or fails with `error`."""

    def __init__(self, error: int | None = None) -> None:
        self.calls, self.error = [], error

    def renamex_np(self, a: bytes, b: bytes, flags: int) -> int:
        self.calls.append((a, b, flags))
        if self.error is not None:
            ctypes.set_errno(self.error)
            return -1
        swap = a + b".swap"
        os.rename(a, swap)
        os.rename(b, a)
        os.rename(swap, b)
        return 0


@pytest.mark.parametrize("error", [None, errno.ENOTSUP])
def test_macos_swaps_with_renamex_np_or_falls_back_to_renames(tmp_path, monkeypatch, error):
    libc = _FakeLibc(error)
    monkeypatch.setattr(site_swap.sys, "platform", "darwin")
    monkeypatch.setattr(site_swap.ctypes, "CDLL", lambda name, use_errno=False: libc)
    site, staged = _previous_and_new(tmp_path)
    staged.publish()
    assert libc.calls == [(os.fsencode(staged.folder), os.fsencode(site), 2)]  # RENAME_SWAP
    assert (site / "index.html").read_text(encoding="utf-8") == "ny" and beside(site) == []


def test_windows_has_no_swap_call_and_asks_no_c_library(monkeypatch):
    def no_cdll(*args, **kwargs):
        raise TypeError("ctypes.CDLL(None) fails on Windows")

    monkeypatch.setattr(site_swap.ctypes, "CDLL", no_cdll)
    assert site_swap._native_exchange("win32") is None


def test_workers_take_their_job_from_a_named_file_where_there_is_no_proc(shipped, monkeypatch, tmp_path):
    from almenviden.sitebuild import workers

    monkeypatch.setattr(workers, "PROC_FD", tmp_path / "no-proc")
    ids = sorted(shipped.entries)[::5]
    renderer = ParallelRenderer(shipped, ids, directory_urls=True, today=TODAY, workers=2)
    job = Path(renderer._job.name)
    try:
        assert job.is_file()
        for entry_id in ids:  # None would mean no worker delivered it
            assert renderer.take(entry_id) == render_parts(shipped.entries[entry_id], shipped, True, TODAY), entry_id
    finally:
        renderer.close()
    assert renderer.processes and all(p.exitcode == 0 for p in renderer.processes)
    assert not job.exists()

    def unpicklable(*args, **kwargs):
        raise pickle.PicklingError("test")

    monkeypatch.setattr(workers.tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(workers.pickle, "dump", unpicklable)
    with pytest.raises(pickle.PicklingError):
        ParallelRenderer(shipped, ids, directory_urls=True, today=TODAY, workers=2)
    assert list(tmp_path.glob("almenviden-job-*")) == []  # a job that never started leaves no file


def test_a_file_another_program_has_open_on_windows_is_named_in_danish(tmp_path, monkeypatch):
    from almenviden.sitebuild import disk_errors

    busy = PermissionError(errno.EACCES, "The process cannot access the file", "site")
    busy.winerror = 32  # ERROR_SHARING_VIOLATION (the attribute Windows' OSError has)
    message = disk_errors.describe(busy, tmp_path / "site")
    assert "i brug af et andet program" in message and "luk det" in message
    denied = PermissionError(errno.EACCES, "Access is denied", "site")
    monkeypatch.setattr(disk_errors.os, "name", "nt")
    assert "har ikke lov til at skrive" in disk_errors.describe(denied, tmp_path) and "luk det" in \
        disk_errors.describe(denied, tmp_path)


def test_messages_survive_windows_code_page_on_a_pipe(tmp_path):
    """Windows writes to a pipe in cp1252, which has æ, ø and å but not '→' (in `new`'s help and messages)."""
    catalogue = make_catalogue(tmp_path / "catalogue")
    env = {"PYTHONIOENCODING": "cp1252"}
    helped = run("", "new", "--help", env=env, encoding="cp1252")
    assert helped.returncode == 0 and "Traceback" not in helped.stderr
    assert "Fælles kaffe i gården" in helped.stdout and "æ?ae" in helped.stdout  # → became ?
    refused = run("", "new", "idea", "Kaffe", "--id", "Kaffe i gården", "--catalogue", str(catalogue), env=env,
                  encoding="cp1252")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr, refused.stderr
    assert "Id'et 'Kaffe i gården' er ikke gyldigt" in refused.stderr


def test_every_file_almenviden_opens_names_its_encoding(tmp_path):
    """Windows reads and writes text in its code page unless told: every file almenviden opens as text says
    UTF-8 (EncodingWarning, Python's -X warn_default_encoding, points at the ones that do not)."""
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    prelude = "import warnings\nwarnings.simplefilter('always', EncodingWarning)"
    commands = [("check", "--catalogue", str(catalogue)),
                ("build", "-q", "--catalogue", str(catalogue), "--site-dir", str(tmp_path / "site"), "-f", MKDOCS),
                ("new", "idea", "Ærlig snak", "--catalogue", str(catalogue)),
                ("stale", "--catalogue", str(catalogue))]
    for command in commands:
        result = subprocess.run([sys.executable, "-X", "warn_default_encoding", "-c", RUN.format(prelude=prelude),
                                 *command], cwd=REPO, env=cli_env(ALMENVIDEN_CACHE_DIR=str(tmp_path / "cache")),
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        ours = [line for line in result.stderr.splitlines()
                if "EncodingWarning" in line and f"almenviden{os.sep}" in line and "site-packages" not in line]
        assert ours == [], command


def test_positions_name_files_with_forward_slashes_on_windows_too(monkeypatch):
    from almenviden.content import diagnostics

    monkeypatch.setattr(diagnostics, "display_path", lambda path: "catalogue\\ideas\\kaffe.yaml")
    monkeypatch.setattr(diagnostics.os, "sep", "\\")
    problem = diagnostics.Diagnostic(Path("kaffe.yaml"), 3, 5, "Feltet 'title' mangler.")
    assert problem.gcc().startswith("catalogue/ideas/kaffe.yaml:3:5: fejl: ")
    assert "file=catalogue/ideas/kaffe.yaml,line=3,col=5" in problem.github()


def test_new_names_the_file_when_the_catalogue_is_on_another_drive(tmp_path, monkeypatch, capsys):
    """Windows: os.path.relpath raises ValueError between C: and D:; the full path is shown instead."""
    from almenviden.cli import main

    catalogue = make_catalogue(tmp_path / "catalogue")

    def other_drive(path, start=None):
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr(os.path, "relpath", other_drive)
    assert main(["new", "idea", "Kaffe i gården", "--catalogue", str(catalogue)]) == 0
    monkeypatch.undo()
    assert f"Oprettede {catalogue / 'ideas' / 'kaffe-i-gaarden.yaml'}." in capsys.readouterr().out


def test_a_folder_windows_will_not_move_is_left_for_the_writer(tmp_path, monkeypatch):
    """serve on Windows: the preview's server may hold a page open while a rebuild moves the kind folders."""
    from almenviden.hosts.mkdocs import kept_pages

    site = tmp_path / "site"
    for rel in ("ideer/a/index.html", "kurser/c/index.html"):
        (site / rel).parent.mkdir(parents=True)
        (site / rel).write_text(rel, encoding="utf-8")
    real = Path.rename

    def busy_ideas(self, target):
        if self.name == "ideer" or self.name == "c":
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(self))
        return real(self, target)

    monkeypatch.setattr(Path, "rename", busy_ideas)
    keep = kept_pages.stash(site, ["ideer", "kurser"])
    assert keep is not None and (site / "ideer" / "a" / "index.html").is_file()  # stayed where it was
    assert kept_pages.restore(keep, site, ["kurser/c/index.html"], directory_urls=True) == 0  # to be written again
    assert not keep.exists()


def test_a_link_to_another_drive_leaves_the_catalogue(monkeypatch, tmp_path):
    from almenviden.content import safe_files

    def other_drive(paths):
        raise ValueError("Paths don't have the same drive")

    monkeypatch.setattr(safe_files.os.path, "commonpath", other_drive)
    assert safe_files.leaves(tmp_path / "x.yaml", tmp_path)
