"""Readers: each turns one kind of file into a Document.  ``read_path`` picks one by file name."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from radcheck.config import Limits
from radcheck.model import Document
from radcheck.readers.common import UnreadableInput

SUFFIXES = {".txt": "text", ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".docx": "docx", ".xlsx": "xlsx",
            ".pdf": "pdf"}

__all__ = ["SUFFIXES", "UnreadableInput", "format_of", "read_bytes", "read_limited", "read_path"]


def format_of(name: str) -> str:
    """The reader a file name asks for, by its suffix; a name without one (``-``, stdin) is text."""
    suffix = Path(name).suffix.lower()
    if not suffix and name:
        return "text"
    if suffix not in SUFFIXES:
        raise UnreadableInput(name, f"unknown file type {suffix or '(none)'}; radcheck reads "
                              + ", ".join(sorted(set(SUFFIXES))))
    return SUFFIXES[suffix]


def read_path(path: str | Path, limits: Limits | None = None) -> Document:
    """Read one file into a Document; raise UnreadableInput with a reason a drafter can act on."""
    limits = limits or Limits()
    p = Path(path)
    name = p.as_posix()
    try:
        st = p.stat()  # follows a symlink: what matters is the file it names
    except FileNotFoundError:
        raise UnreadableInput(name, "no such file or folder") from None
    except OSError as exc:
        raise UnreadableInput(name, f"cannot be opened: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableInput(name, "is a folder, not a file") from None
    if not stat.S_ISREG(st.st_mode):
        # A device (/dev/zero), a named pipe or a socket: its size says nothing and a read may never end.
        raise UnreadableInput(name, "is not a regular file (a device, pipe or socket); give a document file")
    if p.suffix.lower() not in SUFFIXES:
        raise UnreadableInput(name, f"unknown file type {p.suffix or '(none)'}; radcheck reads "
                              + ", ".join(sorted(set(SUFFIXES))))
    data = read_limited(p, limits.max_file_bytes)
    try:
        return read_bytes(data, name, SUFFIXES[p.suffix.lower()], limits)
    except UnreadableInput:
        raise
    except (Exception, RecursionError, MemoryError) as exc:  # one file's failure, not the run's
        if os.environ.get("RADCHECK_DEBUG"):
            raise
        from radcheck.batch import failure_reason

        raise UnreadableInput(name, failure_reason("reading", exc)) from None


def read_limited(path: str | Path, limit: int) -> bytes:
    """A regular file's bytes, refusing one over ``limit``: checked as read, not by the size the file
    claims (a file may grow, or be replaced, between stat and read)."""
    path = Path(path)
    name = path.as_posix()
    try:
        # O_NONBLOCK: opening a named pipe put in the file's place would otherwise wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb", closefd=True) as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise UnreadableInput(name, "is not a regular file (a device, pipe or socket); give a document file")
            data = fh.read(limit + 1)
    except IsADirectoryError:
        raise UnreadableInput(name, "is a folder, not a file") from None
    except FileNotFoundError:
        raise UnreadableInput(name, "no such file or folder") from None
    except OSError as exc:
        raise UnreadableInput(name, f"cannot be opened: {exc.strerror or exc}") from None
    if len(data) > limit:
        size = max(len(data), _size(path))
        raise UnreadableInput(name, f"the file is {size:,} bytes, over the limit of {limit:,}")
    return data


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_bytes(data: bytes, source: str, fmt: str, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    if fmt == "text":
        from radcheck.readers.text import read_text

        return read_text(data, source, limits)
    if fmt in ("yaml", "json"):
        from radcheck.readers.structured import read_structured

        return read_structured(data, source, fmt, limits)
    if fmt == "docx":
        from radcheck.readers.docx import read_docx

        return read_docx(data, source, limits)
    if fmt == "xlsx":
        from radcheck.readers.xlsx import read_xlsx

        return read_xlsx(data, source, limits)
    if fmt == "pdf":
        from radcheck.readers.pdf import read_pdf

        return read_pdf(data, source, limits)
    raise UnreadableInput(source, f"unknown format {fmt}")
