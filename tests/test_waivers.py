"""Waivers: accepted findings leave the exit code but stay counted and listed; expiry and unused waivers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AS_OF, SMALL_PLAN

import radcheck
from radcheck.cli import cli
from radcheck.config import Config
from radcheck.waivers import Waiver, WaiverError, load_waivers

DOC = SMALL_PLAN + ("1\tPengadaan Alat Peraga\tJumlah alat peraga\tPaket\t69\t71\t71\t71\t71\t71\t71\n"
       "\tKegiatan Lain\t\t\t\t\t\t\t\tV\tDisdik\n")


def _waiver(**over: object) -> dict:
    return {"rule": "P004", "where": "/lampiran/A/indicators/0",
            "justification": "Nilai sisa dari PDF; diperbaiki di draf.",
            "approved_by": "Kabag Hukum", "expires": "2027-06-30", **over}


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "rad.txt"
    path.write_text(DOC, encoding="utf-8")
    return path


def _write(tmp_path: Path, items: object) -> Path:
    import yaml

    path = tmp_path / "waivers.yaml"
    path.write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")
    return path


def _check(doc: Path, waivers: object) -> radcheck.Report:  # type: ignore[name-defined]
    return radcheck.check(doc, as_of=AS_OF, config=Config(), select=["P004"], waivers=waivers)


def test_unwaived_baseline(doc: Path) -> None:
    report = radcheck.check(doc, as_of=AS_OF, config=Config(), select=["P004"])
    assert sorted(f.excerpt for f in report.all_findings()) == ["71", "V"]
    assert report.exit_code() == 1


def test_waiver_by_path_prefix(doc: Path, tmp_path: Path) -> None:
    report = _check(doc, _write(tmp_path, [_waiver()]))
    assert [f.excerpt for f in report.all_findings()] == ["V"]
    assert [w.finding.excerpt for w in report.all_waived()] == ["71"]
    assert report.waivers is not None and report.waivers["waived"] == 1
    assert report.waivers["expired"] == [] and report.waivers["unused"] == []


def test_waiver_by_excerpt_and_rule_name(doc: Path, tmp_path: Path) -> None:
    items = [_waiver(rule="stray-value", where="71"), _waiver(rule="P004", where="v")]
    report = _check(doc, _write(tmp_path, items))
    assert report.all_findings() == []
    assert report.exit_code() == 0, "waived findings are left out of the exit code"
    data = report.to_dict()
    assert [w["waiver"]["index"] for w in data["documents"][0]["waived"]] == [1, 2]
    assert data["waivers"]["waived"] == 2 and data["summary"] == {"error": 0, "warning": 0, "info": 0}


def test_path_prefix_respects_segments(doc: Path, tmp_path: Path) -> None:
    # /lampiran/A/indicators/0/le must not cover /lampiran/A/indicators/0/lead: whole segments only
    report = _check(doc, _write(tmp_path, [_waiver(where="/lampiran/A/indicators/0/le")]))
    assert report.waivers is not None and report.waivers["waived"] == 0
    assert [w["index"] for w in report.waivers["unused"]] == [1]


def test_expired_waiver_stops_waiving_and_is_reported(doc: Path, tmp_path: Path) -> None:
    report = _check(doc, _write(tmp_path, [_waiver(expires="2026-11-22")]))
    assert sorted(f.excerpt for f in report.all_findings()) == ["71", "V"]
    assert report.exit_code() == 1
    assert report.waivers is not None
    assert [(w["index"], w["matches"]) for w in report.waivers["expired"]] == [(1, 1)]


def test_waiver_valid_on_its_expiry_day(doc: Path, tmp_path: Path) -> None:
    report = _check(doc, _write(tmp_path, [_waiver(expires=AS_OF.isoformat())]))
    assert report.waivers is not None and report.waivers["waived"] == 1


def test_waiver_matching_nothing_is_reported(doc: Path, tmp_path: Path) -> None:
    report = _check(doc, _write(tmp_path, [_waiver(where="/lampiran/Z")]))
    assert report.waivers is not None and [w["where"] for w in report.waivers["unused"]] == ["/lampiran/Z"]


def test_document_glob(doc: Path, tmp_path: Path) -> None:
    assert _check(doc, _write(tmp_path, [_waiver(document="other-*.txt")])).waivers["waived"] == 0  # type: ignore[index]
    assert _check(doc, _write(tmp_path, [_waiver(document="rad.txt")])).waivers["waived"] == 1  # type: ignore[index]


def test_waivers_file_wrapped_in_a_mapping(tmp_path: Path) -> None:
    assert len(load_waivers(_write(tmp_path, {"waivers": [_waiver()]}))) == 1
    assert load_waivers(_write(tmp_path, [])) == []


@pytest.mark.parametrize("items, needle", [
    ([_waiver(rule="T999")], "waiver 1: rule: .*unknown rule 'T999'"),
    ([_waiver(), {"rule": "P004", "where": "x"}], "waiver 2: .*justification: Field required"),
    ([_waiver(expires="someday")], "waiver 1: expires"),
    ([_waiver(justification="  ")], "waiver 1: justification: .*must not be empty"),
    ([_waiver(colour="red")], "waiver 1: colour: Extra inputs"),
    ({"rule": "P004"}, "must be a list"),
    (["just a string"], "waiver 1: must be a mapping"),
])
def test_broken_waivers_are_one_clear_error(tmp_path: Path, items: object, needle: str) -> None:
    with pytest.raises(WaiverError, match=needle):
        load_waivers(_write(tmp_path, items))


def test_invalid_yaml(tmp_path: Path) -> None:
    bad = tmp_path / "waivers.yaml"
    bad.write_text("- rule: [P004\n", encoding="utf-8")
    with pytest.raises(WaiverError, match="not valid YAML"):
        load_waivers(bad)


def test_waiver_model_accepts_dashed_key() -> None:
    item = {k: v for k, v in _waiver().items() if k != "approved_by"} | {"approved-by": "X"}
    w = Waiver.model_validate(item)
    assert w.approved_by == "X" and w.rule == "P004"


def test_cli_waivers(doc: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    waivers = _write(tmp_path, [_waiver(rule="P004", where="71"), _waiver(where="V"),
                                _waiver(where="/lampiran/Q", expires="2020-01-01"), _waiver(where="/lampiran/Z")])
    out = tmp_path / "r.json"
    result = runner.invoke(cli, ["check", str(doc), "--select", "P004", "--format", "json", "-o", str(out),
                                 "--as-of", "2026-11-23", "--waivers", str(waivers)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["waivers"]["file"] == waivers.as_posix()
    assert data["waivers"]["waived"] == 2 and len(data["documents"][0]["waived"]) == 2
    assert "waiver 3 (P004 at /lampiran/Q) expired on 2020-01-01" in result.stderr
    assert "waiver 4 (P004 at /lampiran/Z) matches no finding" in result.stderr
    for fmt in ("html", "markdown", "sarif", "text"):
        target = tmp_path / f"r.{fmt}"
        res = runner.invoke(cli, ["check", str(doc), "--select", "P004", "--format", fmt, "--as-of", "2026-11-23",
                                  "--waivers", str(waivers), "-o", str(target)])
        assert res.exit_code == 0
        text = target.read_text(encoding="utf-8")
        if fmt == "sarif":
            results = json.loads(text)["runs"][0]["results"]
            assert sum(1 for r in results if r.get("suppressions")) == 2
        else:
            assert "Kabag Hukum" in text
        if fmt == "text":
            assert "Temuan yang dikecualikan" in text and "2 dikecualikan" in text


def test_cli_broken_waivers_exit_2(doc: Path, tmp_path: Path) -> None:
    bad = _write(tmp_path, [_waiver(rule="nope")])
    result = CliRunner().invoke(cli, ["check", str(doc), "--waivers", str(bad)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("radcheck: error:") and "waiver 1" in lines[0]
