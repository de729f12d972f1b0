"""Problems found in a catalogue, and how they are printed (GCC style or GitHub annotations)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


# Characters that would end, split or visually reorder a `file:line:col: message` line when echoed from a
# file's key, value or name: C0 and C1 controls (line breaks included), DEL, line and paragraph separators,
# bidi embeddings, overrides, isolates and marks, and the BOM.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """`text` with every character in _UNSAFE written as an escape (\\n, \\u202e), so it stays on one line
    and in reading order."""
    return _UNSAFE.sub(lambda m: _NAMED.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


def display_path(path) -> str:
    """A path as contributors see it: relative to where they ran the command, when it can be."""
    try:
        return visible(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return visible(str(path))


def shown_path(path: Path) -> str:
    """A path the command reports (a site, a changed file): relative to where it was run when it lies below
    it, else whole (no "../../tmp/…")."""
    path = Path(path)
    return os.path.relpath(path) if path.is_absolute() and path.is_relative_to(Path.cwd()) else str(path)


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: Path
    line: int
    col: int
    message: str
    warning: bool = False  # a warning is shown but does not fail check or build (an error does)

    def display_path(self) -> str:
        shown = display_path(self.path)  # Windows too: catalogue/ideas/x.yaml, as the guides and GitHub show it
        return shown.replace(os.sep, "/") if os.sep != "/" else shown

    def gcc(self) -> str:
        label = "advarsel" if self.warning else "fejl"
        return f"{self.display_path()}:{self.line}:{self.col}: {label}: {visible(self.message)}"

    def github(self) -> str:
        message = visible(_escape_data(self.message))  # line breaks as %0A (GitHub shows them), the rest escaped
        file = _escape_data(self.display_path()).replace(":", "%3A").replace(",", "%2C")  # a property value
        command = "warning" if self.warning else "error"
        return f"::{command} file={file},line={self.line},col={self.col},title=almenviden check::{message}"


def _escape_data(text: str) -> str:
    """GitHub workflow-command escaping, so a file's text cannot end the annotation or start a new one."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def format_diagnostics(diagnostics: list[Diagnostic], style: str = "gcc") -> str:
    lines = [d.github() if style == "github" else d.gcc() for d in sorted(diagnostics)]
    return "\n".join(lines)


def summary_line(diagnostics: list[Diagnostic], files_checked: int, warnings: list[Diagnostic] = ()) -> str:
    if not diagnostics:
        line = f"Alt i orden: {files_checked} filer tjekket, ingen fejl."
        if warnings:
            line += (f" {len(warnings)} {'advarsel' if len(warnings) == 1 else 'advarsler'} ovenfor: ret dem, før "
                     "posterne kommer i det fælles katalog.")
        return line
    files = len({d.path for d in diagnostics})
    noun = "fejl"
    return (f"{len(diagnostics)} {noun} i {files} {'fil' if files == 1 else 'filer'} "
            f"({files_checked} {'fil' if files_checked == 1 else 'filer'} tjekket). Ret linjerne ovenfor, og kør "
            "'almenviden check' igen.")
