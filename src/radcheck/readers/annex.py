"""Turn annex table rows into sections, plan nodes and indicators.

This is the format-neutral half of annex reading: the text reader (tab-separated cells) and the Word
and Excel readers feed it rows of cells with their locations, and it finds the columns from the header,
realigns shifted rows, merges continuation rows, inherits merged ("same as above") cells within their
group, and records everything it could not place as a reading note.  Nothing is dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from radcheck.model import (
    AgencyCell,
    Column,
    HeaderRow,
    Indicator,
    PlanNode,
    ReadingNote,
    Section,
    TargetCell,
    TargetKind,
)
from radcheck.numbers import column_notation, is_ambiguous, is_range, read_target_en
from radcheck.numbers import looks_numeric as _looks_numeric
from radcheck.numbers import read_target as _read_target
from radcheck.numbers import target_kind as _target_kind
from radcheck.readers.columns import is_year_label, looks_like_labels, read_header
from radcheck.readers.common import clean_text as _clean_text
from radcheck.readers.common import join_text

# Short cells (numbers, units, agency names, stages, header labels) repeat on almost every row of a
# large plan, so their clean-up and typing are worked out once per distinct text; long texts rarely
# repeat and are not kept.  The kept values are immutable (str, bool, int, frozen TargetCell), so sharing
# them between rows changes nothing, and sharing one TargetCell between the many cells that read "12"
# saves memory too.  They are kept for one file: readers call ``forget_cells`` when done.
_CACHED_CHARS = 120
_MEMO_SIZE = 1 << 18  # distinct short texts kept per memo; a 100,000-indicator plan has about 130,000


class _Memo(dict):  # type: ignore[type-arg]
    """``memo[text]`` is ``func(text)``, computed once per distinct short text.

    A dict with ``__missing__`` rather than ``lru_cache``: a hit is a plain dict lookup, with no Python
    call at all.  When full it starts afresh (rare), so a long batch run does not grow it without bound.
    """

    def __init__(self, func: Callable[[str], Any], max_chars: int | None = _CACHED_CHARS) -> None:
        super().__init__()
        self.func = func
        self.max_chars = max_chars  # longer texts are worked out each time, not kept

    def __missing__(self, text: str) -> Any:
        value = self.func(text)
        if self.max_chars is None or len(text) <= self.max_chars:
            if len(self) >= _MEMO_SIZE:
                self.clear()
            self[text] = value
        return value


def _clean_cell(text: str) -> str:
    if is_plain(text):
        return text.strip()  # nothing for the markup and space patterns to change
    return _clean_text(text)


def is_plain(text: str) -> bool:
    """True when ``clean_text`` only strips ``text`` (or each tab-separated cell of it): no markup, no runs of
    spaces.  A reader can test a whole row at once and mark it ``RawRow.plain``."""
    return "<" not in text and "*" not in text and "  " not in text and "\u00a0" not in text


_CLEAN = _Memo(_clean_cell)
_TARGET = _Memo(_read_target)
_NUMERIC = _Memo(_looks_numeric)


def forget_cells() -> None:
    """Drop what the memos hold (called when a file has been read): the next file repeats other cells."""
    for memo in (_CLEAN, _TARGET, _NUMERIC, _COLLAPSIBLE, _FIT_CLASS):
        memo.clear()


def clean_text(text: str) -> str:
    return _CLEAN[text]  # type: ignore[no-any-return]


def read_target(text: str) -> TargetCell:
    return _TARGET[text]  # type: ignore[no-any-return]


def looks_numeric(text: str) -> bool:
    return _NUMERIC[text]  # type: ignore[no-any-return]


_NO_MARK = re.compile(r"^\(?(?:\d{1,3}|[a-zA-Z]|[ivx]{1,4})[.)]?\)?$")
_LEADING_NO = re.compile(r"^((?:\d{1,2}|[a-z]))(?:\.\s*|\)\s+)(?=\S)")
_PREFIX_LEVEL = [
    (re.compile(r"^(?:\d+\.\s*)?sub\s*-?\s*kegiatan\b", re.I), "subkegiatan"),
    (re.compile(r"^(?:\d+\.\s*)?kegiatan\b", re.I), "kegiatan"),
    (re.compile(r"^(?:\d+\.\s*)?program\b", re.I), "program"),
]
_TEXT_ROLES = ("issue", "goal", "outcome", "activity", "indicator")
_AGENCY_ROLES = ("lead", "supporting", "agency")
_MEASURE_ROLES = ("unit", "baseline", "target")


@dataclass
class RawRow:
    """One table row as a reader found it: cells and the location of the row."""

    cells: list[str]
    line: int
    after_break: bool = False  # a blank line, page separator or repeated header came just before
    plain: bool = False  # no cell needs more cleaning than stripping (``is_plain``)


def header_columns(header: list[str], years_row: list[str] | None) -> list[Column] | None:
    """Columns from a header row (and the year row under it), or None if this is not a header.

    The header is read by its labels' meaning (``readers.columns``); see ``read_header`` for headers of
    up to three rows.
    """
    found = read_header([header, years_row] if years_row is not None else [header])
    return found[0] if found is not None else None


def is_years_row(cells: list[str]) -> bool:
    """A row of year labels only (``2024 2025 …``, ``Target 2025 …``): the second row of a header."""
    vals = [clean_text(c) for c in cells if clean_text(c)]
    return bool(vals) and all(is_year_label(v) for v in vals)


# One table-shaped line that reads as nothing is a leftover (P002); this many together are a table that
# was not read (P005): a header nobody recognised, or columns that could not be told apart.
UNREAD_TABLE_MIN_ROWS = 2


def note_unread_table(notes: list[ReadingNote], path: str, rows: list[tuple[int, str]], reason: str) -> None:
    """One P005 note for table rows that did not become plan rows: the first row quoted, how many, why
    (``header``: the first row looks like a header nobody recognised; ``no-header``: no header at all;
    ``columns``: a header was found, but no row could be placed in its columns)."""
    notes.append(ReadingNote.trusted(code="P005", path=path, text=rows[0][1], line=rows[0][0], end_line=rows[-1][0],
                                     detail={"rows": str(len(rows)), "reason": reason}))


def flush_unread(notes: list[ReadingNote], path: str, rows: list[tuple[int, str]], first_cells: list[str]) -> None:
    """Rows met before any header: one P005 for a run of them, else a P002 each (and ``rows`` emptied)."""
    if len(rows) >= UNREAD_TABLE_MIN_ROWS:
        note_unread_table(notes, path, rows, "header" if looks_like_labels(first_cells) else "no-header")
    else:
        for line, text in rows:
            notes.append(ReadingNote.trusted(code="P002", path="/lampiran", text=text, line=line, end_line=line,
                                             detail={"reason": "table row before any table header"}))
    rows.clear()


@dataclass
class _Current:
    """The open node of each kind, for rows that leave a merged cell empty."""

    group: PlanNode | None = None
    issue: PlanNode | None = None
    goal: PlanNode | None = None
    outcome: PlanNode | None = None
    activity: PlanNode | None = None
    agency: dict[str, AgencyCell] = field(default_factory=dict)


class _RowResult:
    """What one row created, so that a continuation row can extend it."""

    __slots__ = ("nodes", "indicator", "agencies", "line")

    def __init__(self, line: int) -> None:
        self.nodes: dict[str, PlanNode] = {}
        self.indicator: Indicator | None = None
        self.agencies: dict[str, AgencyCell] = {}
        self.line = line


class SectionBuilder:
    """Builds one Section from its rows; the reader gives rows in order."""

    def __init__(self, section: Section, notes: list[ReadingNote]) -> None:
        self.section = section
        self.notes = notes
        self.cur = _Current()
        self.prev: _RowResult | None = None
        self.has_hierarchy = False
        self.current_columns: list[Column] = []
        self.realign = True  # rows may have shifted left (text extracted from PDF); off for Office tables
        self.rows_met = 0  # table rows given to this builder (not empty ones) …
        self.rows_read = 0  # … and those that became (or continued) plan rows
        self.unread: list[tuple[int, str]] = []  # (line, text) of the others
        # The start of the ids of what the rows become ("A/indicators/"): the number follows.
        self._id_prefix = {kind: f"{section.letter}/{_PLURAL[kind]}/" for kind in _PLURAL}

    # -- columns -----------------------------------------------------------------------------
    def set_columns(self, cols: list[Column], line: int) -> None:
        if cols is self.current_columns:
            return  # the text reader hands the same list for each page's repeated header: nothing changes
        # The model gets its own copies: a reader may hand the same columns for each page's header.
        if not self.section.columns:
            self.section.columns = [c.model_copy() for c in cols]
            self.section.header_line = line
        elif cols != self.current_columns:
            # A later header (next page) may differ, e.g. in the baseline year: kept, and used from here on.
            self.section.later_headers.append(HeaderRow.trusted(line=line, columns=[c.model_copy() for c in cols]))
        self.current_columns = cols
        self.roles = [c.role for c in cols]
        self._width = len(cols)
        # Which of a cell's fits (``_fits``) each column judges it by; the best shift of each pattern of
        # fit classes met in this table, worked out once (see _best_shift).
        self._fit_kinds = [_FIT_KIND.get(r, _OTHER) for r in self.roles]
        self._shifts: dict[tuple[int, ...], int] = {}
        self._measure_cols = [i for i, r in enumerate(self.roles) if r in ("target", "baseline")]
        self._agency_roles = [r for r in _AGENCY_ROLES if r in self.roles]
        self._has_baseline = "baseline" in self.roles
        self._has_indicator_col = "indicator" in self.roles
        # Where _by_role finds each role: a target column with a year, an unlabelled extra, or a named role.
        self._year_cols = [(i, c.year) for i, c in enumerate(cols) if c.role == "target" and c.year is not None]
        # An unlabelled extra column's cells are reported; a labelled one (Lokasi, Anggaran, Keterangan …)
        # is kept in ``other`` of what the row becomes.
        self._other_cols = [i for i, c in enumerate(cols) if c.role == "other" and not c.label]
        self._kept_cols = [(i, c.label) for i, c in enumerate(cols) if c.role == "other" and c.label]
        self._role_cols = [(i, c.role) for i, c in enumerate(cols)
                           if c.role != "other" and not (c.role == "target" and c.year is not None)]
        # The same, as what C-level ``zip`` and ``map`` take; a role in one column needs no joining.
        self._roles_once = len({r for _, r in self._role_cols}) == len(self._role_cols)
        self._role_names = [r for _, r in self._role_cols]
        self._role_cells = _picker([i for i, _ in self._role_cols])
        self._years = [y for _, y in self._year_cols]
        self._year_cells = _picker([i for i, _ in self._year_cols])
        self._agency_idx = next((i for i, r in enumerate(self.roles) if r in ("lead", "agency")), None)
        self.has_hierarchy = any(r in self.roles for r in ("issue", "goal", "outcome"))

    @property
    def ready(self) -> bool:
        return bool(self.current_columns)

    # -- rows --------------------------------------------------------------------------------
    def add_row(self, row: RawRow) -> None:
        self.add_cells(row.cells, row.line, row.after_break, row.plain)

    def add_cells(self, cells: list[str], line: int, after_break: bool = False, plain: bool = False) -> None:
        """``add_row`` of ``RawRow(cells, line, after_break, plain)``, without making the row: for the text
        reader, which hands over every line of a large annex."""
        first_note = len(self.notes)
        self._add_row(cells, line, after_break, plain)
        if len(self.notes) > first_note:
            self._place_notes(first_note, line)

    def _place_notes(self, first: int, line: int) -> None:
        """Give this row's notes the logical path of what the row became, so they survive redrafting."""
        if self.prev is None or self.prev.line != line and (self.prev.indicator is None
                                                           or self.prev.indicator.end_line != line):
            return
        target = self.prev.indicator.id if self.prev.indicator else next(
            (n.id for n in self.prev.nodes.values()), None)
        if target is None:
            return
        row_path = f"/lampiran/{self.section.letter}/rows/{line}"
        for note in self.notes[first:]:
            if note.path == row_path:
                note.path = f"/lampiran/{target}{_cell_suffix(note.detail.get('column'))}"

    def _add_row(self, raw_cells: list[str], line: int, after_break: bool, plain: bool) -> None:
        # clean_text, without a Python call per cell: for most rows of a large plan, strip alone does it
        cells = list(map(str.strip if plain else _CLEAN.__getitem__, raw_cells))
        if not any(cells):
            return
        self.rows_met += 1
        if self._read_row(cells, line, after_break):
            self.rows_read += 1
        else:
            self.unread.append((line, " | ".join(c for c in cells if c)))

    def _read_row(self, cells: list[str], line: int, after_break: bool) -> bool:
        """Place one row's cells; False when nothing of it became part of the plan (only notes)."""
        width = self._width
        # Cells shift left where extraction lost one: a row shorter than the header, or one whose first
        # cell (the No) is taken by the text of the next column.  A full row starting empty lost none, and
        # Office tables never lose cells (``realign`` is off for them).
        short = len(cells) < width
        if short:
            cells += [""] * (width - len(cells))  # a short row ends in empty cells
        shift = self._best_shift(cells) if self.realign and (short or cells[0]) else 0
        aligned = cells if not shift and len(cells) == width else self._realign(cells, shift, line)
        if self._agency_idx is not None and not aligned[self._agency_idx]:
            self._fix_collapsed(aligned, line)  # only a row without an agency can have collapsed
        by_role = self._by_role(aligned)
        self._strip_strays(by_role, line)
        get = by_role.get
        has_measure = get("unit") or get("baseline") or get("target")

        if self.prev and not get("no") and not has_measure:
            has_text = get("issue") or get("goal") or get("outcome") or get("activity") or get("indicator")
            if not has_text and not (get("lead") or get("supporting") or get("agency")) and get("kept"):
                self._keep(self.prev, by_role.pop("kept"), line)  # type: ignore[arg-type]  # a wrapped Keterangan …
                return True
            has_agency = get("lead") or get("supporting") or get("agency")
            if after_break and (has_text or has_agency) and self._may_continue(by_role):
                self._continue(by_role, line)
                return True
            if not has_text and has_agency:
                if self._echoes_agency(by_role, line):
                    return True
                self._note("P002", f"{self.section.letter}/rows/{line}", " | ".join(c for c in aligned if c),
                           line)
                return False
        if shift and not get("indicator") and get("activity") and has_measure and "indicator" in self.roles:
            # A realigned row whose only text landed in the activity column is an indicator line
            # whose activity cell was merged with the row above.
            by_role["indicator"] = by_role.pop("activity")
        return self._new_row(by_role, line)

    def _realign(self, cells: list[str], shift: int, line: int) -> list[str]:
        """The row's cells moved ``shift`` columns right; what falls beyond the last column is kept as notes."""
        width = self._width
        aligned = [""] * shift + cells[: width - shift]  # cell i goes to column i + shift …
        overflow = [text for text in cells[width - shift:] if text]  # … if there is one
        sid = self.section.letter
        if shift:
            self._note("P003", f"{sid}/rows/{line}", " | ".join(c for c in cells if c), line, shift=str(shift))
        for text in overflow:
            code = "P004" if looks_numeric(text) else "P002"
            self._note(code, f"{sid}/rows/{line}", text, line, column="(beyond the last column)")
        return aligned

    def _best_shift(self, cells: list[str]) -> int:
        """How far to move a row right; ``cells`` is at least as long as the columns are many."""
        width = self._width
        # A shift may only push empty cells off the end; a row that fills its last column stays put.
        if any(cells[width - 1:]):
            return 0
        # The shift depends on the cells only through their fits, so on each cell's fit class: rows of one
        # pattern of classes (nearly all rows of a table share a few dozen) are scored once.
        key = tuple(map(_FIT_CLASS.__getitem__, cells))
        shift = self._shifts.get(key)
        if shift is None:
            shift = self._shifts[key] = self._score_shift([_CLASS_FITS[k] for k in key])
        return shift

    def _score_shift(self, fits: list[tuple[int, ...]]) -> int:
        """``_best_shift`` of a row whose cells have these fits (one tuple per cell, see ``_fits``)."""
        width = self._width
        kinds = self._fit_kinds
        shifts = (1, 2) if width < 2 or fits[width - 2] == _EMPTY_FITS else (1,)  # only "" has the fits of ""

        def score(shift: int) -> int:
            """How well the row fits the columns when its cells are moved ``shift`` columns to the right."""
            in_front = sum(_EMPTY_FITS[k] for k in kinds[:shift])  # the empty cells it moves in
            return in_front + sum(fits[i][kinds[i + shift]] for i in range(width - shift))

        base = best = score(0)
        best_shift = 0
        for shift in shifts:  # on a tie the smaller shift wins
            s = score(shift)
            if s > best:
                best, best_shift = s, shift
        # Realign only when the fit is clearly better: an ordinary row is never moved.
        return best_shift if best >= base + 3 else 0

    def _by_role(self, aligned: list[str]) -> dict[str, object]:
        """The row's text for each role (empty or absent when it has none), its extra cells, its targets."""
        out: dict[str, object]
        if self._roles_once:
            out = dict(zip(self._role_names, self._role_cells(aligned)))
        else:  # a role in several columns (two agency columns): their texts are joined
            out = {}
            for i, role in self._role_cols:
                text = aligned[i]
                if text:
                    out[role] = join_text(out[role], text) if role in out else text  # type: ignore[arg-type]
        if self._kept_cols:
            kept: dict[str, str] = {}
            for i, label in self._kept_cols:
                if aligned[i]:
                    kept[label] = join_text(kept[label], aligned[i]) if label in kept else aligned[i]
            if kept:
                out["kept"] = kept
        if self._other_cols:
            other = [aligned[i] for i in self._other_cols if aligned[i]]
            if other:
                out["other"] = other
        targets = dict(zip(self._years, self._year_cells(aligned)))
        out["targets"] = targets
        out["target"] = any(targets.values())
        return out

    def _fix_collapsed(self, aligned: list[str], line: int) -> None:
        """A collapsed row: the agency landed in a target column and everything after it is empty."""
        agency_idx = self._agency_idx
        if agency_idx is None or aligned[agency_idx]:
            return  # the caller tests this too, not to call for every row
        # Only the last filled target cell can be followed by empty cells alone.
        i = next((i for i in reversed(self._measure_cols) if aligned[i]), None)
        if i is None or any(aligned[i + 1:]):
            return
        text = aligned[i]
        if _COLLAPSIBLE[text]:
            aligned[agency_idx] = text
            aligned[i] = ""
            self._note("P003", f"{self.section.letter}/rows/{line}", text, line,
                       reason="collapsed row: agency moved out of a target column")

    def _strip_strays(self, by_role: dict[str, object], line: int) -> None:
        """Values where they cannot belong: a number in an agency column, a mark in a row with no indicator."""
        sid = self.section.letter
        for role in self._agency_roles:
            text = by_role.get(role)
            if text and _NUMERIC[text]:  # looks_numeric
                self._note("P004", f"{sid}/rows/{line}", text, line, column=role)  # type: ignore[arg-type]
                del by_role[role]
        other = by_role.pop("other", None)
        for text in other or []:  # type: ignore[attr-defined]
            self._note("P004" if looks_numeric(text) else "P002", f"{sid}/rows/{line}", text, line)
        has_indicator = bool(by_role.get("indicator")) or (not self._has_indicator_col and by_role.get("unit"))
        if not has_indicator and not by_role.get("unit") and not by_role.get("baseline"):
            targets: dict[int, str] = by_role["targets"]  # type: ignore[assignment]
            marks = {y: t for y, t in targets.items() if t}
            if marks and len(marks) < len(targets) and not has_indicator:
                for year, text in marks.items():
                    self._note("P004", f"{sid}/rows/{line}", text, line, column=str(year))
                    targets[year] = ""
                by_role["target"] = False

    def _echoes_agency(self, by_role: dict[str, object], line: int) -> bool:
        """An agency-only row repeating the agency above: the text of a merged cell, already held."""
        assert self.prev is not None
        for role in _AGENCY_ROLES:
            text = by_role.get(role)
            if not text:
                continue
            held = self.cur.agency.get(role)
            if held is None or clean_text(held.raw) != text:
                return False
        for node in self.prev.nodes.values():
            node.end_line = line
        if self.prev.indicator:
            self.prev.indicator.end_line = line
        return True

    def _may_continue(self, by_role: dict[str, object]) -> bool:
        """A wrapped row can add to a list of supporting agencies, but not a second name to a lead cell
        that was complete: a new name there starts a new row (an activity without indicators)."""
        assert self.prev is not None
        for role in ("lead", "agency"):
            text = by_role.get(role)
            if not text:
                continue
            held = self.prev.agencies.get(role)
            if held is None or not re.search(r"(,|\bdan|&|/|-)\s*$", held.raw, re.IGNORECASE):
                return False
        return True

    def _keep(self, res: _RowResult, kept: dict[str, str], line: int) -> None:
        """The cells of kept columns (``other``), on the indicator the row made, else its deepest node."""
        holder: Indicator | PlanNode | None = res.indicator
        if holder is None:
            holder = next((res.nodes[k] for k in ("activity", "outcome", "goal", "issue") if k in res.nodes), None)
        if holder is None:
            for label, text in kept.items():
                self._note("P002", f"{self.section.letter}/rows/{line}", text, line, column=label)
            return
        for label, text in kept.items():
            holder.other[label] = join_text(holder.other[label], text) if label in holder.other else text
        if line != res.line:
            holder.end_line = line

    def _continue(self, by_role: dict[str, object], line: int) -> None:
        """A wrapped row: each cell continues the same cell of the row above."""
        prev = self.prev
        assert prev is not None
        kept = by_role.pop("kept", None)
        if kept:
            self._keep(prev, kept, line)  # type: ignore[arg-type]
        for role in _TEXT_ROLES:
            text = by_role.get(role)
            if not isinstance(text, str) or not text:
                continue
            node = prev.nodes.get(role) or getattr(self.cur, role, None)
            if role == "indicator":
                ind = prev.indicator
                if ind is not None:
                    ind.text = join_text(ind.text, text)
                    ind.end_line = line
                    continue
            if node is None:
                self._note("P002", f"{self.section.letter}/rows/{line}", text, line, column=role)
                continue
            node.text = join_text(node.text, text)
            node.end_line = line
            if role == "activity" and prev.indicator and "indicator" not in self.roles:
                prev.indicator.text = node.text
            if prev.indicator:
                prev.indicator.end_line = line
        for role in _AGENCY_ROLES:
            text = by_role.get(role)
            if not isinstance(text, str) or not text:
                continue
            cell = prev.agencies.get(role)
            if cell is None or cell.inherited:
                self._note("P002", f"{self.section.letter}/rows/{line}", text, line, column=role)
                continue
            cell.raw = f"{cell.raw}\n{text}"  # a line break separates names, as a comma would
            for node in prev.nodes.values():
                node.end_line = line
            if prev.indicator:
                prev.indicator.end_line = line

    def _new_row(self, by_role: dict[str, object], line: int) -> bool:
        sec = self.section
        cur = self.cur
        get = by_role.get
        res = _RowResult(line)
        no: str | None = get("no")  # type: ignore[assignment]

        text: str | None = get("issue")  # type: ignore[assignment]
        if text:
            num, body = _split_no(text)
            if no and not num:
                num = no.rstrip(".")
            cur.issue = self._node("issue", num, body, cur.group, sec.issues, res)
            cur.goal = cur.outcome = cur.activity = None
            cur.agency = {}
        # after a new issue, which closes the agencies above
        lead, supporting = self._agencies(by_role, line, res.agencies) if self._agency_roles else (None, None)
        text = get("goal")  # type: ignore[assignment]
        if text:
            cur.goal = self._node("goal", *_split_no(text), cur.issue, sec.goals, res)
            cur.outcome = cur.activity = None
        text = get("outcome")  # type: ignore[assignment]
        if text:
            cur.outcome = self._node("outcome", *_split_no(text), cur.goal or cur.issue, sec.outcomes, res)
            cur.activity = None
        text = get("activity")  # type: ignore[assignment]
        if text:
            num, body = _split_no(text)
            if no and not self.has_hierarchy and not num:
                num = no.rstrip(".")
            cur.activity = self._node("activity", num, body, cur.outcome or cur.goal or cur.issue, sec.activities,
                                      res, lead, supporting)
        elif no and not self.has_hierarchy and not get("indicator"):
            # A number with no text: keep it, nothing else in the row can hold it.
            self._note("P002", f"{sec.letter}/rows/{line}", no, line, column="no")

        text = get("indicator")  # type: ignore[assignment]
        unit: str | None = get("unit")  # type: ignore[assignment]
        if text or unit or get("baseline") or by_role["target"]:
            if text:
                num, body = _split_no(text)
            else:
                num, body = None, cur.activity.text if cur.activity else ""
            if no and not self.has_hierarchy and "activity" not in res.nodes and num is None:
                num = no.rstrip(".")  # a numbered row whose activity cell is empty: the number is the row's
            parent = cur.activity or cur.outcome or cur.goal or cur.issue
            targets_raw: dict[int, str] = by_role["targets"]  # type: ignore[assignment]
            indicators = sec.indicators
            # Indicator.trusted(id=…, text=…, no=…, unit=…, baseline=…, targets=…, parent=…, lead=…,
            # supporting=…, line=…, end_line=…), built faster: see trusted_fields.  The memos are read
            # directly (read_target without its Python call).
            ind = Indicator.trusted_fields({
                "id": f"{self._id_prefix['indicator']}{len(indicators)}",
                "text": body,
                "no": num,
                "unit": unit or None,
                "baseline": _TARGET[get("baseline", "")] if self._has_baseline else None,
                "targets": dict(zip(targets_raw, map(_TARGET.__getitem__, targets_raw.values()))),
                "parent": parent.id if parent else None,
                "lead": lead,
                "supporting": supporting,
                "polarity": None,
                "line": line,
                "end_line": line,
                "other": {},
            }, {"id", "text", "no", "unit", "baseline", "targets", "parent", "lead", "supporting", "line", "end_line"})
            indicators.append(ind)
            res.indicator = ind
        kept = get("kept")
        if kept:
            self._keep(res, kept, line)  # type: ignore[arg-type]
        self.prev = res
        return bool(res.nodes) or res.indicator is not None

    def _node(self, kind: str, no: str | None, text: str, parent: PlanNode | None, store: list[PlanNode],
              res: _RowResult, lead: AgencyCell | None = None, supporting: AgencyCell | None = None) -> PlanNode:
        """A new issue, goal, outcome or activity (only an activity has agencies), numbered in its list."""
        line = res.line
        data: dict[str, object] = {"id": f"{self._id_prefix[kind]}{len(store)}", "kind": kind, "level": None, "no": no,
                "text": text, "parent": parent.id if parent else None, "lead": lead, "supporting": supporting,
                "line": line, "end_line": line, "other": {}}
        if kind == "activity":  # PlanNode.trusted(…, lead=…, supporting=…, line=…, end_line=…), built faster
            node = PlanNode.trusted_fields(data, {"id", "kind", "no", "text", "parent", "lead", "supporting",
                                                  "line", "end_line"})
        else:
            node = PlanNode.trusted_fields(data, {"id", "kind", "no", "text", "parent", "line", "end_line"})
        store.append(node)
        res.nodes[kind] = node
        return node

    def _agencies(self, by_role: dict[str, object], line: int,
                  new: dict[str, AgencyCell]) -> tuple[AgencyCell | None, AgencyCell | None]:
        """The row's lead (or agency) and supporting cells; an empty one inherits the cell above within the
        same group.  The cells the row itself fills are also put in ``new``."""
        out: dict[str, AgencyCell] = {}
        held = self.cur.agency
        for role in self._agency_roles:
            text = by_role.get(role)
            if text:
                # AgencyCell.trusted(raw=text, line=line), built faster: see trusted_fields
                cell = AgencyCell.trusted_fields({"raw": text, "line": line, "inherited": False}, {"raw", "line"})
                held[role] = new[role] = out[role] = cell
            elif role in held:
                above = held[role]
                out[role] = AgencyCell.trusted_fields({"raw": above.raw, "line": above.line, "inherited": True},
                                                      {"raw", "line", "inherited"})
        return out.get("lead") or out.get("agency"), out.get("supporting")

    def _note(self, code: str, path: str, text: str, line: int, **detail: str) -> None:
        self.notes.append(ReadingNote.trusted(code=code, path=f"/lampiran/{path}", text=text, line=line, end_line=line,
                                      detail=detail))  # type: ignore[arg-type]

    # -- after the last row ------------------------------------------------------------------
    def finish(self, end_line: int | None) -> Section:
        self.section.end_line = end_line
        self.section.table_rows = self.rows_met
        self.section.rows_read = self.rows_read
        self._settle_numbers()
        if self.rows_read == 0 and len(self.unread) >= UNREAD_TABLE_MIN_ROWS:
            note_unread_table(self.notes, f"/lampiran/{self.section.letter}", self.unread, "columns")
        if not self.has_hierarchy:
            renamed = _assign_levels(self.section)
            for note in self.notes:
                parts = note.path.removeprefix("/lampiran/").split("/")
                old = "/".join(parts[:3])
                if old in renamed:
                    note.path = "/".join(["/lampiran", renamed[old], *parts[3:]])
        return self.section


    def _settle_numbers(self) -> None:
        """Each year's column (and the baseline) read the way it writes its numbers, decided from all its
        cells (``numbers.column_notation``): a column writing ``6,015,947,806`` and ``87.7`` is read that
        way, ``2,000`` there being two thousand.  A column writing both ways keeps its ambiguous cells raw;
        a cell that stays no number (``10-15``, ``1.2.3``) is kept raw; each with a P004 note.  A column
        whose cells read the same both ways goes by the table's other columns.

        Only tables holding a cell the Indonesian reading refused are looked at again: most cost one pass
        over their cells' kinds."""
        inds = self.section.indicators
        unreadable, number = TargetKind.UNREADABLE, TargetKind.NUMBER
        if not any((ind.baseline is not None and ind.baseline.kind is unreadable)
                   or any(c.kind is unreadable for c in ind.targets.values()) for ind in inds):
            return  # every cell read the Indonesian way: no column writes otherwise
        columns: dict[int | None, list[tuple[Indicator, TargetCell]]] = {}  # a year, or None for the baseline
        for ind in inds:
            if ind.baseline is not None and ind.baseline.kind in (number, unreadable):
                columns.setdefault(None, []).append((ind, ind.baseline))
            for year, cell in ind.targets.items():
                if cell.kind in (number, unreadable):
                    columns.setdefault(year, []).append((ind, cell))
        # A column whose own cells do not tell (``1,500`` and ``12``) writes as the table's others do.
        table = column_notation([c.raw for column in columns.values() for _, c in column])
        for col in sorted(columns, key=lambda y: -1 if y is None else y):
            cells = columns[col]
            notation = column_notation([c.raw for _, c in cells])
            if notation == "unknown":
                notation = "en" if table == "en" else "id"
            for ind, cell in cells:
                reason = None
                if notation == "en":
                    new = read_target_en(cell.raw)
                elif notation == "mixed" and (cell.kind is unreadable or is_ambiguous(cell.raw)):
                    new = TargetCell.trusted(kind=unreadable, raw=cell.raw)
                    reason = "mixed"
                else:
                    new = cell
                if new.kind is unreadable and reason is None:
                    reason = "range" if is_range(new.raw) else "number" if looks_numeric(new.raw) else None
                if new is not cell:
                    if col is None:
                        _assign(ind, "baseline", new)
                    else:
                        ind.targets[col] = new
                if reason is not None:
                    where = "baseline" if col is None else f"targets/{col}"
                    self.notes.append(ReadingNote.trusted(
                        code="P004", path=f"/lampiran/{ind.id}/{where}", text=new.raw, line=ind.line,
                        end_line=ind.line, detail={"column": "baseline" if col is None else str(col),
                                                   "reason": reason}))


