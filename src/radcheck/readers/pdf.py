"""Read a regulation from a PDF with a text layer (as published on a region's JDIH portal).

pdfplumber (on pdfminer.six) gives every word with its position and the ruling lines of tables; it was
chosen over pypdfium2, which extracts text several times faster but gives neither table cells nor the
rulings that say which cells are merged, the two things an annex needs.

- **Body**: the text lines outside tables, page by page, without page furniture: page numbers
  (``- 2 -``, ``-2-``, ``2``, ``Halaman 2``) and running headers/footers (a line repeated in the top or
  bottom margin of several pages), and catchwords (``2. Undang-Undang . . .`` at the foot: the first
  words of the next page).  Lines wrapped by the layout are joined into their paragraph (a line joins
  the one above when that one ran to the right margin, no paragraph space lies between them and the
  line does not open a new item; the same across a page break), then read by ``text_body`` like
  extracted text.
- **Annex**: from ``LAMPIRAN`` on.  Ruled tables are read cell by cell (``page.find_tables`` with the
  lines strategy): a cell's wrapped lines are one cell; a cell spanning rows is "same as above", one
  spanning columns "same as across" (see ``office_table``).  The first row under each page's header, or
  at the top of a page, may continue the row the page break cut (``GridRow.after_break``), so a table
  continued on the next page under its repeated header is one table.  Text lines between tables give
  the LAMPIRAN heading and section titles.  A page of the annex without rulings is read from word
  positions by ``layout`` (columns from the header's positions); what cannot be placed is a P002 note.
- A PDF without any text (a scan) is refused (P001) with the advice to OCR it first; a scanned page in
  a PDF that has text elsewhere is a P002 note naming the page.

Locations: ``line`` is a running number over the text lines and table rows in reading order (page by
page, top to bottom).  ``Document.locations`` maps each to ``{page, line}`` (the line's place among the
page's text lines) or ``{page, table_row}`` (the row's place in its table on that page, header rows
included).

Limits: the file size limit applies before anything is parsed, and compressed streams may not expand
beyond ``Limits.max_archive_bytes`` in all (checked piece by piece before pdfminer inflates any); pages
beyond ``Limits.max_pdf_pages``
(counted as pdfminer finds them in the page tree, not from the count the file claims) and reading longer
than ``Limits.max_pdf_seconds`` make the file unreadable (P001), and so does any error pdfminer raises on
a damaged or hostile file.
"""

from __future__ import annotations

import io
import re
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from radcheck.config import Limits
from radcheck.model import Document, Location, ReadingNote
from radcheck.readers.annex import header_columns, is_years_row
from radcheck.readers.columns import plan_of
from radcheck.readers.common import UnreadableInput, clean_text
from radcheck.readers.office_table import SECTION_TITLE, AnnexTables, GridCell, GridRow, clip
from radcheck.readers.text_body import Line, body_lines, read_body

_LAMPIRAN = re.compile(r"^\s*LAMPIRAN\b")  # upper case: "Lampiran sebagaimana dimaksud …" is body text
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|(?:halaman|hal\.?)\s*\d{1,4}(?:\s*(?:dari|/)\s*\d{1,4})?)$",
    re.IGNORECASE)
_CATCHWORD = re.compile(r"^(?P<words>.+?)\s*(?:\.\s?){3}$|^(?P<words2>.+?)\s*…$")
# A line that opens a new item of the body (so it never continues the line above): a heading, an ayat
# "(2)", a huruf "b." or an angka "12." (two digits at most: "5587) sebagaimana" wraps a citation).
_OPENS_ITEM = re.compile(r"^(?:[-•]\s+)?(?:\(\d{1,2}\)|[a-z][.)]|\d{1,2}[.)]|Pasal\s+\d|BAB\s+[IVXLC]+\b|"
                         r"Menimbang|Mengingat|MEMUTUSKAN|Menetapkan|Bagian\s+Ke|Paragraf\s+\d)(?:\s|$)")
# The share of the page height at the top and at the bottom where page numbers, running headers,
# footers and catchwords sit; body text is never set there.
_MARGIN_ZONE = 0.1
# A line "ran to the margin" (was wrapped by the layout) when it ends this close to the right edge of the
# page's text block, as a share of the block's width: about one long word.
_FULL_LINE = 0.12
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


class _Timeout(BaseException):  # not an Exception, so no `except Exception` in pdfminer stops it
    """Raised by the SIGALRM handler inside pdfminer."""


