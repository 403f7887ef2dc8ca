"""Tables set in columns by position: text aligned with spaces (``pdftotext -layout``) and PDF pages
without rulings.

A line is a list of *chunks* (start, end, text): the runs of text a column gap separates, as character
columns of a text line (two or more spaces) or as PDF word positions (a gap wider than one em).  The
columns come from the table's header: its label lines and the year line under them.  Each data chunk
goes to the column its start falls in (boundaries halfway between the header's columns); a chunk that
runs into the next column's header cannot be placed with confidence, and its line is reported (P002),
never guessed.

Known limit: a header centred over wide columns places left-aligned data by the header's position, so
a cell starting left of the middle of the gap before its header's label lands one column to the left;
a PDF with rulings, or tab-separated text, does not depend on this.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from radcheck.model import ReadingNote
from radcheck.readers.annex import header_columns, is_years_row
from radcheck.readers.office_table import SECTION_TITLE, GridCell, GridRow

Chunk = tuple[float, float, str]  # start, end, text
_RUN = re.compile(r"\S+(?: \S+)*")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_NUMBER = re.compile(r"^[-+]?\d[\d.,]*%?$")
# A page number on a line of its own ("- 7 -", "Halaman 7"; a bare "7" could be a cell)
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:halaman|hal\.?)\s*\d{1,4}(?:\s*(?:dari|/)\s*\d{1,4})?)$", re.IGNORECASE)
# Lines a header may take above its year line (labels wrapped in narrow columns).
_MAX_LABEL_LINES = 4
# Data lines under a header looked at for where columns start (enough for a few rows of a table).
_DATA_LINES = 40


def text_chunks(line: str) -> list[Chunk]:
    """The runs of a space-aligned text line: text separated by two spaces or more (a form feed, which
    pdftotext puts before a page's first line, takes no place)."""
    line = line.replace("\f", "").expandtabs(8)
    return [(float(m.start()), float(m.end()), m.group()) for m in _RUN.finditer(line)]


@dataclass
class Header:
    """A table header found by position: its columns' extents and what a person reads in it."""

    labels: list[str]
    years: list[str] | None
    starts: list[float]
    ends: list[float]
    height: int  # lines the header takes, the year line included
    right: float = 0.0  # where the table's text ends on the right (the last column's right edge)

    @property
    def bounds(self) -> list[float]:
        return [(self.ends[j] + self.starts[j + 1]) / 2 for j in range(len(self.starts) - 1)]

    def rows(self, first_line: int) -> list[GridRow]:
        out = [GridRow([GridCell(t) for t in self.labels], first_line)]
        if self.years is not None:
            out.append(GridRow([GridCell(t) for t in self.years], first_line + self.height - 1))
        return out

    def split(self, chunks: list[Chunk], tolerance: float) -> list[str] | None:
        """The line's cells by column, or None when a chunk runs into the next column."""
        placed = self.place(chunks, tolerance)
        return [c[0] for c in placed] if placed is not None else None

    def place(self, chunks: list[Chunk], tolerance: float) -> list[tuple[str, float, float]] | None:
        """Each column's text on this line, where it starts and ends (text, start, end); None when a chunk
        runs into the next column."""
        bounds = self.bounds
        cells = [""] * len(self.starts)
        ends = [0.0] * len(self.starts)
        begins = [0.0] * len(self.starts)
        pending = list(chunks)
        while pending:
            start, end, text = chunk = pending.pop(0)
            j = sum(1 for b in bounds if start >= b)
            ws = words(chunk)
            at = next((k for k, w in enumerate(ws) if k and any(abs(w[0] - s) <= tolerance
                                                                for s in self.starts[j + 1:])), None)
            if at is not None:
                # A word starting where a later column starts begins that column's cell (pdftotext
                # -layout sets a short cell one space from the next: "Kegiatan 2").
                pending.insert(0, run(ws[at:]))
                _, end, text = run(ws[:at])
            elif j + 1 < len(self.starts) and end > self.starts[j + 1] + tolerance:
                # Set one space from the next column (pdftotext -layout does so): split where a word
                # starts at that column's start, or give up.
                ws = words(chunk)
                cut = next((k for k, w in enumerate(ws) if k and abs(w[0] - self.starts[j + 1]) <= tolerance), None)
                if cut is None:
                    return None
                pending.insert(0, run(ws[cut:]))
                _, end, text = run(ws[:cut])
            if cells[j] and _NUMBER.match(cells[j]) and _NUMBER.match(text):
                # Two numbers set apart in one column are two cells: the second goes to the next column
                # when it starts past this column's label and that column is empty, else it is not placed.
                if j + 1 < len(cells) and not cells[j + 1] and start >= self.ends[j]:
                    j += 1
                else:
                    return None
            if not cells[j]:
                begins[j] = start
            cells[j] = f"{cells[j]} {text}" if cells[j] else text
            ends[j] = max(ends[j], end)
        return list(zip(cells, begins, ends))

    def width(self, j: int, gap: float) -> float:
        """How much text column ``j`` holds on one line: up to the next column, less the gap between."""
        nxt = self.starts[j + 1] - gap if j + 1 < len(self.starts) else self.right
        return nxt - self.starts[j]


class Run(str):
    """A run's text that knows where each of its words lies (a PDF's word positions)."""

    positions: tuple[tuple[float, float], ...] = ()


def run(ws: list[Chunk]) -> Chunk:
    """One chunk of the words ``ws``, keeping their positions."""
    text = Run(" ".join(w[2] for w in ws))
    text.positions = tuple((w[0], w[1]) for w in ws)
    return (ws[0][0], ws[-1][1], text)


def words(chunk: Chunk) -> list[Chunk]:
    """The chunk's words with their positions (exact for text and for PDF runs that know them,
    proportional otherwise): a column set one space from the next (as ``pdftotext -layout`` may) is
    split by where its words start."""
    start, end, text = chunk
    if " " not in text:
        return [chunk]
    split = text.split()
    if isinstance(text, Run) and len(text.positions) == len(split):
        return [(a, b, w) for (a, b), w in zip(text.positions, split)]
    scale = (end - start) / max(len(text), 1)
    return [(start + m.start() * scale, start + m.end() * scale, m.group()) for m in re.finditer(r"\S+", text)]


def find_header(lines: list[list[Chunk]], i: int) -> Header | None:
    """The header whose first line is ``lines[i]``: label lines, then (within a few lines) a year line."""
    if len(lines[i]) < 3:
        return None
    # A header without a year line is taken only when no longer header (labels wrapped onto more lines,
    # "Penanggung / Jawab") has a year line under it.
    fallback: Header | None = None
    for k in range(1, _MAX_LABEL_LINES + 1):
        j = i + k
        if j > len(lines) or any(not ln for ln in lines[i:j]):
            break
        if len(lines[j - 1]) == 1 and SECTION_TITLE.match(lines[j - 1][0][2]):
            break  # a section title ends what is above it: the next table's header starts below it
        y = j
        while y < len(lines) and y < j + 2 and not lines[y]:
            y += 1  # pdftotext -layout may leave a blank line between the labels and the years
        years = [w for c in lines[y] for w in words(c)] if y < len(lines) and lines[y] else None
        if years is not None and not all(_YEAR.match(w[2]) for w in years):
            years = None  # (years set one space apart are one run: judged word by word)
        if years is not None and y + 1 < len(lines) and lines[y + 1]:
            below = [w for c in lines[y + 1] for w in words(c)]
            if len(below) > len(years) and all(_YEAR.match(w[2]) for w in below):
                continue  # a label's last word ("Kondisi Awal tahun / 2024") above the year line
        if years is None and k > 1:
            continue
        header = _header_from(lines[i:j], years, y - j)
        if header is not None and years is None:
            fallback = fallback or header
        elif header is not None:
            if any(len(lines[m]) >= 3 and find_header(lines, m) is not None for m in range(i + 1, j)):
                return None  # a header starts below: these lines above it are the end of a row
            return header
    return fallback


# Columns whose label may wrap onto a line of its own under a header without a year line: text there
# alone, under its label, is the label's end (a row of the plan has more than an agency's name).
_LABEL_ONLY = frozenset({"lead", "supporting", "agency", "other"})


def _wrapped_labels(header: Header, lines: list[list[Chunk]], i: int) -> Header:
    """A header without a year line whose agency labels wrapped ("OPD Penanggung / Jawab"): a line under
    it with text only under those labels, each run starting within its label's extent, ends them."""
    k = i + header.height
    cols = header_columns(header.labels, None)
    if k >= len(lines) or not lines[k] or cols is None:
        return header
    labels = list(header.labels)
    for start, _, text in lines[k]:
        j = next((n for n, (s, e) in enumerate(zip(header.starts, header.ends)) if s - 2 <= start <= e), None)
        if j is None or not labels[j] or cols[j].role not in _LABEL_ONLY:
            return header
        labels[j] = f"{labels[j]} {text}"
    if header_columns(labels, None) is None:
        return header
    return Header(labels, None, header.starts, header.ends, header.height + 1, header.right)


def _header_from(label_lines: list[list[Chunk]], years: list[Chunk] | None, blanks: int = 0) -> Header | None:
    label_lines = [_lead_off(ln, label_lines, years) for ln in label_lines]
    chunks = [c for ln in label_lines for c in ln] + (years or [])
    # A label over several columns (the target label over the years) spans chunks of another line.
    def spans(c: Chunk) -> bool:
        for ln in label_lines:
            inside = [d for d in ln if d is not c and d[0] >= c[0] - 1 and d[1] <= c[1] + 1]
            if len(inside) >= 2:
                return True
        # two years or more starting under the label (the last may end past it: "Target …" over 2024 2025)
        return bool(years) and sum(1 for d in years or [] if c[0] - 1 <= d[0] < c[1]) >= 2

    groups = [c for c in chunks if spans(c)]
    spans_ = sorted((c[0], c[1]) for c in chunks if c not in groups)
    cols: list[list[float]] = []
    for s, e in spans_:
        if cols and s < cols[-1][1]:  # (text ends are exclusive: touching runs are two columns)
            cols[-1][1] = max(cols[-1][1], e)
        else:
            cols.append([s, e])
    if len(cols) < 3:
        return None
    labels = [""] * len(cols)
    year_cells: list[str] | None = [""] * len(cols) if years else None

    def column(c: Chunk) -> int:
        return next((j for j, (s, e) in enumerate(cols) if c[0] < e and c[1] > s), 0)

    placed: list[list[Chunk]] = [[] for _ in cols]  # each label's words, where they lie
    for ln in label_lines:
        for c in ln:
            placed[column(c)] += words(c)
    labels = [run(ws)[2] if ws else "" for ws in placed]
    if years and year_cells is not None:
        for c in years:
            year_cells[column(c)] = c[2]
    if header_columns(labels, year_cells if year_cells and is_years_row(year_cells) else None) is None:
        return None
    return Header(labels, year_cells, [c[0] for c in cols], [c[1] for c in cols],
                  len(label_lines) + (1 + blanks if years else 0))


def _lead_off(line: list[Chunk], label_lines: list[list[Chunk]], years: list[Chunk] | None) -> list[Chunk]:
    """A label set less than an em before a label over several columns ("Satuan Target …" over the years)
    is a run of its own: the words that end before the first column under the run are split off."""
    out: list[Chunk] = []
    for c in line:
        under = [d for ln in label_lines + ([years] if years else []) if ln is not line for d in ln
                 if c[0] - 1 <= d[0] < c[1]]
        ws = words(c)
        lead = [w for w in ws if under and w[1] < min(d[0] for d in under) - 1] if len(under) >= 2 else []
        if lead and len(lead) < len(ws):
            out += [run(lead), run(ws[len(lead):])]
        else:
            out.append(c)
    return out


def _with_unlabelled(header: Header, lines: list[list[Chunk]], start: int, tolerance: float) -> Header:
    """Add the columns the header leaves unlabelled (numbers before the first label, years under one
    "Tahun" label): runs of data that lie wholly in a gap between the header's columns."""
    orphans: list[list[float]] = []
    header.right = max(header.ends)
    for k in range(start + header.height, len(lines)):
        chunks = lines[k]
        if len(chunks) == 1 and SECTION_TITLE.match(chunks[0][2]):
            break  # the next section's table has its own columns
        if len(chunks) < 2:
            continue
        if len(chunks) >= 3 and find_header(lines, k) is not None:
            break
        header.right = max(header.right, chunks[-1][1])
        for c_start, c_end, _ in chunks:
            if any(c_start < e + tolerance and c_end > s - tolerance for s, e in zip(header.starts, header.ends)):
                continue
            orphans.append([c_start, c_end])
    header = _split_by_data(header, lines, start, tolerance)
    if not orphans:
        return header
    orphans.sort()
    merged: list[list[float]] = []  # start, end, how many runs
    for s, e in orphans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            merged[-1][2] += 1
        else:
            merged.append([s, e, 1])
    # A column is seen on two lines at least: one run in a gap is a cell's word after a double space.
    merged = [m for m in merged if m[2] >= 2]
    if not merged:
        return header
    cols = sorted([(s, e, lbl, yr) for s, e, lbl, yr in zip(
        header.starts, header.ends, header.labels, header.years or [""] * len(header.labels))]
        + [(s, e, "", "") for s, e, _ in merged])
    return Header([c[2] for c in cols], [c[3] for c in cols] if header.years is not None else None,
                  [c[0] for c in cols], [c[1] for c in cols], header.height, header.right)


# Columns whose text starts a new row: a cell of these never wraps onto a line of its own.
_ROW_ROLES = frozenset({"no", "unit", "baseline", "target"})


def _split_by_data(header: Header, lines: list[list[Chunk]], start: int, tolerance: float) -> Header:
    """Labels of two columns set one space apart ("No Permasalahan", as pdftotext -layout may give) are
    split where the data of three lines or more starts a column, at the label word that starts there (a
    year of the header's year line starting there counts as two: "Satuan Target" over "2024  2025 …")."""
    starts: Counter[int] = Counter()
    if header.years is not None:
        year_line = lines[start + header.height - 1]
        for c in year_line:
            starts.update({round(w[0]): 2 for w in words(c)[:1]})
    for k in range(start + header.height, min(len(lines), start + header.height + _DATA_LINES)):
        if len(lines[k]) >= 3 and find_header(lines, k) is not None:
            break  # the next page's table
        if len(lines[k]) >= 2:
            starts.update({round(c[0]) for c in lines[k]})
    if not starts:
        return header
    labels, years, begin, end = list(header.labels), list(header.years or []), list(header.starts), list(header.ends)
    j = 0
    while j < len(labels):
        # The label's words where they lie (a label wrapped onto a second line has words of both lines):
        # cut at a word where the data of a column starts, the words left of it on one side.
        ws = words((begin[j], end[j], labels[j]))
        parts: list[str] = []
        at = 0.0
        for w in ws:
            left = [v for v in ws if v[0] < w[0] - tolerance]
            support = sum(n for p, n in starts.items() if abs(p - w[0]) <= 3 * tolerance)
            if support >= 3 and left:
                at = w[0]
                parts = [run(left)[2], run([v for v in ws if v[0] >= w[0] - tolerance])[2]]
                break
        if not parts:
            j += 1
            continue
        if _roles_named(labels[:j] + parts + labels[j + 1:]) <= _roles_named(labels):
            j += 1
            continue  # the split must name one more column ("No" | "Permasalahan"), not cut one label
        labels[j:j + 1] = parts
        if header.years is not None:
            years[j:j + 1] = [years[j], ""]
        begin[j:j + 1] = [begin[j], at]
        end[j:j + 1] = [at - tolerance, end[j]]
        j += 1
    if len(labels) == len(header.labels):
        return header
    cols = header_columns(labels, years if header.years is not None and is_years_row(years) else None)
    if cols is None:
        return header
    return Header(labels, years if header.years is not None else None, begin, end, header.height, header.right)


def _roles_named(labels: list[str]) -> int:
    cols = header_columns(labels, None)
    return len({c.role for c in cols if c.role != "other"}) if cols else 0


def table_rows(lines: list[list[Chunk]], start: int, numbers: list[int], notes: list[ReadingNote],
               tolerance: float) -> tuple[list[GridRow], int]:
    """Rows for ``AnnexTables`` from the header at ``lines[start]``: the header rows, then each line split
    at the header's columns, until the next header, a section title, or a line after a blank that cannot
    be placed (text after the table).  A line inside the table that cannot be placed is a P002 note.
    ``numbers`` gives each line's running number.  Returns the rows and the index after the last line used.

    A cell the layout wrapped goes on in the same column of the next line: a line whose every cell
    continues a full cell above (its first word would not have fitted after it) and that has nothing in
    a column that starts a row (number, unit, baseline, target) is the row's next line.  Text a merged
    cell flows beside the next row's first line is not told apart from that row's own text.
    """
    header = find_header(lines, start)
    if header is None:
        return [], start
    header = _with_unlabelled(header, lines, start, tolerance)
    if header.years is None:
        header = _wrapped_labels(header, lines, start)
    reach = _reach(header, lines, start, tolerance)
    cols = header_columns(header.labels, header.years if header.years and is_years_row(header.years) else None)
    roles = [c.role for c in cols or []] + ["other"] * len(header.starts)
    starts_row = [j for j, c in enumerate(cols or []) if c.role in _ROW_ROLES]
    rows = header.rows(numbers[start])
    first_data = len(rows)
    k = start + header.height
    after_break = True
    after_text = False  # the last line was a text line from the left margin (a signature)
    unread = False  # the last line of the table could not be split (P002)
    above: list[tuple[str, float, float]] | None = None  # the previous line's cells, for wrapped cells
    owner: list[int] = [-1] * len(header.starts)  # the row each column's open cell belongs to
    while k < len(lines):
        no, chunks = numbers[k], lines[k]
        if not chunks:
            after_break = True
            above = None
            k += 1
            continue
        if len(chunks) >= 3 and find_header(lines, k) is not None:
            break  # the next page's header, or another table: the caller starts again here
        if all(not c[2].strip("-–—_= ") for c in chunks) or len(chunks) == 1 and _PAGE_NUMBER.match(chunks[0][2]):
            after_break = True  # a row of dashes between pages, a page number
            above = None
            k += 1
            continue
        placed = header.place(chunks, tolerance)
        cells = [c[0] for c in placed] if placed is not None else []
        wrapped = [placed is not None and above is not None and bool(text) and bool(above[j][0])
                   and owner[j] >= first_data
                   and above[j][2] + tolerance + _first_word(text, begin, end)
                   > min(header.starts[j] + header.width(j, 2 * tolerance),
                         reach[j] if " " in above[j][0] else float("inf"))
                   for j, (text, begin, end) in enumerate(placed or [])]
        # A unit wraps too ("Jumlah Akta / Kelahiran"): a unit that continues the one above starts no row.
        opens_row = placed is not None and any(
            _starts_row(cells[j], roles[j]) and not (roles[j] == "unit" and wrapped[j]) for j in starts_row)
        if placed is not None and any(cells) and not opens_row \
                and all(w and not _opens_cell(cells[j], above[j][0] if above else "")
                        for j, w in enumerate(wrapped) if cells[j]):
            for j, text in enumerate(cells):  # the row's next line
                if text:
                    cell = rows[owner[j]].cells[j]
                    cell.text = f"{cell.text} {text}"
            above = placed
            k += 1
            continue
        if len(chunks) == 1 and SECTION_TITLE.match(chunks[0][2]) and (placed is None or any(
                find_header(lines, n) is not None for n in range(k + 1, min(k + 3, len(lines))) if lines[n])):
            break  # a section title (centred, or over several columns) and the next section's table
        if len(chunks) == 1 and chunks[0][0] < header.bounds[0]:
            # One run of text from the left margin is a text line, as a line without tabs is in
            # tab-separated text: a section title ends the table, anything else (a signature) is passed.
            if SECTION_TITLE.match(chunks[0][2]):
                break
            after_break = after_text = True
            above = None
            k += 1
            continue
        if after_text and len(chunks) == 1 and SECTION_TITLE.match(chunks[0][2]):
            break  # a name under a signature ("R. GANI MUHAMAD"), not a row: text after the table
        after_text = False
        if placed is None:
            if after_break and len(chunks) < 3:
                break  # text after the table (a signature, a note); a line of three runs is a row
            notes.append(ReadingNote.trusted(
                code="P002", path="/lampiran", text=" | ".join(c[2] for c in chunks)[:500], line=no, end_line=no,
                detail={"reason": "the line's text does not fit the columns of the table header, so it "
                                  "cannot be split into cells with confidence"}))
            above = None
            unread = True
            k += 1
            continue
        if unread and not opens_row:
            # The lines that go on from a line that could not be split belong to its row or to the next:
            # said, not guessed (made a row of their own they would be an indicator the plan lacks).
            notes.append(ReadingNote.trusted(
                code="P002", path="/lampiran", text=" | ".join(c[2] for c in chunks)[:500], line=no, end_line=no,
                detail={"reason": "the line goes on from a line that could not be split into cells, so "
                                  "which row it belongs to is not known"}))
            k += 1
            continue
        unread = False
        rows.append(GridRow([GridCell(c) for c in cells], no, after_break=after_break))
        for j, c in enumerate(cells):
            if c:
                owner[j] = len(rows) - 1
        after_break = False
        above = placed
        k += 1
    return rows, k


def _reach(header: Header, lines: list[list[Chunk]], start: int, tolerance: float) -> list[float]:
    """How far each column's text reaches on the right in the table (its widest line): a layout wraps
    a cell before its column's edge (a PDF cell has padding), so a word that would not have fitted
    within the widest line of its column is one the line above could not hold (when the line above
    has words to wrap between: a one-word cell as wide as its column is no sign of a wrap)."""
    reach = [float("inf")] * len(header.starts)
    seen = [0.0] * len(header.starts)
    for k in range(start + header.height, len(lines)):
        chunks = lines[k]
        if len(chunks) == 1 and SECTION_TITLE.match(chunks[0][2]):
            break
        if len(chunks) >= 3 and find_header(lines, k) is not None:
            break
        placed = header.place(chunks, tolerance) if len(chunks) >= 2 else None
        for j, (text, _, end) in enumerate(placed or []):
            if text:
                seen[j] = max(seen[j], end)
    return [s if s > header.starts[j] else r for j, (s, r) in enumerate(zip(seen, reach))]


# What begins a cell rather than continuing one: an item number, a plan level, a heading in capitals.
_OPENS_CELL = re.compile(r"^(?:\d{1,2}[.)]\s|[a-z][.)]\s|(?:Sub\s*[Kk]egiatan|Kegiatan|Program)\s*:)")
_CAPITALS = re.compile(r"^[A-Z]{3,}(?:\s+[A-Z]{3,}){2}")


def _opens_cell(text: str, above: str) -> bool:
    """Text that begins a cell: an item number, a plan level, or a heading in capitals under text that
    is not (a heading in capitals wraps onto capitals)."""
    return bool(_OPENS_CELL.match(text)) or bool(_CAPITALS.match(text)) and not above.isupper() \
        or text == above  # the same agency again is the next row's


_ROW_NUMBER = re.compile(r"^\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]?\)?$")


def _starts_row(text: str, role: str) -> bool:
    """A number in the No column, or any unit, baseline or target, starts a row (a wrapped text that a
    page break shifted into the No column does not)."""
    if not text:
        return False
    return bool(_ROW_NUMBER.match(text)) if role == "no" else True


def _first_word(text: str, begin: float, end: float) -> float:
    """The width of the text's first word, in the units of its positions (characters for text)."""
    return len(text.split(" ", 1)[0]) * (end - begin) / max(len(text), 1)
