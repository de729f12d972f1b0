"""Problems found in a catalogue, and how they are printed (GCC style or GitHub annotations)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def display_path(path) -> str:
    """A path as contributors see it: relative to where they ran the command, when it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: Path
    line: int
    col: int
    message: str

    def display_path(self) -> str:
        return display_path(self.path)

    def gcc(self) -> str:
        return f"{self.display_path()}:{self.line}:{self.col}: fejl: {self.message}"

    def github(self) -> str:
        message = _escape_data(self.message)
        file = _escape_data(self.display_path()).replace(":", "%3A").replace(",", "%2C")  # a property value
        return f"::error file={file},line={self.line},col={self.col},title=almenviden check::{message}"


def _escape_data(text: str) -> str:
    """GitHub workflow-command escaping, so a file's text cannot end the annotation or start a new one."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def format_diagnostics(diagnostics: list[Diagnostic], style: str = "gcc") -> str:
    lines = [d.github() if style == "github" else d.gcc() for d in sorted(diagnostics)]
    return "\n".join(lines)


def summary_line(diagnostics: list[Diagnostic], files_checked: int) -> str:
    if not diagnostics:
        return f"Alt i orden: {files_checked} filer tjekket, ingen fejl."
    files = len({d.path for d in diagnostics})
    noun = "fejl"
    return (f"{len(diagnostics)} {noun} i {files} {'fil' if files == 1 else 'filer'} "
            f"({files_checked} {'fil' if files_checked == 1 else 'filer'} tjekket). Ret linjerne ovenfor, og kør "
            "'almenviden check' igen.")
