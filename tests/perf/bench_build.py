"""Build benchmark: almenviden against plain mkdocs-material + the Pagefind CLI over the same text.

    python -m tests.perf.bench_build --sizes 1000 10000 --runs 3

For every size N it writes a synthetic catalogue (tests/perf/synthetic.py) and, from the same
entries, a plain MkDocs project with one Markdown page per entry kept out of the navigation. Then,
per run: (a) cold `almenviden build` vs cold baseline (`mkdocs build` + `python -m pagefind`),
(b) `almenviden build` again after editing one entry, and in a running `almenviden serve` the time
from saving an edit until the new page is served (and until the search index is updated), (c) `almenviden check` vs a bare C-YAML parse
of the same files, (d) peak memory (max RSS of the command and its children, from wait4),
(e) the largest entry page, (f) the offline zip (`almenviden offline`, if that command exists).
Prints medians and ratios and writes JSON to tests/perf/results/. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

try:
    from . import synthetic
except ImportError:  # run as a script: python tests/perf/bench_build.py
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import synthetic

REPO = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "results"
PY = sys.executable
URL_DIRS = ("ideer", "kurser", "anbefalinger", "introforloeb")
KIND_DIRS = {"ideas": "ideer", "courses": "kurser", "recommendations": "anbefalinger", "guides": "introforloeb"}

BARE_PARSE = (
    "import sys, pathlib, yaml\n"
    "n = 0\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*/*.yaml')):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader); n += 1\n"
)


def run(cmd: list[str], env: dict | None = None, cwd: Path = REPO) -> tuple[float, int]:
    """Run `cmd`; return (wall seconds, peak RSS in bytes of it and its children). Fails loudly."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.stderr.write(out.decode(errors="replace")[-4000:])
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, cmd))}")
    return elapsed, usage.ru_maxrss * 1024


