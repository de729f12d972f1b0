"""The core without MkDocs (issue 12): a small in-memory host (sitebuild.host.Host) runs the whole pipeline
(load, plan, render, write, search records, Pagefind) on tests/fixtures/small, and the offline bundle
conversion runs on the bundle it wrote; in a fresh process, neither mkdocs nor material is imported."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from markupsafe import escape

from almenviden.sitebuild.host import HandWrittenPage, ShellRequest, SiteSettings
from almenviden.sitebuild.pipeline import build_site
from almenviden.sitebuild.writer import page_path
from almenviden.content.loading import load_catalogue
from almenviden.offline.pagefind_bundle import OFFLINE_PAGEFIND_JS, convert_bundle
from almenviden.render.urls import entry_url
from almenviden.search.words import read_written

from conftest import FIXTURES, REPO, make_catalogue

TODAY = date(2026, 12, 2)
EDIT_BASE = "https://example.org/edit/"
PAGE = HandWrittenPage("om/index.html", "Om <os> & jer",
                       "<h1>Om os</h1><p>Vi deler viden om <strong>bestyrelsesarbejde</strong> og "
                       "kvartersloeft.</p>")


class MemoryHost:
    """A host in a few lines: a bare theme around each page, one hand-written page, nothing else."""

    def __init__(self, settings: SiteSettings) -> None:
        self.settings = settings
        self.requests: list[ShellRequest] = []

    def shell_page(self, request: ShellRequest) -> str:
        self.requests.append(request)
        # Like a real theme, this one does not escape what it is given (shell.py escapes the values).
        edit = f'<a class="edit" href="{EDIT_BASE}{request.edit_path}">Rediger</a>' if request.edit_path else ""
        return (f'<!doctype html><html lang="{self.settings.lang}"><head><meta charset="utf-8">'
                f'<title>{request.title} - Test</title><link rel="canonical" href="/{request.url}"></head>'
                f'<body><main>{request.content}{edit}</main></body></html>')

    def pages(self):
        return [PAGE]


def build_in_memory(catalogue: Path, site: Path) -> MemoryHost:
    host = MemoryHost(SiteSettings(catalogue_dir=catalogue, site_dir=site, directory_urls=True, lang="da",
                                   edit_root=catalogue.parent, cache_dir=None, quiet=True))
    build_site(host, today=TODAY)
    return host


@pytest.fixture(scope="module")
def core(tmp_path_factory):
    work = tmp_path_factory.mktemp("core")
    catalogue = make_catalogue(work / "catalogue", FIXTURES / "small")
    site = work / "site"
    host = build_in_memory(catalogue, site)
    result = load_catalogue(catalogue)
    assert result.ok
    return host, result.catalogue, site


def _fragments(bundle: Path) -> dict[str, dict]:
    records = {}
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[len(b"pagefind_dcd"):])
        records[record["url"]] = record
    return records


def test_every_entry_gets_its_page_from_the_hosts_shell(core):
    host, catalogue, site = core
    assert sorted(r.kind for r in host.requests) == sorted({e.kind for e in catalogue.entries.values()})
    for entry in catalogue.entries.values():
        html = (site / page_path(entry.kind, entry.id, True)).read_text(encoding="utf-8")
        assert f"<title>{escape(entry.title)} - Test</title>" in html, entry.id
        assert f'<link rel="canonical" href="/{entry_url(entry.kind, entry.id, True)}">' in html
        relative = entry.path.resolve().relative_to(catalogue.root.parent).as_posix()
        assert f'href="{EDIT_BASE}{relative}"' in html
        assert "__almenviden" not in html and "data-pagefind-body" in html
    titles = [e.title for e in catalogue.entries.values() if "<b>" in e.title]
    assert titles, "the fixture has an entry whose title holds markup"
    for entry in catalogue.entries.values():
        html = (site / page_path(entry.kind, entry.id, True)).read_text(encoding="utf-8")
        assert "<b>HTML</b>" not in html.split("<main>")[0]


def test_search_index_holds_the_entries_and_the_hand_written_page(core):
    _host, catalogue, site = core
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["da"]["page_count"] == len(catalogue.entries) + 1
    records = _fragments(site / "pagefind")
    for e in catalogue.entries.values():
        assert " ".join(records["/" + entry_url(e.kind, e.id, True)]["meta"]["title"].split()) == e.title
    page = records["/om/"]
    assert page["meta"]["title"] == PAGE.title and page["meta"]["kind"] == "Side"
    assert "bestyrelsesarbejde" in page["content"]
    words = read_written(site / "pagefind")
    assert "kvartersloeft" in words["words"] and "gennemgangsdato" in words["words"]


def test_offline_conversion_of_the_bundle_the_core_wrote(core, tmp_path):
    _host, _catalogue, site = core
    bundle = tmp_path / "pagefind"
    shutil.copytree(site / "pagefind", bundle)
    data_files = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*")
                  if p.is_file() and p.suffix not in (".js", ".css")]
    counts = convert_bundle(bundle)
    assert counts["data_files"] == len(data_files) > 0
    assert (bundle / OFFLINE_PAGEFIND_JS).is_file() and not (bundle / "pagefind.js").exists()
    for name in data_files:
        assert not (bundle / name).exists()
        assert (bundle / f"{name}.js").read_text(encoding="ascii").startswith(f'almenvidenOffline.put("{name}",')


def test_the_core_runs_without_importing_mkdocs_or_material(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    code = ("import json, sys; from pathlib import Path; import test_core_without_mkdocs as t; "
            f"t.build_in_memory(Path({str(catalogue)!r}), Path({str(tmp_path / 'site')!r})); "
            "from almenviden.offline.pagefind_bundle import convert_bundle; "
            f"convert_bundle(Path({str(tmp_path / 'site' / 'pagefind')!r})); "
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material'))))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO / "tests", capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
    assert (tmp_path / "site" / "pagefind" / OFFLINE_PAGEFIND_JS).is_file()
