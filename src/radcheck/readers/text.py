"""Read a regulation from text extracted from PDF (the seeds' format).

Body lines come first; the annex starts at the line ``LAMPIRAN``.  Annex tables are tab-separated
cells under a header that repeats on every page, with lines of dashes between pages.
"""

from __future__ import annotations

import re

from radcheck._gc import paused_gc
from radcheck.config import Limits
from radcheck.model import Document, LampiranHeading, ReadingNote, Section
from radcheck.readers.annex import Cells, RawRow, SectionBuilder, flush_unread, is_plain, note_unread_table
from radcheck.readers.columns import MAX_HEADER_ROWS, Headers, is_numbering_row, plan_of, read_header
from radcheck.readers.common import SECTION_TITLE, UnreadableInput, clean_text, decode, normalise_chars, split_lines
from radcheck.readers.text_body import body_lines, read_body

_SECTION = SECTION_TITLE
# A row whose every cell is empty or dashes (a page separator): as one test on the whole line, whose tabs
# are whitespace too.
_BREAK_ROW = re.compile(r"[-–—_=\s]*")
# The Lampiran heading: ``LAMPIRAN`` in capitals, or ``Lampiran`` alone (``Lampiran I``, ``Lampiran :``) or
# naming the regulation by number.  A wrapped body line "Lampiran yang merupakan bagian tidak terpisahkan
# dari Peraturan Bupati ini" is body text, not the start of the annex.  The Word reader uses it too.
LAMPIRAN_HEADING = re.compile(
    r"^\s*(?:LAMPIRAN\b|Lampiran\s*(?:[IVX]+\b\s*)?(?::|$)|Lampiran\s+(?!.*\bini\b).*\bNomor\b)")
_LAMPIRAN = LAMPIRAN_HEADING
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")
# Lines after the Lampiran heading beyond which an annex without any table is reported (the heading
# itself, a signature block and a gazette line take about this many).
_ANNEX_TEXT_LINES = 20


def read_text(data: bytes, source: str, limits: Limits | None = None) -> Document:
    """Read extracted text into a Document; raise UnreadableInput if it is not a regulation at all."""
    limits = limits or Limits()
    lines = split_lines(normalise_chars(decode(data, source)))
    doc = Document.trusted(source=source, format="text")
    aligned = not any("\t" in ln for ln in lines)  # columns aligned with spaces (pdftotext -layout), or no table at all
    split = next((i for i, ln in enumerate(lines) if i > 0 and _LAMPIRAN.match(ln)), None)
    if split is None:
        # No Lampiran line: the annex, if any, starts at the first table header.
        if aligned:
            from radcheck.readers.layout import find_header, text_chunks

            chunks = [text_chunks(ln) for ln in lines]
            split = next((i for i in range(len(lines)) if find_header(chunks, i)), len(lines))
        else:
            split = next((i for i, ln in enumerate(lines) if "\t" in ln and _is_header_at(lines, i)), len(lines))
        split = _section_heading_before(lines, split)
    with paused_gc(), plan_of(doc):  # a large annex is millions of small objects: see radcheck._gc
        read_body(doc, body_lines(lines[:split], start=1))
        if aligned:
            _read_aligned_annex(doc, lines, split, limits)
        else:
            _read_annex(doc, lines, split, limits)
            if split == len(lines):
                _note_tables_in_body(doc, lines)
    if doc.judul is None and not doc.sections and not (doc.menimbang or doc.mengingat or doc.provisions):
        raise UnreadableInput(source, "no regulation found: no Judul (PERATURAN …), no Menimbang, Mengingat or "
                                      "Pasal, and no annex tables")
    return doc


# A table in a text without LAMPIRAN or any recognised header: this many tab-separated lines in a row, of
# this many cells at least.  Body lines carry a tab or two ("Menimbang\t:\tbahwa …"), never runs of rows
# of four cells.
_BODY_TABLE_MIN_ROWS = 3
_BODY_TABLE_MIN_CELLS = 4


def _note_tables_in_body(doc: Document, lines: list[str]) -> None:
    """Runs of table rows in a text where no annex was found: the plan is there but was not read (P005)."""
    run: list[tuple[int, str]] = []
    first: list[str] = []
    for i, line in enumerate([*lines, ""]):
        cells = line.split("\t")
        filled = [c for c in cells if c.strip()]
        if len(cells) >= _BODY_TABLE_MIN_CELLS and len(filled) >= 2 and not _BREAK_ROW.fullmatch(line):
            if not run:
                first = cells
            run.append((i + 1, " | ".join(clean_text(c) for c in filled)))
            continue
        if _BREAK_ROW.fullmatch(line) and run and line:
            continue  # a page separator inside the table
        if len(run) >= _BODY_TABLE_MIN_ROWS:
            doc.table_rows += len(run)
            flush_unread(doc.notes, "/lampiran", run, first)
        run = []


