"""The agency cells of a document, each once.

An activity and the indicator on the same row share one cell, and a merged cell is copied onto every
row below it (``inherited=True``): rules report a cell once, on the row where it is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from typing import TypeAlias

    from radcheck.model import AgencyCell, Document, Indicator, PlanNode

    # A row is the activity or indicator itself: its id, text, line, lead and supporting cells (either
    # may be inherited) are all the rules read, and copying them into row objects of our own cost more
    # than the rules that read them.
    Row: TypeAlias = PlanNode | Indicator

Role = Literal["lead", "supporting"]
ROLES: tuple[Role, ...] = ("lead", "supporting")


# A named tuple, not a dataclass: a 100,000-indicator plan has over a hundred thousand written cells,
# and a frozen dataclass costs several times a tuple to build.
class CellRef(NamedTuple):
    path: str  # logical path of the cell: "A/activities/3/lead"
    role: Role
    cell: AgencyCell
    owner: str  # id of the activity or indicator row


def rows(doc: Document) -> Iterator[Row]:
    """Every activity and indicator, table by table, activities first."""
    for sec in doc.sections:
        yield from sec.activities
        yield from sec.indicators


def cell_key(role: str, cell: AgencyCell) -> tuple[str, int | None, str]:
    return role, cell.line, cell.raw


def written_cells(doc: Document) -> Iterator[CellRef]:
    """Every agency cell where it is written (inherited copies and shared cells skipped)."""
    return written_cells_of(rows(doc))


def written_cells_of(all_rows: Iterable[Row]) -> Iterator[CellRef]:
    """:func:`written_cells` of rows already listed."""
    seen: set[tuple[str, int | None, str]] = set()
    for row in all_rows:
        roles: tuple[tuple[Role, AgencyCell | None], ...] = (("lead", row.lead), ("supporting", row.supporting))
        for role, cell in roles:
            if cell is None or cell.inherited or not cell.raw.strip():
                continue
            key = cell_key(role, cell)
            if key not in seen:
                seen.add(key)
                yield CellRef(f"{row.id}/{role}", role, cell, row.id)
