"""Property: one plan table read from tab-separated text, from Word and from Excel gives one model."""

from __future__ import annotations

import office_fixtures as of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_xlsx_reader import _book

from radcheck.readers import read_bytes

HEADER = ["No", "Kegiatan", "Indikator", "Satuan", "Target", "", "OPD"]
YEARS = ["", "", "", "", "2024", "2025", ""]
words = st.text(alphabet="abcdefghij ", min_size=3, max_size=12).map(str.strip).filter(lambda s: len(s) >= 3)
target = st.one_of(st.integers(0, 99999).map(str), st.sampled_from(["-", "Ada", "87,7", "6.182", ""]))
row = st.tuples(words.map(lambda w: "Program " + w), words.map(lambda w: "Jumlah " + w),
                st.sampled_from(["Orang", "%", "Dok"]), target, target, st.sampled_from(["Dinsos", "Dinkes", ""]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row, min_size=1, max_size=6))
def test_text_word_and_excel_read_the_same_table(rows):
    cells = [[str(i + 1), *r] for i, r in enumerate(rows)]
    title = "A. Rencana Aksi Bidang Uji"
    text = "\n".join(["PERATURAN WALI KOTA BEKASI", "NOMOR 1 TAHUN 2024", "LAMPIRAN", "", title, "",
                      "\t".join(HEADER), "\t".join(YEARS), *("\t".join(c) for c in cells)]).encode()
    word = of.docx_from_xml([of.para("PERATURAN WALI KOTA BEKASI"), of.para("NOMOR 1 TAHUN 2024"),
                             of.para("LAMPIRAN"), of.para(""), of.para(title),
                             of.table_xml([[of.Cell(c) for c in r] for r in [HEADER, YEARS, *cells]], 7)])
    book = _book({"Sheet1": [[title], HEADER, YEARS, *cells]})
    t = read_bytes(text, "t.txt", "text")
    d = read_bytes(word, "t.docx", "docx")
    x = read_bytes(book, "t.xlsx", "xlsx")
    expected = of.comparable(t, annex_only=True)["sections"]
    assert of.comparable(d, annex_only=True)["sections"] == expected
    assert of.comparable(x, annex_only=True)["sections"] == expected
    assert of.note_keys(d) == of.note_keys(x) == of.note_keys(t)
