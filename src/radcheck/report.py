"""The report of a run: documents, their findings, and cross-document findings.

``Report.to_dict()`` is the JSON contract of docs/REPORT.md; other formats render the same object.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from radcheck.agencies.split import split_agencies
from radcheck.findings import SEVERITY_RANK, Finding

if TYPE_CHECKING:
    from radcheck.model import Document

# The JSON report's "schema_version" (REPORT.md); radcheck.report_schema publishes its JSON Schema.
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


# A head of region's regulation names the region without its own kind word: "Peraturan Wali Kota
# Bekasi", not "Peraturan Wali Kota Kota Bekasi" (likewise Bupati/Kabupaten, Gubernur/Provinsi).
_HEAD_OF_REGION = (("wali kota", "kota "), ("bupati", "kabupaten "), ("gubernur", "provinsi "))


def document_heading(doc: Document) -> str:
    """How the report introduces a document: "Peraturan Wali Kota Bekasi Nomor 10 Tahun 2024 — <title>",
    with the plan period added when the title does not already name its years."""
    kind, region = doc.kind or "", doc.region or ""
    for head, word in _HEAD_OF_REGION:
        if kind.lower().endswith(head) and region.lower().startswith(word):
            region = region[len(word):]
    name = " ".join(p for p in (kind, region, doc.number and f"Nomor {doc.number}", doc.year and f"Tahun {doc.year}")
                    if p)
    title = display_title(doc.title) or ""
    period = doc.period
    shown = f" ({period[0]}–{period[1]})" if period and not all(str(y) in title for y in period) else ""
    return " — ".join(p for p in (name, title) if p) + shown


_PLACE_WORDS = {
    "id": {"line": "baris", "page": "hlm.", "table_row": "baris tabel", "sheet": "lembar", "cell": "sel",
           "row": "baris", "column": "kolom", "paragraph": "paragraf", "table": "tabel"},
    "en": {"line": "line", "page": "p.", "table_row": "table row", "sheet": "sheet", "cell": "cell",
           "row": "row", "column": "column", "paragraph": "paragraph", "table": "table"},
}


def place_text(location: Mapping[str, Any] | None, lang: str = "id", *, pasal: bool = True) -> str:
    """A finding's location as a person reads it: ``baris 12``, ``hlm. 7, baris tabel 4``, ``lembar K,
    sel F4``, ``paragraf 31``, ``tabel 2, baris 9``; with ``Pasal 3 ayat (2)`` after it where one applies."""
    if not location:
        return ""
    w = _PLACE_WORDS.get(lang, _PLACE_WORDS["id"])
    parts: list[str] = []
    if "page" in location:
        parts.append(f"{w['page']} {location['page']}")
        if "table_row" in location:
            parts.append(f"{w['table_row']} {location['table_row']}")
    if "sheet" in location:
        parts.append(f"{w['sheet']} {location['sheet']}")
        if "row" in location and "column" in location:
            parts.append(f"{w['cell']} {location['column']}{location['row']}")
        elif "row" in location:
            parts.append(f"{w['row']} {location['row']}")
    elif "table" in location:
        parts.append(f"{w['table']} {location['table']}")
        if "row" in location:
            parts.append(f"{w['row']} {location['row']}")
    if "paragraph" in location:
        parts.append(f"{w['paragraph']} {location['paragraph']}")
    if not parts and "line" in location:
        parts.append(f"{w['line']} {location['line']}")
    if pasal and location.get("pasal"):
        parts.append(str(location["pasal"]))
    return ", ".join(parts)


MAX_PLACES_LISTED = 10  # a message lists the first places of a repeated defect; the report gives them all


def _container_and_spot(location: Mapping[str, Any], w: Mapping[str, str]) -> tuple[str, str, Any]:
    """A place split into what holds it (a page, a sheet, a Word table; "" for none) and the spot in it."""
    if "page" in location:
        if "table_row" in location:
            return f"{w['page']} {location['page']}", w["table_row"], location["table_row"]
        return "", w["page"], location["page"]
    if "sheet" in location:
        if "row" in location:
            return f"{w['sheet']} {location['sheet']}", w["row"], location["row"]
        return "", w["sheet"], location["sheet"]
    if "table" in location:
        if "row" in location:
            return f"{w['table']} {location['table']}", w["row"], location["row"]
        return "", w["table"], location["table"]
    if "paragraph" in location:
        return "", w["paragraph"], location["paragraph"]
    return "", w["line"], location.get("line")


def places_text(locations: Sequence[Mapping[str, Any] | None], lang: str = "id",
                limit: int = MAX_PLACES_LISTED) -> str:
    """Several places in words, for a message naming where a repeated defect is: ``baris 149, 152``
    (text), ``lembar B, baris 4, 7; lembar C, baris 2`` (Excel), ``hlm. 3, baris tabel 4, 5`` (PDF),
    ``tabel 2, baris 4, 9; paragraf 31`` (Word).  Places follow the order given, each once; past
    ``limit`` an ellipsis says there are more.  "" when no place is known."""
    w = _PLACE_WORDS.get(lang, _PLACE_WORDS["id"])
    groups: list[tuple[str, str, list[str]]] = []
    seen: set[tuple[str, str, str]] = set()
    more = False
    for location in locations:
        if not location:
            continue
        container, word, spot = _container_and_spot(location, w)
        if spot is None or (container, word, str(spot)) in seen:
            continue
        if len(seen) >= limit:
            more = True
            break
        seen.add((container, word, str(spot)))
        if groups and groups[-1][:2] == (container, word):
            groups[-1][2].append(str(spot))
        else:
            groups.append((container, word, [str(spot)]))
    text = "; ".join(", ".join(p for p in (container, f"{word} {', '.join(spots)}") if p)
                     for container, word, spots in groups)
    return text + (" …" if more and text else "")


def finding_place(f: Finding, lang: str = "id", *, pasal: bool = True) -> str:
    """Where a finding is, in words (its location, else its line), or "" where no single place applies."""
    if f.location:
        return place_text(f.location, lang, pasal=pasal)
    return f"{_PLACE_WORDS.get(lang, _PLACE_WORDS['id'])['line']} {f.line}" if f.line is not None else ""


def occurrence_place(o: Mapping[str, Any], lang: str = "id") -> str:
    """One place of a repeated defect in words (its location, else its line)."""
    if o.get("location"):
        return place_text(o["location"], lang)
    line = o.get("line")
    return f"{_PLACE_WORDS.get(lang, _PLACE_WORDS['id'])['line']} {line}" if line is not None else ""


def occurrences_of(f: Finding) -> list[dict[str, Any]]:
    """The places of a repeated defect (``Finding.occurrences`` where the finding has them), as dicts."""
    found = getattr(f, "occurrences", None) or ()
    out: list[dict[str, Any]] = []
    for o in found:
        if isinstance(o, Mapping):
            out.append(dict(o))
        else:
            out.append({k: getattr(o, k, None) for k in ("path", "line", "end_line", "excerpt", "location")})
    return out


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
        """The report in one of the output formats (``text``, ``json``, …)."""
        from radcheck.formats import render

        return render(self, fmt)
