"""The readable report, grouped by document and by section.

The layout is built once as a list of :class:`Line` (styled parts and an indent); :func:`render` writes
it as plain text wrapped with :mod:`textwrap` (files, pipes, tests — the common case, kept free of
rich's per-character layout cost), and :func:`renderables` turns the same lines into rich ``Text`` with
colour for a terminal.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any

from radcheck.formats._words import document_heading, finding_place, occurrence_place, occurrences_of, rule_counts
from radcheck.report import document_stats

if TYPE_CHECKING:
    from rich.console import RenderableType

    from radcheck.findings import Finding
    from radcheck.report import DocumentReport, Report

LABELS = {
    "id": {
        "body": "Batang tubuh", "annex": "Lampiran", "line": "baris", "suggest": "Saran",
        "summary": "Ringkasan", "error": "kesalahan", "warning": "peringatan", "info": "info",
        "sev_error": "kesalahan", "sev_warning": "peringatan", "sev_info": "info",
        "first_error": "Perbaiki ini dulu (kesalahan)", "first_warning": "Lalu periksa (peringatan)",
        "first_info": "Catatan (info)", "also": "juga di {n} tempat lain", "more": "dan {n} lagi",
        "findings": "Temuan",
        "clean": "Tidak ada temuan.", "unreadable": "tidak dapat dibaca", "across": "Lintas dokumen",
        "stats": "{sections} bagian · {issues} permasalahan · {goals} tujuan · {activities} kegiatan · "
                 "{indicators} indikator · {agency_mentions} sebutan OPD",
        "docs": "{n} dokumen", "new": "baru", "open": "masih terbuka", "resolved": "diperbaiki",
        "waived": "dikecualikan", "waived_list": "Temuan yang dikecualikan (waiver)",
        "resolved_list": "Temuan yang sudah diperbaiki sejak baseline", "approved_by": "disetujui oleh",
        "expires": "berlaku sampai",
    },
    "en": {
        "body": "Body", "annex": "Annex", "line": "line", "suggest": "Suggestion",
        "summary": "Summary", "error": "errors", "warning": "warnings", "info": "info",
        "sev_error": "error", "sev_warning": "warning", "sev_info": "info",
        "first_error": "Fix these first (errors)", "first_warning": "Then check (warnings)",
        "first_info": "Notes (info)", "also": "also in {n} other places", "more": "and {n} more",
        "findings": "Findings",
        "clean": "No findings.", "unreadable": "unreadable", "across": "Across documents",
        "stats": "{sections} sections · {issues} issues · {goals} goals · {activities} activities · "
                 "{indicators} indicators · {agency_mentions} agency mentions",
        "docs": "{n} documents", "new": "new", "open": "still open", "resolved": "resolved",
        "waived": "waived", "waived_list": "Waived findings", "resolved_list": "Resolved since the baseline",
        "approved_by": "approved by", "expires": "expires",
    },
}
STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
WIDTH = 110  # columns of the plain report: a printed A4 page in a monospaced font
INDENT = 12  # messages hang under the rule code, past the "baris 123" column
WHERE_WIDTH, WHERE_WIDTH_MAX = 10, 24  # the "where" column: "baris 1234"; at most "lembar Kegiatan, sel AB123"
_TEXTWRAP_SPACES = re.compile(r"[\t\r\x0b\x0c]")  # whitespace textwrap would turn into spaces
_PLACES_SHOWN = 5  # places of a repeated defect named in full; the rest are counted
_SECTION_PATH = re.compile(r"^/lampiran/([^/]+)")


@dataclass(frozen=True)
class Line:
    """One paragraph of the report: styled parts, wrapped at ``WIDTH`` and indented by ``indent``."""

    parts: tuple[tuple[str, str], ...]
    indent: int = 0

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.parts)


def _line(text: str, style: str = "", indent: int = 0) -> Line:
    return Line(((text, style),), indent)


def _section_key(f: Finding) -> str:
    m = _SECTION_PATH.match(f.path)
    if m:
        return f"annex:{m.group(1)}"
    return "annex:" if f.path.startswith("/lampiran") else "body"


def _where_width(findings: list[Finding], lang: str) -> int:
    """The width of the "where" column of a document: "baris 123" fits the usual 10; an Excel cell or a
    Word table row ("lembar B, sel F17") widens it, up to a limit, so the rule codes stay in one column."""
    widest = max((len(finding_place(f, lang, pasal=False)) for f in findings), default=0)
    return max(WHERE_WIDTH, min(widest, WHERE_WIDTH_MAX))


def _finding(f: Finding, lab: dict[str, str], status: str | None = None, *, lang: str = "id",
             shown: set[tuple[str, str]] | None = None, width: int = 10) -> Iterator[Line]:
    """One finding: where, code, severity and name; the message; the excerpt; the suggestion, printed
    once per rule and wording in a document (``shown`` holds those already printed)."""
    where = finding_place(f, lang, pasal=False) or "—"
    pasal = (f.location or {}).get("pasal")
    tag = ((f"  [{lab[status]}]", "bold magenta" if status == "new" else "dim"),) if status else ()
    yield Line(((f"{where:>{width}}  ", "dim"), (f"{f.code} ", "bold"),
                (f"{lab['sev_' + f.severity]:<10} ", STYLE[f.severity]), (f.name, "dim"),
                *(((f"  ({pasal})", ""),) if pasal else ()), *tag))
    yield _line(f.message, indent=INDENT)
    if f.excerpt and f.excerpt not in f.message:
        yield _line(f"« {f.excerpt} »", "italic dim", INDENT)
    places = occurrences_of(f)[1:]  # the first place is the finding's own
    if places:
        # several names of one list sit on one line: each place is named once
        distinct = [p for p in dict.fromkeys(occurrence_place(o, lang) for o in places) if p]
        named = distinct[:_PLACES_SHOWN]
        rest = len(distinct) - len(named)
        yield _line(lab["also"].format(n=len(places)).capitalize() + ": " + "; ".join(p for p in named if p)
                    + (f"; {lab['more'].format(n=rest)}" if rest > 0 else ""), "dim", INDENT)
    if f.suggestion:
        key = (f.code, f.suggestion)
        if shown is None or key not in shown:
            if shown is not None:
                shown.add(key)
            yield _line(f"{lab['suggest']}: {f.suggestion}", "green", INDENT)


def _document(d: DocumentReport, lab: dict[str, str], lang: str) -> Iterator[Line]:
    shown: set[tuple[str, str]] = set()
    width = _where_width(d.findings, lang)
    yield _line(d.path, "bold underline")
    if d.document is None:
        yield _line(f"({lab['unreadable']})", "red", 2)
    else:
        yield _line(document_heading(d.document), indent=2)
        yield _line(lab["stats"].format(**document_stats(d.document)), "dim", 2)
    if not d.findings:
        yield _line(f"  {lab['clean']}", "green")
    sections = {s.letter: s.title for s in (d.document.sections if d.document else [])}
    ordered = sorted(d.findings, key=lambda f: (_section_key(f) != "body", _section_key(f), f.line_key, f.code))
    for key, group in groupby(ordered, key=_section_key):
        if key == "body":
            title = lab["body"]
        else:
            letter = key.split(":", 1)[1]
            title = f"{lab['annex']} {letter}".rstrip() + (f" — {sections[letter]}" if letter in sections else "")
        yield _line(f"  ── {title}", "bold")
        for f in group:
            yield from _finding(f, lab, d.status.get(f), lang=lang, shown=shown, width=width)
    yield from _waived(d.waived or [], lab)
    yield from _resolved(d.resolved or [], lab)
    yield _line("")


def _waived(waived: list[Any], lab: dict[str, str]) -> Iterator[Line]:
    """Waived findings stay visible: a reviewer must see what was accepted, by whom, until when."""
    if waived:
        yield _line(f"  ── {lab['waived_list']}", "bold")
    for w in waived:
        f, why = w.finding, w.waiver
        where = f"{lab['line']} {f.line}" if f.line is not None else "—"
        yield Line(((f"{where:>10}  ", "dim"), (f"{f.code} ", "bold"), (lab["waived"], "dim")))
        yield _line(f.message, "dim", INDENT)
        yield _line(f"{why['justification']} ({lab['approved_by']} {why['approved_by']}, "
                    f"{lab['expires']} {why['expires']})", "italic", INDENT)


def _resolved(resolved: list[dict[str, Any]], lab: dict[str, str]) -> Iterator[Line]:
    if resolved:
        yield _line(f"  ── {lab['resolved_list']}", "bold")
    for r in resolved:
        yield Line(((f"{'':>10}  ", ""), (f"{r.get('code', '')} ", "bold"), (f"{r.get('name', '')} ", "dim"),
                    (f"[{lab['resolved']}]", "green")))
        yield _line(f"{r.get('path', '')}: {r.get('message', '')}", "dim", INDENT)


def _overview(report: Report, lab: dict[str, str]) -> Iterator[Line]:
    """The summary a drafter reads first: totals, then the rules with findings, errors first."""
    yield _totals(report, lab)
    counts = rule_counts(report)
    for severity in ("error", "warning", "info"):
        rows = sorted((r for r in counts if r[2] == severity and r[3]), key=lambda r: (-r[3], r[0]))
        if not rows:
            continue
        yield _line(f"  {lab['first_' + severity]}:", "bold " + STYLE[severity])
        for code, name, _, count, _waived in rows:
            yield Line(((f"{count:>8}  ", STYLE[severity]), (f"{code} ", "bold"), (name, "")))
    yield _line("")


def lines(report: Report) -> Iterator[Line]:
    """The report's layout, independent of how it is drawn: the summary first, then the findings."""
    lab = LABELS.get(report.lang, LABELS["id"])
    lang = report.lang if report.lang in LABELS else "id"
    yield from _overview(report, lab)
    for d in report.documents:
        yield from _document(d, lab, lang)
    if report.findings or report.waived or report.resolved:
        yield _line(lab["across"], "bold underline")
        shown: set[tuple[str, str]] = set()
        for f in report.findings:
            yield _line(f"  {f.document}", "dim")
            yield from _finding(f, lab, report.status.get(f), lang=lang, shown=shown)
    if report.findings or report.waived or report.resolved:
        yield from _waived(report.waived or [], lab)
        yield from _resolved(report.resolved or [], lab)
        yield _line("")
    yield _totals(report, lab)


