"""The Word reader: the seeds written as .docx read back into the same model as the seed text."""

from __future__ import annotations

import zipfile
from collections import Counter

import office_fixtures as of
import pytest
from conftest import finding_keys, run_cli

import radcheck
from radcheck.config import Limits
from radcheck.readers import read_bytes
from radcheck.readers.common import UnreadableInput

# Rows the text reader had to realign (P003): PDF extraction shifted their cells.  A Word table has
# no such rows, so these notes (and findings) exist for the text only.
EXTRACTION_ONLY = {"P003"}


@pytest.mark.parametrize("name", ["ppp", "pug"])
def test_docx_model_equals_text_model(office_files, name):
    text = radcheck.load(of.SEEDS[name])
    word = radcheck.load(office_files[f"{name}.docx"])
    assert word.format == "docx"
    assert of.comparable(word) == of.comparable(text)
    # the stray values the reader reports are the same; only extraction's realignments are text-only
    assert of.note_keys(word) == [k for k in of.note_keys(text) if k[0] not in EXTRACTION_ONLY]


@pytest.mark.parametrize("name", ["ppp", "pug"])
def test_docx_findings_equal_text_findings(office_files, name):
    text = finding_keys(of.SEEDS[name])
    word = finding_keys(office_files[f"{name}.docx"])
    assert word - text == Counter()
    assert {code for code, _ in (text - word)} <= EXTRACTION_ONLY


def test_fixture_uses_real_numbering_and_merges(office_files):
    with zipfile.ZipFile(office_files["ppp.docx"]) as zf:
        xml = zf.read("word/document.xml").decode()
        numbering = zf.read("word/numbering.xml").decode()
    assert xml.count("<w:numPr>") > 60  # Menimbang, Mengingat, BAB, Pasal, ayat, huruf, angka
    assert '<w:vMerge w:val="restart"/>' in xml and "<w:vMerge/>" in xml
    assert '<w:gridSpan w:val="5"/>' in xml  # "Target Rencana Aksi" over the five years
    assert "Pasal %1" in numbering and "(%1)" in numbering and "upperRoman" in numbering
    # the ayat and Pasal numbers in the text are not typed: they come from the numbering
    assert "Pasal 8" not in xml and "(2) Pelaporan" not in xml


def test_docx_numbering_gives_the_body_structure(office_files):
    doc = radcheck.load(office_files["ppp.docx"])
    assert [p.number for p in doc.pasal()] == [str(n) for n in range(1, 11)]
    pasal8 = doc.pasal()[7]
    assert [a.number for a in pasal8.children] == ["1", "2", "3", "4"]
    assert [c.no for c in doc.menimbang] == ["a", "b", "c"]
    assert [c.no for c in doc.mengingat] == [str(n) for n in range(1, 12)]
    assert len(doc.definitions) == 11


def test_docx_lines_are_block_indices(office_files):
    import docx

    wd = docx.Document(str(office_files["ppp.docx"]))
    paragraphs = [p.text for p in wd.paragraphs]
    doc = radcheck.load(office_files["ppp.docx"])
    # no table before the body ends: a body line is the paragraph's 1-based index
    assert paragraphs[doc.judul_line - 1].startswith("PERATURAN WALI KOTA BEKASI")
    assert paragraphs[doc.closing.enacted.line - 1].startswith("Ditetapkan di")
    lines = [i.line for s in doc.sections for i in s.indicators]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    assert all(line > doc.lampiran[0].line for line in lines)


# -- focused cases --------------------------------------------------------------------------------
HEADER = ["No", "Rencana Aksi", "Indikator", "Satuan", "Kondisi Awal", "Target", "", "OPD"]


def _cols():
    return [of.Cell(h) if h else of.Cell("", "left") for h in HEADER]


def _years():
    return [of.Cell("", "up")] * 5 + [of.Cell("2024"), of.Cell("2025"), of.Cell("", "up")]


def _doc(rows, width=8, title="A. Rencana Aksi Bidang Uji"):
    return of.docx_from_xml([of.para(title), of.table_xml([_cols(), _years(), *rows], width)])


def _read(data: bytes):
    return read_bytes(data, "t.docx", "docx")


def C(text="", merge=""):  # reads like a table
    return of.Cell(text, merge)


def test_vertical_merge_keeps_the_node_and_inherits_the_agency_but_repeats_the_unit():
    rows = [
        [C("1"), C("Program A"), C("Indikator satu"), C("Orang"), C("5"), C("6"), C("7"), C("Dinas Sosial")],
        [C("", "up"), C("", "up"), C("Indikator dua"), C("", "up"), C("1"), C("2"), C("3"), C("", "up")],
    ]
    doc = _read(_doc(rows))
    sec = doc.sections[0]
    assert (sec.letter, sec.title) == ("A", "Rencana Aksi Bidang Uji")
    assert len(sec.activities) == 1 and len(sec.indicators) == 2
    second = sec.indicators[1]
    assert second.parent == sec.activities[0].id
    assert second.unit == "Orang"
    assert second.lead.raw == "Dinas Sosial" and second.lead.inherited
    assert second.line == sec.indicators[0].line + 1


