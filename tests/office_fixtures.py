"""Write the seed regulations as the Word and Excel files a drafter would have.

The seeds are text extracted from PDF, with the artefacts of extraction (wrapped rows, shifted cells,
repeated headers).  A drafter's Word file has none of them, so the fixtures are written from the
*model* read from the seed text — the logical table — not from its lines:

- the body: the seed's body lines as paragraphs, with Word automatic numbering for BAB ("BAB %1",
  upper roman), Pasal ("Pasal %1"), ayat "(%1)", huruf "%2." and angka "%3." (one multi-level list per
  Pasal), Menimbang "%1." (letters) and Mengingat "%1.".  An item whose number does not follow its
  list (a drafting slip in the seed) is typed as text, as Word would otherwise renumber it;
- the annex: one table per section, with real merged cells: the two header rows (No, Permasalahan …
  merged down, "Target Rencana Aksi" across the years), the plan columns (issue, goal, outcome,
  activity, and No) merged down over the rows they head, agency cells merged down over the rows that
  inherit them, equal units of one activity merged down, equal targets merged across the five years,
  heading rows merged across, and in the PUG file section titles as table rows merged across;
- stray values the reader reports (P004: a number in the agency column, a mark in a target column)
  are kept in their cells: they are the drafter's, not the extraction's.

The workbook holds the annex only: the LAMPIRAN heading in rows of the first sheet, one sheet per
section with a merged title row, merged ranges as above, and numbers stored both as numbers (with the
number format that shows them as the seed wrote them: ``#,##0`` for ``6.182``, ``0.00`` for ``135,00``)
and as Indonesian-formatted text, alternating by row.

``python tests/office_fixtures.py OUTDIR`` writes the four files for a look in Word or Excel.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import radcheck
from radcheck.legal.walk import roman_to_int
from radcheck.model import Document, Section
from radcheck.numbers import parse_id_number
from radcheck.readers.text_body import body_lines

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {
    "ppp": ROOT / "plans" / "bekasi" / "perwal-11-2024-rad-ppp.txt",
    "pug": ROOT / "plans" / "bekasi" / "perwal-10-2024-rad-pug.txt",
}
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LAMPIRAN = re.compile(r"^\s*LAMPIRAN\b")  # capitals: a body line may begin "Lampiran yang …"
_AGENCY_ROLES = ("lead", "supporting", "agency")


# -- the logical annex table ---------------------------------------------------------------------
@dataclass
class Cell:
    text: str = ""
    merge: str = ""  # "": own text; "up": merged with the cell above; "left": with the cell to the left
    number: float | None = None  # for Excel: store as this number …
    number_format: str = "General"  # … shown with this format


@dataclass
class Table:
    title: str
    columns: list  # model Columns
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass(frozen=True)
class Layout:
    """How a drafter laid the table out, beyond the seed's own layout (tests/test_layouts.py):
    ``one_row``: the years as labels of a single header row (``year_label`` formats them, e.g.
    ``"Target {year}"``, or counted in the plan: ``"Tahun {roman}"``, ``"Tahun ke-{k}"``); ``reorder``: agency
    columns first, then the plan texts, the years, the unit and
    the baseline; ``remarks``: a ``Keterangan`` column at the end, filled on rows with a first-year target."""

    one_row: bool = False
    year_label: str = "{year}"
    reorder: bool = False
    remarks: bool = False


SEED_LAYOUT = Layout()
REMARK = "catatan baris {n}"


def logical_table(sec: Section, doc: Document, layout: Layout = SEED_LAYOUT) -> Table:
    """The section as a drafter's table, rebuilt from the model (see the module docstring)."""
    roles = [c.role for c in sec.columns]
    col = {role: roles.index(role) for role in dict.fromkeys(roles) if role not in ("target",)}
    years = {c.year: i for i, c in enumerate(sec.columns) if c.role == "target"}
    hierarchy = any(r in roles for r in ("issue", "goal", "outcome"))
    rows: dict[int, dict[int, str]] = {}
    starts: dict[str, list[int]] = {k: [] for k in ("issue", "goal", "outcome", "activity")}

    def put(line: int, idx: int, text: str) -> None:
        rows.setdefault(line, {})[idx] = text

    def numbered(no: str | None, text: str) -> str:
        return f"{no}. {text}" if no else text

    for node in [*sec.groups, *sec.issues, *sec.goals, *sec.outcomes, *sec.activities]:
        kind = "activity" if node.kind == "group" else node.kind
        assert node.line is not None
        starts[kind].append(node.line)
        if node.kind == "issue" or (not hierarchy and node.no):
            put(node.line, col["no"], node.no or "")
            put(node.line, col[kind], node.text)
        else:
            put(node.line, col[kind], numbered(node.no, node.text))
    agency_col = {"lead": col.get("lead", col.get("agency")), "agency": col.get("agency"),
                  "supporting": col.get("supporting")}
    own: dict[tuple[int, int], str] = {}
    for ind in sec.indicators:
        assert ind.line is not None
        rows.setdefault(ind.line, {})
        if "indicator" in col:
            put(ind.line, col["indicator"], numbered(ind.no, ind.text))
        if ind.unit:
            put(ind.line, col["unit"], ind.unit)
        if ind.baseline is not None and ind.baseline.raw:
            put(ind.line, col["baseline"], ind.baseline.raw)
        for year, cell in ind.targets.items():
            if cell.raw:
                put(ind.line, years[year], cell.raw)
    for obj in [*sec.groups, *sec.activities, *sec.indicators]:
        for role, cell in (("lead", obj.lead), ("supporting", obj.supporting)):
            if cell is not None and cell.line is not None and agency_col.get(role) is not None:
                key = (cell.line, agency_col[role])
                if not cell.inherited or key not in own:
                    own[key] = cell.raw
    for (line, idx), raw in own.items():
        put(line, idx, raw)
    strays: dict[tuple[int, int], str] = {}
    for note in doc.notes:
        if note.code != "P004" or not note.path.startswith(f"/lampiran/{sec.letter}/") or note.line is None:
            continue
        column = note.detail.get("column", "")
        idx = years.get(int(column)) if column.isdigit() else agency_col.get(column)
        if idx is not None:
            strays[(note.line, idx)] = note.text
            put(note.line, idx, note.text)

    order = sorted(rows)
    width = len(sec.columns)
    table = Table(title=f"{sec.letter}. {sec.title}", columns=sec.columns)
    grid = [[Cell(rows[line].get(i, "")) for i in range(width)] for line in order]
    pos = {line: r for r, line in enumerate(order)}
    _merge_plan_columns(grid, pos, starts, col, hierarchy)
    _merge_agencies(grid, order, own, strays, starts, agency_col, hierarchy)
    _merge_units(grid, col, starts, pos)
    _merge_across(grid, roles, col)
    # A header typed again further down (the drafter split the table across pages and changed it, e.g.
    # the baseline year) is part of the document: it goes back where it stood.
    for head in reversed(sec.later_headers):
        at = next((r for r, line in enumerate(order) if line > head.line), len(order))
        head_rows = header_rows(head.columns, layout)
        grid[at:at] = head_rows
        below = at + len(head_rows)
        if below < len(grid):  # a merge does not run through a header: the cell below stands alone
            for i, cell in enumerate(grid[below]):
                if cell.merge == "up":
                    anchor = next(grid[k][i] for k in range(at - 1, -1, -1) if grid[k][i].merge != "up")
                    grid[below][i] = Cell(anchor.text if roles[i] == "unit" else "")
    table.rows = grid
    return table


