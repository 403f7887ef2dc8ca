"""The report of a run: documents, their findings, and cross-document findings.

``Report.to_dict()`` is the JSON contract of REPORT.md; other formats render the same object.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from radcheck.agencies.split import split_agencies
from radcheck.findings import SEVERITY_RANK, Finding

if TYPE_CHECKING:
    from radcheck.model import Document

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
    """What the reader understood, counted as REPORT.md defines ``stats``."""
    mentions = 0
    for sec in doc.sections:
        cells = [n.lead for n in sec.activities] + [n.supporting for n in sec.activities]
        cells += [i.lead for i in sec.indicators] + [i.supporting for i in sec.indicators]
        seen: set[tuple[int | None, str]] = set()
        for cell in cells:
            if cell is None or cell.inherited or (cell.line, cell.raw) in seen:
                continue  # a merged cell is one mention, however many rows share it
            seen.add((cell.line, cell.raw))
            mentions += len(split_agencies(cell.raw))
    return {
        "sections": len(doc.sections),
        "issues": sum(len(s.issues) for s in doc.sections),
        "goals": sum(len(s.goals) for s in doc.sections),
        "activities": sum(len(s.activities) for s in doc.sections),
        "indicators": sum(len(s.indicators) for s in doc.sections),
        "agency_mentions": mentions,
    }


@dataclass
class DocumentReport:
    """One checked document: the path as given, the model (None if unreadable) and its findings."""

    path: str
    document: Document | None
    findings: list[Finding] = field(default_factory=list)

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
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass
class Report:
    """Everything a run found; renders to every output format."""

    as_of: dt.date
    documents: list[DocumentReport] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # across documents (X family)
    lang: str = "id"
    version: str = ""

    def all_findings(self) -> list[Finding]:
        return [f for d in self.documents for f in d.findings] + list(self.findings)

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
            "tool": {"name": "radcheck", "version": self.version},
            "as_of": self.as_of.isoformat(),
            "documents": [d.to_dict() for d in self.documents],
            "findings": [{**f.to_dict(), "document": f.document} for f in self.findings],
            "summary": self.summary,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def render(self, fmt: str) -> str | bytes:
        """The report in one of the output formats (``text``, ``json``, …)."""
        from radcheck.formats import render

        return render(self, fmt)
