"""Per-rule severity overrides and per-path ignores from the configuration (``[tool.radcheck]``)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import AS_OF, SMALL_PLAN

import radcheck
from radcheck.cli import cli
from radcheck.config import Config, load_config

DOC = SMALL_PLAN + ("1\tPengadaan Alat Peraga\tJumlah alat peraga\tPaket\t69\t71\t71\t71\t71\t71\t71\n")


def _doc(folder: Path, name: str = "rad.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(DOC, encoding="utf-8")
    return path


def test_severity_override_by_code_and_by_name(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    plain = radcheck.check(doc, as_of=AS_OF, config=Config(), select=["P004"])
    assert [f.severity for f in plain.all_findings()] == ["error"] and plain.exit_code() == 1
    for key in ("P004", "stray-value"):
        report = radcheck.check(doc, as_of=AS_OF, config=Config(severity={key: "info"}), select=["P004"])
        assert [f.severity for f in report.all_findings()] == ["info"]
        assert report.exit_code("error") == 0 and report.exit_code("info") == 1
        assert report.summary == {"error": 0, "warning": 0, "info": 1}


def test_per_path_ignores_by_glob_and_file_name(tmp_path: Path) -> None:
    drafts = _doc(tmp_path / "drafts", "draft-1.txt")
    final = _doc(tmp_path / "final", "rad.txt")
    config = Config(per_path_ignores={"draft-*.txt": ["P004"], "*/nowhere/*": ["P"]})
    report = radcheck.check([drafts, final], as_of=AS_OF, config=config, select=["P004"])
    by_name = {Path(d.path).name: d.findings for d in report.documents}
    assert by_name["draft-1.txt"] == []
    assert [f.code for f in by_name["rad.txt"]] == ["P004"]
    family = radcheck.check(drafts, as_of=AS_OF, config=Config(per_path_ignores={"*drafts*": ["P"]}))
    assert not [f for f in family.all_findings() if f.code.startswith("P")]


def test_overrides_from_a_config_file(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    toml = tmp_path / "radcheck.toml"
    toml.write_text('[severity]\nstray-value = "warning"\n\n[per-path-ignores]\n"other*.txt" = ["P004"]\n',
                    encoding="utf-8")
    config = load_config(toml)
    assert config.severity == {"stray-value": "warning"} and config.per_path_ignores == {"other*.txt": ["P004"]}
    result = CliRunner().invoke(cli, ["check", str(doc), "--select", "P004", "--config", str(toml), "--format",
                                      "json", "--as-of", "2026-11-23"])
    assert result.exit_code == 0, result.output  # a warning is below the default --fail-on error
    assert '"severity": "warning"' in result.stdout


def test_radcheck_toml_takes_plain_keys_and_a_tool_radcheck_table(tmp_path: Path) -> None:
    """A [tool.radcheck] table pasted from pyproject.toml into radcheck.toml is read, not ignored."""
    plain = tmp_path / "plain" / "radcheck.toml"
    plain.parent.mkdir()
    plain.write_text('fail-on = "warning"\nignore = ["T004"]\n', encoding="utf-8")
    table = tmp_path / "table" / "radcheck.toml"
    table.parent.mkdir()
    table.write_text('[tool.radcheck]\nfail-on = "warning"\nignore = ["T004"]\n', encoding="utf-8")
    other = tmp_path / "team.toml"
    other.write_text('[tool.radcheck]\nfail-on = "info"\n', encoding="utf-8")
    for cfg in (load_config(cwd=plain.parent), load_config(cwd=table.parent)):
        assert (cfg.fail_on, cfg.ignore) == ("warning", ["T004"])
    assert load_config(other).fail_on == "info"
    assert Config().fail_on == "error"


def test_agencies_command_reads_registry_and_lang_from_config(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    registry = tmp_path / "contoh.yaml"
    registry.write_text("scope: region\nregion: Kota Contoh\nagencies:\n"
                        "  - id: disdik\n    name: Dinas Pendidikan\n    kind: perangkat-daerah\n"
                        "    abbreviations: [Disdik]\n", encoding="utf-8")
    cfg = tmp_path / "radcheck.toml"
    cfg.write_text(f'lang = "en"\nregistry = "{registry.as_posix()}"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["agencies", str(doc), "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    assert "registry: contoh.yaml" in result.output and "registri" not in result.output
    plain = CliRunner().invoke(cli, ["agencies", str(doc)])
    assert "registri:" in plain.output and "contoh.yaml" not in plain.output
