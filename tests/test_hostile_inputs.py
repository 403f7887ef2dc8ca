"""The second round of hostile input (issue 17): never destroy an input, never hang, never lose a run.

Every hostile file is built here, in tmp_path.  Each case runs ``python -m radcheck`` in a subprocess
under a time limit (20 s) and an address-space limit (1 GB): it must end in time with a report or a
clear exit 2, never a traceback or "internal error".
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PUG
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SECONDS = 20
MEMORY = 1024 * 1024 * 1024


def _limits() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m radcheck ARGS`` within 20 s and 1 GB; no traceback, no internal error."""
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(Path(__file__).parents[1] / "src"))}
    env.pop("RADCHECK_DEBUG", None)
    proc = subprocess.run([sys.executable, "-m", "radcheck", *map(str, args)], capture_output=True, text=True,
                          timeout=SECONDS, preexec_fn=_limits, cwd=cwd, env=env)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "internal error" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1, 2), proc.stderr
    return proc


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with a plan, a second one in a subfolder, and every side file a command can read."""
    plans = tmp_path / "plans"
    (plans / "sub").mkdir(parents=True)
    (plans / "a.txt").write_bytes(PUG.read_bytes())
    (plans / "sub" / "b.txt").write_bytes(PUG.read_bytes().replace(b"NOMOR 10", b"NOMOR 12"))
    (tmp_path / "waivers.yaml").write_text("[]\n", encoding="utf-8")
    (tmp_path / "log.yaml").write_text("- {obligation: reporting, period: '2024', submitted: 2024-12-01}\n",
                                       encoding="utf-8")
    (tmp_path / "radcheck.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    report = run("check", plans / "a.txt", "--format", "json", cwd=tmp_path)
    (tmp_path / "old.json").write_text(report.stdout, encoding="utf-8")
    os.link(plans / "a.txt", tmp_path / "hardlink.txt")
    (tmp_path / "symlink.txt").symlink_to(plans / "sub" / "b.txt")
    return tmp_path


# Every command with its outputs, and the inputs those outputs may be pointed at: the documents
# named or inside a folder named (by any name: hard link, symlink, ``..``), the side files, and the
# radcheck.toml found in the working directory.
def _commands(t: Path) -> list[tuple[list[str | Path], list[str], list[Path]]]:
    plans = t / "plans"
    one = [plans / "a.txt", t / "hardlink.txt", plans / "sub" / ".." / "a.txt", t / "radcheck.toml"]
    every = [*one, plans / "sub" / "b.txt", t / "symlink.txt"]
    return [
        (["check", plans, "--waivers", t / "waivers.yaml", "--baseline", t / "old.json", "--reports",
          t / "log.yaml", "--config", t / "radcheck.toml", "--format", "json"], ["-o"],
         [*every, t / "waivers.yaml", t / "old.json", t / "log.yaml"]),
        (["check", plans / "a.txt", "--format", "xlsx"], ["-o"], one),
        (["parse", plans / "a.txt", "--format", "json"], ["-o"], one),
        (["graph", plans / "a.txt", "--format", "json"], ["-o"], one),
        (["agencies", plans, "--config", t / "radcheck.toml"], ["-o"], every),
        (["calendar", plans, "--reports", t / "log.yaml", "--ics", t / "cal.ics"], ["-o"], [*every, t / "log.yaml"]),
        (["calendar", plans, "--reports", t / "log.yaml"], ["--ics"], [*every, t / "log.yaml"]),
    ]


@pytest.mark.parametrize("index", range(7))
def test_an_output_naming_any_input_is_refused_and_every_input_stays(corpus: Path, index: int) -> None:
    args, outputs, inputs = _commands(corpus)[index]
    before = digest(corpus)
    for flag in outputs:
        for target in inputs:
            proc = run(*args, flag, target, cwd=corpus)
            assert proc.returncode == 2, (args, target, proc.stderr)
            assert "refusing to overwrite an input" in proc.stderr
            assert digest(corpus) == before, (args, flag, target)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_property_any_output_option_at_any_input_leaves_every_input_identical(corpus: Path, data: st.DataObject
                                                                               ) -> None:
    before = digest(corpus)
    args, outputs, inputs = data.draw(st.sampled_from(_commands(corpus)))
    flag = data.draw(st.sampled_from(outputs))
    target = data.draw(st.sampled_from(inputs))
    proc = run(*args, flag, target, cwd=corpus)
    assert proc.returncode == 2
    assert digest(corpus) == before


def test_an_output_that_is_no_input_is_written_whole(corpus: Path) -> None:
    out = corpus / "report.json"
    proc = run("check", corpus / "plans", "--format", "json", "-o", out, "--fail-on", "never", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["documents"]) == 2
    assert not [p for p in corpus.iterdir() if p.name.endswith(".tmp")]  # no temporary file left behind


@pytest.mark.parametrize("target", ["nope/x.json", "/dev/full"])
def test_a_failed_write_exits_2_and_leaves_no_half_file(tmp_path: Path, target: str) -> None:
    if target == "/dev/full" and not Path(target).exists():
        pytest.skip("no /dev/full here")
    out = tmp_path / target if not target.startswith("/") else Path(target)
    proc = run("check", PUG, "--format", "json", "-o", out, cwd=tmp_path)
    assert proc.returncode == 2
    assert "cannot write" in proc.stderr and str(out) in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_write_that_fails_keeps_the_old_output(tmp_path: Path) -> None:
    from radcheck.cli.outputs import OutputError, write_file

    out = tmp_path / "report.txt"
    out.write_text("old", encoding="utf-8")

    write_file(out, "new")
    assert out.read_text(encoding="utf-8") == "new"
    with pytest.raises(OutputError):
        write_file(tmp_path / "missing" / "x.txt", "y")
    assert out.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


@pytest.mark.parametrize("setup", ["empty", "unsupported", "nonexistent"])
def test_nothing_to_check_exits_2(tmp_path: Path, setup: str) -> None:
    folder = tmp_path / "in"
    if setup != "nonexistent":
        folder.mkdir()
    if setup == "unsupported":
        (folder / "notes.doc").write_bytes(b"x")
        (folder / "scan.png").write_bytes(b"x")
    for command in (["check"], ["agencies"], ["calendar"]):
        proc = run(*command, f"{folder}/", cwd=tmp_path)
        assert proc.returncode == 2, (command, proc.stderr)
        if setup == "nonexistent":
            assert "no such file or folder" in proc.stderr
            assert "unknown file type" not in proc.stderr
        else:
            assert "no document to check" in proc.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_subfolder_exits_2(tmp_path: Path) -> None:
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_bytes(PUG.read_bytes())
    (tmp_path / "in" / "locked").chmod(0)
    try:
        proc = run("check", tmp_path / "in", cwd=tmp_path)
    finally:
        (tmp_path / "in" / "locked").chmod(0o755)
    assert proc.returncode == 2 and "locked" in proc.stderr


def test_an_unreadable_subfolder_is_an_error_not_a_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root every folder can be listed, so the walk's error is simulated.
    import radcheck.api as api
    from radcheck.readers.common import UnreadableInput

    def walk(top, onerror=None, followlinks=False):  # noqa: ANN001, ANN202
        onerror(PermissionError(13, "Permission denied", f"{top}/locked"))
        yield from ()

    monkeypatch.setattr(api.os, "walk", walk)
    tmp_path.joinpath("in").mkdir()
    with pytest.raises(UnreadableInput, match="locked"):
        api.expand_paths([tmp_path / "in"])


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_symlink_to_a_device_is_refused(tmp_path: Path, device: str) -> None:
    link = tmp_path / "plan.txt"
    link.symlink_to(device)
    proc = run("check", link, PUG, "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2
    docs = json.loads(proc.stdout)["documents"]
    assert "not a regular file" in docs[0]["findings"][0]["message"]
    assert docs[1]["findings"] and docs[1]["findings"][0]["code"] != "P001"  # the good one is reported


def test_a_named_pipe_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    proc = run("check", fifo, cwd=tmp_path)
    assert proc.returncode == 2 and "not a regular file" in proc.stderr
    for side in ("--waivers", "--reports", "--baseline", "--config", "--registry"):
        proc = run("check", PUG, side, fifo, cwd=tmp_path)
        assert proc.returncode == 2, (side, proc.stderr)


def test_a_side_file_linked_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "waivers.yaml"
    link.symlink_to("/dev/zero")
    for side in ("--waivers", "--reports", "--baseline", "--config", "--registry"):
        proc = run("check", PUG, side, link, cwd=tmp_path)
        assert proc.returncode == 2, (side, proc.stderr)


def test_a_batch_of_a_bad_file_and_a_good_one_reports_the_good_one(tmp_path: Path) -> None:
    text = PUG.read_text(encoding="utf-8")
    (tmp_path / "a-bad.txt").write_text(text.replace("NOMOR 10 TAHUN", "NOMOR " + "9" * 5000 + " TAHUN", 1),
                                        encoding="utf-8")
    (tmp_path / "b-good.txt").write_text(text, encoding="utf-8")
    (tmp_path / "c-bad.json").write_text('{"title": "\\ud800", "sections": []}', encoding="utf-8")
    for fmt in ("json", "html", "sarif", "markdown", "xlsx", "text"):
        out = tmp_path / f"report.{fmt}"
        proc = run("check", tmp_path, "--format", fmt, "-o", out, cwd=tmp_path)
        assert proc.returncode in (1, 2), proc.stderr
        assert out.stat().st_size > 0
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    by_path = {Path(d["path"]).name: d for d in report["documents"]}
    assert {f["code"] for f in by_path["b-good.txt"]["findings"]} - {"P001"}
    assert set(by_path) == {"a-bad.txt", "b-good.txt", "c-bad.json"}


def test_a_failing_rule_is_that_documents_p001(monkeypatch: pytest.MonkeyPatch) -> None:
    import radcheck
    import radcheck.batch as batch

    calls = []

    def boom(doc, ctx, codes):  # noqa: ANN001, ANN202
        calls.append(doc.source)
        if len(calls) == 1:
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
        return []

    monkeypatch.setattr("radcheck.engine.run_document_rules", boom)
    report = radcheck.check([PUG, PUG])
    first, second = report.documents
    assert first.document is None and "ValueError" in first.findings[0].message
    assert second.document is not None
    assert batch.failure_reason("reading", RecursionError()).endswith("(RecursionError)")