def _merge_plan_columns(grid: list[list[Cell]], pos: dict[int, int], starts: dict[str, list[int]],
                        col: dict[str, int], hierarchy: bool) -> None:
    """A node's cell is merged down over the rows it heads, until a node of its own or a higher kind."""
    kinds = ["issue", "goal", "outcome", "activity"]
    stops: list[int] = []
    for kind in kinds:
        if kind not in col:
            continue
        stops = sorted(set(stops) | {pos[line] for line in starts[kind]})
        for r in sorted(pos[line] for line in starts[kind]):
            nxt = next((s for s in stops if s > r), len(grid))
            for below in range(r + 1, nxt):
                grid[below][col[kind]] = Cell("", "up")
                if kind == "issue" and hierarchy:
                    grid[below][col["no"]] = Cell("", "up")


def _merge_agencies(grid, order, own, strays, starts, agency_col, hierarchy) -> None:
    """An agency cell is merged down over the following rows that inherit it (within one issue)."""
    issue_rows = set(starts["issue"])
    for idx in {i for i in agency_col.values() if i is not None}:
        chain = False
        for r, line in enumerate(order):
            if (line, idx) in own or (line, idx) in strays:
                chain = (line, idx) in own
                continue
            if hierarchy and line in issue_rows:
                chain = False
                continue
            if chain and not grid[r][idx].text:
                grid[r][idx] = Cell("", "up")


