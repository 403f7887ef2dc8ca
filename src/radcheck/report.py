"""The report of a run: documents, their findings, and cross-document findings.

``Report.to_dict()`` is the JSON contract of docs/REPORT.md; other formats render the same object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from radcheck.agencies.split import split_agencies
from radcheck.findings import SEVERITY_RANK, Finding

if TYPE_CHECKING:
    from radcheck.model import Document

# The JSON report's "schema_version" (docs/REPORT.md); radcheck.report_schema publishes its JSON Schema.
SCHEMA_VERSION = 2

_SMALL_WORDS = {"dan", "di", "ke", "dari", "untuk", "yang", "atas", "serta", "terhadap", "dalam", "bagi",
                "pada", "tentang", "atau", "oleh", "dengan"}


def display_title(title: str | None) -> str | None:
    """``RENCANA AKSI DAERAH … TAHUN 2024 - 2028`` → ``Rencana Aksi Daerah … Tahun 2024 - 2028``."""
    if not title:
        return None
    words = title.split()
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        out.append(lw if i and lw in _SMALL_WORDS else lw[:1].upper() + lw[1:])
    return " ".join(out)


def document_stats(doc: Document) -> dict[str, int]:
    """What the reader understood, counted as docs/REPORT.md defines ``stats``."""
    mentions = 0
    counts: dict[str, int] = {}  # agency text → names in it: the same few texts fill most cells
    for sec in doc.sections:
        cells = [n.lead for n in sec.activities] + [n.supporting for n in sec.activities]
        cells += [i.lead for i in sec.indicators] + [i.supporting for i in sec.indicators]
        seen: set[tuple[int | None, str]] = set()
        for cell in cells:
            if cell is None or cell.inherited or (cell.line, cell.raw) in seen:
                continue  # a merged cell is one mention, however many rows share it
            seen.add((cell.line, cell.raw))
            if cell.raw not in counts:
                counts[cell.raw] = len(split_agencies(cell.raw))
            mentions += counts[cell.raw]
    return {
        "sections": len(doc.sections),
        "issues": sum(len(s.issues) for s in doc.sections),
        "goals": sum(len(s.goals) for s in doc.sections),
        "activities": sum(len(s.activities) for s in doc.sections),
        "indicators": sum(len(s.indicators) for s in doc.sections),
        "agency_mentions": mentions,
        "table_rows": doc.table_rows,
        "rows_read": doc.rows_read,
    }


@dataclass(frozen=True)
class WaivedFinding:
    """A finding a waiver covers: left out of the exit code, still counted and listed."""

    finding: Finding
    waiver: dict[str, Any]  # the waiver as written (rule, where, justification, approved_by, expires, index)

    def to_dict(self) -> dict[str, Any]:
        return {**self.finding.to_dict(), "waiver": self.waiver}


@dataclass
class DocumentReport:
    """One checked document: the path as given, the model (None if unreadable) and its findings."""

    path: str
    document: Document | None
    findings: list[Finding] = field(default_factory=list)
    # None unless --waivers / --baseline was given: the plain JSON report stays as it was.
    waived: list[WaivedFinding] | None = None  # findings a waiver covers
    resolved: list[dict[str, Any]] | None = None  # old findings (as in the baseline) gone from this draft
    status: dict[Finding, str] = field(default_factory=dict)  # finding → "new" | "open"

    def finding_dict(self, f: Finding) -> dict[str, Any]:
        """A finding as in the JSON report, with its baseline status when a baseline was given."""
        out = f.to_dict()
        if self.status and f in self.status:  # hashing a finding costs: skipped when no baseline was given
            out["status"] = self.status[f]
        return out

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        empty = {"sections": 0, "issues": 0, "goals": 0, "activities": 0, "indicators": 0, "agency_mentions": 0}
        return {
            "path": self.path,
            "title": display_title(doc.title) if doc else None,
            "regulation": ({"kind": doc.kind, "region": doc.region, "number": doc.number, "year": doc.year}
                           if doc else None),
            "period": list(doc.period) if doc and doc.period else None,
            "stats": document_stats(doc) if doc else empty,
            "findings": [self.finding_dict(f) for f in self.findings],
            **self._extra_dict(),
        }

    def _extra_dict(self) -> dict[str, Any]:
        # Keys added by --waivers and --baseline; absent otherwise, so the plain report is unchanged.
        out: dict[str, Any] = {}
        if self.waived is not None:
            out["waived"] = [{**w.to_dict(), **({"status": self.status[w.finding]} if w.finding in self.status
                                               else {})} for w in self.waived]
        if self.resolved is not None:
            out["resolved"] = [{**r, "status": "resolved"} for r in self.resolved]
        return out


@dataclass
class Report:
    """Everything a run found; renders to every output format."""

    as_of: dt.date
    documents: list[DocumentReport] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # across documents (X family)
    lang: str = "id"
    version: str = ""
    waived: list[WaivedFinding] = field(default_factory=list)  # cross-document findings a waiver covers
    resolved: list[dict[str, Any]] = field(default_factory=list)  # cross-document findings gone since the baseline
    status: dict[Finding, str] = field(default_factory=dict)  # cross-document finding → "new" | "open"
    waivers: dict[str, Any] | None = None  # --waivers: file, counts, expired and unused waivers
    baseline: dict[str, Any] | None = None  # --baseline: file and counts of new, open, resolved

    def all_findings(self) -> list[Finding]:
        return [f for d in self.documents for f in d.findings] + list(self.findings)

    def all_waived(self) -> list[WaivedFinding]:
        return [w for d in self.documents for w in d.waived or []] + list(self.waived)

    def status_of(self, f: Finding) -> str | None:
        """``new`` or ``open`` when a baseline was given, else None."""
        if f in self.status:
            return self.status[f]
        for d in self.documents:
            if f in d.status:
                return d.status[f]
        return None

    @property
    def summary(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.all_findings():
            counts[f.severity] += 1
        return counts

    @property
    def unreadable(self) -> bool:
        return any(d.document is None for d in self.documents)

    def exit_code(self, fail_on: str = "error") -> int:
        """0: nothing at or above ``fail_on``; 1: findings at or above it; 2: an input could not be read."""
        if self.unreadable:
            return 2
        if fail_on == "never":
            return 0
        threshold = SEVERITY_RANK[fail_on]
        return 1 if any(SEVERITY_RANK[f.severity] >= threshold for f in self.all_findings()) else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "radcheck", "version": self.version},
            "as_of": self.as_of.isoformat(),
            "documents": [d.to_dict() for d in self.documents],
            "findings": [{**f.to_dict(), "document": f.document,
                          **({"status": self.status[f]} if f in self.status else {})} for f in self.findings],
            "summary": self.summary,
            **self._extra_dict(),
        }

    def _extra_dict(self) -> dict[str, Any]:
        # Keys added by --waivers and --baseline; absent otherwise, so the plain report is unchanged.
        out: dict[str, Any] = {}
        if self.waivers is not None:
            out["waivers"] = self.waivers
            out["waived"] = [{**w.to_dict(), "document": w.finding.document,
                              **({"status": self.status[w.finding]} if w.finding in self.status else {})}
                             for w in self.waived]
        if self.baseline is not None:
            out["baseline"] = self.baseline
            out["resolved"] = [{**r, "status": "resolved"} for r in self.resolved]
        return out

    def to_json(self) -> str:
        import json

        from radcheck._gc import paused_gc

        with paused_gc():  # one dict per finding: see radcheck._gc
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def render(self, fmt: str) -> str | bytes:
        """The report in one of the output formats (``text``, ``json``, …): the README's Python API
        promises it; it only calls :func:`radcheck.formats.render`, where the formats live."""
        from radcheck.formats import render

        return render(self, fmt)
