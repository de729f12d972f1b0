"""No source folder has a name that common templates treat as generated output (issue 19).

The pipeline's package was called `build/`: GitHub's standard Python `.gitignore` ignores every folder of
that name, and ruff (like black) skips it by default, so a project that copied such a template silently
lost the pipeline. These tests hold every tracked file of the product (the package, the catalogue, the
hand-written pages) against both lists.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

import pytest

REPO = Path(__file__).resolve().parents[1]

# Directory and file patterns of GitHub's Python.gitignore
# (https://github.com/github/gitignore/blob/main/Python.gitignore), the ones that name folders or
# source-like files; git itself applies them below.
PYTHON_GITIGNORE = """\
__pycache__/
*.py[cod]
env/
build/
develop-eggs/
dist/
downloads/
eggs/
.eggs/
lib/
lib64/
parts/
sdist/
var/
wheels/
share/python-wheels/
*.egg-info/
*.egg
*.manifest
*.spec
htmlcov/
.tox/
.nox/
.cache
cover/
*.mo
*.pot
*.log
instance/
docs/_build/
.pybuilder/
target/
profile_default/
__pypackages__/
.env
.venv
venv/
ENV/
/site
cython_debug/
"""

# ruff's default `exclude` (https://docs.astral.sh/ruff/settings/#exclude): folder names skipped anywhere.
RUFF_DEFAULT_EXCLUDES = {
    ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints", ".mypy_cache", ".nox",
    ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache", ".svn", ".tox", ".venv", ".vscode",
    "__pypackages__", "_build", "buck-out", "build", "dist", "node_modules", "site-packages", "venv",
}

PRODUCT_FOLDERS = ("macros", "catalogue", "docs")


def _product_files() -> list[str]:
    try:
        listed = subprocess.run(["git", "ls-files", "--", *PRODUCT_FOLDERS], cwd=REPO, capture_output=True,
                                text=True, check=True).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    assert any(path.startswith("macros/almenviden/") for path in listed)
    return listed


def test_no_product_file_is_ignored_by_pythons_standard_gitignore(tmp_path):
    excludes = tmp_path / "python.gitignore"
    excludes.write_text(PYTHON_GITIGNORE, encoding="utf-8")
    files = _product_files()
    result = subprocess.run(["git", "-c", f"core.excludesFile={excludes}", "check-ignore", "--no-index",
                             "--stdin", "--verbose"], cwd=REPO, input="\n".join(files) + "\n",
                            capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr  # 1: nothing ignored
    assert result.stdout == "", f"ignored by Python.gitignore:\n{result.stdout}"


def test_the_gitignore_check_would_see_a_folder_called_build(tmp_path):
    """The check above can fail: the old name of the package is caught."""
    excludes = tmp_path / "python.gitignore"
    excludes.write_text(PYTHON_GITIGNORE, encoding="utf-8")
    result = subprocess.run(["git", "-c", f"core.excludesFile={excludes}", "check-ignore", "--no-index",
                             "macros/almenviden/build/pipeline.py"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0 and "build/pipeline.py" in result.stdout


def test_no_product_folder_is_a_linter_default_exclude():
    bad = sorted({path for path in _product_files()
                  if RUFF_DEFAULT_EXCLUDES & set(PurePosixPath(path).parts[:-1])})
    assert not bad, f"in a folder ruff skips by default: {bad[:5]}"
