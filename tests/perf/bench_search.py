"""Search benchmark: bytes and time of the first search in headless Chromium over loopback.

    python -m tests.perf.bench_search --sizes 1000 10000 --runs 5 [--vocabulary small zipf]

For every size N and vocabulary it writes a synthetic catalogue (tests/perf/synthetic.py: "small" draws
every word from ~110 words, so each query matches nearly every page, the worst case for Pagefind;
"zipf" adds 20,000 made-up words with Zipf frequencies), builds the site with `almenviden build` and serves it on 127.0.0.1 twice: plain (every byte as stored) and gzip (text
files compressed on the wire, as a static host such as GitHub Pages does; Pagefind's own index files
are compressed already). Per run, in a fresh browser context (empty cache), it opens an entry page and
then measures:

- header search, cold: the reader clicks the box and types a word at once. Bytes = every response
  after the page had loaded (encodedDataLength from the DevTools protocol: body plus headers, as
  transferred); time = from the last keystroke's input event to the results being in the page. The box
  waits 120 ms after the last keystroke before it searches, so time includes that debounce.
- header search, warm: the same, but the box had focus for a second first (the search box then loads
  Pagefind while the reader types).
- catalogue page: open ideer/ (or each of --catalogue-pages) and wait for the first cards and facet
  counts (no query): bytes and time from the start of navigation; then the catalogue's own first query:
  type a word in its search field, bytes and time from the last keystroke until the cards are there
  (including the field's 200 ms debounce). Each also records which shard folders
  (pagefind/shards/<shard>/) it fetched from.

    python -m tests.perf.bench_search --site DIR --only catalogue --catalogue-pages ideer/ kurser/ --runs 3

measures a site already built (--site, e.g. one kept with --keep or built from
`python -m tests.perf.synthetic`; give its --vocabulary for the queries), and --only header / catalogue
measures one part.

Prints medians and writes JSON to tests/perf/results/. Targets (issue 3): first query <= 150 KB and
<= 300 ms. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

try:
    from . import synthetic
except ImportError:  # run as a script: python tests/perf/bench_search.py
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import synthetic

REPO = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "results"
CHROMIUM = os.environ.get("ALMENVIDEN_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]
# Words of the synthetic text (okonomi: typed without ø). With vocabulary "zipf" two made-up words of
# frequency rank 300 and 3,000 are added, which match a few percent and a few per mille of the pages.
QUERIES = ("fællesskab", "okonomi", "kompost", "vedligeholdelse", "bestyrelse")
COMPRESSIBLE = {".js", ".css", ".html", ".json", ".svg", ".xml", ".txt"}

RESULTS_READY = """q => {
  const panel = document.querySelector('#av-search-panel');
  const status = document.querySelector('[data-av-search-status]');
  return panel && panel.getAttribute('aria-busy') === 'false' && status.textContent.includes('»' + q + '«');
}"""

# Type a word in a search field as a reader does, and time from the last input event until the element that
# says it is busy (aria-busy) is done (and, with `quoted`, the status names the word: »q«).
_TYPE_AND_WAIT = """async ([q, field, busy, statusLine, quoted]) => {
  const input = document.querySelector(field);
  const panel = document.querySelector(busy);
  const status = document.querySelector(statusLine);
  input.focus();
  let last = 0;
  for (let i = 1; i <= q.length; i++) {
    input.value = q.slice(0, i);
    last = performance.now();
    input.dispatchEvent(new Event('input', {bubbles: true}));
    await new Promise(r => setTimeout(r, 30));  // a fast typist
  }
  await new Promise(resolve => {  // both fields set aria-busy at once and clear it when their search is done
    const done = () => panel.getAttribute('aria-busy') === 'false' && (!quoted || status.textContent.includes('»' + q + '«'));
    if (done()) return resolve();
    new MutationObserver((_, obs) => { if (done()) { obs.disconnect(); resolve(); } })
      .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  });
  return {ms: performance.now() - last, results: document.querySelectorAll('.av-sr').length,
          status: status.textContent};
}"""
# The header box: results in its panel.
TYPE_AND_TIME = ("async (q) => (" + _TYPE_AND_WAIT
                 + ")([q, '#av-search-input', '#av-search-panel', '[data-av-search-status]', true])")
# A catalogue page's own search field: its cards.
CATALOGUE_TYPE_AND_TIME = ("async (q) => (" + _TYPE_AND_WAIT + ")([q, '[data-av-catalogue] .av-cat__input', "
                           "'[data-av-catalogue] .av-cat__main', '[data-av-catalogue] .av-cat__status', false])")
SHARD_FOLDER = re.compile(r"/pagefind/shards/([^/]+)/")


class Handler(http.server.SimpleHTTPRequestHandler):
    gzip_text = False
    _cache: dict = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (self.gzip_text and path.suffix in COMPRESSIBLE and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = self._cache.get(path)
        if body is None:
            body = self._cache[path] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(root: Path, gzip_text: bool):
    handler = type("H", (Handler,), {"gzip_text": gzip_text, "_cache": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


class Traffic:
    """Bytes on the wire per request, from the DevTools protocol."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        self.urls: dict[str, str] = {}
        self.sizes: dict[str, int] = {}
        self.cdp.on("Network.requestWillBeSent", lambda e: self.urls.__setitem__(e["requestId"], e["request"]["url"]))
        self.cdp.on("Network.loadingFinished", lambda e: self.sizes.__setitem__(e["requestId"], e["encodedDataLength"]))

    def reset(self):
        self.urls.clear()
        self.sizes.clear()

    def total(self) -> tuple[int, int, list[str]]:
        files = sorted(self.urls[r].split("/pagefind/")[-1] for r in self.sizes if r in self.urls)
        return sum(self.sizes.values()), len(self.sizes), files

    def shards(self) -> list[str]:
        """The shard folders (pagefind/shards/<shard>/) anything was fetched from."""
        return sorted({m.group(1) for url in self.urls.values() if (m := SHARD_FOLDER.search(url))})

    def by_kind(self) -> dict[str, list[int]]:
        """Bytes and requests per kind of file (FILE_KINDS)."""
        out: dict[str, list[int]] = {}
        for request, size in self.sizes.items():
            kind = file_kind(self.urls.get(request, ""))
            row = out.setdefault(kind, [0, 0])
            row[0] += size
            row[1] += 1
        return out


