"""Extraction of monitoring/reporting obligations from the body, frequencies, and the report log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import PPP
from hypothesis import given
from hypothesis import strategies as st

import radcheck
from radcheck.obligations import ReportLogError, extract_obligations, load_report_log, parse_frequency
from radcheck.obligations.extract import _WORD_NUMBERS, parse_deadline
from radcheck.obligations.reportlog import normalise_period

HERE = Path(__file__).parent
REP = HERE / "plans"


def _line_of(path: Path, fragment: str) -> int:
    """The 1-based line holding ``fragment`` (so tests do not hard-code the seed's line numbers)."""
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return no
    raise AssertionError(f"{fragment!r} not in {path}")


# --- the seeds -------------------------------------------------------------------------------

def test_ppp_has_a_monitoring_and_a_reporting_obligation(ppp) -> None:
    mon, rep = extract_obligations(ppp)
    assert (mon.id, mon.kind, mon.actor, mon.frequency) == ("pasal-7", "monitoring", "Pokja", "P1Y")
    assert mon.basis == "Pasal 7 ayat (2)"  # the frequency's ayat, not the actor's
    assert mon.line == _line_of(PPP, "dilaksanakan secara berkala setiap 1 (satu) tahun sekali")
    assert mon.frequency_text == "setiap 1 (satu) tahun sekali"
    assert (rep.id, rep.kind, rep.actor, rep.recipient, rep.form, rep.frequency) == (
        "pasal-8", "reporting", "Pokja", "Wali Kota", "tertulis", "P1Y")
    assert rep.basis == "Pasal 8 ayat (2)" and rep.at_least
    assert rep.line == _line_of(PPP, "dilaksanakan paling kurang 1 (satu) tahun sekali")
    assert rep.to_dict() == {"id": "pasal-8", "kind": "reporting", "actor": "Pokja", "recipient": "Wali Kota",
                             "frequency": "P1Y", "form": "tertulis", "basis": "Pasal 8 ayat (2)",
                             "line": rep.line}


def test_pug_has_none_and_its_purpose_clause_is_not_one(pug) -> None:
    # Pasal 2 ayat (2) huruf a speaks of "monitoring dan evaluasi" as a purpose, not as a duty.
    assert extract_obligations(pug) == []


# --- clauses of our own ----------------------------------------------------------------------

def test_six_monthly_reporting_and_quarterly_monitoring() -> None:
    mon, rep = extract_obligations(radcheck.load(REP / "rep-semester.txt"))
    assert (mon.kind, mon.actor, mon.frequency, mon.basis) == ("monitoring", "Tim Percepatan", "P3M",
                                                              "Pasal 2 ayat (2)")
    assert (rep.kind, rep.actor, rep.recipient, rep.form, rep.frequency) == (
        "reporting", "Tim Percepatan", "Bupati", "tertulis", "P6M")
    assert rep.path == "/body/pasal/3/ayat/2"


def test_berkala_without_frequency_is_vague() -> None:
    obs = extract_obligations(radcheck.load(REP / "rep-berkala.txt"))
    assert [(o.kind, o.actor, o.recipient) for o in obs] == [("monitoring", "Pokja", None),
                                                             ("reporting", "Pokja", "Gubernur")]
    assert all(o.periodic_only and not o.definite and o.frequency is None for o in obs)
    assert [o.basis for o in obs] == ["Pasal 2", "Pasal 3"]


def test_definitions_are_not_obligations() -> None:
    text = (REP / "rep-none.txt").read_text(encoding="utf-8").replace(
        "2. Wali Kota adalah Wali Kota Contoh.",
        "2. Pemantauan adalah kegiatan mengamati perkembangan pelaksanaan yang dilakukan setiap tahun.\n"
        "3. Pelaporan adalah kegiatan menyampaikan hasil pemantauan dan evaluasi.")
    from radcheck.readers import read_bytes

    doc = read_bytes(text.encode("utf-8"), "defs.txt", "text")
    assert len(doc.definitions) >= 3
    assert extract_obligations(doc) == []


def test_no_clause_at_all() -> None:
    assert extract_obligations(radcheck.load(REP / "rep-none.txt")) == []


def test_one_pasal_with_both_kinds_and_a_stated_deadline() -> None:
    mon, rep = extract_obligations(radcheck.load(REP / "rep-deadline.txt"))
    assert (mon.id, rep.id) == ("pasal-2-monitoring", "pasal-2-reporting")
    assert mon.actor == "Badan Perencanaan Pembangunan Daerah" and rep.recipient == "Bupati"
    assert rep.frequency is None and rep.deadline is not None and rep.definite
    assert (rep.deadline.month, rep.deadline.day, rep.deadline.next_year) == (1, 31, True)


# --- frequencies and deadlines ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("dilaksanakan secara berkala setiap 1 (satu) tahun sekali", ("P1Y", False)),
    ("dilaksanakan paling kurang 1 (satu) tahun sekali", ("P1Y", True)),
    ("paling sedikit 2 (dua) tahun sekali", ("P2Y", True)),
    ("setiap 6 (enam) bulan", ("P6M", False)),
    ("setiap enam bulan", ("P6M", False)),
    ("setiap 12 (dua belas) bulan", ("P1Y", False)),
    ("setiap semester", ("P6M", False)),
    ("per triwulan", ("P3M", False)),
    ("laporan triwulanan", ("P3M", False)),
    ("setiap bulan", ("P1M", False)),
    ("2 (dua) kali dalam 1 (satu) tahun", ("P6M", False)),
    ("dua kali setahun", ("P6M", False)),
    ("4 (empat) kali dalam setahun", ("P3M", False)),
    ("setahun sekali", ("P1Y", False)),
    ("setiap tahun", ("P1Y", False)),
    ("setiap akhir tahun anggaran", ("P1Y", False)),
])
def test_frequencies(text: str, expected: tuple[str, bool]) -> None:
    found = parse_frequency(text)
    assert found is not None and (found[0], found[2]) == expected


