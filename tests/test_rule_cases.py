"""Every rule against its cases: data files under tests/rule_cases/<family>/<code>-<name>.yaml.

A case file::

    rule: T001
    cases:
      - name: empty 2024 target          # what the case shows
        expect: fire                     # fire | pass
        count: 1                         # optional: exactly this many findings of the rule
        lines: [12]                      # optional: on exactly these lines
        occurrences: [0, 5]              # optional: each finding's number of places (0: one place), sorted
        severities: [warning]            # optional: the findings' severities, sorted
        text: |                          # a document in the extracted-text format; \\t is a tab
          ...
        # or  plan: {...}                # the structured form (a mapping of the model)
        # or  raw: "..."                 # bytes as written (e.g. a broken file), with suffix: .txt
        # or  documents: [{text: ...}, {plan: ...}]   # several documents checked together (X rules)
        as_of: 2026-11-23                # optional
        reports: [...] | "csv text"      # optional report log (R rules)
        registry: {...}                  # optional agency registry (A rules)
        config: {...}                    # optional [tool.radcheck] settings

The meta-test below insists that every registered rule has metadata, documentation and at least
one case of each kind, and that every metadata entry has a rule.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import radcheck
from radcheck.catalogue import load_catalogue
from radcheck.config import Config
from radcheck.engine import registered_rules

CASES_DIR = Path(__file__).parent / "rule_cases"
# Rules reported by the engine itself rather than by a function over a document.
ENGINE_RULES = {"P001"}


def _case_files() -> list[Path]:
    return sorted(CASES_DIR.rglob("*.yaml"))


def _cases() -> list[Any]:
    out = []
    for path in _case_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            out.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{i}-{case['expect']}-{case['name']}"))
    return out


def _write_document(spec: dict[str, Any], folder: Path, index: int) -> Path:
    if "text" in spec:
        path = folder / f"doc{index}{spec.get('suffix', '.txt')}"
        path.write_text(spec["text"].replace("\\t", "\t"), encoding="utf-8")
    elif "plan" in spec:
        path = folder / f"doc{index}{spec.get('suffix', '.yaml')}"
        path.write_text(yaml.safe_dump(spec["plan"], allow_unicode=True, sort_keys=False), encoding="utf-8")
    elif "raw" in spec:
        path = folder / f"doc{index}{spec.get('suffix', '.txt')}"
        path.write_bytes(spec["raw"].encode("latin-1"))
    else:
        raise AssertionError("a case needs text, plan, raw or documents")
    return path


def run_case(case: dict[str, Any], rule: str, tmp_path: Path) -> list[dict[str, Any]]:
    specs = case.get("documents") or [case]
    paths = [_write_document(spec, tmp_path, i) for i, spec in enumerate(specs)]
    reports = None
    if "reports" in case:
        reports = tmp_path / ("reports.csv" if isinstance(case["reports"], str) else "reports.yaml")
        reports.write_text(case["reports"] if isinstance(case["reports"], str) else yaml.safe_dump(case["reports"]),
                           encoding="utf-8")
    registry = None
    if "registry" in case:
        registry = tmp_path / "registry.yaml"
        registry.write_text(yaml.safe_dump(case["registry"], allow_unicode=True), encoding="utf-8")
    as_of = case.get("as_of")
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    report = radcheck.check(
        [str(p) for p in paths], select=[rule], config=Config.model_validate(case.get("config", {})),
        as_of=as_of or dt.date(2026, 11, 23), registry=registry, reports=reports,
    )
    data = json.loads(report.to_json())
    found = [f for d in data["documents"] for f in d["findings"]] + data["findings"]
    return [f for f in found if f["code"] == rule]


@pytest.mark.parametrize(("rule", "case"), _cases())
def test_rule_case(rule: str, case: dict[str, Any], tmp_path: Path) -> None:
    found = run_case(case, rule, tmp_path)
    if case["expect"] == "pass":
        assert found == [], f"{rule} fired on a passing case: {[f['message'] for f in found]}"
        return
    assert found, f"{rule} did not fire on a case built for it"
    if "count" in case:
        assert len(found) == case["count"], [f["message"] for f in found]
    if "lines" in case:
        assert sorted(f["line"] for f in found) == sorted(case["lines"])
    if "occurrences" in case:
        assert sorted(len(f.get("occurrences") or []) for f in found) == sorted(case["occurrences"])
    if "severities" in case:
        assert sorted(f["severity"] for f in found) == sorted(case["severities"])
    for f in found:
        assert f["message"] and "{" not in f["message"], f"unfilled message: {f['message']}"


def test_every_rule_has_metadata_docs_and_cases() -> None:
    catalogue = load_catalogue()
    registered = set(registered_rules())
    assert registered <= set(catalogue), f"rules without metadata: {registered - set(catalogue)}"
    assert set(catalogue) - ENGINE_RULES <= registered, f"metadata without a rule: {set(catalogue) - registered}"
    kinds: dict[str, set[str]] = {}
    for path in _case_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kinds.setdefault(data["rule"], set()).update(c["expect"] for c in data["cases"])
    for code in registered | ENGINE_RULES:
        meta = catalogue[code]
        assert meta.summary.id and meta.rationale.id and meta.examples.fail and meta.examples.pass_
        assert kinds.get(code, set()) >= {"fire", "pass"}, f"{code} needs a firing and a passing case"


def test_public_names_are_unique_and_codes_fixed() -> None:
    catalogue = load_catalogue()
    names = [m.name for m in catalogue.values()]
    assert len(names) == len(set(names))
    assert all(code[0] == m.family for code, m in catalogue.items())
