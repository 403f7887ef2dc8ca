"""The report log (``--reports FILE``): which reports were submitted when.

YAML (a list of mappings) or CSV (a header row, ``,`` or ``;`` separated) with the columns of
docs/REPORT.md: ``obligation`` (an obligation id such as ``pasal-8``, or a kind — ``monitoring``/``reporting``
— where the document has one obligation of that kind), ``period`` (``2025``, ``2025-H1``, ``2025-Q3``),
``submitted`` (a date, YYYY-MM-DD) and an optional ``reference``.

A log that cannot be used is an unreadable input: one line naming the file and the problem, exit 2.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from radcheck.readers.common import UnreadableInput, read_side_text

COLUMNS = ("obligation", "period", "submitted", "reference")
REQUIRED = ("obligation", "period", "submitted")
# 2025 · 2025-H1 (or S1, semester) · 2025-Q3 · 2025-01 (month) · 2024-2025 (a two-year cycle)
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?P<part>[HhSs][12]|[Qq][1-4]|0[1-9]|1[0-2]|\d{4}))?$")
_KIND_ALIASES = {
    "monitoring": "monitoring", "pemantauan": "monitoring", "evaluasi": "monitoring",
    "pemantauan dan evaluasi": "monitoring", "monev": "monitoring",
    "reporting": "reporting", "pelaporan": "reporting", "laporan": "reporting",
}


class ReportLogError(UnreadableInput):
    """The report log cannot be used; the message names the file, the entry and the problem."""


@dataclass(frozen=True)
class LogEntry:
    obligation: str
    period: str  # normalised: "2025", "2025-H1", "2025-Q3", "2025-01"
    submitted: dt.date
    reference: str | None
    row: int  # CSV line, or 1-based position in the YAML list

    @property
    def kind(self) -> str | None:
        """The obligation kind this entry names, when it names a kind rather than an id."""
        return _KIND_ALIASES.get(self.obligation.lower())


def normalise_period(text: str) -> str | None:
    """``2025``, ``2025-h1``/``2025-S1`` → ``2025-H1``, ``2025-q3`` → ``2025-Q3``; None if not a period."""
    m = _PERIOD.match(text.strip())
    if not m:
        return None
    part = m.group("part")
    if part is None:
        return m.group("year")
    if len(part) == 4 and int(part) <= int(m.group("year")):
        return None  # a multi-year cycle runs forward
    part = part.upper().replace("S", "H")  # semester 1/2 is half-year 1/2
    return f"{m.group('year')}-{part}"


def load_report_log(path: str | Path) -> list[LogEntry]:
    """Read and validate a report log; raises ReportLogError with a one-line reason."""
    p = Path(path)
    try:
        stat = p.stat()
    except OSError:
        raise ReportLogError(str(path), "report log not found") from None
    if not p.is_file():
        raise ReportLogError(str(path), "report log is not a file")
    return list(_load_cached(str(p), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int, size: int) -> tuple[LogEntry, ...]:
    # The key holds mtime and size so an edited log is read again; rules ask once per document.
    try:
        text = read_side_text(path, "utf-8-sig")
    except UnicodeDecodeError:
        raise ReportLogError(path, "report log is not UTF-8 text") from None
    except OSError as exc:
        raise ReportLogError(path, f"cannot read report log: {exc.strerror or exc}") from None
    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        rows = _yaml_rows(path, text)
    elif suffix == ".csv":
        rows = _csv_rows(path, text)
    else:
        raise ReportLogError(path, f"unknown report log format {suffix or '(no suffix)'!r}: use .yaml, .yml or .csv")
    return tuple(_entry(path, row, where, data) for row, where, data in rows)


def _yaml_rows(path: str, text: str) -> list[tuple[int, str, dict[Any, Any]]]:
    import yaml

    from radcheck._yaml import safe_load

    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ReportLogError(path, f"{where}not valid YAML ({problem})") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise ReportLogError(path, f"a report log is a list of entries, not a {type(data).__name__}")
    out = []
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise ReportLogError(path, f"entry {i}: expected a mapping with {', '.join(REQUIRED)}, got {item!r}")
        out.append((i, f"entry {i}", item))
    return out


def _csv_rows(path: str, text: str) -> list[tuple[int, str, dict[Any, Any]]]:
    if not text.strip():
        return []
    first = text.replace("\r", "\n").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ReportLogError(path, f"line {reader.line_num}: not valid CSV ({exc})") from None
    header = [h.strip().lower() for h in rows[0]]
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise ReportLogError(path, f"unknown column(s) {', '.join(map(repr, unknown))} "
                                   f"(expected {', '.join(COLUMNS)})")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ReportLogError(path, f"missing column(s) {', '.join(missing)} in the header row")
    out = []
    for line_no, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            raise ReportLogError(path, f"line {line_no}: {len(cells)} cells for {len(header)} columns")
        out.append((line_no, f"line {line_no}", dict(zip(header, cells, strict=False))))
    return out


def _entry(path: str, row: int, where: str, data: dict[Any, Any]) -> LogEntry:
    keys = {str(k).strip().lower(): v for k, v in data.items()}
    unknown = [k for k in keys if k not in COLUMNS]
    if unknown:
        raise ReportLogError(path, f"{where}: unknown column(s) {', '.join(map(repr, unknown))} "
                                   f"(expected {', '.join(COLUMNS)})")
    for col in REQUIRED:
        value = keys.get(col)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ReportLogError(path, f"{where}: '{col}' is missing")
    obligation = str(keys["obligation"]).strip()
    period = normalise_period(str(keys["period"]))
    if period is None:
        raise ReportLogError(path, f"{where}: bad period {keys['period']!r} "
                                   "(expected a year such as 2025, or 2025-H1, 2025-Q3, 2025-01, 2024-2025)")
    submitted = keys["submitted"]
    if isinstance(submitted, dt.datetime):
        submitted = submitted.date()
    elif not isinstance(submitted, dt.date):
        try:
            submitted = dt.date.fromisoformat(str(submitted).strip())
        except ValueError:
            raise ReportLogError(path, f"{where}: bad date {str(submitted)!r} in 'submitted' "
                                       "(expected YYYY-MM-DD)") from None
    reference = keys.get("reference")
    reference = str(reference).strip() if reference not in (None, "") else None
    return LogEntry(obligation=obligation, period=period, submitted=submitted, reference=reference, row=row)
