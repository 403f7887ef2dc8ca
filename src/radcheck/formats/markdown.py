"""The Markdown report: for pasting into a review memo (GitHub, GitLab, Word via pandoc, chat).

A summary table, then per document its body findings and its findings per annex section, each as a
table.  Document text is escaped so a ``|``, ``*`` or ``<script>`` in a cell stays literal text.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from radcheck.findings import SEVERITY_RANK
from radcheck.formats._tables import Entry, document_view
from radcheck.formats._words import document_heading, finding_place, occurrences_of, rule_counts

if TYPE_CHECKING:
    from radcheck.findings import Finding
    from radcheck.report import Report

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "title": "Laporan pemeriksaan radcheck", "as_of": "Per tanggal", "summary": "Ringkasan",
        "severity": "Tingkat", "count": "Jumlah", "rule": "Aturan", "name": "Nama", "document": "Dokumen",
        "line": "Baris", "message": "Pesan", "excerpt": "Kutipan", "suggestion": "Saran", "status": "Status",
        "body": "Batang tubuh", "annex": "Lampiran", "clean": "Tidak ada temuan.", "error": "kesalahan",
        "fix_first": "Temuan per aturan, kesalahan dulu (perbaiki ini dulu)", "also": "juga di {n} tempat lain",
        "by_place": "hanya lokasinya",
        "shortened": "*Laporan ini diringkas agar muat dalam satu komentar ({limit} karakter): kutipan dan "
                     "rincian temuan berikut tidak ditampilkan: {left}. Laporan lengkap: `--format html` atau "
                     "`--format json`.*",
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
        "fix_first": "Findings per rule, errors first (fix these first)", "also": "also in {n} other places",
        "by_place": "places only",
        "shortened": "*This report was shortened to fit one comment ({limit} characters): excerpts and the details "
                     "of these findings are not shown: {left}. Full report: `--format html` or `--format json`.*",
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


# GitHub's limit on one pull-request or issue comment, in characters: the report must fit in one.
COMMENT_LIMIT = 65_536
# How to shorten, step by step, until the report fits: first leave out the excerpts; then show the
# findings of a severity by their places only (one line per rule: where), then by their counts only
# (in the section's summary line), info before warnings before errors.
_FIT_STEPS: tuple[tuple[bool, dict[str, str]], ...] = (
    (True, {}), (False, {}), (False, {"info": "places"}), (False, {"info": "count"}),
    (False, {"info": "count", "warning": "places"}), (False, {"info": "count", "warning": "count"}),
    (False, {"info": "count", "warning": "count", "error": "places"}),
    (False, {"info": "count", "warning": "count", "error": "count"}),
)


def _where(f: Finding, lang: str) -> str:
    return finding_place(f, lang) or "—"


class _Rows:
    """Table rows of findings, with each rule's suggestion given once per document and wording."""

    def __init__(self, lab: dict[str, str], lang: str, with_status: bool, excerpts: bool, omit: dict[str, str]):
        self.lab, self.lang, self.with_status, self.excerpts, self.omit = lab, lang, with_status, excerpts, omit
        self.shown: set[tuple[str, str]] = set()
        self.left_out: dict[str, int] = {}

    def head(self) -> list[str]:
        lab = self.lab
        return [lab["where"], lab["rule"], lab["severity"]] + ([lab["status"]] if self.with_status else []) + [
            lab["message"]] + ([lab["excerpt"]] if self.excerpts else [])

    def rows(self, entries: list[Entry]) -> list[list[Any]]:
        lab = self.lab
        rows = []
        for e in entries:
            f = e.finding
            if f.severity in self.omit:
                self.left_out[f.severity] = self.left_out.get(f.severity, 0) + 1
                continue  # shown by place or by count: see ``places``
            row = [_where(f, self.lang), f"{f.code} {f.name}", lab[f.severity]]
            if self.with_status:
                row.append(lab[e.status] if e.status else "")
            message = f.message
            places = occurrences_of(f)[1:]
            if places:
                message += f" ({lab['also'].format(n=len(places))})"
            if f.suggestion and (f.code, f.suggestion) not in self.shown:
                self.shown.add((f.code, f.suggestion))
                message += f" {lab['suggestion']}: {f.suggestion}"
            row.append(message)
            if self.excerpts:
                row.append(f"«{f.excerpt}»" if f.excerpt and f.excerpt not in f.message else "")
            rows.append(row)
        return rows

    def block(self, title: str, entries: list[Entry]) -> list[str]:
        """A heading, and the findings' table collapsed under a line of counts."""
        counts = Counter(e.finding.severity for e in entries)
        said = " · ".join(f"{counts[s]} {self.lab[s]}" for s in ("error", "warning", "info") if counts[s])
        rows = self.rows(entries)
        out = [f"### {title}", "", f"<details><summary>{said}</summary>", ""]
        if rows:
            out += _table(self.head(), rows) + [""]
        out += self.places(entries)
        return out + ["</details>", ""]

    def places(self, entries: list[Entry]) -> list[str]:
        """The findings shown by place only: one line per rule, its count and where."""
        by_rule: dict[tuple[str, str, str], list[str]] = {}
        for e in entries:
            f = e.finding
            if self.omit.get(f.severity) == "places":
                by_rule.setdefault((f.severity, f.code, f.name), []).append(_where(f, self.lang))
        ranked = sorted(by_rule.items(), key=lambda kv: (-SEVERITY_RANK[kv[0][0]], kv[0][1]))
        out = [f"- **{code} {md(name)}** ({self.lab[sev]}, {len(where)}): "
               + md("; ".join(w if n == 1 else f"{w} (×{n})" for w, n in Counter(where).items()))
               for (sev, code, name), where in ranked]
        return out + [""] if out else []


