"""What a reader tells of a table as a whole: its header's columns, and rows that became no plan rows."""

from __future__ import annotations

from radcheck.model import Column, ReadingNote
from radcheck.readers.columns import is_year_label, looks_like_labels, read_header
from radcheck.readers.common import clean_text

# One table-shaped line that reads as nothing is a leftover (P002); this many together are a table that
# was not read (P005): a header nobody recognised, or columns that could not be told apart.
UNREAD_TABLE_MIN_ROWS = 2


def header_columns(header: list[str], years_row: list[str] | None) -> list[Column] | None:
    """Columns from a header row (and the year row under it), or None if this is not a header.

    The header is read by its labels' meaning (``readers.columns``); see ``read_header`` for headers of
    up to three rows.
    """
    found = read_header([header, years_row] if years_row is not None else [header])
    return found[0] if found is not None else None


def is_years_row(cells: list[str]) -> bool:
    """A row of year labels only (``2024 2025 …``, ``Target 2025 …``): the second row of a header."""
    vals = [v for v in map(clean_text, cells) if v]
    return bool(vals) and all(is_year_label(v) for v in vals)


def note_unread_table(notes: list[ReadingNote], path: str, rows: list[tuple[int, str]], reason: str) -> None:
    """One P005 note for table rows that did not become plan rows: the first row quoted, how many, why
    (``header``: the first row looks like a header nobody recognised; ``no-header``: no header at all;
    ``columns``: a header was found, but no row could be placed in its columns)."""
    notes.append(ReadingNote.trusted(code="P005", path=path, text=rows[0][1], line=rows[0][0], end_line=rows[-1][0],
                                     detail={"rows": str(len(rows)), "reason": reason}))


def flush_unread(notes: list[ReadingNote], path: str, rows: list[tuple[int, str]], first_cells: list[str]) -> None:
    """Rows met before any header: one P005 for a run of them, else a P002 each (and ``rows`` emptied)."""
    if len(rows) >= UNREAD_TABLE_MIN_ROWS:
        note_unread_table(notes, path, rows, "header" if looks_like_labels(first_cells) else "no-header")
    else:
        for line, text in rows:
            notes.append(ReadingNote.trusted(code="P002", path="/lampiran", text=text, line=line, end_line=line,
                                             detail={"reason": "table row before any table header"}))
    rows.clear()
