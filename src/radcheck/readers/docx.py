"""Read a regulation from a Word (.docx) file.

The archive is inspected first (``archive.inspect_archive``: size and ratio limits, encryption,
DOCTYPE/ENTITY declarations); only then does python-docx open it.  The body is read from paragraphs
through the same ``text_body`` reader as extracted text, the annex from tables through
``annex.SectionBuilder`` (see ``office_table`` for what merged cells mean).

Automatic numbering is rendered as Word shows it: a paragraph's ``w:numPr`` (or its style's) names a
list and a level, and the level's format (``decimal``, ``lowerLetter``, ``upperRoman`` …) and text
(``%1.``, ``(%1)``, ``Pasal %1``) give the marker a reader needs, so a numbered "(1)" ayat reads like a
typed one.  Counters follow Word: lists that share an abstract definition continue one another unless
a ``w:startOverride`` restarts them; a level restarts after any item of a higher level.

Locations: ``line`` is a running index over the document's block-level items in order, counting from
1: every body paragraph and every table row is one step (paragraphs inside table cells are not counted,
their row is).  Body lines carry their paragraph's index, annex rows their table row's index, so lines
are unique, ordered, and findable by counting paragraphs and rows from the top.  ``doc.locations`` says
the same the way a person counts: paragraph n (paragraphs outside tables only), or table t, row r.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field

from radcheck.config import Limits
from radcheck.model import Document, Location
from radcheck.numbers import to_roman
from radcheck.readers.annex import UNREAD_TABLE_MIN_ROWS, flush_unread, header_columns
from radcheck.readers.archive import inspect_archive
from radcheck.readers.columns import plan_of
from radcheck.readers.common import UnreadableInput, clean_text, normalise_chars
from radcheck.readers.office_table import SECTION_TITLE, AnnexTables, GridCell, GridRow, clip
from radcheck.readers.text import LAMPIRAN_HEADING as _LAMPIRAN
from radcheck.readers.text_body import Line, body_lines, read_body

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Numbers a file claims, clamped to what Word itself allows, so that work follows what is present:
# columns skipped or spanned by one cell (Word's grid has at most 63 columns), a list's start value
# (Word's largest is 32767), paragraphs a LAMPIRAN heading may run over.
MAX_SPAN = 64
MAX_START = 32767
_HEADING_PARAGRAPHS = 40
_CONTAINERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"}


def read_docx(data: bytes, source: str, limits: Limits) -> Document:
    """Read a .docx into a Document; raise UnreadableInput for anything unsafe or unreadable."""
    inspect_archive(data, source, limits, "docx")
    import docx
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wd = docx.Document(io.BytesIO(data))
        body = wd.element.body
        numbering = _Numbering(_numbering_element(wd), wd.styles.element)
    except UnreadableInput:
        raise
    except Exception as exc:  # any failure inside python-docx means the file is unreadable
        raise UnreadableInput(source, f"not a readable Word document: {type(exc).__name__}: {exc}") from None
    doc = Document.trusted(source=source, format="docx")
    blocks = _Walker(numbering, limits, doc).blocks(body)
    split = _annex_start(blocks)
    with plan_of(doc):
        read_body(doc, _body_lines(blocks[:split]))
        _read_annex(doc, blocks[split:])
    if split == len(blocks):
        _note_tables_in_body(doc, blocks)
    if doc.judul is None and not doc.sections:
        raise UnreadableInput(source, "no regulation found: neither a Judul (PERATURAN …) nor annex tables")
    return doc


def _numbering_element(wd):  # python-docx objects
    """The numbering definitions, or None; python-docx would otherwise add an empty part."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in wd.part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return rel.target_part.element
    return None


# -- automatic numbering ----------------------------------------------------------------------
@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 = never


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None and len(value) <= 9 else default
    except ValueError:
        return default


