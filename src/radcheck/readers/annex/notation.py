"""How each year's column of a table writes its numbers, decided from all its cells."""

from __future__ import annotations

from radcheck.model import Indicator, ReadingNote, Section, TargetCell, TargetKind
from radcheck.numbers import column_notation, is_ambiguous, is_range, looks_numeric, read_target_en


def settle_numbers(section: Section, notes: list[ReadingNote]) -> None:
    """Each year's column (and the baseline) read the way it writes its numbers, decided from all its
    cells (``numbers.column_notation``): a column writing ``6,015,947,806`` and ``87.7`` is read that
    way, ``2,000`` there being two thousand.  A column writing both ways keeps its ambiguous cells raw;
    a cell that stays no number (``10-15``, ``1.2.3``) is kept raw; each with a P004 note.  A column
    whose cells read the same both ways goes by the table's other columns.

    Called for tables holding a cell the Indonesian reading refused: where every cell read the Indonesian
    way, no column writes otherwise."""
    inds = section.indicators
    unreadable, number = TargetKind.UNREADABLE, TargetKind.NUMBER
    columns: dict[int | None, list[tuple[Indicator, TargetCell]]] = {}  # a year, or None for the baseline
    for ind in inds:
        if ind.baseline is not None and ind.baseline.kind in (number, unreadable):
            columns.setdefault(None, []).append((ind, ind.baseline))
        for year, cell in ind.targets.items():
            if cell.kind in (number, unreadable):
                columns.setdefault(year, []).append((ind, cell))
    # A column whose own cells do not tell (``1,500`` and ``12``) writes as the table's others do.
    table = column_notation([c.raw for column in columns.values() for _, c in column])
    for col in sorted(columns, key=lambda y: -1 if y is None else y):
        cells = columns[col]
        notation = column_notation([c.raw for _, c in cells])
        if notation == "unknown":
            notation = "en" if table == "en" else "id"
        for ind, cell in cells:
            reason = None
            if notation == "en":
                new = read_target_en(cell.raw)
            elif notation == "mixed" and (cell.kind is unreadable or is_ambiguous(cell.raw)):
                new = TargetCell.trusted(kind=unreadable, raw=cell.raw)
                reason = "mixed"
            else:
                new = cell
            if new.kind is unreadable and reason is None:
                reason = "range" if is_range(new.raw) else "number" if looks_numeric(new.raw) else None
            if new is not cell:
                if col is None:
                    ind.baseline = new
                else:
                    ind.targets[col] = new
            if reason is not None:
                where = "baseline" if col is None else f"targets/{col}"
                notes.append(ReadingNote.trusted(
                    code="P004", path=f"/lampiran/{ind.id}/{where}", text=new.raw, line=ind.line,
                    end_line=ind.line, detail={"column": "baseline" if col is None else str(col),
                                               "reason": reason}))
