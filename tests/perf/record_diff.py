"""Check that the search records are byte-identical to those of an older revision (issue 12).

    python -m tests.perf.record_diff [--old-rev fcd48e4] [--extra CATALOGUE ...]

The old revision's package is exported (`git archive`) into a temporary folder and run in a process of its
own (PYTHONPATH before the editable install), so the old and the new `almenviden` never meet in one
interpreter. Each side writes, as JSON:

- for every entry of the shipped catalogue, of tests/fixtures/small and of the hostile catalogue
  (tests/hostile_catalogue.py, written once by this checkout), and of any --extra catalogue (e.g. one from
  tests/perf/synthetic.py), with directory URLs on and off: the record
  (old: `search_article(render_entry(...))`, new: `entry_record(...)`);
- every document handed to Pagefind (`BackgroundIndex.add`) in an `almenviden build` of the shipped
  catalogue with that side's own docs/ and mkdocs.yml (the hand-written pages included), and the word
  list (search/words.py) made from them.

Then the two are compared key by key. Exit 0 when all are identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from datetime import date
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 2)


def _records(side: str, catalogues: dict[str, str]) -> dict[str, str]:
    from almenviden.content.loading import load_catalogue
    from almenviden.render.entry_page import render_entry

    try:  # an old revision from before issue 12 read the record back from the page
        from almenviden.search.index import search_article
    except ImportError:
        search_article = None
    if side == "old" and search_article is not None:
        def record(entry, catalogue, directory_urls):
            return search_article(render_entry(entry, catalogue, directory_urls=directory_urls, today=TODAY))
    else:
        from almenviden.render.search_record import entry_record

        def record(entry, catalogue, directory_urls):
            return entry_record(entry, catalogue, directory_urls=directory_urls, today=TODAY)
    out = {}
    for name, root in catalogues.items():
        result = load_catalogue(Path(root))
        assert result.ok, (name, [d.gcc() for d in result.diagnostics])
        for entry in result.catalogue.entries.values():
            for directory_urls in (True, False):
                out[f"{name}/{entry.kind}/{entry.id}/{directory_urls}"] = record(entry, result.catalogue,
                                                                                  directory_urls)
    return out


def _build_documents(project: Path, catalogue: Path, work: Path) -> tuple[dict[str, str], dict]:
    """Every document the build hands to Pagefind, and the word list made from them."""
    from almenviden import cli
    from almenviden.search.index import BackgroundIndex
    from almenviden.search.words import SearchWords

    documents: dict[str, str] = {}
    original = BackgroundIndex.add

    def add(self, relative_path, document):
        documents[relative_path] = document
        return original(self, relative_path, document)

    BackgroundIndex.add = add
    os.environ["ALMENVIDEN_CACHE_DIR"] = ""
    os.environ["ALMENVIDEN_RENDER_WORKERS"] = "0"
    os.chdir(project)
    code = cli.main(["build", "-q", "--catalogue", str(catalogue), "--site-dir", str(work / "site"),
                     "-f", str(project / "mkdocs.yml")])
    assert code in (0, None), code
    words = SearchWords()
    for relative in sorted(documents):
        words.add(documents[relative])
    return documents, words.data()


def dump(side: str, project: str, catalogues: str, out: str) -> None:
    import almenviden

    print(f"record_diff: {side} side runs {Path(almenviden.__file__).parent}", file=sys.stderr)
    names = json.loads(catalogues)
    records = _records(side, names)
    with tempfile.TemporaryDirectory(prefix=f"record-diff-{side}-") as work:
        documents, words = _build_documents(Path(project), Path(project) / "catalogue", Path(work))
    Path(out).write_text(json.dumps({"records": records, "documents": documents, "words": words},
                                    ensure_ascii=False), encoding="utf-8")


def _export(rev: str, dest: Path) -> None:
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", rev], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")


def _side(side: str, project: Path, package_root: Path, catalogues: dict[str, str], out: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(package_root))
    subprocess.run([sys.executable, __file__, "--dump", side, str(project), json.dumps(catalogues), str(out)],
                   check=True, env=env, cwd=project)


def _compare(label: str, old: dict, new: dict) -> bool:
    same = sum(1 for k in old if k in new and old[k] == new[k])
    print(f"{label}: {same} identical of {len(old)} (old) / {len(new)} (new)")
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            print(f"  differs: {key}")
            a, b = old.get(key) or "", new.get(key) or ""
            i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            print(f"    old …{a[max(0, i - 80):i + 120]!r}\n    new …{b[max(0, i - 80):i + 120]!r}")
            break
    return same == len(old) == len(new)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old-rev", default="fcd48e4")
    parser.add_argument("--extra", nargs="*", default=[], type=Path, help="more catalogues to compare")
    parser.add_argument("--dump", nargs=4, help=argparse.SUPPRESS)  # one side, in its own process
    args = parser.parse_args()
    if args.dump:
        dump(*args.dump)
        return 0
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import FIXTURES, make_catalogue  # noqa: E402
    from hostile_catalogue import write_catalogue  # noqa: E402

    with tempfile.TemporaryDirectory(prefix="record-diff-") as tmp:
        tmp = Path(tmp)
        old_tree = tmp / "old"
        _export(args.old_rev, old_tree)
        catalogues = {"shipped": str(REPO / "catalogue"),
                      "small": str(make_catalogue(tmp / "small", FIXTURES / "small")),
                      "hostile": str(write_catalogue(tmp / "hostile", REPO / "catalogue").root)}
        catalogues |= {f"extra{i}": str(path.resolve()) for i, path in enumerate(args.extra, 1)}
        _side("old", old_tree, old_tree / "macros", catalogues, tmp / "old.json")
        _side("new", REPO, REPO / "macros", catalogues, tmp / "new.json")
        old = json.loads((tmp / "old.json").read_text(encoding="utf-8"))
        new = json.loads((tmp / "new.json").read_text(encoding="utf-8"))
    ok = True
    for name in catalogues:
        pick = lambda d: {k: v for k, v in d["records"].items() if k.startswith(name + "/")}  # noqa: E731
        ok &= _compare(f"entry records, {name} (both URL styles)", pick(old), pick(new))
    docs = lambda d: {k: v for k, v in d["documents"].items() if k.count("/") < 2}  # noqa: E731
    ok &= _compare("Pagefind documents of the shipped build, hand-written pages", docs(old), docs(new))
    ok &= _compare("Pagefind documents of the shipped build, all", old["documents"], new["documents"])
    ok &= _compare("word list of the shipped build", {"words": old["words"]}, {"words": new["words"]})
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
