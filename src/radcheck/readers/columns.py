"""Annex table headers read by the meaning of their labels (the vocabulary is ``rules/columns.yaml``).

A header is one, two or three rows: the labels (in any order, under any of the names regions use),
perhaps the years under a group cell (``Target`` / ``Tahun``) or as labels of their own (``2025``,
``Target 2025``, ``Th. 2025``), perhaps a row numbering the columns (``(1) (2) (3) …``).  A row is told
from data by what its cells mean: a header's cells are short labels naming roles or years; a data row
has numbers that are no years, long texts, or words naming nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from itertools import islice
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from radcheck import shipped
from radcheck.model import Column, Document
from radcheck.readers.common import clean_text

ROLES = ("no", "issue", "goal", "outcome", "activity", "indicator", "unit", "baseline", "target", "lead",
         "supporting", "agency", "other")
_TEXT_ROLES = frozenset({"issue", "goal", "outcome", "activity", "indicator"})
_MEASURE_ROLES = frozenset({"unit", "target"})
_YEAR = re.compile(r"(?:19|20)\d{2}")
_NUMBERING = re.compile(r"\(?(\d{1,2})\)?")
_NUMERIC = re.compile(r"[+-]?[\d.,]*\d[\d.,]*\s*%?")
# Answers kept per distinct cell text: headers repeat on every page; a long batch run starts afresh when full.
_KEPT_LABELS = 1 << 16
# The end of a label wrapped onto the years row is a word or two ("Kinerja", "Jawab").
_WRAPPED_LABEL_CHARS = 30
MAX_HEADER_ROWS = 4  # the labels, a group row (``Tahun``), the years, and a row numbering the columns
# The document whose annex is being read (``plan_of``): its plan period turns year labels counted from
# the start of the plan (``Tahun I`` … ``Tahun V``, ``Tahun ke-1`` … ``ke-5``) into years.
_PLAN: ContextVar[Document | None] = ContextVar("radcheck_plan", default=None)
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


class _RoleWords(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: str
    exact: list[str] = Field(default_factory=list)
    starts: list[str] = Field(default_factory=list)
    contains: list[str] = Field(default_factory=list)


class ColumnVocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    roles: list[_RoleWords]
    year_prefixes: list[str]
    max_label_chars: int


def normalise(label: str) -> str:
    """``"Rencana Aksi (Program/ Kegiatan)"`` → ``"rencana aksi program kegiatan"``."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", label.lower()).split())