def _totals(report: Report, lab: dict[str, str]) -> Line:
    s = report.summary
    return Line(((f"{lab['summary']}: ", "bold"), (lab["docs"].format(n=len(report.documents)) + " · ", ""),
                 (f"{s['error']} {lab['error']}", STYLE["error"]), (" · ", ""),
                 (f"{s['warning']} {lab['warning']}", STYLE["warning"]), (" · ", ""),
                 (f"{s['info']} {lab['info']}", STYLE["info"]), *_summary_extra(report, lab)))


def _summary_extra(report: Report, lab: dict[str, str]) -> tuple[tuple[str, str], ...]:
    extra: list[tuple[str, str]] = []
    if report.waivers is not None:
        extra.append((f" · {len(report.all_waived())} {lab['waived']}", "dim"))
    if report.baseline:
        extra += [(f" · {report.baseline[k]} {lab[k]}", "") for k in ("new", "open", "resolved")]
    return tuple(extra)


def renderables(report: Report) -> Iterator[RenderableType]:
    """The report for a colour terminal: rich wraps each line to the terminal's width."""
    from rich.padding import Padding
    from rich.text import Text

    for line in lines(report):
        text = Text.assemble(*line.parts)
        yield Padding(text, (0, 0, 0, line.indent)) if line.indent else text


