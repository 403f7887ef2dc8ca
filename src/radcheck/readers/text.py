"""Read a regulation from text extracted from PDF (the seeds' format).

Body lines come first; the annex starts at the line ``LAMPIRAN``.  Annex tables are tab-separated
cells under a header that repeats on every page, with lines of dashes between pages.
"""

from __future__ import annotations

import re

from radcheck._gc import paused_gc
from radcheck.config import Limits
from radcheck.model import Column, Document, LampiranHeading, ReadingNote, Section
from radcheck.readers.annex import SectionBuilder, forget_cells, header_columns, is_plain, is_years_row
from radcheck.readers.common import UnreadableInput, clean_text, decode, normalise_chars, split_lines
from radcheck.readers.text_body import body_lines, read_body

_SECTION = re.compile(r"^([A-Z])\.\s+(\S.{2,})$")
# A row whose every cell is empty or dashes (a page separator): as one test on the whole line, whose tabs
# are whitespace too.
_BREAK_ROW = re.compile(r"[-–—_=\s]*")
_LAMPIRAN = re.compile(r"^\s*LAMPIRAN\b", re.IGNORECASE)
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")


def read_text(data: bytes, source: str, limits: Limits | None = None) -> Document:
    """Read extracted text into a Document; raise UnreadableInput if it is not a regulation at all."""
    limits = limits or Limits()
    lines = split_lines(normalise_chars(decode(data, source)))
    doc = Document.trusted(source=source, format="text")
    split = next((i for i, ln in enumerate(lines) if i > 0 and _LAMPIRAN.match(ln)), None)
    if split is None:
        # No Lampiran line: the annex, if any, starts at the first table header.
        split = next((i for i, ln in enumerate(lines) if "\t" in ln and _is_header_at(lines, i)), len(lines))
        split = _section_heading_before(lines, split)
    with paused_gc():  # a large annex is millions of small objects: see radcheck._gc
        try:
            read_body(doc, body_lines(lines[:split], start=1))
            _read_annex(doc, lines, split, limits)
        finally:
            forget_cells()
    if doc.judul is None and not doc.sections:
        raise UnreadableInput(source, "no regulation found: neither a Judul (PERATURAN …) nor annex tables")
    return doc


def _is_header_at(lines: list[str], i: int) -> bool:
    nxt = lines[i + 1].split("\t") if i + 1 < len(lines) else None
    return header_columns(lines[i].split("\t"), nxt if nxt and is_years_row(nxt) else None) is not None


def _table_follows(lines: list[str], i: int) -> bool:
    """A section heading is followed by its table; a signatory's name ("R. GANI MUHAMAD") is not."""
    for j in range(i + 1, min(len(lines), i + 8)):
        if "\t" in lines[j]:
            return True
        if _SECTION.match(lines[j].strip()):
            return False
    return False


def _section_heading_before(lines: list[str], i: int) -> int:
    for j in range(i - 1, max(-1, i - 4), -1):
        if _SECTION.match(lines[j].strip()):
            return j
    return i


def _within_limits(cells: list[str], lineno: int, limits: Limits, notes: list[ReadingNote]) -> list[str]:
    """Cut what is over the size limits, saying so in a note: nothing is dropped silently."""
    if len(cells) > limits.max_row_cells:
        rest = " | ".join(c.strip() for c in cells[limits.max_row_cells:] if c.strip())
        notes.append(ReadingNote.trusted(code="P002", path="/lampiran", text=rest[:200], line=lineno, end_line=lineno,
                                 detail={"reason": f"row of {len(cells):,} cells, over the limit of "
                                                   f"{limits.max_row_cells:,}; the rest was not read"}))
        cells = cells[: limits.max_row_cells]
    if any(len(c) > limits.max_cell_chars for c in cells):
        cells = [clip(c, limits.max_cell_chars, notes, lineno) for c in cells]
    return cells


def clip(text: str, limit: int, notes: list[ReadingNote], lineno: int) -> str:
    if len(text) <= limit:
        return text
    notes.append(ReadingNote.trusted(code="P002", path="/lampiran", text=text[limit:limit + 200], line=lineno,
                             end_line=lineno,
                             detail={"reason": f"cell longer than {limit:,} characters; the rest was not read"}))
    return text[:limit]


