"""Compare two built sites file for file (issue 12: the redesign must build the same site).

    python -m tests.perf.site_diff BEFORE AFTER [--zip-before A.zip --zip-after B.zip]

Every file must exist in both and have the same bytes, except Pagefind's bundle (`pagefind/`, whose
file names are content hashes and whose chunking is not deterministic between runs): of it only
the word list (`pagefind/almenviden-words.json` and `pagefind/almenviden-words/`, written by almenviden) is compared, and the bundle's file count is
reported. Offline zips are compared the same way, member by member (their timestamps are fixed).
Build dates are not masked: build both sites on the same day. Exit 0 when the same, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

OURS_IN_BUNDLE = ("almenviden-words.json",)
OURS_IN_BUNDLE_DIR = "almenviden-words/"


def _compared(rel: str) -> bool:
    parts = rel.split("/")
    for i, part in enumerate(parts):
        if part == "pagefind":
            rest = "/".join(parts[i + 1:])
            return (rest in OURS_IN_BUNDLE or rest.endswith(tuple(name + ".js" for name in OURS_IN_BUNDLE))
                    or rest.startswith(OURS_IN_BUNDLE_DIR))
    return True


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}


def diff(before: dict[str, bytes], after: dict[str, bytes]) -> tuple[list[str], int]:
    """Problems found, and how many files were compared."""
    problems, compared = [], 0
    for rel in sorted(set(before) | set(after)):
        if not _compared(rel):
            continue
        if rel not in after:
            problems.append(f"only before: {rel}")
        elif rel not in before:
            problems.append(f"only after: {rel}")
        elif before[rel] != after[rel]:
            problems.append(f"differs: {rel}")
        else:
            compared += 1
    return problems, compared


def _report(label: str, before: dict[str, bytes], after: dict[str, bytes]) -> bool:
    problems, compared = diff(before, after)
    bundle = [sum(1 for rel in files if not _compared(rel)) for files in (before, after)]
    print(f"{label}: {compared} files identical; Pagefind bundle files not compared: {bundle[0]} before, "
          f"{bundle[1]} after")
    for line in problems:
        print("  " + line)
    return not problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--zip-before", type=Path)
    parser.add_argument("--zip-after", type=Path)
    args = parser.parse_args(argv)
    same = _report("site", _tree(args.before), _tree(args.after))
    if args.zip_before and args.zip_after:
        same = _report("offline zip", _zip(args.zip_before), _zip(args.zip_after)) and same
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
