"""The annex reader's shortcuts give what the plain rules they stand for give.

Each shortcut in ``readers/annex/`` (and the text reader's calls into it) is compared here with a plain
restatement of the rule it speeds up, on drawn inputs: the restatement is the specification, written the
obvious way, without memos.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from radcheck.model import ReadingNote, Section, TargetKind
from radcheck.numbers import looks_numeric, read_target
from radcheck.readers.annex import RawRow, SectionBuilder, header_columns
from radcheck.readers.annex.cells import _NO_MARK
from radcheck.readers.annex.rows import _picker

# Headers of the layouts the seeds and the generator use, plus one with an unlabelled column and a role in
# two columns (two agency columns), and a narrow one.
_HEADERS = [
    (["No", "Permasalahan", "Tujuan", "Capaian", "Kegiatan", "Satuan", "Target Rencana Aksi/ Kegiatan", "", "", "",
      "", "Penanggung Jawab", "Instansi Pendukung"],
     ["", "", "", "", "", "", "2024", "2025", "2026", "2027", "2028", "", ""]),
    (["No", "Rencana Aksi (Program/ Kegiatan)", "Indikator", "Satuan", "Kondisi Awal tahun 2024",
      "Target Rencana Aksi/ Kegiatan", "", "", "", "", "OPD Pengampu Urusan"],
     ["", "", "", "", "", "2025", "2026", "2027", "2028", "2029", ""]),
    (["No", "Kegiatan", "Indikator", "Satuan", "Target", "", "Keterangan", "OPD", "Perangkat Daerah"],
     ["", "", "", "", "2024", "2025", "", "", ""]),
    (["Kegiatan", "Satuan", "Target"], ["", "", "2024"]),
]

# Cell texts of every kind the fits tell apart: empty, numbers (Indonesian and not), marks, stages, units,
# list numbers, short and long words, agencies.
_TEXTS = ["", "", "", "1", "1.", "a)", "(iv)", "12", "2.000", "87,7", "1,234.5", "45%", "-", "–", "--", "Ada",
          "Inisiasi Awal", "Tersedia.", "%", "Orang", "kegiatan", "Dok", "Dinkes", "Dinas Kesehatan, Dinsos dan",
          "2. Pelatihan gizi seimbang", "Persentase aparatur perangkat daerah yang mendapat pelatihan gizi",
          "x" * 31, "1 000", "2024", "Bappelitbangda", "*Stunting*"]

_cells = st.lists(st.sampled_from(_TEXTS) | st.text(max_size=8), max_size=15)


def _builder(header: int) -> SectionBuilder:
    labels, years = _HEADERS[header]
    cols = header_columns(labels, years)
    assert cols is not None
    builder = SectionBuilder(Section(letter="A", title="t"), [])
    builder.set_columns(cols, 1)
    return builder


# -- the fit of a cell to a column, and the best shift of a row ----------------------------------------
def _fit(role: str, text: str) -> int:
    """How well ``text`` fits a column of ``role``: the rule, one role and one text at a time."""
    if role == "no":
        return 1 if not text else (2 if _NO_MARK.match(text) else -3)
    if role in ("target", "baseline"):
        return 0 if not text else (2 if read_target(text).kind is not TargetKind.UNREADABLE else -2)
    if role == "unit":
        return 0 if not text else (-2 if looks_numeric(text) or text == "-" else (1 if len(text) <= 30 else -1))
    if role == "other":
        return 0
    return 0 if not text else (-1 if looks_numeric(text) else 1)  # a text or agency column


def _best_shift(roles: list[str], cells: list[str]) -> int:
    """The shift that fits a row best, by trying each: the rule ``SectionBuilder._best_shift`` memoises."""
    width = len(roles)
    if any(cells[width - 1:]):
        return 0

    def score(shift: int) -> int:
        moved = [""] * shift + cells[: width - shift]
        return sum(_fit(role, text) for role, text in zip(roles, moved))

    base = best = score(0)
    best_shift = 0
    for shift in ((1, 2) if width < 2 or not cells[width - 2] else (1,)):
        if score(shift) > best:
            best, best_shift = score(shift), shift
    return best_shift if best >= base + 3 else 0


@settings(max_examples=400, deadline=None)
@given(header=st.integers(0, len(_HEADERS) - 1), cells=_cells, rows=st.lists(_cells, max_size=4))
def test_best_shift_is_the_fit_rule(header: int, cells: list[str], rows: list[list[str]]) -> None:
    builder = _builder(header)
    for row in [*rows, cells, cells]:  # the second time from the memo of the row's fit classes
        row = [c.strip() for c in row]
        row += [""] * (builder._width - len(row))
        assert builder._best_shift(row) == _best_shift(builder.roles, row)


# -- rows handed over as cells or as RawRow ------------------------------------------------------------
@settings(max_examples=100, deadline=None)
@given(header=st.integers(0, len(_HEADERS) - 1),
       rows=st.lists(st.tuples(_cells, st.booleans()), min_size=1, max_size=12))
def test_add_cells_is_add_row(header: int, rows: list[tuple[list[str], bool]]) -> None:
    built = []
    for how in ("row", "cells"):
        builder = _builder(header)
        notes: list[ReadingNote] = builder.notes
        for line, (cells, after_break) in enumerate(rows, start=2):
            if how == "row":
                builder.add_row(RawRow(cells=list(cells), line=line, after_break=after_break))
            else:
                builder.add_cells(list(cells), line, after_break)
        built.append((builder.finish(len(rows) + 2).model_dump(), [n.model_dump() for n in notes]))
    assert built[0] == built[1]


def test_picker_gives_tuples() -> None:
    row = ["a", "b", "c"]
    assert _picker([])(row) == ()
    assert _picker([1])(row) == ("b",)
    assert _picker([2, 0])(row) == ("c", "a")
