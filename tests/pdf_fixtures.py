"""PDF fixtures made in the tests: a seed regulation (tab-separated text) laid out as its PDF would be.

``seed_pdf`` renders
- the body on portrait pages: each seed line one paragraph, wrapped to the page width, with a page number
  (``- 2 -``) at the top of every page after the first, a catchword (the first words of the next page and
  ``. . .``) at the foot, and a running footer;
- the annex on landscape pages: the LAMPIRAN heading and section titles as text, every table row as a
  ruled row whose long cells wrap inside the cell; a header cell over two rows ("No") and the target label
  over the year columns are merged cells, and so is each empty plan or agency cell under a row of the
  same page ("same as above").  Where the seed has a page break inside a table (a blank line, a row of
  dashes) the PDF starts a new page and repeats the header, so the seed's continuation rows are the first
  rows of a page, as in the regulation as published.
Italics markup (``<i>…</i>``, ``*…*``) is dropped: the PDF shows the words.

``seed_layout_text`` writes the same seed as text whose columns are aligned with spaces (one line a row).
``plan_pdf`` writes a small plan as a table without rulings, ``scan_pdf`` an image-only page.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from radcheck.readers import read_bytes
from radcheck.readers.annex import header_columns, is_years_row
from radcheck.readers.text_body import body_lines

_LAMPIRAN = re.compile(r"^\s*LAMPIRAN\b")  # capitals: a body line may begin "Lampiran yang …"
_MARKUP = re.compile(r"</?i>|\*", re.IGNORECASE)
_DASHES = re.compile(r"[-–—_=\s]*")
# Columns where an empty cell means "same as above" (see office_table): drawn as a merged cell.
_MERGE_ROLES = {"no", "issue", "goal", "outcome", "activity", "lead", "supporting", "agency"}

BODY_FONT, BODY_SIZE, BODY_LEADING = "Helvetica", 10.0, 12.5
TABLE_FONT, TABLE_SIZE, TABLE_LEADING, PAD = "Helvetica", 6.5, 8.0, 2.5
FOOTER = "jdih.bekasikota.go.id"


def _plain(text: str) -> str:
    return re.sub(r"[ \u00a0]+", " ", _MARKUP.sub("", text)).strip()


# -- the body ---------------------------------------------------------------------------------
def _body_pages(lines: list[str], width: float, height: float, margin: float) -> list[list[tuple[str, float]]]:
    """Each page's lines with the gap before each (paragraph spacing)."""
    pages: list[list[tuple[str, float]]] = [[]]
    y = height - margin
    gap = 0.0
    for raw in lines:
        text = _plain(raw)
        if not text:
            gap = BODY_LEADING
            continue
        for k, piece in enumerate(simpleSplit(text, BODY_FONT, BODY_SIZE, width - 2 * margin)):
            before = (gap + 4.0) if k == 0 and pages[-1] else 0.0
            if y - before - BODY_LEADING < margin:
                pages.append([])
                y = height - margin
                before = 0.0
            pages[-1].append((piece, before))
            y -= before + BODY_LEADING
        gap = 0.0
    return [p for p in pages if p]


def _draw_body(c: canvas.Canvas, lines: list[str], first_page: int, number: str = "- {n} -",
               catchword: str = " . . .") -> int:
    width, height = A4
    margin = 72.0
    pages = _body_pages(lines, width, height, margin)
    for n, page in enumerate(pages):
        c.setPageSize(A4)
        c.setFont(BODY_FONT, BODY_SIZE)
        if first_page + n > 1:
            c.drawCentredString(width / 2, height - 40, number.format(n=first_page + n))
        y = height - margin
        for text, before in page:
            y -= before + BODY_LEADING
            c.drawString(margin, y, text)
        if n + 1 < len(pages):
            words = pages[n + 1][0][0].split()[:2]
            c.drawRightString(width - margin, 48, " ".join(words) + catchword)
        c.setFont(BODY_FONT, 7)
        c.drawString(margin, 28, FOOTER)
        c.showPage()
    return first_page + len(pages)


# -- the annex ----------------------------------------------------------------------------------
@dataclass
class _Row:
    cells: list[str]
    header: bool = False  # a header row (labels or years)


@dataclass
class _Page:
    items: list[object] = field(default_factory=list)  # str (a text line) or list[_Row] (one table)


def _shifted_rows(seed: str) -> dict[int, int]:
    """The seed's rows that text extraction shifted left (a lost empty cell), by line: radcheck realigns
    them when reading the text (P003).  The PDF shows them where the drafter put them."""
    doc = read_bytes(seed.encode("utf-8"), "seed.txt", "text")
    return {n.line: int(n.detail["shift"]) for n in doc.notes
            if n.code == "P003" and n.line is not None and "shift" in n.detail}


