"""A report a drafter reads in five minutes: one defect is one finding, quiet rules off by default,
severities per case.  (Each rule's own cases are in tests/rule_cases/; these test the machinery.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AS_OF, SMALL_PLAN

import radcheck
from radcheck.cli import cli
from radcheck.config import Config
from radcheck.waivers import Waiver

_HEAD = ("PERATURAN WALI KOTA CONTOH\nNOMOR 3 TAHUN 2025\nTENTANG\nRENCANA AKSI DAERAH CONTOH TAHUN 2025 - 2029\n"
         "LAMPIRAN PERATURAN WALI KOTA CONTOH NOMOR 3 TAHUN 2025\nA. Rencana Aksi Bidang Contoh\n"
         "No\tKegiatan\tSatuan\tTarget\t\t\t\t\tPenanggung Jawab\tInstansi Pendukung\n"
         "\t\t\t2025\t2026\t2027\t2028\t2029\t\t\n")
_ACTIVITIES = ["Sosialisasi", "Pelatihan", "Rapat koordinasi", "Pendataan", "Penyuluhan", "Pembinaan"]


def _plan(supporting: list[str]) -> str:
    rows = [f"{i + 1}.\t{_ACTIVITIES[i]}\tKegiatan\t1\t2\t3\t4\t5\tDinas Pendidikan\t{sup}\n"
            for i, sup in enumerate(supporting)]
    return _HEAD + "".join(rows)


def _findings(report: dict, code: str) -> list[dict]:
    return [f for d in report["documents"] for f in d["findings"] if f["code"] == code]


DUPLICATED = "Dinas Sosial, Setwan, Dinas Sosial"


def test_one_defect_in_five_places_is_one_finding_with_five_occurrences(tmp_path: Path) -> None:
    doc = tmp_path / "rad.txt"
    doc.write_text(_plan([DUPLICATED] * 5), encoding="utf-8")
    report = radcheck.check(doc, as_of=AS_OF, config=Config(), select=["A003"]).to_dict()
    [f] = _findings(report, "A003")
    occurrences = f["occurrences"]
    assert len(occurrences) == 5
    assert [o["line"] for o in occurrences] == [9, 10, 11, 12, 13]
    # The finding's own place is the first; every place carries the contract's keys.
    assert (occurrences[0]["line"], occurrences[0]["path"]) == (f["line"], f["path"])
    assert all(set(o) == {"path", "line", "end_line", "excerpt", "location"} for o in occurrences)
    assert len({o["path"] for o in occurrences}) == 5
    assert "5" in f["message"]


def test_a_finding_in_one_place_has_no_occurrences(tmp_path: Path) -> None:
    doc = tmp_path / "rad.txt"
    doc.write_text(_plan([DUPLICATED, "Setwan"]), encoding="utf-8")
    [f] = _findings(radcheck.check(doc, as_of=AS_OF, config=Config(), select=["A003"]).to_dict(), "A003")
    assert "occurrences" not in f


def test_distinct_defects_stay_distinct_findings(tmp_path: Path) -> None:
    doc = tmp_path / "rad.txt"
    doc.write_text(_plan([DUPLICATED, DUPLICATED, "Setwan, Dinas Kesehatan, Setwan"]), encoding="utf-8")
    found = _findings(radcheck.check(doc, as_of=AS_OF, config=Config(), select=["A003"]).to_dict(), "A003")
    assert sorted(len(f.get("occurrences") or []) for f in found) == [0, 2]


def test_the_baseline_pairs_a_grouped_finding_across_drafts(tmp_path: Path) -> None:
    doc = tmp_path / "rad.txt"
    doc.write_text(_plan([DUPLICATED] * 5), encoding="utf-8")
    old = radcheck.check(doc, as_of=AS_OF, config=Config(), select=["A003"]).to_dict()
    # Draft 2: lines inserted above, the first copy mended, a sixth copy added.
    draft = _plan(["Dinas Sosial, Setwan"] + [DUPLICATED] * 5)
    doc.write_text(draft.replace("TENTANG\n", "TENTANG\n\n\n", 1), encoding="utf-8")
    report = radcheck.check(doc, as_of=AS_OF, config=Config(), select=["A003"], baseline=old)
    [f] = report.documents[0].findings
    assert len(f.occurrences or ()) == 5
    assert report.baseline is not None
    assert (report.baseline["new"], report.baseline["open"], report.baseline["resolved"]) == (0, 1, 0)
    # Mended everywhere: resolved.
    doc.write_text(_plan(["Dinas Sosial, Setwan"] * 5), encoding="utf-8")
    report = radcheck.check(doc, as_of=AS_OF, config=Config(), select=["A003"], baseline=old)
    assert report.baseline is not None
    assert (report.baseline["new"], report.baseline["open"], report.baseline["resolved"]) == (0, 0, 1)


def test_a_waiver_naming_any_place_of_a_grouped_finding_waives_it(tmp_path: Path) -> None:
    doc = tmp_path / "rad.txt"
    doc.write_text(_plan([DUPLICATED] * 3), encoding="utf-8")
    [f] = _findings(radcheck.check(doc, as_of=AS_OF, config=Config(), select=["A003"]).to_dict(), "A003")
    third = f["occurrences"][2]["path"]
    waiver = {"rule": "A003", "where": third,
              "justification": "Disalin dari dokumen induk; dirapikan pada draf berikut.",
              "approved_by": "Kabag Hukum", "expires": "2027-12-31"}
    report = radcheck.check(doc, as_of=AS_OF, config=Config(), select=["A003"], waivers=[Waiver.model_validate(waiver)])
    assert report.documents[0].findings == []
    assert len(report.all_waived()) == 1


def _seed_like(tmp_path: Path) -> Path:
    """A row shifted one column left (P003) in a plan with an ordinary finding (T001)."""
    doc = tmp_path / "rad.txt"
    doc.write_text(SMALL_PLAN + (
        "1\tPengelolaan Pendidikan\tJumlah sekolah yang dibina\tsekolah\t10\t\t12\t13\t14\t15\tDinas Pendidikan\n"
        "Fasilitasi Pelatihan\tJumlah guru yang dilatih\torang\t5\t6\t7\t8\t9\t10\tDinas Pendidikan\n"),
        encoding="utf-8")
    return doc


@pytest.mark.parametrize(("select", "has_p003"), [
    (None, False),          # off by default
    (["P"], False),         # a family letter selects the family's default-on rules
    (["P003"], True),       # a code turns it on
    (["misaligned-row"], True),  # so does its name
    (["P", "P003"], True),
])
def test_rules_off_by_default_run_only_when_named(tmp_path: Path, select: list[str] | None, has_p003: bool) -> None:
    report = radcheck.check(_seed_like(tmp_path), as_of=AS_OF, config=Config(), select=select).to_dict()
    codes = {f["code"] for d in report["documents"] for f in d["findings"]}
    assert ("P003" in codes) is has_p003
    if select is None:
        assert "T001" in codes  # the default-on rules still run


def test_config_select_names_an_off_rule(tmp_path: Path) -> None:
    report = radcheck.check(_seed_like(tmp_path), as_of=AS_OF, config=Config(select=["T", "P003"])).to_dict()
    codes = {f["code"] for d in report["documents"] for f in d["findings"]}
    assert {"P003", "T001"} <= codes


def test_rules_lists_which_are_off_by_default() -> None:
    result = CliRunner().invoke(cli, ["rules", "--format", "json"])
    assert result.exit_code == 0
    default = {r["code"]: r["default"] for r in json.loads(result.output)}
    assert default["P003"] == default["R004"] == "off"
    assert default["T001"] == "on"
    text = CliRunner().invoke(cli, ["rules", "--lang", "en"]).output
    assert "--select P003" in text and "--select T001" not in text


def test_p004_severity_depends_on_where_the_stray_value_is(tmp_path: Path) -> None:
    doc = tmp_path / "rad.txt"
    doc.write_text(SMALL_PLAN + (
        "1\tPengadaan Alat Peraga\tJumlah alat peraga\tPaket\t69\t71\t71\t71\t71\t71\t71\n"
        "\tKegiatan Lain\t\t\t\t\t\t\t\tV\tDisdik\n"), encoding="utf-8")
    found = _findings(radcheck.check(doc, as_of=AS_OF, config=Config(), select=["P004"]).to_dict(), "P004")
    by_value = {f["excerpt"]: f["severity"] for f in found}
    assert by_value == {"71": "error", "V": "warning"}


def test_a_severity_override_applies_to_a_rules_variants(tmp_path: Path) -> None:
    doc = tmp_path / "rad.txt"
    doc.write_text(SMALL_PLAN + (
        "1\tPengadaan alat\tJumlah alat peraga yang diadakan\tUnit\t30\t20\t10\t10\t10\t10\tDinas Pendidikan\n"),
        encoding="utf-8")
    plain = _findings(radcheck.check(doc, as_of=AS_OF, config=Config(), select=["T005"]).to_dict(), "T005")
    assert [f["severity"] for f in plain] == ["info"]
    forced = radcheck.check(doc, as_of=AS_OF, config=Config(severity={"T005": "error"}), select=["T005"])
    assert [f.severity for f in forced.documents[0].findings] == ["error"]
