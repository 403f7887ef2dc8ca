"""The annex as tables again, with each finding placed on the cell (or row) it is about.

Shared by the HTML and Excel reports.  A table is rebuilt from the model, not from the source text:
one row per source line that holds plan nodes or indicators, one cell per ``Section.columns``
entry, and every cell knows the logical paths it shows (``/lampiran/C/indicators/41/targets/2024``).
A finding goes to the cell whose path is the longest prefix of its own; failing that to the row that
holds its line (``/lampiran/B/rows/179``); failing that to the section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from radcheck.findings import SEVERITY_RANK
from radcheck.model import TargetCell

if TYPE_CHECKING:
    from radcheck.findings import Finding
    from radcheck.model import Column, Document, Indicator, PlanNode, Section
    from radcheck.report import DocumentReport, Report

_SECTION = re.compile(r"^/lampiran/([^/]+)")
_ROW = re.compile(r"^/lampiran/[^/]+/rows/(\d+)")
# Where a node's own text goes, by kind; the first column of these roles that the table has.
_NODE_COLUMNS = {
    "issue": ("issue",),
    "goal": ("goal",),
    "outcome": ("outcome", "goal"),
    "activity": ("activity",),
    "group": ("activity", "issue", "indicator", "other"),
}


@dataclass
class Entry:
    """A finding as a report shows it: numbered within its document, with status and waiver if any."""

    finding: Finding
    number: int
    status: str | None = None  # new | open (with --baseline)
    waiver: dict[str, Any] | None = None  # the waiver covering it (with --waivers)

    @property
    def severity(self) -> str:
        return self.finding.severity


def worst_severity(entries: list[Entry]) -> str | None:
    """The highest severity among entries not waived; None when there are none."""
    live = [e.severity for e in entries if e.waiver is None]
    return max(live, key=lambda s: SEVERITY_RANK[s]) if live else None


@dataclass
class Cell:
    text: str = ""
    paths: list[str] = field(default_factory=list)
    inherited: bool = False  # a merged cell: the value is the one of the row above
    entries: list[Entry] = field(default_factory=list)
    number: float | None = None  # a target or baseline read as a number (text "11,5" → 11.5), else None

    @property
    def severity(self) -> str | None:
        return worst_severity(self.entries)


@dataclass
class Row:
    line: int | None
    end_line: int | None
    kind: str  # group | issue | goal | outcome | activity | indicator
    cells: list[Cell]
    entries: list[Entry] = field(default_factory=list)  # about the row, no single cell
    chart: str = ""  # the HTML report's small chart of the row's indicator (trajectory findings)
    label: str = ""  # the row's number as a person finds it: the sheet's or Word table's own row, a PDF page

    def all_entries(self) -> list[Entry]:
        """Every finding on this row, in document order, each once."""
        seen: dict[int, Entry] = {}
        for e in [*(e for c in self.cells for e in c.entries), *self.entries]:
            seen.setdefault(e.number, e)
        return [seen[n] for n in sorted(seen)]


@dataclass
class Table:
    section: Section
    columns: list[Column]
    rows: list[Row]
    entries: list[Entry] = field(default_factory=list)  # about the section as a whole

    @property
    def flagged(self) -> int:
        return len({e.number for r in self.rows for e in r.all_entries()} | {e.number for e in self.entries})


@dataclass
class DocumentView:
    """One document ready to render: body findings, annex tables, other findings, waived, resolved."""

    report: DocumentReport
    entries: list[Entry]
    body: list[Entry]
    tables: list[Table]
    unplaced: list[Entry]  # annex findings for a section the model does not have
    waived: list[Entry]
    resolved: list[dict[str, Any]]


def target_text(cell: TargetCell | None) -> str:
    return cell.raw if cell is not None else ""


def _column_index(columns: list[Column], roles: tuple[str, ...]) -> int | None:
    for role in roles:
        for i, c in enumerate(columns):
            if c.role == role:
                return i
    return None


def target_number(cell: TargetCell | None) -> float | None:
    return cell.value if cell is not None else None


def _put(cells: list[Cell], index: int | None, text: str, paths: list[str], *, inherited: bool = False,
         number: float | None = None) -> None:
    if index is None:
        return
    cell = cells[index]
    if not cell.text:
        cell.text = text
        cell.inherited = inherited
        cell.number = number
    elif text and text != cell.text and not inherited and not cell.inherited:
        cell.text = f"{cell.text} / {text}"
        cell.number = None  # two values in one cell: text
    cell.paths.extend(p for p in paths if p not in cell.paths)


def _fill(cells: list[Cell], columns: list[Column], item: PlanNode | Indicator, is_indicator: bool) -> None:
    base = f"/lampiran/{item.id}"
    if is_indicator:
        own = _column_index(columns, ("indicator",))
        if own is None:  # a table without an Indikator column: the activity text is the indicator
            own = _column_index(columns, ("activity", "outcome"))
        _put(cells, own, item.text, [base])
        ind: Indicator = item  # type: ignore[assignment]
        _put(cells, _column_index(columns, ("unit",)), ind.unit or "", [f"{base}/unit"])
        _put(cells, _column_index(columns, ("baseline",)), target_text(ind.baseline), [f"{base}/baseline"],
             number=target_number(ind.baseline))
        for i, c in enumerate(columns):
            if c.role == "target" and c.year is not None:
                cell = ind.targets.get(c.year)
                _put(cells, i, target_text(cell), [f"{base}/targets/{c.year}"], number=target_number(cell))
    else:
        node: PlanNode = item  # type: ignore[assignment]
        _put(cells, _column_index(columns, _NODE_COLUMNS[node.kind]), node.text, [base])
        if node.no:
            _put(cells, _column_index(columns, ("no",)), node.no, [f"{base}/no"])
    if item.other:  # the columns kept but not judged (Lokasi, Anggaran, Keterangan …), by their label
        for label, text in item.other.items():
            index = next((i for i, c in enumerate(columns) if c.role == "other" and c.label == label), None)
            _put(cells, index, text, [f"{base}/other/{label}"])
    for attr, roles in (("lead", ("lead", "agency")), ("supporting", ("supporting", "agency"))):
        agency = getattr(item, attr)
        if agency is not None:
            _put(cells, _column_index(columns, roles), agency.raw, [f"{base}/{attr}"], inherited=agency.inherited)
        else:
            # A finding about a missing agency still needs a cell to sit on.
            _put(cells, _column_index(columns, roles), "", [f"{base}/{attr}"])


def build_rows(section: Section) -> list[Row]:
    """The section's rows: items sharing a source line form one row (an indicator per row)."""
    items: list[tuple[int | None, int, PlanNode | Indicator, bool]] = []
    order = 0
    for node in section.nodes():
        items.append((node.line, order, node, False))
        order += 1
    for ind in section.indicators:
        items.append((ind.line, order, ind, True))
        order += 1
    by_line: dict[int, list[tuple[PlanNode | Indicator, bool]]] = {}
    loose: list[tuple[PlanNode | Indicator, bool]] = []
    for line, _, item, is_ind in sorted(items, key=lambda t: (t[0] is None, t[0] or 0, t[1])):
        if line is None:
            loose.append((item, is_ind))
        else:
            by_line.setdefault(line, []).append((item, is_ind))
    groups: list[list[tuple[PlanNode | Indicator, bool]]] = []
    for line in sorted(by_line):
        nodes = [x for x in by_line[line] if not x[1]]
        inds = [x for x in by_line[line] if x[1]]
        groups.append(nodes + inds[:1])
        groups.extend([x] for x in inds[1:])  # a second indicator on the same line gets its own row
    groups.extend([x] for x in loose)
    rows: list[Row] = []
    kinds = ("group", "issue", "goal", "outcome", "activity")
    for group in groups:
        cells = [Cell() for _ in section.columns]
        for item, is_ind in group:
            _fill(cells, section.columns, item, is_ind)
        lines = [i.line for i, _ in group if i.line is not None]
        ends = [end for i, _ in group if (end := i.end_line or i.line) is not None]
        present = ["indicator" if is_ind else item.kind for item, is_ind in group]  # type: ignore[union-attr]
        kind = "indicator" if "indicator" in present else min(present, key=lambda k: kinds.index(k))
        rows.append(Row(line=min(lines) if lines else None, end_line=max(ends) if ends else None, kind=kind,
                        cells=cells))
    return rows


