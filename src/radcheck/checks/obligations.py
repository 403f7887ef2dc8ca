"""R — monitoring and reporting obligations.

R001/R002: the body has no monitoring-and-evaluation / reporting article.  R003: such an article
gives no frequency or deadline ("secara berkala" alone).  R004: a deadline falls within the look-ahead
window after ``--as-of`` (``lookahead-days`` in ``[tool.radcheck.calendar]``, default 60).  R005: with a
report log (``--reports``), a deadline before ``--as-of`` with no submission logged.

Obligations come from ``radcheck.obligations.extract``; deadlines from ``radcheck.obligations.calendar``
under the convention configured there.  Documents whose body was not read (no Pasal at all, e.g. an
annex-only spreadsheet) are not judged by R001–R003: absence of text is not absence of a clause.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
from radcheck.model import Document
from radcheck.obligations.calendar import KIND_LABELS, Calendar, Convention, build_calendar
from radcheck.obligations.extract import Obligation, extract_obligations
from radcheck.obligations.reportlog import load_report_log
from radcheck.words import word


def _kind(kind: str) -> dict[str, str]:
    return {"id": KIND_LABELS["id"][kind].capitalize(), "en": KIND_LABELS["en"][kind].capitalize()}


def _has_body(doc: Document) -> bool:
    return bool(doc.pasal())


def _obligations(doc: Document, ctx: Context) -> list[Obligation]:
    # R001–R003 read the same obligations: extracted once per run (every Pasal's text is scanned).
    return ctx.memo(doc, "obligations.extracted", lambda: extract_obligations(doc))


def _missing(doc: Document, ctx: Context, kind: str) -> bool:
    return _has_body(doc) and not any(o.kind == kind for o in _obligations(doc, ctx))


@rule("R001")
def check_missing_monitoring_clause(doc: Document, ctx: Context) -> Iterator[Hit]:
    if _missing(doc, ctx, "monitoring"):
        yield hit("R001", "/body")


@rule("R002")
def check_missing_reporting_clause(doc: Document, ctx: Context) -> Iterator[Hit]:
    if _missing(doc, ctx, "reporting"):
        yield hit("R002", "/body")


@rule("R003")
def check_vague_reporting_frequency(doc: Document, ctx: Context) -> Iterator[Hit]:
    for ob in _obligations(doc, ctx):
        if ob.definite:
            continue
        berkala = word("obligation-only-periodic") if ob.periodic_only else ""
        yield hit("R003", ob.path, line=ob.line, end_line=ob.end_line, excerpt=ob.excerpt, basis=ob.basis,
                  kind={"id": KIND_LABELS["id"][ob.kind], "en": KIND_LABELS["en"][ob.kind]}, berkala=berkala)


def _calendar(doc: Document, ctx: Context) -> Calendar:
    # R004 and R005 read the same deadlines: the calendar is built once per run.
    def build() -> Calendar:
        log = load_report_log(ctx.reports) if ctx.reports is not None else None
        return build_calendar(doc, as_of=ctx.as_of, convention=Convention.from_config(ctx.config), log=log)

    return ctx.memo(doc, "obligations.calendar", build)


def _deadline_params(ob: Obligation, period: str) -> dict[str, Any]:
    to = word("obligation-recipient", recipient=ob.recipient) if ob.recipient else ""
    return {"kind": _kind(ob.kind), "obligation": ob.id, "period": period, "basis": ob.basis,
            "what": word(f"obligation-work.{ob.kind}"), "to": to}


@rule("R004")
def check_report_due(doc: Document, ctx: Context) -> Iterator[Hit]:
    for d in _calendar(doc, ctx).deadlines:
        if d.status == "due-soon":
            ob = d.obligation
            yield hit("R004", f"{ob.path}/deadline/{d.period}", line=ob.line, end_line=ob.end_line,
                      excerpt=ob.excerpt, due=d.due.isoformat(), days=(d.due - ctx.as_of).days,
                      **_deadline_params(ob, d.period))


@rule("R005")
def check_report_overdue(doc: Document, ctx: Context) -> Iterator[Hit]:
    if ctx.reports is None:
        return
    for d in _calendar(doc, ctx).deadlines:
        if d.status == "overdue":
            ob = d.obligation
            yield hit("R005", f"{ob.path}/deadline/{d.period}", line=ob.line, end_line=ob.end_line,
                      excerpt=ob.excerpt, due=d.due.isoformat(), days=(ctx.as_of - d.due).days,
                      **_deadline_params(ob, d.period))