def _read_annex(doc: Document, lines: list[str], start: int, limits: Limits) -> None:
    builder: SectionBuilder | None = None
    headers: dict[tuple[str, str | None], _Header] = {}
    after_break = True
    i = start
    n = len(lines)
    max_cells, max_chars = limits.max_row_cells, limits.max_cell_chars
    while i < n:
        raw = lines[i]
        lineno = i + 1
        if _LAMPIRAN.match(raw):
            i = _read_lampiran_heading(doc, lines, i)
            continue
        if "\t" not in raw:
            m = _SECTION.match(raw.strip())
            if m and _table_follows(lines, i):
                if builder:
                    doc.sections.append(builder.finish(lineno - 1))
                title = clean_text(m.group(2))
                section = Section.trusted(letter=m.group(1), title=title, line=lineno,
                                  years=[int(y) for y in _ANY_YEAR.findall(title)])
                builder = SectionBuilder(section, doc.notes)
            after_break = True
            i += 1
            continue
        cells = raw.split("\t")
        row_text = raw
        if len(cells) > max_cells or len(raw) > max_chars:
            cells = _within_limits(cells, lineno, limits, doc.notes)
            row_text = "\t".join(cells)
        if _BREAK_ROW.fullmatch(row_text):
            after_break = True
            i += 1
            continue
        cols, has_years_row = None, False
        if "<" in raw or "*" in raw or _may_be_header(raw):
            cols, has_years_row = _header_here(row_text, cells, lines[i + 1] if i + 1 < n else None, headers)
        if cols is not None:
            if builder is None:
                builder = SectionBuilder(Section.trusted(letter="?", title="", line=lineno), doc.notes)
            builder.set_columns(cols, lineno)
            after_break = True
            i += 2 if has_years_row else 1
            continue
        if builder is None or not builder.ready:
            text = " | ".join(clean_text(c) for c in cells if c.strip())
            doc.notes.append(ReadingNote.trusted(code="P002", path="/lampiran", text=text, line=lineno, end_line=lineno,
                                         detail={"reason": "table row before any table header"}))
            i += 1
            continue
        builder.add_cells(cells, lineno, after_break, is_plain(raw))
        after_break = False
        i += 1
    if builder:
        doc.sections.append(builder.finish(n))


# A header test's answer: the columns (None when the line is no header) and whether a year row follows.
_Header = tuple[list[Column] | None, bool]


def _header_here(row_text: str, cells: list[str], next_line: str | None,
                 seen: dict[tuple[str, str | None], _Header]) -> _Header:
    """The columns if this line is a table header, else None; and whether a year row follows it.

    A table's header repeats on every page, so each distinct pair of lines is tested once per file
    (``SectionBuilder.set_columns`` copies what it keeps, so the cached columns are never shared).
    """
    key = (row_text, next_line)
    if key not in seen:
        nxt = next_line.split("\t") if next_line is not None else None
        years_row = nxt if nxt is not None and is_years_row(nxt) else None
        seen[key] = (header_columns(cells, years_row), years_row is not None)
    return seen[key]


def _may_be_header(raw: str) -> bool:
    """A header names a unit or a target column (see ``header_columns``): a row without these words (and
    without markup that could split them) is data, and the full header test is skipped.

    Looked for in the case-folded line, which finds every case-insensitive match (and perhaps more, which
    the full test sorts out) several times faster than a case-insensitive pattern; written out, not as a
    loop over the words, as this runs for every row.
    """
    folded = raw.casefold()
    return "satuan" in folded or "target" in folded or "tahun" in folded


def _read_lampiran_heading(doc: Document, lines: list[str], i: int) -> int:
    """``LAMPIRAN`` and the indented lines under it: kind, number, year and title of the regulation."""
    parts = [lines[i].strip()]
    j = i + 1
    while j < len(lines) and lines[j].strip() and "\t" not in lines[j] and not _SECTION.match(lines[j].strip()):
        parts.append(lines[j].strip())
        j += 1
    raw = " ".join(parts)
    head = LampiranHeading.trusted(raw=raw, line=i + 1)
    m = re.search(r"LAMPIRAN\s*(?:[IVX]+\s+)?(?::\s*)?(PERATURAN\s+.+?)\s+NOMOR\s+(\d+)\s+TAHUN\s+(\d{4})", raw, re.I)
    if m:
        head.kind = m.group(1).strip()
        head.number = int(m.group(2))
        head.year = int(m.group(3))
    t = re.search(r"\bTENTANG\s+(.+)$", raw, re.I)
    if t:
        head.title = t.group(1).strip()
    doc.lampiran.append(head)
    return j