def render(report: Report) -> str:
    """The report, shortened step by step (see ``_FIT_STEPS``) until it fits one PR comment."""
    out = ""
    for excerpts, omit in _FIT_STEPS:
        out = _render(report, excerpts, omit)
        if len(out) <= COMMENT_LIMIT:
            break
    return out


def _render(report: Report, excerpts: bool, omit: dict[str, str]) -> str:
    lab = LABELS.get(report.lang, LABELS["id"])
    lang = report.lang if report.lang in LABELS else "id"
    with_status = report.baseline is not None
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
    codes = sorted(rule_counts(report), key=lambda c: (-SEVERITY_RANK[c[2]], -c[3], c[0]))
    if codes:
        out += [f"**{lab['fix_first']}**", ""]
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
    left_out: Counter[str] = Counter()
    for v in views:
        rows = _Rows(lab, lang, with_status, excerpts, omit)
        out += [f"## {md(v.report.path)}", ""]
        doc = v.report.document
        if doc is None:
            out += [lab["unreadable"], ""]
            out += _table(rows.head(), _Rows(lab, lang, with_status, excerpts, {}).rows(v.entries)) + [""]
            continue
        out += [f"*{md(document_heading(doc))}*", ""]
        if not v.entries and not v.waived:
            out += [lab["clean"], ""]
        if v.body:
            out += rows.block(lab["body"], v.body)
        for t in v.tables:
            entries = sorted({e.number: e for e in [*t.entries, *(e for r in t.rows for e in r.all_entries())]
                              if e.waiver is None}.values(), key=lambda e: e.number)
            if entries:
                out += rows.block(f"{lab['annex']} {md(t.section.letter)} — {md(t.section.title)}", entries)
        if v.unplaced:
            out += rows.block(lab["other"], v.unplaced)
        left_out.update(rows.left_out)
        if v.waived:
            out += [f"### {lab['waived_list']}", "", f"<details><summary>{len(v.waived)} {lab['waived']}</summary>",
                    ""]
            out += _table([lab["where"], lab["rule"], lab["message"], lab["justification"], lab["approved_by"],
                           lab["expires"]],
                          [[_where(e.finding, lang), e.finding.code, e.finding.message, e.waiver["justification"],
                            e.waiver["approved_by"], e.waiver["expires"]] for e in v.waived if e.waiver])
            out += ["", "</details>", ""]
        if v.resolved:
            out += [f"### {lab['resolved_list']}", "",
                    f"<details><summary>{len(v.resolved)} {lab['resolved']}</summary>", ""]
            out += _table([lab["rule"], lab["where"], lab["message"], lab["excerpt"]],
                          [[f"{r.get('code')} {r.get('name', '')}", r.get("path"), r.get("message"),
                            r.get("excerpt")] for r in v.resolved])
            out += ["", "</details>", ""]
    if report.findings or report.waived or report.resolved:
        out += [f"## {lab['across']}", ""]
        rows_: list[list[Any]] = [[f.document, f"{f.code} {f.name}", lab[f.severity],
                  lab[report.status[f]] if f in report.status else "", f.message] for f in report.findings]
        rows_ += [[w.finding.document, f"{w.finding.code} {w.finding.name}", lab[w.finding.severity], lab["waived"],
                   w.finding.message] for w in report.waived]
        rows_ += [[r.get("document"), f"{r.get('code')} {r.get('name', '')}", lab.get(r.get("severity", ""), ""),
                   lab["resolved"], r.get("message")] for r in report.resolved]
        out += _table([lab["document"], lab["rule"], lab["severity"], lab["status"], lab["message"]], rows_) + [""]
    if left_out or not excerpts:
        said = ", ".join(f"{left_out[s]} {lab[s]}" + (f" ({lab['by_place']})" if omit.get(s) == "places" else "")
                         for s in ("error", "warning", "info") if left_out[s])
        out += ["---", "", lab["shortened"].format(limit=f"{COMMENT_LIMIT:,}", left=said or "—"), ""]
    return "\n".join(out).rstrip("\n") + "\n"
