"""Table rows → the plan nodes and indicators of one section.

Rows come in the order the reader found them, each a list of cells with its line.  The builder places
each cell by its column's role, realigns rows whose cells shifted left (text extracted from PDF), merges
continuation rows, inherits merged ("same as above") cells within their group, and records everything it
could not place as a reading note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from radcheck.model import AgencyCell, Column, HeaderRow, Indicator, PlanNode, ReadingNote, Section
from radcheck.readers.annex.cells import EMPTY_FITS, FIT_KIND, OTHER, Cells
from radcheck.readers.annex.levels import assign_levels
from radcheck.readers.annex.notation import settle_numbers
from radcheck.readers.annex.tables import UNREAD_TABLE_MIN_ROWS, note_unread_table
from radcheck.readers.common import clean_text, join_text

_TEXT_ROLES = ("issue", "goal", "outcome", "activity", "indicator")
_AGENCY_ROLES = ("lead", "supporting", "agency")


@dataclass(slots=True)
class RawRow:
    """One table row as a reader found it: cells and the location of the row."""

    cells: list[str]
    line: int
    after_break: bool = False  # a blank line, page separator or repeated header came just before
    plain: bool = False  # no cell needs more cleaning than stripping (``is_plain``)


@dataclass
class _Current:
    """The open node of each kind, for rows that leave a merged cell empty."""

    group: PlanNode | None = None
    issue: PlanNode | None = None
    goal: PlanNode | None = None
    outcome: PlanNode | None = None
    activity: PlanNode | None = None
    agency: dict[str, AgencyCell] = field(default_factory=dict)
    # The cell of ``agency`` each role's rows inherit, made once for all of them: (the held cell, its copy).
    inherited: dict[str, tuple[AgencyCell, AgencyCell]] = field(default_factory=dict)


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

    def __init__(self, section: Section, notes: list[ReadingNote], cells: Cells | None = None) -> None:
        self.section = section
        self.notes = notes
        self.cells = cells if cells is not None else Cells()  # a reader's builders share its reading's
        self.cur = _Current()
        self.prev: _RowResult | None = None
        self.has_hierarchy = False
        self.current_columns: list[Column] = []
        self.realign = True  # rows may have shifted left (text extracted from PDF); off for Office tables
        self.rows_met = 0  # table rows given to this builder (not empty ones) …
        self.rows_read = 0  # … and those that became (or continued) plan rows
        self.unread: list[tuple[int, str]] = []  # (line, text) of the others
        self.measure_texts: set[str] = set()  # the distinct texts of the target and baseline cells
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
        # Which of a cell's fits (``Cells.fits``) each column judges it by.
        self._fit_kinds = [FIT_KIND.get(r, OTHER) for r in self.roles]
        self._measure_set = {i for i, r in enumerate(self.roles) if r in ("target", "baseline")}
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
        self._agency_idx = next((i for i, r in enumerate(self.roles) if r in ("lead", "agency")), None)
        self.has_hierarchy = any(r in self.roles for r in ("issue", "goal", "outcome"))

    @property
    def ready(self) -> bool:
        return bool(self.current_columns)

    # -- rows --------------------------------------------------------------------------------
    def add_row(self, row: RawRow) -> None:
        first_note = len(self.notes)
        line = row.line
        # A row tested whole (``is_plain``) and its cells stripped, rather than cleaned one call per cell:
        # the read of a 30k-indicator plan is ~5% slower without this.
        cells = list(map(str.strip if row.plain else clean_text, row.cells))
        if not any(cells):
            return
        self.rows_met += 1
        if self._read_row(cells, line, row.after_break):
            self.rows_read += 1
        else:
            self.unread.append((line, " | ".join(c for c in cells if c)))
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
            code = "P004" if self.cells.numeric(text) else "P002"
            self._note(code, f"{sid}/rows/{line}", text, line, column="(beyond the last column)")
        return aligned

    def _best_shift(self, cells: list[str]) -> int:
        """How far to move a row right; ``cells`` is at least as long as the columns are many."""
        width = self._width
        # A shift may only push empty cells off the end; a row that fills its last column stays put.
        if any(cells[width - 1:]):
            return 0
        fits = list(map(self.cells.fits, cells))  # each cell's fit to each kind of column
        kinds = self._fit_kinds
        shifts = (1, 2) if width < 2 or fits[width - 2] == EMPTY_FITS else (1,)  # only "" has the fits of ""

        def score(shift: int) -> int:
            """How well the row fits the columns when its cells are moved ``shift`` columns to the right."""
            in_front = sum(EMPTY_FITS[k] for k in kinds[:shift])  # the empty cells it moves in
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
        out: dict[str, object] = {}
        for i, role in self._role_cols:
            text = aligned[i]
            if text:  # a role in several columns (two agency columns): their texts are joined
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
        targets = {year: aligned[i] for i, year in self._year_cols}
        out["targets"] = targets
        out["target"] = any(targets.values())
        return out

    def _fix_collapsed(self, aligned: list[str], line: int) -> None:
        """A collapsed row: the agency landed in a target column and everything after it is empty."""
        agency_idx = self._agency_idx
        if agency_idx is None or aligned[agency_idx]:
            return  # the caller tests this too, not to call for every row
        # Only the last filled target cell can be followed by empty cells alone: the row's last filled cell.
        i = len(aligned) - 1
        while i >= 0 and not aligned[i]:
            i -= 1
        if i not in self._measure_set:
            return
        text = aligned[i]
        if self.cells.may_be_agency(text):
            aligned[agency_idx] = text
            aligned[i] = ""
            self._note("P003", f"{self.section.letter}/rows/{line}", text, line,
                       reason="collapsed row: agency moved out of a target column")

    def _strip_strays(self, by_role: dict[str, object], line: int) -> None:
        """Values where they cannot belong: a number in an agency column, a mark in a row with no indicator."""
        sid = self.section.letter
        for role in self._agency_roles:
            text = by_role.get(role)
            if text and self.cells.numeric(text):
                self._note("P004", f"{sid}/rows/{line}", text, line, column=role)  # type: ignore[arg-type]
                del by_role[role]
        other = by_role.pop("other", None)
        for text in other or []:  # type: ignore[attr-defined]
            self._note("P004" if self.cells.numeric(text) else "P002", f"{sid}/rows/{line}", text, line)
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
            num, body = self.cells.split_no(text)
            if no and not num:
                num = no.rstrip(".")
            cur.issue = self._node("issue", num, body, cur.group, sec.issues, res)
            cur.goal = cur.outcome = cur.activity = None
            cur.agency = {}
        # after a new issue, which closes the agencies above
        lead, supporting = self._agencies(by_role, line, res.agencies) if self._agency_roles else (None, None)
        text = get("goal")  # type: ignore[assignment]
        if text:
            cur.goal = self._node("goal", *self.cells.split_no(text), cur.issue, sec.goals, res)
            cur.outcome = cur.activity = None
        text = get("outcome")  # type: ignore[assignment]
        if text:
            cur.outcome = self._node("outcome", *self.cells.split_no(text), cur.goal or cur.issue, sec.outcomes, res)
            cur.activity = None
        text = get("activity")  # type: ignore[assignment]
        if text:
            num, body = self.cells.split_no(text)
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
                num, body = self.cells.split_no(text)
            else:
                num, body = None, cur.activity.text if cur.activity else ""
            if no and not self.has_hierarchy and "activity" not in res.nodes and num is None:
                num = no.rstrip(".")  # a numbered row whose activity cell is empty: the number is the row's
            parent = cur.activity or cur.outcome or cur.goal or cur.issue
            targets_raw: dict[int, str] = by_role["targets"]  # type: ignore[assignment]
            baseline: str = get("baseline", "")  # type: ignore[assignment]
            self.measure_texts.update(targets_raw.values())
            self.measure_texts.add(baseline)
            indicators = sec.indicators
            # Indicator.trusted(id=…, text=…, no=…, unit=…, baseline=…, targets=…, parent=…, lead=…,
            # supporting=…, line=…, end_line=…), built faster: see trusted_fields.
            ind = Indicator.trusted_fields({
                "id": f"{self._id_prefix['indicator']}{len(indicators)}",
                "text": body,
                "no": num,
                "unit": unit or None,
                "baseline": self.cells.target(baseline) if self._has_baseline else None,
                "targets": dict(zip(targets_raw, map(self.cells.target, targets_raw.values()))),
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
        held, inherited = self.cur.agency, self.cur.inherited
        for role in self._agency_roles:
            text = by_role.get(role)
            if text:
                # AgencyCell.trusted(raw=text, line=line), built faster: see trusted_fields
                cell = AgencyCell.trusted_fields({"raw": text, "line": line, "inherited": False}, {"raw", "line"})
                held[role] = new[role] = out[role] = cell
            elif role in held:
                # One inherited cell for every row under the same held cell: the held cell no longer changes
                # once a row after the one that made it has inherited it (only the row above is continued).
                above = held[role]
                pair = inherited.get(role)
                if pair is None or pair[0] is not above:
                    pair = inherited[role] = (above, AgencyCell.trusted_fields(
                        {"raw": above.raw, "line": above.line, "inherited": True}, {"raw", "line", "inherited"}))
                out[role] = pair[1]
        return out.get("lead") or out.get("agency"), out.get("supporting")

    def _note(self, code: str, path: str, text: str, line: int, **detail: str) -> None:
        self.notes.append(ReadingNote.trusted(code=code, path=f"/lampiran/{path}", text=text, line=line, end_line=line,
                                      detail=detail))  # type: ignore[arg-type]

    # -- after the last row ------------------------------------------------------------------
    def finish(self, end_line: int | None) -> Section:
        self.section.end_line = end_line
        self.section.table_rows = self.rows_met
        self.section.rows_read = self.rows_read
        # Most tables hold no cell the Indonesian reading refused: one set test, in C.
        if not self.measure_texts.isdisjoint(self.cells.refused):
            settle_numbers(self.section, self.notes)
        if self.rows_read == 0 and len(self.unread) >= UNREAD_TABLE_MIN_ROWS:
            note_unread_table(self.notes, f"/lampiran/{self.section.letter}", self.unread, "columns")
        if not self.has_hierarchy:
            renamed = assign_levels(self.section)
            for note in self.notes:
                parts = note.path.removeprefix("/lampiran/").split("/")
                old = "/".join(parts[:3])
                if old in renamed:
                    note.path = "/".join(["/lampiran", renamed[old], *parts[3:]])
        return self.section


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
