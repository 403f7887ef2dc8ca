"""Findings: what a rule reports, and the small record a rule yields to make one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule yields: where, what was there, and the values its message needs.

    The engine turns a Hit into a Finding with the rule's name, severity and message in the
    requested language, so rules never format user-facing text themselves.
    """

    code: str
    path: str
    line: int | None = None
    end_line: int | None = None
    excerpt: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    document: str | None = None  # for cross-document rules: which document the location is in
    # The words of the excerpt the finding is about (a name in a long agency list, the wrong end of a
    # citation): a report quotes a long excerpt around them rather than from its start.
    focus: str | None = None
    # One defect written in several places (a name copy-pasted into every agency list): hits of one rule
    # with the same group key become one finding listing every place in ``occurrences``.
    group: str | None = None
    # A variant of the rule's wording in the catalogue (``variants:``), with its own message and
    # possibly its own severity: a typo in a reference that resolves is not a reference to nothing.
    variant: str | None = None
    # Not a finding but a count: this many further findings of ``code`` the rule did not build, past the
    # engine's cap per rule and document (``limits.max_rule_findings``; see ``engine.counted``).
    more: int = 0


def hit(code: str, path: str, *, line: int | None = None, end_line: int | None = None,
        excerpt: str | None = None, document: str | None = None, focus: str | None = None,
        group: str | None = None, variant: str | None = None, **params: Any) -> Hit:
    """Shorthand used by rules: ``yield hit("T001", ind.id, line=ind.line, year=2024)``."""
    return Hit(code, path if path.startswith("/") else f"/lampiran/{path}", line,
               end_line if end_line is not None else line, excerpt, params, document, focus, group, variant)


@dataclass(frozen=True)
class Occurrence:
    """One place of a finding reported in several places (docs/REPORT.md ``occurrences``)."""

    path: str
    line: int | None
    end_line: int | None
    excerpt: str | None
    location: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "end_line": self.end_line, "excerpt": self.excerpt,
                "location": self.location}


@dataclass(frozen=True, order=True)
class Finding:
    """One finding as reported: immutable, sortable by (document, line, code)."""

    document: str
    line_key: int
    code: str
    name: str
    severity: Severity
    message: str
    path: str
    line: int | None
    end_line: int | None
    excerpt: str | None
    suggestion: str | None
    # Where a person finds it in the file they have (docs/REPORT.md ``location``): a mapping, so it takes no
    # part in equality, order or hashing; it follows from (document, line, path), which do.
    location: Mapping[str, Any] | None = field(default=None, compare=False)
    # Every place of a defect repeated in several places, the finding's own first; None for one place.
    # Not part of the finding's identity or order (the first place already is).
    occurrences: tuple[Occurrence, ...] | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The finding as in the JSON report (keys and order of docs/REPORT.md)."""
        out = dict(zip(_REPORT_KEYS, _report_values(self)))
        if self.location is not None:
            out["location"] = dict(self.location)
        if self.occurrences:
            out["occurrences"] = [o.to_dict() for o in self.occurrences]
        return out


# A finding in the JSON report: these fields, in this order (docs/REPORT.md), read in one C-level call.
_REPORT_KEYS = ("code", "name", "severity", "message", "path", "line", "end_line", "excerpt", "suggestion")
_report_values = attrgetter(*_REPORT_KEYS)

# Finding's own order (its fields, in order) as one C-level key: sorting tens of thousands of findings
# through the dataclass's __lt__ built two tuples per comparison.
SORT_KEY = attrgetter(*(f.name for f in fields(Finding) if f.compare))

