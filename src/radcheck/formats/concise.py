"""One line per finding, as ruff's and flake8's: ``path:line: CODE name message``.

For editors, grep and CI logs.  A finding without a single line (a missing article) has no line part.
Where the line is not what a person looks for (a Word paragraph, an Excel cell, a PDF page) or a
Pasal applies, the place follows in brackets: ``[lembar B, sel F17]``.  Waived findings are left out,
as they are from the exit code.  ``statistics`` is the ``--statistics`` view: counts per rule only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from radcheck.formats._words import place_text, rule_counts

if TYPE_CHECKING:
    from radcheck.findings import Finding
    from radcheck.report import Report

SEVERITY_WORDS = {"id": {"error": "kesalahan", "warning": "peringatan", "info": "info"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}


def line_of(f: Finding, path: str, lang: str) -> str:
    head = f"{path}:{f.line}:" if f.line is not None else f"{path}:"
    message = " ".join(f.message.split())
    location = f.location or {}
    place = place_text(location, lang) if set(location) - {"line"} else ""
    return f"{head} {f.code} {f.name} {message}" + (f" [{place}]" if place else "")


def render(report: Report) -> str:
    lang = report.lang if report.lang in SEVERITY_WORDS else "id"
    out = [line_of(f, d.path, lang) for d in report.documents for f in d.findings]
    out += [line_of(f, f.document, lang) for f in report.findings]
    return "".join(f"{line}\n" for line in out)


def statistics_rows(report: Report) -> list[dict[str, Any]]:
    """Findings per rule, most first: code, name, severity, count (and waived, when any were)."""
    rows = [{"code": code, "name": name, "severity": severity, "count": count,
             **({"waived": waived} if report.waivers is not None else {})}
            for code, name, severity, count, waived in rule_counts(report) if count or waived]
    return sorted(rows, key=lambda r: (-r["count"], r["code"]))


def statistics(report: Report, fmt: str = "text") -> str:
    """``--statistics``: one line per rule, ``count  CODE  name  severity``; JSON for ``--format json``."""
    rows = statistics_rows(report)
    if fmt == "json":
        import json

        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    lang = report.lang if report.lang in SEVERITY_WORDS else "id"
    width = max((len(r["name"]) for r in rows), default=0)
    return "".join(f"{r['count']:>6}  {r['code']}  {r['name']:<{width}}  {SEVERITY_WORDS[lang][r['severity']]}\n"
                   for r in rows)
