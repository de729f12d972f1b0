"""What the terminal shows of MkDocs' logging during `almenviden build`, `serve` and `offline`.

By default staff see Danish lines only: MkDocs' and the macros plugin's English INFO lines ("Cleaning site
directory", "Documentation built in …", "[macros] - …") appear with `--verbose`; warnings and errors always
appear, with a Danish label, and the ones staff meet (a link to a page that does not exist) in Danish.
`serve` narrates the preview in Danish (`ServeNarrator`) from the records MkDocs' preview logs anyway.
"""

from __future__ import annotations

import ast
import logging
import os
import re
import sys
import time

from pathlib import Path

from almenviden.content.diagnostics import shown_path
from almenviden.danish.numbers import danish_seconds

STAFF_LOGGER = "almenviden"  # Danish lines for staff; its level says whether progress is wanted (plugin.py)
SEARCH_READY = "almenviden_search_ready"  # the plugin marks its "search index updated" record with this extra
QUICK_UPDATE = "almenviden_quick_update"  # serve's quick update (preview.py): its record carries the seconds

_LABELS = {logging.WARNING: "ADVARSEL", logging.ERROR: "FEJL", logging.CRITICAL: "FEJL"}
# MkDocs' warnings that staff meet, in Danish (pattern over the English message, Danish template).
_TRANSLATED = [
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target is not found "
                r"among documentation files\.?"),
     "docs/{page} linker til '{link}', men den side findes ikke. Ret linket, eller fjern det."),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the doc '[^']+' does not "
                r"contain an anchor '(?P<anchor>[^']+)'\.?"),
     "docs/{page} linker til '{link}', men den side har intet afsnit '{anchor}'. Ret linket."),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains an unrecognized relative link '(?P<link>[^']+)'.*",
                re.S),
     "docs/{page} har et link, MkDocs ikke kan finde ud af: '{link}'. Skriv stien til .md-filen, fx "
     "'../om/index.md'."),
]
_HANDLER_MARK = "_almenviden_console"


def danish_message(record: logging.LogRecord) -> str:
    message = record.getMessage()
    for pattern, template in _TRANSLATED:
        match = pattern.fullmatch(message.strip())
        if match:
            return template.format(**match.groupdict())
    return message


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        if record.levelno >= logging.WARNING:
            return f"{_LABELS.get(record.levelno, 'ADVARSEL')} - {danish_message(record)}"
        return f"{record.levelname:<7} -  {record.getMessage()}"  # --verbose: MkDocs' own lines as MkDocs shows them


def _install(logger: logging.Logger, handler: logging.Handler) -> None:
    setattr(handler, _HANDLER_MARK, True)
    logger.addHandler(handler)


def setup(*, quiet: bool = False, verbose: bool = False, serving: bool = False) -> None:
    """Route MkDocs' logging to stderr as described above. Called again (tests call the CLI in one process),
    it replaces what it set up before."""
    mkdocs = logging.getLogger("mkdocs")
    staff = logging.getLogger(STAFF_LOGGER)
    for logger in (mkdocs, staff):
        for handler in [h for h in logger.handlers if getattr(h, _HANDLER_MARK, False)]:
            logger.removeHandler(handler)
    shown = logging.INFO if verbose else logging.WARNING
    handler = logging.StreamHandler()
    handler.setFormatter(_Formatter())
    handler.setLevel(shown)
    _install(mkdocs, handler)
    mkdocs.setLevel(shown)
    staff.setLevel(logging.WARNING if quiet else logging.INFO)
    staff.propagate = False
    plain = logging.StreamHandler()
    plain.setFormatter(logging.Formatter("%(message)s"))
    _install(staff, plain)
    for name in _NARRATED:
        logging.getLogger(name).setLevel(logging.NOTSET)
    if serving and not quiet:
        # The narrator reads records the display above does not show: the preview's own INFO lines and
        # the file watcher's events (DEBUG), which name the changed file.
        for name in _NARRATED:
            logging.getLogger(name).setLevel(logging.DEBUG if name == "mkdocs.livereload" else logging.INFO)
        _install(mkdocs, ServeNarrator(staff))


_NARRATED = ("mkdocs.livereload", "mkdocs.commands.serve", "mkdocs.commands.build", "mkdocs.plugins.almenviden")


