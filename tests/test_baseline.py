"""Draft-to-draft comparison: findings matched by document name, rule, logical path and excerpt, never line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AS_OF, PUG, SMALL_PLAN

import radcheck
from radcheck.baseline import BaselineError, load_baseline
from radcheck.cli import cli
from radcheck.config import Config

INSERT_AFTER = 5  # inside the cover page, above the whole body and annex


def _insert_lines(src: Path, dest: Path) -> Path:
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    added = ["\n", "Catatan redaksi: draf kedua.\n", "\n"]
    dest.write_text("".join(lines[:INSERT_AFTER] + added + lines[INSERT_AFTER:]), encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def old_report() -> dict:
    return radcheck.check(PUG, as_of=AS_OF, config=Config()).to_dict()


def test_inserted_lines_keep_findings_open(tmp_path: Path, old_report: dict) -> None:
    new = _insert_lines(PUG, tmp_path / PUG.name)
    report = radcheck.check(new, as_of=AS_OF, config=Config(), baseline=old_report)
    d = report.documents[0]
    old = old_report["documents"][0]["findings"]
    assert old, "the seed has findings to follow"
    assert report.baseline == {"file": None, "new": 0, "open": len(old), "resolved": 0}
    assert set(d.status.values()) == {"open"}
    # Every line-bearing finding really moved: the match cannot have been by line.
    old_lines = sorted(f["line"] + 3 for f in old if f["line"] is not None and f["line"] > INSERT_AFTER)
    new_lines = sorted(f.line for f in d.findings if f.line is not None and f.line > INSERT_AFTER)
    assert old_lines and new_lines == old_lines


def test_a_fixed_finding_is_resolved_and_a_new_one_is_new(tmp_path: Path) -> None:
    doc = tmp_path / "rad.txt"
    base = SMALL_PLAN
    doc.write_text(base + "1\tPengadaan Alat Peraga\tJumlah alat peraga\tPaket\t69\t71\t71\t71\t71\t71\t71\n",
                   encoding="utf-8")
    first = radcheck.check(doc, as_of=AS_OF, config=Config(), select=["P004"]).to_dict()
    assert [f["code"] for f in first["documents"][0]["findings"]] == ["P004"]
    doc.write_text(base + "1\tPengadaan Alat Peraga\tJumlah alat peraga\tPaket\t69\t71\t71\t71\t71\t71\tDisdik\n"
                   "\tKegiatan Lain\t\t\t\t\t\t\t\tV\tDisdik\n", encoding="utf-8")
    second = radcheck.check(doc, as_of=AS_OF, config=Config(), select=["P004"], baseline=first)
    data = second.to_dict()
    d = data["documents"][0]
    assert [(f["code"], f["excerpt"], f["status"]) for f in d["findings"]] == [("P004", "V", "new")]
    assert [(r["code"], r["excerpt"], r["status"]) for r in d["resolved"]] == [("P004", "71", "resolved")]
    assert data["baseline"] == {"file": None, "new": 1, "open": 0, "resolved": 1}
    text = second.render("text")
    assert re.search(r"P004 peringatan +stray-value +\[baru\]", text), text  # a mark in a heading row: a warning
    assert "Temuan yang sudah diperbaiki sejak baseline" in text and "1 baru · 0 masih terbuka · 1 diperbaiki" in text


def test_documents_pair_by_file_name(tmp_path: Path, old_report: dict) -> None:
    other = tmp_path / "other-draft.txt"
    other.write_text(PUG.read_text(encoding="utf-8"), encoding="utf-8")
    same = tmp_path / PUG.name
    same.write_text(PUG.read_text(encoding="utf-8"), encoding="utf-8")
    report = radcheck.check([same, other], as_of=AS_OF, config=Config(), select=["T"], baseline=old_report)
    by_name = {Path(d.path).name: d for d in report.documents}
    assert set(by_name[PUG.name].status.values()) <= {"open"}
    assert set(by_name["other-draft.txt"].status.values()) <= {"new"}


def test_a_single_renamed_draft_pairs_with_the_single_baseline_document(tmp_path: Path, old_report: dict) -> None:
    renamed = _insert_lines(PUG, tmp_path / "draft-2.txt")
    report = radcheck.check(renamed, as_of=AS_OF, config=Config(), baseline=old_report)
    assert report.baseline is not None and report.baseline["new"] == 0 and report.baseline["resolved"] == 0


def test_plain_report_has_no_baseline_keys() -> None:
    data = radcheck.check(PUG, as_of=AS_OF, config=Config(), select=["P"]).to_dict()
    assert "baseline" not in data and "resolved" not in data
    assert all("status" not in f for f in data["documents"][0]["findings"])


def test_cli_baseline_end_to_end(tmp_path: Path) -> None:
    runner = CliRunner()
    old_json = tmp_path / "old.json"
    result = runner.invoke(cli, ["check", str(PUG), "--format", "json", "-o", str(old_json), "--as-of", "2026-11-23"])
    assert result.exit_code in (0, 1), result.output
    new = _insert_lines(PUG, tmp_path / PUG.name)
    out = tmp_path / "new.json"
    result = runner.invoke(cli, ["check", str(new), "--format", "json", "-o", str(out), "--as-of", "2026-11-23",
                                 "--baseline", str(old_json)])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["baseline"]["file"] == old_json.as_posix()
    assert {f["status"] for f in data["documents"][0]["findings"]} == {"open"}
    md = runner.invoke(cli, ["check", str(new), "--format", "markdown", "--as-of", "2026-11-23",
                             "--baseline", str(old_json)])
    assert "masih terbuka" in md.output


@pytest.mark.parametrize("content, needle", [
    ("{not json", "not a radcheck JSON report"),
    ('{"documents": "x"}', "documents"),
    ('[1, 2]', "not a radcheck JSON report"),
])
def test_broken_baseline_is_one_line_and_exit_2(tmp_path: Path, content: str, needle: str) -> None:
    bad = tmp_path / "old.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=needle):
        load_baseline(bad)
    result = CliRunner().invoke(cli, ["check", str(PUG), "--baseline", str(bad)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len([line for line in result.output.splitlines() if line.strip()]) == 1


def test_missing_baseline_file_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(PUG), "--baseline", str(tmp_path / "nope.json")])
    assert result.exit_code == 2 and "no such file" in result.output