def baseline_project(catalogue: Path, dest: Path) -> Path:
    """mkdocs-material, no plugins, one Markdown page per entry (same text), none in the navigation."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Forside\n\nSyntetisk katalog.\n", encoding="utf-8")
    for kind, url_dir in KIND_DIRS.items():
        (docs / url_dir).mkdir()
        for path in sorted((catalogue / kind).glob("*.yaml")):
            data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
            lines = [f"# {data['title']}", "", data["summary"], "", data["body"]]
            for key, value in data.items():
                if key in ("title", "summary", "body") or not isinstance(value, list):
                    continue
                lines += ["", f"## {key}", ""]
                for item in value:
                    text = " – ".join(str(v) for v in item.values()) if isinstance(item, dict) else str(item)
                    lines.append(f"- {text}")
            (docs / url_dir / f"{path.stem}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: baseline\n"
        "theme:\n  name: material\n  language: da\n  font: false\n"
        "plugins: []\n"
        "nav:\n  - Forside: index.md\n"
        "not_in_nav: |\n" + "".join(f"  /{d}/\n" for d in URL_DIRS),
        encoding="utf-8")
    return dest


def largest_entry_page(site: Path) -> int:
    sizes = [p.stat().st_size for d in URL_DIRS for p in (site / d).glob("*/index.html")]
    sizes += [p.stat().st_size for d in URL_DIRS for p in (site / d).glob("*.html") if p.name != "index.html"]
    return max(sizes) if sizes else 0


def _has_subcommand(name: str) -> bool:
    proc = subprocess.run([PY, "-m", "almenviden.cli", name, "--help"], cwd=REPO, capture_output=True)
    return proc.returncode == 0


def _build_supports_quiet() -> bool:
    proc = subprocess.run([PY, "-m", "almenviden.cli", "build", "--help"], cwd=REPO, capture_output=True, text=True)
    return "--quiet" in proc.stdout


def middle_idea(catalogue: Path) -> Path:
    """The idea every run edits: the middle one by file name."""
    ideas = sorted((catalogue / "ideas").glob("*.yaml"))
    return ideas[len(ideas) // 2]


def edit_one_entry(catalogue: Path, run_no: int, word: str = "Rettet") -> None:
    """Prefix the title of the middle idea with `word` and `run_no`."""
    path = middle_idea(catalogue)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", f"title: {word} {run_no} ", 1), encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except (OSError, urllib.error.URLError):
        return ""


def serve_rebuild(catalogue: Path, env: dict, run_no: int, timeout: float = 1800) -> tuple[float, float | None]:
    """`almenviden serve`: seconds from saving an edited entry until the server delivers its new page, and
    until serve logs that the search index is updated (None if it did not within the timeout)."""
    port = _free_port()
    cmd = [PY, "-m", "almenviden.cli", "serve", "--catalogue", str(catalogue), "-a", f"127.0.0.1:{port}",
           "-f", str(REPO / "mkdocs.yml")]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    index_updates: list[float] = []

    def read_log() -> None:
        for line in proc.stdout:
            if "søgeindekset er opdateret" in line:
                index_updates.append(time.perf_counter())

    reader = threading.Thread(target=read_log, daemon=True)
    reader.start()
    try:
        url = f"http://127.0.0.1:{port}/{KIND_DIRS['ideas']}/{middle_idea(catalogue).stem}/"
        deadline = time.monotonic() + timeout
        while not index_updates:  # the first build, and its index, are done
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"serve did not start: {' '.join(cmd)}")
            time.sleep(0.2)
        seen = len(index_updates)
        start = time.perf_counter()
        edit_one_entry(catalogue, run_no, "Serve")
        needle = f"Serve {run_no} "
        while needle not in _fetch(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("serve did not rebuild the edited page")
            time.sleep(0.05)
        page = time.perf_counter() - start
        while len(index_updates) == seen and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        search = index_updates[seen] - start if len(index_updates) > seen else None
        return page, search
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


def bench_size(n: int, runs: int, work: Path) -> dict:
    work = work / f"n{n}"
    catalogue = work / "catalogue"
    print(f"\n== N = {n}: skriver syntetisk katalog i {work}", flush=True)
    synthetic.write_catalogue(catalogue, n)
    base = baseline_project(catalogue, work / "baseline")
    site = work / "site"
    cache = work / "cache"
    env = dict(os.environ, ALMENVIDEN_CACHE_DIR=str(cache), CI="true")
    env.pop("ALMENVIDEN_CATALOGUE", None)
    quiet = ["-q"] if _build_supports_quiet() else []
    build = [PY, "-m", "almenviden.cli", "build", *quiet, "--catalogue", str(catalogue), "--site-dir", str(site),
             "-f", str(REPO / "mkdocs.yml")]
    offline = _has_subcommand("offline")
    m: dict[str, list] = {k: [] for k in ("build_cold", "build_rss", "rebuild", "rebuild_rss", "baseline_cold",
                                          "baseline_mkdocs", "baseline_pagefind", "baseline_rss", "check",
                                          "check_rss", "bare_parse", "bare_parse_rss", "offline", "offline_rss",
                                          "serve_page", "serve_search")}
    page_max = zip_size = None
    for r in range(runs):
        print(f"  run {r + 1}/{runs}", flush=True)
        # baseline: cold mkdocs build + pagefind CLI
        shutil.rmtree(base / "site", ignore_errors=True)
        t1, rss1 = run([PY, "-m", "mkdocs", "build", "-q", "-f", str(base / "mkdocs.yml")], env=env)
        t2, rss2 = run([PY, "-m", "pagefind", "--site", str(base / "site"), "--silent"], env=env)
        m["baseline_mkdocs"].append(t1)
        m["baseline_pagefind"].append(t2)
        m["baseline_cold"].append(t1 + t2)
        m["baseline_rss"].append(max(rss1, rss2))
        # almenviden: cold (no site, no cache), then one edited entry
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        t, rss = run(build, env=env)
        m["build_cold"].append(t)
        m["build_rss"].append(rss)
        page_max = largest_entry_page(site)
        edit_one_entry(catalogue, r)
        t, rss = run(build, env=env)
        m["rebuild"].append(t)
        m["rebuild_rss"].append(rss)
        # serve: edit while the preview runs
        page_s, search_s = serve_rebuild(catalogue, env, r)
        m["serve_page"].append(page_s)
        if search_s is not None:
            m["serve_search"].append(search_s)
        # check vs bare parse
        t, rss = run([PY, "-m", "almenviden.cli", "check", "--catalogue", str(catalogue)], env=env)
        m["check"].append(t)
        m["check_rss"].append(rss)
        t, rss = run([PY, "-c", BARE_PARSE, str(catalogue)], env=env)
        m["bare_parse"].append(t)
        m["bare_parse_rss"].append(rss)
        if offline:
            out = work / "offline.zip"
            t, rss = run([PY, "-m", "almenviden.cli", "offline", "--catalogue", str(catalogue), "--output", str(out)],
                         env=env)
            m["offline"].append(t)
            m["offline_rss"].append(rss)
            zip_size = out.stat().st_size
    med = {k: statistics.median(v) if v else None for k, v in m.items()}
    med["entry_page_max_bytes"] = page_max
    med["offline_zip_bytes"] = zip_size
    med["ratio_build_vs_baseline"] = med["build_cold"] / med["baseline_cold"]
    med["ratio_rebuild_vs_baseline_cold"] = med["rebuild"] / med["baseline_cold"]
    med["ratio_check_vs_bare_parse"] = med["check"] / med["bare_parse"]
    med["ratio_serve_page_vs_baseline_cold"] = med["serve_page"] / med["baseline_cold"]
    return {"n": n, "runs": runs, "raw": m, "median": med}


def machine() -> dict:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        mem_gb = int(mem.split()[1]) / 1024 / 1024
    except (OSError, StopIteration):
        mem_gb = None
    versions = {}
    for dist in ("mkdocs", "mkdocs-material", "pagefind", "pagefind-bin", "PyYAML", "jsonschema"):
        try:
            from importlib.metadata import version
            versions[dist] = version(dist)
        except Exception:  # noqa: BLE001 - informative only
            versions[dist] = None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_gb, 1) if mem_gb else None,
            "python": platform.python_version(), "os": platform.platform(), "versions": versions}


def _fmt_s(x):
    return "n/a" if x is None else f"{x:.2f} s"


def _fmt_mb(x):
    return "n/a" if x is None else f"{x / 1e6:.0f} MB"


def table(results: list[dict], info: dict) -> str:
    rows = [
        ("cold build (almenviden)", lambda d: _fmt_s(d["build_cold"])),
        ("cold baseline (mkdocs + pagefind)", lambda d: _fmt_s(d["baseline_cold"])),
        ("  of which mkdocs / pagefind", lambda d: f"{d['baseline_mkdocs']:.2f} / {d['baseline_pagefind']:.2f} s"),
        ("ratio build / baseline (≤ 0.8)", lambda d: f"{d['ratio_build_vs_baseline']:.2f}"),
        ("rebuild after 1 edit", lambda d: _fmt_s(d["rebuild"])),
        ("ratio rebuild / baseline cold (≤ 0.2)", lambda d: f"{d['ratio_rebuild_vs_baseline_cold']:.2f}"),
        ("serve: edit → new page served", lambda d: _fmt_s(d["serve_page"])),
        ("ratio serve page / baseline cold (≤ 0.2)", lambda d: f"{d['ratio_serve_page_vs_baseline_cold']:.2f}"),
        ("serve: edit → search index updated", lambda d: _fmt_s(d["serve_search"])),
        ("check", lambda d: _fmt_s(d["check"])),
        ("bare C-YAML parse", lambda d: _fmt_s(d["bare_parse"])),
        ("ratio check / parse (≤ 3)", lambda d: f"{d['ratio_check_vs_bare_parse']:.2f}"),
        ("peak RSS build (≤ 1 GB)", lambda d: _fmt_mb(d["build_rss"])),
        ("peak RSS rebuild", lambda d: _fmt_mb(d["rebuild_rss"])),
        ("peak RSS baseline", lambda d: _fmt_mb(d["baseline_rss"])),
        ("peak RSS check", lambda d: _fmt_mb(d["check_rss"])),
        ("largest entry page", lambda d: f"{d['entry_page_max_bytes'] / 1000:.1f} KB"),
        ("offline zip", lambda d: "n/a" if d["offline_zip_bytes"] is None else f"{d['offline_zip_bytes'] / 1e6:.1f} MB"),
        ("offline command time", lambda d: _fmt_s(d["offline"])),
    ]
    head = ["", *[f"N = {r['n']:,}".replace(",", ".") for r in results]]
    body = [[name, *[fmt(r["median"]) for r in results]] for name, fmt in rows]
    widths = [max(len(str(row[i])) for row in [head, *body]) for i in range(len(head))]
    lines = [f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB, Python {info['python']}; "
             f"medians of {results[0]['runs']} runs"]
    for row in [head, *body]:
        lines.append("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |")
        if row is head:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="almenviden build benchmark (not a test)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "almenviden-bench")
    args = parser.parse_args(argv)
    info = machine()
    results = [bench_size(n, args.runs, args.workdir) for n in args.sizes]
    text = table(results, info)
    print("\n" + text)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench_build-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps({"machine": info, "results": results, "table": text}, indent=2, ensure_ascii=False),
                   encoding="utf-8")
    print(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
