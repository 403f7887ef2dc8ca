"""The output formats on a small document whose text is hostile markup, and on the seeds.

``hostile_report()`` is shared with the browser test: a real document read by the real reader, whose
cells hold ``<script>`` and ``<img onerror=…>``, plus findings placed on a target cell, an agency cell
and the body, so every placement path of the HTML and Excel reports is exercised whatever rules exist.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import AS_OF

import radcheck
from radcheck.config import Config
from radcheck.findings import Finding
from radcheck.formats import FORMATS, render
from radcheck.report import Report

HOSTILE = (
    "PERATURAN WALI KOTA CONTOH\nNOMOR 3 TAHUN 2025\nTENTANG\nRENCANA AKSI DAERAH CONTOH TAHUN 2025 - 2029\n"
    "LAMPIRAN PERATURAN WALI KOTA CONTOH NOMOR 3 TAHUN 2025\n"
    "A. Rencana Aksi Bidang <script>alert(1)</script> Contoh\n"
    "No\tRencana Aksi (Program/ Kegiatan)\tIndikator\tSatuan\tKondisi Awal tahun 2024\tTarget\t\t\t\t\t"
    "OPD Pengampu Urusan\n"
    "\t\t\t\t\t2025\t2026\t2027\t2028\t2029\t\n"
    "1\tPengadaan Alat Peraga <img src=x onerror=\"window.__pwned=1\">\t"
    "Jumlah alat <script>window.__pwned=2</script> peraga\tPaket\t69\t71\t\t71\t71\t71\t71\n"
    "\tSub kegiatan: Penyediaan Biaya\tJumlah peserta didik\torang\t-\t150\t200\t250\t300\t350\t"
    "Dinas <b>Pendidikan</b>\n"
    "\tSub kegiatan: =HYPERLINK(\"http://x\")\tJumlah | pipa *tebal* [tautan](x)\t%\t10\t20\t30\t40\t50\t60\t"
    "Dinas Pendidikan\n"
)
TARGET_PATH = "/lampiran/A/indicators/0/targets/2026"
AGENCY_PATH = "/lampiran/A/activities/1/lead"


def _finding(doc: str, code: str, name: str, severity: str, path: str, line: int | None, message: str,
             excerpt: str | None = None, suggestion: str | None = None) -> Finding:
    return Finding(document=doc, line_key=line or 0, code=code, name=name, severity=severity,  # type: ignore[arg-type]
                   message=message, path=path, line=line, end_line=line, excerpt=excerpt, suggestion=suggestion)


def hostile_report(folder: Path, lang: str = "id") -> Report:
    """The hostile document checked for real, plus findings on a target cell, an agency cell and the body."""
    path = folder / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    # Only the reading rules: other families grow, and these tests are about formats, not rules.
    report = radcheck.check(path, as_of=AS_OF, config=Config(), lang=lang, select=["P"])
    d = report.documents[0]
    extra = [
        _finding(d.path, "P002", "unplaced-text", "warning", TARGET_PATH, 9,
                 "Target 2026 kosong untuk 'Jumlah alat <script>window.__pwned=3</script> peraga'.",
                 excerpt="Jumlah alat <script>window.__pwned=2</script> peraga", suggestion="Isi target <i>2026</i>."),
        _finding(d.path, "P003", "misaligned-row", "info", AGENCY_PATH, 10,
                 "OPD 'Dinas <b>Pendidikan</b>' perlu dicek.",
                 excerpt="Dinas <b>Pendidikan</b>"),
        _finding(d.path, "P003", "misaligned-row", "info", "/body/pasal/2", 2,
                 "Temuan batang tubuh <img src=x onerror=\"window.__pwned=4\">.",
                 excerpt="NOMOR 3 <img src=x onerror=\"window.__pwned=5\"> TAHUN 2025"),
    ]
    d.findings = sorted(set(d.findings) | set(extra))
    return report


@pytest.fixture
def hostile(tmp_path: Path) -> Report:
    return hostile_report(tmp_path)


def test_every_format_has_its_renderer() -> None:
    import importlib

    for fmt in FORMATS.values():
        assert callable(importlib.import_module(f"radcheck.formats.{fmt.module}").render)


# --- HTML -------------------------------------------------------------------------------------------

def test_html_escapes_every_piece_of_document_text(hostile: Report) -> None:
    html = render(hostile, "html")
    assert isinstance(html, str)
    # The only <script> element is the report's own, and no document text became an element.
    assert html.count("<script") == 1
    assert "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the section title


def test_html_is_self_contained(hostile: Report) -> None:
    html = render(hostile, "html")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert "Content-Security-Policy" in html and "@media print" in html


def test_html_csp_hash_matches_the_inline_script(hostile: Report) -> None:
    import base64
    import hashlib

    html = render(hostile, "html")
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)  # type: ignore[union-attr]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in html


def test_html_places_findings_on_their_cells(hostile: Report) -> None:
    html = render(hostile, "html")
    target = re.search(rf'<td class="flag sev-warning target" data-path="{TARGET_PATH}" data-f="warning:P002"', html)
    assert target, "the target cell carries the P002 finding"
    agency = re.search(rf'<td class="flag sev-info" data-path="{AGENCY_PATH}" data-f="info:P003"[^>]*>Dinas '
                       r'&lt;b&gt;Pendidikan&lt;/b&gt;<div class="cell-msg', html)
    assert agency, "the agency cell shows its text and the message"
    # The stray value (a real P004 from the reader) sits on the agency cell it spilled into.
    row9 = re.search(r'<tr class="row-indicator" data-line="9">(.*?)</tr>', html, re.S).group(1)  # type: ignore[union-attr]
    assert re.search(r'<td class="flag sev-error" data-path="[^"]*/lead" data-f="error:P004"', row9)


def test_html_body_findings_quote_the_text(hostile: Report) -> None:
    html = render(hostile, "html")
    assert "<blockquote>NOMOR 3 &lt;img src=x onerror=&#34;window.__pwned=5&#34;&gt; TAHUN 2025</blockquote>" in html


def test_html_language(tmp_path: Path) -> None:
    assert "<html lang=\"id\">" in render(hostile_report(tmp_path), "html")
    en = render(hostile_report(tmp_path, lang="en"), "html")
    assert "<html lang=\"en\">" in en and "Summary" in en and "Ringkasan" not in en


def test_html_is_deterministic(hostile: Report) -> None:
    assert render(hostile, "html") == render(hostile, "html")


def test_cell_mapping_on_a_seed(pug) -> None:
    from radcheck.formats._tables import build_rows

    sec = pug.sections[0]
    rows = build_rows(sec)
    paths = {p for r in rows for c in r.cells for p in c.paths}
    for ind in sec.indicators:
        assert f"/lampiran/{ind.id}" in paths
        for year in ind.targets:
            assert f"/lampiran/{ind.id}/targets/{year}" in paths
    lines = [r.line for r in rows if r.line is not None]
    assert lines == sorted(lines)


# --- Excel ------------------------------------------------------------------------------------------

def _open(data: bytes):  # an openpyxl workbook
    import io

    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data))


def test_xlsx_sheets_comments_and_text_cells(hostile: Report) -> None:
    data = render(hostile, "xlsx")
    assert isinstance(data, bytes)
    wb = _open(data)
    assert wb.sheetnames[:2] == ["Ringkasan", "Temuan"]
    annex = wb[wb.sheetnames[2]]
    assert len(wb.sheetnames[2]) <= 31 and not re.search(r"[\[\]:*?/\\]", wb.sheetnames[2])
    header = [c.value for c in annex[2]]
    col2026 = header.index("2026") + 1
    row = next(r for r in range(3, annex.max_row + 1) if annex.cell(r, 1).value == 9)
    cell = annex.cell(row, col2026)
    assert cell.comment is not None and "P002" in cell.comment.text
    assert cell.fill.start_color.rgb.endswith("FFF1C2")
    # Document text stays text: a cell reading =HYPERLINK(...) is not a formula.
    formula_row = next(r for r in range(3, annex.max_row + 1) if annex.cell(r, 1).value == 11)
    values = [annex.cell(formula_row, c).value for c in range(1, annex.max_column + 1)]
    assert 'Sub kegiatan: =HYPERLINK("http://x")' in values
    assert all(annex.cell(formula_row, c).data_type != "f" for c in range(1, annex.max_column + 1))
    findings = wb["Temuan"]
    codes = [findings.cell(r, 3).value for r in range(2, findings.max_row + 1)]
    assert sorted(codes) == sorted(f.code for f in hostile.all_findings())


def test_xlsx_sheet_names_are_valid_and_unique() -> None:
    from radcheck.formats.xlsx_report import sheet_name

    taken: set[str] = set()
    names = [sheet_name("A Rencana Aksi: Bidang [Kesehatan] / Gizi * ? \\ yang sangat panjang", taken)
             for _ in range(3)]
    assert len(set(names)) == 3
    for name in names:
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)
    assert sheet_name("History", taken) != "History"


def test_xlsx_control_characters_are_dropped(tmp_path: Path) -> None:
    report = hostile_report(tmp_path)
    d = report.documents[0]
    f = d.findings[0]
    d.findings[0] = Finding(**{**f.__dict__, "message": "bell\x07 and \x1b escape"})
    wb = _open(render(report, "xlsx"))  # openpyxl refuses control characters: rendering must not fail
    messages = [wb["Temuan"].cell(r, 7).value for r in range(2, wb["Temuan"].max_row + 1)]
    assert "bell and  escape" in messages


def test_xlsx_opens_in_libreoffice(tmp_path: Path, hostile: Report) -> None:
    import shutil
    import subprocess

    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    xlsx = tmp_path / "report.xlsx"
    xlsx.write_bytes(render(hostile, "xlsx"))  # type: ignore[arg-type]
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(xlsx)], check=True, capture_output=True, timeout=180)
    assert (tmp_path / "report.pdf").stat().st_size > 1000


# --- SARIF ------------------------------------------------------------------------------------------

def test_sarif_has_what_github_code_scanning_needs(hostile: Report) -> None:
    from radcheck.catalogue import load_catalogue

    sarif = json.loads(render(hostile, "sarif"))
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "radcheck" and "informationUri" not in driver  # optional; no public page yet
    assert [r["id"] for r in driver["rules"]] == sorted(load_catalogue())
    for rule in driver["rules"]:
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip()
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    results = sarif["runs"][0]["results"]
    assert len(results) == len(hostile.all_findings())
    for res in results:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in {"error", "warning", "note"} and res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert not uri.startswith("/") and "\\" not in uri and uri.endswith("hostile.txt")
        if "region" in loc:
            assert loc["region"]["startLine"] >= 1
        assert res["partialFingerprints"]
    info = next(r for r in results if r["ruleId"] == "P003" and "lead" in
                r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"])
    assert info["level"] == "note" and info["locations"][0]["physicalLocation"]["region"]["startLine"] == 10


def test_sarif_region_only_where_a_line_exists(tmp_path: Path) -> None:
    report = hostile_report(tmp_path)
    d = report.documents[0]
    d.findings.append(_finding(d.path, "P003", "misaligned-row", "info", "/body", None, "no line"))
    results = json.loads(render(report, "sarif"))["runs"][0]["results"]
    lineless = [r for r in results if r["message"]["text"] == "no line"]
    assert lineless and "region" not in lineless[0]["locations"][0]["physicalLocation"]


def test_sarif_relative_uri_for_absolute_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from radcheck.formats.sarif import artifact_uri

    monkeypatch.chdir(tmp_path)
    assert artifact_uri(str(tmp_path / "plans" / "a.txt")) == "plans/a.txt"
    assert artifact_uri("./plans/a.txt") == "plans/a.txt"


def test_sarif_fingerprint_ignores_lines(hostile: Report) -> None:
    from radcheck.formats.sarif import fingerprint

    f = hostile.documents[0].findings[0]
    moved = Finding(**{**f.__dict__, "line": (f.line or 0) + 40, "line_key": f.line_key + 40})
    assert fingerprint(f) == fingerprint(moved)


# --- Markdown ---------------------------------------------------------------------------------------

def test_markdown_summary_and_sections(hostile: Report) -> None:
    md = render(hostile, "markdown")
    assert isinstance(md, str)
    assert md.startswith("# Laporan pemeriksaan radcheck\n")
    assert "## Ringkasan" in md and "### Batang tubuh" in md and "### Lampiran A" in md
    # Document text cannot break the table or become markup.
    assert "<script>" not in md and "<img" not in md
    assert "Jumlah alat &lt;script&gt;window.\\_\\_pwned=2&lt;/script&gt; peraga" in md


def test_markdown_rows_have_the_header_width(hostile: Report) -> None:
    md = render(hostile, "markdown")
    lines = md.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|---"):
            width = len(re.findall(r"(?<!\\)\|", lines[i - 1]))
            j = i + 1
            while j < len(lines) and lines[j].startswith("|"):
                assert len(re.findall(r"(?<!\\)\|", lines[j])) == width, lines[j]
                j += 1


# --- CLI --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["html", "xlsx", "sarif", "markdown"])
def test_cli_writes_each_format(tmp_path: Path, fmt: str) -> None:
    from click.testing import CliRunner

    from radcheck.cli import cli

    doc = tmp_path / "hostile.txt"
    doc.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(cli, ["check", str(doc), "--format", fmt, "-o", str(out), "--as-of", "2026-11-23"])
    assert result.exit_code in (0, 1), result.output
    assert out.stat().st_size > 200


@pytest.mark.parametrize("fmt", ["xlsx", "html"])
def test_cli_file_formats_need_an_output_file(tmp_path: Path, fmt: str) -> None:
    from click.testing import CliRunner

    from radcheck.cli import cli

    doc = tmp_path / "hostile.txt"
    doc.write_text(HOSTILE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(doc), "--format", fmt])
    assert result.exit_code == 2 and "-o/--output" in result.output


@pytest.mark.parametrize(("plan", "expected"), [
    (Path(__file__).parent.parent / "plans/bekasi/perwal-10-2024-rad-pug.txt",
     "Peraturan Wali Kota Bekasi Nomor 10 Tahun 2024 — Rencana Aksi Daerah"),
    (Path(__file__).parent / "plans/tg-kab-contoh-rad-kla.txt", "Peraturan Bupati Contoh Nomor"),
    (Path(__file__).parent / "plans/tg-prov-contoh-rad-pg.txt", "Peraturan Gubernur Contoh Nomor"),
])
def test_document_heading_names_the_regulation_as_it_names_itself(plan: Path, expected: str) -> None:
    from radcheck.formats._words import document_heading

    heading = document_heading(radcheck.load(plan))
    assert heading.startswith(expected)
    assert "Kota Kota" not in heading and "Bupati Kabupaten" not in heading and "Gubernur Provinsi" not in heading
