"""P — reading the source: what the reader could not place, realigned, or found out of place.

P001 (parse-error) is not a rule over a document: a file that cannot be read has no document.  The
loader reports it (see ``radcheck.api``); the codes below turn the reader's notes into findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
from radcheck.model import Document

_COLUMN_NAMES = {
    "agency": {"id": "OPD/penanggung jawab", "en": "agency"},
    "lead": {"id": "Penanggung Jawab", "en": "lead agency"},
    "supporting": {"id": "Instansi Pendukung", "en": "supporting agencies"},
    "no": {"id": "No", "en": "No"},
}


def _column(name: str | None) -> dict[str, str]:
    if name is None:
        return {"id": "tak dikenal", "en": "unknown"}
    if name.isdigit():
        return {"id": f"target {name}", "en": f"target {name}"}
    if name.startswith("("):
        return {"id": "di luar kolom terakhir", "en": "beyond the last column"}
    return _COLUMN_NAMES.get(name, {"id": name, "en": name})


@rule("P002")
def check_unplaced_text(doc: Document, ctx: Context) -> Iterator[Hit]:
    for note in doc.notes:
        if note.code == "P002":
            yield hit("P002", note.path, line=note.line, end_line=note.end_line, excerpt=note.text, text=note.text)


@rule("P003")
def check_misaligned_row(doc: Document, ctx: Context) -> Iterator[Hit]:
    for note in doc.notes:
        if note.code != "P003":
            continue
        if "shift" in note.detail:
            n = note.detail["shift"]
            reason = {"id": f"isi baris bergeser {n} kolom ke kiri (sel No hilang)",
                      "en": f"its cells were shifted {n} column(s) left (missing No cell)"}
        else:
            reason = {"id": f"baris runtuh: '{note.text}' berada di kolom target dan dipindah ke kolom OPD",
                      "en": f"collapsed row: '{note.text}' stood in a target column and was moved to the agency column"}
        yield hit("P003", note.path, line=note.line, end_line=note.end_line, excerpt=note.text, reason=reason)


@rule("P004")
def check_stray_value(doc: Document, ctx: Context) -> Iterator[Hit]:
    for note in doc.notes:
        if note.code == "P004":
            column = note.detail.get("column")
            # A mark in a target cell of a heading row (no indicator, unit or baseline): a leftover to
            # delete, a warning; a value spilt into an agency column may hide a lost target, an error.
            heading_mark = column is not None and column.isdigit()
            yield hit("P004", note.path, line=note.line, end_line=note.end_line, excerpt=note.text,
                      value=note.text, column=_column(column), variant="heading-mark" if heading_mark else None)
