"""Every finding says where a person finds it in the file they have (REPORT.md ``location``).

Text: the line.  Word: paragraph n, or table t row r.  Excel: the sheet, the sheet's own row and the
column of the cell.  Body findings add the Pasal (and ayat).  The places are checked against the files
themselves (python-docx, openpyxl), not against numbers written here.
"""

from __future__ import annotations

import json

import openpyxl
import pytest
from conftest import AS_OF, PPP, PUG

import radcheck
from radcheck.locate import excel_column
from radcheck.model import Document, Location, Provision


def _findings(path):
    return radcheck.check(str(path), as_of=AS_OF).documents[0].findings


def test_text_location_is_the_line_and_the_pasal():
    findings = _findings(PUG)
    assert findings
    for f in findings:
        if f.line is None:
            assert f.location is None
            continue
        assert f.location["line"] == f.line
        assert set(f.location) <= {"line", "pasal"}
    in_pasal = [f for f in findings if f.path.startswith("/body/pasal/")]
    assert in_pasal
    for f in in_pasal:
        number = f.path.split("/")[3]
        assert f.location["pasal"].startswith(f"Pasal {number}")
        if "/ayat/" in f.path:
            assert f"ayat ({f.path.split('/')[5]})" in f.location["pasal"]
    # the JSON report carries it
    report = json.loads(radcheck.check(str(PPP), as_of=AS_OF).to_json())
    shown = [f for f in report["documents"][0]["findings"] if f["line"] is not None]
    assert shown and all(f["location"]["line"] == f["line"] for f in shown)


def test_pasal_from_the_provision_holding_the_line():
    doc = Document(source="x.txt", provisions=[
        Provision(kind="pasal", number="1", line=10, end_line=14),
        Provision(kind="pasal", number="2", line=15, end_line=30, children=[
            Provision(kind="ayat", number="1", line=16, end_line=18),
            Provision(kind="ayat", number="2", line=19, end_line=30)])])
    from radcheck.locate import Locator

    locate = Locator(doc)
    assert locate(12, "/body/definitions/3") == {"line": 12, "pasal": "Pasal 1"}
    assert locate(17, "/body/x") == {"line": 17, "pasal": "Pasal 2 ayat (1)"}
    assert locate(25, "/body/x") == {"line": 25, "pasal": "Pasal 2 ayat (2)"}
    assert locate(5, "/body/menimbang/a") == {"line": 5}
    assert locate(40, "/lampiran/A/indicators/1") == {"line": 40}  # annex findings have no Pasal
    assert locate(None, "/body/pasal/7/ayat/3") == {"pasal": "Pasal 7 ayat (3)"}
    assert locate(None, "/body") is None


def test_excel_column_letters():
    assert [excel_column(i) for i in (0, 5, 25, 26, 27, 701, 702)] == ["A", "F", "Z", "AA", "AB", "ZZ", "AAA"]


def _docx_rows(path):
    import docx

    d = docx.Document(str(path))
    paragraphs = [p.text for p in d.paragraphs]
    tables = [[" ".join(c.text for c in row.cells) for row in t.rows] for t in d.tables]
    return paragraphs, tables


@pytest.mark.parametrize("name", ["ppp", "pug"])
def test_word_location_is_paragraph_or_table_row(office_files, name):
    path = office_files[f"{name}.docx"]
    findings = _findings(path)
    paragraphs, tables = _docx_rows(path)
    located = [f for f in findings if f.location]
    assert located
    kinds = set()
    for f in located:
        loc = f.location
        assert "line" not in loc and "sheet" not in loc
        if "paragraph" in loc:
            kinds.add("paragraph")
            assert 1 <= loc["paragraph"] <= len(paragraphs)
            text = paragraphs[loc["paragraph"] - 1]
        else:
            kinds.add("table")
            assert set(loc) == {"table", "row"}
            text = tables[loc["table"] - 1][loc["row"] - 1]
        # the place named holds what the finding quotes (its first words: numbering is Word's own)
        if f.excerpt and f.path.startswith("/lampiran/") and "/indicators/" in f.path and "…" not in f.excerpt:
            assert " ".join(f.excerpt.split()[:3]) in " ".join(text.split()), (f, text)
    assert kinds == {"paragraph", "table"}
    # a body finding inside a Pasal (a definition of Pasal 1, a reference in a later Pasal) names it
    assert any(f.location.get("pasal") for f in located if f.path.startswith(("/body/pasal/", "/body/definitions/")))


