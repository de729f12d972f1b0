"""What `almenviden build` says to staff: Danish progress and result; MkDocs' English INFO lines only with
--verbose; warnings always, the common one in Danish; a progress bar in a terminal."""

import logging
import os
import re
import struct
import sys
import threading

import pytest

from conftest import REPO, run_cli

RESULT = re.compile(r"Sitet er bygget i .+: [\d.]+ sider, søgeindeks med [\d.]+ poster, \d+,\d s\.")
ENGLISH_INFO = ("INFO", "Cleaning site directory", "Documentation built in", "[macros]")


def _build(catalogue, site, *extra):
    result = run_cli("build", "--catalogue", str(catalogue), "--site-dir", str(site), "-f", str(REPO / "mkdocs.yml"),
                     *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_build_says_in_danish_what_it_built_and_hides_mkdocs_info_lines(small_catalogue, tmp_path):
    output = _build(small_catalogue, tmp_path / "site")
    assert RESULT.search(output), output
    assert "Bygger sitet …" in output
    for english in ENGLISH_INFO:
        assert english not in output, output
    # The pages counted are the pages written: the small catalogue's entries are among them.
    pages = int(re.search(r"([\d.]+) sider", output).group(1).replace(".", ""))
    assert pages >= len(list((small_catalogue).rglob("*.yaml"))) - 1


def test_build_verbose_shows_mkdocs_info_lines_too(small_catalogue, tmp_path):
    output = _build(small_catalogue, tmp_path / "site", "--verbose")
    assert RESULT.search(output), output
    for english in ENGLISH_INFO:
        assert english in output, (english, output)


def test_build_quiet_shows_neither_progress_nor_result(small_catalogue, tmp_path):
    output = _build(small_catalogue, tmp_path / "site", "-q")
    assert "Sitet er bygget" not in output and "Bygger sitet" not in output and "INFO" not in output, output


def test_mkdocs_warning_staff_meet_is_in_danish():
    from almenviden.hosts.mkdocs.console import danish_message

    record = logging.LogRecord("mkdocs.structure.pages", logging.WARNING, __file__, 1,
                               "Doc file 'index.md' contains a link 'ideer/x.md', but the target is not found "
                               "among documentation files.", None, None)
    assert danish_message(record) == ("docs/index.md linker til 'ideer/x.md', men den side findes ikke. Ret linket, "
                                      "eller fjern det.")


def test_build_in_a_terminal_shows_a_progress_bar(small_catalogue, tmp_path, monkeypatch):
    """In a pseudo-terminal (stderr a tty) the entry pages are counted on a progress bar."""
    termios = pytest.importorskip("termios", reason="pseudo-terminals are POSIX (Linux, macOS)")
    import fcntl
    import pty

    from almenviden import cli
    from almenviden.sitebuild import pipeline

    monkeypatch.setattr(pipeline, "PROGRESS_FROM", 1)  # the small catalogue is far below the real threshold
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("ALMENVIDEN_CATALOGUE", raising=False)
    monkeypatch.setenv("ALMENVIDEN_CACHE_DIR", "")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    chunks: list[bytes] = []

    def read():
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    terminal = os.fdopen(slave, "w", encoding="utf-8", buffering=1)
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.chdir(REPO)
    try:
        code = cli.main(["build", "--catalogue", str(small_catalogue), "--site-dir", str(tmp_path / "site")])
    finally:
        terminal.flush()
        monkeypatch.setattr(sys, "stderr", sys.__stderr__)
        terminal.close()
        reader.join(timeout=10)
        os.close(master)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert code == 0, shown
    assert "Skriver sider:" in shown and "100%" in shown, shown
    assert re.search(r"(\d+)/\1 poster", shown), shown
