"""Every agency cell of a document with its names resolved: one pass that all the A rules share.

Seven rules read the same cells.  Rather than each walking the plan and resolving every cell again,
the first rule to ask builds a :class:`Mentions` table (``ctx.memo``), and each rule judges every
*distinct* cell text once (a plan repeats a few thousand texts over tens of thousands of cells).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, TypeVar

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


_V = TypeVar("_V")


@dataclass
class Mentions:
    """A document's agency cells, listed once, with their texts resolved once."""

    resolver: Resolver
    day: dt.date  # the date names are judged at (document_date)
    rows: list[Row]
    cells: list[CellRef] = field(default_factory=list)  # every written cell, in document order
    # each distinct written text → the positions in ``cells`` of the cells that carry it
    positions: dict[str, list[int]] = field(default_factory=dict)
    _names: dict[str, CellNames] = field(default_factory=dict, repr=False)
    # Keyed by id(target): the resolver (held above) keeps every target alive, and a Target is not
    # hashable by value (it holds a pydantic Agency).  A plan names a hundred or so bodies.
    _identities: dict[int, str | None] = field(default_factory=dict, repr=False)

    def names(self, raw: str) -> CellNames:
        """The resolved names of a cell text (inherited copies included)."""
        known = self._names.get(raw)
        if known is None:
            names = self.resolver.resolve_cell(raw)
            known = self._names[raw] = CellNames(raw, names, tuple(self._identity(r) for r in names))
        return known

    def _identity(self, r: Resolution) -> str | None:
        if r.target is None:
            return None
        key = id(r.target)
        if key not in self._identities:
            self._identities[key] = self.resolver.identity(r)
        return self._identities[key]

    def flagged(self, judge: Callable[[CellNames], list[_V]]) -> Iterator[tuple[CellRef, list[_V]]]:
        """Each written cell with what ``judge`` found in its text, in document order; cells where it
        found nothing are skipped.  Each distinct text is judged once, and only the cells of texts
        with something to say are visited.
        """
        found: list[tuple[int, list[_V]]] = []
        for raw, where in self.positions.items():
            verdict = judge(self.names(raw))
            if verdict:
                found.extend((i, verdict) for i in where)
        found.sort(key=itemgetter(0))
        for i, verdict in found:
            yield self.cells[i], verdict


def mentions(doc: Document, ctx: Context) -> Mentions:
    """The document's :class:`Mentions`, built by the first rule that asks in this run."""
    return ctx.memo(doc, "agencies.mentions", lambda: _build(doc, ctx))


def _build(doc: Document, ctx: Context) -> Mentions:
    table = Mentions(resolver_for(doc, ctx), document_date(doc, ctx), list(rows(doc)))
    table.cells = list(written_cells_of(table.rows))
    for i, ref in enumerate(table.cells):
        where = table.positions.get(ref.cell.raw)
        if where is None:
            where = table.positions[ref.cell.raw] = []
        where.append(i)
    return table
