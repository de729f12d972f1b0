"""Fuzz `almenviden check` (and `build`) with mutated copies of the shipped entries (issue 9).

    python -m tests.perf.fuzz_check --count 1000 [--seed 9] [--batch 50] [--no-build]

Each file is a shipped entry with one to three mutations: byte flips, truncations, inserted YAML syntax,
control and bidi characters, huge numbers, deep nesting, odd Unicode, changed line ends or indentation.
The files are checked in batches, next to the shipped entries so references resolve: a worker process
with a memory cap runs the real `almenviden check` (almenviden.cli.main) once per batch, with a timeout
per batch (a hang kills and restarts the worker). It reports

- tracebacks (any "Traceback" in the output, or an exit code other than 0 and 1),
- hangs (a batch that outlives the timeout),
- message lines that are not `catalogue/<file>:<line>:<col>: fejl: <message>` on one line, or whose line
  lies past the end of the file,

and, with the batch at fault re-run file by file, names the files that cause them. Then it builds the
files that passed `check` (one `almenviden build`) and reports a failed build. Nothing here is timed
against a target; the wall time is printed. Exit 1 if anything was found. Failing files are copied to
--keep (default $TMPDIR/almenviden-fuzz/found/).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "catalogue"
KINDS = ("ideas", "courses", "recommendations", "guides")
CLI = [sys.executable, "-m", "almenviden.cli"]
TIMEOUT = 120  # seconds per batch: a safety stop, far above what a batch takes
MEMORY = 768 << 20

LINE = re.compile(r"^catalogue/(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): fejl: \S")
SUMMARY = re.compile(r"^(Alt i orden|\d+ fejl i \d+ fil)")
# Characters that must never reach a message line raw: controls, line separators, bidi controls.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
ESCAPES = ["\\n", "\\r", "\\r\\n", "\\u202e", "\\u2066", "\\u200f", "\\x85", "\\u2028", "\\t", "\\e", "\\0",
           "\\x9b", "\\L", "\\P", "\\N", "\\_", "\\U0001F600", "\\ud800"]

SYNTAX = [": ", " :", "- ", "-", "[", "]", "{", "}", ",", "&a ", "*a", "!!python/object:os.system ", "!!binary ",
          "!x ", "---\n", "...\n", "? ", "|", ">", "|-\n", '"', "'", "%YAML 1.1\n", "%TAG ! x:\n", "#", "<<: ",
          "\t", "  ", "\n", "\n  - ", "\n- ", "~", "null", "yes", "0x1F", "0o17", "1_000", ".inf", "-.nan",
          "2024-02-30", "12:30:00", "=", "@", "`", "%", "\\", '"\\x"', '"\\u12"', "'''", "&a [*a, *a]"]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\x9b", "\u2028",
            "\u2029", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
            "\u200e", "\u200f", "\u061c", "\ufeff", "\ufffe", "\uffff", "\r", "\r\n"]
UNICODE = ["æøå", "ÆØÅ", "é", "e\u0301" * 50, "☕🎉", "👨‍👩‍👧‍👦", "مرحبا", "שלום", "\u0000", "𝔘𝔫𝔦", "ﷺ",
           "\u200b" * 20, "\U0010ffff", "Ⅻ", "ß" * 100, "İ"]
BAD_BYTES = [b"\xff", b"\xfe\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x82", b"\xf8\x88\x80\x80\x80",
             b"\xef\xbb\xbf", b"\xff\xfe", b"\x00\x00"]


def _huge_number(rng: random.Random) -> str:
    return rng.choice(["9" * rng.choice([20, 400, 4299, 4300, 4301, 6000]), "-" + "9" * 4300, "1e309", "-1e309",
                       "1.0e+300", "0x" + "f" * 1000, "1" + "_0" * 2000, "-0", "0.0000001", "123456789012345678901"])


def _deep(rng: random.Random) -> str:
    depth = rng.choice([39, 40, 41, 100, 1000, 5000])
    if rng.random() < 0.5:
        return "[" * depth + "]" * depth
    return "".join("\n" + " " * (2 * i) + f"k{i}:" for i in range(min(depth, 300))) + " x"


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One random mutation of `data`."""
    text = data.decode("utf-8", "surrogateescape")
    at = rng.randrange(len(data) + 1)
    char_at = rng.randrange(len(text) + 1)
    kind = rng.choice(["flip", "truncate", "syntax", "syntax", "control", "number", "number", "deep", "unicode",
                       "bad_bytes", "duplicate_line", "swap_lines", "indent", "line_ends", "delete", "key",
                       "escaped", "escaped"])
    if kind == "flip":
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            if b:
                i = rng.randrange(len(b))
                b[i] ^= 1 << rng.randrange(8)
        return bytes(b)
    if kind == "truncate":
        return data[:at]
    if kind == "delete":
        return data[:at] + data[at + rng.randint(1, 200):]
    if kind == "bad_bytes":
        return data[:at] + rng.choice(BAD_BYTES) + data[at:]
    lines = text.split("\n")
    if kind == "escaped" and lines:  # a value or key as a "…" string with escapes (line breaks, bidi …)
        i = rng.randrange(len(lines))
        key, sep, value = lines[i].partition(": ")
        inner = rng.choice(ESCAPES).join([value.strip('"') or "x", rng.choice(["", "y", value])])
        if sep and rng.random() < 0.7:
            lines[i] = f'{key}: "{inner}"'
        else:
            indent = len(lines[i]) - len(lines[i].lstrip(" -"))
            lines[i] = lines[i][:indent] + f'"{inner}": {value or "x"}'
    elif kind == "duplicate_line" and lines:
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
    elif kind == "swap_lines" and len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "indent" and lines:
        i = rng.randrange(len(lines))
        lines[i] = rng.choice([" ", "  ", "    ", "\t", ""]) + lines[i].lstrip(rng.choice([" ", ""]))
    elif kind == "line_ends":
        return "\n".join(lines).replace("\n", rng.choice(["\r\n", "\r", "\n\n", "\u2028", "\x85"])).encode(
            "utf-8", "surrogateescape")
    elif kind == "number":
        numbers = list(re.finditer(r"(?<=: )\d+\b", text))
        if numbers and rng.random() < 0.8:
            m = rng.choice(numbers)
            text = text[:m.start()] + _huge_number(rng) + text[m.end():]
        else:
            text = text[:char_at] + _huge_number(rng) + text[char_at:]
        return text.encode("utf-8", "surrogateescape")
    else:
        insert = {"syntax": lambda: rng.choice(SYNTAX), "control": lambda: rng.choice(CONTROLS),
                  "deep": lambda: _deep(rng), "unicode": lambda: rng.choice(UNICODE),
                  "key": lambda: f"\n{rng.choice(['x', 'title', 'steps', 'a' * 300, rng.choice(CONTROLS) + 'k'])}: "
                                 f"{rng.choice(['1', '[]', '{}', 'x', ''])}\n"}.get(kind, lambda: "")()
        text = text[:char_at] + insert + text[char_at:]
        return text.encode("utf-8", "surrogateescape")
    return "\n".join(lines).encode("utf-8", "surrogateescape")


