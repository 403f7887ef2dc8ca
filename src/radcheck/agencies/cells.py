"""The agency cells of a document, each once.

An activity and the indicator on the same row share one cell, and a merged cell is copied onto every
row below it (``inherited=True``): rules report a cell once, on the row where it is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from radcheck.engine import Context
    from radcheck.model import AgencyCell, Document

Role = Literal["lead", "supporting"]


@dataclass(frozen=True)
class CellRef:
    path: str  # logical path of the cell: "A/activities/3/lead"
    role: Role
    cell: AgencyCell
    owner: str  # id of the activity or indicator row
    owner_text: str


@dataclass(frozen=True)
class Row:
    """One activity or indicator with its lead and supporting cells (either may be inherited)."""

    id: str
    text: str
    kind: Literal["activity", "indicator"]
    lead: AgencyCell | None
    supporting: AgencyCell | None
    line: int | None


def rows(doc: Document) -> Iterator[Row]:
    for sec in doc.sections:
        for node in sec.activities:
            yield Row(node.id, node.text, "activity", node.lead, node.supporting, node.line)
        for ind in sec.indicators:
            yield Row(ind.id, ind.text, "indicator", ind.lead, ind.supporting, ind.line)


def cell_key(role: str, cell: AgencyCell) -> tuple[str, int | None, str]:
    return role, cell.line, cell.raw


def written_cells(doc: Document) -> Iterator[CellRef]:
    """Every agency cell where it is written (inherited copies and shared cells skipped)."""
    seen: set[tuple[str, int | None, str]] = set()
    for row in rows(doc):
        for role in ("lead", "supporting"):
            cell: AgencyCell | None = getattr(row, role)
            if cell is None or cell.inherited or not cell.raw.strip():
                continue
            key = cell_key(role, cell)
            if key in seen:
                continue
            seen.add(key)
            yield CellRef(f"{row.id}/{role}", role, cell, row.id, row.text)  # type: ignore[arg-type]


def shared_rows(doc: Document, ctx: Context) -> list[Row]:
    """:func:`rows`, listed once per run for all the rules that walk them."""
    return ctx.memo(doc, "agencies.rows", lambda: list(rows(doc)))


def shared_written_cells(doc: Document, ctx: Context) -> list[CellRef]:
    """:func:`written_cells`, listed once per run: seven A rules walk them."""
    return ctx.memo(doc, "agencies.written_cells", lambda: list(written_cells(doc)))
