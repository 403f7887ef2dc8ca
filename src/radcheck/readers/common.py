"""Text clean-up shared by the readers, and the error every reader raises for unreadable input."""

from __future__ import annotations

import re

_TAG = re.compile(r"</?i>", re.IGNORECASE)
_STARS = re.compile(r"\*([^*\n]+)\*")
_SPACES = re.compile(r"[ \u00a0]+")

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
    """Drop italics markup (``<i>…</i>``, ``*…*``) and fold runs of spaces; keep the words."""
    text = _TAG.sub("", text)
    text = _STARS.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


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
