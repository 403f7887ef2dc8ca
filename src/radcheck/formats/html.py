"""The HTML report: one self-contained file a legal drafter opens in a browser and prints.

No network: the CSS and the small filter script are inline, and a Content-Security-Policy admits only
that script (by its hash), so text from a document can never run even if it looked like markup.
All document text goes through Jinja2 autoescaping.  Bahasa Indonesia by default (``--lang en``).
"""

from __future__ import annotations

import base64
import hashlib
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from radcheck.formats._tables import document_view, rule_counts
from radcheck.report import document_heading, document_stats

if TYPE_CHECKING:
    from radcheck.report import Report

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "title": "Laporan pemeriksaan radcheck", "as_of": "Per tanggal", "summary": "Ringkasan",
        "documents": "Dokumen", "severity": "Tingkat", "count": "Jumlah", "rule": "Aturan", "name": "Nama",
        "waived": "Dikecualikan", "error": "Galat", "warning": "Peringatan", "info": "Info",
        "filters": "Saring", "all_rules": "Semua aturan", "body": "Batang tubuh", "annex": "Lampiran",
        "line": "Baris", "findings": "Temuan", "suggest": "Saran", "clean": "Tidak ada temuan.",
        "unreadable": "Dokumen tidak dapat dibaca.", "section_findings": "Temuan untuk bagian ini",
        "unplaced": "Temuan lampiran lain", "waived_list": "Temuan yang dikecualikan (waiver)",
        "resolved": "Temuan yang sudah diperbaiki (sejak baseline)", "new": "baru", "open": "masih terbuka",
        "status_resolved": "diperbaiki", "justification": "Alasan", "approved_by": "Disetujui oleh",
        "expires": "Berlaku sampai", "expired_waivers": "Waiver kedaluwarsa (tidak lagi mengecualikan)",
        "unused_waivers": "Waiver yang tidak cocok dengan temuan mana pun", "matches": "temuan",
        "baseline": "Dibandingkan dengan", "across": "Lintas dokumen", "no_table_findings": "Tanpa temuan",
        "stats": "{sections} bagian · {issues} permasalahan · {goals} tujuan · {activities} kegiatan · "
                 "{indicators} indikator · {agency_mentions} sebutan OPD",
        "total": "Total", "where": "Lokasi",
        "only_flagged": "Hanya baris yang bertemuan",
    },
    "en": {
        "title": "radcheck report", "as_of": "As of", "summary": "Summary",
        "documents": "Documents", "severity": "Severity", "count": "Count", "rule": "Rule", "name": "Name",
        "waived": "Waived", "error": "Error", "warning": "Warning", "info": "Info",
        "filters": "Filter", "all_rules": "All rules", "body": "Body", "annex": "Annex",
        "line": "Line", "findings": "Findings", "suggest": "Suggestion", "clean": "No findings.",
        "unreadable": "The document could not be read.", "section_findings": "Findings about this section",
        "unplaced": "Other annex findings", "waived_list": "Waived findings",
        "resolved": "Resolved findings (since the baseline)", "new": "new", "open": "still open",
        "status_resolved": "resolved", "justification": "Justification", "approved_by": "Approved by",
        "expires": "Expires", "expired_waivers": "Expired waivers (no longer waiving)",
        "unused_waivers": "Waivers that match no finding", "matches": "findings",
        "baseline": "Compared with", "across": "Across documents", "no_table_findings": "No findings",
        "stats": "{sections} sections · {issues} issues · {goals} goals · {activities} activities · "
                 "{indicators} indicators · {agency_mentions} agency mentions",
        "total": "Total", "where": "Location",
        "only_flagged": "Only rows with findings",
    },
}


# Markup shown above the report by render_framed (the web page's downloads and links); empty in a file.
_FRAME: ContextVar[str] = ContextVar("radcheck_html_frame", default="")


def _environment() -> Any:
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("radcheck.formats", "templates"),
        autoescape=True,  # every value is document text until proven otherwise
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["frame"] = Markup(_FRAME.get())  # trusted: radcheck's own markup (render_framed), or nothing
    return env


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def render(report: Report) -> str:
    env = _environment()
    lab = LABELS.get(report.lang, LABELS["id"])
    views = [document_view(report, d) for d in report.documents]
    codes = rule_counts(report)
    script = env.get_template("report.js").render()
    css = env.get_template("report.css").render()
    # What the template shows of each document besides its findings (not the findings again).
    data = [{"heading": document_heading(d.document), "stats": document_stats(d.document)} if d.document else {}
            for d in report.documents]
    cross = [{"finding": f, "status": report.status.get(f)} for f in report.findings]
    return env.get_template("report.html.j2").render(
        lab=lab, lang=report.lang if report.lang in LABELS else "id", report=report, views=views,
        data=data, codes=codes, summary=report.summary, waived_count=len(report.all_waived()),
        cross=cross, cross_waived=report.waived, cross_resolved=report.resolved,
        script=script, css=css, script_hash=_csp_hash(script),
    )


def render_framed(report: Report, frame: str) -> str:
    """The same report, with ``frame`` (trusted markup: ``radcheck serve``'s downloads and links) at the top
    of the page: one template for the file and the web page."""
    token = _FRAME.set(frame)
    try:
        return render(report)
    finally:
        _FRAME.reset(token)


def script_hash() -> str:
    """The Content-Security-Policy source that admits the report's own script (``'sha256-…'``)."""
    return _csp_hash(_environment().get_template("report.js").render())