class _Numbering:
    """Word's list numbering: markers for numbered paragraphs, counted in document order."""

    def __init__(self, numbering, styles) -> None:  # lxml elements
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_base: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used_nums: set[str] = set()
        if numbering is not None:
            for an in numbering.findall(W + "abstractNum"):
                levels: dict[int, _Level] = {}
                for lvl in an.findall(W + "lvl"):
                    levels[_int(lvl.get(W + "ilvl"), 0)] = _Level(
                        start=min(_int(_val(lvl, "start"), 1), MAX_START),
                        fmt=_val(lvl, "numFmt") or "decimal",
                        text=_val(lvl, "lvlText") or "",
                        restart=_int(_val(lvl, "lvlRestart"), -1) if _val(lvl, "lvlRestart") is not None else None,
                    )
                self.abstract[an.get(W + "abstractNumId", "")] = levels
            for num in numbering.findall(W + "num"):
                overrides = {}
                for ov in num.findall(W + "lvlOverride"):
                    start = _val(ov, "startOverride")
                    if start is not None:
                        overrides[_int(ov.get(W + "ilvl"), 0)] = min(_int(start, 1), MAX_START)
                self.nums[num.get(W + "numId", "")] = (_val(num, "abstractNumId") or "", overrides)
        if styles is not None:
            for st in styles.findall(W + "style"):
                sid = st.get(W + "styleId", "")
                base = _val(st, "basedOn")
                if base:
                    self.style_base[sid] = base
                ppr = st.find(W + "pPr")
                numpr = ppr.find(W + "numPr") if ppr is not None else None
                if numpr is not None:
                    ilvl = _val(numpr, "ilvl")
                    self.style_num[sid] = (_val(numpr, "numId"), _int(ilvl, 0) if ilvl is not None else None)

    def marker(self, p) -> str:  # a w:p element
        """The marker Word shows before paragraph ``p`` ("1.", "(2)", "c.", "Pasal 4"), or ""."""
        num_id, ilvl = self._num_of(p)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.used_nums:
            self.used_nums.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
                for deeper in [k for k in counters if k > lvl]:
                    del counters[deeper]
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            if levels.get(deeper, _Level()).restart != 0:
                del counters[deeper]
        if level.fmt == "bullet":
            return ""  # a bullet carries no number a reader needs

        def render(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            return _format(counters.get(k, lv.start), lv.fmt)

        return re.sub(r"%([1-9])", render, level.text).strip()

    def _num_of(self, p) -> tuple[str | None, int]:
        ppr = p.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(numpr, "numId") if numpr is not None else None
        ilvl_raw = _val(numpr, "ilvl") if numpr is not None else None
        style = _val(ppr, "pStyle") if ppr is not None else None
        seen: set[str] = set()
        while (num_id is None or ilvl_raw is None) and style and style not in seen:
            seen.add(style)
            s_num, s_ilvl = self.style_num.get(style, (None, None))
            if num_id is None and s_num is not None:
                num_id = s_num
            if ilvl_raw is None and s_ilvl is not None:
                ilvl_raw = str(s_ilvl)
            style = self.style_base.get(style)
        return num_id, _int(ilvl_raw, 0)


def _val(el, child: str) -> str | None:
    found = el.find(W + child) if el is not None else None
    return found.get(W + "val") if found is not None else None


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if 0 < n <= 26 * 40 else str(n)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal, and the formats a regulation does not use




# -- walking the document -------------------------------------------------------------------------
@dataclass
class _Tc:
    paras: list[str]
    span: int = 1
    vmerge: str | None = None  # None, "restart" or "continue"
    hmerge: str | None = None  # legacy horizontal merge


@dataclass
class _Tr:
    line: int
    cells: list[_Tc] = field(default_factory=list)
    grid_before: int = 0


@dataclass
class _Block:
    line: int
    text: str | None = None  # a paragraph: marker and text; soft line breaks kept as "\n"
    rows: list[_Tr] | None = None  # a table


class _Walker:
    def __init__(self, numbering: _Numbering, limits: Limits, doc: Document) -> None:
        self.numbering = numbering
        self.limits = limits
        self.doc = doc
        self.line = 0
        self.paragraphs = 0  # body paragraphs met so far (outside tables)
        self.tables = 0  # top-level tables met so far

    def blocks(self, body) -> list[_Block]:
        out: list[_Block] = []
        locations = self.doc.locations
        for el in self._children(body):
            if el.tag == W + "p":
                self.line += 1
                self.paragraphs += 1
                locations[self.line] = Location.trusted(paragraph=self.paragraphs)
                out.append(_Block(self.line, text=self._para(el)))
            elif el.tag == W + "tbl":
                self.tables += 1
                first = self.line + 1
                out.append(_Block(first, rows=self._table(el)))
                for row in range(first, self.line + 1):
                    locations[row] = Location.trusted(table=self.tables, row=row - first + 1)
        return out

    def _children(self, el):
        for child in el:
            if child.tag in _CONTAINERS:
                yield from self._children(child)
            else:
                yield child

    def _para(self, p) -> str:
        marker = self.numbering.marker(p)
        parts: list[str] = []
        self._runs(p, parts)
        text = normalise_chars("".join(parts))
        text = clip(text, self.limits.max_cell_chars, self.doc.notes, "/body", self.line)
        return f"{marker} {text}" if marker else text

    def _runs(self, el, parts: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag == _MC_FALLBACK or tag == W + "pPr" or tag == W + "rPr":
                continue
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag == W + "tab":
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "p":  # a text box's paragraph inside this one
                parts.append(" ")
                self._runs(child, parts)
            else:
                self._runs(child, parts)

    def _table(self, tbl) -> list[_Tr]:
        rows: list[_Tr] = []
        for tr in self._children(tbl):
            if tr.tag != W + "tr":
                continue
            self.line += 1
            row = _Tr(self.line)
            trpr = tr.find(W + "trPr")
            row.grid_before = max(0, min(_int(_val(trpr, "gridBefore"), 0), MAX_SPAN)) if trpr is not None else 0
            for tc in self._children(tr):
                if tc.tag != W + "tc":
                    continue
                tcpr = tc.find(W + "tcPr")
                cell = _Tc(paras=self._cell_paras(tc))
                if tcpr is not None:
                    cell.span = max(1, min(_int(_val(tcpr, "gridSpan"), 1), MAX_SPAN))
                    vm = tcpr.find(W + "vMerge")
                    if vm is not None:
                        cell.vmerge = "restart" if vm.get(W + "val") == "restart" else "continue"
                    hm = tcpr.find(W + "hMerge")
                    if hm is not None:
                        cell.hmerge = "restart" if hm.get(W + "val") == "restart" else "continue"
                row.cells.append(cell)
            rows.append(row)
        return rows

    def _cell_paras(self, tc) -> list[str]:
        paras: list[str] = []
        for el in self._children(tc):
            if el.tag == W + "p":
                text = self._para(el)
                if text.strip():
                    paras.append(text)
            elif el.tag == W + "tbl":  # a nested table: its cells' text, in order
                for sub in el.iter(W + "p"):
                    text = self._para(sub)
                    if text.strip():
                        paras.append(text)
        return paras


# -- body and annex -------------------------------------------------------------------------------
def _is_header_table(block: _Block) -> bool:
    rows = block.rows or []
    return any(header_columns([" ".join(c.paras) for c in r.cells], None) is not None for r in rows[:6])


def _annex_start(blocks: list[_Block]) -> int:
    """The annex starts at a ``LAMPIRAN`` paragraph, or else at the first plan table (and its title)."""
    for i, b in enumerate(blocks):
        if i > 0 and b.text is not None and _LAMPIRAN.match(b.text):
            return i
    for i, b in enumerate(blocks):
        if b.rows is not None and _is_header_table(b):
            j = i
            while j > 0 and (text := blocks[j - 1].text) is not None and not text.strip():
                j -= 1
            if j > 0 and (text := blocks[j - 1].text) is not None and SECTION_TITLE.match(clean_text(text)):
                return j - 1
            return i
    return len(blocks)


# A table of the body is a plan nobody could read (P005) when it has this many rows of this many cells,
# two of them filled, and none of its cells opens a part of the body: Word drafters lay Menimbang and
# Mengingat out as tables ("Menimbang | : | a. | bahwa …"), and signatures as two columns.
_BODY_TABLE_MIN_CELLS = 4
_BODY_LAYOUT_CELL = re.compile(r"^\s*(?:Menimbang|Mengingat|Memperhatikan|MEMUTUSKAN|Menetapkan|bahwa\b|Pasal\s+\d)",
                               re.IGNORECASE)


def _note_tables_in_body(doc: Document, blocks: list[_Block]) -> None:
    """A document with no Lampiran and no recognised plan table: its tables of rows are the plan, unread."""
    for b in blocks:
        if b.rows is None:
            continue
        grid = _grid(b.rows)
        texts = [[clean_text(c.text) for c in r.cells if not c.merge] for r in grid]
        if any(_BODY_LAYOUT_CELL.match(t) for row in texts for t in row):
            continue
        rows = [(r.line, " | ".join(t for t in row if t)) for r, row in zip(grid, texts)
                if len(r.cells) >= _BODY_TABLE_MIN_CELLS and sum(1 for t in row if t) >= 2]
        if len(rows) >= UNREAD_TABLE_MIN_ROWS:
            doc.table_rows += len(rows)
            first = next(row for row in texts if sum(1 for t in row if t) >= 2)
            flush_unread(doc.notes, "/lampiran", rows, first)


def _body_lines(blocks: list[_Block]) -> list[Line]:
    """Paragraphs become lines (a soft line break starts a new line with the same index); a layout
    table ("Menimbang | : | a. bahwa …") becomes the lines its rows read as."""
    out: list[Line] = []
    for b in blocks:
        if b.text is not None:
            for piece in b.text.split("\n"):
                out.extend(body_lines([piece], start=b.line))
            continue
        for row in b.rows or []:
            lines: list[str] = []
            current = ""
            for cell in row.cells:
                if cell.vmerge == "continue":
                    continue
                paras = [p for para in cell.paras for p in para.split("\n")]
                if not paras:
                    continue
                current = f"{current} {paras[0]}".strip()
                if len(paras) > 1:
                    lines.append(current)
                    lines.extend(paras[1:-1])
                    current = paras[-1]
            if current:
                lines.append(current)
            for text in lines:
                out.extend(body_lines([text], start=row.line))
    return out


def _grid(rows: list[_Tr]) -> list[GridRow]:
    """Table rows as grid cells: spans expanded, vertical merges resolved to the text above."""
    out: list[GridRow] = []
    above: dict[int, str] = {}  # grid column → the text of the merged cell covering it
    for row in rows:
        cells: list[GridCell] = [GridCell("") for _ in range(row.grid_before)]
        for tc in row.cells:
            text = "\n".join(tc.paras)
            col = len(cells)
            if tc.vmerge == "continue" and not text.strip():
                for k in range(tc.span):
                    cells.append(GridCell(above.get(col + k, ""), "up"))
                continue
            if tc.hmerge == "continue" and not text.strip() and cells:
                anchor = cells[-1].text
                for k in range(tc.span):
                    cells.append(GridCell(anchor, "left"))
                    above[col + k] = anchor
                continue
            cells.append(GridCell(text))
            above[col] = text
            for k in range(1, tc.span):
                cells.append(GridCell(text, "left"))
                above[col + k] = text
        out.append(GridRow(cells=cells, line=row.line))
    return out


def _read_annex(doc: Document, blocks: list[_Block]) -> None:
    from radcheck.readers.text import _read_lampiran_heading  # the same heading parser as for text

    tables = AnnexTables(doc)
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.rows is not None:
            tables.feed(_grid(b.rows))
            i += 1
            continue
        text = clean_text((b.text or "").replace("\n", " ").replace("\t", " "))
        tables.last_line = max(tables.last_line, b.line)
        if _LAMPIRAN.match(text):
            texts = [text]
            # The heading's lines run to the first empty paragraph (``_read_lampiran_heading``): gathering
            # only those keeps a document of many LAMPIRAN paragraphs linear, not quadratic.
            for nb in blocks[i + 1:i + 1 + _HEADING_PARAGRAPHS]:
                if nb.text is None:
                    break
                texts.append(clean_text(nb.text.replace("\n", " ").replace("\t", " ")))
                if not texts[-1]:
                    break
            used = _read_lampiran_heading(doc, texts, 0)
            doc.lampiran[-1].line = b.line
            i += max(used, 1)
            continue
        m = SECTION_TITLE.match(text)
        if m and _table_follows(blocks, i):
            tables.start_section(m.group(1), m.group(2), b.line)
        i += 1
    tables.finish()


def _table_follows(blocks: list[_Block], i: int) -> bool:
    for b in blocks[i + 1:i + 8]:
        if b.rows is not None:
            return True
        if b.text and SECTION_TITLE.match(clean_text(b.text)):
            return False
    return False
