"""The JSON report's published contract (docs/REPORT.md) as pydantic models, and the JSON Schema made from them.

The models describe what ``Report.to_dict()`` writes; they are not used to build it (the report is
written by ``radcheck.report``, fast, for tens of thousands of findings).  ``radcheck schema`` prints the
schema, shipped in the wheel as ``radcheck/report.schema.json``; ``python -m radcheck.report_schema``
writes that file from the models, and ``tests/test_report_schema.py`` fails when it is stale and checks
every JSON report the test suite writes against it.

Keys may be added to the report, never removed or renamed: findings, documents and stats allow keys the
schema does not name, so a report of a newer radcheck still validates against an older schema.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from radcheck.report import SCHEMA_VERSION

SCHEMA_FILE = "report.schema.json"
SCHEMA_ID = f"urn:radcheck:report:{SCHEMA_VERSION}"  # names the contract; nothing is fetched

Severity = Literal["error", "warning", "info"]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Tool(_Open):
    name: Literal["radcheck"]
    version: str


class Regulation(_Open):
    kind: str | None
    region: str | None
    number: int | None
    year: int | None


class Stats(_Open):
    """What the reader understood (docs/REPORT.md ``stats``); coverage keys such as ``table_rows`` may be added."""

    sections: int = Field(ge=0)
    issues: int = Field(ge=0)
    goals: int = Field(ge=0)
    activities: int = Field(ge=0)
    indicators: int = Field(ge=0)
    agency_mentions: int = Field(ge=0)


class Finding(_Open):
    """One finding.  ``location``, ``occurrences``, ``status`` and ``waiver`` appear only where they apply."""

    code: str = Field(pattern=r"^[A-Z][0-9]{3}$")
    name: str
    severity: Severity
    message: str
    path: str
    line: int | None = Field(ge=1)
    end_line: int | None = Field(ge=1)
    excerpt: str | None
    suggestion: str | None
    location: dict[str, Any] | None = None
    occurrences: list[dict[str, Any]] | None = None
    status: Literal["new", "open", "resolved"] | None = None
    waiver: dict[str, Any] | None = None


class CrossFinding(Finding):
    """A cross-document finding (X family): the document its location is in."""

    document: str | None


class Document(_Open):
    path: str
    title: str | None
    regulation: Regulation | None
    period: tuple[int, int] | None
    stats: Stats
    findings: list[Finding]
    waived: list[Finding] | None = None  # with --waivers
    resolved: list[dict[str, Any]] | None = None  # with --baseline: the old findings as they were


class Summary(BaseModel):
    error: int = Field(ge=0)
    warning: int = Field(ge=0)
    info: int = Field(ge=0)


class Report(_Open):
    """``radcheck check --format json``."""

    model_config = ConfigDict(extra="allow", title="radcheck report")
    schema_version: Literal[2]
    tool: Tool
    as_of: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    documents: list[Document]
    findings: list[CrossFinding]
    summary: Summary
    waivers: dict[str, Any] | None = None  # with --waivers: file, counts, expired and unused waivers
    waived: list[CrossFinding] | None = None
    baseline: dict[str, Any] | None = None  # with --baseline: file and counts of new, open, resolved
    resolved: list[dict[str, Any]] | None = None


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the report, from the models."""
    schema = Report.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema() -> str:
    """The schema file shipped in the package (what ``radcheck schema`` prints)."""
    return (resources.files("radcheck") / SCHEMA_FILE).read_text(encoding="utf-8")


def main() -> None:
    """``python -m radcheck.report_schema``: write ``src/radcheck/report.schema.json`` from the models."""
    target = Path(__file__).with_name(SCHEMA_FILE)
    text = schema_text()
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        print(f"{target}: up to date")
        return
    target.write_text(text, encoding="utf-8")
    print(f"{target}: written", file=sys.stderr)


if __name__ == "__main__":
    main()