@dataclass
class _Word:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float


@dataclass
class _TextLine:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    words: list[_Word]
    index: int = 0  # the line's place among its page's text lines, from 1

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class _Table:
    page: int
    top: float
    rows: list[list[GridCell]]


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[_TextLine] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    images: int = 0


def read_pdf(data: bytes, source: str, limits: Limits) -> Document:
    """Read a PDF into a Document; raise UnreadableInput for a scan, a damaged file or one over a limit."""
    pages = _extract(data, source, limits)
    if not any(p.lines or p.tables for p in pages):
        if any(p.images for p in pages):
            raise UnreadableInput(source, "the PDF has no text layer (a scanned image); run OCR on it first "
                                          "(e.g. `ocrmypdf -l ind in.pdf out.pdf`) and check the result")
        raise UnreadableInput(source, "the PDF contains no text")
    if _undecodable_share(pages) > _UNDECODABLE:
        raise UnreadableInput(source, "the PDF's text cannot be decoded (its fonts map glyphs to no characters, "
                                      "text comes out as '(cid:12)'); run OCR on it first and check the result")
    doc = Document.trusted(source=source, format="pdf")
    for p in pages:
        if not (p.lines or p.tables) and p.images:
            doc.notes.append(ReadingNote.trusted(
                code="P002", path="/", text=f"page {p.number}", line=None, end_line=None,
                detail={"reason": f"page {p.number} has no text layer (a scanned image) and was not read; "
                                  "run OCR on the PDF first"}))
    _strip_furniture(pages)
    items = _number(pages, doc)
    split = next((k for k, it in enumerate(items) if k > 0 and isinstance(it[1], _TextLine)
                  and _LAMPIRAN.match(it[1].text)), None)
    if split is None:
        split = next((k for k, it in enumerate(items) if isinstance(it[1], _Table)), len(items))
        before = items[split - 1][1] if split else None
        if isinstance(before, _TextLine) and SECTION_TITLE.match(before.text):
            split -= 1
    with plan_of(doc):
        read_body(doc, _body(items[:split]))
        _annex(doc, items[split:], limits)
    if doc.judul is None and not doc.sections:
        raise UnreadableInput(source, "no regulation found: neither a Judul (PERATURAN …) nor annex tables")
    return doc


# Above this share of words that pdfminer could only give as glyph numbers ("(cid:12)"), the text layer
# is not text: reading it would turn every cell into noise.
_UNDECODABLE = 0.3


def _undecodable_share(pages: list[_Page]) -> float:
    words = [w.text for p in pages for ln in p.lines for w in ln.words]
    words += [t for p in pages for tb in p.tables for row in tb.rows for c in row for t in c.text.split()]
    return sum(1 for w in words if "(cid:" in w) / len(words) if words else 0.0


# -- extraction --------------------------------------------------------------------------------
@contextmanager
def _time_limit(seconds: float, source: str) -> Iterator[None]:
    """Stop pdfminer after ``seconds``: a SIGALRM where signals can be used (the main thread), leaving
    a timer already running (pytest-timeout's) to fire as it would have."""
    usable = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    before = signal.getitimer(signal.ITIMER_REAL)[0] if usable else 0.0
    if not usable or (before and before < seconds):
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:  # the signal handler's signature
        raise _Timeout

    old = signal.signal(signal.SIGALRM, on_alarm)
    start = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Timeout:
        raise UnreadableInput(source, f"reading the PDF took longer than {seconds:g} seconds; "
                                      "the file may be damaged") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if before:
            signal.setitimer(signal.ITIMER_REAL, max(before - (time.monotonic() - start), 0.001))


def _extract(data: bytes, source: str, limits: Limits) -> list[_Page]:
    import pdfplumber
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise UnreadableInput(source, "not a PDF file (it does not start with %PDF)")
    _screen_streams(data, source, limits)
    deadline = time.monotonic() + limits.max_pdf_seconds
    pages: list[_Page] = []
    try:
        with _time_limit(limits.max_pdf_seconds, source), pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                if number > limits.max_pdf_pages:
                    raise UnreadableInput(source, f"the PDF has more than {limits.max_pdf_pages:,} pages")
                if time.monotonic() > deadline:
                    raise _Timeout
                pages.append(_read_page(page, number))
                page.close()
    except UnreadableInput:
        raise
    except _Timeout:
        raise UnreadableInput(source, f"reading the PDF took longer than {limits.max_pdf_seconds:g} seconds; "
                                      "the file may be damaged") from None
    except Exception as exc:  # any failure inside pdfminer means the file is unreadable
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise UnreadableInput(source, "the PDF is encrypted; save an unprotected copy and try again") from None
        raise UnreadableInput(source, f"not a readable PDF: {name}: {str(exc)[:200]}") from None
    return pages


