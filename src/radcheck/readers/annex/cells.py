"""What one reading knows of its cells: each distinct text typed and judged once.

Short cells (numbers, units, agency names, stages) repeat on almost every row of a large plan, so their
typing is worked out once per distinct text.  The answers belong to one reading: a reader makes one
``Cells`` per document and hands it to each of its ``SectionBuilder``s, and it goes with them.  The kept
values are immutable (bool, tuples, frozen TargetCell), so sharing them between rows changes nothing, and
sharing one TargetCell between the many cells that read "12" saves memory too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, partial

from radcheck.model import TargetCell, TargetKind
from radcheck.numbers import looks_numeric, read_target, target_kind

_NO_MARK = re.compile(r"^\(?(?:\d{1,3}|[a-zA-Z]|[ivx]{1,4})[.)]?\)?$")
_LEADING_NO = re.compile(r"^((?:\d{1,2}|[a-z]))(?:\.\s*|\)\s+)(?=\S)")
_WORD = re.compile(r"[A-Za-z]{3,}")

# How well a cell's text fits each kind of column; used only to realign shifted rows.  One tuple per
# text, indexed by the column's kind (``FIT_KIND``).
NO, MEASURE, UNIT, WORDS, OTHER = range(5)
FIT_KIND = {"no": NO, "target": MEASURE, "baseline": MEASURE, "unit": UNIT,
            **{role: WORDS for role in ("issue", "goal", "outcome", "activity", "indicator",
                                        "lead", "supporting", "agency")}}
EMPTY_FITS = (1, 0, 0, 0, 0)


def is_plain(text: str) -> bool:
    """True when ``clean_text`` only strips ``text`` (or each tab-separated cell of it): no markup, no runs of
    spaces.  A reader can test a whole row at once and mark it ``RawRow.plain``."""
    return "<" not in text and "*" not in text and "  " not in text and "\u00a0" not in text


class Cells:
    """The answers of one reading, per distinct cell text (each a ``functools.cache`` of the plain rule).

    The caches refer to each other, not to the ``Cells``: no reference cycle keeps them after the reading.
    """

    def __init__(self) -> None:
        self.refused: set[str] = set()  # the texts ``target`` typed as no number nor known stage (UNREADABLE)
        self.target = target = cache(partial(_typed_cell, self.refused))
        self.numeric = numeric = cache(looks_numeric)
        self.fits = cache(partial(_fits, numeric, target))
        self.may_be_agency = cache(partial(_may_be_agency, target))

    def split_no(self, text: str) -> tuple[str | None, str]:
        """``"2. Pelatihan …"`` → ``("2", "Pelatihan …")``; text without a leading number is unchanged."""
        m = _LEADING_NO.match(text)
        if not m or self.numeric(text):
            return None, text
        return m.group(1), text[m.end():].strip()


def _typed_cell(refused: set[str], text: str) -> TargetCell:
    cell = read_target(text)
    if cell.kind is TargetKind.UNREADABLE:
        refused.add(text)
    return cell


def _fits(numeric: Callable[[str], bool], target: Callable[[str], TargetCell], text: str) -> tuple[int, ...]:
    """The text's fit as a number column, a target or baseline, a unit, a text or agency column, another."""
    if not text:
        return EMPTY_FITS
    is_number = numeric(text)
    # A number is typed as its cell (wanted for the model too); other texts (words a shift would move into a
    # target column) are typed without making a cell.  Either way, the same kind.
    measure = target(text).kind if is_number else target_kind(text)
    return (2 if _NO_MARK.match(text) else -3,
            2 if measure is not TargetKind.UNREADABLE else -2,
            -2 if is_number or text == "-" else (1 if len(text) <= 30 else -1),
            -1 if is_number else 1,
            0)


def _may_be_agency(target: Callable[[str], TargetCell], text: str) -> bool:
    """In a target column, words that are no target: the agency of a row whose cells collapsed leftwards."""
    return target(text).kind is TargetKind.UNREADABLE and _WORD.search(text) is not None
