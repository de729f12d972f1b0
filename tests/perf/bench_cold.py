"""Cold builds of two checkouts side by side (issue 12: subprocess workers vs a process pool).

    python -m tests.perf.bench_cold --sizes 1000 4000 --runs 3 \
        --python old=/work/wt/cache-base/.venv/bin/python --python new=.venv/bin/python

For each size N it writes one synthetic catalogue (tests/perf/synthetic.py), then per run builds it
cold (no site folder, ALMENVIDEN_CACHE_DIR="") with each interpreter in turn (`-m almenviden build -q`,
each with its own checkout's code), alternating which goes first. Prints the medians, the ratio of each
to the first, and the load average before and after. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
from pathlib import Path

try:
    from . import synthetic
    from .bench_build import machine, run
except ImportError:  # run as a script
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import synthetic
    from bench_build import machine, run

REPO = Path(__file__).resolve().parents[2]


def _config(python: str) -> Path:
    """The mkdocs.yml of the checkout whose venv `python` is in (<checkout>/.venv/bin/python): each checkout
    builds with its own config, theme and macros module."""
    checkout = Path(python).absolute().parents[2]
    return checkout / "mkdocs.yml" if (checkout / "mkdocs.yml").is_file() else REPO / "mkdocs.yml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="cold builds of two checkouts (not a test)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python", action="append", required=True, metavar="NAME=PATH",
                        help="a name and the interpreter of a venv with that checkout installed (twice or more)")
    parser.add_argument("--workdir", type=Path,
                        default=Path(os.environ.get("TMPDIR", "/tmp")) / "almenviden-bench-cold")
    args = parser.parse_args(argv)
    pythons = dict(item.split("=", 1) for item in args.python)
    env = dict(os.environ, ALMENVIDEN_CACHE_DIR="", CI="true")
    env.pop("ALMENVIDEN_CATALOGUE", None)
    info = machine()
    print(f"{info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB, Python {info['python']}")
    rows = []
    for n in args.sizes:
        catalogue = args.workdir / f"n{n}" / "catalogue"
        shutil.rmtree(catalogue, ignore_errors=True)
        synthetic.write_catalogue(catalogue, n)
        times: dict[str, list[float]] = {name: [] for name in pythons}
        load_before = os.getloadavg()
        for r in range(args.runs):
            order = list(pythons) if r % 2 == 0 else list(reversed(pythons))
            for name in order:
                site = args.workdir / f"n{n}" / f"site-{name}"
                shutil.rmtree(site, ignore_errors=True)
                seconds, _ = run([pythons[name], "-m", "almenviden", "build", "-q", "--catalogue", str(catalogue),
                                  "--site-dir", str(site), "-f", str(_config(pythons[name]))], env=env)
                times[name].append(seconds)
                print(f"  N={n} run {r + 1} {name}: {seconds:.1f} s (load {os.getloadavg()[0]:.2f})", flush=True)
        rows.append((n, times, load_before, os.getloadavg()))
    first = next(iter(pythons))
    print(f"\n{'N':>6} " + " ".join(f"{name + ' median':>14}" for name in pythons)
          + " " + " ".join(f"{name + '/' + first:>12}" for name in list(pythons)[1:]) + "   runs (s)   load 1/5/15 before → after")
    for n, times, before, after in rows:
        medians = {name: statistics.median(t) for name, t in times.items()}
        line = f"{n:>6} " + " ".join(f"{medians[name]:>12.1f} s" for name in pythons)
        line += " " + " ".join(f"{medians[name] / medians[first]:>12.2f}" for name in list(pythons)[1:])
        line += "   " + "; ".join(f"{name} " + " ".join(f"{x:.1f}" for x in t) for name, t in times.items())
        line += "   " + "/".join(f"{x:.1f}" for x in before) + " → " + "/".join(f"{x:.1f}" for x in after)
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
