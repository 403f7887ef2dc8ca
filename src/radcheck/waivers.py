"""Waivers: findings a reviewer has accepted, with a reason, an approver and an expiry date.

A waivers file is YAML: a list of mappings (or ``{waivers: [...]}``)::

    - rule: T001                      # code or name (missing-target)
      where: /lampiran/C/indicators/41  # a logical path prefix, or else a piece of the excerpt
      justification: Puskesmas baru dibangun 2026; target 2024-2025 memang tidak ada.
      approved_by: Kabag Hukum
      expires: 2027-12-31
      document: perwal-10-*.txt       # optional: only in documents whose path or file name matches

A waived finding is left out of the exit code but counted and listed.  A waiver past its expiry date
(``expires`` before ``--as-of``) stops waiving and is reported; so is a waiver that matches nothing.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from radcheck._yaml import safe_load
from radcheck.readers.common import read_side_text
from radcheck.report import WaivedFinding

if TYPE_CHECKING:
    from radcheck.findings import Finding
    from radcheck.report import Report


class WaiverError(Exception):
    """The waivers file cannot be used; the message names the file, the waiver and the problem."""


class Waiver(BaseModel):
    """One waiver as written in the file."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    rule: str
    where: str
    justification: str
    approved_by: str = Field(alias="approved-by")
    expires: dt.date
    document: str | None = None

    @field_validator("rule", "where", "justification", "approved_by")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be empty")
        return v.strip()

    @field_validator("rule")
    @classmethod
    def _rule_exists(cls, v: str) -> str:
        from radcheck.catalogue import load_catalogue

        catalogue = load_catalogue()
        if v.upper() in catalogue:
            return v.upper()
        for code, meta in catalogue.items():
            if meta.name == v.lower():
                return code
        raise ValueError(f"unknown rule {v!r} (a waiver names one rule by code or name)")

    def matches(self, f: Finding) -> bool:
        if f.code != self.rule:
            return False
        if self.document and not (fnmatch.fnmatch(f.document, self.document)
                                  or fnmatch.fnmatch(Path(f.document).name, self.document)):
            return False
        # A defect reported once for several places (occurrences) is waived where any of them is named.
        places = [(o.path, o.excerpt) for o in f.occurrences] if f.occurrences else [(f.path, f.excerpt)]
        if self.where.startswith("/"):
            prefix = self.where.rstrip("/") or "/"
            return any(path == prefix or path.startswith(prefix if prefix == "/" else prefix + "/")
                       for path, _ in places)
        return any(bool(excerpt) and _fold(self.where) in _fold(excerpt or "") for _, excerpt in places)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def load_waivers(path: str | Path) -> list[Waiver]:
    """Read and validate a waivers file; any problem is one WaiverError naming the file and the waiver."""
    file = Path(path)
    try:
        data = safe_load(read_side_text(file))
    except OSError as exc:
        raise WaiverError(f"{file}: cannot read waivers: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = " ".join(str(exc).split())
        raise WaiverError(f"{file}: waivers are not valid YAML: {reason}") from None
    if isinstance(data, dict) and set(data) == {"waivers"}:
        data = data["waivers"]
    if data is None:
        data = []
    if not isinstance(data, list):
        raise WaiverError(f"{file}: waivers must be a list of mappings (rule, where, justification, "
                          f"approved_by, expires)")
    out: list[Waiver] = []
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise WaiverError(f"{file}: waiver {i}: must be a mapping, not {type(item).__name__}")
        try:
            out.append(Waiver.model_validate(item))
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'waiver'}: {e['msg']}" for e in exc.errors())
            raise WaiverError(f"{file}: waiver {i}: {problems}") from None
    return out


def waiver_dict(w: Waiver, index: int) -> dict[str, Any]:
    """A waiver as shown in reports: its 1-based place in the file and its fields."""
    out: dict[str, Any] = {"index": index, "rule": w.rule, "where": w.where, "justification": w.justification,
                           "approved_by": w.approved_by, "expires": w.expires.isoformat()}
    if w.document:
        out["document"] = w.document
    return out


def apply_waivers(report: Report, waivers: list[Waiver], *, as_of: dt.date, source: str | None = None) -> None:
    """Move the findings active waivers cover to the report's ``waived`` lists; record expired and unused ones.

    The first waiver in the file that matches a finding covers it.  A waiver is active up to and
    including its expiry date.
    """
    active = [(i, w) for i, w in enumerate(waivers, start=1) if w.expires >= as_of]
    expired = [(i, w) for i, w in enumerate(waivers, start=1) if w.expires < as_of]
    used: dict[int, int] = {i: 0 for i, _ in active}
    would: dict[int, int] = {i: 0 for i, _ in expired}

    def split(findings: list[Finding]) -> tuple[list[Finding], list[WaivedFinding]]:
        kept: list[Finding] = []
        waived: list[WaivedFinding] = []
        for f in findings:
            for i, w in expired:
                if w.matches(f):
                    would[i] += 1
            for i, w in active:
                if w.matches(f):
                    used[i] += 1
                    waived.append(WaivedFinding(finding=f, waiver=waiver_dict(w, i)))
                    break
            else:
                kept.append(f)
        return kept, waived

    for d in report.documents:
        d.findings, d.waived = split(d.findings)
    report.findings, report.waived = split(report.findings)
    report.waivers = {
        "file": Path(source).as_posix() if source else None,
        "count": len(waivers),
        "waived": len(report.all_waived()),
        "expired": [{**waiver_dict(w, i), "matches": would[i]} for i, w in expired],
        "unused": [waiver_dict(w, i) for i, w in active if used[i] == 0],
    }