def _is_header_at(lines: list[str], i: int) -> bool:
    return read_header([ln.split("\t") for ln in lines[i:i + MAX_HEADER_ROWS]]) is not None


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
    builders: list[SectionBuilder] = []
    cells_seen = Cells()  # this reading's, shared by its sections
    headers = Headers()  # this reading's: a header repeats on every page
    unread: list[tuple[int, str]] = []  # table rows met before any header, since the last header or title
    unread_first: list[str] = []  # the cells of the first of them: perhaps a header nobody recognised
    outside = 0  # all such rows

    def flush() -> None:
        if unread:
            flush_unread(doc.notes, f"/lampiran/{builder.section.letter}" if builder else "/lampiran", unread,
                         unread_first)

    after_break = True
    i = start
    n = len(lines)
    max_cells, max_chars = limits.max_row_cells, limits.max_cell_chars
    while i < n:
        raw = lines[i]
        lineno = i + 1
        if _LAMPIRAN.match(raw):
            flush()
            i = _read_lampiran_heading(doc, lines, i)
            continue
        if "\t" not in raw:
            m = _SECTION.match(raw.strip())
            if m and _table_follows(lines, i):
                flush()
                if builder:
                    doc.sections.append(builder.finish(lineno - 1))
                title = clean_text(m.group(2))
                section = Section.trusted(letter=m.group(1), title=title, line=lineno,
                                  years=[int(y) for y in _ANY_YEAR.findall(title)])
                builder = SectionBuilder(section, doc.notes, cells_seen)
                builders.append(builder)
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
        found = None
        if "<" in raw or "*" in raw or _may_be_header(raw):
            found = headers.read(cells, (ln.split("\t") for ln in lines[i + 1:i + MAX_HEADER_ROWS]))
        if found is not None:
            cols, header_rows = found
            flush()
            if builder is None:
                builder = SectionBuilder(Section.trusted(letter="?", title="", line=lineno), doc.notes, cells_seen)
                builders.append(builder)
            builder.set_columns(cols, lineno)
            after_break = True
            i += header_rows
            continue
        if builder is None or not builder.ready:
            if not unread:
                unread_first[:] = cells
            unread.append((lineno, " | ".join(clean_text(c) for c in cells if c.strip())))
            outside += 1
            i += 1
            continue
        if cells[0].strip() in _FIRST_NUMBER and is_numbering_row(cells):
            after_break = True  # the column numbers repeated at the top of a page: a header, no plan row
            i += 1
            continue
        builder.add_row(RawRow(cells, lineno, after_break, is_plain(raw)))
        after_break = False
        i += 1
    flush()
    if builder:
        doc.sections.append(builder.finish(n))
    doc.table_rows = outside + sum(b.rows_met for b in builders)
    doc.rows_read = sum(b.rows_read for b in builders)


def _read_aligned_annex(doc: Document, lines: list[str], start: int, limits: Limits) -> None:
    """The annex of text without tabs: each table is split at its header's column positions
    (``layout``); the LAMPIRAN heading and section titles are read as in tab-separated text."""
    from radcheck.readers.layout import table_rows, text_chunks
    from radcheck.readers.office_table import AnnexTables

    tables = AnnexTables(doc)
    # Rows recovered from a page's layout may lose a leading cell (a missing No), as extracted text does.
    tables.realign = True
    chunks = [text_chunks(_within_chars(ln, i + 1, limits, doc.notes)) for i, ln in enumerate(lines)]
    numbers = list(range(1, len(lines) + 1))
    i = start
    while i < len(lines):
        raw = lines[i].strip()
        tables.last_line = max(tables.last_line, i + 1)
        if _LAMPIRAN.match(raw):
            i = _read_lampiran_heading(doc, lines, i)
            continue
        m = _SECTION.match(raw)
        if m and len(chunks[i]) == 1 and any(len(c) > 2 for c in chunks[i + 1:i + 8]):
            tables.start_section(m.group(1), m.group(2), i + 1)
            i += 1
            continue
        if len(chunks[i]) >= 3:
            rows, after = table_rows(chunks, i, numbers, doc.notes, 1.0)
            if rows:
                tables.feed(rows)
                i = after
                continue
        i += 1
    tables.finish()
    rest = [k for k in range(start, len(lines)) if lines[k].strip()]
    if not doc.sections and len(rest) > _ANNEX_TEXT_LINES:
        heading_end = _read_lampiran_heading(Document.trusted(), lines, rest[0]) if _LAMPIRAN.match(
            lines[rest[0]]) else rest[0]
        first = next((k for k in rest if k >= heading_end), rest[0])
        # Neither tabs nor columns aligned with spaces (a PDF tool that puts one cell on a line, e.g.
        # pdftotext without -layout): the annex is there but cannot be read as a table.
        note_unread_table(doc.notes, "/lampiran", [(k + 1, lines[k].strip()[:200]) for k in rest if k >= first],
                          "empty")


def _within_chars(line: str, lineno: int, limits: Limits, notes: list[ReadingNote]) -> str:
    return clip(line, limits.max_cell_chars, notes, lineno) if len(line) > limits.max_cell_chars else line


_FIRST_NUMBER = frozenset({"1", "(1)", "1."})
_YEAR_WORD = re.compile(r"\b(?:19|20)\d{2}\b")


def _may_be_header(raw: str) -> bool:
    """A header names a unit, an indicator or a target column, or has year labels (see ``read_header``): a
    row without these (and without markup that could split them) is data, and the full header test is
    skipped.

    Looked for in the case-folded line, which finds every case-insensitive match (and perhaps more, which
    the full test sorts out) several times faster than a case-insensitive pattern; written out, not as a
    loop over the words, as this runs for every row.  The year pattern is searched only in lines holding
    ``19`` or ``20``: a substring test is about ten times faster than the search it spares.
    """
    folded = raw.casefold()
    return ("satuan" in folded or "target" in folded or "tahun" in folded or "indikator" in folded
            or ("19" in raw or "20" in raw) and _YEAR_WORD.search(raw) is not None)


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