def _picker(indices: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """``row -> tuple(row[i] for i in indices)``, as a C-level ``itemgetter`` when it can be one (an
    ``itemgetter`` of a single index gives the item, not a tuple of it)."""
    if len(indices) >= 2:
        return itemgetter(*indices)
    return lambda row: tuple(row[i] for i in indices)


_PLURAL = {"group": "groups", "issue": "issues", "goal": "goals", "outcome": "outcomes", "activity": "activities",
           "indicator": "indicators"}


def _cell_suffix(column: str | None) -> str:
    """The part of a logical path naming the cell a note is about (``/targets/2028``, ``/lead``)."""
    if column is None:
        return ""
    if column.isdigit():
        return f"/targets/{column}"
    if column in ("lead", "agency"):
        return "/lead"
    if column in _TEXT_ROLES or column == "supporting":
        return f"/{column}"
    return "/extra"


# How well a cell's text fits each kind of column; used only to realign shifted rows.  One tuple per
# distinct text, indexed by the column's kind (``_FIT_KIND``); texts with the same tuple are one fit class,
# named by a small int.  Classes are few (a few dozen at most) and kept for the life of the process, so a
# class number means the same in every table.
_NO, _MEASURE, _UNIT, _WORDS, _OTHER = range(5)
_FIT_KIND = {"no": _NO, "target": _MEASURE, "baseline": _MEASURE, "unit": _UNIT,
             **{role: _WORDS for role in (*_TEXT_ROLES, *_AGENCY_ROLES)}}
_CLASS_IDS: dict[tuple[int, ...], int] = {}
_CLASS_FITS: list[tuple[int, ...]] = []


def _fits(text: str) -> tuple[int, ...]:
    """The text's fit as a number column, a target or baseline, a unit, a text or agency column, another."""
    if not text:
        return (1, 0, 0, 0, 0)
    numeric = _looks_numeric(text)
    # A number is typed through the target memo, as its cell is wanted for the model too; other texts (words
    # a shift would move into a target column) are typed without making a cell.  Either way, the same kind.
    measure = _TARGET[text].kind if numeric else _target_kind(text)  # _TARGET: read_target
    return (2 if _NO_MARK.match(text) else -3,
            2 if measure is not TargetKind.UNREADABLE else -2,
            -2 if numeric or text == "-" else (1 if len(text) <= 30 else -1),
            -1 if numeric else 1,
            0)


def _fit_class(text: str) -> int:
    fits = _fits(text)
    if fits not in _CLASS_IDS:
        _CLASS_IDS[fits] = len(_CLASS_FITS)
        _CLASS_FITS.append(fits)
    return _CLASS_IDS[fits]


_FIT_CLASS = _Memo(_fit_class, max_chars=None)  # a class is a small int, so texts of any length are kept
_EMPTY_FITS = _fits("")


def _may_be_agency(text: str) -> bool:
    """In a target column, words that are no target: the agency of a row whose cells collapsed leftwards."""
    return read_target(text).kind is TargetKind.UNREADABLE and re.search(r"[A-Za-z]{3,}", text) is not None


_COLLAPSIBLE = _Memo(_may_be_agency)


def _split_no(text: str) -> tuple[str | None, str]:
    """``"2. Pelatihan …"`` → ``("2", "Pelatihan …")``; text without a leading number is unchanged."""
    m = _LEADING_NO.match(text)
    if not m or _NUMERIC[text]:  # looks_numeric
        return None, text
    return m.group(1), text[m.end():].strip()


def _prefix_level(text: str) -> str | None:
    for rx, level in _PREFIX_LEVEL:
        if rx.match(text):
            return level
    return None


def _assign_levels(sec: Section) -> dict[str, str]:
    """For tables with one activity column (Program / Kegiatan / Sub kegiatan): levels, groups, parents.

    A heading row without indicators followed by a programme is a group (a bidang or urusan heading);
    an unprefixed row without indicators followed by more activities is a kegiatan; other unprefixed
    rows are sub-kegiatan leaves.  Parents follow from the levels.
    """
    measured = {i.parent for i in sec.indicators}
    acts = sec.activities
    levels: list[str] = []
    for i, act in enumerate(acts):
        nxt = acts[i + 1] if i + 1 < len(acts) else None
        level = _prefix_level(act.text)
        if level is None and act.id not in measured:
            if re.match(r"^bidang\b", act.text, re.I) or (nxt is not None and _prefix_level(nxt.text) == "program"):
                level = "group"
            elif nxt is not None:
                level = "kegiatan"
        levels.append(level or "subkegiatan")
    rank = {"program": 1, "kegiatan": 2, "subkegiatan": 3}
    stack: list[PlanNode] = []
    group: PlanNode | None = None
    kept: list[PlanNode] = []
    renamed: dict[str, str] = {}
    for act, level in zip(acts, levels):
        if level == "group":
            node = act.model_copy(update={"id": f"{sec.letter}/groups/{len(sec.groups)}", "kind": "group"})
            renamed[act.id] = node.id
            sec.groups.append(node)
            group = node
            stack = []
            continue
        _assign(act, "level", level)
        while stack and rank[stack[-1].level or "subkegiatan"] >= rank[level]:
            stack.pop()
        _assign(act, "parent", stack[-1].id if stack else (group.id if group else None))
        stack.append(act)
        kept.append(act)
    for i, act in enumerate(kept):
        new_id = f"{sec.letter}/activities/{i}"
        renamed[act.id] = new_id if act.id not in renamed else renamed[act.id]
    for act in kept:
        _assign(act, "id", renamed[act.id])
        _assign(act, "parent", renamed.get(act.parent, act.parent) if act.parent else None)
    sec.activities = kept
    for ind in sec.indicators:
        if ind.parent:
            _assign(ind, "parent", renamed.get(ind.parent, ind.parent))
    return renamed


def _assign(obj: PlanNode | Indicator, name: str, value: object) -> None:
    """``obj.name = value``, as pydantic's ``__setattr__`` does it for a field of a model that neither
    validates assignments nor is frozen (the value, and the name among the set fields), without looking up
    how to set it each time: a large plan's levels and parents are set hundreds of thousands of times."""
    obj.__dict__[name] = value
    obj.__pydantic_fields_set__.add(name)
