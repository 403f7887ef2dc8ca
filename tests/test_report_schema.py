"""The JSON report's published schema: current with its models, shipped, printed, and met by every report."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import PPP, PUG, ROOT, is_json_report, run_cli

from radcheck.report import SCHEMA_VERSION
from radcheck.report_schema import schema_text, shipped_schema

GOLDEN = ROOT / "tests" / "golden"


def test_shipped_schema_is_generated_from_the_models() -> None:
    """Changed radcheck/report_schema.py?  Run ``python -m radcheck.report_schema`` and commit the file."""
    assert shipped_schema() == schema_text(), "stale: run 'python -m radcheck.report_schema'"
    jsonschema.Draft202012Validator.check_schema(json.loads(shipped_schema()))


def test_radcheck_schema_prints_it() -> None:
    out = run_cli("schema")
    assert out.returncode == 0, out.stderr
    schema = json.loads(out.stdout)
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION == 2
    assert set(schema["required"]) >= {"schema_version", "tool", "as_of", "documents", "findings", "summary"}


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.name)
def test_golden_reports_follow_the_schema(golden, report_validator) -> None:
    data = json.loads(golden.read_text(encoding="utf-8"))
    if is_json_report(data):
        report_validator.validate(data)


def test_a_report_breaking_the_contract_is_refused(report_validator) -> None:
    import radcheck

    data = json.loads(radcheck.check(PPP, select=["T"]).to_json())
    assert data["schema_version"] == 2 and data["documents"][0]["findings"]
    report_validator.validate(data)
    for broken in ({**data, "schema_version": 1}, {k: v for k, v in data.items() if k != "summary"}):
        with pytest.raises(jsonschema.ValidationError):
            report_validator.validate(broken)
    data["documents"][0]["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        report_validator.validate(data)


def test_new_keys_on_findings_and_stats_are_allowed(report_validator) -> None:
    import radcheck

    data = json.loads(radcheck.check([PPP, PUG], select=["T", "X"]).to_json())
    doc = data["documents"][0]
    doc["stats"]["table_rows"] = 10
    doc["findings"][0]["location"] = {"page": 3, "table_row": 4}
    doc["findings"][0]["occurrences"] = [{"path": "/x", "line": 3, "end_line": 3, "excerpt": None, "location": None}]
    report_validator.validate(data)
