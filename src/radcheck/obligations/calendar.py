"""The calendar: every deadline of every obligation over the plan period, and its status.

Regulations give a frequency ("paling kurang 1 (satu) tahun sekali") but rarely a date.  Where the text
gives none, a *convention* decides, stated in every output and set in ``[tool.radcheck.calendar]``::

    [tool.radcheck.calendar]
    due = "end-of-period"        # default: one per calendar year due 31 December; half-years 30 June/31 Dec …
    # due = "months-after-period"
    # months-after = 3           # … due on the last day of the 3rd month after the period ends (31 March)
    lookahead-days = 60          # R004: deadlines this close after --as-of are "due-soon"
    # assume-frequency = "P1Y"   # give obligations with no frequency (R003) deadlines anyway

A deadline the text itself states ("paling lambat tanggal 31 Januari tahun berikutnya") wins over
the convention.  Periods are calendar years (``2025``), half-years (``2025-H1``), quarters
(``2025-Q3``) or months (``2025-01``), clipped to the plan period.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from radcheck.obligations.extract import Obligation, extract_obligations
from radcheck.obligations.reportlog import LogEntry

if TYPE_CHECKING:
    from radcheck.config import Config
    from radcheck.model import Document

Status = Literal["done", "overdue", "due-soon", "upcoming", "unknown"]
STATUSES: tuple[Status, ...] = ("done", "overdue", "due-soon", "upcoming", "unknown")

# Two months: long enough for a Pokja to compile a yearly report once the reminder arrives.
DEFAULT_LOOKAHEAD_DAYS = 60
_MAX_MONTHS_AFTER = 24  # a report due more than two years after its period is a typo in the config
_SUPPORTED_MONTHS = (1, 3, 6)  # sub-yearly rhythms with a period label: month, quarter, half-year

STATUS_LABELS: dict[str, dict[str, str]] = {
    "id": {"done": "sudah", "overdue": "terlambat", "due-soon": "segera", "upcoming": "mendatang",
           "unknown": "tidak diketahui"},
    "en": {s: s for s in STATUSES},
}
KIND_LABELS = {"id": {"monitoring": "pemantauan dan evaluasi", "reporting": "pelaporan"},
               "en": {"monitoring": "monitoring and evaluation", "reporting": "reporting"}}


class CalendarConfigError(ValueError):
    """``[tool.radcheck.calendar]`` holds a value radcheck cannot use."""


@dataclass(frozen=True)
class Convention:
    """How a frequency without a date becomes deadlines, and how far ahead R004 looks."""

    due: Literal["end-of-period", "months-after-period"] = "end-of-period"
    months_after: int = 0
    lookahead_days: int = DEFAULT_LOOKAHEAD_DAYS
    assume_frequency: str | None = None

    @classmethod
    def from_config(cls, config: Config | None) -> Convention:
        """Read ``[tool.radcheck.calendar]``; a bad value raises ConfigError naming the file and key."""
        from radcheck.config import ConfigError

        table: dict[str, Any] = config.section("calendar") if config is not None else {}
        where = f"{config.source}: " if config is not None and config.source else ""
        try:
            return cls._from_table({k.replace("-", "_"): v for k, v in table.items()})
        except CalendarConfigError as exc:
            raise ConfigError(f"{where}[tool.radcheck.calendar] {exc}") from None

    @classmethod
    def _from_table(cls, t: dict[str, Any]) -> Convention:
        known = {"due", "months_after", "lookahead_days", "assume_frequency"}
        unknown = sorted(set(t) - known)
        if unknown:
            raise CalendarConfigError(f"unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        due = t.get("due", "end-of-period")
        if due not in ("end-of-period", "months-after-period"):
            raise CalendarConfigError(f"due = {due!r}: expected 'end-of-period' or 'months-after-period'")
        months = t.get("months_after", 1 if due == "months-after-period" else 0)
        if not isinstance(months, int) or isinstance(months, bool) or not 0 <= months <= _MAX_MONTHS_AFTER:
            raise CalendarConfigError(f"months-after = {months!r}: expected a whole number 0–{_MAX_MONTHS_AFTER}")
        if due == "end-of-period":
            months = 0
        look = t.get("lookahead_days", DEFAULT_LOOKAHEAD_DAYS)
        if not isinstance(look, int) or isinstance(look, bool) or look < 0:
            raise CalendarConfigError(f"lookahead-days = {look!r}: expected a whole number of days, 0 or more")
        assume = t.get("assume_frequency")
        if assume is not None and period_months(str(assume)) is None:
            raise CalendarConfigError(f"assume-frequency = {assume!r}: expected P1Y, P6M, P3M or P1M")
        return cls(due=due, months_after=months, lookahead_days=look,
                   assume_frequency=str(assume) if assume is not None else None)

    def describe(self, frequencies: set[str], lang: str = "en", *, stated: bool = False) -> str:
        """The convention in words, for the rhythms actually used (the calendar states it).

        ``stated``: some obligation gives its own deadline, which then wins over the convention.
        """
        parts = [_describe_one(f, self.months_after, lang) for f in _by_length(frequencies)
                 if period_months(f) is not None]
        if not parts:
            parts = [_describe_one("P1Y", self.months_after, lang)]
        if self.assume_frequency:
            parts.append(f"obligations without a frequency: {self.assume_frequency}" if lang == "en"
                         else f"kewajiban tanpa frekuensi: {self.assume_frequency}")
        if stated:
            parts.append("a deadline stated in the text takes precedence" if lang == "en"
                         else "tenggat yang disebut dalam teks didahulukan")
        return "; ".join(parts)


def _by_length(frequencies: set[str]) -> list[str]:
    return sorted(frequencies, key=lambda f: -(period_months(f) or 0))


_ONE_PER = {
    "en": {12: "one per calendar year", 6: "one per half-year", 3: "one per quarter", 1: "one per month"},
    "id": {12: "satu per tahun kalender", 6: "satu per semester", 3: "satu per triwulan", 1: "satu per bulan"},
}
_END_DAYS = {
    "en": {12: "31 December", 6: "30 June and 31 December", 3: "the last day of March, June, September and December",
           1: "the last day of the month"},
    "id": {12: "31 Desember", 6: "30 Juni dan 31 Desember",
           3: "hari terakhir bulan Maret, Juni, September dan Desember",
           1: "hari terakhir bulan itu"},
}
_MONTH_NAMES = {
    "en": ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "id": ["", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"],
}


def _describe_one(freq: str, months_after: int, lang: str) -> str:
    lang = "en" if lang == "en" else "id"
    months = period_months(freq) or 12
    if months > 12:
        one = f"one per {months // 12}-year period" if lang == "en" else f"satu per {months // 12} tahun"
        end = "the last day of its last year" if lang == "en" else "hari terakhir tahun terakhirnya"
    else:
        one, end = _ONE_PER[lang][months], _END_DAYS[lang][months]
    if not months_after:
        return f"{one}, due {end}" if lang == "en" else f"{one}, jatuh tempo {end}"
    example = ""
    if months == 12:
        m = (12 + months_after - 1) % 12 + 1
        day = _cal.monthrange(2001, m)[1]
        example = f" ({day} {_MONTH_NAMES[lang][m]})"
    if lang == "en":
        unit = "month" if months_after == 1 else "months"
        return f"{one}, due {months_after} {unit} after the period ends{example}"
    return f"{one}, jatuh tempo {months_after} bulan setelah periodenya berakhir{example}"


def period_months(freq: str) -> int | None:
    """Length in months of a period for a frequency the calendar supports (P1Y, P2Y, P6M, P3M, P1M)."""
    if freq.startswith("P") and freq.endswith("Y") and freq[1:-1].isdigit() and int(freq[1:-1]) > 0:
        return 12 * int(freq[1:-1])
    if freq.startswith("P") and freq.endswith("M") and freq[1:-1].isdigit() and int(freq[1:-1]) in _SUPPORTED_MONTHS:
        return int(freq[1:-1])
    return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _cal.monthrange(year, month)[1])


def _add_months_end(d: dt.date, months: int) -> dt.date:
    """The last day of the month ``months`` after ``d``'s month."""
    total = d.year * 12 + d.month - 1 + months
    if total // 12 > dt.MAXYEAR:  # a period ending in 9999: the due date is the last date there is
        return dt.date.max
    return _month_end(total // 12, total % 12 + 1)


def periods(freq: str, first: int, last: int) -> list[tuple[str, dt.date]]:
    """Every period of a rhythm within the plan years, as (label, last day)."""
    months = period_months(freq)
    if months is None:
        return []
    out: list[tuple[str, dt.date]] = []
    if months >= 12:
        step = months // 12
        for start in range(first, last + 1, step):
            end = min(start + step - 1, last)
            label = str(start) if start == end else f"{start}-{end}"
            out.append((label, dt.date(end, 12, 31)))
        return out
    for year in range(first, last + 1):
        for i in range(12 // months):
            label = {6: f"{year}-H{i + 1}", 3: f"{year}-Q{i + 1}", 1: f"{year}-{i + 1:02d}"}[months]
            out.append((label, _month_end(year, (i + 1) * months)))
    return out


@dataclass
class Deadline:
    obligation: Obligation
    period: str
    due: dt.date
    status: Status
    submitted: LogEntry | None = None

    def to_dict(self) -> dict[str, Any]:
        """As in the calendar JSON of docs/REPORT.md; a deadline the log answers also says when the report was
        submitted, its reference, and how many days late it was (0: on time)."""
        out: dict[str, Any] = {"obligation": self.obligation.id, "period": self.period, "due": self.due.isoformat(),
                               "status": self.status}
        if self.submitted is not None:
            late = (self.submitted.submitted - self.due).days
            out.update(submitted=self.submitted.submitted.isoformat(), reference=self.submitted.reference,
                       late=late > 0, days_late=max(late, 0))
        return out


@dataclass
class Calendar:
    """The obligations of one document and their deadlines, as of a date."""

    path: str
    obligations: list[Obligation]
    deadlines: list[Deadline] = field(default_factory=list)
    period: tuple[int, int] | None = None
    frequencies: set[str] = field(default_factory=set)  # rhythms used for deadlines
    unmatched: list[LogEntry] = field(default_factory=list)  # log entries naming nothing here

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "obligations": [o.to_dict() for o in self.obligations],
                "deadlines": [d.to_dict() for d in self.deadlines]}


def due_date(ob: Obligation, period_end: dt.date, months: int, convention: Convention) -> dt.date:
    """When a period's report is due: the text's own deadline, else the convention."""
    dl = ob.deadline
    if dl is not None:
        if dl.months_after is not None:
            return _add_months_end(period_end, dl.months_after)
        if dl.days_after is not None:
            if (dt.date.max - period_end).days < dl.days_after:
                return dt.date.max
            return period_end + dt.timedelta(days=dl.days_after)
        if dl.month is not None and dl.day is not None and months == 12:
            year = period_end.year + (1 if dl.next_year else 0)
            if year > dt.MAXYEAR:
                return dt.date.max
            return dt.date(year, dl.month, min(dl.day, _cal.monthrange(year, dl.month)[1]))
    if convention.months_after:
        return _add_months_end(period_end, convention.months_after)
    return period_end


def status_of(due: dt.date, as_of: dt.date, lookahead_days: int, *, log_given: bool, done: bool) -> Status:
    """done / overdue / due-soon / upcoming; a past deadline with no log to say is unknown."""
    if done:
        return "done"
    if due < as_of:
        return "overdue" if log_given else "unknown"
    if (due - as_of).days <= lookahead_days:
        return "due-soon"
    return "upcoming"


def _matches(entry: LogEntry, ob: Obligation, obligations: list[Obligation]) -> bool:
    if entry.obligation == ob.id:
        return True
    kind = entry.kind
    return kind == ob.kind and sum(o.kind == kind for o in obligations) == 1


def frequency_for(ob: Obligation, convention: Convention) -> str | None:
    """The rhythm deadlines follow: the text's, else (with a stated deadline or by config) yearly."""
    if ob.frequency is not None:
        return ob.frequency
    if ob.deadline is not None:
        return "P1Y"  # a date "every year" with no other rhythm recurs once a year
    return convention.assume_frequency


def build_calendar(doc: Document, *, as_of: dt.date, convention: Convention | None = None,
                   log: list[LogEntry] | None = None) -> Calendar:
    """Every deadline of every obligation of ``doc`` over its plan period, with status as of ``as_of``.

    ``log`` None means no report log was given: past deadlines are then ``unknown``.  Log entries dated
    after ``as_of`` do not count (on that day they had not been submitted yet).
    """
    convention = convention or Convention()
    obligations = extract_obligations(doc)
    years = doc.plan_years
    cal = Calendar(path=doc.source, obligations=obligations,
                   period=(years[0], years[-1]) if years else None)
    entries = [e for e in (log or []) if e.submitted <= as_of]
    used: set[int] = set()
    for ob in obligations:
        freq = frequency_for(ob, convention)
        if freq is None or not years:
            continue
        months = period_months(freq)
        if months is None:
            continue
        cal.frequencies.add(freq)
        for label, end in periods(freq, years[0], years[-1]):
            match = next((i for i, e in enumerate(entries) if e.period == label and _matches(e, ob, obligations)),
                         None)
            if match is not None:
                used.add(match)
            due = due_date(ob, end, months, convention)
            cal.deadlines.append(Deadline(
                obligation=ob, period=label, due=due,
                status=status_of(due, as_of, convention.lookahead_days, log_given=log is not None,
                                 done=match is not None),
                submitted=entries[match] if match is not None else None,
            ))
    cal.deadlines.sort(key=lambda d: (d.due, d.obligation.id))
    cal.unmatched = [e for i, e in enumerate(entries) if i not in used]
    return cal


def calendar_dict(calendars: list[Calendar], *, as_of: dt.date, convention: Convention) -> dict[str, Any]:
    """The calendar JSON of docs/REPORT.md (the convention is stated in English, a stable string)."""
    return {"as_of": as_of.isoformat(), "convention": describe_for(calendars, convention, "en"),
            "documents": [c.to_dict() for c in calendars]}


def describe_for(calendars: list[Calendar], convention: Convention, lang: str) -> str:
    """The convention as it applies to these calendars (rhythms used, stated deadlines)."""
    freqs: set[str] = set().union(*(c.frequencies for c in calendars)) if calendars else set()
    stated = any(d.obligation.deadline is not None for c in calendars for d in c.deadlines)
    return convention.describe(freqs, lang, stated=stated)
