"""The readable terminal report, grouped by document and by section (rich)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.text import Text

if TYPE_CHECKING:
    from radcheck.findings import Finding
    from radcheck.report import DocumentReport, Report

LABELS = {
    "id": {
        "body": "Batang tubuh", "annex": "Lampiran", "line": "baris", "suggest": "Saran",
        "summary": "Ringkasan", "error": "galat", "warning": "peringatan", "info": "info",
        "clean": "Tidak ada temuan.", "unreadable": "tidak dapat dibaca", "across": "Lintas dokumen",
        "stats": "{sections} bagian · {issues} permasalahan · {goals} tujuan · {activities} kegiatan · "
                 "{indicators} indikator · {agency_mentions} sebutan OPD",
        "docs": "{n} dokumen",
    },
    "en": {
        "body": "Body", "annex": "Annex", "line": "line", "suggest": "Suggestion",
        "summary": "Summary", "error": "errors", "warning": "warnings", "info": "info",
        "clean": "No findings.", "unreadable": "unreadable", "across": "Across documents",
        "stats": "{sections} sections · {issues} issues · {goals} goals · {activities} activities · "
                 "{indicators} indicators · {agency_mentions} agency mentions",
        "docs": "{n} documents",
    },
}
STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SECTION_PATH = re.compile(r"^/lampiran/([^/]+)")


def _section_key(f: Finding) -> str:
    m = _SECTION_PATH.match(f.path)
    if m:
        return f"annex:{m.group(1)}"
    return "annex:" if f.path.startswith("/lampiran") else "body"


def _finding(f: Finding, lab: dict[str, str]) -> RenderableType:
    where = f"{lab['line']} {f.line}" if f.line is not None else "—"
    head = Text.assemble((f"{where:>10}  ", "dim"), (f"{f.code} ", "bold"), (f"{f.severity:<7} ", STYLE[f.severity]),
                         (f"{f.name}", "dim"))
    parts: list[RenderableType] = [head, Padding(Text(f.message), (0, 0, 0, 12))]
    if f.excerpt and f.excerpt not in f.message:
        parts.append(Padding(Text(f"« {f.excerpt} »", style="italic dim"), (0, 0, 0, 12)))
    if f.suggestion:
        parts.append(Padding(Text(f"{lab['suggest']}: {f.suggestion}", style="green"), (0, 0, 0, 12)))
    return Group(*parts)


def _document(d: DocumentReport, lab: dict[str, str]) -> Iterator[RenderableType]:
    yield Text(d.path, style="bold underline")
    data = d.to_dict()
    if d.document is None:
        yield Text(f"  ({lab['unreadable']})", style="red")
    else:
        reg = data["regulation"]
        period = f" ({data['period'][0]}–{data['period'][1]})" if data["period"] else ""
        name = " ".join(str(x) for x in (reg["kind"], reg["region"], reg["number"] and f"{reg['number']}/{reg['year']}")
                        if x)
        yield Text(f"  {name} — {data['title'] or ''}{period}")
        yield Text("  " + lab["stats"].format(**data["stats"]), style="dim")
    if not d.findings:
        yield Text(f"  {lab['clean']}", style="green")
    sections = {s.letter: s.title for s in (d.document.sections if d.document else [])}
    ordered = sorted(d.findings, key=lambda f: (_section_key(f) != "body", _section_key(f), f.line_key, f.code))
    for key, group in groupby(ordered, key=_section_key):
        if key == "body":
            title = lab["body"]
        else:
            letter = key.split(":", 1)[1]
            title = f"{lab['annex']} {letter}".rstrip() + (f" — {sections[letter]}" if letter in sections else "")
        yield Text(f"  ── {title}", style="bold")
        for f in group:
            yield _finding(f, lab)
    yield Text("")


def renderables(report: Report) -> Iterator[RenderableType]:
    lab = LABELS.get(report.lang, LABELS["id"])
    for d in report.documents:
        yield from _document(d, lab)
    if report.findings:
        yield Text(lab["across"], style="bold underline")
        for f in report.findings:
            yield Text(f"  {f.document}", style="dim")
            yield _finding(f, lab)
        yield Text("")
    s = report.summary
    yield Text.assemble(
        (f"{lab['summary']}: ", "bold"), (lab["docs"].format(n=len(report.documents)) + " · ", ""),
        (f"{s['error']} {lab['error']}", STYLE["error"]), (" · ", ""),
        (f"{s['warning']} {lab['warning']}", STYLE["warning"]), (" · ", ""),
        (f"{s['info']} {lab['info']}", STYLE["info"]),
    )


def render(report: Report) -> str:
    """Plain text (no colour): for files, pipes and tests."""
    buf = io.StringIO()
    console = Console(file=buf, width=110, color_system=None, force_terminal=False, soft_wrap=False)
    for item in renderables(report):
        console.print(item)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"
