"""Browser tests: build a site once per session, serve it on 127.0.0.1, drive Debian's Chromium with Playwright.

Under CI=true a missing Chromium or Playwright fails the run; locally those tests are skipped.
Every page is watched: a request to any host but the local server is aborted and fails the test.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from almenviden.content.kinds import KINDS as ALL_KINDS

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "catalogue"
SEARCH_FIXTURE = REPO / "tests" / "fixtures" / "search"
CHROMIUM = os.environ.get("ALMENVIDEN_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]
KINDS = tuple(ALL_KINDS)  # the catalogue folders, from the registry


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium findes ikke i {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright er ikke installeret (pip install -e '.[test]')"
    return None


def fixture_catalogue(dest: Path, entries: Path) -> Path:
    """A catalogue with the shipped taxonomy and schemas and the entries under `entries`."""
    dest.mkdir(parents=True)
    shutil.copy(SHIPPED / "taxonomy.yaml", dest / "taxonomy.yaml")
    shutil.copytree(SHIPPED / "schema", dest / "schema")
    for kind in KINDS:
        if (entries / kind).is_dir():
            shutil.copytree(entries / kind, dest / kind)
        else:
            (dest / kind).mkdir()
    return dest


def build(catalogue: Path, site_dir: Path) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "ALMENVIDEN_CATALOGUE"}
    result = subprocess.run([sys.executable, "-m", "almenviden.cli", "build", "--catalogue", str(catalogue),
                             "--site-dir", str(site_dir), "-f", str(REPO / "mkdocs.yml")],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site_dir / "pagefind" / "pagefind.js").is_file(), "bygget uden søgeindeks"
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output readable
        pass


class Site:
    """A built site served over HTTP on a random local port."""

    def __init__(self, root: Path, catalogue: Path):
        self.root = root
        self.catalogue = catalogue
        handler = functools.partial(_QuietHandler, directory=str(root))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_port}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self):
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="session")
def axe_js():
    """axe-core's axe.min.js from npm (installed into .cache/axe when missing). Under CI=true a failed install fails."""
    from axe import install

    path, reason = install()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"axe-core skal bruges i CI: {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def chromium():
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Browsertestene skal køre i CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


def _serve(tmp_path_factory, name: str, catalogue: Path):
    site = Site(build(catalogue, tmp_path_factory.mktemp(name + "-site")), catalogue)
    return site


@pytest.fixture(scope="session")
def served_search(tmp_path_factory):
    """The small search fixture catalogue, built and served."""
    catalogue = fixture_catalogue(tmp_path_factory.mktemp("search-fixture") / "catalogue", SEARCH_FIXTURE)
    site = _serve(tmp_path_factory, "search", catalogue)
    yield site
    site.close()


@pytest.fixture(scope="session")
def served_shipped(tmp_path_factory):
    """The shipped catalogue, built and served."""
    site = _serve(tmp_path_factory, "shipped", SHIPPED)
    yield site
    site.close()


@pytest.fixture
def page_factory(chromium):
    """New pages (viewport in CSS pixels) whose requests to other hosts are aborted and reported."""
    contexts, foreign = [], []

    def make(width: int = 1280, height: int = 900):
        context = chromium.new_context(viewport={"width": width, "height": height}, locale="da-DK",
                                       service_workers="block")
        contexts.append(context)

        def guard(route):
            host = urlsplit(route.request.url).hostname
            if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
                route.continue_()
            else:
                foreign.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.js_errors = errors
        return page

    yield make
    for context in contexts:
        for page in context.pages:
            assert not page.js_errors, page.js_errors
        context.close()
    assert not foreign, f"Sitet spurgte andre værter: {foreign}"


@pytest.fixture
def page(page_factory):
    return page_factory()