def _merge_units(grid, col, starts, pos) -> None:
    """Equal units of consecutive indicator lines under one activity share a merged cell."""
    if "unit" not in col:
        return
    u = col["unit"]
    heads = {pos[line] for kind in starts for line in starts[kind]}
    for r in range(1, len(grid)):
        above, here = grid[r - 1][u], grid[r][u]
        if r in heads or not here.text:
            continue
        anchor = r - 1
        while anchor > 0 and grid[anchor][u].merge == "up":
            anchor -= 1
        if grid[anchor][u].text == here.text and (above.text or above.merge == "up"):
            grid[r][u] = Cell("", "up")


def _merge_across(grid, roles, col) -> None:
    """Equal targets in every year are one cell across the years; a heading row spans the table."""
    tcols = [i for i, r in enumerate(roles) if r == "target"]
    for r, row in enumerate(grid):
        vals = [row[i] for i in tcols]
        if vals and all(v.text and not v.merge for v in vals) and len({v.text for v in vals}) == 1:
            for i in tcols[1:]:
                row[i] = Cell("", "left")
        act = col.get("activity")
        if act is None or not row[act].text or row[act].merge:
            continue
        if r + 1 < len(grid) and grid[r + 1][act].merge == "up":
            continue  # merged down already: a cell is merged one way only here
        rest = row[act + 1:]
        if all(not c.text and not c.merge for c in rest[: len(rest) - 1]) and rest:
            last = len(row) - 1 if not row[-1].text and not row[-1].merge else len(row) - 2
            for i in range(act + 1, last + 1):
                row[i] = Cell("", "left")


def header_rows(columns, layout: Layout = SEED_LAYOUT) -> list[list[Cell]]:
    """The two header rows: labels merged down over the years row, "Target …" merged across the years;
    or, for ``layout.one_row``, one row with the years as labels."""
    if layout.one_row:
        first_year = min((c.year for c in columns if c.role == "target" and c.year is not None), default=0)

        def label(year: int) -> str:  # ``{k}``/``{roman}``: the year counted in the plan (``Tahun ke-{k}``)
            k = year - first_year + 1
            return layout.year_label.format(year=year, k=k, roman=("I", "II", "III", "IV", "V", "VI")[k - 1])

        return [[Cell(label(c.year) if c.role == "target" and c.year is not None else c.label) for c in columns]]
    first: list[Cell] = []
    second: list[Cell] = []
    for i, c in enumerate(columns):
        if c.role == "target":
            follows_target = i > 0 and columns[i - 1].role == "target"
            first.append(Cell("", "left") if follows_target and c.label == str(c.year) else Cell(c.label))
            second.append(Cell(str(c.year)))
        else:
            first.append(Cell(c.label))
            second.append(Cell("", "up"))
    return [first, second]


def laid_out(table: Table, layout: Layout) -> tuple[list, list[list[Cell]]]:
    """The table's columns and rows (header first) in the layout: reordered, with remarks added."""
    columns = list(table.columns)
    rows = header_rows(columns, layout) + [list(r) for r in table.rows]
    if layout.remarks:
        from radcheck.model import Column

        first_target = next((i for i, c in enumerate(columns) if c.role == "target"), None)
        for r, row in enumerate(rows):
            if _is_label_row(row, columns):
                row.append(Cell("Keterangan"))
            elif r > 0 and _is_label_row(rows[r - 1], columns) and not layout.one_row:
                row.append(Cell("", "up"))  # the years row of a header
            elif first_target is not None and row[first_target].text and not row[first_target].merge:
                row.append(Cell(REMARK.format(n=r)))
            else:
                row.append(Cell(""))
        columns.append(Column.trusted(role="other", label="Keterangan"))
    if layout.reorder:
        roles = [c.role for c in columns]
        rank = {"no": 0, "lead": 1, "agency": 1, "supporting": 2, "issue": 3, "goal": 3, "outcome": 3, "activity": 3,
                "indicator": 3, "target": 4, "unit": 5, "baseline": 6, "other": 7}
        order = sorted(range(len(columns)), key=lambda i: (rank[roles[i]], i))
        columns = [columns[i] for i in order]
        rows = [[row[i] for i in order] for row in rows]
        new_roles = [c.role for c in columns]
        for row in rows:  # a merge across stays only where its columns stayed side by side: the years
            for i, cell in enumerate(row):
                if cell.merge == "left" and not (i > 0 and new_roles[i] == new_roles[i - 1] == "target"):
                    row[i] = Cell("")
    return columns, rows


