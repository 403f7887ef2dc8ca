"""The Excel reader: the seeds' annexes written as .xlsx read back into the seed text's sections."""

from __future__ import annotations

import io
import json
from collections import Counter

import office_fixtures as of
import pytest
from conftest import finding_keys, run_cli
from hypothesis import given
from hypothesis import strategies as st

import radcheck
from radcheck.numbers import parse_id_number
from radcheck.readers import read_bytes
from radcheck.readers.common import UnreadableInput
from radcheck.readers.xlsx import number_text

EXTRACTION_ONLY = {"P003"}  # realigned rows of the PDF text: a sheet has none
# An .xlsx holds the annex only.  Families that read the body see no body there: reporting
# obligations (R) and legal drafting (L: e.g. an abbreviation defined in Ketentuan Umum is undefined
# for a workbook); their findings are left out of the comparison.
BODY_FAMILIES = ("L", "R")


def _annex_only(c: Counter) -> Counter:
    return Counter({k: v for k, v in c.items() if not k[0].startswith(BODY_FAMILIES)})


@pytest.mark.parametrize("name", ["ppp", "pug"])
def test_xlsx_sections_equal_text_sections(office_files, name):
    text = radcheck.load(of.SEEDS[name])
    book = radcheck.load(office_files[f"{name}.xlsx"])
    assert book.format == "xlsx"
    assert book.provisions == [] and book.menimbang == [] and book.judul is None  # no body
    assert of.comparable(book, annex_only=True) == of.comparable(text, annex_only=True)
    assert of.note_keys(book) == [k for k in of.note_keys(text) if k[0] not in EXTRACTION_ONLY]
    # the LAMPIRAN heading names the regulation, its region and its period
    assert (book.region, book.number, book.year, book.period) == (text.region, text.number, text.year, text.period)


def test_pug_xlsx_findings_equal_text_findings_on_the_annex(office_files):
    text = _annex_only(finding_keys(of.SEEDS["pug"]))
    book = _annex_only(finding_keys(office_files["pug.xlsx"]))
    assert book - text == Counter()
    assert {code for code, _ in (text - book)} <= EXTRACTION_ONLY


def test_ppp_xlsx_findings_differ_only_where_the_body_is_needed(office_files):
    text = _annex_only(finding_keys(of.SEEDS["ppp"]))
    book = _annex_only(finding_keys(office_files["ppp.xlsx"]))
    # Without the body there is no date of enactment, so agency names are dated at --as-of:
    # 'Bappelitbangda' (replaced by Bapperida in 2024) becomes an obsolete name (A007) instead of
    # the finding it gets on the regulation's own date.
    assert {code for code, _ in (book - text)} <= {"A007"}
    assert {code for code, _ in (text - book)} <= EXTRACTION_ONLY | {"A002"}
    dated = {path for code, path in book - text}
    assert {path for code, path in text - book if code == "A002"} <= dated  # the same cells, judged on another date
    rest = lambda c: Counter({k: v for k, v in c.items() if k[1] not in dated and k[0] not in EXTRACTION_ONLY})  # noqa: E731
    assert rest(book) == rest(text)


def test_fixture_stores_numbers_both_ways_and_merges(office_files):
    import openpyxl

    wb = openpyxl.load_workbook(office_files["pug.xlsx"])
    values = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    texts = [v for v in values if isinstance(v, str) and parse_id_number(v) is not None]
    assert len(numbers) > 200 and len(texts) > 200
    assert any(isinstance(v, float) for v in numbers)  # 87,7 stored as 87.7
    formats = {c.number_format for ws in wb.worksheets for row in ws.iter_rows() for c in row
               if isinstance(c.value, (int, float))}
    assert {"#,##0", "General"} <= formats
    assert [ws.title for ws in wb.worksheets] == ["A", "B", "C", "F", "H", "I", "K"]
    assert all(ws.merged_cells.ranges for ws in wb.worksheets)


