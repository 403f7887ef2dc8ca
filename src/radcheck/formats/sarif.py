"""SARIF 2.1.0, as GitHub code scanning accepts it.

One run; the driver lists every rule of the catalogue (id, name, short and full description, help,
default level); each result has its rule, level, message, one location with a relative URI (forward
slashes) and, when the finding has a line in a text file, ``region.startLine``.  The logical path goes
in ``logicalLocations`` and into ``partialFingerprints`` (with document name, rule and excerpt, never
the line), so an alert survives lines inserted above it.  Waived findings are reported with an
external suppression; with ``--baseline`` results carry ``baselineState`` (new / unchanged).

Where a person finds the finding in the file they have (a Word paragraph, an Excel sheet and cell, a
PDF page, the Pasal) is the location's ``message`` (``lembar B, sel F17``) and its ``properties.location``
(the JSON report's ``location``); a defect repeated in several places lists the others as
``relatedLocations``.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from radcheck.formats._words import occurrences_of, place_text

if TYPE_CHECKING:
    from radcheck.findings import Finding
    from radcheck.report import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# No informationUri (optional in SARIF): radcheck has no public page yet, and a link to one that does not
# exist is worse than none.  Give the project's URL here once it has one.
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FAMILY_TAGS = {"P": "reading", "T": "targets", "G": "plan-structure", "A": "agencies", "L": "legal-drafting",
               "R": "monitoring-reporting", "X": "cross-document"}
# Formats whose finding lines are not lines of the file (paragraph or row indices): no region.
_NO_LINES = {"docx", "xlsx"}


def artifact_uri(path: str) -> str:
    """A relative URI with forward slashes: relative to the working directory when the path is absolute."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = Path(os.path.relpath(p, Path.cwd()))
        except ValueError:  # another drive on Windows: keep the path, but never a leading slash
            return quote(p.as_posix().lstrip("/"), safe="/:")
    text = PurePosixPath(p.as_posix()).as_posix()
    text = text[2:] if text.startswith("./") else text
    # A URI reference: a space, '#', '?', '%' or any non-ASCII character in a file name is percent-encoded
    # ("a b#c.txt" → "a%20b%23c.txt"), or '#' would start a fragment and '?' a query.
    return quote(text, safe="/")


def fingerprint(f: Finding) -> str:
    """Stable across redrafting: document file name, rule, logical path and excerpt; never the line."""
    key = "\x1f".join((Path(f.document).name, f.code, f.path, f.excerpt or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _rules(lang: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    from radcheck.catalogue import FAMILIES, load_catalogue

    catalogue = load_catalogue()
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for code in sorted(catalogue):
        meta = catalogue[code]
        basis = f"\n\nDasar hukum / legal basis: {meta.legal_basis}" if meta.legal_basis else ""
        examples = (f"\n\nGagal / fails:\n{meta.examples.fail.rstrip()}"
                    f"\n\nLolos / passes:\n{meta.examples.pass_.rstrip()}")
        help_text = meta.rationale.get(lang) + basis + examples
        help_md = (f"**{meta.code} {meta.name}** — {meta.summary.get(lang)}\n\n{meta.rationale.get(lang)}"
                   + (f"\n\n*Dasar hukum / legal basis:* {meta.legal_basis}" if meta.legal_basis else "")
                   + f"\n\nGagal / fails:\n```\n{meta.examples.fail.rstrip()}\n```\n\n"
                   f"Lolos / passes:\n```\n{meta.examples.pass_.rstrip()}\n```")
        index[code] = len(rules)
        rules.append({
            "id": code,
            "name": meta.name,
            "shortDescription": {"text": meta.summary.get(lang)},
            "fullDescription": {"text": meta.rationale.get(lang)},
            "help": {"text": help_text, "markdown": help_md},
            "defaultConfiguration": {"level": LEVELS[meta.severity]},
            "properties": {"tags": ["radcheck", FAMILY_TAGS.get(meta.family, meta.family)],
                           "family": FAMILIES.get(meta.family, meta.family)},
        })
    return rules, index


def _location(uri: str, with_region: bool, line: int | None, end_line: int | None, path: str | None,
              location: Any, lang: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if with_region and line is not None and line >= 1:
        region: dict[str, Any] = {"startLine": line}
        if end_line is not None and end_line >= line:
            region["endLine"] = end_line
        physical["region"] = region
    out: dict[str, Any] = {"physicalLocation": physical}
    if path:
        out["logicalLocations"] = [{"fullyQualifiedName": path, "kind": "element"}]
    if location:
        out["message"] = {"text": place_text(location, lang)}
        out["properties"] = {"location": dict(location)}
    return out


def _result(f: Finding, index: dict[str, int], *, uri: str, with_region: bool, status: str | None,
            waiver: dict[str, Any] | None, lang: str = "id") -> dict[str, Any]:
    text = f.message + (f"\n{f.suggestion}" if f.suggestion else "")
    out: dict[str, Any] = {
        "ruleId": f.code,
        "level": LEVELS[f.severity],
        "message": {"text": text},
        "locations": [_location(uri, with_region, f.line, f.end_line, f.path, f.location, lang)],
        "partialFingerprints": {"radcheckFinding/v1": fingerprint(f)},
    }
    places = occurrences_of(f)[1:]
    if places:
        out["relatedLocations"] = [{"id": i, **_location(uri, with_region, o.get("line"), o.get("end_line"),
                                                         o.get("path"), o.get("location"), lang)}
                                   for i, o in enumerate(places, start=1)]
    if f.code in index:
        out["ruleIndex"] = index[f.code]
    if status is not None:
        out["baselineState"] = "new" if status == "new" else "unchanged"
    if waiver is not None:
        out["suppressions"] = [{"kind": "external", "status": "accepted",
                                "justification": f"{waiver['justification']} (approved by {waiver['approved_by']}, "
                                                 f"expires {waiver['expires']})"}]
    return out


def to_sarif(report: Report) -> dict[str, Any]:
    rules, index = _rules(report.lang)
    results: list[dict[str, Any]] = []
    formats = {d.path: (d.document.format if d.document else None) for d in report.documents}
    for d in report.documents:
        uri = artifact_uri(d.path)
        lines = formats[d.path] not in _NO_LINES
        for f in d.findings:
            results.append(_result(f, index, uri=uri, with_region=lines, status=d.status.get(f), waiver=None,
                                   lang=report.lang))
        for w in d.waived or []:
            results.append(_result(w.finding, index, uri=uri, with_region=lines, status=d.status.get(w.finding),
                                   waiver=w.waiver, lang=report.lang))
    first = report.documents[0].path if report.documents else "."
    for f in report.findings:
        doc = f.document or first
        results.append(_result(f, index, uri=artifact_uri(doc), with_region=formats.get(doc) not in _NO_LINES,
                               status=report.status.get(f), waiver=None, lang=report.lang))
    for w in report.waived:
        doc = w.finding.document or first
        results.append(_result(w.finding, index, uri=artifact_uri(doc), with_region=formats.get(doc) not in _NO_LINES,
                               status=report.status.get(w.finding), waiver=w.waiver, lang=report.lang))
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "radcheck",
                                **({"version": report.version, "semanticVersion": report.version}
                                   if report.version else {}),
                                "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"asOf": report.as_of.isoformat()},
        }],
    }


def render(report: Report) -> str:
    return json.dumps(to_sarif(report), ensure_ascii=False, indent=2) + "\n"
