"""P — reading the source: what the reader could not place, realigned, or found out of place.

P001 (parse-error) is not a rule over a document: a file that cannot be read has no document.  The
loader reports it (see ``radcheck.api``); the codes below turn the reader's notes into findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
from radcheck.model import Document
from radcheck.words import all_words, word

# A number kept raw by the annex reader (ReadingNote.detail["reason"], see SectionBuilder._settle_numbers):
# its variant of P004's wording in the catalogue.
_NUMBER_VARIANTS = {"mixed": "mixed-notation", "range": "range", "number": "not-a-number"}


def _column(name: str | None) -> dict[str, str] | str:
    """The column's name in words (rules/words.yaml ``column``): a year's target, one past the last, a named one."""
    if name is None:
        return word("column.unknown")
    if name.isdigit():
        return word("column.target", year=name)
    if name.startswith("("):
        return word("column.beyond-last")
    return word(f"column.{name}") if f"column.{name}" in all_words() else name


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
        # how the row was realigned: a variant of the wording (rules/catalogue/P.yaml)
        shifted = "shift" in note.detail
        yield hit("P003", note.path, line=note.line, end_line=note.end_line, excerpt=note.text,
                  shift=note.detail.get("shift"), text=note.text, variant="shifted" if shifted else "collapsed")


@rule("P004")
def check_stray_value(doc: Document, ctx: Context) -> Iterator[Hit]:
    for note in doc.notes:
        if note.code == "P004":
            column = note.detail.get("column")
            # A mark in a target cell of a heading row (no indicator, unit or baseline): a leftover to
            # delete, a warning; a value spilt into an agency column may hide a lost target, an error.
            heading_mark = column is not None and column.isdigit()
            variant = _NUMBER_VARIANTS.get(note.detail.get("reason", "")) or ("heading-mark" if heading_mark else None)
            yield hit("P004", note.path, line=note.line, end_line=note.end_line, excerpt=note.text,
                      value=note.text, column=_column(column), variant=variant)


@rule("P005")
def check_annex_not_read(doc: Document, ctx: Context) -> Iterator[Hit]:
    """The reader's notes of tables that did not become rows (why: the note's ``reason``, a variant of the
    wording in the catalogue); and a Lampiran with no table at all, which would otherwise pass without a
    word (the plan is the annex)."""
    noted = False
    for note in doc.notes:
        if note.code == "P005":
            noted = True
            yield hit("P005", note.path, line=note.line, end_line=note.end_line, excerpt=note.text,
                      count=note.detail.get("rows", "?"), variant=note.detail.get("reason"))
    if doc.lampiran and not doc.sections and not noted:
        head = doc.lampiran[0]
        yield hit("P005", "/lampiran", line=head.line, excerpt=head.raw, count=doc.table_rows, variant="empty")
