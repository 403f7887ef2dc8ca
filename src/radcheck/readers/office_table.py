"""Annex tables from Office files: a grid of cells with merges → sections, through ``annex.SectionBuilder``.

The Word and Excel readers differ in how they find cells; both hand this module rows of ``GridCell``s,
one per grid column, that say whether the cell holds its own text or is covered by a merged cell:

- ``merge="up"``: covered by a vertical merge (Word ``w:vMerge`` continue, an Excel merged range below
  its first row): *same as above*.  In plan columns (issue, goal, outcome, activity), agency columns and
  No, the builder is given an empty cell, which keeps the open node and inherits the agency above
  (marked ``inherited``), exactly as the "empty means same as above" cells of extracted text.  In the
  columns every indicator line needs its own value (indicator, unit, baseline, targets) the merged
  value is repeated, so two indicators sharing a merged "Orang" both have that unit.
- ``merge="left"``: covered by a horizontal merge (Word ``w:gridSpan``, an Excel range across columns):
  *same as across*.  A span over target (and baseline) columns repeats its value in each year: one
  merged "12" over 2024–2028 is a target of 12 in every year.  Any other span (a heading row across the
  table, "Target Rencana Aksi" over the years in the header) leaves its text in its first column only;
  repeating a heading into unit and target columns would invent values.

Office tables do not wrap a cell onto the next row, so no Office row is a continuation row (the PDF
reader sets ``GridRow.after_break`` on the first row of a page), and no cell shifts out of its column, so
no row is realigned (``AnnexTables.realign`` is off; a reader feeding rows recovered from a PDF's layout
may turn it on).  A section title may be a paragraph or sheet name before the table or a row of its own
(``A. Rencana Aksi …``, usually merged across the table).  The header is read by meaning
(``readers.columns.Headers``: one to four rows); rows met before any header are one P005 note (a
table not read) or, alone, a P002.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from radcheck.model import Document, ReadingNote, Section
from radcheck.readers.annex import Cells, RawRow, SectionBuilder, flush_unread
from radcheck.readers.columns import MAX_HEADER_ROWS, Headers, is_numbering_row
from radcheck.readers.common import SECTION_TITLE, clean_text

LAMPIRAN = re.compile(r"^\s*LAMPIRAN\b", re.IGNORECASE)
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")
_REPEAT_DOWN = frozenset({"indicator", "unit", "baseline", "target"})
_REPEAT_ACROSS = frozenset({"baseline", "target"})
# In agency cells a line break separates names, as a comma would (as for wrapped text rows); in every
# other cell it is only layout.
_AGENCY_ROLES = frozenset({"lead", "supporting", "agency"})


@dataclass
class GridCell:
    text: str
    merge: Literal["", "up", "left"] = ""  # "": the cell's own text; else covered, ``text`` is the merged value


@dataclass
class GridRow:
    cells: list[GridCell]
    line: int
    # The first row under a page's (repeated) header or after a page break: its cells may continue the
    # row above (a row a PDF split across pages), as after a blank line in extracted text.
    after_break: bool = False


def clip(text: str, limit: int, notes: list[ReadingNote], path: str, line: int) -> str:
    """Cut a cell longer than ``limit`` characters and say so: nothing is dropped silently."""
    if len(text) <= limit:
        return text
    notes.append(ReadingNote.trusted(code="P002", path=path, text=text[limit:limit + 200], line=line, end_line=line,
                             detail={"reason": f"cell longer than {limit:,} characters; the rest was not read"}))
    return text[:limit]


class AnnexTables:
    """Turns Office tables (and the titles around them) into the sections of ``doc``."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.builder: SectionBuilder | None = None
        self.last_line = 0
        # A Word or Excel grid keeps every cell in its column: no row is realigned.  A reader feeding rows
        # recovered from a PDF's layout (whose cells may have shifted) sets this to True.
        self.realign = False
        self.builders: list[SectionBuilder] = []
        self.unread: list[tuple[int, str]] = []  # rows met before any header, since the last header or title
        self.unread_first: list[str] = []  # the cells of the first of them: perhaps a header nobody recognised
        self.outside = 0  # all such rows
        self.cells = Cells()  # this reading's, shared by its sections
        self.headers = Headers()  # this reading's: a header may repeat on every page

    # -- sections ----------------------------------------------------------------------------
    def start_section(self, letter: str, title: str, line: int) -> None:
        self._flush()
        self._close(line - 1)
        title = clean_text(title)
        section = Section.trusted(letter=letter, title=title, line=line,
                                  years=[int(y) for y in _ANY_YEAR.findall(title)])
        self.builder = SectionBuilder(section, self.doc.notes, self.cells)
        self.builder.realign = self.realign
        self.builders.append(self.builder)

    def _flush(self) -> None:
        if self.unread:
            path = f"/lampiran/{self.builder.section.letter}" if self.builder else "/lampiran"
            flush_unread(self.doc.notes, path, self.unread, self.unread_first)

    def next_letter(self) -> str:
        used = [s.letter for s in self.doc.sections] + ([self.builder.section.letter] if self.builder else [])
        letters = [u for u in used if len(u) == 1 and u.isalpha()]
        return chr(ord(max(letters)) + 1) if letters and max(letters) < "Z" else "A"

    def _close(self, end_line: int) -> None:
        if self.builder is not None:
            self.doc.sections.append(self.builder.finish(max(end_line, self.builder.section.line or 0)))
            self.builder = None

    def finish(self) -> None:
        self._flush()
        self._close(self.last_line)
        self.doc.table_rows = self.outside + sum(b.rows_met for b in self.builders)
        self.doc.rows_read = sum(b.rows_read for b in self.builders)

    # -- rows --------------------------------------------------------------------------------
    def feed(self, rows: list[GridRow], *, fallback_title: str | None = None) -> None:
        """Read one table (a Word table, an Excel sheet).  ``fallback_title`` names a section (the sheet
        title) for a header met before any title row."""
        i = 0
        own_section = False
        while i < len(rows):
            row = rows[i]
            self.last_line = max(self.last_line, row.line)
            plain = [_one_line(c.text) if not c.merge else "" for c in row.cells]
            filled = [clean_text(t) for t in plain if clean_text(t)]
            if not filled:
                i += 1
                continue
            if len(filled) == 1 and LAMPIRAN.match(filled[0]):
                self._flush()
                i = self._lampiran(rows, i)
                continue
            if len(filled) == 1:
                m = SECTION_TITLE.match(filled[0])
                if m:
                    self.start_section(m.group(1), m.group(2), row.line)
                    own_section = True
                    i += 1
                    continue
            below = ([_one_line(c.text) if not c.merge else "" for c in r.cells]
                     for r in rows[i + 1:i + MAX_HEADER_ROWS])
            found = self.headers.read(plain, below)
            if found is not None:
                cols, taken = found
                if not own_section and fallback_title is not None:
                    m = SECTION_TITLE.match(clean_text(fallback_title))
                    letter, title = (m.group(1), m.group(2)) if m else (self.next_letter(), fallback_title)
                    self.start_section(letter, title, row.line)
                    own_section = True
                elif self.builder is None:
                    self.start_section("?", "", row.line)
                assert self.builder is not None
                self._flush()
                self.builder.set_columns(cols, row.line)
                self.last_line = max(self.last_line, rows[i + taken - 1].line)
                i += taken
                continue
            if self.builder is None or not self.builder.ready:
                if not self.unread:
                    self.unread_first = plain
                self.unread.append((row.line, " | ".join(filled)))
                self.outside += 1
                i += 1
                continue
            if is_numbering_row(plain):
                i += 1  # the column numbers under a header, repeated: no plan row
                continue
            self.builder.add_row(RawRow(cells=self._cells(row), line=row.line, after_break=row.after_break))
            i += 1
        self._flush()  # the rows of a table with no header end with it

    def _lampiran(self, rows: list[GridRow], i: int) -> int:
        """A ``LAMPIRAN`` heading written in rows of a sheet: read like the text heading."""
        from radcheck.readers.text import _read_lampiran_heading  # one parser for the heading

        texts: list[str] = []
        for row in rows[i:]:
            filled = [_one_line(clean_text(c.text)) for c in row.cells if not c.merge and clean_text(c.text)]
            if len(filled) != 1:
                break
            texts.append(filled[0])
        used = _read_lampiran_heading(self.doc, texts, 0)
        self.doc.lampiran[-1].line = rows[i].line
        return i + max(used, 1)

    def _cells(self, row: GridRow) -> list[str]:
        """The row as the builder reads it: merged cells resolved by the role of their column."""
        assert self.builder is not None
        roles = self.builder.roles
        out: list[str] = []
        for idx, text in enumerate(self._resolved(row, roles)):
            role = roles[idx] if idx < len(roles) else "other"
            out.append(text if role in _AGENCY_ROLES else _one_line(text))
        return out

    def _resolved(self, row: GridRow, roles: Sequence[str]) -> list[str]:
        out: list[str] = []
        for idx, cell in enumerate(row.cells):
            role = roles[idx] if idx < len(roles) else "other"
            if not cell.merge:
                out.append(cell.text)
            elif cell.merge == "up":
                out.append(cell.text if role in _REPEAT_DOWN else "")
            else:  # left: repeat only within target/baseline columns, from a target/baseline anchor
                anchor = idx
                while anchor > 0 and row.cells[anchor].merge == "left":
                    anchor -= 1
                anchor_role = roles[anchor] if anchor < len(roles) else "other"
                out.append(cell.text if role in _REPEAT_ACROSS and anchor_role in _REPEAT_ACROSS else "")
        return out


def _one_line(text: str) -> str:
    return " ".join(p.strip() for p in text.split("\n")) if "\n" in text else text
