"""The offline copy as files (issue 4): one zip, .html links only, nothing from other hosts, a banner
on every page, a search bundle that loads through classic scripts. The browser side is in
tests/browser/test_offline.py."""

from __future__ import annotations

import base64
import re
import zipfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from almenviden.danish.dates import danish_date
from almenviden.content.kinds import KINDS
from almenviden.offline import pagefind_bundle, pages
from almenviden.offline.download import SIZE_SLOT, download_html
from almenviden.content.loading import load_catalogue

from conftest import FIXTURES, REPO, SHIPPED, make_catalogue, run_cli

# Attributes that make the browser fetch something when the page loads (links only on click).
_FETCHING = {("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("source", "src"),
             ("source", "srcset"), ("iframe", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
             ("object", "data"), ("video", "poster"), ("input", "src")}

_NOT_FETCHED_LINKS = {"canonical", "alternate", "author", "license"}


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        if tag == "link" and dict(attrs).get("rel") in _NOT_FETCHED_LINKS:
            return  # e.g. <link rel="canonical" href="https://…"> once site_url is set: never requested
        for name, value in attrs:
            if value is not None and (name in ("href", "src", "srcset", "data", "poster", "action")):
                self.refs.append((tag, name, value))


def refs_of(html: str) -> list[tuple[str, str, str]]:
    parser = _Refs()
    parser.feed(html)
    return parser.refs


def html_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_zip_is_one_folder_with_index_html_and_the_search_bundle(offline_copy):
    with zipfile.ZipFile(offline_copy.zip) as archive:
        names = archive.namelist()
    top = {n.split("/", 1)[0] for n in names}
    assert len(top) == 1 and top <= {f"almenviden-offline-{day.isoformat()}" for day in offline_copy.days}
    root = offline_copy.root
    assert (root / "index.html").is_file() and (root / "ideer" / "index.html").is_file()
    assert (root / "pagefind" / "pagefind-offline.js").is_file()
    assert (root / "pagefind" / "pagefind-entry.json.js").is_file()
    assert (root / "assets" / "offline" / "offline-search.js").is_file()
    # Pagefind's module, its worker and the raw index files cannot be used from disk: gone.
    bundle = [p.relative_to(root / "pagefind").as_posix() for p in (root / "pagefind").rglob("*") if p.is_file()]
    assert "pagefind.js" not in bundle and "pagefind-worker.js" not in bundle
    assert [b for b in bundle if not b.endswith((".js", ".css"))] == []
    assert any(b.startswith("fragment/") for b in bundle) and any(b.startswith("index/") for b in bundle)
    # server-only files
    assert not (root / "404.html").exists() and not (root / "sitemap.xml").exists()
    assert f"Offline-kopien er skrevet til {offline_copy.zip}" in offline_copy.output


def test_every_entry_has_its_html_page(offline_copy):
    catalogue = load_catalogue(SHIPPED).catalogue
    for entry in catalogue.entries.values():
        folder = offline_copy.root / KINDS[entry.kind].url_dir
        # converted from the online site: ideer/x/index.html; built for disk (`almenviden offline`): ideer/x.html
        assert (folder / entry.id / "index.html").is_file() or (folder / f"{entry.id}.html").is_file(), entry.id


def test_every_page_says_it_is_an_offline_copy_and_when_it_was_built(offline_copy):
    (folder,) = {n.split("/", 1)[0] for n in zipfile.ZipFile(offline_copy.zip).namelist()}
    (built,) = [day for day in offline_copy.days if folder.endswith(day.isoformat())]
    expected = f"Offline-kopi bygget {danish_date(built)}"  # the day the zip is named after
    found = html_pages(offline_copy.root)
    assert len(found) > 50
    for page in found:
        html = page.read_text(encoding="utf-8")
        assert html.count('class="av-offline-banner"') == 1, page
        body = html[html.index("<body"):]
        assert expected in body[: body.index("</div>") + 6], page  # first thing in <body>
        head = html[: html.index("</head>")]
        prefix = pages.root_prefix(page, offline_copy.root)
        assert f'<script src="{prefix}assets/offline/offline-search.js"></script>' in head, page


def test_links_are_to_html_files_that_exist_and_nothing_is_fetched_from_a_host(offline_copy):
    assert_links_resolve(offline_copy.root, at_least=500)


def assert_links_resolve(root: Path, at_least: int) -> None:
    """Every relative link of every page of the copy in `root` is a file in it; nothing is fetched from a host."""
    checked = 0
    for page in html_pages(root):
        for tag, attr, value in refs_of(page.read_text(encoding="utf-8")):
            where = f"{page.relative_to(root)}: <{tag} {attr}={value!r}>"
            parts = urlsplit(value)
            if parts.scheme in ("http", "https") or value.startswith("//"):
                assert (tag, attr) not in _FETCHING, f"henter fra en anden vært: {where}"
                assert (tag, attr) == ("a", "href"), where
                continue
            if parts.scheme in ("mailto", "tel", "data") or not parts.path:
                continue  # same-page anchors, mail links, inline data
            assert not parts.scheme, where
            assert not parts.path.startswith("/"), f"rod-absolut sti virker ikke fra disken: {where}"
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_relative_to(root.resolve()), where
            assert target.is_file(), f"peger ikke på en fil (mappe-URL eller mangler): {where}"
            checked += 1
    assert checked > at_least
    for css in root.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text), css


def test_entry_links_use_html_files_not_directory_urls(offline_copy):
    html = (offline_copy.root / "ideer" / "index.html").read_text(encoding="utf-8")
    hrefs = [v for t, a, v in refs_of(html) if a == "href" and not urlsplit(v).scheme]
    entry_links = [h for h in hrefs if re.fullmatch(r"(\.\./)*(ideer/)?[a-z0-9-]+(\.html|/index\.html)", h)]
    assert len(entry_links) >= 10
    assert not [h for h in hrefs if h.endswith("/") or h in (".", "..")]


def test_the_search_data_scripts_hold_the_index_bytes(offline_copy, shipped_site):
    """Every data script registers exactly the bytes Pagefind wrote (compared with the online build's
    entry file and wasm, which do not depend on the page URLs)."""
    bundle = offline_copy.root / "pagefind"
    for name in ("pagefind-entry.json", "wasm.da.pagefind"):
        script = (bundle / f"{name}.js").read_text(encoding="ascii")
        match = re.fullmatch(r'almenvidenOffline\.put\("([^"]+)","([A-Za-z0-9+/=]*)"\);\n', script)
        assert match and match.group(1) == name
        online = (shipped_site / "pagefind" / name).read_bytes()
        if name.endswith(".json"):
            assert base64.b64decode(match.group(2)).startswith(b'{"version"')
        else:
            assert base64.b64decode(match.group(2)) == online


# ---------------------------------------------------------------- units


def test_classic_pagefind_js_turns_the_module_into_a_classic_script():
    module = ('const pagefind_version="1";var pagefind=void 0;'
              'var base=import.meta.url.match(/^(.*\\/)pagefind.js.*$/)?.[1];'
              "var search=async()=>1;var createInstance=()=>2;export{createInstance,search as find};")
    classic = pagefind_bundle.classic_pagefind_js(module)
    assert "import.meta" not in classic and "export" not in classic
    assert classic.startswith('(function(){"use strict";var __almenvidenPagefindUrl=window.almenvidenOffline.pagefindUrl;')
    assert "__almenvidenPagefindUrl.match(" in classic
    assert "window.almenvidenOffline.module({createInstance:createInstance,find:search});" in classic
    assert classic.rstrip().endswith("})();")


def test_classic_pagefind_js_refuses_a_module_it_does_not_know():
    with pytest.raises(pagefind_bundle.PagefindBundleError, match="pagefind.js"):
        pagefind_bundle.classic_pagefind_js("var a=1;")
    with pytest.raises(pagefind_bundle.PagefindBundleError):
        pagefind_bundle.classic_pagefind_js('import{x}from"./y.js";export{x};')


def test_data_script_round_trips_bytes():
    data = bytes(range(256)) * 3
    script = pagefind_bundle.data_script("fragment/da_1.pf_fragment", data)
    path, b64 = re.fullmatch(r'almenvidenOffline\.put\("(.+)","(.+)"\);\n', script).groups()
    assert path == "fragment/da_1.pf_fragment" and base64.b64decode(b64) == data


def test_convert_bundle_without_an_index_says_so_in_danish(tmp_path):
    with pytest.raises(pagefind_bundle.PagefindBundleError, match="intet Pagefind-søgeindeks"):
        pagefind_bundle.convert_bundle(tmp_path / "pagefind")


def test_mark_page_puts_the_script_in_head_and_the_banner_first_in_body():
    html = '<!doctype html><html lang="da"><head><title>x</title></head><body dir="ltr"><p>Hej</p></body></html>'
    marked = pages.mark_page(html, "../", date(2026, 11, 24))
    assert marked.index('src="../assets/offline/offline-search.js"') < marked.index("</head>")
    assert '<body dir="ltr"><div class="av-offline-banner"' in marked
    assert "Offline-kopi bygget 24. november 2026" in marked
    with pytest.raises(ValueError):
        pages.mark_page("<p>ingen head</p>", "", date(2026, 11, 24))


def test_download_link_is_relative_and_absent_without_a_zip():
    info = {"href": "almenviden-offline.zip", "bytes": 1_530_000, "built": "2026-11-24"}
    html = download_html(info, "om/")
    assert 'href="../almenviden-offline.zip"' in html
    assert "1,5 MB" in html and "bygget 24. november 2026" in html
    assert 'href="almenviden-offline.zip"' in download_html(info, "om.html")
    assert download_html(None, "om/") == ""


# ---------------------------------------------------------------- command line


def test_offline_writes_to_dist_by_default(tmp_path):
    """`almenviden offline` without --from-site builds the site for disk itself (.html links)."""
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    started = date.today()
    result = run_cli("offline", "--catalogue", str(catalogue), "-f", str(REPO / "mkdocs.yml"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    days = {started, date.today()}  # the days it ran on (two if it ran over midnight)
    (zip_path,) = (tmp_path / "dist").iterdir()
    assert zip_path.name in [f"almenviden-offline-{d.isoformat()}.zip" for d in days]
    assert "Traceback" not in result.stderr
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(tmp_path / "unpacked")
    (root,) = (tmp_path / "unpacked").iterdir()
    page = (root / "ideer" / "gammel-ide.html").read_text(encoding="utf-8")
    hrefs = [v for t, a, v in refs_of(page) if a == "href" and not urlsplit(v).scheme and urlsplit(v).path]
    assert len(hrefs) > 10 and not [h for h in hrefs if h.endswith("/") or h in (".", "..")], hrefs


def test_offline_from_a_site_that_is_not_built_says_so_in_danish(tmp_path):
    result = run_cli("offline", "--from-site", str(tmp_path / "site"), "--output", str(tmp_path / "x.zip"))
    assert result.returncode == 1
    assert "Offline-kopien blev ikke lavet" in result.stderr and "almenviden build" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr and not (tmp_path / "x.zip").exists()


def test_offline_with_a_broken_catalogue_fails_in_danish_and_writes_nothing(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    (catalogue / "ideas" / "ødelagt.yaml").write_text("title: [\n", encoding="utf-8")
    out = tmp_path / "x.zip"
    result = run_cli("offline", "--catalogue", str(catalogue), "--output", str(out), "-f", str(REPO / "mkdocs.yml"))
    assert result.returncode == 1
    assert "Offline-kopien blev ikke lavet" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_build_with_offline_offers_the_zip_and_a_plain_build_does_not(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", FIXTURES / "small")
    site = tmp_path / "site"
    result = run_cli("build", "--with-offline", "--catalogue", str(catalogue), "--site-dir", str(site),
                     "-f", str(REPO / "mkdocs.yml"))
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(site / "almenviden-offline.zip") as archive:
        assert any(n.endswith("/index.html") for n in archive.namelist())
    om = (site / "om" / "index.html").read_text(encoding="utf-8")
    assert 'href="../almenviden-offline.zip"' in om and "Hent offline-kopien" in om
    # The zip is made from this very site, after it was built: its size is written in afterwards.
    size = (site / "almenviden-offline.zip").stat().st_size
    assert f"(zip, {size / 1_000_000:.1f} MB,".replace(".", ",") in om and SIZE_SLOT not in om
    assert not list(site.rglob("*.part")) and not [p for p in site.iterdir() if p.name.startswith(".")]
    with zipfile.ZipFile(site / "almenviden-offline.zip") as archive:
        (om_in_zip,) = [n for n in archive.namelist() if n.endswith("/om/index.html")]
        offline_om = archive.read(om_in_zip).decode("utf-8")
        assert not [n for n in archive.namelist() if n.endswith((".zip", "sitemap.xml", "/404.html"))]
    assert "Hent offline-kopien" not in offline_om and "Offline-kopi bygget" in offline_om  # no offer of itself
    assert 'href="#offline-kopi"' in om and 'href="#offline-kopi"' not in offline_om  # nor in its contents

    plain = tmp_path / "plain"
    result = run_cli("build", "--catalogue", str(catalogue), "--site-dir", str(plain), "-f", str(REPO / "mkdocs.yml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (plain / "almenviden-offline.zip").exists()
    assert "Hent offline-kopien" not in (plain / "om" / "index.html").read_text(encoding="utf-8")



def test_converting_on_worker_processes_gives_the_same_zip_as_in_one_process(shipped_site, tmp_path):
    """offline --from-site parses the pages on other cores when there are many; the zip is byte for byte the same
    (and so is a second conversion: names sorted, fixed timestamps)."""
    zips = []
    for workers in ("2", "0", "0"):
        out = tmp_path / f"kopi-{len(zips)}.zip"
        result = run_cli("offline", "--from-site", str(shipped_site), "--output", str(out),
                         env={"ALMENVIDEN_RENDER_WORKERS": workers})
        assert result.returncode == 0, result.stdout + result.stderr
        zips.append(out.read_bytes())
    assert zips[0] == zips[1] == zips[2]
