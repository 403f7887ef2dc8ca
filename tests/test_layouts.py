"""The seeds re-laid out as other regions write their annex tables read into the same plan.

Two kinds of re-layout:

- the seed text itself, artefacts and all, with its two header rows written as one (the years as labels
  ``2024``, ``Target 2024``, ``Th. 2024``, ``Tahun 2024``).  The years row becomes an empty line, so every
  other line keeps its number and the findings must be *identical*, line for line;
- the logical table (``office_fixtures``) written as text, Word and Excel in a ``Layout``: one header row,
  reordered columns (agencies first, years before the unit), a ``Keterangan`` column radcheck keeps but
  does not judge, real merged cells in Word and Excel.  The plan must be the same but for locations and
  the header itself; the findings the same but for the realignments extraction needed (P003).

And a table nobody can read is never a silent pass: P005, exit 1.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import office_fixtures as of
import pytest
from conftest import AS_OF, finding_keys, run_cli

import radcheck
from radcheck.readers import read_bytes

EXTRACTION_ONLY = {"P003"}  # rows PDF extraction shifted: a table written from the plan has none
def _findings(report) -> list[tuple]:
    return [(f.code, f.path, f.line, f.message) for f in report.documents[0].findings]


@pytest.mark.parametrize("label", ["{year}", "Target {year}", "Th. {year}", "Tahun {year}"])
@pytest.mark.parametrize("name", ["ppp", "pug"])
def test_seed_text_with_one_header_row_reads_and_finds_the_same(name, label):
    seed = of.SEEDS[name]
    text = of.one_header_row(seed.read_text(encoding="utf-8"), label)
    assert text != seed.read_text(encoding="utf-8")
    doc = read_bytes(text.encode(), seed.name, "text")
    base = radcheck.load(seed)
    assert of.annex_plan(doc) == of.annex_plan(base)
    assert sum(len(s.indicators) for s in doc.sections) == sum(len(s.indicators) for s in base.sections) > 0
    assert of.note_keys(doc) == of.note_keys(base)
    # the same findings, line for line: T011 (copied series) among them, whatever the year labels say
    found = _findings(radcheck.check(doc, as_of=AS_OF))
    assert found == _findings(radcheck.check(base, as_of=AS_OF))
    if name == "pug":
        assert "T011" in {code for code, *_ in found}


LAYOUTS = {
    "one-row": of.Layout(one_row=True),
    "target-labels": of.Layout(one_row=True, year_label="Target {year}"),
    "reordered": of.Layout(reorder=True, remarks=True),
    "reordered-one-row": of.Layout(one_row=True, year_label="Th. {year}", reorder=True, remarks=True),
}


@pytest.fixture(scope="module")
def seed_reports():
    return {name: radcheck.check(radcheck.load(path), as_of=AS_OF) for name, path in of.SEEDS.items()}


def _read(kind: str, name: str, layout: of.Layout):
    seed = of.SEEDS[name]
    if kind == "text":
        return read_bytes(of.write_text(seed, layout), f"{name}.txt", "text")
    if kind == "docx":
        return read_bytes(of.write_docx(seed, title_rows=(name == "pug"), layout=layout), f"{name}.docx", "docx")
    return read_bytes(of.write_xlsx(seed, layout), f"{name}.xlsx", "xlsx")


@pytest.mark.parametrize("kind", ["text", "docx", "xlsx"])
@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("name", ["ppp", "pug"])
def test_relaid_table_reads_into_the_same_plan(name, layout, kind, seed_reports):
    base = radcheck.load(of.SEEDS[name])
    doc = _read(kind, name, LAYOUTS[layout])
    assert of.annex_plan(doc) == of.annex_plan(base)
    assert of.note_keys(doc) == [k for k in of.note_keys(base) if k[0] not in EXTRACTION_ONLY]
    assert doc.table_rows == doc.rows_read > 0  # every table row read
    if kind != "xlsx":  # a workbook has no body: findings that need it differ (see test_xlsx_reader)
        assert finding_keys(doc, ignore=EXTRACTION_ONLY) == finding_keys(seed_reports[name], ignore=EXTRACTION_ONLY)


@pytest.mark.parametrize("kind", ["text", "docx", "xlsx"])
def test_a_remarks_column_is_kept_not_judged(kind):
    doc = _read(kind, "ppp", LAYOUTS["reordered"])
    kept = [i.other["Keterangan"] for s in doc.sections for i in s.indicators if "Keterangan" in i.other]
    assert len(kept) == sum(len(s.indicators) for s in doc.sections)  # every PPP row has its own targets
    assert all(re.fullmatch(of.REMARK.format(n=r"\d+"), k) for k in kept)
    assert all(c.role == "other" for s in doc.sections for c in s.columns if c.label == "Keterangan")


# -- nothing read is never a pass ----------------------------------------------------------------------
def _small_plan(header: list[str], rows: int) -> str:
    head = ["PERATURAN WALI KOTA BEKASI", "NOMOR 3 TAHUN 2025", "TENTANG",
            "RENCANA AKSI DAERAH CONTOH TAHUN 2025 - 2029",
            "LAMPIRAN PERATURAN WALI KOTA BEKASI NOMOR 3 TAHUN 2025", "A. Rencana Aksi Bidang Kesehatan",
            "\t".join(header)]
    body = [f"{n}\tProgram Contoh {n}\tJumlah kegiatan contoh {n}\tKegiatan\t1\t2\t3\t4\t5\tDinas Kesehatan"
            for n in range(1, rows + 1)]
    return "\n".join(head + body) + "\n"


GOOD_HEADER = ["No", "Kegiatan", "Indikator", "Satuan", "2025", "2026", "2027", "2028", "2029", "Penanggung Jawab"]
ODD_HEADER = ["Nomor", "Uraian Pekerjaan", "Spesifikasi", "Volume", "I", "II", "III", "IV", "V", "Pelaksana Teknis"]


def _check_json(path: Path) -> tuple[int, dict]:
    proc = run_cli("check", "--format", "json", "--as-of", "2026-11-23", path)
    return proc.returncode, json.loads(proc.stdout)


def test_an_annex_under_an_unrecognised_header_gives_p005_and_exit_1(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(_small_plan(GOOD_HEADER, 41), encoding="utf-8")
    odd = tmp_path / "odd.txt"
    odd.write_text(_small_plan(ODD_HEADER, 41), encoding="utf-8")

    code, report = _check_json(good)
    doc = report["documents"][0]
    assert doc["stats"]["indicators"] == 41 and doc["stats"]["table_rows"] == doc["stats"]["rows_read"] == 41
    assert "P005" not in {f["code"] for f in doc["findings"]}
    assert code == 0, [f["message"] for f in doc["findings"] if f["severity"] == "error"]

    code, report = _check_json(odd)
    doc = report["documents"][0]
    assert code == 1
    assert doc["stats"]["indicators"] == 0 and doc["stats"]["rows_read"] == 0 and doc["stats"]["table_rows"] == 42
    (p005,) = [f for f in doc["findings"] if f["code"] == "P005"]
    assert p005["severity"] == "error" and p005["line"] == 7 and p005["end_line"] == 48
    assert "42" in p005["message"] and "Uraian Pekerjaan" in p005["excerpt"]


def test_seed_under_renamed_headers_is_not_read_and_says_so():
    seed = of.SEEDS["ppp"]
    text = seed.read_text(encoding="utf-8")
    odd = re.sub(r"(?m)^No\tPermasalahan\tTujuan\tCapaian\tKegiatan\tSatuan\t[^\n]*$",
                 "\t".join(ODD_HEADER + ["Kolom X", "Kolom Y", "Kolom Z"]), text)
    assert odd != text
    doc = read_bytes(odd.encode(), seed.name, "text")
    assert doc.rows_read == 0 and doc.table_rows > 40
    report = radcheck.check(doc, as_of=AS_OF)
    p005 = [f for f in report.documents[0].findings if f.code == "P005"]
    assert p005 and all(f.severity == "error" for f in p005)
    assert report.to_dict()["documents"][0]["stats"]["rows_read"] == 0


def test_a_table_in_a_text_without_lampiran_or_header_is_not_a_silent_pass(tmp_path):
    head = ["PERATURAN WALI KOTA BEKASI", "NOMOR 3 TAHUN 2025", "TENTANG",
            "RENCANA AKSI DAERAH CONTOH TAHUN 2025 - 2029",
            "", "Pasal 1", "Rencana aksi tercantum dalam tabel berikut.",
            "\t".join(["Nomor", "Uraian Pekerjaan", "Spesifikasi", "Volume", "Pelaksana"])]
    rows = [f"{n}\tPekerjaan {n}\tSpesifikasi {n}\t{n * 3}\tDinas Kesehatan" for n in range(1, 42)]
    path = tmp_path / "no-lampiran.txt"
    path.write_text("\n".join(head + rows) + "\n", encoding="utf-8")
    code, report = _check_json(path)
    doc = report["documents"][0]
    assert code == 1
    assert doc["stats"]["table_rows"] == 42 and doc["stats"]["rows_read"] == 0
    (p005,) = [f for f in doc["findings"] if f["code"] == "P005"]
    assert (p005["line"], p005["end_line"]) == (8, 49)


def test_a_word_table_under_an_unrecognised_header_gives_p005():
    rows = [ODD_HEADER] + [[str(n), f"Pekerjaan {n}", f"Spesifikasi {n}", str(n * 3), "", "", "", "", "", "Dinkes"]
                           for n in range(1, 6)]
    word = of.docx_from_xml([of.para("PERATURAN WALI KOTA BEKASI"), of.para("NOMOR 3 TAHUN 2025"),
                             of.para("LAMPIRAN"), of.para("A. Rencana Aksi Bidang Kesehatan"),
                             of.table_xml([[of.Cell(c) for c in r] for r in rows], len(ODD_HEADER))])
    doc = read_bytes(word, "t.docx", "docx")
    assert doc.table_rows == 6 and doc.rows_read == 0
    (note,) = [n for n in doc.notes if n.code == "P005"]
    assert note.detail == {"rows": "6", "reason": "header"} and note.text.startswith("Nomor | Uraian Pekerjaan")
    assert not [n for n in doc.notes if n.code == "P002"]  # one finding for the table, not one per row


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_every_office_row_under_a_one_row_header_is_a_plan_row(kind):
    doc = _read(kind, "pug", LAYOUTS["one-row"])
    lines = {n.line for s in doc.sections for n in [*s.groups, *s.activities, *s.indicators]}
    assert doc.table_rows == doc.rows_read == len(lines)
