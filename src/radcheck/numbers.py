"""Indonesian numbers and typed target cells.

Indonesian writes ``.`` between thousands and ``,`` before decimals: ``2.000`` is two thousand,
``87,7`` is 87.7, ``0,285`` is 0.285.  Some tables (RPJMD extracts, spreadsheets) write the other way,
``6,015,947,806`` and ``87.7``.  A cell is read the Indonesian way here; a cell that only makes sense
the other way (``1,234.5``) is kept raw as *unreadable*.  Which way a whole column writes is decided by
the annex reader from all its cells (``column_notation``), which then reads the column's cells that way
(``read_target_en``); what stays ambiguous is kept raw, with a finding, never guessed.

A bound (``≥ 80``, ``> 80``, ``min. 80``, ``maks 5``) is read as its number, the sign kept in ``raw``;
a range (``10-15``, ``10 s.d. 15``) is no single number and stays unreadable (``is_range``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from radcheck.model import TargetCell, TargetKind

# Thousands groups must be exactly three digits, after a first group that is not a lone 0 (``0.285`` is no
# thousands); a decimal part follows a comma.  The other notation swaps the two marks.
_ID_NUMBER = re.compile(r"^[+-]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,\d+)?$")
_EN_NUMBER = re.compile(r"^[+-]?(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# A lower or upper bound: the number after it is the target ("paling sedikit 80").
_BOUND = re.compile(r"^(?:≥|≤|>=|<=|>|<|min(?:imal|imum)?\.?|maks(?:imal|imum)?\.?|max\.?|paling\s+(?:sedikit|"
                    r"banyak|rendah|tinggi)|sekurang-kurangnya|setidaknya)\s*(?=[\d+-])", re.IGNORECASE)
_RANGE = re.compile(r"^[\d.,]*\d\s*%?\s*(?:-|–|—|s\.?\s*d\.?|s/d|sampai(?:\s+dengan)?|hingga)\s*[\d.,]*\d\s*%?$",
                    re.IGNORECASE)
_PERCENT_SUFFIX = re.compile(r"\s*(?:%|persen)$", re.IGNORECASE)
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
    if "%" in s or s[-1:] in ("n", "N"):  # "persen"
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


def parse_en_number(text: str) -> float | None:
    """Parse a number written with comma thousands and a decimal point (``6,015,947,806``, ``87.7``)."""
    s = _PERCENT_SUFFIX.sub("", text.strip()).replace(" ", "")
    if not _EN_NUMBER.match(s):
        return None
    return float(s.replace(",", ""))


def is_range(text: str) -> bool:
    """``10-15``, ``80 - 90 %``, ``10 s.d. 15``: two numbers, no single target."""
    return _RANGE.match(text.strip()) is not None


def column_notation(raws: list[str]) -> str:
    """How a column writes its numbers, from all its cells: ``"id"`` (``2.000``, ``87,7``), ``"en"``
    (``6,015,947,806``, ``87.7``), ``"mixed"`` (cells that only one way reads, of both kinds) or
    ``"unknown"`` when nothing tells (``2.000`` and ``12`` read both ways; the caller then goes by the
    table's other columns, or reads it the Indonesian way, as most regions write)."""
    only_id = only_en = False
    for raw in raws:
        text = _unbound(raw.strip())
        id_value, en_value = parse_id_number(text), parse_en_number(text)
        if id_value is not None and en_value is None:
            only_id = True
        elif en_value is not None and id_value is None:
            only_en = True
    if only_en:
        return "mixed" if only_id else "en"
    return "id" if only_id else "unknown"


def is_ambiguous(raw: str) -> bool:
    """Read differently the two ways (``2.000``, ``6,182``)."""
    text = _unbound(raw.strip())
    id_value, en_value = parse_id_number(text), parse_en_number(text)
    return id_value is not None and en_value is not None and id_value != en_value


def _unbound(text: str) -> str:
    m = _BOUND.match(text)
    return text[m.end():] if m else text


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
    out = sign + (group_thousands(digits) if digits.isdigit() else digits)
    return f"{out},{frac}" if frac else out


def group_thousands(digits: str) -> str:
    """``6182`` → ``6.182``: a whole number's digits in groups of three, the Indonesian way."""
    return f"{int(digits):,}".replace(",", ".")


def to_roman(n: int) -> str:
    """``14`` → ``XIV`` (BAB numbers, Word's roman list numbering); outside 1–3999 the digits."""
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def read_target(raw: str | None) -> TargetCell:
    """Type one target or baseline cell: number, explicit none, missing, qualitative or unreadable."""
    return _cell(*_typed(raw))


def read_target_en(raw: str | None) -> TargetCell:
    """``read_target`` for a column that writes comma thousands and a decimal point."""
    return _cell(*_typed(raw, parse_en_number))


def _cell(kind: TargetKind, text: str, value: float | None) -> TargetCell:
    # Built without validation (``trusted``): _typed gives a value to number cells, and only to them.
    if kind is TargetKind.NUMBER:
        return TargetCell.trusted_fields({"kind": kind, "raw": text, "value": value}, {"kind", "raw", "value"})
    return TargetCell.trusted_fields({"kind": kind, "raw": text, "value": None}, {"kind", "raw"})


def target_kind(raw: str | None) -> TargetKind:
    """What ``read_target`` would make of a cell, without making the cell."""
    return _typed(raw)[0]


def _typed(raw: str | None, parse: Callable[[str], float | None] = parse_id_number) \
        -> tuple[TargetKind, str, float | None]:
    text = (raw or "").strip()
    if not text:
        return TargetKind.MISSING, "", None
    if text in NONE_MARKS:
        return TargetKind.NONE, text, None
    number = parse(text)
    if number is not None:
        return TargetKind.NUMBER, text, number
    bound = _BOUND.match(text)
    if bound is not None:
        number = parse(text[bound.end():])
        if number is not None:
            return TargetKind.NUMBER, text, number
    if text.lower().rstrip(".") in QUALITATIVE_TARGETS:
        return TargetKind.QUALITATIVE, text, None
    return TargetKind.UNREADABLE, text, None


def looks_numeric(text: str) -> bool:
    """True for a cell that is a bare number in any common notation (used to spot stray values)."""
    return bool(_BARE_NUMBER.fullmatch(text.strip())) and any(c.isdigit() for c in text)