_STREAM = re.compile(rb"stream\r?\n")
# Arrays or dictionaries opened this many times in a row: no real PDF nests beyond a few levels, and
# pdfminer would spend seconds on each hundred thousand.
_MAX_NESTING = 256
_DEEP = re.compile(rb"(?:(?:\[|<<)\s*){%d}" % _MAX_NESTING)


def _screen_streams(data: bytes, source: str, limits: Limits) -> None:
    """Refuse a PDF that nests arrays or dictionaries hundreds deep, or whose compressed streams would
    expand beyond ``Limits.max_archive_bytes`` (a
    decompression bomb), before pdfminer expands any of them whole in memory: each Flate stream is
    inflated here piece by piece, within what is left of that budget."""
    import zlib

    if _DEEP.search(data):
        raise UnreadableInput(source, f"the PDF nests objects more than {_MAX_NESTING} deep; it is damaged or hostile")
    budget = limits.max_archive_bytes
    for m in _STREAM.finditer(data):
        start = m.end()
        if data[start:start + 1] != b"\x78":  # not a zlib stream (images, uncompressed, other filters)
            continue
        end = data.find(b"endstream", start)
        raw = data[start:end if end >= 0 else len(data)]
        inflater = zlib.decompressobj()
        try:
            while raw and budget >= 0:
                out = inflater.decompress(raw, 1 << 20)
                budget -= len(out)
                raw = inflater.unconsumed_tail
                if not out:
                    break
        except zlib.error:
            continue  # pdfminer will judge a damaged stream
        if budget < 0:
            raise UnreadableInput(source, f"the PDF's compressed content expands beyond "
                                          f"{limits.max_archive_bytes:,} bytes (a decompression bomb?)")


def _read_page(page: Any, number: int) -> _Page:  # a pdfplumber Page
    out = _Page(number, float(page.width), float(page.height), images=len(page.images))
    found = [t for t in page.find_tables(_TABLE_SETTINGS) if len(t.rows) >= 2 and len(t.columns) >= 2]
    boxes = [t.bbox for t in found]
    for t in found:
        out.tables.append(_Table(number, float(t.bbox[1]), _grid(t)))

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    text_page = page.filter(outside) if boxes else page
    words = [_Word(float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]), w["text"],
                   float(w.get("size") or 10.0))
             for w in text_page.extract_words(extra_attrs=["size"])]
    out.lines = _lines(words, number)
    return out


def _lines(words: list[_Word], page: int) -> list[_TextLine]:
    """Words into lines: a word belongs to the line whose vertical extent it overlaps by half."""
    lines: list[_TextLine] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        for ln in reversed(lines[-3:]):
            overlap = min(ln.bottom, w.bottom) - max(ln.top, w.top)
            if overlap > 0.5 * min(ln.bottom - ln.top, w.bottom - w.top):
                ln.words.append(w)
                ln.x0, ln.x1 = min(ln.x0, w.x0), max(ln.x1, w.x1)
                break
        else:
            lines.append(_TextLine(page, w.top, w.bottom, w.x0, w.x1, [w]))
    for k, ln in enumerate(lines, 1):
        ln.words.sort(key=lambda w: w.x0)
        ln.index = k
    return lines


def _grid(table: Any) -> list[list[GridCell]]:  # a pdfplumber Table
    """The table's rows as grid cells: a slot a larger cell covers is merged up or left."""
    texts = table.extract()
    rows = table.rows
    text_of: dict[tuple[float, ...], str] = {}
    for row, row_texts in zip(rows, texts):
        for bbox, text in zip(row.cells, row_texts):
            if bbox is not None:
                text_of[tuple(bbox)] = _one_line(text or "")
    xs = sorted({c[0] for c in table.cells})
    out: list[list[GridCell]] = []
    for row, row_texts in zip(rows, texts):
        top = row.bbox[1]
        cells: list[GridCell] = []
        for k, (bbox, text) in enumerate(zip(row.cells, row_texts)):
            if bbox is not None:
                cells.append(GridCell(_one_line(text or "")))
                continue
            px, py = xs[k] + 0.5, top + 0.5
            cover = next((c for c in table.cells if c[0] <= px < c[2] and c[1] <= py < c[3]), None)
            if cover is None:
                cells.append(GridCell(""))
            elif cover[1] < top - 0.5:
                cells.append(GridCell(text_of.get(tuple(cover), ""), "up"))
            else:
                cells.append(GridCell(text_of.get(tuple(cover), ""), "left"))
        out.append(cells)
    return out


