"""`almenviden serve`: a port that is already taken is explained in Danish, without a traceback, and an
edited YAML file is rebuilt into its page while the preview runs."""

import contextlib
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request

from conftest import CLI, FIXTURES, REPO, SHIPPED, cli_env, make_catalogue, run_cli


def test_serve_on_a_busy_port_explains_instead_of_crashing():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run_cli("serve", "--catalogue", str(SHIPPED), "-a", f"127.0.0.1:{port}", timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert f"kunne ikke starte på 127.0.0.1:{port}" in output and "vælg en anden port" in output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page_text(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _without_reload(html: str | None) -> str | None:
    return None if html is None else re.sub(r"reload\(\d+, \d+\)", "reload()", html)


def _wait_for(url: str, needle: str, process, timeout: float, *, gone: bool = False) -> bool:
    """Whether the page at `url` shows `needle` (with gone=True: answers without it) within `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        text = _page_text(url)
        if text is not None and (needle not in text if gone else needle in text):
            return True
        time.sleep(0.2)
    return False


@contextlib.contextmanager
def _serving(catalogue, port: int):
    """`almenviden serve` of `catalogue` on `port`: yields the process and a list that holds its output
    (one string) once the block has ended and the process is stopped."""
    process = subprocess.Popen([*CLI, "serve", "--catalogue", str(catalogue), "-a", f"127.0.0.1:{port}",
                                "-f", str(REPO / "mkdocs.yml")],
                               cwd=REPO, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    try:
        yield process, log
    finally:
        process.terminate()
        try:
            output, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        log.append(output)


def test_serve_rebuilds_an_entry_page_when_its_yaml_changes(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    entry = catalogue / "ideas" / "gammel-ide.yaml"
    port = _free_port()
    url = f"http://127.0.0.1:{port}/ideer/gammel-ide/"
    with _serving(catalogue, port) as (process, log):
        assert _wait_for(url, "Gammel idé der skal gennemgås", process, 180), "serve never showed the entry"
        untouched = _page_text(f"http://127.0.0.1:{port}/anbefalinger/test-anbefaling/")
        assert untouched is not None
        entry.write_text(entry.read_text(encoding="utf-8").replace("title: ", "title: Nyt navn til ", 1),
                         encoding="utf-8")
        assert _wait_for(url, "Nyt navn til Gammel idé", process, 180), "serve did not rebuild after the edit"
        # An entry that links to the edited one shows its new title.
        kursus = catalogue / "courses" / "kort-kursus.yaml"
        kursus.write_text(kursus.read_text(encoding="utf-8").replace("title: ", "title: Omdøbt ", 1), encoding="utf-8")
        assert _wait_for(f"http://127.0.0.1:{port}/ideer/hostile-idea/", "Omdøbt ", process, 180)
        assert _wait_for(f"http://127.0.0.1:{port}/kurser/kort-kursus/", "Omdøbt ", process, 180)
        # The other entry's page survived the rebuild (the live-reload script's counters aside).
        assert _without_reload(_page_text(f"http://127.0.0.1:{port}/anbefalinger/test-anbefaling/")) \
            == _without_reload(untouched)
    output = log[0]
    assert "Traceback" not in output, output
    # What staff read, in Danish: where the preview runs, the rebuild and why, page and search updated.
    assert f"Forhåndsvisningen kører på http://127.0.0.1:{port}/" in output, output
    assert re.search(r"Bygger igen: \S*catalogue/ideas/gammel-ide\.yaml ændret …", output), output
    assert re.search(r"Siden er opdateret \(\d+,\d s\)\.", output), output
    # The quick update (preview.py) put the entry's page up before the rest of the site was built again.
    assert re.search(r"Siden er opdateret \(\d+,\d s\)\. Resten af forhåndsvisningen bygges nu …", output), output
    assert re.search(r"Hele forhåndsvisningen er opdateret \(\d+,\d s\)\.", output), output
    # The first build's search is finished before the rebuild starts (the plugin waits for it).
    assert re.search(r"Søgningen er opdateret \(\d+,\d s\)\.", output), output
    for english in ("INFO", "Building documentation", "Serving on", "Detected file changes"):
        assert english not in output, (english, output)


def test_serve_keeps_the_last_good_site_with_the_errors_on_every_page_until_fixed(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    entry = catalogue / "ideas" / "gammel-ide.yaml"
    good = entry.read_text(encoding="utf-8")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with _serving(catalogue, port) as (process, log):
        assert _wait_for(f"{base}/ideer/gammel-ide/", "Gammel idé der skal gennemgås", process, 180)
        # An unknown field on the line after the last one, whose name tries to break out of the banner.
        entry.write_text(good + '"<script>x</script>": 1\n', encoding="utf-8")
        where = f"gammel-ide.yaml:{len(good.splitlines()) + 1}:1: fejl: Ukendt felt "
        assert _wait_for(f"{base}/ideer/gammel-ide/", where, process, 180), "serve showed no banner"
        for path in ("/ideer/gammel-ide/", "/ideer/hostile-idea/", "/", "/ideer/"):
            page = _page_text(base + path)  # answered at once (urlopen's 5 s timeout), not stalled
            assert page is not None and 'id="almenviden-fejl"' in page and where in page, path
            assert "Kataloget har 1 fejl." in page and "<script>x</script>" not in page
        assert "Gammel idé der skal gennemgås" in _page_text(f"{base}/ideer/gammel-ide/")  # the last good page
        entry.write_text(good, encoding="utf-8")
        assert _wait_for(f"{base}/ideer/gammel-ide/", 'id="almenviden-fejl"', process, 180, gone=True), \
            "the banner stayed after the fix"
        assert 'id="almenviden-fejl"' not in _page_text(base + "/")
    assert "Traceback" not in log[0] and "appear stuck" not in log[0], log[0]

