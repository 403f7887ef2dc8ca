"""The data a run reads (rules/compiled.json) is what the YAML sources in rules/ say."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from radcheck import shipped
from radcheck._yaml import safe_load
from radcheck.agencies.registry import RegistryFile, parse_registry
from radcheck.catalogue import RuleMeta
from radcheck.legal.hierarchy import Hierarchy
from radcheck.polarity import PolarityLexicon

RULES = ROOT / "rules"
YAML_FILES = sorted(p.relative_to(RULES).as_posix() for p in RULES.rglob("*.yaml"))


def test_compiled_json_is_current() -> None:
    """Edited a YAML file in rules/?  Run ``python -m radcheck.shipped`` and commit rules/compiled.json."""
    assert (RULES / shipped.COMPILED).read_text(encoding="utf-8") == shipped.compile_sources(RULES), (
        "rules/compiled.json is stale: run 'python -m radcheck.shipped' and commit it")


def test_every_yaml_file_is_shipped_compiled() -> None:
    assert list(json.loads((RULES / shipped.COMPILED).read_text(encoding="utf-8"))) == YAML_FILES
    assert shipped.names("catalogue") == [n for n in YAML_FILES if n.startswith("catalogue/")]
    assert shipped.names("agencies") == [n for n in YAML_FILES if n.startswith("agencies/")]


@pytest.mark.parametrize("name", YAML_FILES)
def test_models_from_json_equal_models_from_yaml(name: str) -> None:
    """Dates are ISO strings in the JSON: the models built from either source are the same."""
    from_yaml = safe_load((RULES / name).read_text(encoding="utf-8"))
    from_json = shipped.load(name)
    if name.startswith("catalogue/"):
        assert [RuleMeta.model_validate(m) for m in from_json] == [RuleMeta.model_validate(m) for m in from_yaml]
    elif name.startswith("agencies/"):
        built = RegistryFile.model_validate(from_json)
        assert built == parse_registry((RULES / name).read_text(encoding="utf-8"), name)
        dates = [d for a in built.agencies for d in (a.valid_from, a.valid_until, *(f.until for f in a.former_names))
                 if d is not None]
        assert dates and all(isinstance(d, dt.date) for d in dates)  # both registries date a change of name
    elif name == "hierarchy.yaml":
        assert Hierarchy.model_validate(from_json) == Hierarchy.model_validate(from_yaml)
    elif name == "polarity.yaml":
        assert PolarityLexicon.model_validate(from_json) == PolarityLexicon.model_validate(from_yaml)
    else:  # plain tables read as they are
        assert from_json == from_yaml


def test_compile_command_writes_and_then_finds_it_current(tmp_path: Path) -> None:
    (tmp_path / "agencies").mkdir()
    (tmp_path / "agencies" / "x.yaml").write_text("scope: region\nsince: 2024-01-31\nnames: [a, b]\n",
                                                  encoding="utf-8")
    run = [sys.executable, "-m", "radcheck.shipped", str(tmp_path)]
    first = subprocess.run(run, capture_output=True, text=True, check=True)
    assert "written" in first.stdout
    assert json.loads((tmp_path / shipped.COMPILED).read_text(encoding="utf-8")) == {
        "agencies/x.yaml": {"scope": "region", "since": "2024-01-31", "names": ["a", "b"]}}
    assert "up to date" in subprocess.run(run, capture_output=True, text=True, check=True).stdout


def test_a_check_of_text_plans_does_not_import_yaml() -> None:
    code = ("import sys, radcheck; radcheck.check(sys.argv[1]);"
            "print(sorted(m for m in sys.modules if m == 'yaml' or m.startswith('yaml.')))")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "plans")], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
