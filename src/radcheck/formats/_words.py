"""How the formats say where a finding is and which document it is in, in words.

The report (``radcheck.report``) holds the data; these helpers only phrase it for people, so they live
with the formats that use them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from radcheck.places import place_text, place_words
from radcheck.report import display_title

if TYPE_CHECKING:
    from radcheck.findings import Finding
    from radcheck.model import Document
    from radcheck.report import Report


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


def finding_place(f: Finding, lang: str = "id", *, pasal: bool = True) -> str:
    """Where a finding is, in words (its location, else its line), or "" where no single place applies."""
    if f.location:
        return place_text(f.location, lang, pasal=pasal)
    return f"{place_words(lang)['line']} {f.line}" if f.line is not None else ""


def occurrence_place(o: Mapping[str, Any], lang: str = "id") -> str:
    """One place of a repeated defect in words (its location, else its line)."""
    if o.get("location"):
        return place_text(o["location"], lang)
    line = o.get("line")
    return f"{place_words(lang)['line']} {line}" if line is not None else ""


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


def rule_counts(report: Report) -> list[tuple[str, str, str, int, int]]:
    """(code, name, default-or-overridden severity, findings, waived) for every rule that has any."""
    counts: dict[str, list[Any]] = {}
    for f in report.all_findings():
        counts.setdefault(f.code, [f.name, f.severity, 0, 0])[2] += 1
    for w in report.all_waived():
        counts.setdefault(w.finding.code, [w.finding.name, w.finding.severity, 0, 0])[3] += 1
    return [(code, v[0], v[1], v[2], v[3]) for code, v in sorted(counts.items())]