def make_files(count: int, seed: int) -> list[tuple[str, str, bytes]]:
    """(kind, file name, bytes) of `count` mutated entries."""
    rng = random.Random(seed)
    seeds = [(kind, path.read_bytes()) for kind in KINDS for path in sorted((SHIPPED / kind).glob("*.yaml"))]
    files = []
    for n in range(count):
        kind, data = rng.choice(seeds)
        for _ in range(rng.choice([1, 1, 2, 3])):
            data = mutate(data, rng)
        files.append((kind, f"fuzz-{n:05d}.yaml", data))
    return files


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _worker() -> None:
    """Run `almenviden check` (its real command-line function) once per request line on stdin, in this
    process: a batch costs no interpreter start. Answers one JSON line per request."""
    import contextlib
    import io
    import traceback

    from almenviden.cli import main as almenviden

    for request in sys.stdin:
        out = io.StringIO()
        failure = None
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                code = almenviden(["check", "--catalogue", json.loads(request)])
        except BaseException:  # noqa: BLE001 - the finding itself
            failure, code = traceback.format_exc(), None
        print(json.dumps({"out": out.getvalue(), "traceback": failure, "code": code}), flush=True)


class Checker:
    """A worker process (see _worker) with a timeout per request; a hang kills and restarts it."""

    def __init__(self, where: Path):
        self.where = where
        self.process = None

    def _start(self) -> None:
        env = {k: v for k, v in os.environ.items() if k != "ALMENVIDEN_CATALOGUE"}
        self.process = subprocess.Popen([sys.executable, "-m", "tests.perf.fuzz_check", "--worker"], cwd=self.where,
                                        env={**env, "PYTHONPATH": str(REPO)}, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, encoding="utf-8", errors="replace",
                                        preexec_fn=_limit_memory)

    def check(self, catalogue: str) -> dict | None:
        """The worker's answer for `catalogue` (relative to `where`), or None if it did not answer in time."""
        if self.process is None or self.process.poll() is not None:
            self._start()
        self.process.stdin.write(json.dumps(catalogue) + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], TIMEOUT)
        answer = self.process.stdout.readline() if ready else ""
        if not answer:  # a hang, or the worker died (memory cap): start a fresh one next time
            self.close()
            return None
        return json.loads(answer)

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def _write(catalogue: Path, files: list[tuple[str, str, bytes]]) -> None:
    """`catalogue` (made once from the shipped one) with exactly `files` as its fuzz entries."""
    if not catalogue.exists():
        shutil.copytree(SHIPPED, catalogue, ignore=shutil.ignore_patterns("skabeloner"))
    for old in catalogue.glob("*/fuzz-*"):
        old.unlink()
    for kind, name, data in files:
        (catalogue / kind / name).write_bytes(data)


def _line_count(data: bytes) -> int:
    return len(re.split(rb"\r\n|\r|\n", data))


