"""Where a person finds a finding in the file they have: the ``location`` of docs/REPORT.md.

Readers record, per running line number, the place a person looks for (``Document.locations``: a PDF
page and table row, an Excel sheet and the sheet's own row, a Word paragraph or table and row); a text
file's line is its own location.  To that this module adds what the finding's logical path tells:
the Excel column of the cell it is about (a target year's column, the agency column), and the Pasal
(and ayat) of a body finding, from its ``/body/pasal/…`` path or from the provision holding its line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from typing import Any

from radcheck.model import Document, Section
from radcheck.words import word

_PASAL_PATH = re.compile(r"^/body/pasal/([^/]+)(?:/ayat/([^/]+))?")
_ANNEX_PATH = re.compile(r"^/lampiran/([^/]+)/([a-z]+)/\d+(?:/([a-z]+)(?:/(\d{4}))?)?")
# The column a path's last part is about, by role (the first role the table has wins).
_PART_ROLES: dict[str, tuple[str, ...]] = {
    "targets": ("target",), "baseline": ("baseline",), "unit": ("unit",), "no": ("no",),
    "lead": ("lead", "agency"), "supporting": ("supporting", "agency"),
}
_NODE_ROLES: dict[str, tuple[str, ...]] = {
    "indicators": ("indicator", "activity", "outcome"), "activities": ("activity",), "goals": ("goal",),
    "outcomes": ("outcome", "goal"), "issues": ("issue",), "groups": ("activity", "issue"),
}


def excel_column(index: int) -> str:
    """0 → ``A``, 25 → ``Z``, 26 → ``AA``: the letters Excel shows above a column."""
    letters = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def lines_in_words(doc: Document, lines: Iterable[int | None]) -> dict[str, str]:
    """The places of ``lines`` (running line numbers of ``doc``, in the order to list them) as a message
    names them, in both languages: ``baris 149, 152`` for a text file, ``lembar B, baris 4, 7`` for
    Excel, ``tabel 2, baris 9`` for Word, ``hlm. 3, baris tabel 4`` for PDF (see ``places.places_text``);
    "-" when no line is known.  For a rule's message parameter: the engine picks the report's language."""
    from radcheck.places import places_text

    locations = []
    for line in lines:
        if line is None:
            continue
        known = doc.locations.get(line)
        locations.append(known.as_dict() if known is not None else {"line": line})
    return {lang: places_text(locations, lang) or "-" for lang in ("id", "en")}


def line_in_words(doc: Document, line: int | None) -> dict[str, str]:
    """One place of ``doc`` as a message names it ("baris 12", "lembar B, baris 4"), in both languages."""
    if line is None:
        return word("another-place")
    return lines_in_words(doc, [line])


class Locator:
    """Locations for the findings of one document, each distinct place worked out once."""

    def __init__(self, doc: Document | None) -> None:
        self.doc = doc
        self._cache: dict[tuple[int | None, str], Mapping[str, Any] | None] = {}
        self._pasal: tuple[list[int], list[tuple[int, int, str]]] | None = None
        self._sections: dict[str, Section] | None = None

    def __call__(self, line: int | None, path: str) -> Mapping[str, Any] | None:
        key = (line, _relevant(path))
        if key not in self._cache:
            self._cache[key] = self._locate(line, path)
        return self._cache[key]

    def _locate(self, line: int | None, path: str) -> Mapping[str, Any] | None:
        doc = self.doc
        out: dict[str, Any] = {}
        if line is not None:
            known = doc.locations.get(line) if doc is not None else None
            out = known.as_dict() if known is not None else {"line": line}
            out.pop("pasal", None)
        if doc is not None and "sheet" in out:
            column = self._column(path)
            if column is not None:
                out["column"] = column
        if path.startswith("/body"):
            pasal = _pasal_of_path(path) or (self._pasal_of_line(line) if line is not None else None)
            if pasal:
                out["pasal"] = pasal
        return out or None

    def _column(self, path: str) -> str | None:
        """The Excel column of the cell ``path`` is about, from its section's header."""
        m = _ANNEX_PATH.match(path)
        if m is None or self.doc is None:
            return None
        if self._sections is None:
            self._sections = {}
            for sec in self.doc.sections:
                self._sections.setdefault(sec.letter, sec)
        section = self._sections.get(m.group(1))
        if section is None:
            return None
        part, year = m.group(3), m.group(4)
        roles = _PART_ROLES.get(part or "") or _NODE_ROLES.get(m.group(2), ())
        for role in roles:
            for i, col in enumerate(section.columns):
                if col.role == role and (role != "target" or year is None or col.year == int(year)):
                    return excel_column(i)
        return None

    def _pasal_of_line(self, line: int) -> str | None:
        """The innermost Pasal (and ayat) whose lines hold ``line``."""
        if self._pasal is None:
            spans: list[tuple[int, int, str]] = []
            from radcheck.legal.walk import located

            for item in located(self.doc) if self.doc is not None else []:
                node = item.node
                if node.kind in ("pasal", "ayat") and node.line is not None and item.pasal is not None:
                    label = f"Pasal {item.pasal.number}" + (f" ayat ({node.number})" if node.kind == "ayat" else "")
                    spans.append((node.line, node.end_line or node.line, label))
            spans.sort(key=lambda s: (s[0], -s[1]))
            self._pasal = ([s[0] for s in spans], spans)
        starts, spans = self._pasal
        # Spans are nested or disjoint: the last one starting at or before the line that holds it is
        # the innermost.  A body has a few hundred provisions, and each line is asked about once.
        for i in range(bisect.bisect_right(starts, line) - 1, -1, -1):
            start, end, label = spans[i]
            if start <= line <= end:
                return label
        return None


def _relevant(path: str) -> str:
    """What of a path can change a location: a body path, or an annex path to the cell's column."""
    if path.startswith("/body"):
        return path
    m = _ANNEX_PATH.match(path)
    return m.group(0) if m else ""


def _pasal_of_path(path: str) -> str | None:
    m = _PASAL_PATH.match(path)
    if m is None:
        return None
    return f"Pasal {m.group(1)}" + (f" ayat ({m.group(2)})" if m.group(2) else "")