@pytest.mark.parametrize("text", ["secara berkala", "dalam jangka waktu 5 (lima) tahun", "Tahun 2024 - 2028",
                                  "paling lambat 3 (tiga) bulan setelah tahun anggaran berakhir"])
def test_not_frequencies(text: str) -> None:
    assert parse_frequency(text) is None


@given(st.integers(min_value=1, max_value=12), st.sampled_from(["bulan", "tahun"]), st.booleans())
def test_every_n_units_digits_and_words(n: int, unit: str, with_words: bool) -> None:
    words = {v: k for k, v in _WORD_NUMBERS.items()}[n]
    text = f"setiap {n} ({words}) {unit} sekali" if with_words else f"setiap {words} {unit}"
    months = n * (12 if unit == "tahun" else 1)
    expected = f"P{months // 12}Y" if months % 12 == 0 else f"P{months}M"
    assert parse_frequency(text)[0] == expected  # type: ignore[index]


def test_deadlines() -> None:
    d = parse_deadline("paling lambat tanggal 31 Januari tahun berikutnya")
    assert d is not None and (d.day, d.month, d.next_year) == (31, 1, True)
    d = parse_deadline("paling lambat 3 (tiga) bulan setelah tahun anggaran berakhir")
    assert d is not None and d.months_after == 3
    d = parse_deadline("paling lambat 15 (lima belas) hari setelah semester berakhir")
    assert d is not None and d.days_after == 15
    d = parse_deadline("disampaikan paling lambat tanggal 10 bulan berikutnya")
    assert d is not None and d.days_after == 10
    assert parse_deadline("paling lambat tanggal 31 Bulanan") is None


# --- the report log --------------------------------------------------------------------------

def test_yaml_log(tmp_path: Path) -> None:
    f = tmp_path / "log.yaml"
    f.write_text("- {obligation: pasal-8, period: 2024, submitted: 2025-01-10, reference: ND 12}\n"
                 "- {obligation: monitoring, period: 2025-s1, submitted: '2025-07-01'}\n", encoding="utf-8")
    a, b = load_report_log(f)
    assert (a.obligation, a.period, a.submitted, a.reference, a.kind) == ("pasal-8", "2024", dt.date(2025, 1, 10),
                                                                         "ND 12", None)
    assert (b.period, b.kind, b.reference) == ("2025-H1", "monitoring", None)