class _Matcher:
    """The vocabulary compiled: one test per label, the answer kept per distinct label."""

    def __init__(self, vocab: ColumnVocabulary) -> None:
        for entry in vocab.roles:
            if entry.role not in ROLES:
                raise ValueError(f"rules/columns.yaml: unknown role {entry.role!r}")
        self.exact: dict[str, str] = {}
        for entry in vocab.roles:
            for phrase in entry.exact:
                self.exact.setdefault(normalise(phrase), entry.role)
        self.ordered = [(entry.role, [normalise(p) for p in entry.starts], [normalise(p) for p in entry.contains])
                        for entry in vocab.roles]
        prefixes = sorted({normalise(p) for p in vocab.year_prefixes}, key=len, reverse=True)
        alts = "|".join(re.escape(p) + r"\s*" for p in prefixes if p)
        self.year_label = re.compile(rf"^(?:{alts})?((?:19|20)\d{{2}})$")
        # A year counted in the plan: a prefix of two letters at least (``Tahun``, ``Th.``; a bare ``I`` or
        # ``1`` is a numbering), perhaps ``ke``, then a Roman numeral or a digit.
        named = "|".join(re.escape(p) for p in prefixes if len(p) >= 2)
        self.plan_year = re.compile(rf"^(?:{named})\s*(?:ke\s*)?(x|i{{1,3}}|i?v|vi{{1,3}}|ix|[1-9])$")
        self.max_chars = vocab.max_label_chars
        self.roles: dict[str, str | None] = {}
        self.years: dict[str, int | None] = {}
        self.counts: dict[str, int | None] = {}  # the year of the plan a label counts (``Tahun III``: 3)

    def role(self, label: str) -> str | None:
        return _kept(self.roles, label, lambda: self._role(normalise(label)))

    def _role(self, norm: str) -> str | None:
        if not norm:
            return None
        if norm in self.exact:
            return self.exact[norm]
        squashed = norm.replace(" ", "")
        padded = f" {norm} "
        for role, starts, contains in self.ordered:
            for p in starts:
                if norm == p or norm.startswith(p + " ") or squashed.startswith(p.replace(" ", "")) and len(p) >= 5:
                    return role
            for p in contains:
                if f" {p} " in padded or len(p) >= 6 and p.replace(" ", "") in squashed:
                    return role
        return None

    def year(self, label: str) -> int | None:
        """The year a label names as a target column (``2025``, ``Target 2025``), else None."""
        def read() -> int | None:
            m = self.year_label.match(normalise(label))
            return int(m.group(1)) if m else None

        year = _kept(self.years, label, read)
        if year is None and _PLAN.get() is not None:
            year = self._plan_year(label)
        return year

    def _plan_year(self, label: str) -> int | None:
        """``Tahun III`` → the third year of the plan period, when the document states the period."""
        def read() -> int | None:
            m = self.plan_year.match(normalise(label))
            return None if m is None else int(m.group(1)) if m.group(1).isdigit() else _ROMAN[m.group(1)]

        k = _kept(self.counts, label, read)
        period = _plan_period() if k is not None else None
        if k is None or period is None:
            return None
        return period[0] + k - 1 if period[0] + k - 1 <= period[1] else None


_T = TypeVar("_T")


def _kept(memo: dict[str, _T], label: str, compute: Callable[[], _T]) -> _T:
    """``memo[label]``, computed on first use; the memo starts over when it holds _KEPT_LABELS labels
    (a plan's labels are few, but a hostile file can hold a million distinct ones)."""
    if label in memo:
        return memo[label]
    if len(memo) >= _KEPT_LABELS:
        memo.clear()
    value = memo[label] = compute()
    return value


@cache
def matcher() -> _Matcher:
    return _Matcher(ColumnVocabulary.model_validate(shipped.load("columns.yaml")))


@contextmanager
def plan_of(doc: Document) -> Iterator[None]:
    """While ``doc``'s annex is read, year labels counted in the plan (``Tahun I``, ``Tahun ke-1``) name
    the years of its plan period: the period of the body's title, or (a workbook) of its LAMPIRAN heading.
    Without a period they name no year, and a table under them is not read (P005)."""
    token = _PLAN.set(doc)
    try:
        yield
    finally:
        _PLAN.reset(token)


def _plan_period() -> tuple[int, int] | None:
    doc = _PLAN.get()
    if doc is None:
        return None
    if doc.period:
        return doc.period
    for head in reversed(doc.lampiran):
        m = _PERIOD.search(head.title or "")
        if m and int(m.group(1)) <= int(m.group(2)):
            return int(m.group(1)), int(m.group(2))
    return None


_BARE_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _counted_years(cells: Sequence[str]) -> dict[int, int]:
    """A header row under the labels that counts the plan's years, ``I  II  III  IV  V`` (under a
    ``Target``/``Tahun`` cell): column → year of the stated plan period.  Bare numerals count years only
    as such a run from ``I``, and only when the document states its period."""
    period = _plan_period()
    filled = [(i, c.strip()) for i, c in enumerate(cells) if c.strip()]
    if period is None or len(filled) < 2 or [c for _, c in filled] != list(_BARE_ROMAN[:len(filled)]):
        return {}
    if period[0] + len(filled) - 1 > period[1]:
        return {}
    return {i: period[0] + k for k, (i, _) in enumerate(filled)}


def label_role(label: str) -> str | None:
    """The role a header label names (``"OPD Pengampu Urusan"`` → ``"agency"``), or None."""
    return matcher().role(label)


def year_of(label: str) -> int | None:
    return matcher().year(label)


def is_year_label(text: str) -> bool:
    return matcher().year(text) is not None


