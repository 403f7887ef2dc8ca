"""Tables set in columns by position: text aligned with spaces (``pdftotext -layout``) and PDF pages
without rulings.

A line is a list of *chunks* (start, end, text): the runs of text a column gap separates, as character
columns of a text line (two or more spaces) or as PDF word positions (a gap wider than one em).  The
columns come from the table's header: its label lines and the year line under them.  Each data chunk
goes to the column its start falls in (boundaries halfway between the header's columns); a chunk that
runs into the next column's header cannot be placed with confidence, and its line is reported (P002),
never guessed.

Known limit: a header centred over wide columns places left-aligned data by the header's position, so
a cell starting left of the middle of the gap before its header's label lands one column to the left;
a PDF with rulings, or tab-separated text, does not depend on this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from radcheck.model import ReadingNote
from radcheck.readers.annex import header_columns, is_years_row
from radcheck.readers.office_table import SECTION_TITLE, GridCell, GridRow

Chunk = tuple[float, float, str]  # start, end, text
_RUN = re.compile(r"\S+(?: \S+)*")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
# Lines a header may take above its year line (labels wrapped in narrow columns).
_MAX_LABEL_LINES = 4


def text_chunks(line: str) -> list[Chunk]:
    """The runs of a space-aligned text line: text separated by two spaces or more."""
    line = line.expandtabs(8)
    return [(float(m.start()), float(m.end()), m.group()) for m in _RUN.finditer(line)]


@dataclass
class Header:
    """A table header found by position: its columns' extents and what a person reads in it."""

    labels: list[str]
    years: list[str] | None
    starts: list[float]
    ends: list[float]
    height: int  # lines the header takes, the year line included

    @property
    def bounds(self) -> list[float]:
        return [(self.ends[j] + self.starts[j + 1]) / 2 for j in range(len(self.starts) - 1)]

    def rows(self, first_line: int) -> list[GridRow]:
        out = [GridRow([GridCell(t) for t in self.labels], first_line)]
        if self.years is not None:
            out.append(GridRow([GridCell(t) for t in self.years], first_line + self.height - 1))
        return out

    def split(self, chunks: list[Chunk], tolerance: float) -> list[str] | None:
        """The line's cells by column, or None when a chunk runs into the next column."""
        bounds = self.bounds
        cells = [""] * len(self.starts)
        for start, end, text in chunks:
            j = sum(1 for b in bounds if start >= b)
            if j + 1 < len(self.starts) and end > self.starts[j + 1] + tolerance:
                return None
            cells[j] = f"{cells[j]} {text}" if cells[j] else text
        return cells


def find_header(lines: list[list[Chunk]], i: int) -> Header | None:
    """The header whose first line is ``lines[i]``: label lines, then (within a few lines) a year line."""
    if len(lines[i]) < 3:
        return None
    for k in range(1, _MAX_LABEL_LINES + 1):
        j = i + k
        if j > len(lines) or any(not ln for ln in lines[i:j]):
            break
        years = lines[j] if j < len(lines) and lines[j] and all(_YEAR.match(c[2]) for c in lines[j]) else None
        if years is None and k > 1:
            continue
        header = _header_from(lines[i:j], years)
        if header is not None:
            return header
    return None


def _header_from(label_lines: list[list[Chunk]], years: list[Chunk] | None) -> Header | None:
    chunks = [c for ln in label_lines for c in ln] + (years or [])
    # A label over several columns (the target label over the years) spans chunks of another line.
    def spans(c: Chunk) -> bool:
        for ln in label_lines + ([years] if years else []):
            inside = [d for d in ln if d is not c and d[0] >= c[0] - 1 and d[1] <= c[1] + 1]
            if len(inside) >= 2:
                return True
        return False

    groups = [c for c in chunks if spans(c)]
    spans_ = sorted((c[0], c[1]) for c in chunks if c not in groups)
    cols: list[list[float]] = []
    for s, e in spans_:
        if cols and s <= cols[-1][1]:
            cols[-1][1] = max(cols[-1][1], e)
        else:
            cols.append([s, e])
    if len(cols) < 3:
        return None
    labels = [""] * len(cols)
    year_cells: list[str] | None = [""] * len(cols) if years else None

    def column(c: Chunk) -> int:
        return next((j for j, (s, e) in enumerate(cols) if c[0] < e and c[1] > s), 0)

    for ln in label_lines:
        for c in ln:
            j = column(c)
            labels[j] = f"{labels[j]} {c[2]}" if labels[j] else c[2]
    if years and year_cells is not None:
        for c in years:
            year_cells[column(c)] = c[2]
    if header_columns(labels, year_cells if year_cells and is_years_row(year_cells) else None) is None:
        return None
    return Header(labels, year_cells, [c[0] for c in cols], [c[1] for c in cols],
                  len(label_lines) + (1 if years else 0))


