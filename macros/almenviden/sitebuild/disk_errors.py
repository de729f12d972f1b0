"""Danish messages for a full disk, a missing permission and a read-only drive. No MkDocs here."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from almenviden.content.diagnostics import display_path

# Pagefind reports the same failures as Rust I/O errors inside its message: "… (os error 28)".
_OS_ERROR_IN_TEXT = re.compile(r"\(os error (\d+)\)")


def disk_problem(code: int | None, folder: Path | str) -> str | None:
    """What went wrong writing in `folder` and what to do, or None if `code` is not a disk problem."""
    where = display_path(folder)
    if where.startswith(".."):  # outside the folder the command ran in: the full path says more
        where = str(folder)
    if code in (errno.ENOSPC, errno.EDQUOT):
        return f"Der er ikke plads nok på disken til at skrive i {where}. Frigør plads på disken, og prøv igen."
    if code == errno.EROFS:
        return (f"{where} ligger på et skrivebeskyttet drev (kun læsning). Vælg en mappe, der kan skrives i, "
                "eller gør drevet skrivbart.")
    if code in (errno.EACCES, errno.EPERM):
        problem = (f"almenviden har ikke lov til at skrive i {where}. Giv din bruger skriveadgang til mappen, eller "
                   "vælg en anden mappe.")
        if os.name == "nt":  # Windows says "access denied" too when another program has a file there open
            problem += f" {_CLOSE_OTHERS}"
        return problem
    return None


# Windows: another program has the file open (ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION).
_IN_USE_WINERRORS = (32, 33)
_CLOSE_OTHERS = ("Har et andet program en fil i mappen åben (fx Stifinder, en editor eller en webserver), så luk "
                 "det, og prøv igen.")


def in_use_problem(exc: BaseException, folder: Path | str) -> str | None:
    """On Windows: the message for a file another program has open, or None."""
    if getattr(exc, "winerror", None) not in _IN_USE_WINERRORS:
        return None
    return f"En fil i {display_path(folder)} er i brug af et andet program. {_CLOSE_OTHERS}"


def os_error_code(exc: BaseException) -> int | None:
    """The errno of an OSError, or the one quoted in the text of another error (e.g. from Pagefind)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno:
            return exc.errno
        match = _OS_ERROR_IN_TEXT.search(str(exc))
        if match:
            return int(match.group(1))
        exc = exc.__cause__ or exc.__context__
    return None


def describe(exc: BaseException, folder: Path | str) -> str:
    """A disk problem in Danish naming `folder`; else the OSError's own words, or the (Danish) error message."""
    problem = in_use_problem(exc, folder) or disk_problem(os_error_code(exc), folder)
    if problem is not None:
        return problem
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc} ({exc.filename2 or exc.filename or folder})."
    return str(exc)
