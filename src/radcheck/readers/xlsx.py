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

import datetime as dt
import io
import re
import warnings
from decimal import ROUND_HALF_UP, Decimal

from radcheck.config import Limits
from radcheck.model import Document, Location, ReadingNote
from radcheck.readers.archive import inspect_archive
from radcheck.readers.common import UnreadableInput
from radcheck.readers.office_table import AnnexTables, GridCell, GridRow, clip

_DECIMALS = re.compile(r"\.([0#?]+)")


def read_xlsx(data: bytes, source: str, limits: Limits) -> Document:
    """Read a workbook's plan tables into a Document; raise UnreadableInput if there are none."""
    inspect_archive(data, source, limits, "xlsx")
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a declared dependency
        raise UnreadableInput(source, "Excel (.xlsx) files need openpyxl, which is not installed") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure inside openpyxl means the file is unreadable
        raise UnreadableInput(source, f"not a readable Excel workbook: {type(exc).__name__}: {exc}") from None
    doc = Document.trusted(source=source, format="xlsx")
    tables = AnnexTables(doc)
    offset = 0
    for ws in wb.worksheets:
        before = len(doc.sections) + (1 if tables.builder else 0)
        rows = _grid(ws, offset, limits, doc.notes)
        _record_locations(doc, ws.title, offset, rows)
        tables.feed(rows, fallback_title=ws.title)
        if len(doc.sections) + (1 if tables.builder else 0) == before and any(
                c.text.strip() for r in rows for c in r.cells):
            doc.notes.append(ReadingNote.trusted(
                code="P002", path="/lampiran", text=ws.title, line=offset + 1, end_line=offset + ws.max_row,
                detail={"reason": f"sheet '{ws.title}' has no plan table header; its cells were not read"}))
        offset += ws.max_row
        tables.finish()
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


def _grid(ws, offset: int, limits: Limits, notes: list[ReadingNote]) -> list[GridRow]:  # noqa: ANN001
    """The sheet as grid rows; merged ranges resolved to their first cell's text."""
    covered: dict[tuple[int, int], tuple[str, str]] = {}
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        anchors[(rng.min_row, rng.min_col)] = (rng.max_row, rng.max_col)
    rows: list[GridRow] = []
    width = ws.max_column
    values: dict[tuple[int, int], str] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None and hasattr(cell, "column"):
                text = _text(cell.value, cell.number_format)
                values[(cell.row, cell.column)] = clip(text, limits.max_cell_chars, notes, "/lampiran",
                                                       offset + cell.row)
    for (r0, c0), (r1, c1) in anchors.items():
        text = values.get((r0, c0), "")
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = (text, "up" if r > r0 else "left")
    for r in range(1, ws.max_row + 1):
        cells: list[GridCell] = []
        for c in range(1, width + 1):
            if (r, c) in covered:
                text, how = covered[(r, c)]
                cells.append(GridCell(text, how))  # type: ignore[arg-type]
            else:
                cells.append(GridCell(values.get((r, c), "")))
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
    return str(value)


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
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        whole = ".".join(groups)
    out = sign + whole + (f",{frac}" if frac else "")
    return out + ("%" if percent else "")
