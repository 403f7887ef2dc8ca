"""Every agency cell of a document with its names resolved: one pass that all the A rules share.

Seven rules read the same cells.  Rather than each walking the plan and resolving every cell again,
the first rule to ask builds a :class:`Mentions` table (``ctx.memo``), and each rule judges every
*distinct* cell text once (a plan repeats a few thousand texts over tens of thousands of cells).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from radcheck.agencies.cells import CellRef, rows, written_cells_of
from radcheck.agencies.resolve import Resolution, Resolver, document_date, resolver_for

if TYPE_CHECKING:
    from radcheck.agencies.cells import Row
    from radcheck.engine import Context
    from radcheck.model import Document


@dataclass(frozen=True)
class CellNames:
    """The names of one distinct cell text, resolved, with the body each stands for."""

    raw: str
    names: tuple[Resolution, ...]
    identities: tuple[str | None, ...]  # Resolver.identity of each name: None when unresolved


@dataclass
class Mentions:
    """A document's agency cells, listed once, with their texts resolved once."""

    resolver: Resolver
    day: dt.date  # the date names are judged at (document_date)
    rows: list[Row]
    cells: list[tuple[CellRef, CellNames]]  # every written cell, in document order
    _texts: dict[str, CellNames] = field(default_factory=dict, repr=False)

    def names(self, raw: str) -> CellNames:
        """The resolved names of a cell text (inherited copies included)."""
        known = self._texts.get(raw)
        if known is None:
            names = self.resolver.resolve_cell(raw)
            known = self._texts[raw] = CellNames(raw, names, tuple(self.resolver.identity(r) for r in names))
        return known


def mentions(doc: Document, ctx: Context) -> Mentions:
    """The document's :class:`Mentions`, built by the first rule that asks in this run."""
    return ctx.memo(doc, "agencies.mentions", lambda: _build(doc, ctx))


def _build(doc: Document, ctx: Context) -> Mentions:
    table = Mentions(resolver_for(doc, ctx), document_date(doc, ctx), list(rows(doc)), [])
    table.cells = [(ref, table.names(ref.cell.raw)) for ref in written_cells_of(table.rows)]
    return table
