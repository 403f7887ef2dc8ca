"""P005 annex-not-read: table-shaped text under a Lampiran that did not become plan rows.

A reader that meets such text notes it (``ReadingNote`` code P005): ``line``/``end_line`` span the lines,
``text`` is the first of them, ``detail["lines"]`` how many there are (else the span is counted) and
``detail["reason"]`` why, one of the catalogue's variants (``header-unrecognised``, ``columns-ambiguous``;
another reason gets the general wording).  Where no reader said so but the annex read as nothing at all
(no activity, no indicator) while table text was left unplaced (P002), the rule says it itself: an
annex that reads as nothing never passes quietly.
"""

from __future__ import annotations

from collections.abc import Iterator

from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
from radcheck.model import Document


def _count(detail: dict[str, str], line: int | None, end_line: int | None) -> int:
    written = detail.get("lines", "")
    if written.isdigit():
        return int(written)
    if line is not None and end_line is not None and end_line >= line:
        return end_line - line + 1
    return 1


@rule("P005")
def check_annex_not_read(doc: Document, ctx: Context) -> Iterator[Hit]:
    noted = [n for n in doc.notes if n.code == "P005"]
    for note in noted:
        yield hit("P005", note.path, line=note.line, end_line=note.end_line, excerpt=note.text,
                  count=_count(note.detail, note.line, note.end_line), variant=note.detail.get("reason"))
    if noted or any(sec.activities or sec.indicators for sec in doc.sections):
        return
    unplaced = [n for n in doc.notes if n.code == "P002" and n.path.startswith("/lampiran")]
    if unplaced:
        first, last = unplaced[0], unplaced[-1]
        yield hit("P005", "/lampiran", line=first.line, end_line=last.end_line or last.line, excerpt=first.text,
                  count=len(unplaced), variant="nothing-read")
