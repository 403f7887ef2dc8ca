"""The Markdown report: for pasting into a review memo (GitHub, GitLab, Word via pandoc, chat).

A summary table, then per document its body findings and its findings per annex section, each as a
table.  Document text is escaped so a ``|``, ``*`` or ``<script>`` in a cell stays literal text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from radcheck.formats._tables import Entry, document_view, rule_counts
from radcheck.report import document_heading

if TYPE_CHECKING:
    from radcheck.report import Report

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "title": "Laporan pemeriksaan radcheck", "as_of": "Per tanggal", "summary": "Ringkasan",
        "severity": "Tingkat", "count": "Jumlah", "rule": "Aturan", "name": "Nama", "document": "Dokumen",
        "line": "Baris", "message": "Pesan", "excerpt": "Kutipan", "suggestion": "Saran", "status": "Status",
        "body": "Batang tubuh", "annex": "Lampiran", "clean": "Tidak ada temuan.", "error": "galat",
        "warning": "peringatan", "info": "info", "waived": "dikecualikan", "new": "baru", "open": "masih terbuka",
        "resolved": "diperbaiki", "waived_list": "Temuan yang dikecualikan",
        "resolved_list": "Temuan yang sudah diperbaiki",
        "justification": "Alasan", "approved_by": "Disetujui oleh", "expires": "Berlaku sampai",
        "expired": "Waiver kedaluwarsa (tidak lagi mengecualikan)", "unused": "Waiver yang tidak cocok dengan temuan",
        "across": "Lintas dokumen", "unreadable": "Dokumen tidak dapat dibaca.", "other": "Lampiran (bagian lain)",
        "baseline": "Dibandingkan dengan", "where": "Lokasi", "matches": "temuan",
    },
    "en": {
        "title": "radcheck report", "as_of": "As of", "summary": "Summary",
        "severity": "Severity", "count": "Count", "rule": "Rule", "name": "Name", "document": "Document",
        "line": "Line", "message": "Message", "excerpt": "Excerpt", "suggestion": "Suggestion", "status": "Status",
        "body": "Body", "annex": "Annex", "clean": "No findings.", "error": "error",
        "warning": "warning", "info": "info", "waived": "waived", "new": "new", "open": "still open",
        "resolved": "resolved", "waived_list": "Waived findings", "resolved_list": "Resolved findings",
        "justification": "Justification", "approved_by": "Approved by", "expires": "Expires",
        "expired": "Expired waivers (no longer waiving)", "unused": "Waivers that match no finding",
        "across": "Across documents", "unreadable": "The document could not be read.", "other": "Annex (other)",
        "baseline": "Compared with", "where": "Location", "matches": "findings",
    },
}
# Characters that start emphasis, code, links, strike-through or end a table cell in GitHub Markdown.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(value: Any) -> str:
    """Text for a Markdown table cell: one line, markup characters escaped, HTML made inert."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def code(value: Any) -> str:
    """A code span for text outside tables: literal (no escapes work inside one), on one line, fenced by
    more backticks than the longest run inside it, so a backtick in a waiver cannot end it early."""
    text = " ".join(str(value).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _table(head: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return out


def _entry_rows(entries: list[Entry], lab: dict[str, str], with_status: bool) -> list[list[Any]]:
    rows = []
    for e in entries:
        f = e.finding
        row = [f.line if f.line is not None else "—", f"{f.code} {f.name}", lab[f.severity]]
        if with_status:
            row.append(lab[e.status] if e.status else "")
        message = f.message + (f" {lab['suggestion']}: {f.suggestion}" if f.suggestion else "")
        row += [message, f"«{f.excerpt}»" if f.excerpt else ""]
        rows.append(row)
    return rows


def render(report: Report) -> str:
    lab = LABELS.get(report.lang, LABELS["id"])
    with_status = report.baseline is not None
    head = [lab["line"], lab["rule"], lab["severity"]] + ([lab["status"]] if with_status else []) + [
        lab["message"], lab["excerpt"]]
    out: list[str] = [f"# {lab['title']}", "", f"{lab['as_of']} {report.as_of.isoformat()} · radcheck {report.version}"]
    if report.baseline is not None:
        out[-1] += f" · {lab['baseline']} {code(report.baseline.get('file') or 'baseline')}"
    out += ["", f"## {lab['summary']}", ""]
    views = [document_view(report, d) for d in report.documents]
    counts = [[md(v.report.path)] + [sum(1 for f in v.report.findings if f.severity == s)
                                      for s in ("error", "warning", "info")] for v in views]
    extra_head: list[str] = []
    if report.waivers is not None:
        extra_head.append(lab["waived"])
        for row, v in zip(counts, views, strict=True):
            row.append(len(v.waived))
    if with_status:
        extra_head += [lab["new"], lab["open"], lab["resolved"]]
        for row, v in zip(counts, views, strict=True):
            statuses = list(v.report.status.values())
            row += [statuses.count("new"), statuses.count("open"), len(v.resolved)]
    total = ["**Total**", *(str(report.summary[s]) for s in ("error", "warning", "info"))]
    if report.waivers is not None:
        total.append(str(len(report.all_waived())))
    if with_status and report.baseline:
        total += [str(report.baseline[k]) for k in ("new", "open", "resolved")]
    out += ["| " + " | ".join([lab["document"], lab["error"], lab["warning"], lab["info"], *extra_head]) + " |",
            "|" + "|".join("---" for _ in range(4 + len(extra_head))) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in counts]
    out += ["| " + " | ".join(total) + " |", ""]
    codes = rule_counts(report)
    if codes:
        out += _table([lab["rule"], lab["name"], lab["severity"], lab["count"]] +
                      ([lab["waived"]] if report.waivers is not None else []),
                      [[c, n, lab[s], k] + ([w] if report.waivers is not None else []) for c, n, s, k, w in codes])
        out.append("")
    for key in ("expired", "unused"):
        items = (report.waivers or {}).get(key) or []
        if items:
            out += [f"**{lab[key]}**", ""]
            for w in items:
                more = f" ({w['matches']} {lab['matches']})" if key == "expired" else ""
                out.append(f"- {md(w['rule'])} {code(w['where'])} — {lab['expires']} {w['expires']}{more}; "
                           f"{md(w['justification'])} ({md(w['approved_by'])})")
            out.append("")
    for v in views:
        out += [f"## {md(v.report.path)}", ""]
        doc = v.report.document
        if doc is None:
            out += [lab["unreadable"], ""]
            out += _table(head, _entry_rows(v.entries, lab, with_status)) + [""]
            continue
        out += [f"*{md(document_heading(doc))}*", ""]
        if not v.entries and not v.waived:
            out += [lab["clean"], ""]
        if v.body:
            out += [f"### {lab['body']}", ""] + _table(head, _entry_rows(v.body, lab, with_status)) + [""]
        for t in v.tables:
            entries = sorted({e.number: e for e in [*t.entries, *(e for r in t.rows for e in r.all_entries())]
                              if e.waiver is None}.values(), key=lambda e: e.number)
            if entries:
                out += [f"### {lab['annex']} {md(t.section.letter)} — {md(t.section.title)}", ""]
                out += _table(head, _entry_rows(entries, lab, with_status)) + [""]
        if v.unplaced:
            out += [f"### {lab['other']}", ""] + _table(head, _entry_rows(v.unplaced, lab, with_status)) + [""]
        if v.waived:
            out += [f"### {lab['waived_list']}", ""]
            out += _table([lab["line"], lab["rule"], lab["message"], lab["justification"], lab["approved_by"],
                           lab["expires"]],
                          [[e.finding.line, e.finding.code, e.finding.message, e.waiver["justification"],
                            e.waiver["approved_by"], e.waiver["expires"]] for e in v.waived if e.waiver]) + [""]
        if v.resolved:
            out += [f"### {lab['resolved_list']}", ""]
            out += _table([lab["rule"], lab["where"], lab["message"], lab["excerpt"]],
                          [[f"{r.get('code')} {r.get('name', '')}", r.get("path"), r.get("message"),
                            r.get("excerpt")] for r in v.resolved]) + [""]
    if report.findings or report.waived or report.resolved:
        out += [f"## {lab['across']}", ""]
        rows = [[f.document, f"{f.code} {f.name}", lab[f.severity],
                 lab[report.status[f]] if f in report.status else "", f.message] for f in report.findings]
        rows += [[w.finding.document, f"{w.finding.code} {w.finding.name}", lab[w.finding.severity], lab["waived"],
                  w.finding.message] for w in report.waived]
        rows += [[r.get("document"), f"{r.get('code')} {r.get('name', '')}", lab.get(r.get("severity", ""), ""),
                  lab["resolved"], r.get("message")] for r in report.resolved]
        out += _table([lab["document"], lab["rule"], lab["severity"], lab["status"], lab["message"]], rows) + [""]
    return "\n".join(out).rstrip("\n") + "\n"
