"""Monitoring, evaluation and reporting obligations: extraction, calendar, report log, iCalendar.

``extract_obligations(doc)`` reads them from the body; ``build_calendar(doc, as_of=…)`` turns them into
deadlines over the plan period; ``load_report_log(path)`` reads ``--reports``; ``to_ics(...)`` writes
an iCalendar file.  The R rules (``radcheck.checks.obligations``) and ``radcheck calendar`` use these.
"""

from radcheck.obligations.calendar import (
    Calendar,
    Convention,
    Deadline,
    build_calendar,
    calendar_dict,
)
from radcheck.obligations.extract import Obligation, extract_obligations, parse_frequency
from radcheck.obligations.ics import to_ics
from radcheck.obligations.reportlog import LogEntry, ReportLogError, load_report_log

__all__ = [
    "Calendar",
    "Convention",
    "Deadline",
    "LogEntry",
    "Obligation",
    "ReportLogError",
    "build_calendar",
    "calendar_dict",
    "extract_obligations",
    "load_report_log",
    "parse_frequency",
    "to_ics",
]
