"""Shared fixtures: the seed plans and a helper to write small documents to disk."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
PPP = PLANS / "bekasi" / "perwal-11-2024-rad-ppp.txt"
PUG = PLANS / "bekasi" / "perwal-10-2024-rad-pug.txt"
AS_OF = dt.date(2026, 11, 23)
# A small Perwal in the seeds' text format up to its annex header (PUG's columns); tests add the rows.
SMALL_PLAN = (
    "PERATURAN WALI KOTA CONTOH\nNOMOR 3 TAHUN 2025\nTENTANG\nRENCANA AKSI DAERAH CONTOH TAHUN 2025 - 2029\n"
    "LAMPIRAN PERATURAN WALI KOTA CONTOH NOMOR 3 TAHUN 2025\nA. Rencana Aksi Bidang Contoh\n"
    "No\tRencana Aksi (Program/ Kegiatan)\tIndikator\tSatuan\tKondisi Awal tahun 2024\tTarget\t\t\t\t\t"
    "OPD Pengampu Urusan\n\t\t\t\t\t2025\t2026\t2027\t2028\t2029\t\n")


def finding_keys(checked: object, *, annex_only: bool = False, ignore: Iterable[str] = ()) -> Counter:
    """One document's findings by rule and logical path, row numbers left out (they differ between a text
    and its Word, Excel or PDF form).  ``checked``: a Report, or a path or Document checked as of AS_OF;
    ``annex_only`` keeps the annex's findings but L001 (the Lampiran heading)."""
    import radcheck

    report = checked if isinstance(checked, radcheck.Report) else radcheck.check(checked, as_of=AS_OF)
    return Counter((f.code, re.sub(r"/rows/\d+", "/rows/#", f.path or "")) for f in report.documents[0].findings
                   if f.code not in ignore
                   and (not annex_only or (f.path.startswith("/lampiran") and f.code != "L001")))


def run_cli(*args: object, cwd: Path | None = None, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    """``radcheck ARGS`` through the command's own entry point (``radcheck.cli.main``) in this process: the
    exit code, standard output and standard error a subprocess would give, without starting Python again.
    Tests of the process itself (a hang, a memory limit, standard input, a terminal) start one instead."""
    import gc
    import os
    import warnings

    from click.testing import CliRunner

    from radcheck.cli import main

    here = os.getcwd()
    # main() sets the warnings' display (and --quiet their filter) and turns the cyclic collector off, as a
    # command may: all three are put back.
    with CliRunner().isolation(env=env) as (out, err, _), warnings.catch_warnings():
        try:
            os.chdir(cwd or ROOT)
            main([str(a) for a in args])
            code: object = 0
        except SystemExit as exc:
            code = exc.code
        finally:
            os.chdir(here)
            gc.enable()
    returncode = code if isinstance(code, int) else (0 if code is None else 1)
    return subprocess.CompletedProcess(list(args), returncode, out.getvalue().decode(), err.getvalue().decode())


@pytest.fixture(scope="session")
def ppp():
    import radcheck

    return radcheck.load(PPP)


@pytest.fixture(scope="session")
def pug():
    import radcheck

    return radcheck.load(PUG)


@pytest.fixture(scope="session")
def office_files(tmp_path_factory):
    """Both seeds as Word and Excel files (``ppp.docx``, ``pug.xlsx``, …: tests/office_fixtures.py), written
    once for the session; tests read them, never change them."""
    import office_fixtures

    return office_fixtures.write_all(tmp_path_factory.mktemp("office"))


# Every JSON report the suite makes is checked against the published schema (radcheck schema): those
# rendered in this process, as they are rendered, and report files a test leaves in its tmp_path
# (written by a `radcheck check --format json -o …` subprocess).  tests/test_report_schema.py checks goldens.
@pytest.fixture(scope="session")
def report_validator():
    import json

    import jsonschema

    from radcheck.report_schema import shipped_schema

    return jsonschema.Draft202012Validator(json.loads(shipped_schema()))


def is_json_report(data: object) -> bool:
    return isinstance(data, dict) and isinstance(data.get("tool"), dict) and data["tool"].get("name") == "radcheck" \
        and "documents" in data and "summary" in data


@pytest.fixture(autouse=True)
def _json_reports_follow_the_schema(request, monkeypatch, report_validator):
    import json

    from radcheck.report import Report

    original = Report.to_json

    def to_json(self: Report) -> str:
        text = original(self)
        report_validator.validate(json.loads(text))
        return text

    monkeypatch.setattr(Report, "to_json", to_json)
    # Asked for now, so that the folder outlives this fixture's check after the test.
    tmp = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    yield
    if tmp is None:
        return
    for file in tmp.rglob("*.json"):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):  # damaged inputs some tests write
            continue
        if is_json_report(data):
            report_validator.validate(data)