def _annex_pages(lines: list[str], first_line: int = 1, shifts: dict[int, int] | None = None) -> list[_Page]:
    """The annex as pages: seed page breaks inside a table start a new page under a repeated header.
    ``first_line`` is the seed line of ``lines[0]``; ``shifts`` puts the rows extraction shifted back."""
    shifts = shifts or {}
    pages = [_Page()]
    header: list[_Row] = []
    table: list[_Row] | None = None
    pending_break = False
    i = 0
    while i < len(lines):
        raw = lines[i]
        if "\t" not in raw:
            if not raw.strip():
                pending_break = pending_break or table is not None
                i += 1
                continue
            table = None
            pending_break = False
            pages[-1].items.append(_plain(raw))
            i += 1
            continue
        shift = shifts.get(first_line + i, 0)
        cells = [""] * shift + [_plain(x) for x in raw.split("\t")]
        if shift:
            cells = _as_read(cells, _roles(header))
        while cells and not cells[-1]:
            cells.pop()
        nxt = lines[i + 1].split("\t") if i + 1 < len(lines) and "\t" in lines[i + 1] else None
        years = nxt if nxt is not None and is_years_row(nxt) else None
        if header_columns(cells, years) is not None:
            header = [_Row(cells, True)] + ([_Row([_plain(x) for x in years], True)] if years else [])
            if table is not None:
                pages.append(_Page())  # a header met inside a table starts a page, as the seed's did
            table = list(header)
            pages[-1].items.append(table)
            pending_break = False
            i += 1 + (1 if years else 0)
            continue
        if _DASHES.fullmatch(raw):
            pending_break = pending_break or table is not None
            i += 1
            continue
        if table is None:
            table = []
            pages[-1].items.append(table)
        elif pending_break:
            pages.append(_Page())
            table = list(header)
            pages[-1].items.append(table)
        pending_break = False
        table.append(_Row(cells))
        i += 1
    return pages


def _as_read(cells: list[str], roles: list[str]) -> list[str]:
    """A realigned row as radcheck reads it: a measured row (unit or targets) whose only text fell in the
    activity column is an indicator (see SectionBuilder._read_row)."""
    if "activity" in roles and "indicator" in roles:
        act, ind = roles.index("activity"), roles.index("indicator")
        measured = any(cells[k] for k, r in enumerate(roles) if r in ("unit", "target") and k < len(cells))
        if max(act, ind) < len(cells) and cells[act] and not cells[ind] and measured:
            cells[act], cells[ind] = "", cells[act]
    return cells


def _roles(header: list[_Row]) -> list[str]:
    labels = header[0].cells if header else []
    years = header[1].cells if len(header) > 1 else None
    cols = header_columns(labels, years) if labels else None
    return [c.role for c in cols] if cols else []


def _owners(rows: list[_Row], width: int, roles: list[str]) -> list[list[tuple[int, int]]]:
    """Which cell covers each slot: itself, or a merged cell above or to the left."""
    own = [[(r, c) for c in range(width)] for r in range(len(rows))]
    cell = [[row.cells[c] if c < len(row.cells) else "" for c in range(width)] for row in rows]
    for r, row in enumerate(rows):
        for c in range(width):
            if cell[r][c]:
                continue
            if row.header and r > 0 and rows[r - 1].header:
                if cell[r - 1][c] and own[r - 1][c] == (r - 1, c):
                    own[r][c] = (r - 1, c)  # a label over both header rows
            elif row.header and r + 1 < len(rows) and rows[r + 1].header and c > 0:
                if cell[r + 1][c] and cell[r + 1][c - 1] and own[r][c - 1][0] == r:
                    own[r][c] = own[r][c - 1]  # the target label over the year columns
            elif not row.header and r > 0 and not rows[r - 1].header:
                if c < len(roles) and roles[c] in _MERGE_ROLES:
                    own[r][c] = own[r - 1][c]  # an empty plan cell: same as above
    return own


@dataclass
class _Layout:
    xs: list[float]
    ys: list[float]  # row tops, from 0 downwards, and the bottom
    own: list[list[tuple[int, int]]]
    wrapped: dict[tuple[int, int], list[str]]


