"""Read an annex matrix from an Excel (.xlsx) workbook.

An .xlsx holds only the annex: the Document has sections and no body.  A LAMPIRAN heading in rows of
a sheet is read as in text, and names the regulation (kind, region, number, year, plan period). Each
sheet is read as one table (``office_table``): a title row ``A. Rencana Aksi …`` (often merged
across) starts a section; without one, a sheet whose header is found becomes a section named after
the sheet (``A. Pencegahan`` gives letter A; any other name gets the next free letter).  Merged
ranges mean "same as above" below their first row and "same as across" right of their first column.

Cells are read as Excel shows them, then typed like text: a number stored as a number is written the
Indonesian way before ``read_target`` sees it, following its number format (General: ``87.7`` →
``87,7``, ``6182`` → ``6182``; ``#,##0``: ``6182`` → ``6.182``; ``0.00``: ``135`` → ``135,00``;
``0%``: ``0.85`` → ``85%``), so a target typed as ``6.182`` text and one stored as 6182 mean the same.
Formulas are read from the values Excel saved with the file.

Locations: ``line`` is a running row index over the sheets in workbook order: the rows of earlier sheets
(their ``max_row``) plus the row number in this sheet, so on the first sheet it is the Excel row number.
``doc.locations`` gives, for each row read, the sheet and the sheet's own row (the finding's column is
added from its section's header when the report is made: see ``radcheck.locate``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import re
import warnings
import zlib
from decimal import ROUND_HALF_UP, Decimal

from radcheck.config import Limits
from radcheck.model import Document, Location, ReadingNote
from radcheck.numbers import group_thousands
from radcheck.readers.archive import inspect_archive
from radcheck.readers.columns import plan_of
from radcheck.readers.common import UnreadableInput, normalise_chars
from radcheck.readers.office_table import AnnexTables, GridCell, GridRow, clip

_DECIMALS = re.compile(r"\.([0#?]+)")


def read_xlsx(data: bytes, source: str, limits: Limits) -> Document:
    """Read a workbook's plan tables into a Document; raise UnreadableInput if there are none."""
    inspect_archive(data, source, limits, "xlsx")
    import openpyxl
    data, clipped = clip_merges(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # any failure inside openpyxl means the file is unreadable
        raise UnreadableInput(source, f"not a readable Excel workbook: {type(exc).__name__}: {exc}") from None
    doc = Document.trusted(source=source, format="xlsx")
    tables = AnnexTables(doc)
    offset = 0
    with plan_of(doc):  # the LAMPIRAN heading in the first sheet states the plan period
        for ws in wb.worksheets:
            before = len(doc.sections)
            rows = _grid(ws, offset, limits, doc.notes)
            _record_locations(doc, ws.title, offset, rows)
            notes_before = len(doc.notes)
            tables.feed(rows, fallback_title=ws.title)
            tables.finish()
            # A sheet with cells but no plan table: P002 names the sheet, unless its rows were noted as a
            # table not read (P005), which says it already.
            if len(doc.sections) == before and any(c.text.strip() for r in rows for c in r.cells) and not any(
                    n.code == "P005" for n in doc.notes[notes_before:]):
                doc.notes.append(ReadingNote.trusted(
                    code="P002", path="/lampiran", text=ws.title, line=offset + 1, end_line=offset + ws.max_row,
                    detail={"reason": f"sheet '{ws.title}' has no plan table header; its cells were not read"}))
            offset += ws.max_row
    for part, old, new in clipped:
        doc.notes.append(ReadingNote.trusted(
            code="P002", path="/lampiran", text=old, line=None, end_line=None,
            detail={"reason": f"merged range {old} ({part}) covers far more cells than the sheet's values; "
                              f"read as {new}"}))
    _regulation_from_heading(doc)
    if not doc.sections:
        raise UnreadableInput(source, "no annex table found: no sheet has a header row with columns such as "
                                      "Kegiatan/Indikator, Satuan and Target")
    return doc


def _record_locations(doc: Document, sheet: str, offset: int, rows: list[GridRow]) -> None:
    """Sheet and own row for each row of the sheet that has cells (and its first row, which a note about
    the whole sheet names)."""
    locations = doc.locations
    locations[offset + 1] = Location.trusted(sheet=sheet, row=1)
    for row in rows:
        if row.cells:
            locations[row.line] = Location.trusted(sheet=sheet, row=row.line - offset)


def _regulation_from_heading(doc: Document) -> None:
    """Without a body, the LAMPIRAN heading is what names the regulation: kind, region, number, year and
    the plan period in its title, so that the region's agency registry and the period apply."""
    from radcheck.readers.text_body import KINDS

    if not doc.lampiran:
        return
    head = doc.lampiran[0]
    m = re.match(r"^PERATURAN\s+(WALI\s*KOTA|BUPATI|GUBERNUR)\s+(.+)$", head.kind or "", re.IGNORECASE)
    if m:
        office = re.sub(r"\s+", " ", m.group(1).upper()).replace("WALIKOTA", "WALI KOTA")
        region = m.group(2).strip()
        doc.kind = KINDS.get(office)
        doc.office = f"{office} {region}".upper()
        prefix = "Kabupaten" if office == "BUPATI" else "Provinsi" if office == "GUBERNUR" else "Kota"
        doc.region = f"{prefix} {region.title()}"
    doc.number, doc.year = head.number, head.year
    period = re.search(r"((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})", head.title or "")
    if period and int(period.group(1)) <= int(period.group(2)):
        doc.period = (int(period.group(1)), int(period.group(2)))


# A merge of more cells than this is clipped to the sheet's values before openpyxl reads it (openpyxl
# makes an object for every cell a merge covers: N1:N1048576 is a million).  A real annex merges a
# column over a few hundred rows at most.
MERGE_CELLS = 20_000
_MERGE = re.compile(rb'(<(?:\w+:)?mergeCell\b[^>]*?\bref=")([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})(")')
_VALUE_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"[^>]*>\s*'
                         rb'(?:<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*)?<(?:\w+:)?(?:v|is)\b')


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def clip_merges(data: bytes) -> tuple[bytes, list[tuple[str, str, str]]]:
    """The workbook with every merge larger than ``MERGE_CELLS`` clipped to its sheet's last value, and
    the (part, old range, new range) clipped.

    Works on the worksheet XML before openpyxl parses it (``inspect_archive`` has screened the archive);
    a workbook without such a merge is returned as it is.
    """
    import zipfile

    notes: list[tuple[str, str, str]] = []
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        sheets = [i for i in src.infolist() if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]
        parts = {i.filename: src.read(i) for i in sheets}
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError, zlib.error):
        return data, notes  # openpyxl gives the reason
    changed: dict[str, bytes] = {}
    for name, xml in parts.items():
        huge = [m for m in _MERGE.finditer(xml) if (int(m.group(5)) - int(m.group(3)) + 1)
                * (_col(m.group(4)) - _col(m.group(2)) + 1) > MERGE_CELLS]
        if not huge:
            continue
        last_row = last_col = 1
        for m in _VALUE_CELL.finditer(xml):
            last_row = max(last_row, int(m.group(2)))
            last_col = max(last_col, _col(m.group(1)))

        def clipped(m: re.Match[bytes], last_row: int = last_row, last_col: int = last_col) -> bytes:
            r0, c0 = int(m.group(3)), _col(m.group(2))
            r1, c1 = int(m.group(5)), _col(m.group(4))
            if (r1 - r0 + 1) * (c1 - c0 + 1) <= MERGE_CELLS:
                return m.group(0)
            r1, c1 = max(r0, min(r1, last_row)), max(c0, min(c1, last_col))
            # Still too large (a value far below the merge): cut it to MERGE_CELLS cells, and say so.
            r1 = min(r1, r0 + max(1, MERGE_CELLS // (c1 - c0 + 1)) - 1)
            ref = f"{m.group(2).decode()}{r0}:{_letters(c1)}{r1}"
            notes.append((name, m.group(0)[len(m.group(1)):-1].decode(), ref))
            return m.group(1) + ref.encode() + m.group(6)

        changed[name] = _MERGE.sub(clipped, xml)
    if not changed:
        return data, notes
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, changed.get(info.filename) or src.read(info))
    return out.getvalue(), notes


def _present_cells(ws):  # openpyxl cells
    """The cells the file really holds, in no particular order.

    ``iter_rows()`` walks (and creates) every cell of the ``max_row`` × ``max_column`` rectangle the
    file claims: one cell at A1048576 is a million.  openpyxl keeps the cells it read in the worksheet's
    cell store, which is what is walked here; an openpyxl without it falls back to ``iter_rows``.
    """
    store = getattr(ws, "_cells", None)
    if isinstance(store, dict):
        return list(store.values())
    return [cell for row in ws.iter_rows() for cell in row]  # pragma: no cover - other openpyxl versions


def _grid(ws, offset: int, limits: Limits, notes: list[ReadingNote]) -> list[GridRow]:
    """The sheet as grid rows; merged ranges resolved to their first cell's text.

    Sparse: only rows holding a value become grid rows, and a row's cells run to its last value or to
    the last column of a merge covering it within the sheet's values.  Work follows the cells present,
    never the extent the file claims (a styled empty cell at A200000, a merge N1:N1048576).
    """
    values: dict[tuple[int, int], str] = {}
    for cell in _present_cells(ws):
        if cell.value is not None and hasattr(cell, "column"):
            text = _text(cell.value, cell.number_format)
            values[(cell.row, cell.column)] = clip(text, limits.max_cell_chars, notes, "/lampiran",
                                                   offset + cell.row)
    if not values:
        return []
    rows_present = sorted({r for r, _ in values})
    last_col = max(c for _, c in values)
    by_row: dict[int, dict[int, GridCell]] = {r: {} for r in rows_present}
    for (r, c), text in values.items():
        by_row[r][c] = GridCell(text)
    for rng in ws.merged_cells.ranges:
        r0, c0, r1, c1 = rng.min_row, rng.min_col, rng.max_row, min(rng.max_col, last_col)
        text = values.get((r0, c0), "")
        # Only the rows present inside the range (bisect over them), only the columns up to the last value.
        lo = bisect.bisect_left(rows_present, r0)
        hi = bisect.bisect_right(rows_present, r1)
        for r in rows_present[lo:hi]:
            row = by_row[r]
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    row[c] = GridCell(text, "up" if r > r0 else "left")
    rows: list[GridRow] = []
    for r in rows_present:
        present = by_row[r]
        cells = [present.get(c) or GridCell("") for c in range(1, max(present) + 1)]
        while cells and not cells[-1].text and not cells[-1].merge:
            cells.pop()
        rows.append(GridRow(cells=cells, line=offset + r))
    return rows


def _text(value: object, number_format: str | None) -> str:
    """A cell's value as the text a drafter sees, Indonesian style for numbers."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return number_text(value, number_format or "General")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return normalise_chars(str(value))


def number_text(value: float, number_format: str = "General") -> str:
    """Write a stored number as Indonesian text following its Excel number format.

    ``87.7`` → ``87,7``; ``6182`` → ``6182`` (General) or ``6.182`` (``#,##0``); ``135`` → ``135,00``
    (``0.00``); ``0.85`` → ``85%`` (``0%``).  Float noise (``0.30000000000000004``) is dropped at 15
    significant digits, as Excel itself does.
    """
    fmt = number_format.split(";")[0]
    percent = "%" in fmt
    if percent:
        value = value * 100
    d = Decimal(format(float(value), ".15g")) if isinstance(value, float) else Decimal(value)
    m = _DECIMALS.search(fmt)
    if fmt.lower() == "general" or fmt == "@" or not re.search(r"[0#?]", fmt):
        whole, _, frac = format(d, "f").partition(".")
        grouped = False
    else:
        places = len(m.group(1).replace("#", "").replace("?", "")) if m else 0
        places_max = len(m.group(1)) if m else 0
        text = format(d.quantize(Decimal(1).scaleb(-places_max), rounding=ROUND_HALF_UP), "f")
        whole, _, frac = text.partition(".")
        frac = frac.rstrip("0").ljust(places, "0") if frac else ""
        grouped = "," in fmt.split(".")[0]
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    if grouped:
        whole = group_thousands(whole)
    out = sign + whole + (f",{frac}" if frac else "")
    return out + ("%" if percent else "")