def _with_unlabelled(header: Header, lines: list[list[Chunk]], start: int, tolerance: float) -> Header:
    """Add the columns the header leaves unlabelled (numbers before the first label, years under one
    "Tahun" label): runs of data that lie wholly in a gap between the header's columns."""
    orphans: list[list[float]] = []
    for k in range(start + header.height, len(lines)):
        chunks = lines[k]
        if len(chunks) == 1 and SECTION_TITLE.match(chunks[0][2]):
            break  # the next section's table has its own columns
        if len(chunks) < 2:
            continue
        if len(chunks) >= 3 and find_header(lines, k) is not None:
            break
        for start, end, _ in chunks:
            if any(start < e + tolerance and end > s - tolerance for s, e in zip(header.starts, header.ends)):
                continue
            orphans.append([start, end])
    if not orphans:
        return header
    orphans.sort()
    merged: list[list[float]] = []
    for s, e in orphans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    cols = sorted([(s, e, lbl, yr) for s, e, lbl, yr in zip(
        header.starts, header.ends, header.labels, header.years or [""] * len(header.labels))]
        + [(s, e, "", "") for s, e in merged])
    return Header([c[2] for c in cols], [c[3] for c in cols] if header.years is not None else None,
                  [c[0] for c in cols], [c[1] for c in cols], header.height)


def table_rows(lines: list[list[Chunk]], start: int, numbers: list[int], notes: list[ReadingNote],
               tolerance: float) -> tuple[list[GridRow], int]:
    """Rows for ``AnnexTables`` from the header at ``lines[start]``: the header rows, then each line split
    at the header's columns, until the next header, a section title, or a line after a blank that cannot
    be placed (text after the table).  A line inside the table that cannot be placed is a P002 note.
    ``numbers`` gives each line's running number.  Returns the rows and the index after the last line used."""
    header = find_header(lines, start)
    if header is None:
        return [], start
    header = _with_unlabelled(header, lines, start, tolerance)
    rows = header.rows(numbers[start])
    k = start + header.height
    after_break = True
    while k < len(lines):
        no, chunks = numbers[k], lines[k]
        if not chunks:
            after_break = True
            k += 1
            continue
        if len(chunks) >= 3 and find_header(lines, k) is not None:
            break  # the next page's header, or another table: the caller starts again here
        if len(chunks) == 1 and chunks[0][0] < header.bounds[0]:
            # One run of text from the left margin is a text line, as a line without tabs is in
            # tab-separated text: a section title ends the table, anything else (a signature) is passed.
            if SECTION_TITLE.match(chunks[0][2]):
                break
            after_break = True
            k += 1
            continue
        cells = header.split(chunks, tolerance)
        if cells is None:
            if after_break:
                break  # text after the table (a signature, a note)
            notes.append(ReadingNote.trusted(
                code="P002", path="/lampiran", text=" | ".join(c[2] for c in chunks)[:500], line=no, end_line=no,
                detail={"reason": "the line's text does not fit the columns of the table header, so it "
                                  "cannot be split into cells with confidence"}))
            k += 1
            continue
        if all(not c.strip("-–—_= ") for c in cells):
            after_break = True  # a row of dashes between pages
            k += 1
            continue
        rows.append(GridRow([GridCell(c) for c in cells], no, after_break=after_break))
        after_break = False
        k += 1
    return rows, k