def is_numbering_row(cells: Sequence[str]) -> bool:
    """A row numbering every column (``1 2 3 …``, ``(1) (2) …``), as some tables repeat on each page
    instead of the header: no plan row, it has no text."""
    filled = [clean_text(c) for c in cells if clean_text(c)]
    return len(filled) >= max(3, len(cells) - 1) and _numbering(filled)


def _numbering(cells: list[str]) -> bool:
    """A row numbering the columns: ``1 2 3 …`` or ``(1) (2) …``, rising from 1."""
    values = []
    for c in cells:
        m = _NUMBERING.fullmatch(c)
        if not m:
            return False
        values.append(int(m.group(1)))
    return len(values) >= 3 and values[0] == 1 and all(b > a for a, b in zip(values, values[1:]))


def _is_sub_row(cells: list[str], m: _Matcher) -> bool:
    """A header row under the first: years, role labels (two at least, or a year, or one group word over
    the years such as ``Tahun``), or column numbers."""
    filled = [c for c in cells if c]
    if not filled or any(len(c) > m.max_chars for c in filled):
        return False
    if _numbering(filled):
        return True
    counted = _counted_years(cells)
    if all(len(c) <= _WRAPPED_LABEL_CHARS for c in filled) and _may_be_labels(filled, m) and (
            counted or any(m.year(c) is not None for c in filled)):
        return True  # the years, beside the wrapped ends of labels above ("Program/" over "Kegiatan")
    roles = []  # every other filled cell names a role, or the row is no header row (a data row)
    for i, c in enumerate(cells):
        if c and m.year(c) is None and i not in counted:
            role = m.role(c)
            if role is None:
                return False
            roles.append(role)
    return len(roles) < len(filled) or len(roles) >= 2 or roles == ["target"]


def read_header(rows: Sequence[Sequence[str]]) -> tuple[list[Column], int] | None:
    """The columns of a header starting at ``rows[0]`` and how many rows it takes, or None if ``rows[0]``
    starts no header.  ``rows[1:]`` are the rows after it (as many as are at hand, up to three)."""
    return Headers().read(rows[0], rows[1:])


class Headers:
    """``read_header`` for one reading.  A table's header repeats on every page, each time above another
    data row: each distinct row is judged once (as the first row of a header, as a row under it) and each
    distinct header's columns are worked out once.  Callers copy the columns they keep."""

    def __init__(self) -> None:
        self._first: dict[tuple[str, ...], list[str] | None] = {}
        self._under: dict[tuple[str, ...], list[str] | None] = {}
        self._columns: dict[tuple[tuple[str, ...], ...], list[Column] | None] = {}

    def read(self, first: Sequence[str], rest: Iterable[Sequence[str]]) -> tuple[list[Column], int] | None:
        """``read_header([first, *rest])``; ``rest`` is taken only as far as the header goes."""
        m = matcher()
        key = tuple(first)
        if key not in self._first:
            self._first[key] = _first_row(first, m)
        labels = self._first[key]
        if labels is None:
            return None
        used = [labels]
        for nxt in islice(rest, MAX_HEADER_ROWS - 1):
            key = tuple(nxt)
            if key not in self._under:
                self._under[key] = _sub_row(nxt, m)
            cells = self._under[key]
            if cells is None:
                break
            used.append(cells)
        rows = tuple(map(tuple, used))
        if rows not in self._columns:
            self._columns[rows] = _columns(used, m)
        cols = self._columns[rows]
        return None if cols is None else (cols, len(used))


def _first_row(cells: Sequence[str], m: _Matcher) -> list[str] | None:
    """The cleaned cells of a row that may start a header (short labels, no number but years, one filled at
    least), else None.  Cleaned one by one up to the first that rules the row out: a data row (``1.``, a
    long text) is ruled out by its first cells."""
    out = []
    for c in cells:
        c = clean_text(c)
        if c and (len(c) > m.max_chars or _NUMERIC.fullmatch(c) and m.year(c) is None):
            return None
        out.append(c)
    return out if any(out) else None


