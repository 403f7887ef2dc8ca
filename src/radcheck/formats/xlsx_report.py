"""The Excel report (openpyxl): a summary sheet, a sheet of every finding, and one sheet per annex table.

Offending cells of an annex sheet are filled by severity and carry the findings as a cell comment.
Targets and baselines read as numbers are numbers (Excel can sum and chart them), shown with the
decimals the document wrote in an Indonesian-locale format; everything else from the document is written
as text (a cell reading ``=HYPERLINK(…)`` stays text, never a formula), with characters Excel refuses
removed, and sheet names kept to Excel's 31 characters without ``[]:*?/\\``,
so the file opens in Excel and LibreOffice without a repair prompt.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from radcheck.formats._tables import DocumentView, Entry, Table, document_view
from radcheck.formats._words import finding_place, occurrences_of, place_text, rule_counts

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from radcheck.findings import Finding
    from radcheck.report import Report

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "summary_sheet": "Ringkasan", "findings_sheet": "Temuan", "title": "Laporan pemeriksaan radcheck",
        "as_of": "Per tanggal", "severity": "Tingkat", "count": "Jumlah", "rule": "Aturan", "name": "Nama",
        "document": "Dokumen", "line": "Baris", "status": "Status", "message": "Pesan", "path": "Lokasi",
        "excerpt": "Kutipan", "suggestion": "Saran", "waiver": "Waiver", "findings": "Temuan",
        "error": "kesalahan", "warning": "peringatan", "info": "info", "waived": "dikecualikan",
        "new": "baru", "open": "masih terbuka", "resolved": "diperbaiki", "section": "Bagian",
        "expired": "Waiver kedaluwarsa", "unused": "Waiver tanpa temuan", "baseline": "Dibandingkan dengan",
        "section_level": "Temuan untuk bagian ini", "place": "Letak di berkas", "also": "juga di {n} tempat lain",
        "sheets": "Lembar tabel",
    },
    "en": {
        "summary_sheet": "Summary", "findings_sheet": "Findings", "title": "radcheck report",
        "as_of": "As of", "severity": "Severity", "count": "Count", "rule": "Rule", "name": "Name",
        "document": "Document", "line": "Line", "status": "Status", "message": "Message", "path": "Location",
        "excerpt": "Excerpt", "suggestion": "Suggestion", "waiver": "Waiver", "findings": "Findings",
        "error": "error", "warning": "warning", "info": "info", "waived": "waived",
        "new": "new", "open": "still open", "resolved": "resolved", "section": "Section",
        "expired": "Expired waivers", "unused": "Waivers matching nothing", "baseline": "Compared with",
        "section_level": "Findings about this section", "place": "Place in the file",
        "also": "also in {n} other places", "sheets": "Table sheets",
    },
}
FILLS = {"error": "FDE4E1", "warning": "FFF1C2", "info": "E0F2FE", "waived": "EEEEEE"}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_MAX_SHEET_NAME = 31  # Excel's limit; a longer name makes Excel repair the file
_MAX_CELL = 32767  # Excel's limit on characters in a cell
# [$-421] is Indonesian (LCID 0x0421): an Excel set to Indonesian shows 2.000 and 11,5; the separators
# follow the locale of the Excel that opens the file, as they do for any number.
_NUMBER_FORMAT = "[$-421]#,##0"
_MAX_DECIMALS = 6  # more written decimals than this are shown as 6: a float carries no more reliably


def _clean(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= _MAX_CELL else value[: _MAX_CELL - 1] + "…"


def _set(ws: Worksheet, row: int, col: int, value: Any) -> Any:
    cell = ws.cell(row=row, column=col, value=_clean(value))
    if isinstance(value, str) and value:
        cell.data_type = "s"  # document text is never a formula
    return cell


_LAST_GROUP = re.compile(r"[.,](\d+)\D*$")


def written_decimals(raw: str, value: float) -> int:
    """How many decimals the document wrote: ``55,00`` → 2, ``87.7`` → 1, ``2.000`` (two thousand) → 0.

    The digits after the last separator are decimals exactly when reading them so gives the value the
    reader decided on for the column (a group separator gives a thousand times more)."""
    found = _LAST_GROUP.search(raw)
    if not found:
        return 0
    decimals = len(found.group(1))
    digits = "".join(ch for ch in raw[:found.end(1)] if ch.isdigit())
    if not digits or abs(int(digits) / 10**decimals - abs(value)) >= 1e-9 * max(1.0, abs(value)):
        return 0
    return min(decimals, _MAX_DECIMALS)


def _set_number(ws: Worksheet, row: int, col: int, value: float, raw: str) -> Any:
    """A number cell, shown with the decimals the document wrote (``11,5`` → one; ``2.000`` → none)."""
    cell = ws.cell(row=row, column=col, value=int(value) if value.is_integer() else value)
    decimals = written_decimals(raw, value)
    cell.number_format = _NUMBER_FORMAT + ("." + "0" * decimals if decimals else "")
    return cell


def sheet_name(raw: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no forbidden characters, at most 31 characters, no edge apostrophes."""
    base = _SHEET_FORBIDDEN.sub(" ", _clean(raw))
    base = " ".join(base.split()).strip("'") or "Sheet"
    name = base[:_MAX_SHEET_NAME].rstrip()
    # ``taken`` holds the names given, case-folded, as Excel compares them: one lookup per try (a set
    # rebuilt on every try made 2,000 sections take minutes).
    # A ``SheetNames`` also remembers the next number to try for each base: 2,000 sections of one title
    # are then 2,000 tries, not two million.
    hints = getattr(taken, "next_number", None)
    key = base.casefold()
    n = hints.get(key, 2) if hints is not None else 2
    while name.casefold() in taken or name.casefold() == "history":
        suffix = f" ({n})"
        name = base[: _MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        n += 1
    if hints is not None:
        hints[key] = n
    taken.add(name.casefold())
    return name


class SheetNames(set):  # type: ignore[type-arg]
    """The sheet names given so far, case-folded, with the next number to try for each base name."""

    def __init__(self) -> None:
        super().__init__()
        self.next_number: dict[str, int] = {}


def _comment(entries: list[Entry], lab: dict[str, str]) -> Any:
    from openpyxl.comments import Comment

    parts = []
    for e in entries:
        waived = f" ({lab['waived']})" if e.waiver else ""
        text = f"[{e.number}] {e.finding.code} {lab[e.severity]}{waived}: {e.finding.message}"
        if e.finding.suggestion:
            text += f"\n{lab['suggestion']}: {e.finding.suggestion}"
        parts.append(text)
    comment = Comment(_clean("\n\n".join(parts)), "radcheck")
    comment.width = 320
    comment.height = min(60 + 70 * len(parts), 400)
    return comment


def _fill(entries: list[Entry]) -> Any:
    from openpyxl.styles import PatternFill

    from radcheck.formats._tables import worst_severity

    key = worst_severity(entries) or "waived"
    return PatternFill(fill_type="solid", start_color=FILLS[key], end_color=FILLS[key])


def _status(e: Entry, lab: dict[str, str]) -> str:
    parts = [lab[e.status]] if e.status else []
    if e.waiver:
        parts.append(lab["waived"])
    return ", ".join(parts)


def _header(ws: Worksheet, row: int, labels: list[str]) -> None:
    from openpyxl.styles import Font, PatternFill

    for i, label in enumerate(labels, start=1):
        cell = _set(ws, row, i, label)
        cell.font = Font(bold=True)
        cell.fill = PatternFill(fill_type="solid", start_color="EEF2F6", end_color="EEF2F6")


def _summary_sheet(ws: Worksheet, report: Report, views: list[DocumentView], lab: dict[str, str]) -> None:
    from openpyxl.styles import Font

    _set(ws, 1, 1, lab["title"]).font = Font(bold=True, size=14)
    _set(ws, 2, 1, lab["as_of"])
    _set(ws, 2, 2, report.as_of.isoformat())
    _set(ws, 3, 1, "radcheck")
    _set(ws, 3, 2, report.version)
    row = 5
    _header(ws, row, [lab["severity"], lab["count"]])
    for sev in ("error", "warning", "info"):
        row += 1
        _set(ws, row, 1, lab[sev])
        _set(ws, row, 2, report.summary[sev])
    if report.waivers is not None:
        row += 1
        _set(ws, row, 1, lab["waived"])
        _set(ws, row, 2, len(report.all_waived()))
    if report.baseline is not None:
        for key in ("new", "open", "resolved"):
            row += 1
            _set(ws, row, 1, lab[key])
            _set(ws, row, 2, report.baseline[key])
        row += 1
        _set(ws, row, 1, lab["baseline"])
        _set(ws, row, 2, report.baseline.get("file") or "")
    row += 2
    _header(ws, row, [lab["rule"], lab["name"], lab["severity"], lab["count"], lab["waived"]])
    for code, name, sev, n, w in rule_counts(report):
        row += 1
        for col, value in enumerate((code, name, lab[sev], n, w), start=1):
            _set(ws, row, col, value)
    row += 2
    _header(ws, row, [lab["document"], lab["error"], lab["warning"], lab["info"], lab["sheets"]])
    for n, v in enumerate(views, start=1):
        row += 1
        _set(ws, row, 1, v.report.path)
        for col, sev in enumerate(("error", "warning", "info"), start=2):
            _set(ws, row, col, sum(1 for f in v.report.findings if f.severity == sev))
        if v.tables:  # the annex sheets of this document: "1-A …", "1-B …" when several documents
            _set(ws, row, 5, ", ".join(table_prefix(n, t, len(views)) for t in v.tables))
    for key in ("expired", "unused"):
        items = (report.waivers or {}).get(key) or []
        if items:
            row += 2
            _set(ws, row, 1, lab[key]).font = Font(bold=True)
            for w in items:
                row += 1
                for col, value in enumerate((w["rule"], w["where"], w["expires"], w["justification"],
                                             w["approved_by"]), start=1):
                    _set(ws, row, col, value)
    for letter, width in zip("ABCDE", (34, 28, 14, 10, 24), strict=True):
        ws.column_dimensions[letter].width = width


def _findings_sheet(ws: Worksheet, report: Report, views: list[DocumentView], lab: dict[str, str]) -> None:
    from openpyxl.styles import Alignment

    lang = report.lang if report.lang in LABELS else "id"

    def place(f: Finding) -> str:
        """Where a person finds it, and how many other places a repeated defect has."""
        more = len(occurrences_of(f)) - 1
        return finding_place(f, lang) + (f"; {lab['also'].format(n=more)}" if more > 0 else "")

    labels = [lab["document"], lab["line"], lab["rule"], lab["name"], lab["severity"], lab["status"],
              lab["message"], lab["path"], lab["excerpt"], lab["suggestion"], lab["waiver"], lab["place"]]
    _header(ws, 1, labels)
    rows: list[list[Any]] = []
    for v in views:
        for e in [*v.entries, *v.waived]:
            f = e.finding
            waiver = (f"{e.waiver['justification']} — {e.waiver['approved_by']} ({e.waiver['expires']})"
                      if e.waiver else "")
            rows.append([v.report.path, f.line, f.code, f.name, lab[f.severity], _status(e, lab), f.message, f.path,
                         f.excerpt, f.suggestion, waiver, place(f)])
        for r in v.resolved:
            rows.append([v.report.path, r.get("line"), r.get("code"), r.get("name"), lab.get(r.get("severity", ""), ""),
                         lab["resolved"], r.get("message"), r.get("path"), r.get("excerpt"), r.get("suggestion"), "",
                         place_text(r.get("location"), lang)])
    for f in report.findings:
        status = report.status.get(f)
        rows.append([f.document, f.line, f.code, f.name, lab[f.severity], lab[status] if status else "", f.message,
                     f.path, f.excerpt, f.suggestion, "", place(f)])
    for w in report.waived:
        f = w.finding
        rows.append([f.document, f.line, f.code, f.name, lab[f.severity], lab["waived"], f.message, f.path,
                     f.excerpt, f.suggestion, f"{w.waiver['justification']} — {w.waiver['approved_by']}", place(f)])
    for i, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            cell = _set(ws, i, col, value)
            if col in (7, 9, 10, 11, 12):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:L{max(len(rows) + 1, 2)}"
    for letter, width in zip("ABCDEFGHIJKL", (30, 7, 7, 22, 11, 14, 60, 32, 40, 40, 30, 28), strict=True):
        ws.column_dimensions[letter].width = width


def _table_sheet(ws: Worksheet, table: Table, lab: dict[str, str]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sec = table.section
    title = _set(ws, 1, 1, f"{sec.letter}. {sec.title}")
    title.font = Font(bold=True, size=12)
    if table.entries:
        title.comment = _comment(table.entries, lab)
        title.fill = _fill(table.entries)
    labels = [lab["line"]] + [str(c.year) if c.role == "target" and c.year else c.label for c in table.columns]
    labels.append(lab["findings"])
    _header(ws, 2, labels)
    wrap = Alignment(wrap_text=True, vertical="top")
    notes_col = len(labels)
    for i, r in enumerate(table.rows, start=3):
        _set(ws, i, 1, r.line)
        for j, c in enumerate(r.cells, start=2):
            cell = _set_number(ws, i, j, c.number, c.text) if c.number is not None else _set(ws, i, j, c.text)
            cell.alignment = wrap
            if c.inherited:
                cell.font = Font(italic=True, color="8A96A3")
            if c.entries:
                cell.fill = _fill(c.entries)
                cell.comment = _comment(c.entries, lab)
        if r.entries:
            notes = _set(ws, i, notes_col, "\n".join(f"[{e.number}] {e.finding.code}: {e.finding.message}"
                                                      for e in r.entries))
            notes.alignment = wrap
            notes.fill = _fill(r.entries)
            notes.comment = _comment(r.entries, lab)
    ws.freeze_panes = "B3"
    widths = {"no": 5, "unit": 10, "baseline": 10, "target": 9}
    ws.column_dimensions["A"].width = 7
    for j, column in enumerate(table.columns, start=2):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(column.role, 30)
    ws.column_dimensions[get_column_letter(notes_col)].width = 40


def table_prefix(n: int, table: Table, documents: int) -> str:
    """How an annex table's sheet name starts: its section letter, after the document's number (``2-C``)
    when the report has several documents (the summary sheet lists which number is which document)."""
    return f"{n}-{table.section.letter}" if documents > 1 else table.section.letter


def render(report: Report) -> bytes:
    from openpyxl import Workbook

    lab = LABELS.get(report.lang, LABELS["id"])
    views = [document_view(report, d) for d in report.documents]
    wb = Workbook()
    taken = SheetNames()
    summary = wb.worksheets[0]  # a new workbook's one sheet
    summary.title = sheet_name(lab["summary_sheet"], taken)
    _summary_sheet(summary, report, views, lab)
    _findings_sheet(wb.create_sheet(sheet_name(lab["findings_sheet"], taken)), report, views, lab)
    for n, v in enumerate(views, start=1):
        for t in v.tables:
            _table_sheet(wb.create_sheet(sheet_name(f"{table_prefix(n, t, len(views))} {t.section.title}", taken)),
                         t, lab)
    # Fixed document properties: the same report gives the same workbook content.

    stamp = _stamp(report.as_of)
    wb.properties.creator = "radcheck"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.title = lab["title"]
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip_times(buf.getvalue(), stamp)


def _stamp(as_of: Any) -> Any:
    """The workbook's date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the report's as-of
    date; never the clock, so the same report gives the same bytes."""
    import datetime as dt
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and len(epoch) <= 12:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError):
            pass
    return dt.datetime.combine(as_of, dt.time())


def _fixed_zip_times(data: bytes, stamp: Any) -> bytes:
    """The same zip with every entry dated ``stamp`` (openpyxl dates them by the clock)."""
    import re
    import zipfile

    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    when = (max(1980, min(stamp.year, 2107)), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl sets "modified" to the clock when saving
                body = re.sub(rb"(<dcterms:modified\b[^>]*>)[^<]*", lambda m: m.group(1) + iso, body)
            dst.writestr(fixed, body)
    return out.getvalue()