def test_csv_log_with_semicolons_and_blank_lines(tmp_path: Path) -> None:
    f = tmp_path / "log.csv"
    f.write_text("Obligation;Period;Submitted;Reference\npasal-7;2024;2024-12-20;BA 1\n\nreporting;2024-Q3;"
                 "2024-10-05;\n", encoding="utf-8")
    a, b = load_report_log(f)
    assert (a.obligation, a.period, a.row) == ("pasal-7", "2024", 2)
    assert (b.kind, b.period, b.reference, b.row) == ("reporting", "2024-Q3", None, 4)


def test_empty_logs_are_empty(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("", encoding="utf-8")
    (tmp_path / "b.csv").write_text("obligation,period,submitted\n", encoding="utf-8")
    assert load_report_log(tmp_path / "a.yaml") == [] == load_report_log(tmp_path / "b.csv")


@pytest.mark.parametrize(("name", "content", "says"), [
    ("log.yaml", "- {obligation: pasal-8, period: 2024\n", "not valid YAML"),
    ("log.yaml", "obligation: pasal-8\n", "list of entries"),
    ("log.yaml", "- pasal-8\n", "entry 1: expected a mapping"),
    ("log.yaml", "- {obligation: pasal-8, period: 2024, submitted: 2025-01-10, note: x}\n", "unknown column(s) 'note'"),
    ("log.yaml", "- {obligation: pasal-8, period: 2024}\n", "'submitted' is missing"),
    ("log.yaml", "- {obligation: pasal-8, period: 2024, submitted: 10/01/2025}\n", "bad date '10/01/2025'"),
    ("log.yaml", "- {obligation: pasal-8, period: 24, submitted: 2025-01-10}\n", "bad period 24"),
    ("log.csv", "obligation,period,submitted,remarks\npasal-8,2024,2025-01-10,x\n", "unknown column(s) 'remarks'"),
    ("log.csv", "obligation,submitted\npasal-8,2025-01-10\n", "missing column(s) period"),
    ("log.csv", "obligation,period,submitted\npasal-8,2024,2025-02-30\n", "line 2: bad date '2025-02-30'"),
    ("log.csv", "obligation,period,submitted\npasal-8,2024,2025-01-10,extra\n", "line 2: 4 cells for 3 columns"),
    ("log.csv", 'obligation,period,submitted\n"pasal-8,2024,2025-01-10\n', "not valid CSV"),
    ("log.txt", "pasal-8 2024 2025-01-10\n", "unknown report log format"),
])
def test_bad_logs_say_which_file_and_why(tmp_path: Path, name: str, content: str, says: str) -> None:
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    with pytest.raises(ReportLogError) as err:
        load_report_log(f)
    message = str(err.value)
    assert message.startswith(str(f)) and says in message and "\n" not in message


def test_missing_and_binary_logs(tmp_path: Path) -> None:
    with pytest.raises(ReportLogError, match="not found"):
        load_report_log(tmp_path / "nope.yaml")
    (tmp_path / "bin.csv").write_bytes(b"\xff\xfe\x00\x81\x00")
    with pytest.raises(ReportLogError, match="not UTF-8"):
        load_report_log(tmp_path / "bin.csv")


def test_periods() -> None:
    periods = ("2025", "2025-h2", "2025-S1", "2025-q4", "2025-03", "2024-2025", "2025-2024", "2025-Q5", "x")
    assert [normalise_period(p) for p in periods] == [
        "2025", "2025-H2", "2025-H1", "2025-Q4", "2025-03", "2024-2025", None, None, None]


def test_package_names_resolve_on_first_use():
    import radcheck.obligations as package

    assert sorted(package.__all__) == sorted(package._HOME)
    for name in package.__all__:
        assert getattr(package, name).__module__.startswith("radcheck.obligations.")
    with pytest.raises(AttributeError):
        package.no_such_name