def _one_line(text: str) -> str:
    """A cell's lines are the layout's wrapping: one text (a hyphen at a break keeps its space, as in
    extracted text: "guru- guru")."""
    return " ".join(p.strip() for p in text.split("\n") if p.strip())


# -- page furniture ------------------------------------------------------------------------------
def _in_margin(ln: _TextLine, page: _Page) -> bool:
    return ln.bottom < page.height * _MARGIN_ZONE or ln.top > page.height * (1 - _MARGIN_ZONE)


def _strip_furniture(pages: list[_Page]) -> None:
    """Drop page numbers, running headers and footers, and catchwords."""
    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", text.casefold())

    repeated = Counter(shape(ln.text) for p in pages for ln in {shape(x.text): x for x in p.lines
                                                                    if _in_margin(x, p)}.values())
    running = {s for s, n in repeated.items() if n >= 3 and n >= 0.3 * len(pages)}
    for p in pages:
        p.lines = [ln for ln in p.lines if not (_in_margin(ln, p) and (
            _PAGE_NUMBER.match(ln.text.strip()) or shape(ln.text) in running))]
    for k, p in enumerate(pages):
        if not p.lines:
            continue
        last = p.lines[-1]
        m = _CATCHWORD.match(last.text.strip())
        if not m or any(t.top > last.top for t in p.tables):
            continue
        words = (m.group("words") or m.group("words2") or "").split()
        nxt = _first_text(pages[k + 1]) if k + 1 < len(pages) else None
        if (nxt is not None and nxt.split()[:len(words)] == words) or (
                _in_margin(last, p) and last.x0 > p.width / 2):
            p.lines.pop()


def _first_text(page: _Page) -> str | None:
    first_line = page.lines[0] if page.lines else None
    first_table = min(page.tables, key=lambda t: t.top) if page.tables else None
    if first_table is not None and (first_line is None or first_table.top < first_line.top):
        cells = [c.text for c in first_table.rows[0] if c.text and not c.merge] if first_table.rows else []
        return " ".join(cells) or None
    return first_line.text if first_line else None


# -- running numbers ------------------------------------------------------------------------------
# One item of the reading order: its running line number and a text line or a table (whose rows take
# the numbers from there on).
_Item = tuple[int, "_TextLine | _Table"]


def _number(pages: list[_Page], doc: Document) -> list[_Item]:
    items: list[_Item] = []
    line = 0
    for p in pages:
        ordered: list[tuple[float, _TextLine | _Table]] = [(ln.top, ln) for ln in p.lines]
        ordered += [(t.top, t) for t in p.tables]
        ordered.sort(key=lambda x: x[0])
        for _, it in ordered:
            line += 1
            items.append((line, it))
            if isinstance(it, _TextLine):
                doc.locations[line] = Location.trusted(page=p.number, line=it.index)
            else:
                for r in range(len(it.rows)):
                    doc.locations[line + r] = Location.trusted(page=p.number, table_row=r + 1)
                line += len(it.rows) - 1
    return items


# -- body ---------------------------------------------------------------------------------------
def _body(items: list[_Item]) -> list[Line]:
    """The body's paragraphs (wrapped lines joined), each at the running number of its first line."""
    out: list[Line] = []
    para: list[_TextLine] = []
    start = 0
    right: dict[int, float] = {}
    left: dict[int, float] = {}
    for _, it in items:
        if isinstance(it, _TextLine):
            right[it.page] = max(right.get(it.page, 0.0), it.x1)
            left[it.page] = min(left.get(it.page, it.x0), it.x0)

    def flush() -> None:
        if para:
            out.extend(body_lines([" ".join(ln.text for ln in para)], start=start))
            para.clear()

    for no, it in items:
        if isinstance(it, _Table):  # a layout table in the body: each row as the line it reads as
            flush()
            for r, row in enumerate(it.rows):
                text = " ".join(c.text for c in row if c.text and not c.merge)
                if text:
                    out.extend(body_lines([text], start=no + r))
            continue
        if para and _continues(para[-1], it, right[para[-1].page] - left[para[-1].page], right[para[-1].page]):
            para.append(it)
            continue
        flush()
        para.append(it)
        start = no
    flush()
    return out


