"""P006 body-part-unread: a part of the body that the reader found but read as empty or half.

The text reader notes it (``ReadingNote`` code P006, ``detail["problem"]``): a Mengingat heading with no
numbered items (or a Menimbang heading with nothing under it), a Judul without its number or year, a line
beginning "Menetapkan" inside Menimbang while no Menetapkan clause was found.  Each such part silences the
rules that read it, so it is said aloud.
"""

from __future__ import annotations

from collections.abc import Iterator

from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
from radcheck.model import Document


@rule("P006")
def check_body_part_unread(doc: Document, ctx: Context) -> Iterator[Hit]:
    # The reader's ``detail["problem"]`` names the catalogue's variant that words it (rules/catalogue/P.yaml);
    # a problem the catalogue does not know gets the general wording.
    for note in doc.notes:
        if note.code != "P006":
            continue
        yield hit("P006", note.path, line=note.line, end_line=note.end_line, excerpt=note.text,
                  variant=note.detail.get("problem", "mengingat-empty"))