def _wrap(line: Line) -> Iterator[str]:
    pad = " " * line.indent
    for paragraph in line.text.split("\n"):
        if not paragraph.strip():
            yield ""
            continue
        plain = not _TEXTWRAP_SPACES.search(paragraph)
        if plain and len(paragraph) + line.indent <= WIDTH:
            yield pad + paragraph  # fits on one line: what textwrap would give, without its cost
            continue
        if plain and "  " not in paragraph and paragraph[0] != " " and paragraph[-1] != " ":
            yield from _greedy(paragraph, WIDTH - line.indent, pad)  # single spaces: textwrap's lines, cut by rfind
            continue
        # Long words (URLs, agency lists without spaces) stay whole rather than being cut mid-word.
        yield from textwrap.wrap(paragraph, WIDTH, initial_indent=pad, subsequent_indent=pad,
                                 break_long_words=False, break_on_hyphens=False) or [pad]


def _greedy(paragraph: str, width: int, pad: str) -> Iterator[str]:
    """textwrap's lines for words separated by single spaces: each line the longest run of whole words
    that fits, a word longer than the width alone on its line (never cut)."""
    rest = paragraph
    while len(rest) > width:
        cut = rest.rfind(" ", 0, width + 1)  # the last space that leaves at most ``width`` columns
        if cut <= 0:
            cut = rest.find(" ", width)  # the first word is too long: it goes whole
            if cut == -1:
                break
        yield pad + rest[:cut]
        rest = rest[cut + 1:]
    yield pad + rest


def render(report: Report) -> str:
    """Plain text (no colour): for files, pipes and tests."""
    out = [wrapped.rstrip() for line in lines(report) for wrapped in _wrap(line)]
    return "\n".join(out) + "\n"