_STAMP = re.compile(r"^\[\d\d:\d\d:\d\d\] ")  # the preview's logger puts the time first
_EDITOR_SCRATCH = re.compile(r"^\.|~$|\.(swp|swx|tmp|part)$|^\d+$")  # an editor's temporary files, not the file
_EVENT_PATH = re.compile(r"(?:dest_path|src_path)='((?:[^'\\]|\\.)+)'")


def _unquoted(literal: str) -> str:
    """A path as the event's repr quoted it (Windows' backslashes doubled) back as the path."""
    try:
        return ast.literal_eval(f"'{literal}'")
    except (ValueError, SyntaxError):
        return literal


class ServeNarrator(logging.Handler):
    """Turns the preview's records into Danish lines on `out` (a logger): where it runs, each rebuild and
    why, when the page and when the search are updated. Reads MkDocs' messages as MkDocs 1.6 words them;
    a message it does not know is left alone (it shows with --verbose)."""

    def __init__(self, out: logging.Logger) -> None:
        super().__init__(logging.DEBUG)
        self.out = out
        self.changed: list[str] = []
        self.started: float | None = None
        self.builds = 0
        self.quick = False  # a quick update was narrated; the whole build after it is under way

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._narrate(record)
        except Exception:  # never let the narration stop the preview
            self.handleError(record)

    def _narrate(self, record: logging.LogRecord) -> None:
        message = _STAMP.sub("", record.msg if isinstance(record.msg, str) else str(record.msg))
        if getattr(record, SEARCH_READY, False):
            if self.started is not None:
                self.out.info("Søgningen er opdateret (%s).", danish_seconds(time.monotonic() - self.started))
        elif getattr(record, QUICK_UPDATE, None) is not None:  # serve's quick update (preview.py), before the rest
            seconds = getattr(record, QUICK_UPDATE)
            self.started = time.monotonic() - seconds
            self.out.info("Bygger igen: %s …", self._changes())
            self.out.info("Siden er opdateret (%s). Resten af forhåndsvisningen bygges nu …",
                          danish_seconds(seconds))
            self.quick = True
            self.builds += 1
        elif record.name == "mkdocs.livereload" and record.levelno == logging.DEBUG and "Event(" in message:
            self._note_change(message)
        elif message.startswith("Building documentation"):
            if self.quick:  # the whole build after a quick update: narrated when it is done
                return
            self.started = time.monotonic()
            if self.builds == 0:
                self.out.info("Bygger forhåndsvisningen …")
            else:
                self.out.info("Bygger igen: %s …", self._changes())
            self.builds += 1
        elif message.startswith("Documentation built in") and self.started is not None:
            if self.quick:
                self.quick = False
                self.out.info("Hele forhåndsvisningen er opdateret (%s).",
                              danish_seconds(time.monotonic() - self.started))
                return
            self.out.info("Siden er %s (%s).", "bygget" if self.builds == 1 else "opdateret",
                          danish_seconds(time.monotonic() - self.started))
        elif message.startswith("Serving on "):
            url = message[len("Serving on "):].split()[0]
            self.out.info("Forhåndsvisningen kører på %s – åbn adressen i en browser. Gem en fil, så bygges siden "
                          "igen af sig selv. Stop med Ctrl+C.", url)
        elif message.startswith("An error happened during the rebuild"):
            self.quick = False
            self.out.error("Siden kunne ikke bygges igen (se ovenfor). Forhåndsvisningen viser den forrige udgave, "
                           "til fejlen er rettet og filen gemt igen.")

    def _note_change(self, message: str) -> None:
        paths = [path for path in map(_unquoted, _EVENT_PATH.findall(message))
                 if not _EDITOR_SCRATCH.search(os.path.basename(path))]
        if not paths:
            return
        path = shown_path(Path(paths[-1])).replace(os.sep, "/")
        if path not in self.changed:
            self.changed.append(path)

    def _changes(self) -> str:
        changed, self.changed = self.changed, []
        if not changed:
            return "en fil er ændret"
        if len(changed) == 1:
            return f"{changed[0]} ændret"
        return f"{changed[-1]} og {len(changed) - 1} andre filer ændret"

