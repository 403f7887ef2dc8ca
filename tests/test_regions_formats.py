"""The four plans of other regions (tests/plans/regions/) as the files a region really sends: Word, Excel,
PDF and the space-aligned text a PDF layout extraction gives, each generated here from the plan's text
with the fixture modules.  Each reads into the same plan as its text: the same sections, plan nodes,
indicators and targets (locations and the header's own wording aside), every table row read, the same
reading notes, and the same findings by code and path.

A workbook holds the annex only (see test_xlsx_reader): its findings are compared on the annex, without
L001, whose definitions and vocabulary live in the body.
"""

from __future__ import annotations

import re
from pathlib import Path

import office_fixtures as of
import pdf_fixtures as pf
import pytest
from conftest import AS_OF, finding_keys

import radcheck
from radcheck.readers import read_bytes

REGIONS = Path(__file__).parent / "plans" / "regions"
PLANS = sorted(REGIONS.glob("*.txt"))
IDS = [p.stem for p in PLANS]
# a drafter's own layout: one header row with "Tahun 2025" labels, agencies first, a Keterangan column
RELAID = of.Layout(one_row=True, year_label="Tahun {year}", reorder=True, remarks=True)

FORMATS = {
    "layout-text": lambda p: read_bytes(pf.seed_layout_text(p.read_text(encoding="utf-8")).encode(), "p.txt", "text"),
    "pdf": lambda p: read_bytes(pf.seed_pdf(p.read_text(encoding="utf-8"), clean_body=True), "p.pdf", "pdf"),
    "docx": lambda p: read_bytes(of.write_docx(p), "p.docx", "docx"),
    "docx-title-rows": lambda p: read_bytes(of.write_docx(p, title_rows=True), "p.docx", "docx"),
    "docx-relaid": lambda p: read_bytes(of.write_docx(p, layout=RELAID), "p.docx", "docx"),
    "xlsx": lambda p: read_bytes(of.write_xlsx(p), "p.xlsx", "xlsx"),
    "xlsx-relaid": lambda p: read_bytes(of.write_xlsx(p, RELAID), "p.xlsx", "xlsx"),
    "text-relaid": lambda p: read_bytes(of.write_text(p, RELAID), "p.txt", "text"),
}


def _pasal(doc) -> int:
    return sum(1 for top in doc.provisions for p in top.walk() if p.kind == "pasal")


@pytest.fixture(scope="module")
def texts() -> dict[str, radcheck.Document]:  # type: ignore[name-defined]
    return {p.stem: radcheck.load(p) for p in PLANS}


@pytest.mark.parametrize("kind", list(FORMATS))
@pytest.mark.parametrize("path", PLANS, ids=IDS)
def test_region_plan_reads_the_same_in_every_format(path: Path, kind: str, texts) -> None:
    base = texts[path.stem]
    doc = FORMATS[kind](path)
    assert [(s.letter, s.title) for s in doc.sections] == [(s.letter, s.title) for s in base.sections]
    assert [len(s.indicators) for s in doc.sections] == [len(s.indicators) for s in base.sections]
    assert sum(len(s.indicators) for s in doc.sections) > 0
    assert of.annex_plan(doc) == of.annex_plan(base)
    assert doc.table_rows == doc.rows_read == base.rows_read > 0  # every table row read
    assert of.note_keys(doc) == of.note_keys(base)
    if kind.startswith("xlsx"):
        assert finding_keys(doc, annex_only=True) == finding_keys(base, annex_only=True)
        return
    if not kind.endswith("relaid"):  # the relaid text is written from the model: annex only
        assert (doc.kind, doc.region, doc.number, doc.year, doc.period) == (
            base.kind, base.region, base.number, base.year, base.period)
        assert (len(doc.menimbang), len(doc.mengingat), _pasal(doc)) == (
            len(base.menimbang), len(base.mengingat), _pasal(base))
    assert finding_keys(doc) == finding_keys(base)


# -- a plan nobody could read is one P005, in every format -------------------------------------------------
ODD_HEADER = ["Nomor", "Uraian Pekerjaan", "Spesifikasi", "Volume", "I", "II", "III", "IV", "V", "Pelaksana Teknis"]


def _odd_rows(n: int) -> list[list[str]]:
    return [ODD_HEADER] + [[str(k), f"Pekerjaan {k}", f"Spesifikasi {k}", str(k * 3), "", "", "", "", "", "Dinkes"]
                           for k in range(1, n + 1)]