def _place(entry: Entry, table: Table, index: dict[str, Cell]) -> None:
    path = entry.finding.path
    probe = path
    while probe.count("/") > 2:  # /lampiran/X/… : try the path, then each shorter prefix
        cell = index.get(probe)
        if cell is not None:
            cell.entries.append(entry)
            return
        probe = probe.rsplit("/", 1)[0]
    m = _ROW.match(path)
    line = int(m.group(1)) if m else entry.finding.line
    if line is not None:
        for row in table.rows:
            if row.line is not None and row.line <= line <= (row.end_line or row.line):
                row.entries.append(entry)
                return
    table.entries.append(entry)


def row_label(doc: Document, line: int | None) -> str:
    """A table row's number as a person finds it: the line of a text file, the row of an Excel sheet or a
    Word table, a PDF page and table row (``7:4``)."""
    if line is None:
        return ""
    loc = doc.locations.get(line)
    if loc is None:
        return str(line)
    if loc.row is not None:
        return str(loc.row)
    if loc.page is not None:
        return f"{loc.page}:{loc.table_row}" if loc.table_row is not None else str(loc.page)
    return str(line)


def document_view(report: Report, d: DocumentReport) -> DocumentView:
    entries = [Entry(f, n, d.status.get(f)) for n, f in enumerate(d.findings, start=1)]
    waived = [Entry(w.finding, len(entries) + n, d.status.get(w.finding), w.waiver)
              for n, w in enumerate(d.waived or [], start=1)]
    doc: Document | None = d.document
    tables: list[Table] = []
    by_letter: dict[str, tuple[Table, dict[str, Cell]]] = {}
    if doc is not None:
        for sec in doc.sections:
            table = Table(section=sec, columns=list(sec.columns), rows=build_rows(sec))
            for row in table.rows:
                row.label = row_label(doc, row.line)
            index = {p: c for r in table.rows for c in r.cells for p in c.paths}
            tables.append(table)
            by_letter.setdefault(sec.letter, (table, index))
    body: list[Entry] = []
    unplaced: list[Entry] = []
    for e in [*entries, *waived]:
        m = _SECTION.match(e.finding.path)
        if m is None:
            if e.waiver is None:
                body.append(e)
            continue
        if m.group(1) in by_letter:
            table, index = by_letter[m.group(1)]
            _place(e, table, index)
        elif e.waiver is None:
            unplaced.append(e)
    return DocumentView(report=d, entries=entries, body=body, tables=tables, unplaced=unplaced, waived=waived,
                        resolved=list(d.resolved or []))