def _continues(prev: _TextLine, ln: _TextLine, block_width: float, block_right: float) -> bool:
    """``ln`` is the next line of the paragraph ``prev`` is in (the layout wrapped it there)."""
    if ln.page == prev.page:
        height = max(prev.bottom - prev.top, 1.0)
        gap = ln.top - prev.bottom
        if gap > 0.6 * height or gap < -0.5 * height:
            return False  # paragraph spacing, or a line beside this one
    # (a paragraph a page break cut continues at the top of the next page, the catchword gone)
    if prev.x1 < block_right - _FULL_LINE * block_width:
        return False  # the line above ended short: its paragraph ended
    return not _OPENS_ITEM.match(ln.text)


# -- annex --------------------------------------------------------------------------------------
def _annex(doc: Document, items: list[_Item], limits: Limits) -> None:
    from radcheck.readers.text import _read_lampiran_heading  # one parser for the heading

    tables = AnnexTables(doc)
    # Rows recovered from a page's layout may lose a leading cell (a missing No), as extracted text does.
    tables.realign = True
    chunks = [_chunks(it) if isinstance(it, _TextLine) else [] for _, it in items]
    k = 0
    while k < len(items):
        no, it = items[k]
        if isinstance(it, _Table):
            tables.feed(_grid_rows(it, no, doc, limits))
            k += 1
            continue
        text = clean_text(it.text)
        tables.last_line = max(tables.last_line, no)
        if _LAMPIRAN.match(text):
            texts = [text]
            for _, nxt in items[k + 1:]:
                if not isinstance(nxt, _TextLine):
                    break
                texts.append(clean_text(nxt.text))
            used = _read_lampiran_heading(doc, texts, 0)
            doc.lampiran[-1].line = no
            k += max(used, 1)
            continue
        m = SECTION_TITLE.match(text)
        if m and any(isinstance(items[j][1], _Table) or len(chunks[j]) >= 3
                     for j in range(k + 1, min(k + 4, len(items)))):
            tables.start_section(m.group(1), m.group(2), no)
            k += 1
            continue
        if len(chunks[k]) >= 3:  # lines set in columns without rulings: a table read from word positions
            from radcheck.readers.layout import table_rows

            run = k
            while run < len(items) and isinstance(items[run][1], _TextLine):
                run += 1
            rows, after = table_rows(chunks[:run], k, [n for n, _ in items[:run]], doc.notes, 2.0)
            if rows:
                tables.feed(rows)
                k = after
                continue
        k += 1
    tables.finish()


def _grid_rows(table: _Table, first: int, doc: Document, limits: Limits) -> list[GridRow]:
    """The table's rows for ``AnnexTables``: the first row of the page, and the first under a header,
    may continue the row a page break cut."""
    out: list[GridRow] = []
    after_break = True
    for r, cells in enumerate(table.rows):
        line = first + r
        for c in cells:
            if len(c.text) > limits.max_cell_chars:
                c.text = clip(c.text, limits.max_cell_chars, doc.notes, "/lampiran", line)
        plain = [c.text if not c.merge else "" for c in cells]
        nxt = table.rows[r + 1] if r + 1 < len(table.rows) else None
        years = [c.text if not c.merge else "" for c in nxt] if nxt else None
        if is_years_row(plain) or header_columns(plain, years if years and is_years_row(years) else None):
            out.append(GridRow(cells, line))
            after_break = True
            continue
        out.append(GridRow(cells, line, after_break=after_break and any(plain)))
        after_break = after_break and not any(plain)
    return out


def _chunks(line: _TextLine) -> list[tuple[float, float, str]]:
    """A line's words grouped into the runs a column gap separates (wider than one em)."""
    from radcheck.readers.layout import run

    groups: list[list[tuple[float, float, str]]] = []
    for w in line.words:
        if groups and w.x0 - groups[-1][-1][1] <= w.size:
            groups[-1].append((w.x0, w.x1, w.text))
        else:
            groups.append([(w.x0, w.x1, w.text)])
    return [run(g) for g in groups]