# What the first query loads, by kind of file (the first pattern that matches the URL); a shard's files
# (pagefind/shards/<shard>/…) count with the primary's of the same kind.
_BUNDLE = r"/pagefind/(?:shards/[^/]+/)?"
FILE_KINDS = (("pagefind.js", r"/pagefind/pagefind\.js$"), ("wasm", r"/pagefind/wasm\."),
              ("pagefind-entry.json", _BUNDLE + r"pagefind-entry\.json$"), ("pf_meta", r"\.pf_meta$"),
              ("index chunks", _BUNDLE + "index/"), ("fragments", _BUNDLE + "fragment/"),
              ("filters", _BUNDLE + "filter/"), ("word list core", r"/pagefind/almenviden-words\.json$"),
              ("word list parts", r"/pagefind/almenviden-words/"), ("own scripts", r"/assets/almenviden/"))


def file_kind(url: str) -> str:
    return next((kind for kind, pattern in FILE_KINDS if re.search(pattern, url)), "other")


def first_search(browser, base: str, entry_path: str, query: str, warm: bool) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        traffic = Traffic(page)
        page.goto(base + entry_path, wait_until="load")
        page.wait_for_timeout(200)
        traffic.reset()
        if warm:
            page.focus("#av-search-input")
            page.wait_for_timeout(1000)
        timing = page.evaluate(TYPE_AND_TIME, query)
        page.wait_for_timeout(300)  # anything still arriving belongs to this search too
        size, requests, files = traffic.total()
        return {"query": query, "ms": timing["ms"], "bytes": size, "requests": requests,
                "results_shown": timing["results"], "status": timing["status"], "files": files,
                "by_kind": traffic.by_kind()}
    finally:
        context.close()