def test_horizontal_merge_repeats_a_target_across_years_but_not_a_heading():
    rows = [
        [C("1"), C("Bidang Sosial")] + [C("", "left")] * 6,
        [C(""), C("Program A"), C("Indikator"), C("Bulan"), C("12"), C("12"), C("", "left"), C("Dinsos")],
    ]
    sec = _read(_doc(rows)).sections[0]
    ind = sec.indicators[0]
    assert {y: t.value for y, t in ind.targets.items()} == {2024: 12.0, 2025: 12.0}
    assert [g.text for g in sec.groups] == ["Bidang Sosial"]
    assert not _read(_doc(rows)).notes


def test_numbering_formats_restarts_and_styles():
    abstract = (f'<w:abstractNum {of.NS} w:abstractNumId="7">'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%1)"/></w:lvl>'
                '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/></w:lvl>'
                "</w:abstractNum>")
    bab = (f'<w:abstractNum {of.NS} w:abstractNumId="8"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
           '<w:numFmt w:val="upperRoman"/><w:lvlText w:val="BAB %1"/></w:lvl></w:abstractNum>')
    nums = [f'<w:num {of.NS} w:numId="1"><w:abstractNumId w:val="7"/></w:num>',
            f'<w:num {of.NS} w:numId="2"><w:abstractNumId w:val="7"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
            f'<w:num {of.NS} w:numId="3"><w:abstractNumId w:val="8"/></w:num>']
    style = (f'<w:style {of.NS} w:type="paragraph" w:styleId="Ayat"><w:name w:val="Ayat"/>'
             '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    styled = f'<w:p {of.NS}><w:pPr><w:pStyle w:val="Ayat"/></w:pPr><w:r><w:t>ketiga.</w:t></w:r></w:p>'
    blocks = [of.para("PERATURAN WALI KOTA BEKASI"), of.para("NOMOR 1 TAHUN 2024"),
              of.para("", (3, 0)), of.para("KETENTUAN UMUM"), of.para("Pasal 1"),
              of.para("pertama;", (1, 0)), of.para("huruf satu;", (1, 1)), of.para("huruf dua.", (1, 1)),
              of.para("kedua;", (1, 0)), of.para("huruf lagi.", (1, 1)), styled,
              of.para("", (3, 0)), of.para("PENUTUP"), of.para("Pasal 2"),
              of.para("baru.", (2, 0))]
    doc = _read(of.docx_from_xml(blocks, [abstract, bab, *nums], [style]))
    babs = doc.provisions
    assert [b.number for b in babs] == ["I", "II"]
    pasal1, pasal2 = doc.pasal()
    assert [(a.number, [h.number for h in a.children]) for a in pasal1.children] == \
        [("1", ["a", "b"]), ("2", ["a"]), ("3", [])]  # letters restart under each ayat; a style's numbering counts
    assert [a.number for a in pasal2.children] == ["1"]  # startOverride restarts the list


def test_body_layout_table_reads_like_lines():
    rows = [[C("Menimbang"), C(":"), C("a. bahwa satu;\nb. bahwa dua;")],
            [C("Mengingat"), C(":"), C("1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah.")]]
    blocks = [of.para("PERATURAN WALI KOTA BEKASI"), of.para("NOMOR 1 TAHUN 2024"),
              of.table_xml(rows, 3), of.para("MEMUTUSKAN:")]
    doc = _read(of.docx_from_xml(blocks))
    assert [(c.no, c.text) for c in doc.menimbang] == [("a", "bahwa satu;"), ("b", "bahwa dua;")]
    assert doc.mengingat[0].number == 23
    assert [c.line for c in doc.menimbang] == [3, 3] and doc.mengingat[0].line == 4  # table rows count as blocks


def test_overlong_cell_is_cut_and_noted():
    rows = [[C("1"), C("Program " + "x" * 500), C("Indikator"), C("Orang"), C("1"), C("2"), C("3"), C("Dinsos")]]
    doc = read_bytes(_doc(rows), "t.docx", "docx", Limits(max_cell_chars=100))
    assert len(doc.sections[0].activities[0].text) <= 100
    assert any(n.code == "P002" and "characters" in n.detail.get("reason", "") for n in doc.notes)


def test_a_word_file_without_a_regulation_is_unreadable():
    with pytest.raises(UnreadableInput, match="no regulation found"):
        _read(of.docx_from_xml([of.para("Catatan rapat")]))


def test_cli_check_and_parse_docx(office_files):
    run = run_cli("check", office_files["pug.docx"], "--format", "json", "--as-of", "2026-11-23", "--fail-on", "never")
    assert run.returncode == 0, run.stderr
    assert '"code": "P004"' in run.stdout
    run = run_cli("parse", office_files["ppp.docx"])
    assert run.returncode == 0, run.stderr
    assert "format: docx" in run.stdout and "Pasal" not in run.stderr
