"""Annex headers read by the meaning of their labels (readers/columns.py, rules/columns.yaml)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import radcheck
from radcheck.readers import read_bytes
from radcheck.readers.columns import is_numbering_row, label_role, read_header, year_of


@pytest.mark.parametrize(("label", "role"), [
    ("No", "no"), ("NO.", "no"), ("Nomor", "no"),
    ("Program", "activity"), ("Kegiatan", "activity"), ("Sub Kegiatan", "activity"), ("Rencana Aksi", "activity"),
    ("Aksi", "activity"), ("Rencana Aksi (Program/ Kegiatan)", "activity"),
    ("Rencana Aksi(Program/ Kegiatan", "activity"),
    ("Program/Kegiatan/Sub Kegiatan", "activity"), ("Uraian Kegiatan", "activity"),
    ("Sasaran", "outcome"), ("Capaian", "outcome"), ("Tujuan", "goal"), ("Permasalahan", "issue"),
    ("Isu Strategis", "issue"),
    ("Indikator", "indicator"), ("Indikator Kinerja", "indicator"), ("Output", "indicator"), ("Outcome", "indicator"),
    ("Indikator Kinerja Program (Outcome)/ Kegiatan (Output)", "indicator"), ("Indikator Capaian", "indicator"),
    ("Satuan", "unit"), ("SATUAN", "unit"),
    ("Kondisi Awal", "baseline"), ("KondisiAwal tahun2024", "baseline"), ("Baseline", "baseline"),
    ("Data Dasar", "baseline"), ("Capaian Awal", "baseline"), ("Realisasi 2023", "baseline"),
    ("Target", "target"), ("Target Kinerja", "target"), ("Target Rencana Aksi/ Kegiatan", "target"),
    ("Tahun", "target"),
    ("Penanggung Jawab", "lead"), ("Perangkat Daerah Penanggung Jawab", "lead"), ("Leading Sector", "lead"),
    ("Koordinator", "lead"), ("OPD Pengampu", "agency"), ("OPD PengampuUrusan", "agency"),
    ("Perangkat Daerah", "agency"), ("Instansi Pendukung", "supporting"), ("OPD Terkait", "supporting"),
    ("Mitra", "supporting"),
    ("Lokasi", "other"), ("Lokus", "other"), ("Anggaran", "other"), ("Pagu Indikatif", "other"),
    ("Sumber Dana", "other"), ("Keterangan", "other"), ("Ket.", "other"),
    ("Volume", None), ("Harga", None), ("", None),
])
def test_label_roles_follow_the_vocabulary(label, role):
    assert label_role(label) == role


@pytest.mark.parametrize(("label", "year"), [("2025", 2025), ("Target 2025", 2025), ("Tahun 2025", 2025),
                                             ("Th. 2025", 2025), ("Thn 2025", 2025), ("TARGET TAHUN 2027", 2027),
                                             ("Target Kinerja 2026", 2026), ("Realisasi 2023", None),
                                             ("Kondisi Awal 2023", None), ("25", None), ("Tahun", None)])
def test_year_labels(label, year):
    assert year_of(label) == year


def _roles(cols):
    return [(c.role, c.year) if c.year else c.role for c in cols]


def test_one_row_header_with_years_as_labels_in_any_order():
    cols, used = read_header([["Penanggung Jawab", "2025", "2026", "Indikator", "Satuan", "No", "Kegiatan"],
                              ["Dinkes", "10", "20", "Jumlah kader", "orang", "1", "Pelatihan kader"]])
    assert used == 1
    assert _roles(cols) == ["lead", ("target", 2025), ("target", 2026), "indicator", "unit", "no", "activity"]


def test_three_header_rows_group_then_tahun_then_years_then_column_numbers():
    rows = [["No", "Program/Kegiatan", "Indikator Kinerja", "Satuan", "Kondisi Awal", "Target Kinerja", "", "",
             "Perangkat Daerah", "Keterangan"],
            ["", "", "", "", "", "Tahun", "", "", "", ""],
            ["", "", "", "", "2023", "2025", "2026", "2027", "", ""],
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"],
            ["1", "Program Kesehatan", "Jumlah posyandu", "unit", "10", "12", "14", "16", "Dinkes", ""]]
    cols, used = read_header(rows)
    assert used == 4
    assert _roles(cols) == ["no", "activity", "indicator", "unit", ("baseline", 2023), ("target", 2025),
                            ("target", 2026), ("target", 2027), "agency", "other"]
    assert cols[-1].label == "Keterangan"


@pytest.mark.parametrize("row", [
    ["1", "Program Kesehatan", "Jumlah posyandu", "unit", "10", "12", "Dinkes"],  # numbers that are no years
    ["", "Pelatihan kader posyandu tentang pencegahan stunting di seluruh kelurahan Kota Contoh yang ada", "Satuan",
     "Target", "Kegiatan"],  # a long text
    ["Nomor", "Uraian Pekerjaan", "Volume", "Harga"],  # labels naming nothing radcheck reads
    ["No", "Kegiatan", "Keterangan"],  # no measure: neither a unit nor a target
])
def test_rows_that_are_no_header(row):
    assert read_header([row]) is None


def test_a_data_row_under_a_header_is_not_taken_for_a_header_row():
    rows = [["No", "Kegiatan", "Indikator", "Satuan", "Target", "", "OPD"],
            ["", "", "", "", "2025", "2026", ""],
            ["1", "Sosialisasi", "Jumlah kegiatan", "Kegiatan", "Ada", "Ada", "DPPPA"]]
    assert read_header(rows)[1] == 2


def test_numbering_rows():
    assert is_numbering_row(["1", "2", "3", "4", "5"])
    assert is_numbering_row(["(1)", "(2)", "(3)", "(4)", ""])
    assert not is_numbering_row(["1", "", "", "2", "3", "4", ""])  # a numbered row with targets, not column numbers
    assert not is_numbering_row(["1", "Program", "3"])


def test_text_annex_with_a_three_row_header_and_repeated_column_numbers():
    text = "\n".join([
        "PERATURAN BUPATI CONTOH", "NOMOR 7 TAHUN 2025", "TENTANG", "RENCANA AKSI DAERAH CONTOH TAHUN 2025 - 2027",
        "LAMPIRAN PERATURAN BUPATI CONTOH NOMOR 7 TAHUN 2025", "A. Bidang Kesehatan",
        "NO\tPROGRAM/KEGIATAN\tINDIKATOR KINERJA\tSATUAN\tTARGET KINERJA\t\t\tLOKASI\tOPD PENANGGUNG JAWAB",
        "\t\t\t\tTAHUN\t\t\t\t",
        "\t\t\t\t2025\t2026\t2027\t\t",
        "1\t2\t3\t4\t5\t6\t7\t8\t9",
        "1\tProgram Pelayanan Kesehatan\tJumlah posyandu aktif\tunit\t1,200\t1,350\t1,500\tKecamatan A"
        "\tDinas Kesehatan",
        "2\tProgram Gizi\tPersentase balita ditimbang\t%\t80.5\t85.25\t90\tKecamatan B\tDinas Kesehatan",
        "-----\t-----",
        "1\t2\t3\t4\t5\t6\t7\t8\t9",
        "3\tProgram Sanitasi\tJumlah desa ODF\tdesa\t10\t12\t15\tSeluruh desa\tDinas Kesehatan",
    ]) + "\n"
    doc = read_bytes(text.encode(), "t.txt", "text")
    (sec,) = doc.sections
    inds = sec.indicators
    assert [i.text for i in inds] == ["Jumlah posyandu aktif", "Persentase balita ditimbang", "Jumlah desa ODF"]
    assert [[c.value for c in i.targets.values()] for i in inds] == [[1200, 1350, 1500], [80.5, 85.25, 90],
                                                                      [10, 12, 15]]
    assert [i.other for i in inds] == [{"LOKASI": "Kecamatan A"}, {"LOKASI": "Kecamatan B"}, {"LOKASI": "Seluruh desa"}]
    assert doc.notes == []
    assert doc.table_rows == doc.rows_read == 3
    report = radcheck.check(doc)
    assert not {f.code for f in report.documents[0].findings} & {"P002", "P004", "P005", "T001"}


# -- properties: any order, any of the names ------------------------------------------------------------

NAMES = {
    "no": ["No", "NO.", "Nomor"],
    "activity": ["Program", "Kegiatan", "Sub Kegiatan", "Rencana Aksi", "Program/Kegiatan", "Uraian Kegiatan"],
    "indicator": ["Indikator", "Indikator Kinerja", "Output", "Outcome"],
    "unit": ["Satuan", "SATUAN"],
    "baseline": ["Kondisi Awal", "Baseline", "Data Dasar", "Capaian Awal"],
    "lead": ["Penanggung Jawab", "Leading Sector", "Koordinator"],
    "supporting": ["Instansi Pendukung", "OPD Terkait", "Mitra"],
    "other": ["Lokasi", "Anggaran", "Pagu Indikatif", "Sumber Dana", "Keterangan"],
}
YEAR_FORMS = ["{y}", "Target {y}", "Tahun {y}", "Th. {y}", "Target Tahun {y}"]


@settings(max_examples=60, deadline=None)
@given(st.permutations(list(NAMES)), st.data())
def test_a_one_row_header_in_any_order_under_any_names(order, data):
    form = data.draw(st.sampled_from(YEAR_FORMS))
    labels, expected = [], []
    for role in order:
        labels.append(data.draw(st.sampled_from(NAMES[role])))
        expected.append(role)
    at = data.draw(st.integers(0, len(labels)))
    years = [2025, 2026, 2027]
    labels[at:at] = [form.format(y=y) for y in years]
    expected[at:at] = [("target", y) for y in years]
    found = read_header([labels])
    assert found is not None
    cols, used = found
    assert used == 1
    assert _roles(cols) == expected


def test_a_year_twice_keeps_the_second_column_as_another_column():
    cols, _ = read_header([["No", "Kegiatan", "Indikator", "Satuan", "Target", "", "Realisasi", "", "OPD"],
                           ["", "", "", "", "2025", "2026", "2025", "2026", ""]])
    assert _roles(cols) == ["no", "activity", "indicator", "unit", ("target", 2025), ("target", 2026), "other",
                            "other", "agency"]
    assert [c.label for c in cols[6:8]] == ["Realisasi 2025", "2026"]


def test_labels_wrapped_onto_the_years_row():
    cols, used = read_header([["No", "Program/", "Indikator", "Satuan", "Kondisi", "Target", "", "Penanggung"],
                              ["", "Kegiatan", "Kinerja", "", "Awal", "2025", "2026", "Jawab"],
                              ["1", "Program Gizi", "Jumlah kader", "orang", "10", "12", "14", "Dinkes"]])
    assert used == 2
    assert _roles(cols) == ["no", "activity", "indicator", "unit", "baseline", ("target", 2025), ("target", 2026),
                            "lead"]
    assert [c.label for c in cols[:3]] == ["No", "Program/ Kegiatan", "Indikator Kinerja"]
