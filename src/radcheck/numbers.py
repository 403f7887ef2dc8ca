"""Indonesian numbers and typed target cells.

Indonesian writes ``.`` between thousands and ``,`` before decimals: ``2.000`` is two thousand,
``87,7`` is 87.7, ``0,285`` is 0.285.  A cell that only makes sense in another locale (``1,234.5``)
is not guessed at: it is kept raw as *unreadable* so a rule can report it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from radcheck.model import TargetCell, TargetKind

# Thousands groups must be exactly three digits; a decimal part follows a comma.
_ID_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")
_PERCENT_SUFFIX = re.compile(r"\s*%$")
_BARE_NUMBER = re.compile(r"[+-]?[\d.,]+%?")

# Words drafters use for stages of a qualitative target.  Matched case-insensitively on the whole cell.
QUALITATIVE_TARGETS = frozenset(
    {
        "ada",
        "tidak ada",
        "inisiasi awal",
        "inisiasi",
        "perencanaan",
        "tersedia",
        "terlaksana",
        "tersusun",
        "terbentuk",
        "ditetapkan",
        "penyusunan",
        "pelaksanaan",
        "evaluasi",
    }
)
NONE_MARKS = frozenset({"-", "–", "—", "--"})


def parse_id_number(text: str) -> float | None:
    """Parse an Indonesian-formatted number (``6.182`` → 6182.0, ``87,7`` → 87.7); None if it is not one."""
    s = text.strip()
    if "%" in s:
        s = _PERCENT_SUFFIX.sub("", s)
    s = s.replace(" ", "")
    if not _ID_NUMBER.match(s):
        return None
    # float() of the decimal text, not of a Decimal: the same correctly rounded value (Decimal's own
    # float() goes through its text), without building a Decimal for each of a large plan's cells.
    try:
        return float(s.replace(".", "").replace(",", "."))
    except ValueError:  # pragma: no cover - the pattern admits only valid decimals
        return None


def format_id_number(value: float, decimals: int | None = None) -> str:
    """Write a number the Indonesian way: ``6182`` → ``6.182``, ``87.7`` → ``87,7``."""
    if decimals is None:
        text = repr(float(value))
        if "e" in text or "E" in text:
            text = format(Decimal(text), "f")
        whole, _, frac = text.partition(".")
        frac = frac.rstrip("0")
    else:
        whole, _, frac = f"{value:.{decimals}f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")  # "inf" and "nan" are written as they are
    out = sign + (f"{int(digits):,}".replace(",", ".") if digits.isdigit() else digits)
    return f"{out},{frac}" if frac else out


def read_target(raw: str | None) -> TargetCell:
    """Type one target or baseline cell: number, explicit none, missing, qualitative or unreadable."""
    kind, text, value = _typed(raw)
    # Built without validation (``trusted``): _typed gives a value to number cells, and only to them.
    if kind is TargetKind.NUMBER:
        return TargetCell.trusted_fields({"kind": kind, "raw": text, "value": value}, {"kind", "raw", "value"})
    return TargetCell.trusted_fields({"kind": kind, "raw": text, "value": None}, {"kind", "raw"})


def target_kind(raw: str | None) -> TargetKind:
    """What ``read_target`` would make of a cell, without making the cell."""
    return _typed(raw)[0]


def _typed(raw: str | None) -> tuple[TargetKind, str, float | None]:
    text = (raw or "").strip()
    if not text:
        return TargetKind.MISSING, "", None
    if text in NONE_MARKS:
        return TargetKind.NONE, text, None
    number = parse_id_number(text)
    if number is not None:
        return TargetKind.NUMBER, text, number
    if text.lower().rstrip(".") in QUALITATIVE_TARGETS:
        return TargetKind.QUALITATIVE, text, None
    return TargetKind.UNREADABLE, text, None


def looks_numeric(text: str) -> bool:
    """True for a cell that is a bare number in any common notation (used to spot stray values)."""
    return bool(_BARE_NUMBER.fullmatch(text.strip())) and any(c.isdigit() for c in text)
