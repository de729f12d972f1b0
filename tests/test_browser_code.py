"""The site's browser code: its unit tests (`node --test tests/js/`) and ESLint, from the README's test command.

ESLint, its recommended rules (@eslint/js) and the `globals` table come from the npm registry at test time into
the gitignored `.cache/eslint` (pinned below), the way tests/browser/axe.py installs axe-core. Under CI=true a
missing node, npm or ESLint fails; locally those tests are skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
JS_TESTS = REPO / "tests" / "js"
ESLINT_CONFIG = JS_TESTS / "eslint.config.mjs"
# What ESLint checks: the browser code (the site's and the offline copy's) and the unit tests.
LINTED = ["macros/almenviden/browser", "macros/almenviden/offline/assets", "tests/js"]
ESLINT_DIR = REPO / ".cache" / "eslint"
ESLINT_PACKAGES = {"eslint": "9.39.5", "@eslint/js": "9.39.5", "globals": "16.5.0"}
NPM_ENV = {"npm_config_update_notifier": "false", "npm_config_fund": "false", "npm_config_audit": "false"}


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"JS-testene og ESLint skal køre i CI: {reason}")
    pytest.skip(reason)


def _installed_version(package: str) -> str | None:
    manifest = ESLINT_DIR / "node_modules" / package / "package.json"
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None


def install_eslint() -> tuple[Path | None, str]:
    """ESLint's command-line script, installed with npm when missing or not the pinned version;
    (None, reason) when that fails."""
    script = ESLINT_DIR / "node_modules" / "eslint" / "bin" / "eslint.js"
    if all(_installed_version(p) == v for p, v in ESLINT_PACKAGES.items()) and script.is_file():
        return script, ""
    npm = shutil.which("npm")
    if not npm:
        return None, "npm findes ikke (apt-get install npm)"
    specs = [f"{p}@{v}" for p, v in ESLINT_PACKAGES.items()]
    result = subprocess.run([npm, "install", "--no-save", "--prefix", str(ESLINT_DIR), *specs],
                            capture_output=True, text=True, timeout=300, env={**os.environ, **NPM_ENV})
    if result.returncode != 0 or not script.is_file():
        return None, f"npm install {' '.join(specs)} fejlede: {result.stderr.strip()[-800:]}"
    return script, ""


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if not found:
        _unavailable("node findes ikke (apt-get install nodejs npm)")
    return found


def test_js_unit_tests_pass(node):
    files = sorted(JS_TESTS.glob("*.test.js"))
    assert files, f"ingen JS-tests i {JS_TESTS}"
    # The files are named (not the folder): node 20 reads a folder argument, later versions want globs.
    result = subprocess.run([node, "--test", "--test-reporter=spec", *[str(f.relative_to(REPO)) for f in files]],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"node --test fejlede:\n{result.stdout}\n{result.stderr}"


def run_eslint(node: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """ESLint with the project's config, from the repository root (the config's file patterns start there)."""
    eslint, reason = install_eslint()
    if eslint is None:
        _unavailable(reason)
    return subprocess.run([node, str(eslint), "--config", str(ESLINT_CONFIG.relative_to(REPO)), *args],
                          cwd=REPO, input=stdin, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "ALMENVIDEN_ESLINT_DIR": str(ESLINT_DIR)})


def test_browser_code_passes_eslint(node):
    result = run_eslint(node, "--max-warnings", "0", *LINTED)
    assert result.returncode == 0, f"ESLint fandt fejl:\n{result.stdout}\n{result.stderr}"


def test_eslint_config_lints_browser_code_as_classic_scripts(node):
    """The config treats a browser file as a classic script (`import` at top level is a parse error there) and
    refuses innerHTML."""
    result = run_eslint(node, "--stdin", "--stdin-filename", "macros/almenviden/browser/example.js",
                        stdin='import x from "./x.js";\nwindow.y = x;\n')
    assert result.returncode == 1, result.stdout + result.stderr
    assert "'import' and 'export' may appear only with 'sourceType: module'" in result.stdout, result.stdout
    result = run_eslint(node, "--stdin", "--stdin-filename", "macros/almenviden/browser/example.js",
                        stdin='(function () {\n  "use strict";\n  document.body.innerHTML = location.hash;\n})();\n')
    assert result.returncode == 1 and "no-restricted-syntax" in result.stdout, result.stdout + result.stderr
