"""Indonesian number words, and the ``digits (words)`` pairs drafters write: ``12 (dua belas) bidang``.

Lampiran II UU 12/2011 asks for numbers in the body to be written in Arabic digits followed by
the words in parentheses; the two must say the same number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9,
}
_UNIT_NAMES = {v: k for k, v in _UNITS.items()}
_SCALES = {"ribu": 1_000, "juta": 1_000_000, "miliar": 1_000_000_000, "milyar": 1_000_000_000,
           "triliun": 1_000_000_000_000}


def words_to_int(text: str) -> int | None:
    """``"dua belas"`` → 12, ``"seratus dua puluh lima"`` → 125; None if it is not a whole number in words."""
    tokens = re.sub(r"[\s\-]+", " ", text.strip().lower()).split()
    if not tokens:
        return None
    total = 0  # finished scale groups (… ribu, … juta)
    group = 0  # below one thousand
    current = 0  # the number being built before "belas"/"puluh"/"ratus"
    have_current = False
    for tok in tokens:
        if tok in _UNITS:
            if have_current:
                return None  # "dua tiga"
            current, have_current = _UNITS[tok], True
        elif tok in ("sebelas",):
            if have_current:
                return None
            group += 11
        elif tok == "sepuluh":
            if have_current:
                return None
            group += 10
        elif tok == "seratus":
            if have_current or group:
                return None
            group += 100
        elif tok == "seribu":
            if have_current or group or total % 1_000_000:
                return None  # "seribu" only where no thousands were said yet ("satu juta seribu")
            total += 1000
        elif tok == "belas":
            if not have_current or current == 0:
                return None
            group += 10 + current
            current, have_current = 0, False
        elif tok == "puluh":
            if not have_current or current == 0 or group % 100:
                return None
            group += 10 * current
            current, have_current = 0, False
        elif tok == "ratus":
            if not have_current or current == 0 or group:
                return None
            group += 100 * current
            current, have_current = 0, False
        elif tok in _SCALES:
            value = group + (current if have_current else 0)
            if value == 0:
                return None
            total += value * _SCALES[tok]
            group, current, have_current = 0, 0, False
        else:
            return None
    return total + group + (current if have_current else 0)


def int_to_words(n: int) -> str:
    """12 → ``"dua belas"``; the form drafters write in parentheses."""
    if n < 0:
        raise ValueError("negative numbers are not written in words here")
    if n < 10:
        return _UNIT_NAMES[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{_UNIT_NAMES[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_UNIT_NAMES[tens]} puluh" + (f" {int_to_words(rest)}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else f"{_UNIT_NAMES[hundreds]} ratus"
        return head + (f" {int_to_words(rest)}" if rest else "")
    for scale, name in ((1_000_000_000_000, "triliun"), (1_000_000_000, "miliar"), (1_000_000, "juta"),
                        (1_000, "ribu")):
        if n >= scale:
            high, rest = divmod(n, scale)
            head = "seribu" if (scale == 1000 and high == 1) else f"{int_to_words(high)} {name}"
            return head + (f" {int_to_words(rest)}" if rest else "")
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class NumberPair:
    """``12 (dua belas)`` as written: the digits, the words, and what each says."""

    digits: str
    words: str
    digit_value: int | None
    word_value: int | None
    start: int
    end: int
    noun: str  # the word after the parenthesis ("bidang", "tahun"), lower case; may be empty

    @property
    def agrees(self) -> bool:
        return self.digit_value is not None and self.digit_value == self.word_value


# Digits (Indonesian thousands dots allowed) then words in parentheses, then the counted noun.
_PAIR = re.compile(
    r"(?<![\w.,])(?P<digits>\d{1,3}(?:\.\d{3})+|\d+)\s*\((?P<words>[a-zA-Z][a-zA-Z\s\-]*?)\)\s*(?P<noun>[A-Za-z-]*)"
)


def number_pairs(text: str) -> list[NumberPair]:
    """Every ``digits (words)`` pair in ``text`` whose parenthesis holds only letters."""
    out: list[NumberPair] = []
    for m in _PAIR.finditer(text):
        words = m.group("words").strip()
        value = words_to_int(words)
        if value is None and not _looks_numeric(words):
            continue  # "(IPG)", "(Pokja)": an abbreviation in parentheses, not a number in words
        digits = m.group("digits")
        out.append(NumberPair(digits=digits, words=words, digit_value=int(digits.replace(".", "")),
                              word_value=value, start=m.start(), end=m.end(), noun=m.group("noun").lower()))
    return out


_NUMBER_WORDS = set(_UNITS) | set(_SCALES) | {"sebelas", "sepuluh", "seratus", "seribu", "belas", "puluh", "ratus"}


def _looks_numeric(words: str) -> bool:
    """Words meant as a number but not readable as one ("dua belass", "dua puluh puluh")."""
    tokens = words.lower().replace("-", " ").split()
    known = sum(1 for t in tokens if t in _NUMBER_WORDS)
    return bool(tokens) and known >= max(1, len(tokens) - 1) and known > 0