def test_a_word_table_without_lampiran_and_with_an_unrecognised_header_gives_p005() -> None:
    rows = _odd_rows(5)
    word = of.docx_from_xml([of.para("PERATURAN WALI KOTA BEKASI"), of.para("NOMOR 3 TAHUN 2025"),
                             of.para("TENTANG"), of.para("RENCANA AKSI DAERAH CONTOH"), of.para("Pasal 1"),
                             of.para("Rencana aksi tercantum dalam tabel berikut."),
                             of.table_xml([[of.Cell(c) for c in r] for r in rows], len(ODD_HEADER))])
    doc = read_bytes(word, "t.docx", "docx")
    assert doc.table_rows == 6 and doc.rows_read == 0
    (note,) = [n for n in doc.notes if n.code == "P005"]
    assert note.detail == {"rows": "6", "reason": "header"} and note.text.startswith("Nomor | Uraian Pekerjaan")
    found = radcheck.check(doc, as_of=AS_OF).documents[0].findings
    assert [(f.code, f.severity, f.location) for f in found if f.code == "P005"] == [
        ("P005", "error", {"table": 1, "row": 1})]


def test_a_word_body_laid_out_in_tables_is_not_an_unread_plan() -> None:
    """Menimbang and Mengingat in a four-column layout table, and a signature table: body, not P005."""
    layout = [["Menimbang", ":", "a.", "bahwa satu;"], ["", "", "b.", "bahwa dua;"],
              ["Mengingat", ":", "1.", "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;"],
              ["", "", "2.", "Undang-Undang Nomor 18 Tahun 2012 tentang Pangan."]]
    word = of.docx_from_xml([of.para("PERATURAN WALI KOTA BEKASI"), of.para("NOMOR 3 TAHUN 2025"),
                             of.para("TENTANG"), of.para("RENCANA AKSI DAERAH CONTOH"),
                             of.table_xml([[of.Cell(c) for c in r] for r in layout], 4),
                             of.para("MEMUTUSKAN:"), of.para("Pasal 1"), of.para("Peraturan ini mulai berlaku."),
                             of.table_xml([[of.Cell("Ditetapkan di Bekasi"), of.Cell("WALI KOTA BEKASI")],
                                           [of.Cell(""), of.Cell("TRI ADHIANTO")]], 2)])
    doc = read_bytes(word, "t.docx", "docx")
    assert [n.code for n in doc.notes if n.code in ("P002", "P005")] == []
    assert doc.table_rows == 0 and len(doc.menimbang) == 2 and len(doc.mengingat) == 2


def test_an_unread_sheet_is_one_p005_not_also_p002() -> None:
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "A"
    ws.append(["No", "Kegiatan", "Indikator", "Satuan", "2025", "2026", "2027", "2028", "2029", "Penanggung Jawab"])
    for k in range(1, 4):
        ws.append([k, f"Kegiatan {k}", f"Jumlah kegiatan {k}", "kegiatan", 1, 2, 3, 4, 5, "Dinas Kesehatan"])
    odd = wb.create_sheet("Rekap")
    for row in _odd_rows(4):
        odd.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    doc = read_bytes(buf.getvalue(), "w.xlsx", "xlsx")
    assert (doc.table_rows, doc.rows_read) == (8, 3)
    assert [(n.code, n.line, n.end_line) for n in doc.notes] == [("P005", 5, 9)]


# -- the columns kept but not judged are shown in the plan tables of the reports ----------------------------
def test_kept_columns_are_shown_in_the_html_and_xlsx_plan_tables() -> None:
    import io

    from openpyxl import load_workbook

    from radcheck.formats import render
    from radcheck.formats._tables import build_rows

    path = REGIONS / "perbup-kukar-7-2025-rad-kemiskinan.txt"
    doc = radcheck.load(path)
    sec = doc.sections[0]
    pagu = next(i for i, c in enumerate(sec.columns) if c.role == "other")
    assert sec.columns[pagu].label == "Pagu Indikatif (Rp)"
    assert [r.cells[pagu].text for r in build_rows(sec)] == [i.other["Pagu Indikatif (Rp)"] for i in sec.indicators]
    report = radcheck.check(doc, as_of=AS_OF)
    html = render(report, "html")
    assert isinstance(html, str) and "6,015,947,806" in html and "Pagu Indikatif (Rp)" in html
    wb = load_workbook(io.BytesIO(render(report, "xlsx")))  # type: ignore[arg-type]
    values = {str(c.value) for ws in wb.worksheets[2:] for row in ws.iter_rows() for c in row}
    assert "6,015,947,806" in values and "41,250,000,000" in values


