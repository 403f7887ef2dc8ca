"""``radcheck calendar PATH...``: monitoring and reporting deadlines, their status, an iCalendar file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from radcheck.cli import fail
from radcheck.cli.options import as_of_option, config_option, input_files, lang_option, output_option, write_output

if TYPE_CHECKING:
    from radcheck.model import Document
    from radcheck.obligations import Calendar, Convention

_HEAD = {
    "id": {"convention": "Konvensi", "as_of": "Per tanggal", "log": "log laporan", "nolog":
           "tanpa log laporan: tenggat yang sudah lewat berstatus 'tidak diketahui'",
           "obligations": "Kewajiban", "deadlines": "Tenggat", "due": "Jatuh tempo", "obligation": "Kewajiban",
           "period": "Periode", "status": "Status", "line": "baris", "none": "tidak ada pasal pemantauan "
           "atau pelaporan", "nofreq": "tanpa frekuensi (R003): tidak ada tenggat", "noperiod":
           "periode rencana tidak diketahui: tidak ada tenggat", "unsupported": "frekuensi ini tidak dijadwalkan",
           "unmatched": "Entri log yang tidak cocok dengan kewajiban mana pun di dokumen ini",
           "late": "terlambat disampaikan", "every": "sekurang-kurangnya"},
    "en": {"convention": "Convention", "as_of": "As of", "log": "report log", "nolog":
           "no report log: past deadlines are 'unknown'", "obligations": "Obligations", "deadlines": "Deadlines",
           "due": "Due", "obligation": "Obligation", "period": "Period", "status": "Status", "line": "line",
           "none": "no monitoring or reporting article", "nofreq": "no frequency (R003): no deadlines",
           "noperiod": "plan period unknown: no deadlines", "unsupported": "this frequency is not scheduled",
           "unmatched": "Log entries that match no obligation of this document", "late": "submitted late"},
}


@click.command("calendar")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@as_of_option
@click.option("--reports", type=click.Path(dir_okay=False, path_type=Path),
              help="Report log (YAML or CSV): obligation, period, submitted, reference.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--ics", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the deadlines as an iCalendar file.")
@output_option
@lang_option
@config_option
def calendar_command(paths: tuple[Path, ...], as_of: dt.date | None, reports: Path | None, fmt: str,
                     ics: Path | None, output: Path | None, lang: str | None, config_path: Path | None) -> None:
    """Monitoring and reporting deadlines over the plan period, with their status.

    Status: done (logged), overdue (past, not logged), due-soon (within lookahead-days),
    upcoming, unknown (past, and no --reports log to say). The convention for deadlines the text does
    not date is set in [tool.radcheck.calendar] and printed with the calendar.
    """
    import json

    from radcheck.api import load
    from radcheck.config import ConfigError, load_config
    from radcheck.obligations import Convention, build_calendar, calendar_dict, load_report_log
    from radcheck.obligations.calendar import describe_for
    from radcheck.readers.common import UnreadableInput

    try:
        config = load_config(config_path)
        convention = Convention.from_config(config)
    except ConfigError as exc:
        fail(str(exc))
    lang = lang or config.lang
    as_of = as_of or dt.date.today()
    files = input_files(paths)
    if not files:
        fail(f"{' '.join(map(str, paths))}: no readable documents found")
    try:
        log = load_report_log(reports) if reports is not None else None
        docs = [load(f, config=config) for f in files]
    except UnreadableInput as exc:
        fail(str(exc))
    calendars = [build_calendar(d, as_of=as_of, convention=convention, log=log) for d in docs]
    if ics is not None:
        from radcheck.obligations.ics import to_ics
        from radcheck.report import display_title

        data = to_ics([(c, display_title(d.title)) for c, d in zip(calendars, docs, strict=True)], as_of=as_of,
                      convention=describe_for(calendars, convention, lang), lang=lang)
        write_output(data, ics)
    if fmt == "json":
        text = json.dumps(calendar_dict(calendars, as_of=as_of, convention=convention), ensure_ascii=False,
                          indent=2) + "\n"
    else:
        text = render_text(calendars, docs, as_of=as_of, convention=convention, reports=reports, lang=lang)
    write_output(text, output)


def render_text(calendars: list[Calendar], docs: list[Document], *, as_of: dt.date, convention: Convention,
                reports: Path | None, lang: str) -> str:
    """The calendar as plain text tables (stable, so it can be diffed and tested)."""
    from radcheck.obligations.calendar import KIND_LABELS, STATUS_LABELS, describe_for, frequency_for, period_months
    from radcheck.report import display_title

    lang = "en" if lang == "en" else "id"
    h = _HEAD[lang]
    lines = [f"{h['convention']}: {describe_for(calendars, convention, lang)}",
             f"{h['as_of']} {as_of.isoformat()} · " + (f"{h['log']}: {reports}" if reports else h["nolog"])]
    for cal, doc in zip(calendars, docs, strict=True):
        lines.append("")
        period = f" ({cal.period[0]}–{cal.period[1]})" if cal.period else ""
        title = display_title(doc.title)
        lines.append(f"{cal.path}" + (f" — {title}" if title else "") + period)
        if not cal.obligations:
            lines.append(f"  {h['none']}")
            continue
        lines.append(f"  {h['obligations']}")
        for ob in cal.obligations:
            who = ob.actor or "?"
            if ob.recipient:
                who += f" → {ob.recipient}"
            if ob.form:
                who += f", {ob.form}"
            freq = f"{ob.frequency_text} ({ob.frequency})" if ob.frequency else ""
            if ob.deadline is not None:
                freq = f"{freq}; {ob.deadline.text}" if freq else ob.deadline.text
            note = ""
            if frequency_for(ob, convention) is None:
                note = f"  [{h['nofreq']}]"
            elif ob.frequency and period_months(ob.frequency) is None:
                note = f"  [{h['unsupported']}]"
            lines.append(f"    {ob.id:<10} {KIND_LABELS[lang][ob.kind]:<26} {who}")
            lines.append(f"    {'':<10} {freq or '—'} · {ob.basis}, {h['line']} {ob.line}{note}")
        if cal.period is None:
            lines.append(f"  {h['noperiod']}")
            continue
        if not cal.deadlines:
            continue
        lines.append(f"  {h['deadlines']}")
        width = max(len(h["obligation"]), *(len(d.obligation.id) for d in cal.deadlines))
        lines.append(f"    {h['due']:<11}  {h['obligation']:<{width}}  {h['period']:<9}  {h['status']}")
        for d in cal.deadlines:
            status = STATUS_LABELS[lang][d.status]
            if d.submitted is not None:
                extra = [d.submitted.submitted.isoformat()]
                if d.submitted.submitted > d.due:
                    extra.append(h["late"])
                if d.submitted.reference:
                    extra.append(d.submitted.reference)
                status += f" ({', '.join(extra)})"
            lines.append(f"    {d.due.isoformat():<11}  {d.obligation.id:<{width}}  {d.period:<9}  {status}")
        if cal.unmatched:
            lines.append(f"  {h['unmatched']}:")
            for e in cal.unmatched:
                lines.append(f"    {e.obligation} {e.period} {e.submitted.isoformat()}")
    return "\n".join(lines) + "\n"

