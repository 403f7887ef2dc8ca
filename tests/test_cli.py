"""The command line as users meet it: exit codes, messages, no tracebacks.  What only a real process shows
(any working directory, the same bytes from two processes, bad input, usage errors, refusing to overwrite an
input) runs ``python -m radcheck``; what the commands write runs their entry point in this process."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from conftest import PLANS, PPP, PUG, ROOT, run_cli


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "radcheck", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=120)


def test_check_plans_prints_a_report_from_any_directory(tmp_path: Path) -> None:
    result = run("check", str(PLANS), cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert "perwal-10-2024-rad-pug.txt" in result.stdout and "perwal-11-2024-rad-ppp.txt" in result.stdout
    assert "Ringkasan" in result.stdout
    assert "Traceback" not in result.stderr


def test_json_report_is_the_contract_and_deterministic() -> None:
    first = run("check", "plans", "--format", "json", "--as-of", "2026-11-23")
    second = run("check", "plans", "--format", "json", "--as-of", "2026-11-23")
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert set(data) >= {"tool", "as_of", "documents", "findings", "summary"}
    assert data["as_of"] == "2026-11-23" and data["tool"]["name"] == "radcheck"
    ppp = next(d for d in data["documents"] if d["path"].endswith("rad-ppp.txt"))
    assert ppp["regulation"] == {"kind": "Peraturan Wali Kota", "region": "Kota Bekasi", "number": 11, "year": 2024}
    assert ppp["period"] == [2024, 2028]
    assert ppp["stats"]["issues"] == 14 and ppp["stats"]["goals"] == 19 and ppp["stats"]["indicators"] == 41
    for doc in data["documents"]:
        keys = [(doc["path"], f["line"] or 0, f["code"]) for f in doc["findings"]]
        assert keys == sorted(keys)
        for f in doc["findings"]:
            assert set(f) >= {"code", "name", "severity", "message", "path", "line", "end_line", "excerpt",
                              "suggestion"}
    assert sum(data["summary"].values()) == sum(len(d["findings"]) for d in data["documents"]) + len(data["findings"])


def test_english_messages() -> None:
    result = run_cli("check", str(PUG), "--lang", "en", "--select", "P004")
    assert result.returncode == 1
    assert "Summary" in result.stdout and "stands in the agency column" in result.stdout


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"\x00\x01\x02\x03binary", "binary"), (b"PERATURAN \xe9\xff\x81", "UTF-8")],
)
def test_unreadable_input_exits_2_naming_the_file(tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "draft.txt"
    bad.write_bytes(content)
    result = run("check", str(bad))
    assert result.returncode == 2
    assert "draft.txt" in result.stderr and reason in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert bad.read_bytes() == content  # nothing the user gave is modified


def test_usage_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    for args in (["check", str(PPP), "--select", "Z999"], ["check", str(tmp_path / "missing.txt")],
                 ["check", str(PPP), "--as-of", "23-11-2026"], ["rule", "T"], ["parse", str(tmp_path)]):
        result = run(*args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr


def test_broken_config_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "radcheck.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    result = run_cli("check", str(PPP), cwd=tmp_path)
    assert result.returncode == 2 and "radcheck.toml" in result.stderr and "fail_on" in result.stderr


def test_config_select_and_fail_on(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.radcheck]\nselect = ["P003"]\nfail-on = "info"\n',
                                             encoding="utf-8")
    result = run_cli("check", str(PUG), "--format", "json", cwd=tmp_path)
    codes = {f["code"] for d in json.loads(result.stdout)["documents"] for f in d["findings"]}
    assert codes == {"P003"} and result.returncode == 1
    assert run_cli("check", str(PUG), "--fail-on", "never", cwd=tmp_path).returncode == 0


def test_parse_then_check_the_structured_form(tmp_path: Path) -> None:
    digest = hashlib.sha256(PPP.read_bytes()).hexdigest()
    out = tmp_path / "ppp.yaml"
    assert run_cli("parse", str(PPP), "-o", str(out)).returncode == 0
    assert hashlib.sha256(PPP.read_bytes()).hexdigest() == digest
    original = json.loads(run_cli("check", str(PPP), "--format", "json", "--as-of", "2026-11-23").stdout)
    again = json.loads(run_cli("check", str(out), "--format", "json", "--as-of", "2026-11-23").stdout)
    assert [f["code"] for f in again["documents"][0]["findings"]] == \
        [f["code"] for f in original["documents"][0]["findings"]]
    as_json = run_cli("parse", str(PPP), "--format", "json")
    assert json.loads(as_json.stdout)["number"] == 11


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    copy = tmp_path / "ppp.txt"
    copy.write_bytes(PPP.read_bytes())
    result = run("parse", str(copy), "-o", str(copy))
    assert result.returncode == 2 and copy.read_bytes() == PPP.read_bytes()


def test_graph_formats(tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    assert run_cli("graph", str(PPP), "--format", "graphml", "-o", str(out)).returncode == 0
    g = nx.read_graphml(out)
    kinds = {d.get("kind") for _, d in g.nodes(data=True)}
    assert {"document", "section", "issue", "goal", "outcome", "activity", "indicator", "agency"} <= kinds
    assert run_cli("graph", str(PPP), "--format", "dot").stdout.startswith("digraph plan {")
    data = json.loads(run_cli("graph", str(PUG), "--format", "json").stdout)
    assert any(e["key"] == "lead" for e in data["edges"])


def test_rules_and_rule_are_generated_from_metadata() -> None:
    listing = run_cli("rules", "--format", "json")
    rules = json.loads(listing.stdout)
    assert {"P001", "P002", "P003", "P004"} <= {r["code"] for r in rules}
    explained = run_cli("rule", "stray-value", "--lang", "en")
    assert explained.returncode == 0
    assert "P004 stray-value" in explained.stdout and "Failing example" in explained.stdout


def test_heavy_libraries_wait_for_the_function_that_needs_them() -> None:
    """Starting the commands and loading the rules imports no rapidfuzz, icalendar, jinja2 or openpyxl."""
    code = ("import sys, radcheck.cli.check, radcheck.cli.calendar, radcheck.cli.agencies, radcheck.obligations, "
            "radcheck.checks.agencies, radcheck.checks.cross_agency, radcheck.agencies.resolve; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'rapidfuzz', 'icalendar', 'jinja2', 'openpyxl'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