def _layout(rows: list[_Row], total: float, roles: list[str]) -> _Layout:
    width = max(len(r.cells) for r in rows)
    lengths = [1.0] * width
    for row in rows:
        for k, text in enumerate(row.cells):
            lengths[k] = max(lengths[k], min(len(text), 200) ** 0.5)
    # A column is as wide as its longest word (so every word stays inside its cell), the rest of the page
    # shared by the square root of the cells' lengths.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    least = [2 * PAD + 1.0] * width
    for row in rows:
        for k, text in enumerate(row.cells):
            for word in text.split():
                least[k] = max(least[k], stringWidth(word, TABLE_FONT, TABLE_SIZE) + 2 * PAD + 1)
    scale = total / sum(lengths)
    xs = [0.0]
    for k, w in enumerate(lengths):
        xs.append(xs[-1] + max(w * scale, least[k]))
    own = _owners(rows, width, roles)
    texts = [[row.cells[k] if k < len(row.cells) else "" for k in range(width)] for row in rows]
    wrapped: dict[tuple[int, int], list[str]] = {}
    heights = [TABLE_LEADING + 2 * PAD] * len(rows)
    spans: list[tuple[int, int, float]] = []
    for r in range(len(rows)):
        for k in range(width):
            if own[r][k] != (r, k) or not texts[r][k]:
                continue
            right = k
            while right + 1 < width and own[r][right + 1] == (r, k):
                right += 1
            wrapped[(r, k)] = simpleSplit(texts[r][k], TABLE_FONT, TABLE_SIZE, xs[right + 1] - xs[k] - 2 * PAD)
            need = len(wrapped[(r, k)]) * TABLE_LEADING + 2 * PAD
            below = r
            while below + 1 < len(rows) and own[below + 1][k] == (r, k):
                below += 1
            if below == r:
                heights[r] = max(heights[r], need)
            else:
                spans.append((r, below, need))
    for r, below, need in spans:
        have = sum(heights[r:below + 1])
        if have < need:
            heights[below] += need - have
    ys = [0.0]
    for h in heights:
        ys.append(ys[-1] - h)
    return _Layout(xs, ys, own, wrapped)


def _draw_table(c: canvas.Canvas, lay: _Layout, top: float, x0: float, ruled: bool) -> float:
    xs = [x0 + x for x in lay.xs]
    ys = [top + y for y in lay.ys]
    own = lay.own
    c.setFont(TABLE_FONT, TABLE_SIZE)
    for (r, k), pieces in lay.wrapped.items():
        y = ys[r] - PAD - TABLE_SIZE
        for piece in pieces:
            c.drawString(xs[k] + PAD, y, piece)
            y -= TABLE_LEADING
    if ruled:
        c.setLineWidth(0.5)
        for r in range(len(own)):
            for k in range(len(xs) - 1):
                if r == 0 or own[r - 1][k] != own[r][k]:
                    c.line(xs[k], ys[r], xs[k + 1], ys[r])
                if k == 0 or own[r][k - 1] != own[r][k]:
                    c.line(xs[k], ys[r], xs[k], ys[r + 1])
        c.line(xs[0], ys[-1], xs[-1], ys[-1])
        c.line(xs[-1], ys[0], xs[-1], ys[-1])
    return ys[-1]


def _draw_annex(c: canvas.Canvas, lines: list[str], first_page: int, ruled: bool, first_line: int = 1,
                shifts: dict[int, int] | None = None) -> None:
    width, base_height = landscape(A4)
    margin = 36.0
    roles: list[str] = []
    for n, page in enumerate(_annex_pages(lines, first_line, shifts)):
        laid: list[object] = []
        need = margin * 2 + 24
        for item in page.items:
            if isinstance(item, str):
                laid.append(item)
                need += BODY_LEADING
                continue
            assert isinstance(item, list)
            header = [r for r in item if r.header]
            if header:
                roles = _roles(header)
            lay = _layout(item, width - 2 * margin, roles)
            laid.append(lay)
            need += -lay.ys[-1] + 12
        height = max(base_height, need)
        page_width = max([width] + [lay.xs[-1] + 2 * margin for lay in laid if isinstance(lay, _Layout)])
        c.setPageSize((page_width, height))
        c.setFont(BODY_FONT, BODY_SIZE)
        c.drawCentredString(width / 2, height - 24, f"- {first_page + n} -")
        y = height - margin - 12
        for item in laid:
            if isinstance(item, str):
                c.setFont(BODY_FONT, BODY_SIZE)
                indent = width * 0.55 if item.isupper() or item.startswith(("NOMOR", "TENTANG")) else margin
                y -= BODY_LEADING
                c.drawString(indent, y, item)
                continue
            assert isinstance(item, _Layout)
            y = _draw_table(c, item, y - 6, margin, ruled) - 6
        c.setFont(BODY_FONT, 7)
        c.drawString(margin, 14, FOOTER)
        c.showPage()


