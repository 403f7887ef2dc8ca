"""T and G rules on real plans: the two Bekasi seeds and radcheck's own test plans (tests/plans/tg-*).

The seeds are checked for what a careful reviewer expects (no falling-trajectory finding on indicators
that should fall, no missing-target finding on '-' or 'Ada', every value spilling into the agency column
reported); the own plans carry planted defects and must give exactly those findings and no others.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AS_OF, PPP, PUG

import radcheck
from radcheck.checks import targets
from radcheck.config import Config
from radcheck.engine import Context
from radcheck.model import Document, Indicator, Section, TargetKind
from radcheck.numbers import read_target

PLANS = Path(__file__).parent / "plans"
KLA = PLANS / "tg-kab-contoh-rad-kla.txt"
PG = PLANS / "tg-prov-contoh-rad-pg.txt"


def _findings(path: Path, select: str = "T,G", lang: str = "id") -> list[dict]:
    report = radcheck.check(str(path), select=select.split(","), config=Config(), as_of=AS_OF, lang=lang)
    return json.loads(report.to_json())["documents"][0]["findings"]


def _at(findings: list[dict], code: str) -> list[int]:
    return sorted(f["line"] for f in findings if f["code"] == code)


@pytest.fixture(scope="module")
def pug_findings() -> list[dict]:
    return _findings(PUG)


@pytest.fixture(scope="module")
def ppp_findings() -> list[dict]:
    return _findings(PPP)


# -- the seeds -------------------------------------------------------------------------------------------

def test_indicators_that_should_fall_get_no_trajectory_finding(pug_findings: list[dict]) -> None:
    # anemia 233, maternal deaths 238, teen births (ASFR) 240, unmet need 331: all falling, as they should
    flagged = set(_at(pug_findings, "T005")) | set(_at(pug_findings, "T006")) | set(_at(pug_findings, "T007"))
    assert not flagged & {233, 238, 240, 331}


def test_obesity_cases_planned_to_rise_are_reported_as_worsening(pug_findings: list[dict]) -> None:
    # 59.375 → 59.380 … 59.400: cases of a lower-is-better indicator planned to rise (a real finding)
    assert _at(pug_findings, "T006") == [250]
    assert 250 not in _at(pug_findings, "T005")


def test_decreasing_trajectory_names_the_fall(pug_findings: list[dict]) -> None:
    dekela = next(f for f in pug_findings if f["code"] == "T005" and f["line"] == 466)
    assert "100 (2024) → 27,68 (2025)" in dekela["message"]
    assert "diasumsikan" in dekela["message"]  # no polarity term: the message says it was assumed
    assert dekela["path"] == "/lampiran/K/indicators/28/targets/2025"


def test_missing_targets_but_not_dashes_or_stages(pug_findings: list[dict], ppp_findings: list[dict]) -> None:
    puskesmas = next(f for f in pug_findings if f["code"] == "T001" and f["line"] == 284)
    assert "2024, 2025" in puskesmas["message"] and "2026" not in puskesmas["message"]
    dash_rows = {181, 182, 183, 287, 300, 305, 306}  # every year '-'
    assert not dash_rows & set(_at(pug_findings, "T001"))
    assert _at(ppp_findings, "T001") == []  # PPP: 'Ada', 'Inisiasi Awal', 'Perencanaan' are targets


def test_section_titles_naming_another_period(pug_findings: list[dict], ppp_findings: list[dict]) -> None:
    assert _at(pug_findings, "T012") == [160, 221]  # "Tahun 2023 - 2027" in a 2024–2028 plan
    assert _at(ppp_findings, "T012") == []


def test_every_value_spilling_into_the_agency_column_is_stray() -> None:
    """Each PUG row whose OPD cell (the 11th) holds a number is reported as P004 on that line."""
    lines = PUG.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if i and ln.startswith("LAMPIRAN"))
    spilled = set()
    for i in range(start, len(lines)):
        cells = lines[i].split("\t")
        if len(cells) == 11 and cells[0] != "No" and read_target(cells[10]).kind is TargetKind.NUMBER:
            spilled.add(i + 1)
    assert {179, 189, 200, 217} <= spilled
    stray = set(_at(_findings(PUG, "P004"), "P004"))
    assert spilled <= stray


def test_structure_findings_on_the_seeds(pug_findings: list[dict], ppp_findings: list[dict]) -> None:
    g_pug = sorted((f["code"], f["line"]) for f in pug_findings if f["code"].startswith("G"))
    assert g_pug == sorted([("G001", 174), ("G004", 335), ("G003", 403), ("G003", 419), ("G002", 430),
                            ("G002", 407),  # 'sarpras air bersih yang direvitalisasi', reworded from line 405
                            ("G004", 477)])  # item 5 with no activity text
    dup = next(f for f in pug_findings if f["code"] == "G001")
    assert "172" in dup["message"]  # "Sub kegiatan: Penyediaan Biaya Personil …" two rows up
    g_ppp = sorted((f["code"], f["line"]) for f in ppp_findings if f["code"].startswith("G"))
    assert g_ppp == [("G005", 192), ("G006", 205)]  # "1." after "5."; three activities in one cell


def test_messages_in_english(pug_findings: list[dict]) -> None:
    en = _findings(PUG, "T005,G001", lang="en")
    assert any("falls: 100 (2024) → 27,68 (2025)" in f["message"] and "assumed" in f["message"] for f in en)
    assert any(f["code"] == "G001" and "already listed at line 172" in f["message"] for f in en)
    assert all(f["suggestion"] for f in en)


# -- radcheck's own plans (another region, topic and period) -------------------------------------------------

def test_kabupaten_child_friendly_plan_2025_2029() -> None:
    found = sorted((f["code"], f["line"]) for f in _findings(KLA))
    assert found == sorted([
        ("T009", 48),  # 101 % coverage in 2029
        ("G001", 52),  # the same sub-activity without its "Sub kegiatan:" prefix, same two indicators
        ("T001", 55),  # 2026 empty (the '-' years on line 57 and the stages on line 56 are fine)
        ("G005", 58),  # programme 4 after programme 2
        ("T012", 60),  # section B titled 2024 - 2028
        ("T006", 67),  # cases of severe malnutrition 110 → 115
        ("T007", 70), ("T007", 71), ("G002", 71),  # a repeated indicator starting below its baseline
        ("T006", 74), ("T007", 74),  # child marriages planned to rise
        ("T008", 75),  # counselling 150 → 0 0 0 0 0
        ("T010", 76), ("T010", 77),  # Persentase in orang, Jumlah in %
        ("G003", 83),  # the first programme of section C names no agency
        ("G004", 86),  # an activity with no indicator
    ])


def test_province_food_and_nutrition_plan_2026_2030() -> None:
    found = sorted((f["code"], f["line"]) for f in _findings(PG))
    assert found == sorted([("G005", 46), ("G004", 47), ("G006", 48), ("G004", 49)])
    doc = radcheck.load(PG)
    assert doc.period == (2026, 2030) and doc.kind == "Peraturan Gubernur"


# -- thresholds of the T rules, on both sides -----------------------------------------------------------------

def _doc(*rows: tuple[str, str, str, list[str]]) -> Document:
    inds = [Indicator(id=f"A/indicators/{i}", text=text, unit=unit, baseline=read_target(base),
                      targets={2025 + k: read_target(t) for k, t in enumerate(ts)}, line=10 + i)
            for i, (text, unit, base, ts) in enumerate(rows)]
    return Document(period=(2025, 2029), sections=[Section(letter="A", title="Contoh", indicators=inds)])


def _run(func, doc: Document) -> list:
    return list(func(doc, Context(as_of=dt.date(2026, 1, 1))))


def test_copied_series_needs_three_different_indicators() -> None:
    series = ("Orang", "159", ["160", "161", "162", "163", "164"])
    two = _doc(("Jumlah SDM hipertensi", *series), ("Jumlah SDM DM", *series))
    three = _doc(("Jumlah SDM hipertensi", *series), ("Jumlah SDM DM", *series), ("Jumlah SDM ODGJ", *series))
    same_text = _doc(*[("Jumlah SDM hipertensi", *series)] * 3)
    assert targets.COPIED_SERIES_MIN_INDICATORS == 3
    assert _run(targets.check_copied_target_series, two) == []
    assert len(_run(targets.check_copied_target_series, three)) == 1
    assert _run(targets.check_copied_target_series, same_text) == []  # a duplicate, not a copy (G002)


def test_copied_series_must_carry_information() -> None:
    flat = ("sekolah", "38", ["38", "38", "38", "38", "38"])  # one distinct value
    short = ("Unit", "-", ["1", "-", "-", "-", "2"])  # two numbers
    varied = ("Unit", "-", ["1", "-", "-", "2", "3"])  # three numbers, three values
    for series, expected in ((flat, 0), (short, 0), (varied, 1)):
        doc = _doc(("Jumlah A", *series), ("Jumlah B", *series), ("Jumlah C", *series))
        assert len(_run(targets.check_copied_target_series, doc)) == expected


def test_percentage_bounds_are_inclusive() -> None:
    inside = _doc(("Persentase cakupan", "%", "0", ["0", "50", "100", "100", "100"]))
    outside = _doc(("Persentase cakupan", "%", "-0,5", ["0", "50", "100", "100,01", "100"]))
    assert (targets.PERCENT_MIN, targets.PERCENT_MAX) == (0.0, 100.0)
    assert _run(targets.check_percentage_out_of_range, inside) == []
    hits = _run(targets.check_percentage_out_of_range, outside)
    assert sorted(h.path for h in hits) == ["/lampiran/A/indicators/0/baseline",
                                            "/lampiran/A/indicators/0/targets/2028"]


def test_rule_docs_are_generated_from_the_metadata() -> None:
    from radcheck.cli import cli

    result = CliRunner().invoke(cli, ["rule", "decreasing-trajectory", "--lang", "en"])
    assert result.exit_code == 0
    assert "T005 decreasing-trajectory (warning)" in result.output and "27,68" in result.output
    listing = CliRunner().invoke(cli, ["rules", "--format", "json"])
    codes = {r["code"] for r in json.loads(listing.output)}
    assert {f"T{n:03d}" for n in range(1, 13)} | {f"G{n:03d}" for n in range(1, 7)} <= codes
