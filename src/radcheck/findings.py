"""Findings: what a rule reports, and the small record a rule yields to make one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from itertools import groupby
from operator import attrgetter
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
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
    # The same object as Hit(code=…, …), without the frozen __init__'s object.__setattr__ per field:
    # rules on a large plan yield tens of thousands of hits.
    made = object.__new__(Hit)
    made.__dict__.update(code=code, path=path if path.startswith("/") else f"/lampiran/{path}", line=line,
                         end_line=end_line if end_line is not None else line, excerpt=excerpt, params=params,
                         document=document, focus=focus, group=group, variant=variant, more=0)
    return made


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


_FIELD_NAMES = tuple(f.name for f in fields(Finding))
_DEFAULTS = {f.name: f.default for f in fields(Finding) if f.default is not MISSING}


def new_finding(*values: Any) -> Finding:
    """``Finding(*values)``, an equal object, made without the frozen dataclass's ``__init__``.

    That ``__init__`` sets each of the fields through ``object.__setattr__``; filling the
    instance dictionary in one call is the same object at a third of the cost, which counts when a
    large plan yields tens of thousands of findings.
    """
    finding = object.__new__(Finding)
    finding.__dict__.update(_DEFAULTS)
    finding.__dict__.update(zip(_FIELD_NAMES, values))
    return finding


def sorted_unique(found: list[Finding]) -> list[Finding]:
    """``sorted(set(found), key=SORT_KEY)``: each distinct finding once, in the findings' order.

    The findings of one document (all of one ``document``) are sorted by their line and code alone,
    a pair cheap to compare, and only findings that share both (a few) are told apart by all their
    fields: a large plan's tens of thousands of messages are then neither hashed nor compared.
    """
    if len(set(map(_DOCUMENT, found))) > 1:
        return _by_all_fields(found)
    out: list[Finding] = []
    for _, group in groupby(sorted(found, key=_LINE_AND_CODE), _LINE_AND_CODE):
        first = next(group)
        more = list(group)
        if more:
            out.extend(_by_all_fields([first, *more]))
        else:
            out.append(first)
    return out


_DOCUMENT = attrgetter("document")
_LINE_AND_CODE = attrgetter("line_key", "code")  # the sort key's next fields after the document


def _by_all_fields(found: list[Finding]) -> list[Finding]:
    """:func:`sorted_unique` by every field.  Two findings are equal exactly when their sort keys (all
    their fields) are, so the keys themselves tell duplicates apart: tuples hash in C, where the
    dataclass's ``__hash__`` is a Python call."""
    by_key = {SORT_KEY(f): f for f in found}
    return [by_key[key] for key in sorted(by_key)]