def seed_pdf(seed: str, *, ruled: bool = True, number: str = "- {n} -", catchword: str = " . . .",
             clean_body: bool = False) -> bytes:
    """The seed as its PDF; ``number`` is how page numbers are written, ``catchword`` how catchwords end.
    With ``clean_body`` the body is drawn without the seed's own page furniture (its page numbers and
    catchwords, which a PDF has only at its own page turns), as the body reader cleans it."""
    lines = seed.splitlines()
    split = next((i for i, ln in enumerate(lines) if i > 0 and _LAMPIRAN.match(ln)), len(lines))
    body = [ln.text for ln in body_lines(lines[:split], start=1)] if clean_body else lines[:split]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    after_body = _draw_body(c, body, 1, number, catchword)
    _draw_annex(c, lines[split:], after_body, ruled, split + 1, _shifted_rows(seed))
    c.save()
    return buf.getvalue()


def seed_layout_text(seed: str, wrap: int | None = None) -> str:
    """The seed with every table's columns aligned with spaces instead of tabs: one line a row, or with
    ``wrap``, each cell wrapped at that many characters onto the lines below, as a layout would."""
    import textwrap

    lines = seed.splitlines()
    shifts = _shifted_rows(seed)  # a layout shows the rows extraction shifted where the drafter put them
    out: list[str] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and ("\t" in lines[j] or not lines[j].strip()):
            j += 1
        block = lines[i:j]
        rows = [[""] * shifts.get(i + 1 + k, 0) + [" ".join(c.split()) for c in ln.split("\t")]
                for k, ln in enumerate(block)]  # " ".join: two spaces would split a cell
        if any(shifts.get(i + 1 + k) for k in range(len(block))):
            years = rows[1] if len(rows) > 1 and is_years_row(rows[1]) else None
            head = [_Row(rows[0], True)] + ([_Row(years, True)] if years else [])
            rows = [_as_read(r, _roles(head)) if shifts.get(i + 1 + k) else r for k, r in enumerate(rows)]
        width = max(len(r) for r in rows)
        col = [max((len(r[k]) for r in rows if k < len(r)), default=0) for k in range(width)]
        # A layout leaves room after a column's longest line (cell padding), so that line is not taken
        # for one the layout wrapped; with ``wrap`` the lines are wrapped at the column's width.
        col = [min(max(c, 1), wrap) for c in col] if wrap else [c + 3 for c in col]
        for ln, r in zip(block, rows):
            if not ln.strip():
                out.append("")
                continue
            pieces = [textwrap.wrap(r[k], col[k], break_on_hyphens=False, break_long_words=False) or [""]
                      if k < len(r) else [""] for k in range(width)]
            for n in range(max(len(p) for p in pieces)):
                out.append("  ".join((p[n] if n < len(p) else "").ljust(max(col[k], 1))
                                     for k, p in enumerate(pieces)).rstrip())
        i = j
    return "\n".join(out) + "\n"


def plan_pdf(lines: list[str], *, ruled: bool) -> bytes:
    """A small regulation: text lines, then one table (tab-separated rows) drawn with or without rulings."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=landscape(A4), invariant=1)
    _draw_annex(c, lines, 1, ruled)
    c.save()
    return buf.getvalue()


def scan_pdf() -> bytes:
    """A page that is only an image, as a scanner makes."""
    from reportlab.lib.utils import ImageReader

    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - pdfplumber depends on Pillow
        raise
    img = Image.new("L", (200, 100), 255)
    for x in range(20, 180):
        img.putpixel((x, 50), 0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(img), 50, 500, width=400, height=200)
    c.showPage()
    c.save()
    return buf.getvalue()


def write_all(folder: str) -> list[str]:
    """Each seed as a PDF and as space-aligned text in ``folder``; returns the paths written."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "plans" / "bekasi"
    out_dir = Path(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for seed in sorted(root.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        pdf = out_dir / (seed.stem + ".pdf")
        pdf.write_bytes(seed_pdf(text))
        aligned = out_dir / (seed.stem + "-layout.txt")
        aligned.write_text(seed_layout_text(text), encoding="utf-8")
        written += [str(pdf), str(aligned)]
    return written


if __name__ == "__main__":
    import sys

    print("\n".join(write_all(sys.argv[1] if len(sys.argv) > 1 else "pdf-fixtures")))
