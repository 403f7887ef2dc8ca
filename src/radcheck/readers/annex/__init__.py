"""Turn annex table rows into sections, plan nodes and indicators.

This is the format-neutral half of annex reading: the text reader (tab-separated cells) and the Word
and Excel readers feed it rows of cells with their locations, and it finds the columns from the header,
realigns shifted rows, merges continuation rows, inherits merged ("same as above") cells within their
group, and records everything it could not place as a reading note.  Nothing is dropped silently.

- ``cells``: what one reading knows of each distinct cell text (cleaned, typed, its fit to each column);
- ``rows``: ``SectionBuilder``, rows → the nodes and indicators of one section;
- ``levels``: Program / Kegiatan / Sub kegiatan levels of a table with one activity column;
- ``notation``: how each year's column writes its numbers;
- ``tables``: a header's columns, and notes on rows that became no plan rows.
"""

from radcheck.readers.annex.cells import Cells, is_plain
from radcheck.readers.annex.rows import RawRow, SectionBuilder
from radcheck.readers.annex.tables import (
    UNREAD_TABLE_MIN_ROWS,
    flush_unread,
    header_columns,
    is_years_row,
    note_unread_table,
)

__all__ = ["UNREAD_TABLE_MIN_ROWS", "Cells", "RawRow", "SectionBuilder", "flush_unread", "header_columns",
           "is_plain", "is_years_row", "note_unread_table"]