def catalogue_page(browser, base: str, path: str = "ideer/", query: str | None = None) -> dict:
    """A catalogue page opened without a query (bytes and time until its cards and counts), then, with
    `query`, its own first query typed in its search field ("query": bytes and time from the last keystroke)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        traffic = Traffic(page)
        start = time.perf_counter()
        page.goto(base + path, wait_until="domcontentloaded")
        page.wait_for_selector("[data-av-catalogue] .av-cat__main[aria-busy=false]", timeout=120_000)
        ms = (time.perf_counter() - start) * 1000
        page.wait_for_timeout(300)  # anything still arriving belongs to the page
        size, requests, _ = traffic.total()
        html = next((s for r, s in traffic.sizes.items() if traffic.urls.get(r, "").endswith("/" + path)), 0)
        row = {"path": path, "ms": ms, "bytes": size, "requests": requests, "html_bytes": html,
               "shards": traffic.shards(), "by_kind": traffic.by_kind()}
        if query:
            traffic.reset()
            timing = page.evaluate(CATALOGUE_TYPE_AND_TIME, query)
            page.wait_for_timeout(300)
            size, requests, _ = traffic.total()
            row["query"] = {"query": query, "ms": timing["ms"], "bytes": size, "requests": requests,
                            "status": timing["status"], "shards": traffic.shards(), "by_kind": traffic.by_kind()}
        return row
    finally:
        context.close()


def first_queries(site: Path, queries=QUERIES, gzip_text: bool = True) -> list[dict]:
    """The header search's cold first query (see first_search) for each of `queries` on an entry page of a
    built site, served on 127.0.0.1 (text gzipped on the wire unless gzip_text is False), each in a fresh
    browser context. Used by bench_build."""
    from playwright.sync_api import sync_playwright

    entry = next((site / "ideer").glob("*/index.html")).parent.relative_to(site).as_posix() + "/"
    server, base = serve(site, gzip_text)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
            try:
                return [first_search(browser, base, entry, query, warm=False) for query in queries]
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


def build(count: int, vocabulary: str, work: Path) -> Path:
    catalogue, site = work / f"catalogue-{vocabulary}-{count}", work / f"site-{vocabulary}-{count}"
    synthetic.write_catalogue(catalogue, count, vocabulary=vocabulary)
    env = {k: v for k, v in os.environ.items() if k != "ALMENVIDEN_CATALOGUE"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "almenviden.cli", "build", "--catalogue", str(catalogue), "--site-dir",
                    str(site), "-f", str(REPO / "mkdocs.yml")], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"  bygget på {time.perf_counter() - start:.0f} s", flush=True)
    return site


def bundle_stats(site: Path) -> dict:
    bundle = site / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    by_dir = {}
    for sub in ("index", "fragment", "filter"):
        sub_files = list((bundle / sub).glob("*"))
        by_dir[sub] = {"files": len(sub_files), "bytes": sum(p.stat().st_size for p in sub_files),
                       "largest": max((p.stat().st_size for p in sub_files), default=0)}
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files), **by_dir}


def median(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def measure_site(browser, site: Path, queries, runs: int, parts: list[str], catalogue_pages: list[str]) -> dict:
    """Every measurement of one built site, plain and gzip on the wire (printed as it goes)."""
    size_report = {"bundle": bundle_stats(site), "modes": {}}
    entry = next((site / "ideer").glob("*/index.html")).parent.relative_to(site).as_posix() + "/"
    for mode in ("plain", "gzip"):
        server, base = serve(site, mode == "gzip")
        try:
            rows = {"cold": [], "warm": []}
            if "header" in parts:
                for _ in range(runs):
                    for query in queries:
                        for warmth in rows:
                            rows[warmth].append(first_search(browser, base, entry, query, warmth == "warm"))
            catalogues = {}
            if "catalogue" in parts:
                for path in catalogue_pages:
                    catalogues[path] = [catalogue_page(browser, base, path, queries[i % len(queries)])
                                        for i in range(max(3, runs // 2))]
        finally:
            server.shutdown()
            server.server_close()
        summary: dict = {}
        if "header" in parts:
            summary = {w: {"median_ms": median(r, "ms"), "median_bytes": median(r, "bytes"),
                           "max_bytes": max(x["bytes"] for x in r), "median_requests": median(r, "requests")}
                       for w, r in rows.items()}
            summary["example_files"] = rows["cold"][0]["files"]
            summary["cold_by_kind_KB"] = {kind: round(statistics.median(
                r["by_kind"].get(kind, [0, 0])[0] for r in rows["cold"]) / 1024, 1) for kind, _ in FILE_KINDS}
            summary["runs"] = rows
            print(f"  {mode:5}: første søgning kold {summary['cold']['median_ms']:.0f} ms, "
                  f"{summary['cold']['median_bytes'] / 1024:.0f} KB (maks {summary['cold']['max_bytes'] / 1024:.0f}); "
                  f"varm {summary['warm']['median_ms']:.0f} ms", flush=True)
            print("         kold, median KB pr. filtype: " + ", ".join(
                f"{kind} {kb}" for kind, kb in summary["cold_by_kind_KB"].items() if kb), flush=True)
        summary["catalogues"] = {}
        for path, found in catalogues.items():
            queried = [r["query"] for r in found]
            summary["catalogues"][path] = {
                "median_ms": median(found, "ms"), "median_bytes": median(found, "bytes"),
                "median_requests": median(found, "requests"), "html_bytes": found[0]["html_bytes"],
                "shards": found[0]["shards"],
                "query": {"median_ms": median(queried, "ms"), "median_bytes": median(queried, "bytes"),
                          "median_requests": median(queried, "requests"), "shards": queried[0]["shards"]},
                "runs": found}
            c = summary["catalogues"][path]
            print(f"  {mode:5}: {path}: siden {c['median_ms']:.0f} ms, {c['median_bytes'] / 1024:.0f} KB, "
                  f"{c['median_requests']:.0f} forespørgsler; første søgning dér {c['query']['median_ms']:.0f} ms, "
                  f"{c['query']['median_bytes'] / 1024:.0f} KB; søgeindeksets dele: "
                  f"{', '.join(sorted(set(c['shards']) | set(c['query']['shards']))) or 'ingen'}", flush=True)
        if "ideer/" in summary["catalogues"]:  # the key earlier results have
            c = summary["catalogues"]["ideer/"]
            summary["catalogue"] = {"median_ms": c["median_ms"], "median_bytes": c["median_bytes"],
                                    "html_bytes": c["html_bytes"]}
        size_report["modes"][mode] = summary
    return size_report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5, help="runs per query and mode")
    parser.add_argument("--vocabulary", nargs="+", choices=["small", "zipf"], default=["small", "zipf"],
                        help="synthetic text: small (worst case, every word on every page) and/or zipf")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "almenviden-bench-search")
    parser.add_argument("--keep", action="store_true", help="keep the built sites")
    parser.add_argument("--site", type=Path, help="measure this built site (no catalogue is written or built; "
                        "--sizes is ignored, the first --vocabulary chooses the queries)")
    parser.add_argument("--only", choices=["header", "catalogue"], help="measure only the header search or "
                        "only the catalogue pages")
    parser.add_argument("--catalogue-pages", nargs="+", default=["ideer/"], metavar="PATH",
                        help="catalogue pages to measure, e.g. ideer/ kurser/ (default: ideer/)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    parts = [args.only] if args.only else ["header", "catalogue"]
    args.workdir.mkdir(parents=True, exist_ok=True)
    report = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": sys.version.split()[0],
                          "load_before": os.getloadavg()}, "sizes": {}}
    print(f"Belastning (1/5/15 min) før: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        report["machine"]["chromium"] = browser.version
        sites = ([(args.vocabulary[0], None)] if args.site
                 else [(v, n) for v in args.vocabulary for n in args.sizes])
        for vocabulary, count in sites:
            queries = QUERIES
            if vocabulary == "zipf":
                words = synthetic.zipf_vocabulary()
                queries = QUERIES[:3] + (words[300], words[3000])
            if args.site:
                print(f"{args.site}, ordforråd {vocabulary}", flush=True)
                site = args.site
            else:
                print(f"N = {count}, ordforråd {vocabulary}", flush=True)
                site = build(count, vocabulary, args.workdir)
            key = str(args.site) if args.site else f"{vocabulary}-{count}"
            report["sizes"][key] = measure_site(browser, site, queries, args.runs, parts, args.catalogue_pages)
            if not args.keep and not args.site:
                shutil.rmtree(site, ignore_errors=True)
        browser.close()
    report["machine"]["load_after"] = os.getloadavg()
    print(f"Belastning (1/5/15 min) efter: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"search-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"Resultater: {out}")


if __name__ == "__main__":
    main()
