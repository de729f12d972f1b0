"""Issue 12: MkDocs and Material stay at the edge. Only almenviden.hosts.* may import them, so another
host can replace MkDocs without touching the model, validation, rendering, search or the offline copy."""

from __future__ import annotations

import ast
from pathlib import Path

import almenviden

PACKAGE = Path(almenviden.__file__).resolve().parent
HOST_LIBRARIES = ("mkdocs", "material")


def _imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):  # every import, also inside functions and try blocks
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in
              ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant)):
            found.append((node.lineno, str(node.args[0].value)))  # importlib.import_module("mkdocs…")
    return found


def _host_imports_in(source: str, name: str) -> list[str]:
    return [f"{name}:{line}: {module}" for line, module in _imported_modules(ast.parse(source, filename=name))
            if module.split(".")[0] in HOST_LIBRARIES]


def _host_imports(path: Path) -> list[str]:
    return _host_imports_in(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix())


def test_only_hosts_import_mkdocs_or_material():
    modules = [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]
    outside = [p for p in modules if p.relative_to(PACKAGE).parts[0] != "hosts"]
    assert len(outside) > 20, "the package was not found where expected"
    offenders = [hit for path in outside for hit in _host_imports(path)]
    assert not offenders, "MkDocs/Material imported outside almenviden/hosts/:\n" + "\n".join(offenders)


def test_the_check_sees_every_kind_of_import():
    """The boundary check itself: each way of importing MkDocs is caught (a check that sees nothing passes)."""
    sources = ["import mkdocs", "import mkdocs.config as c", "from mkdocs.plugins import BasePlugin",
               "def f():\n    from material import x", "try:\n    import material.plugins\nexcept ImportError:\n    pass",
               "import importlib\nimportlib.import_module('mkdocs.commands.build')"]
    for source in sources:
        assert _host_imports_in(source, "probe.py"), source
    clean = "import markdown\nfrom almenviden.hosts.mkdocs import plugin\nimport mkdocs_like\nfrom . import mkdocs\n"
    assert _host_imports_in(clean, "probe.py") == []


def test_the_host_itself_uses_mkdocs():
    """hosts/mkdocs is where MkDocs lives: if this found nothing, the scan would be looking at the wrong tree."""
    hosts = [p for p in (PACKAGE / "hosts").rglob("*.py")]
    assert any(_host_imports(p) for p in hosts)