@pytest.mark.parametrize(("value", "fmt", "text"), [
    (87.7, "General", "87,7"), (6182, "General", "6182"), (6182, "#,##0", "6.182"), (135, "0.00", "135,00"),
    (0.285, "General", "0,285"), (0.1 + 0.2, "General", "0,3"), (0.85, "0%", "85%"), (-1234.5, "#,##0.0", "-1.234,5"),
    (2.5, "0", "3"), (1e20, "General", "100000000000000000000"), (59375, "#,##0;[Red]-#,##0", "59.375"),
])
def test_number_text(value, fmt, text):
    assert number_text(value, fmt) == text


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_number_text_reads_back_as_the_same_number(value):
    parsed = parse_id_number(number_text(value))
    assert parsed is not None and abs(parsed - value) <= abs(value) * 1e-14 + 1e-300


def _book(sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None,
          formats: dict[tuple[str, str], str] | None = None) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(title, []):
            ws.merge_cells(rng)
    for (title, ref), fmt in (formats or {}).items():
        wb[title][ref].number_format = fmt
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


HEADER = ["No", "Kegiatan", "Indikator", "Satuan", "Target", None, "OPD"]
YEARS = [None, None, None, None, 2024, 2025, None]


def test_sheet_titles_name_sections_and_merged_ranges_mean_same_as_above_and_across():
    data = _book(
        {"A. Pencegahan": [HEADER, YEARS,
                           [1, "Program A", "Indikator satu", "Orang", 0.5, 0.6, "Dinas Sosial"],
                           [None, None, "Indikator dua", None, 12, None, None]],
         "Penanganan": [HEADER, YEARS, [1, "Program B", "Indikator", "%", "6.182", "87,7", "DPPPA"]],
         "Catatan": [["dibuat oleh Bagian Hukum"]]},
        merges={"A. Pencegahan": ["E1:F1", "A1:A2", "B3:B4", "D3:D4", "G3:G4", "E4:F4"]},
        formats={("A. Pencegahan", "E3"): "0%", ("A. Pencegahan", "F3"): "0%"},
    )
    doc = read_bytes(data, "t.xlsx", "xlsx")
    assert [(s.letter, s.title) for s in doc.sections] == [("A", "Pencegahan"), ("B", "Penanganan")]
    a, b = doc.sections
    one, two = a.indicators
    assert {y: t.raw for y, t in one.targets.items()} == {2024: "50%", 2025: "60%"}
    assert two.parent == a.activities[0].id and two.unit == "Orang"
    assert two.lead.raw == "Dinas Sosial" and two.lead.inherited
    assert {y: t.value for y, t in two.targets.items()} == {2024: 12.0, 2025: 12.0}
    assert {y: t.value for y, t in b.indicators[0].targets.items()} == {2024: 6182.0, 2025: 87.7}
    assert two.line == one.line + 1 and b.line == 4 + 1  # running rows: sheet A has 4 rows
    assert any(n.detail.get("reason", "").startswith("sheet 'Catatan'") for n in doc.notes)


def test_title_row_in_the_sheet_starts_the_section():
    data = _book({"Sheet1": [["C. Rencana Aksi Bidang Kesehatan"], HEADER, YEARS,
                             [1, "Program", "Indikator", "Orang", 1, 2, "Dinkes"]]},
                 merges={"Sheet1": ["A1:G1"]})
    doc = read_bytes(data, "t.xlsx", "xlsx")
    assert [(s.letter, s.title) for s in doc.sections] == [("C", "Rencana Aksi Bidang Kesehatan")]


def test_a_workbook_without_a_plan_table_is_unreadable():
    with pytest.raises(UnreadableInput, match="no annex table"):
        read_bytes(_book({"Sheet1": [["Nama", "Alamat"], ["Budi", "Bekasi"]]}), "t.xlsx", "xlsx")


def test_cli_parse_and_check_xlsx(office_files):
    run = run_cli("parse", office_files["ppp.xlsx"], "--format", "json")
    assert run.returncode == 0, run.stderr
    parsed = json.loads(run.stdout)
    assert parsed["format"] == "xlsx" and [s["letter"] for s in parsed["sections"]] == ["A", "B", "C"]
    run = run_cli("check", office_files["pug.xlsx"], "--as-of", "2026-11-23", "--fail-on", "never")
    assert run.returncode == 0, run.stderr
