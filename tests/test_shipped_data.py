"""The data a run reads (rules/compiled.json, a cache) is what the YAML sources in rules/ say, at once."""

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


def test_a_run_reads_the_yaml_as_compiled() -> None:
    """The data a run reads is what the YAML files say, whatever the state of the cached JSON."""
    assert {name: shipped.load(name) for name in YAML_FILES} == {
        k: v for k, v in json.loads(shipped.compile_sources(RULES)).items() if k != shipped.DIGEST}
    assert list(json.loads(shipped.compile_sources(RULES))) == [shipped.DIGEST, *YAML_FILES]
    assert shipped.names("catalogue") == [n for n in YAML_FILES if n.startswith("catalogue/")]
    assert shipped.names("agencies") == [n for n in YAML_FILES if n.startswith("agencies/")]


def _run_in(folder: Path, code: str) -> str:
    """``code`` in a fresh interpreter whose shipped rules are ``folder``."""
    prelude = (f"import pathlib, radcheck.shipped as s; s.root = lambda: pathlib.Path({str(folder)!r}); ")
    return subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True,
                          check=True).stdout


def test_editing_a_yaml_file_is_enough(tmp_path: Path) -> None:
    """No compile step: a run after an edit (or a new file) reads the new data and refreshes the cache."""
    (tmp_path / "agencies").mkdir()
    source = tmp_path / "agencies" / "x.yaml"
    source.write_text("scope: region\nnames: [a]\n", encoding="utf-8")
    show = "print(s.load('agencies/x.yaml')['names'], s.names('agencies'))"
    assert _run_in(tmp_path, show).strip() == "['a'] ['agencies/x.yaml']"
    cached = json.loads((tmp_path / shipped.COMPILED).read_text(encoding="utf-8"))
    assert cached[shipped.DIGEST] == shipped.sources_digest(tmp_path)
    source.write_text("scope: region\nnames: [a, b]\n", encoding="utf-8")
    (tmp_path / "agencies" / "y.yaml").write_text("scope: region\nnames: []\n", encoding="utf-8")
    assert _run_in(tmp_path, show).strip() == "['a', 'b'] ['agencies/x.yaml', 'agencies/y.yaml']"
    # a current cache is read as it is, without the YAML parser
    assert _run_in(tmp_path, show + "; import sys; print('yaml' in sys.modules)").split()[-1] == "False"
    # a damaged cache is rewritten
    (tmp_path / shipped.COMPILED).write_text("{", encoding="utf-8")
    assert _run_in(tmp_path, show).strip() == "['a', 'b'] ['agencies/x.yaml', 'agencies/y.yaml']"
    assert json.loads((tmp_path / shipped.COMPILED).read_text(encoding="utf-8"))[shipped.DIGEST]
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_a_cache_that_cannot_be_written_is_left_alone(tmp_path: Path) -> None:
    """A read-only install keeps reading the YAML: the write fails quietly and leaves nothing behind."""
    shipped._write_quietly(tmp_path / "missing" / shipped.COMPILED, "{}")
    assert list(tmp_path.iterdir()) == []


def test_the_wheel_hook_writes_the_compiled_json(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    sys.path.insert(0, str(ROOT))
    try:
        from hatch_build import CompiledRulesHook
    finally:
        sys.path.pop(0)
    hook = CompiledRulesHook(str(ROOT), {}, None, None, str(tmp_path), "wheel")
    build_data: dict = {"force_include": {}}
    hook.initialize("standard", build_data)
    [(written, target)] = build_data["force_include"].items()
    assert target == "radcheck/data/compiled.json"
    assert Path(written).read_text(encoding="utf-8") == shipped.compile_sources(RULES)


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
        shipped.DIGEST: shipped.sources_digest(tmp_path),
        "agencies/x.yaml": {"scope": "region", "since": "2024-01-31", "names": ["a", "b"]}}
    assert "up to date" in subprocess.run(run, capture_output=True, text=True, check=True).stdout


def test_a_check_of_text_plans_does_not_import_yaml() -> None:
    subprocess.run([sys.executable, "-c", "import radcheck.shipped as s; s.load('polarity.yaml')"], check=True)
    code = ("import sys, radcheck; radcheck.check(sys.argv[1]);"
            "print(sorted(m for m in sys.modules if m == 'yaml' or m.startswith('yaml.')))")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "plans")], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