def _sub_row(cells: Sequence[str], m: _Matcher) -> list[str] | None:
    """The cleaned cells of a row that is a header row under the first (``_is_sub_row``), else None.  A
    data row is ruled out at its first long cell."""
    out = []
    for c in cells:
        c = clean_text(c)
        if len(c) > m.max_chars:
            return None
        out.append(c)
    return out if _is_sub_row(out, m) else None


def looks_like_labels(cells: Sequence[str]) -> bool:
    """Two short cells or more and no number but years: a header, perhaps one whose labels name nothing
    radcheck knows (said so in P005 rather than "no header")."""
    cells = [clean_text(c) for c in cells]
    return sum(1 for c in cells if c) >= 2 and _may_be_labels(cells, matcher())


def _may_be_labels(cells: list[str], m: _Matcher) -> bool:
    """Short labels, and no number that is not a year label."""
    for c in cells:
        if c and (len(c) > m.max_chars or _NUMERIC.fullmatch(c) and m.year(c) is None):
            return False
    return True


def _columns(rows: list[list[str]], m: _Matcher) -> list[Column] | None:
    width = max(len(r) for r in rows)
    numbered = [r for r in rows[1:] if _numbering([c for c in r if c])]
    label_rows = [r + [""] * (width - len(r)) for r in rows if not any(r is n for n in numbered)]
    counted: dict[int, int] = {}  # the years of a row under the labels counted in the plan: I II III …
    for r in label_rows[1:]:
        counted.update(_counted_years(r))
    known = unknown = 0
    roles: list[str | None] = []
    years: list[int | None] = []
    for i in range(width):
        stack = [r[i] for r in label_rows if r[i]]
        year = next((m.year(c) for c in reversed(stack) if m.year(c) is not None), counted.get(i))
        words = [c for c in stack if m.year(c) is None and not (i in counted and c in _BARE_ROMAN)]
        # A label wrapped over two rows ("Penanggung" / "Jawab") is read whole first, then by its parts.
        role = (m.role(" ".join(words)) if len(words) > 1 else None) or next(
            (m.role(c) for c in reversed(words) if m.role(c) is not None), None)
        if year is not None or role is not None:
            known += 1
        elif stack:
            unknown += 1
        roles.append(role)
        years.append(year)
    found = {"target" if y is not None and r != "baseline" else r for r, y in zip(roles, years)} - {None, "other"}
    if len(found) < 3 or not found & _TEXT_ROLES or not found & _MEASURE_ROLES or unknown * 2 > known:
        return None
    top = label_rows[0]
    first_label = next((i for i, lbl in enumerate(top) if lbl), 0)
    cols: list[Column] = []
    seen_years: set[int] = set()
    target_years = {y for r, y in zip(roles, years) if y is not None and r != "baseline"}
    for i in range(width):
        stack = [r[i] for r in label_rows if r[i]]
        role, year = roles[i], years[i]
        # A target column is named by its top label ("Target …" over the first year, else the year); any
        # other by its whole label, wrapped or not.
        label = (stack[0] if year is not None else " ".join(stack)) if stack else ""
        # A year's second column (``Realisasi`` over the plan years beside ``Target``) is kept as another
        # column, not taken for the target or the baseline.
        if year is not None and (year in seen_years or role == "baseline" and year in target_years):
            cols.append(Column.trusted(role="other", label=" ".join(stack)))
            continue
        if year is not None and role != "baseline":
            seen_years.add(year)
        if role == "baseline":
            y = year or next((int(y) for c in stack for y in _YEAR.findall(c.lower().replace("tahun", " "))), None)
            cols.append(Column.trusted(role="baseline", label=label, year=y))
        elif year is not None:
            cols.append(Column.trusted(role="target", label=label, year=year))
        elif role and role != "target":
            cols.append(Column.trusted(role=role, label=label))
        elif i < first_label and not label:
            cols.append(Column.trusted(role="no", label=label))  # an unlabelled first column holds the numbers
        else:
            cols.append(Column.trusted(role="other", label=label))
    return cols
