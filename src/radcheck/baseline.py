"""Draft-to-draft comparison: mark each finding new or still open against an earlier JSON report.

``radcheck check NEW --baseline OLD.json`` (OLD.json: a previous ``--format json`` report).  Findings
are matched by (document file name, rule code, logical path, excerpt) — never by line number — so a
draft with lines inserted above a finding keeps that finding "open".  Findings of the baseline that
the new run no longer has are listed as "resolved".

Documents are paired by file name; when the baseline and the run each hold exactly one document,
they are paired whatever their names (``draft-1.txt`` against ``draft-2.txt``).  Reading findings
placed by source row (``/lampiran/B/rows/179``) are matched again with the row number left out.  A document of the
baseline that is not checked now is left out: nothing can be said about its findings.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from radcheck.readers.common import read_side_text

if TYPE_CHECKING:
    from radcheck.findings import Finding
    from radcheck.report import Report

Key = tuple[str, str, str | None]  # (code, path, excerpt) within one document
_ROWS = re.compile(r"/rows/\d+")


class BaselineError(Exception):
    """The baseline report cannot be used; the message names the file and why."""


class _OldFinding(BaseModel):
    model_config = ConfigDict(extra="allow")
    code: str
    path: str
    excerpt: str | None = None
    document: str | None = None  # top-level (cross-document) findings only


class _OldDocument(BaseModel):
    model_config = ConfigDict(extra="allow")
    path: str
    findings: list[_OldFinding] = Field(default_factory=list)
    waived: list[_OldFinding] = Field(default_factory=list)


class _OldReport(BaseModel):
    model_config = ConfigDict(extra="allow")
    documents: list[_OldDocument]
    findings: list[_OldFinding] = Field(default_factory=list)
    waived: list[_OldFinding] = Field(default_factory=list)


def load_baseline(path: str | Path) -> dict[str, Any]:
    """Read a previous JSON report; any problem is one BaselineError naming the file."""
    file = Path(path)
    try:
        data = json.loads(read_side_text(file))
    except OSError as exc:
        raise BaselineError(f"{file}: cannot read the baseline: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{file}: the baseline is not a radcheck JSON report (--format json): {exc}") from None
    except (RecursionError, ValueError) as exc:  # nested too deeply, a number too long for int()
        reason = "nested too deeply" if isinstance(exc, RecursionError) else " ".join(str(exc).split())[:200]
        raise BaselineError(f"{file}: the baseline is not a radcheck JSON report (--format json): {reason}") from None
    return validate_baseline(data, str(file))


def validate_baseline(data: Any, source: str = "baseline") -> dict[str, Any]:
    """``data`` if it has the shape of a radcheck JSON report; else a BaselineError naming ``source``."""
    try:
        _OldReport.model_validate(data)
    except ValidationError as exc:
        e = exc.errors()[0]
        where = ".".join(map(str, e["loc"])) or "report"
        raise BaselineError(f"{source}: the baseline is not a radcheck JSON report (--format json): "
                            f"{where}: {e['msg']}") from None
    except RecursionError:
        raise BaselineError(f"{source}: the baseline is not a radcheck JSON report (--format json): "
                            "nested too deeply") from None
    return data  # type: ignore[no-any-return]


def _key(code: str, path: str, excerpt: str | None) -> Key:
    return (code, path, excerpt)


def _finding_key(f: Finding) -> Key:
    return _key(f.code, f.path, f.excerpt)


def _loose(key: Key) -> Key:
    # Some reading findings are placed by source row (/lampiran/B/rows/179): that number moves when lines
    # are inserted, so a second pass matches them with the row number left out (excerpt still required).
    return (key[0], _ROWS.sub("/rows/*", key[1]), key[2])


def _places(old: dict[str, Any]) -> list[tuple[str, str | None]]:
    """The places of an old finding: its occurrences, or its own path and excerpt."""
    occurrences = old.get("occurrences") or []
    places = [(o.get("path", ""), o.get("excerpt")) for o in occurrences if isinstance(o, dict)]
    return places or [(old["path"], old.get("excerpt"))]


def _mark(new: list[Finding], old: list[dict[str, Any]]) -> tuple[dict[Finding, str], list[dict[str, Any]]]:
    """Statuses of the new findings and the old findings left unmatched (resolved), in their order.

    First pass: exact (code, path, excerpt).  Second pass, for what is left: the same key with any
    ``/rows/<n>`` made a wildcard, pairing leftovers in document order.  Third pass: a finding with
    several places (``occurrences``) pairs with a finding of the same rule sharing one of its places.
    """
    old_keys = [_key(o["code"], o["path"], o.get("excerpt")) for o in old]
    pool = Counter(old_keys)
    status: dict[Finding, str] = {}
    leftover: list[Finding] = []
    for f in new:
        k = _finding_key(f)
        if pool[k] > 0:
            pool[k] -= 1
            status[f] = "open"
        else:
            leftover.append(f)
    unmatched: list[int] = []
    for i, k in enumerate(old_keys):  # what is left in the pool was not matched
        if pool[k] > 0:
            pool[k] -= 1
            unmatched.append(i)
    loose_pool: dict[Key, list[int]] = {}
    for i in unmatched:
        loose_pool.setdefault(_loose(old_keys[i]), []).append(i)
    matched: set[int] = set()
    still_new: list[Finding] = []
    for f in leftover:
        candidates = loose_pool.get(_loose(_finding_key(f)))
        if candidates and _ROWS.search(f.path):
            matched.add(candidates.pop(0))
            status[f] = "open"
        else:
            still_new.append(f)
    # Third pass: a defect reported once for several places (occurrences) is the same finding in the
    # next draft when it shares a place with it, even if its first place was mended or moved.
    by_place: dict[tuple[str, str, str | None], list[int]] = {}
    for i in unmatched:
        if i not in matched:
            for path, excerpt in _places(old[i]):
                by_place.setdefault((old[i]["code"], path, excerpt), []).append(i)
    for f in still_new:
        places = [(o.path, o.excerpt) for o in f.occurrences] if f.occurrences else [(f.path, f.excerpt)]
        found = next((i for path, excerpt in places for i in by_place.get((f.code, path, excerpt), [])
                      if i not in matched), None)
        if found is not None and (f.occurrences or old[found].get("occurrences")):
            matched.add(found)
            status[f] = "open"
        else:
            status[f] = "new"
    resolved = [{k2: v for k2, v in old[i].items() if k2 not in ("status", "waiver")}
                for i in unmatched if i not in matched]
    return status, resolved


def apply_baseline(report: Report, baseline: dict[str, Any], *, source: str | None = None) -> None:
    """Give every finding of ``report`` a status (new/open) and list the baseline's resolved findings."""
    old_docs = baseline.get("documents") or []
    by_name: dict[str, list[dict[str, Any]]] = {}
    for od in old_docs:
        by_name.setdefault(Path(od["path"]).name, []).append(od)
    pair_any = len(old_docs) == 1 and len(report.documents) == 1

    for d in report.documents:
        candidates = by_name.get(Path(d.path).name) or (old_docs if pair_any else [])
        old = [o for od in candidates for o in [*od.get("findings", []), *od.get("waived", [])]]
        new = [*d.findings, *(w.finding for w in d.waived or [])]
        d.status, d.resolved = _mark(new, old)

    checked = {Path(d.path).name for d in report.documents}
    old_cross = [o for o in [*(baseline.get("findings") or []), *(baseline.get("waived") or [])]
                 if Path(o.get("document") or "").name in checked]
    new_cross = [*report.findings, *(w.finding for w in report.waived)]
    # Cross-document findings match within the same document too: the file name joins the key.
    groups: dict[str, tuple[list[Finding], list[dict[str, Any]]]] = {}
    for f in new_cross:
        groups.setdefault(Path(f.document).name, ([], []))[0].append(f)
    for o in old_cross:
        groups.setdefault(Path(o.get("document") or "").name, ([], []))[1].append(o)
    report.status, report.resolved = {}, []
    for name in sorted(groups):
        status, resolved = _mark(*groups[name])
        report.status.update(status)
        report.resolved.extend(resolved)

    statuses = [*report.status.values(), *(s for d in report.documents for s in d.status.values())]
    report.baseline = {
        "file": Path(source).as_posix() if source else None,
        "new": statuses.count("new"),
        "open": statuses.count("open"),
        "resolved": len(report.resolved) + sum(len(d.resolved or []) for d in report.documents),
    }
