"""Text clean-up shared by the readers, and the error every reader raises for unreadable input."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

_TAG = re.compile(r"</?i>", re.IGNORECASE)
_STARS = re.compile(r"\*([^*\n]+)\*")
_SPACES = re.compile(r"[ \u00a0]+")
# A section title: a capital letter (``A. Bidang Kesehatan``) or a Roman numeral (``II. LINGKUNGAN KELUARGA``,
# the klaster of a RAD KLA), a dot, and the title.  Every reader's; here, as the text reader needs nothing
# else of ``office_table``.
SECTION_TITLE = re.compile(r"^([A-Z]|[IVX]{2,6})\.\s+(\S.{2,})$")

MONTHS = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "agustus": 8, "september": 9, "oktober": 10, "nopember": 11, "november": 11, "desember": 12,
}


class UnreadableInput(Exception):
    """The file cannot be read at all; becomes a P001 finding and exit code 2."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def clean_text(text: str) -> str:
    """Drop italics markup (``<i>…</i>``, ``*…*``) and fold runs of spaces; keep the words.

    Each pattern runs only where its character is there to find: most cells have none, and a substring
    test is many times faster than a pattern's search (this cleans every cell of a large plan)."""
    if "<" in text:
        text = _TAG.sub("", text)
    if "*" in text:
        text = _STARS.sub(r"\1", text)
    if "  " in text or "\u00a0" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def join_text(first: str, more: str) -> str:
    """Join a wrapped cell's pieces; a hyphenated break ("sekat- sekat") keeps its hyphen."""
    if not first:
        return more
    if not more:
        return first
    return f"{first} {more}"


class NotUtf8Warning(UserWarning):
    """A text file that is not UTF-8 was read as Windows-1252 (cp1252); the message names the file."""


# Byte-order marks of the UTF-16/32 files Windows tools write ("Unicode" in Notepad); UTF-32 first, as its
# little-endian mark begins with UTF-16's.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
         (b"\xfe\xff", "utf-16-be"))


def decode(data: bytes, path: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16/32 with a BOM, else Windows-1252 with a warning.

    A file saved from Windows in its "ANSI" code page (an en dash as byte 0x96) is valid cp1252; it is read,
    and a ``NotUtf8Warning`` says so.  Bytes that are none of these are unreadable, not guessed.
    """
    if not data.strip():
        raise UnreadableInput(path, "the file is empty")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise UnreadableInput(path, f"the file starts as {codec[:6].upper()} but is not (byte {exc.start})"
                                      ) from None
            if not text.strip():
                raise UnreadableInput(path, "the file is empty")
            return text
    if b"\x00" in data[:4096]:
        raise UnreadableInput(path, "the file is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableInput(
            path, f"the file is not UTF-8 text (byte {first_bad}); save it as UTF-8 and try again"
        ) from None
    import warnings

    warnings.warn(NotUtf8Warning(
        f"{path}: not UTF-8 (byte {first_bad}); read as Windows-1252 (cp1252). Check characters such as "
        f"dashes and quotes, and save the file as UTF-8"), stacklevel=2)
    return text


# A side file (waivers, report log, baseline, registry, configuration) is a few kilobytes; this is
# room for thousands of entries while a device or a runaway file is refused before memory runs out.
SIDE_FILE_BYTES = 50 * 1024 * 1024


def read_side_text(path: str | Path, encoding: str = "utf-8") -> str:
    """A side file's text, read with a byte limit; a device, pipe or folder is refused.

    Raises ``OSError`` (its ``strerror`` says why) or ``UnicodeDecodeError``, which the callers
    already turn into their own clear error naming the file.
    """
    p = Path(path)
    st = p.stat()
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(p))
    if not stat.S_ISREG(st.st_mode):
        raise OSError(errno.EINVAL, "not a regular file (a device, pipe or socket)", str(p))
    fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb", closefd=True) as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a device, pipe or socket)", str(p))
        data = fh.read(SIDE_FILE_BYTES + 1)
    if len(data) > SIDE_FILE_BYTES:
        raise OSError(errno.EFBIG, f"larger than the limit of {SIDE_FILE_BYTES:,} bytes", str(p))
    return data.decode(encoding)


# Lines end at \n, \r\n or \r only.  str.splitlines() also ends a line at a form feed (pdftotext's page
# break), \v, \x1c-\x1e, \x85 and \u2028/\u2029, which shifted every line number after a page break
# and cut a cell ("Set\x85wan") in two.  Those characters are kept out of the line count: at the start
# of a line (a page break) or between two letters they are dropped, elsewhere they become a space.
_OTHER_BREAKS = "\f\v\x1c\x1d\x1e\x85\u2028\u2029"
_OTHER_BREAK_AT_START = re.compile("^[\f\v\x1c\x1d\x1e\x85\u2028\u2029]+", re.MULTILINE)
_OTHER_BREAK = re.compile("[\f\v\x1c\x1d\x1e\x85\u2028\u2029]")
_OTHER_BREAK_IN_WORD = re.compile("(?<=[^\\W\\d_])[\f\v\x1c\x1d\x1e\x85\u2028\u2029]+(?=[^\\W\\d_])")
# Invisible characters that split a number or a word without showing (zero-width space, joiners, word
# joiner, a BOM inside the text, soft hyphen): dropped.  Full-width digits and the punctuation of numbers
# (１２．５％) are mapped to their ASCII forms, as NFKC would, so "１２．５" is read as 12.5; NFKC is not
# applied to the whole text, which would also rewrite letters a drafter chose (ligatures, superscripts).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_FULL_WIDTH_ANY = re.compile("[\uff01-\uff5e\u3000]")
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def split_lines(text: str) -> list[str]:
    """The lines of a text file, split on ``\\n``, ``\\r\\n`` and ``\\r`` only (as numbered by an editor)."""
    # Each character looked for alone: a substring test is many times faster than a pattern's search.
    if any(c in text for c in _OTHER_BREAKS):
        text = _OTHER_BREAK_AT_START.sub("", text)
        text = _OTHER_BREAK_IN_WORD.sub("", text)  # "Set\x85wan" is the agency Setwan
        text = _OTHER_BREAK.sub(" ", text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def normalise_chars(text: str) -> str:
    """Drop invisible characters and map full-width forms to ASCII (see ``_INVISIBLE``)."""
    if text.isascii():
        return text  # none of them is ASCII
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    if _FULL_WIDTH_ANY.search(text):
        text = text.translate(_FULL_WIDTH)
    return text
