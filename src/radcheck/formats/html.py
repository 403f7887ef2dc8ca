"""The HTML report: one self-contained file a legal drafter opens in a browser and prints.

No network: the CSS and the small filter script are inline, and a Content-Security-Policy admits only
that script (by its hash), so text from a document can never run even if it looked like markup.
All document text goes through Jinja2 autoescaping.  Bahasa Indonesia by default (``--lang en``).

Errors come first (a "fix these first" list under the summary, rules ranked errors first); a search box
and the filters hide what is not wanted (and are not printed).  Beside each indicator row with a
trajectory finding (T005–T008) a small inline SVG draws the baseline and the yearly targets, so a
falling or erratic line is seen before it is read.
"""

from __future__ import annotations

import base64
import hashlib
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from radcheck.findings import SEVERITY_RANK
from radcheck.formats._tables import DocumentView, Entry, document_view
from radcheck.formats._words import document_heading, finding_place, occurrence_place, occurrences_of, rule_counts
from radcheck.report import document_stats

if TYPE_CHECKING:
    from radcheck.model import Indicator, Section
    from radcheck.report import Report

# Rules about the shape of a target series: their rows get a chart.
TRAJECTORY_RULES = frozenset({"T005", "T006", "T007", "T008"})
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 150, 54, 7
SEVERITY_COLOURS = {"error": "#b42318", "warning": "#8a5a00", "info": "#075985"}

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "title": "Laporan pemeriksaan radcheck", "as_of": "Per tanggal", "summary": "Ringkasan",
        "documents": "Dokumen", "severity": "Tingkat", "count": "Jumlah", "rule": "Aturan", "name": "Nama",
        "waived": "Dikecualikan", "error": "Kesalahan", "warning": "Peringatan", "info": "Info",
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
        "fix_first": "Perbaiki ini dulu", "search": "Cari", "search_hint": "Cari kata, kode, OPD …",
        "also": "juga di {n} tempat lain", "baseline_short": "awal", "page_row": "Hlm.:baris",
        "chart": "Kondisi awal dan target",
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
        "fix_first": "Fix these first", "search": "Search", "search_hint": "Search words, codes, agencies …",
        "also": "also in {n} other places", "baseline_short": "base", "page_row": "Page:row",
        "chart": "Baseline and targets",
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


def _number(cell: Any) -> float | None:
    return cell.value if cell is not None and cell.value is not None else None


def trajectory_chart(ind: Indicator, years: list[int], flagged: dict[int | None, str], lab: dict[str, str]) -> str:
    """An inline SVG of the baseline and the yearly targets: a line through the numbers, a gap where a
    year has none, the years a finding is about marked in its severity's colour (``flagged``: year →
    severity; the key None marks the whole series)."""
    from markupsafe import escape

    points: list[tuple[str, float | None, int | None]] = []
    if ind.baseline is not None:
        points.append((lab["baseline_short"], _number(ind.baseline), None))
    points += [(str(y), _number(ind.targets.get(y)), y) for y in years]
    values = [v for _, v, _ in points if v is not None]
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (CHART_WIDTH - 2 * CHART_PAD) / max(len(points) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        y = CHART_HEIGHT - CHART_PAD - (v - low) / span * (CHART_HEIGHT - 2 * CHART_PAD)
        if high == low:
            y = CHART_HEIGHT / 2
        return round(CHART_PAD + i * step, 1), round(y, 1)

    runs: list[list[tuple[float, float]]] = [[]]
    for i, (_, v, _) in enumerate(points):
        if v is None:
            runs.append([])
        else:
            runs[-1].append(xy(i, v))
    whole = flagged.get(None)
    line_colour = SEVERITY_COLOURS.get(whole or "", "#5f6b7a")
    parts = [f'<polyline fill="none" stroke="{line_colour}" stroke-width="1.6" points="'
             + " ".join(f"{x},{y}" for x, y in run) + '"/>' for run in runs if len(run) > 1]
    filled = [run for run in runs if run]
    for before, after in zip(filled, filled[1:]):  # a year without a number: the gap bridged, dashed
        (x1, y1), (x2, y2) = before[-1], after[0]
        parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{line_colour}" stroke-width="1" '
                     f'stroke-dasharray="3 3"/>')
    for i, (label, v, year) in enumerate(points):
        if v is None:
            continue
        x, y = xy(i, v)
        sev = flagged.get(year) if year is not None else None
        colour = SEVERITY_COLOURS.get(sev or "", "#9aa5b1" if year is None else "#1f2933")
        radius = 3.2 if sev else 2.2
        parts.append(f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{colour}"><title>{escape(label)}: '
                     f"{escape(_shown(v))}</title></circle>")
    said = "; ".join(f"{label}: {_shown(v) if v is not None else '—'}" for label, v, _ in points)
    title = f"{lab['chart']} — {said}"
    return (f'<svg class="chart" role="img" width="{CHART_WIDTH}" height="{CHART_HEIGHT}" '
            f'viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" xmlns="http://www.w3.org/2000/svg" '
            f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
            f'<line x1="{CHART_PAD}" y1="{CHART_HEIGHT - 2}" x2="{CHART_WIDTH - CHART_PAD}" y2="{CHART_HEIGHT - 2}" '
            f'stroke="#cfd6de" stroke-width="1"/>' + "".join(parts) + "</svg>")


