"""Does the offline copy search from file://? (issue 19: "search works in the browser and offline" at 100,000.)

    python -m tests.perf.offline_search --zip WORK/n100000/offline.zip [--out DIR]

Unzips the copy, opens an entry page from disk in headless Chromium with every request that is not a file
aborted and recorded, and types each query of bench_search.QUERIES in the header box (a fresh context each).
Prints, per query, the results shown, the status line and the time from the last keystroke to the results; then
the facet counts Pagefind gives for the whole catalogue, every shard merged. Exit 1 if a query shows no results,
a page error happened, or anything was requested from a network. Not a test (it needs a built copy); nothing timed
is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from tests.perf.bench_search import CHROMIUM, LAUNCH_ARGS, QUERIES, TYPE_AND_TIME

FACETS = "async () => { const p = await window.almenviden.pagefind(); return p.filters(); }"


def check(root: Path, queries=QUERIES) -> tuple[list[dict], dict, list[str]]:
    from playwright.sync_api import sync_playwright

    entry = next((root / "ideer").glob("*/index.html"))
    problems: list[str] = []
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        try:
            for query in [*queries, None]:
                context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
                context.route(lambda url: not url.startswith(("file:", "data:", "blob:")),
                              lambda route: (problems.append(f"netværk: {route.request.url}"), route.abort()))
                page = context.new_page()
                page.set_default_timeout(300_000)
                page.on("pageerror", lambda exc: problems.append(f"sidefejl: {exc}"))
                page.goto(entry.as_uri(), wait_until="load")
                if query is None:
                    facets = page.evaluate(FACETS)
                else:
                    timing = page.evaluate(TYPE_AND_TIME, query)
                    rows.append({"query": query, "ms": timing["ms"], "results_shown": timing["results"],
                                 "status": timing["status"]})
                    if not timing["results"]:
                        problems.append(f"ingen resultater for »{query}«")
                context.close()
        finally:
            browser.close()
    return rows, facets, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zip", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=None, help="where to unzip (default: a temporary folder)")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="almenviden-offline-check-"))
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    with zipfile.ZipFile(args.zip) as archive:
        archive.extractall(out)
    root = out if (out / "index.html").is_file() else next(p.parent for p in out.glob("*/index.html"))
    print(f"pakket ud på {time.perf_counter() - start:.0f} s: {root}", flush=True)
    rows, facets, problems = check(root)
    for row in rows:
        print(f"  {row['query']:<16} {row['results_shown']:>3} resultater vist, {row['ms']:.0f} ms  {row['status']}")
    print("  filtre (alle delindeks lagt sammen): "
          + "; ".join(f"{name}: {sum(values.values())}" for name, values in sorted(facets.items())))
    for problem in problems:
        print("  PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