def _is_label_row(row: list[Cell], columns) -> bool:
    """A header's first row: some cell holds its column's own label (``Satuan`` over the units)."""
    return any(cell.text and cell.text == col.label and col.role != "target" for cell, col in zip(row, columns))


def text_table(columns, rows: list[list[Cell]]) -> list[str]:
    """The rows as tab-separated lines, merged cells read as a Word or Excel reader reads them."""
    from radcheck.readers.office_table import _REPEAT_ACROSS, _REPEAT_DOWN

    roles = [c.role for c in columns]
    out: list[str] = []
    filled: list[list[str]] = []
    for r, row in enumerate(rows):
        texts: list[str] = []
        for i, cell in enumerate(row):
            if not cell.merge:
                texts.append(cell.text)
            elif cell.merge == "up":
                k = next((k for k in range(r - 1, -1, -1) if rows[k][i].merge != "up"), None)
                header = k is None or _is_label_row(rows[k], columns)
                texts.append(filled[k][i] if k is not None and not header and roles[i] in _REPEAT_DOWN else "")
            else:
                anchor = i
                while anchor > 0 and row[anchor].merge == "left":
                    anchor -= 1
                texts.append(texts[anchor] if roles[i] in _REPEAT_ACROSS and roles[anchor] in _REPEAT_ACROSS else "")
        filled.append(texts)
        out.append("\t".join(t.replace("\n", " ") for t in texts))
    return out


def write_text(seed: Path, layout: Layout) -> bytes:
    """The seed as tab-separated text: its own lines up to the first annex table's title, then each
    section's table written from the model in ``layout``."""
    lines = seed.read_text(encoding="utf-8").splitlines()
    _, model = seed_body_and_annex(seed)
    first = model.sections[0].line or 1
    out = lines[: first - 1]
    for sec in model.sections:
        table = logical_table(sec, model, layout)
        columns, rows = laid_out(table, layout)
        out += ["", table.title, ""] + text_table(columns, rows)
    return ("\n".join(out) + "\n").encode("utf-8")


# -- the body, with Word numbering --------------------------------------------------------------
@dataclass
class Para:
    text: str
    num: tuple[int, int] | None = None  # (numId, ilvl)


# abstractNum id → list of (numFmt, lvlText)
ABSTRACT = {
    1: [("upperRoman", "BAB %1")],
    2: [("decimal", "Pasal %1")],
    3: [("decimal", "(%1)"), ("lowerLetter", "%2."), ("decimal", "%3.")],
    4: [("lowerLetter", "%1.")],
    5: [("decimal", "%1.")],
}


