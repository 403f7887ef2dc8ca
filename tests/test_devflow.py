"""radcheck in a developer's workflow: stdin and in-memory documents, strict configuration, encodings,
terminal options (--quiet, --color, --exclude) and "did you mean" for commands.  Standard input, warnings
and colour go through ``python -m radcheck``; the rest through its entry point in this process (run_cli)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from conftest import PLANS, PPP, PUG, ROOT, run_cli

import radcheck

AS_OF = "2026-11-23"


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    result = subprocess.run([sys.executable, "-m", "radcheck", *args], capture_output=True, input=stdin,
                            cwd=cwd or ROOT, timeout=120, env={**os.environ, **(env or {})})
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8"),
                                       result.stderr.decode("utf-8"))


# ---- standard input and documents in memory -------------------------------------------------------

@pytest.mark.parametrize("seed", [PPP, PUG], ids=lambda p: p.name)
def test_stdin_gives_the_report_the_file_gives(seed: Path) -> None:
    name = seed.relative_to(ROOT).as_posix()
    from_file = run("check", name, "--format", "json", "--as-of", AS_OF)
    from_stdin = run("check", "-", "--stdin-filename", name, "--format", "json", "--as-of", AS_OF,
                     stdin=seed.read_bytes())
    assert from_file.returncode == from_stdin.returncode == 1
    assert from_stdin.stdout == from_file.stdout


def test_stdin_without_a_name_is_text_reported_as_dash() -> None:
    result = run("check", "-", "--format", "json", "--as-of", AS_OF, stdin=PPP.read_bytes())
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["documents"][0]["path"] == "-"
    assert report["documents"][0]["stats"]["indicators"] > 0


def test_stdin_name_gives_the_format(tmp_path: Path) -> None:
    parsed = run("parse", str(PPP), "--format", "yaml")
    assert parsed.returncode == 0, parsed.stderr
    result = run("check", "-", "--stdin-filename", "rencana.yaml", "--format", "json", "--as-of", AS_OF,
                 stdin=parsed.stdout.encode("utf-8"))
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["documents"][0]["path"] == "rencana.yaml"


@pytest.mark.parametrize(("data", "name", "reason"), [
    (b"", "-", "empty"), (b"PERATURAN", "draft.doc", "unknown file type .doc"),
])
def test_unreadable_stdin_exits_2(data: bytes, name: str, reason: str) -> None:
    result = run("check", "-", "--stdin-filename", name, stdin=data)
    assert result.returncode == 2 and reason in result.stderr and "standard input" in result.stderr
    assert "Traceback" not in result.stderr


def test_stdin_filename_without_dash_is_a_usage_error() -> None:
    result = run("check", str(PPP), "--stdin-filename", "x.txt")
    assert result.returncode == 2 and "'-'" in result.stderr


def test_load_text_and_load_bytes_equal_load() -> None:
    name = PUG.relative_to(ROOT).as_posix()
    from_file = radcheck.load(name)
    assert radcheck.load_text(PUG.read_text(encoding="utf-8"), name=name) == from_file
    assert radcheck.load_bytes(PUG.read_bytes(), name=name) == from_file
    as_of = __import__("datetime").date(2026, 11, 23)
    via_text = radcheck.check(radcheck.load_text(PUG.read_text(encoding="utf-8"), name=name), as_of=as_of)
    assert via_text.to_json() == radcheck.check(name, as_of=as_of).to_json()


def test_load_bytes_reads_office_files_by_name(tmp_path: Path) -> None:
    from office_fixtures import write_docx, write_xlsx

    for name, data in (("ppp.docx", write_docx(PPP)), ("pug.xlsx", write_xlsx(PUG))):
        (tmp_path / name).write_bytes(data)
        from_file = radcheck.load(tmp_path / name)
        assert radcheck.load_bytes(data, name=(tmp_path / name).as_posix()) == from_file
        assert from_file.sections


def test_load_bytes_refuses_an_unknown_suffix() -> None:
    with pytest.raises(radcheck.UnreadableInput, match="unknown file type .pdfx"):
        radcheck.load_bytes(b"x", name="plan.pdfx")


# ---- strict configuration -------------------------------------------------------------------------

@pytest.mark.parametrize(("toml", "message"), [
    ('selec = ["T"]\n', "unknown key 'selec' (did you mean 'select'"),
    ('fail_onn = "warning"\n', "unknown key 'fail-onn' (did you mean 'fail-on'?)"),
    ('[severity]\nT999 = "info"\n', "[severity] 'T999' is not a rule code or name"),
    ('[severity]\nmissing-targt = "info"\n', "did you mean 'missing-target'"),
    ('select = ["T01"]\n', "select: unknown rule, name or family: 'T01'"),
    ('ignore = ["copied-target-serie"]\n', "did you mean 'copied-target-series'"),
    ('[per-path-ignores]\n"arsip/*" = ["Q"]\n', "per-path-ignores 'arsip/*'"),
    ('[limits]\nmax-file-byte = 10\n', "unknown key 'max-file-byte' in [limits] (did you mean 'max-file-bytes'"),
    ('[agencies]\nobsolete = "as-of"\n', "unknown key 'obsolete' in [agencies] (did you mean 'obsolete-at'?)"),
    ('lang = "fr"\n', "lang"),
])
def test_configuration_mistakes_exit_2_with_the_reason(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "radcheck.toml").write_text(toml, encoding="utf-8")
    result = run_cli("check", str(PPP), cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    assert "radcheck.toml" in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_configuration_mistakes_in_pyproject_too(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.radcheck]\nselec = ["T"]\n', encoding="utf-8")
    result = run_cli("check", str(PPP), cwd=tmp_path)
    assert result.returncode == 2 and "pyproject.toml: unknown key 'selec'" in result.stderr


def test_severity_keys_by_name_or_lower_case_code_apply(tmp_path: Path) -> None:
    (tmp_path / "radcheck.toml").write_text('[severity]\np003 = "error"\nstray-value = "info"\n', encoding="utf-8")
    config = radcheck.load_config(tmp_path / "radcheck.toml")
    assert config.severity == {"P003": "error", "stray-value": "info"}


def test_radcheck_toml_with_a_tool_table_and_top_level_keys_is_refused(tmp_path: Path) -> None:
    (tmp_path / "radcheck.toml").write_text('fail-on = "info"\n[tool.radcheck]\nselect = ["T"]\n', encoding="utf-8")
    with pytest.raises(radcheck.ConfigError, match="both"):
        radcheck.load_config(tmp_path / "radcheck.toml")
    (tmp_path / "radcheck.toml").write_text('[tool.radcheck]\nfail-on = "info"\n', encoding="utf-8")
    assert radcheck.load_config(tmp_path / "radcheck.toml").fail_on == "info"  # as the README says


def test_polarity_entry_matching_nothing_is_a_warning_with_the_closest_indicator(tmp_path: Path) -> None:
    (tmp_path / "radcheck.toml").write_text(
        '[polarity]\n"Jumlah kasus obesitas pada penduduk usia 15 tahun ke atas" = "lower"\n'
        '"jumlah  KASUS obesitas pada penduduk usia 15 tahun ke atas di fasyankes" = "lower"\n', encoding="utf-8")
    result = run("check", str(PUG), "--select", "T", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    warned = [ln for ln in result.stderr.splitlines() if ln.startswith("radcheck: warning:")]
    assert len(warned) == 1, result.stderr  # the second entry matches (case and spacing ignored)
    assert "matches no indicator" in warned[0] and "di Fasyankes'?" in warned[0]
    assert run("check", str(PUG), "--select", "T", "--quiet", cwd=tmp_path).stderr == ""


def test_polarity_warning_through_the_api(tmp_path: Path) -> None:
    config = radcheck.Config(polarity={"Tidak ada indikator seperti ini": "lower"})
    with pytest.warns(UserWarning, match="matches no indicator"):
        radcheck.check(PPP, config=config, select=["T"])


def test_check_refuses_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="'fr'"):
        radcheck.check(PPP, lang="fr")


def test_selection_error_is_exported_and_suggests() -> None:
    with pytest.raises(radcheck.SelectionError, match="did you mean 'missing-target'"):
        radcheck.check(PPP, select=["missing-targt"])


def test_registry_in_configuration_is_relative_to_its_file(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    shutil.copy(ROOT / "tests" / "plans" / "ag-kab-contoh-registry.yaml", tmp_path / "conf" / "daerah.yaml")
    (tmp_path / "conf" / "radcheck.toml").write_text('registry = "daerah.yaml"\n', encoding="utf-8")
    config = radcheck.load_config(tmp_path / "conf" / "radcheck.toml")
    assert Path(config.registry) == tmp_path / "conf" / "daerah.yaml"
    plan = str(ROOT / "tests" / "plans" / "ag-kab-contoh.txt")
    with_config = run_cli("agencies", plan, "--format", "json", "--config", "conf/radcheck.toml", cwd=tmp_path)
    with_option = run_cli("agencies", plan, "--format", "json", "--registry", "conf/daerah.yaml", cwd=tmp_path)
    if with_config.returncode == 2 and "no such option" in with_config.stderr.lower():
        pytest.skip("agencies has no --config")
    assert with_config.stdout == with_option.stdout


# ---- encodings ------------------------------------------------------------------------------------

def _findings(path: Path, tmp_path: Path) -> list[tuple[str, str, int | None]]:
    report = radcheck.check(path, as_of=__import__("datetime").date(2026, 11, 23))
    return [(f.code, f.message, f.line) for f in report.all_findings()]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_read_as_utf8(tmp_path: Path, codec: str) -> None:
    bom = {"utf-16": "", "utf-16-be": "\ufeff", "utf-32": ""}[codec]
    copy = tmp_path / PUG.name
    copy.write_bytes((bom + PUG.read_text(encoding="utf-8")).encode(codec))
    assert copy.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert _findings(copy, tmp_path) == _findings(PUG, tmp_path)


def test_cp1252_file_is_read_with_a_warning(tmp_path: Path) -> None:
    copy = tmp_path / PUG.name
    copy.write_bytes(PUG.read_text(encoding="utf-8").encode("cp1252"))  # its en dash becomes byte 0x96
    with pytest.raises(UnicodeDecodeError):
        copy.read_bytes().decode("utf-8")
    with pytest.warns(radcheck.readers.common.NotUtf8Warning, match="Windows-1252"):
        assert _findings(copy, tmp_path) == _findings(PUG, tmp_path)
    result = run("check", str(copy))
    assert result.returncode == 1
    assert result.stderr.startswith(f"radcheck: warning: {copy.as_posix()}: not UTF-8") and "cp1252" in result.stderr


def test_utf8_file_gives_no_warning(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        radcheck.load(PPP)


@pytest.mark.parametrize("data", [b"\xff\xfe\x00\xd8", b"PERATURAN \x81\x8d\x8f", b"\x00\x01binary"])
def test_bytes_that_are_no_text_stay_unreadable(data: bytes) -> None:
    with pytest.raises(radcheck.UnreadableInput):
        radcheck.load_bytes(data, name="x.txt")


# ---- terminal -------------------------------------------------------------------------------------

def test_misspelled_command_gets_did_you_mean() -> None:
    result = run_cli("chek", str(PPP))
    assert result.returncode == 2 and "Did you mean 'check'?" in result.stderr
    assert "Did you mean 'calendar'?" in run_cli("calender", str(PPP)).stderr


def test_exclude_skips_folders_and_files(tmp_path: Path) -> None:
    shutil.copytree(PLANS, tmp_path / "plans")
    (tmp_path / "plans" / "arsip").mkdir()
    shutil.copy(PPP, tmp_path / "plans" / "arsip" / "lama.txt")
    everything = json.loads(run_cli("check", "plans", "--format", "json", cwd=tmp_path).stdout)
    assert len(everything["documents"]) == 3
    kept = json.loads(run_cli("check", "plans", "--format", "json", "--exclude", "arsip", "--exclude", "*pug*",
                          cwd=tmp_path).stdout)
    assert [d["path"] for d in kept["documents"]] == ["plans/bekasi/perwal-11-2024-rad-ppp.txt"]
    (tmp_path / "radcheck.toml").write_text('exclude = ["arsip"]\n', encoding="utf-8")
    assert len(json.loads(run_cli("check", "plans", "--format", "json", cwd=tmp_path).stdout)["documents"]) == 2


def test_color_when_asked_and_never_with_no_color() -> None:
    coloured = run("check", str(PPP), "--color")
    assert "\x1b[" in coloured.stdout
    plain = run("check", str(PPP), "--no-color")
    assert "\x1b[" not in plain.stdout and plain.stdout.strip()
    assert "\x1b[3" not in run("check", str(PPP), "--color", env={"NO_COLOR": "1"}).stdout  # no colour codes


# ---- Excel report ---------------------------------------------------------------------------------

def test_excel_report_targets_are_numbers_and_the_summary_names_the_sheets(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "laporan.xlsx"
    result = run_cli("check", str(PUG), str(PPP), "--format", "xlsx", "-o", str(out), "--as-of", AS_OF)
    assert result.returncode == 1, result.stderr
    wb = openpyxl.load_workbook(out)
    docs = {d.source: d for d in (radcheck.load(PUG), radcheck.load(PPP))}
    summary = [row for row in wb.worksheets[0].iter_rows(values_only=True) if row and row[0] in
               {str(PUG), str(PPP)}]
    prefixes = {row[0]: row[4].split(", ") for row in summary}
    assert prefixes[str(PUG)][0].startswith("1-") and prefixes[str(PPP)][0].startswith("2-")
    numbers = texts = 0
    for n, path in enumerate((str(PUG), str(PPP)), start=1):
        doc = docs[path]
        for sec in doc.sections:
            ws = next(w for w in wb.worksheets if w.title.startswith(f"{n}-{sec.letter} "))
            assert f"{n}-{sec.letter}" in prefixes[path]
            header = [c.value for c in ws[2]]
            by_line = {row[0].value: row for row in ws.iter_rows(min_row=3) if row[0].value is not None}
            for ind in sec.indicators:
                row = by_line.get(ind.line)
                if row is None:
                    continue
                for year, cell in ind.targets.items():
                    if str(year) not in header:
                        continue
                    xl = row[header.index(str(year))]
                    if cell.value is not None and xl.value is not None and "/" not in str(xl.value):
                        assert isinstance(xl.value, (int, float)) and xl.value == pytest.approx(cell.value)
                        assert xl.number_format.startswith("[$-421]#,##0")
                        numbers += 1
                    elif cell.value is None and cell.raw:
                        assert isinstance(xl.value, str)
                        texts += 1
    assert numbers > 500  # the seeds' targets: nearly all numbers
    decimal = [c for ws in wb.worksheets[2:] for row in ws.iter_rows(min_row=3) for c in row
               if isinstance(c.value, float)]
    assert decimal and all(c.number_format.startswith("[$-421]#,##0.0") for c in decimal)


@pytest.mark.parametrize(("raw", "value", "decimals"), [
    ("55,00", 55, 2), ("87,7", 87.7, 1), ("87.7", 87.7, 1), ("2.000", 2000, 0), ("2.000", 2.0, 3),
    ("6,015,947,806", 6015947806, 0), ("1.000,5", 1000.5, 1), ("-5,5", -5.5, 1), ("87,7%", 87.7, 1), ("100", 100, 0),
])
def test_excel_number_cells_keep_the_written_decimals(raw: str, value: float, decimals: int) -> None:
    from radcheck.formats.xlsx_report import written_decimals

    assert written_decimals(raw, value) == decimals


# ---- calendar -------------------------------------------------------------------------------------

def test_calendar_json_says_when_each_report_came_and_ics_reminds(tmp_path: Path) -> None:
    import datetime as dt

    import icalendar

    log = tmp_path / "laporan.csv"
    log.write_text("obligation,period,submitted,reference\npasal-7,2024,2024-12-20,BA Pokja 01/2024\n"
                   "reporting,2024,2025-01-15,\n", encoding="utf-8")
    ics = tmp_path / "tenggat.ics"
    out = run_cli("calendar", str(PPP), "--as-of", AS_OF, "--reports", str(log), "--format", "json", "--ics", str(ics))
    assert out.returncode == 0, out.stderr
    deadlines = json.loads(out.stdout)["documents"][0]["deadlines"]
    logged = [d for d in deadlines if "submitted" in d]
    assert len(logged) == 2 and all(d["status"] == "done" for d in logged)
    on_time = next(d for d in logged if d["reference"] == "BA Pokja 01/2024")
    assert on_time["submitted"] == "2024-12-20" and on_time["late"] is False and on_time["days_late"] == 0
    late = next(d for d in logged if d["submitted"] == "2025-01-15")
    assert late["reference"] is None and late["late"] is True
    assert late["days_late"] == (dt.date(2025, 1, 15) - dt.date.fromisoformat(late["due"])).days > 0
    text = run_cli("calendar", str(PPP), "--as-of", AS_OF, "--reports", str(log))
    assert text.stdout.count("terlambat disampaikan") == 1  # the text and the JSON tell the same
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) == len(deadlines)
    for ev, d in zip(events, deadlines, strict=True):
        alarms = ev.walk("VALARM")
        if d["status"] == "done":
            assert not alarms
            continue
        assert len(alarms) == 1 and str(alarms[0]["action"]) == "DISPLAY"
        assert alarms[0].decoded("trigger") == -dt.timedelta(days=14)
        assert d["period"] in str(alarms[0]["description"])
    assert "terlambat disampaikan" in ics.read_bytes().decode("utf-8").replace("\r\n ", "")


# ---- rules and agencies tables ------------------------------------------------------------------------

@pytest.mark.parametrize("columns", [70, 100, 160])
def test_rules_and_agencies_tables_fit_the_terminal(columns: int) -> None:
    env = {"COLUMNS": str(columns)}
    listing = run_cli("rules", env=env)
    agencies = run_cli("agencies", str(PPP), env=env)
    assert listing.returncode == agencies.returncode == 0
    for out in (listing.stdout, agencies.stdout.split("\n", 1)[1]):  # the first line names the file
        assert max(len(ln) for ln in out.splitlines()) <= columns, out
    # nothing is lost: every rule's summary is there, words intact
    for meta in radcheck.rules():
        assert " ".join(meta.summary.get("id").split()) in " ".join(listing.stdout.split())


def test_rules_family_names_follow_the_language() -> None:
    piped = run_cli("rules").stdout.splitlines()  # no terminal: one line a rule
    assert len(piped) == len(radcheck.rules())
    assert "A (perangkat daerah dan instansi)" in piped[0] and "(agencies)" not in run_cli("rules").stdout
    assert "A (agencies)" in run_cli("rules", "--lang", "en").stdout