@pytest.mark.parametrize("name", ["ppp", "pug"])
def test_excel_location_is_sheet_row_column(office_files, name):
    path = office_files[f"{name}.xlsx"]
    findings = _findings(path)
    wb = openpyxl.load_workbook(path)
    located = [f for f in findings if f.location]
    assert located
    rows_on_later_sheets = 0
    for f in located:
        loc = f.location
        assert loc["sheet"] in wb.sheetnames and "line" not in loc
        ws = wb[loc["sheet"]]
        assert 1 <= loc["row"] <= ws.max_row
        rows_on_later_sheets += loc["sheet"] != wb.sheetnames[0]
        if "/targets/" in f.path and loc.get("column"):
            year = int(f.path.rsplit("/", 1)[1])
            header = [ws.cell(row=r, column=ws[f"{loc['column']}1"].column).value for r in range(1, loc["row"])]
            assert year in header or str(year) in [str(h) for h in header], (f, header)
        if "/indicators/" in f.path and f.excerpt and "…" not in f.excerpt and loc.get("column"):
            row_text = " ".join(str(c.value) for c in ws[loc["row"]] if c.value is not None)
            assert " ".join(f.excerpt.split()[:3]) in " ".join(row_text.split()), (f, row_text)
    assert rows_on_later_sheets  # a sheet's own row, not a running count over the workbook
    assert any(f.location.get("column") for f in located)


def test_missing_target_points_at_the_empty_cell(office_files):
    path = office_files["pug.xlsx"]
    wb = openpyxl.load_workbook(path)
    missing = [f for f in _findings(path) if f.code == "T001"]
    assert missing
    for f in missing:
        ws = wb[f.location["sheet"]]
        assert ws[f"{f.location['column']}{f.location['row']}"].value in (None, "")


def test_location_model_keys():
    assert Location(sheet="K", row=4, column="F").as_dict() == {"sheet": "K", "row": 4, "column": "F"}


def test_sarif_and_xlsx_report_show_the_place(office_files):
    import io

    path = office_files["pug.xlsx"]
    report = radcheck.check(str(path), as_of=AS_OF)
    sarif = json.loads(report.render("sarif"))
    results = sarif["runs"][0]["results"]
    findings = report.documents[0].findings
    assert len(results) == len(findings)
    for result, f in zip(results, findings, strict=True):
        loc = result["locations"][0]
        if f.location:
            assert loc["properties"]["location"] == dict(f.location)
            assert loc["message"]["text"].startswith(f"lembar {f.location['sheet']}")
    text_sarif = json.loads(radcheck.check(str(PPP), as_of=AS_OF).render("sarif"))
    lined = [r for r in text_sarif["runs"][0]["results"] if "region" in r["locations"][0]["physicalLocation"]]
    assert lined and all(r["locations"][0]["message"]["text"].startswith("baris ") for r in lined)
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] ==
               r["locations"][0]["properties"]["location"]["line"] for r in lined)
    wb = openpyxl.load_workbook(io.BytesIO(report.render("xlsx")))
    sheet = wb["Temuan"]
    places = [sheet.cell(r, 12).value for r in range(2, sheet.max_row + 1)]
    assert sheet.cell(1, 12).value == "Letak di berkas"
    assert places and all(p and p.startswith("lembar ") for p in places)


def test_a_pdf_location_is_page_and_table_row():
    """What a PDF reader records (page, table row) is what the finding carries, and how it is said."""
    from radcheck.formats._words import place_text
    from radcheck.locate import Locator

    doc = Document(source="x.pdf", format="pdf", locations={40: Location(page=7, table_row=4),
                                                            3: Location(page=1)})
    locate = Locator(doc)
    assert locate(40, "/lampiran/B/indicators/3/targets/2025") == {"page": 7, "table_row": 4}
    assert locate(3, "/body/menimbang/a") == {"page": 1}
    assert locate(41, "/lampiran/B/indicators/4") == {"line": 41}  # nothing recorded: the reader's line
    assert place_text({"page": 7, "table_row": 4}) == "hlm. 7, baris tabel 4"
    assert place_text({"page": 7, "table_row": 4}, "en") == "p. 7, table row 4"
    assert place_text({"table": 2, "row": 9, "pasal": "Pasal 3 ayat (2)"}) == "tabel 2, baris 9, Pasal 3 ayat (2)"
    assert place_text({"sheet": "K", "row": 4, "column": "F"}, "en") == "sheet K, cell F4"


def test_html_annex_rows_are_numbered_as_in_the_sheet(office_files):
    import re

    report = radcheck.check(str(office_files["pug.xlsx"]), as_of=AS_OF)
    html = report.render("html")
    labels = dict(re.findall(r'<tr class="[^"]*" data-line="(\d+)">\s*<td class="line">(\d*)</td>', html))
    checked = 0
    for f in report.documents[0].findings:
        if f.code == "T001" and str(f.line) in labels:
            assert labels[str(f.line)] == str(f.location["row"])
            checked += 1
    assert checked