class BodyNumbering:
    """Assigns Word list numbers to body lines, falling back to typed text where the seed's numbers
    do not follow the list."""

    def __init__(self) -> None:
        self.nums: dict[int, int] = {}  # numId → abstractNum id
        self.paras: list[Para] = []
        self.context = "cover"
        self.bab = self.pasal = 0
        self.bab_num = self._new(1)
        self.pasal_num = self._new(2)
        self.list_num: int | None = None
        self.levels: dict[int, int] = {}
        self.plain_num: int | None = None
        self.plain_next = 0

    def _new(self, abstract: int) -> int:
        num_id = len(self.nums) + 1
        self.nums[num_id] = abstract
        return num_id

    def add(self, text: str) -> None:
        m = re.match(r"^(Menimbang|Mengingat)\s*:\s*(.*)$", text)
        if m:
            self.paras.append(Para(f"{m.group(1)} :"))
            self.context = m.group(1).lower()
            self.plain_num, self.plain_next = self._new(4 if self.context == "menimbang" else 5), 1
            if m.group(2):
                self.add(m.group(2))
            return
        if re.match(r"^(MEMUTUSKAN|Menetapkan|Ditetapkan)\b", text):
            self.context = "other"
        m = re.match(r"^BAB ([IVXLC]+)$", text)
        if m:
            if roman_to_int(m.group(1)) == self.bab + 1:
                self.bab += 1
                self.paras.append(Para("", (self.bab_num, 0)))
            else:
                self.paras.append(Para(text))
            return
        m = re.match(r"^Pasal (\d+)$", text)
        if m:
            self.context = "pasal"
            self.list_num, self.levels = self._new(3), {}
            if int(m.group(1)) == self.pasal + 1:
                self.pasal += 1
                self.paras.append(Para("", (self.pasal_num, 0)))
            else:
                self.paras.append(Para(text))
            return
        if self.context in ("menimbang", "mengingat"):
            rx = r"^([a-z])\.\s+(.*)$" if self.context == "menimbang" else r"^(\d+)\.\s+(.*)$"
            m = re.match(rx, text)
            if m:
                value = ord(m.group(1)) - 96 if self.context == "menimbang" else int(m.group(1))
                if value == self.plain_next:
                    self.plain_next += 1
                    self.paras.append(Para(m.group(2), (self.plain_num or 0, 0)))
                    return
        if self.context == "pasal" and self.list_num is not None:
            for level, rx in ((0, r"^\((\d+)\)\s*(.*)$"), (1, r"^([a-z])\.\s+(.*)$"), (2, r"^(\d+)\.\s+(.*)$")):
                m = re.match(rx, text)
                if not m:
                    continue
                value = ord(m.group(1)) - 96 if level == 1 else int(m.group(1))
                if value == self.levels.get(level, 0) + 1:
                    self.levels[level] = value
                    for deeper in [k for k in self.levels if k > level]:
                        del self.levels[deeper]
                    self.paras.append(Para(m.group(2), (self.list_num, level)))
                    return
                break
        self.paras.append(Para(text))


def seed_body_and_annex(seed: Path) -> tuple[list[str], Document]:
    """The seed's cleaned body lines and its text model."""
    lines = seed.read_text(encoding="utf-8").splitlines()
    split = next(i for i, ln in enumerate(lines) if i > 0 and _LAMPIRAN.match(ln))
    return [ln.text for ln in body_lines(lines[:split], start=1)], radcheck.load(seed)


# -- writing .docx ----------------------------------------------------------------------------------
def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""


def _p(text: str, num: tuple[int, int] | None = None, bold: bool = False) -> str:
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>' if num else ""
    if bold and text:
        return f'<w:p {_NS}>{ppr}<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    return f"<w:p {_NS}>{ppr}{_run(text)}</w:p>"


_NS = f'xmlns:w="{W_NS}"'


def _tc(text: str, span: int, vmerge: str | None) -> str:
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    paras = "".join(f"<w:p>{_run(t)}</w:p>" for t in text.split("\n")) if text else "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>"


