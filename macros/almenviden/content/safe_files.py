"""Reading a file from the catalogue without hanging, exhausting memory or leaving the catalogue.

Every file almenviden reads from a catalogue (entries, taxonomy.yaml, the schema files) goes through
read_regular: it opens without blocking (a FIFO would otherwise wait for a writer forever), refuses
anything that is not a regular file (FIFOs, devices such as /dev/zero, sockets, folders), refuses a
symbolic link that leads out of the folder it must stay in, and never reads more than a limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class UnsafeFile(Exception):
    """The file is not one almenviden reads; `message` is Danish and says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TooLarge(UnsafeFile):
    def __init__(self, size: int, limit: int):
        super().__init__(f"Filen er for stor ({_number(size)} bytes; højst {_number(limit)}).")
        self.size = size


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def leaves(path: Path | str, inside: Path | str) -> bool:
    """Whether `path`, with every symbolic link followed, lies outside the folder `inside`."""
    real = os.path.realpath(path)
    root = os.path.realpath(inside)
    try:
        return os.path.commonpath([real, root]) != root
    except ValueError:  # Windows: on another drive than the catalogue
        return True


def kind_of(mode: int) -> str:
    """Danish name of a file that is not a regular one, for messages."""
    if stat.S_ISDIR(mode):
        return "en mappe"
    if stat.S_ISFIFO(mode):
        return "en FIFO (navngivet rør)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhed"
    if stat.S_ISSOCK(mode):
        return "en socket"
    return "ikke en almindelig fil"


def read_regular(path: Path | str, limit: int, inside: Path | str | None = None) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them.

    Raises UnsafeFile for a file that is not regular, too large, or (with `inside`) reached through a
    symbolic link out of `inside`; OSError (FileNotFoundError, PermissionError …) as open() would.
    """
    if inside is not None and leaves(path, inside):
        raise UnsafeFile("Filen er et symbolsk link, der peger uden for kataloget. Læg selve filen i "
                         "kataloget i stedet for et link.")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(f"Filen er {kind_of(info.st_mode)}, ikke en almindelig fil, så almenviden læser "
                             "den ikke. Erstat den med en almindelig tekstfil.")
        if info.st_size > limit:
            raise TooLarge(info.st_size, limit)
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:  # it grew while we read it
        raise TooLarge(len(data), limit)
    return data
