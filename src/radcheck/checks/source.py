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
    "baseline": {"id": "Kondisi Awal", "en": "baseline"},
}
# What is wrong with a value P004 reports (ReadingNote.detail["reason"]); a stray value by default.
_STRAY = {"id": "tempat yang tidak dapat memuatnya", "en": "where it cannot belong"}
_NOT_A_NUMBER = {
    "mixed": {"id": "tetapi kolom ini menulis angka dengan dua cara (titik ribuan dan koma desimal, serta koma ribuan "
                    "dan titik desimal), sehingga nilainya tidak pasti dan tidak dibaca; tulis semua angka dengan "
                    "satu cara (mis. 2.000 dan 87,7)",
              "en": "but this column writes numbers both ways (dot thousands with decimal comma, and comma thousands "
                    "with decimal point), so its value is uncertain and was not read; write every number one way "
                    "(e.g. 2.000 and 87,7)"},
    "range": {"id": "tetapi rentang bukan satu target, sehingga tidak dibaca; tulis satu angka target (mis. batas "
                    "bawahnya)",
              "en": "but a range is not one target, so it was not read; write one target number (e.g. its lower "
                    "bound)"},
    "number": {"id": "tetapi tidak dapat dibaca sebagai angka; tulis angka dengan titik ribuan dan koma desimal "
                     "(mis. 2.000 dan 87,7)",
               "en": "but it cannot be read as a number; write it with dot thousands and a decimal comma "
                     "(e.g. 2.000 and 87,7)"},
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
            yield hit("P004", note.path, line=note.line, end_line=note.end_line, excerpt=note.text,
                      value=note.text, column=_column(note.detail.get("column")),
                      problem=_NOT_A_NUMBER.get(note.detail.get("reason", ""), _STRAY))


# Why a table was not read (ReadingNote.detail["reason"], see readers.annex.note_unread_table).
_UNREAD_REASONS = {
    "header": {"id": "baris judul kolomnya tidak dikenali (tidak ada kolom uraian dan kolom satuan atau target)",
               "en": "its header was not recognised (no description column and no unit or target column)"},
    "no-header": {"id": "tidak ada baris judul kolom di atasnya",
                  "en": "there is no header row above them"},
    "columns": {"id": "kolom-kolomnya tidak dapat dibedakan menurut judul kolomnya",
                "en": "its columns could not be told apart by their header"},
    "empty": {"id": "di bawah Lampiran tidak ada tabel yang terbaca (tabel berupa gambar atau pindaian perlu OCR lebih "
                    "dulu)",
              "en": "there is no readable table under the Lampiran (a table that is an image or a scan needs OCR "
                    "first)"},
}


@rule("P005")
def check_annex_not_read(doc: Document, ctx: Context) -> Iterator[Hit]:
    """The reader's notes of tables that did not become rows; and a Lampiran with no table at all, which
    would otherwise pass without a word (the plan is the annex)."""
    noted = False
    for note in doc.notes:
        if note.code == "P005":
            noted = True
            reason = _UNREAD_REASONS.get(note.detail.get("reason", ""), _UNREAD_REASONS["no-header"])
            yield hit("P005", note.path, line=note.line, end_line=note.end_line, excerpt=note.text,
                      count=note.detail.get("rows", "?"), reason=reason)
    if doc.lampiran and not doc.sections and not noted:
        head = doc.lampiran[0]
        yield hit("P005", "/lampiran", line=head.line, excerpt=head.raw, count=doc.table_rows,
                  reason=_UNREAD_REASONS["empty"])