# -- years counted in the plan: ``Tahun I`` … ``Tahun V``, ``Tahun ke-1`` … ``ke-5`` ---------------------------
@pytest.mark.parametrize("label", ["Tahun {roman}", "Tahun ke-{k}", "Th. {roman}", "Target Tahun {roman}",
                                   "TAHUN KE {k}"])
@pytest.mark.parametrize("kind", ["text", "docx", "xlsx", "pdf"])
def test_years_counted_in_the_plan_are_the_years_of_its_period(kind: str, label: str, texts) -> None:
    path = REGIONS / "perwal-padang-21-2025-rad-kla.txt"
    layout = of.Layout(one_row=True, year_label=label)
    if kind == "text":
        doc = read_bytes(of.write_text(path, layout), "p.txt", "text")
    elif kind == "docx":
        doc = read_bytes(of.write_docx(path, layout=layout), "p.docx", "docx")
    elif kind == "xlsx":  # no body: the period is the LAMPIRAN heading's
        doc = read_bytes(of.write_xlsx(path, layout), "p.xlsx", "xlsx")
    else:
        doc = read_bytes(pf.seed_pdf(of.write_text(path, layout).decode(), clean_body=True), "p.pdf", "pdf")
    assert [c.year for c in doc.sections[0].columns if c.role == "target"] == [2025, 2026, 2027, 2028, 2029]
    assert of.annex_plan(doc) == of.annex_plan(texts[path.stem])
    assert doc.table_rows == doc.rows_read > 0 and of.note_keys(doc) == []


def test_years_counted_in_a_plan_without_a_stated_period_are_not_guessed() -> None:
    path = REGIONS / "perwal-padang-21-2025-rad-kla.txt"
    text = of.write_text(path, of.Layout(one_row=True, year_label="Tahun {roman}")).decode()
    text = re.sub(r"(?i) tahun 2025 - 2029", "", text)
    doc = read_bytes(text.encode(), "p.txt", "text")
    assert doc.period is None and doc.rows_read == 0 and doc.table_rows > 0
    assert {n.code for n in doc.notes} == {"P005"}


def test_a_sixth_counted_year_in_a_five_year_plan_is_no_year() -> None:
    from radcheck.model import Document
    from radcheck.readers.columns import plan_of, year_of

    doc = Document.trusted(period=(2025, 2029))
    assert year_of("Tahun V") is None  # outside any document: no period, no year
    with plan_of(doc):
        assert [year_of(f"Tahun {r}") for r in ("I", "IV", "V", "VI")] == [2025, 2028, 2029, None]
        assert [year_of(x) for x in ("Tahun ke-3", "Th. III", "I", "3", "Tahun 2027")] == [2027, 2027, None, None, 2027]


# -- space-aligned text whose cells wrap onto the lines below (``pdftotext -layout`` of a narrow table) -------
@pytest.mark.parametrize("path", [REGIONS / "perbup-garut-12-2025-stunting.txt",
                                  REGIONS / "perwal-padang-21-2025-rad-kla.txt"], ids=["garut", "padang"])
def test_wrapped_cells_then_a_section_title_start_the_next_section(path: Path, texts) -> None:
    """A wrapped last row, then ``C. Pilar 3 …`` and its header: the title is not taken into a header."""
    doc = read_bytes(pf.seed_layout_text(path.read_text(encoding="utf-8"), wrap=18).encode(), "p.txt", "text")
    base = texts[path.stem]
    assert [s.title for s in doc.sections] == [s.title for s in base.sections]
    assert of.annex_plan(doc) == of.annex_plan(base)


def test_a_row_counting_the_years_under_the_target_label_is_the_plan_period(texts) -> None:
    """``Target Kinerja`` over ``I  II  III  IV  V``: the years of the period the title states."""
    path = REGIONS / "perbup-kukar-7-2025-rad-kemiskinan.txt"
    text = path.read_text(encoding="utf-8")
    counted = text.replace("\t2025\t2026\t2027\t2028\t2029\t", "\tI\tII\tIII\tIV\tV\t")
    assert counted != text
    doc = read_bytes(counted.encode(), "p.txt", "text")
    assert [c.year for c in doc.sections[0].columns if c.role == "target"] == [2025, 2026, 2027, 2028, 2029]
    assert of.annex_plan(doc) == of.annex_plan(texts[path.stem]) and doc.notes == []
    assert finding_keys(doc) == finding_keys(texts[path.stem])