def table_xml(rows: list[list[Cell]], width: int) -> str:
    """A w:tbl with real merges: gridSpan across, vMerge restart/continue down."""
    out = [f'<w:tbl {_NS}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>',
           "<w:tblGrid>" + "<w:gridCol/>" * width + "</w:tblGrid>"]
    for r, row in enumerate(rows):
        out.append("<w:tr>")
        i = 0
        while i < len(row):
            cell = row[i]
            span = 1
            while i + span < len(row) and row[i + span].merge == "left":
                span += 1
            below = rows[r + 1][i] if r + 1 < len(rows) else None
            if cell.merge == "up":
                vm = "continue"
            elif below is not None and below.merge == "up":
                vm = "restart"
            else:
                vm = None
            out.append(_tc(cell.text if cell.merge != "up" else "", span, vm))
            i += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _numbering_xml(nums: dict[int, int]) -> list[str]:
    out = []
    for aid, levels in ABSTRACT.items():
        lv = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{360 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(levels))
        out.append(f'<w:abstractNum {_NS} w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{lv}'
                   "</w:abstractNum>")
    for num_id, aid in nums.items():
        out.append(f'<w:num {_NS} w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>'
                   '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    return out


def write_docx(seed: Path, *, title_rows: bool = False, layout: Layout = SEED_LAYOUT) -> bytes:
    """The seed as a Word file: numbered body paragraphs, then the annex tables."""
    import docx
    from docx.oxml import parse_xml

    body_texts, model = seed_body_and_annex(seed)
    numbering = BodyNumbering()
    for text in body_texts:
        numbering.add(text)
    wd = docx.Document()
    body = wd.element.body
    sect = body.sectPr
    for child in list(body):
        if child is not sect:
            body.remove(child)
    numbering_el = wd.part.numbering_part.element
    for child in list(numbering_el):
        numbering_el.remove(child)
    for xml in _numbering_xml(numbering.nums):
        numbering_el.append(parse_xml(xml))

    def add(xml: str) -> None:
        sect.addprevious(parse_xml(xml))

    for para in numbering.paras:
        add(_p(para.text, para.num))
    for head in model.lampiran:
        for piece in re.split(r"\s+(?=NOMOR\b|TENTANG\b)", head.raw):
            add(_p(piece))
        add(_p(""))
    for sec in model.sections:
        table = logical_table(sec, model, layout)
        columns, rows = laid_out(table, layout)
        width = len(columns)
        if title_rows:
            rows = [[Cell(table.title)] + [Cell("", "left")] * (width - 1), *rows]
        else:
            add(_p(table.title, bold=True))
        add(table_xml(rows, width))
        add(_p(""))
    buf = io.BytesIO()
    wd.save(buf)
    return buf.getvalue()


# -- writing .xlsx ----------------------------------------------------------------------------------
def _number_for(raw: str) -> tuple[float, str] | None:
    """The number and number format that Excel would show as ``raw``; None if there is none."""
    from radcheck.readers.xlsx import number_text

    value = parse_id_number(raw)
    if value is None or "%" in raw or raw.strip() != raw:
        return None
    whole, _, frac = raw.partition(",")
    fmt = "#,##0" if "." in whole else "0"
    if frac:
        fmt += "." + "0" * len(frac)
    if not frac and "." not in whole:
        fmt = "General"
    number = int(value) if value.is_integer() else value
    return (number, fmt) if number_text(number, fmt) == raw else None


def write_xlsx(seed: Path, layout: Layout = SEED_LAYOUT) -> bytes:
    """The seed's annex as a workbook: one sheet per section, merged ranges, numbers of both kinds."""
    import openpyxl
    from openpyxl.styles import Alignment

    _, model = seed_body_and_annex(seed)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for s_idx, sec in enumerate(model.sections):
        ws = wb.create_sheet(title=sec.letter)
        table = logical_table(sec, model, layout)
        columns, laid = laid_out(table, layout)
        width = len(columns)
        rows: list[list[Cell]] = []
        if s_idx == 0:
            for head in model.lampiran:
                rows.extend([[Cell(p)] for p in re.split(r"\s+(?=NOMOR\b|TENTANG\b)", head.raw)])
                rows.append([])
        rows.append([Cell(table.title)] + [Cell("", "left")] * (width - 1))
        header = 1 if layout.one_row else 2
        rows.extend(laid[:header])
        data_start = len(rows)
        rows.extend(laid[header:])
        roles = [c.role for c in columns]
        for r, row in enumerate(rows, start=1):
            for c, cell in enumerate(row, start=1):
                if cell.merge or not cell.text:
                    continue
                target = ws.cell(row=r, column=c)
                as_number = r > data_start and roles[c - 1] in ("target", "baseline", "no") and (r % 2 == 0)
                stored = _number_for(cell.text) if as_number else None
                if stored is not None:
                    target.value, target.number_format = stored
                else:
                    target.value = cell.text
                    target.number_format = "@" if parse_id_number(cell.text) is not None else "General"
                if "\n" in cell.text:
                    target.alignment = Alignment(wrap_text=True)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell.merge:
                    continue
                r1, c1 = r, c
                while c1 + 1 < len(row) and row[c1 + 1].merge == "left":
                    c1 += 1
                while r1 + 1 < len(rows) and c < len(rows[r1 + 1]) and rows[r1 + 1][c].merge == "up":
                    r1 += 1
                if (r1, c1) != (r, c):
                    ws.merge_cells(start_row=r + 1, start_column=c + 1, end_row=r1 + 1, end_column=c1 + 1)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_all(outdir: Path) -> dict[str, Path]:
    """Write ``<name>.docx`` and ``<name>.xlsx`` for both seeds into ``outdir``."""
    outdir.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    for name, seed in SEEDS.items():
        out[f"{name}.docx"] = outdir / f"{name}.docx"
        out[f"{name}.docx"].write_bytes(write_docx(seed, title_rows=(name == "pug")))
        out[f"{name}.xlsx"] = outdir / f"{name}.xlsx"
        out[f"{name}.xlsx"].write_bytes(write_xlsx(seed))
    return out



def one_header_row(text: str, label: str) -> str:
    """A seed text with each two-row header (labels, then the years under ``Target …``) written as one row,
    the years as labels made from ``label`` (``"Target {year}"``)."""
    lines = text.split("\n")
    for i, line in enumerate(lines[:-1]):
        years = lines[i + 1].split("\t")
        if not line.startswith("No\t") or not any(re.fullmatch(r"20\d\d", c.strip()) for c in years):
            continue
        cells = line.split("\t")
        cells += [""] * (len(years) - len(cells))
        lines[i] = "\t".join(label.format(year=y.strip()) if re.fullmatch(r"20\d\d", y.strip()) else c
                             for c, y in zip(cells, years))
        lines[i + 1] = ""
    return "\n".join(lines)


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "office-fixtures")).values():
        print(path)


