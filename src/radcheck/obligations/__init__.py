"""Monitoring, evaluation and reporting obligations: extraction, calendar, report log, iCalendar.

``extract_obligations(doc)`` reads them from the body; ``build_calendar(doc, as_of=…)`` turns them into
deadlines over the plan period; ``load_report_log(path)`` reads ``--reports``; ``to_ics(...)`` writes
an iCalendar file.  The R rules (``radcheck.checks.obligations``) and ``radcheck calendar`` use these.

The names are imported on first use (PEP 562): ``radcheck check`` imports the submodules it needs, and
the iCalendar writer is not one of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from radcheck.obligations.calendar import Calendar, Convention, Deadline, build_calendar, calendar_dict
    from radcheck.obligations.extract import Obligation, extract_obligations, parse_frequency
    from radcheck.obligations.ics import to_ics
    from radcheck.obligations.reportlog import LogEntry, ReportLogError, load_report_log

_HOME = {
    "Calendar": "calendar",
    "Convention": "calendar",
    "Deadline": "calendar",
    "build_calendar": "calendar",
    "calendar_dict": "calendar",
    "Obligation": "extract",
    "extract_obligations": "extract",
    "parse_frequency": "extract",
    "to_ics": "ics",
    "LogEntry": "reportlog",
    "ReportLogError": "reportlog",
    "load_report_log": "reportlog",
}

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


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once found, an ordinary module attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])