def run_check(checker: Checker, files: list[tuple[str, str, bytes]]) -> dict:
    """One check of `files`: {"hang": bool, "traceback": str|None, "bad_lines": [(file name or None, line)],
    "passed": [names]}."""
    _write(checker.where / "catalogue", files)
    answer = checker.check("catalogue")
    if answer is None:
        return {"hang": True, "traceback": None, "bad_lines": [], "passed": []}
    traceback = answer["traceback"] or (answer["out"] if answer["code"] not in (0, 1) else None)
    by_name = {name: data for _, name, data in files}
    bad, failed = [], set()
    lines = answer["out"].splitlines()
    for line in lines[:-1]:
        m = LINE.match(line)
        name = m["file"].split("/", 1)[-1] if m else None
        failed.add(name)
        if not m or UNSAFE.search(line):
            bad.append((name if name in by_name else None, line))
        elif name in by_name and int(m["line"]) > _line_count(by_name[name]) + 1:
            bad.append((name, line + "   <- past the end of the file"))
    if not lines or not SUMMARY.match(lines[-1]):
        bad.append((None, lines[-1] if lines else "(no output)"))
    passed = [name for _, name, _ in files if name not in failed] if traceback is None else []
    return {"hang": False, "traceback": traceback, "bad_lines": bad, "passed": passed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--no-build", action="store_true", help="only check, do not build the files that pass")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "almenviden-fuzz")
    parser.add_argument("--keep", type=Path, default=None, help="where to copy the files that cause a finding")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker()
        return 0
    keep = args.keep or args.workdir / "found"
    args.workdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=args.workdir))
    started = time.monotonic()
    files = make_files(args.count, args.seed)
    checker = Checker(work)
    findings: list[dict] = []
    passed: list[tuple[str, str, bytes]] = []
    for start in range(0, len(files), args.batch):
        batch = files[start:start + args.batch]
        outcome = run_check(checker, batch)
        if outcome["hang"] or outcome["traceback"] or any(name is None for name, _ in outcome["bad_lines"]):
            suspects = batch  # cannot tell which file: check them one by one
        else:
            suspects = []
            for one in batch:  # bad lines that name their file
                lines = [line for name, line in outcome["bad_lines"] if name == one[1]]
                if lines:
                    findings.append({"file": one[1], "kind": one[0], "hang": False, "traceback": "",
                                     "bad_lines": lines})
                    keep.mkdir(parents=True, exist_ok=True)
                    (keep / one[1]).write_bytes(one[2])
            passed += [f for f in batch if f[1] in outcome["passed"]]
        for one in suspects:
            single = run_check(checker, [one])
            if single["hang"] or single["traceback"] or single["bad_lines"]:
                findings.append({"file": one[1], "kind": one[0], "hang": single["hang"],
                                 "traceback": (single["traceback"] or "")[-2000:],
                                 "bad_lines": [line for _, line in single["bad_lines"]]})
                keep.mkdir(parents=True, exist_ok=True)
                (keep / one[1]).write_bytes(one[2])
            passed += [one] if single["passed"] == [one[1]] else []
        print(f"\r{min(start + args.batch, len(files))}/{len(files)} files, {len(findings)} findings", end="",
              file=sys.stderr, flush=True)
    print(file=sys.stderr)
    checker.close()
    checked_in = time.monotonic() - started
    build = None
    if passed and not args.no_build:
        catalogue = work / "catalogue"
        _write(catalogue, passed)
        env = {k: v for k, v in os.environ.items() if k != "ALMENVIDEN_CATALOGUE"}
        env["ALMENVIDEN_CACHE_DIR"] = str(work / "cache")
        try:
            result = subprocess.run([*CLI, "build", "-q", "--catalogue", str(catalogue), "--site-dir",
                                     str(work / "site"), "-f", str(REPO / "mkdocs.yml")], cwd=REPO, env=env,
                                    capture_output=True, text=True, timeout=1800)
            build = {"exit": result.returncode, "traceback": "Traceback" in result.stdout + result.stderr,
                     "tail": (result.stdout + result.stderr)[-3000:] if result.returncode else ""}
        except subprocess.TimeoutExpired:
            build = {"exit": None, "traceback": False, "tail": "timeout"}
    report = {
        "files": len(files), "seed": args.seed, "passed_check": len(passed),
        "tracebacks": sum(1 for f in findings if f["traceback"]), "hangs": sum(1 for f in findings if f["hang"]),
        "bad_message_lines": sum(len(f["bad_lines"]) for f in findings),
        "files_with_findings": len(findings), "check_seconds": round(checked_in, 1),
        "build": build, "total_seconds": round(time.monotonic() - started, 1),
    }
    for f in findings:
        print(json.dumps(f, ensure_ascii=False)[:3000])
    print(json.dumps(report, ensure_ascii=False, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    return 1 if findings or (build and (build["exit"] != 0 or build["traceback"])) else 0


if __name__ == "__main__":
    sys.exit(main())
