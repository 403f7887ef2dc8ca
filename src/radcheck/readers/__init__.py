"""Readers: each turns one kind of file into a Document.  ``read_path`` picks one by file name."""

from __future__ import annotations

from pathlib import Path

from radcheck.config import Limits
from radcheck.model import Document
from radcheck.readers.common import UnreadableInput

SUFFIXES = {".txt": "text", ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".docx": "docx", ".xlsx": "xlsx",
            ".pdf": "pdf"}

__all__ = ["SUFFIXES", "UnreadableInput", "format_of", "read_bytes", "read_path"]


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
    if p.suffix.lower() not in SUFFIXES:
        raise UnreadableInput(name, f"unknown file type {p.suffix or '(none)'}; radcheck reads "
                              + ", ".join(sorted(set(SUFFIXES))))
    try:
        size = p.stat().st_size
        if size > limits.max_file_bytes:
            raise UnreadableInput(name, f"the file is {size:,} bytes, over the limit of {limits.max_file_bytes:,}")
        data = p.read_bytes()
    except IsADirectoryError:
        raise UnreadableInput(name, "is a folder, not a file") from None
    except FileNotFoundError:
        raise UnreadableInput(name, "no such file") from None
    except OSError as exc:
        raise UnreadableInput(name, f"cannot be opened: {exc.strerror or exc}") from None
    return read_bytes(data, name, SUFFIXES[p.suffix.lower()], limits)


def read_bytes(data: bytes, source: str, fmt: str, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    if fmt == "text":
        from radcheck.readers.text import read_text

        return read_text(data, source, limits)
    if fmt in ("yaml", "json"):
        from radcheck.readers.structured import read_structured

        return read_structured(data, source, fmt, limits)
    if fmt == "docx":
        try:
            from radcheck.readers.docx import read_docx
        except ImportError:
            raise UnreadableInput(source, "Word (.docx) files are not supported by this version") from None
        return read_docx(data, source, limits)
    if fmt == "xlsx":
        try:
            from radcheck.readers.xlsx import read_xlsx
        except ImportError:
            raise UnreadableInput(source, "Excel (.xlsx) files are not supported by this version") from None
        return read_xlsx(data, source, limits)
    if fmt == "pdf":
        try:
            from radcheck.readers.pdf import read_pdf
        except ImportError:
            raise UnreadableInput(source, "PDF files are not supported by this version") from None
        return read_pdf(data, source, limits)
    raise UnreadableInput(source, f"unknown format {fmt}")