def _shown(v: float) -> str:
    return (f"{v:,.0f}" if v == int(v) else f"{v:,.2f}".rstrip("0")).replace(",", " ").replace(".", ",")


def _add_charts(view: DocumentView, lab: dict[str, str]) -> None:
    """A chart beside each indicator row that has a trajectory finding."""
    for table in view.tables:
        section: Section = table.section
        by_id = {f"/lampiran/{ind.id}": ind for ind in section.indicators}
        for row in table.rows:
            flagged: dict[str, dict[int | None, str]] = {}
            for e in row.all_entries():
                f = e.finding
                if f.code not in TRAJECTORY_RULES or e.waiver is not None:
                    continue
                base, _, rest = f.path.partition("/targets")
                year = int(rest[1:5]) if rest[1:5].isdigit() else None
                marks = flagged.setdefault(base, {})
                if SEVERITY_RANK[f.severity] > SEVERITY_RANK.get(marks.get(year, ""), 0):
                    marks[year] = f.severity
            charts = [trajectory_chart(by_id[b], sorted(set(section.target_years)), marks, lab)
                      for b, marks in flagged.items() if b in by_id]
            row.chart = "".join(charts)


def _fix_first(views: list[DocumentView]) -> list[tuple[int, Entry]]:
    """Every error (not waived), document by document: (document number, entry)."""
    return [(n, e) for n, v in enumerate(views, start=1) for e in v.entries
            if e.finding.severity == "error" and e.waiver is None]


def render(report: Report) -> str:
    env = _environment()
    lab = LABELS.get(report.lang, LABELS["id"])
    lang = report.lang if report.lang in LABELS else "id"
    env.filters["place"] = lambda f: finding_place(f, lang)
    env.filters["occurrences"] = occurrences_of
    env.filters["occurrence_place"] = lambda o: occurrence_place(o, lang)
    views = [document_view(report, d) for d in report.documents]
    for v in views:
        _add_charts(v, lab)
    codes = sorted(rule_counts(report), key=lambda c: (-SEVERITY_RANK[c[2]], c[0]))
    script = env.get_template("report.js").render()
    css = env.get_template("report.css").render()
    # What the template shows of each document besides its findings (not the findings again).
    data = [{"heading": document_heading(d.document), "stats": document_stats(d.document)} if d.document else {}
            for d in report.documents]
    cross = [{"finding": f, "status": report.status.get(f)} for f in report.findings]
    return env.get_template("report.html.j2").render(
        lab=lab, lang=report.lang if report.lang in LABELS else "id", report=report, views=views,
        data=data, codes=codes, summary=report.summary, waived_count=len(report.all_waived()),
        cross=cross, cross_waived=report.waived, cross_resolved=report.resolved, fix_first=_fix_first(views),
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