# -- comparing models ---------------------------------------------------------------------------------
# Reading coverage counts rows of the file (a wrapped text row is two), so it depends on the format too.
_LOCATION_KEYS = frozenset({"line", "end_line", "source", "format", "table_rows", "rows_read"})


def comparable(doc: Document, *, annex_only: bool = False) -> dict:
    """The model without what depends on the file format: locations (``line``, ``*_line``), source,
    format, and the reading notes (compared on their own, see ``note_keys``)."""
    data = doc.model_dump(mode="json")
    data.pop("notes")
    data.pop("locations", None)
    if annex_only:
        data = {"sections": data["sections"], "lampiran": data["lampiran"]}

    def strip(o):
        if isinstance(o, dict):
            return {k: strip(v) for k, v in o.items() if k not in _LOCATION_KEYS and not k.endswith("_line")}
        if isinstance(o, list):
            return [strip(v) for v in o]
        return o

    return strip(data)


_HEADER_KEYS = {"columns", "header_line", "later_headers", "other"}


def annex_plan(doc: Document) -> dict:
    """The annex model without locations, the header's own wording and the kept extra columns; a wrapped
    text row's line breaks are spaces (one line of a table written as text)."""
    def strip(o):
        if isinstance(o, dict):
            return {k: strip(v) for k, v in o.items() if k not in _HEADER_KEYS}
        if isinstance(o, list):
            return [strip(v) for v in o]
        return " ".join(o.split()) if isinstance(o, str) else o

    return strip(comparable(doc, annex_only=True))


def note_keys(doc: Document) -> list[tuple[str, str, str, tuple]]:
    """Reading notes without their row numbers: (code, section path, text, detail)."""
    return sorted((n.code, re.sub(r"/rows/\d+", "/rows/#", n.path), n.text, tuple(sorted(n.detail.items())))
                  for n in doc.notes)


def zip_of(members: dict[str, bytes]) -> bytes:
    """A deflated archive of these members, in this order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def members_of(data: bytes) -> dict[str, bytes]:
    """An archive's members by name, in its order."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def rewrite_member(data: bytes, name: str, change: Callable[[str], str]) -> bytes:
    """The archive with the text of one (XML) member changed."""
    members = members_of(data)
    return zip_of({**members, name: change(members[name].decode("utf-8")).encode("utf-8")})


def docx_from_xml(blocks: list[str], numbering: list[str] | None = None, styles: list[str] | None = None) -> bytes:
    """A small Word file from block XML (``para``/``table_xml`` output), numbering and extra styles."""
    import docx
    from docx.oxml import parse_xml

    wd = docx.Document()
    body = wd.element.body
    sect = body.sectPr
    for child in list(body):
        if child is not sect:
            body.remove(child)
    if numbering is not None:
        el = wd.part.numbering_part.element
        for child in list(el):
            el.remove(child)
        for xml in numbering:
            el.append(parse_xml(xml))
    for xml in styles or []:
        wd.styles.element.append(parse_xml(xml))
    for xml in blocks:
        sect.addprevious(parse_xml(xml))
    buf = io.BytesIO()
    wd.save(buf)
    return buf.getvalue()


para = _p
numbering_xml = _numbering_xml
NS = _NS
