"""iCalendar export of a calendar: one all-day event per deadline.

Each event carries the obligation (kind, actor, recipient, form, frequency), its legal basis
("Pasal 8 ayat (2)") and the document, both in the text (SUMMARY/DESCRIPTION, for people) and in
``X-RADCHECK-*`` properties (for tools).  A deadline not yet met has a reminder (VALARM)
``REMINDER_DAYS`` before it.  UIDs and DTSTAMP derive from the input, so the same input gives the same
file.  ``icalendar`` is imported here only: the CLI starts fast without it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from radcheck.obligations.calendar import KIND_LABELS, STATUS_LABELS, Calendar, Deadline

_TEXT = {
    "id": {"period": "periode", "due": "jatuh tempo", "actor": "Pelaksana", "to": "Kepada", "form": "Bentuk",
           "freq": "Frekuensi", "basis": "Dasar", "doc": "Dokumen", "status": "Status", "convention": "Konvensi",
           "as_of": "per", "submitted": "Disampaikan", "late": "terlambat disampaikan",
           "reminder": "Pengingat: tenggat dalam {days} hari"},
    "en": {"period": "period", "due": "due", "actor": "Actor", "to": "To", "form": "Form", "freq": "Frequency",
           "basis": "Basis", "doc": "Document", "status": "Status", "convention": "Convention", "as_of": "as of",
           "submitted": "Submitted", "late": "submitted late", "reminder": "Reminder: due in {days} days"},
}
# Two weeks: time to chase a report that is still missing, without a reminder months ahead.
REMINDER_DAYS = 14


def event_summary(cal: Calendar, d: Deadline, lang: str) -> str:
    kind = KIND_LABELS[lang][d.obligation.kind].capitalize()
    return f"{kind} {d.period} — {d.obligation.basis}"


def event_description(cal: Calendar, d: Deadline, lang: str, title: str | None, as_of: dt.date,
                      convention: str) -> str:
    t = _TEXT[lang]
    ob = d.obligation
    lines = [f"{KIND_LABELS[lang][ob.kind].capitalize()} ({ob.id}), {t['period']} {d.period}, "
             f"{t['due']} {d.due.isoformat()}"]
    if ob.actor:
        lines.append(f"{t['actor']}: {ob.actor}")
    if ob.recipient:
        lines.append(f"{t['to']}: {ob.recipient}")
    if ob.form:
        lines.append(f"{t['form']}: {ob.form}")
    lines.append(f"{t['freq']}: {ob.frequency_text or ob.frequency or '—'}")
    lines.append(f"{t['basis']}: {ob.basis}: {ob.excerpt}")
    lines.append(f"{t['doc']}: {cal.path}" + (f" ({title})" if title else ""))
    status = STATUS_LABELS[lang][d.status]
    if d.submitted is not None:
        extra = [f"{t['submitted']} {d.submitted.submitted.isoformat()}"]
        if d.submitted.submitted > d.due:
            extra.append(t["late"])
        if d.submitted.reference:
            extra.append(d.submitted.reference)
        status += f" ({', '.join(extra)})"
    lines.append(f"{t['status']} ({t['as_of']} {as_of.isoformat()}): {status}")
    lines.append(f"{t['convention']}: {convention}")
    return "\n".join(lines)


def _one_line(value: str) -> str:
    """An X- property value on one line: a file name may hold a CR or LF, which such a value may not."""
    return re.sub(r"[\r\n]+", " ", value)


def to_ics(calendars: list[tuple[Calendar, str | None]], *, as_of: dt.date, convention: str,
           lang: str = "id") -> bytes:
    """The deadlines of several documents (calendar, document title) as one iCalendar file."""
    import icalendar

    lang = "en" if lang == "en" else "id"
    out = icalendar.Calendar()
    out.add("prodid", "-//radcheck//calendar//EN")
    out.add("version", "2.0")
    out.add("calscale", "GREGORIAN")
    out.add("x-wr-calname", "radcheck")
    stamp = dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc)
    for cal, title in calendars:
        for d in cal.deadlines:
            ob = d.obligation
            key = f"{cal.path}|{ob.id}|{d.period}".encode()
            ev = icalendar.Event()
            ev.add("uid", f"{hashlib.sha1(key).hexdigest()}@radcheck")  # an id, not security
            ev.add("dtstamp", stamp)
            ev.add("dtstart", d.due)
            ev.add("dtend", d.due + dt.timedelta(days=1))
            ev.add("summary", event_summary(cal, d, lang))
            ev.add("description", event_description(cal, d, lang, title, as_of, convention))
            ev.add("categories", [ob.kind])
            ev.add("transp", "TRANSPARENT")
            ev.add("x-radcheck-obligation", _one_line(ob.id))
            ev.add("x-radcheck-kind", _one_line(ob.kind))
            ev.add("x-radcheck-period", _one_line(d.period))
            ev.add("x-radcheck-basis", _one_line(ob.basis))
            ev.add("x-radcheck-document", _one_line(cal.path))
            ev.add("x-radcheck-status", _one_line(d.status))
            if d.status != "done":
                alarm = icalendar.Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("trigger", dt.timedelta(days=-REMINDER_DAYS))
                alarm.add("description", f"{_TEXT[lang]['reminder'].format(days=REMINDER_DAYS)}: "
                                         f"{event_summary(cal, d, lang)}")
                ev.add_component(alarm)
            out.add_component(ev)
    return out.to_ical()
