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


def decode(data: bytes, path: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM); anything else is unreadable, not guessed."""
    if not data.strip():
        raise UnreadableInput(path, "the file is empty")
    if b"\x00" in data[:4096]:
        raise UnreadableInput(path, "the file is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableInput(
            path, f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again"
        ) from None
