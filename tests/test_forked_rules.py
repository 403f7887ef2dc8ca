"""One document's rules shared out among forked processes (``--jobs N`` with a single document)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT

import radcheck
from radcheck import forked_rules
from radcheck.config import Config
from radcheck.engine import Context, active_codes, registered_rules, run_document_rules

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import write_plan

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> radcheck.Document:
    path = write_plan(tmp_path_factory.mktemp("forked") / "plan.txt", 1500, seed=4, defect_rate=0.1)
    return radcheck.load(path)


@pytest.fixture()
def any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked_rules, "MIN_INDICATORS", 0)  # a small plan keeps the test quick


def _ctx() -> Context:
    return Context(as_of=AS_OF, config=Config())


def _codes() -> set[str]:
    return active_codes(Config(), None, None)


@pytest.mark.parametrize("workers", [2, 3, 8])
def test_same_findings_as_one_process(plan: radcheck.Document, any_size: None, workers: int) -> None:
    serial = run_document_rules(plan, _ctx(), _codes())
    assert len({f.code[0] for f in serial}) >= 3  # several families found something: the merge is tested
    assert forked_rules.run_rules_forked(plan, _ctx(), _codes(), workers) == serial


def _in_workers(monkeypatch: pytest.MonkeyPatch, misfortune: Callable[[], None]) -> None:
    """Every rule meets ``misfortune`` when it runs in a worker, and runs as ever in this process."""
    parent = os.getpid()
    for code, reg in registered_rules().items():

        def patched(doc, ctx, real=reg.func):  # type: ignore[no-untyped-def]
            if os.getpid() != parent:
                misfortune()
            return real(doc, ctx)

        monkeypatch.setitem(radcheck.engine._REGISTRY, code, type(reg)(code, reg.scope, patched))


def test_a_worker_that_fails_is_made_good_by_the_parent(plan: radcheck.Document, any_size: None,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every rule fails in the worker, none in the parent: the parent runs the worker's families too."""
    serial = run_document_rules(plan, _ctx(), _codes())

    def fail() -> None:
        raise RuntimeError("fails in the worker")

    _in_workers(monkeypatch, fail)
    assert forked_rules.run_rules_forked(plan, _ctx(), _codes(), 2) == serial


def test_a_worker_killed_mid_run_is_made_good_by_the_parent(plan: radcheck.Document, any_size: None,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed outright (the OOM killer, say) sends nothing: the parent runs what it claimed."""
    serial = run_document_rules(plan, _ctx(), _codes())
    _in_workers(monkeypatch, lambda: os.kill(os.getpid(), signal.SIGKILL))
    assert forked_rules.run_rules_forked(plan, _ctx(), _codes(), 2) == serial


def test_no_process_to_be_had_means_one_process(plan: radcheck.Document, any_size: None,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert forked_rules.run_rules_forked(plan, _ctx(), _codes(), 4) == run_document_rules(plan, _ctx(), _codes())


def test_a_rule_error_is_raised_as_in_one_process(plan: radcheck.Document, any_size: None,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(doc, ctx):  # type: ignore[no-untyped-def]
        raise ValueError("broken rule")

    old = radcheck.engine._REGISTRY["A001"]
    monkeypatch.setitem(radcheck.engine._REGISTRY, "A001", type(old)("A001", old.scope, broken))
    with pytest.raises(ValueError, match="broken rule"):
        forked_rules.run_rules_forked(plan, _ctx(), _codes(), 2)
    with pytest.raises(ChildProcessError):  # every worker was waited for
        os.waitpid(-1, os.WNOHANG)


def test_a_small_plan_is_not_forked(plan: radcheck.Document, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise AssertionError("forked for a small plan")

    monkeypatch.setattr(os, "fork", no_fork)
    assert forked_rules.MIN_INDICATORS > 1500
    assert forked_rules.run_rules_forked(plan, _ctx(), _codes(), 2) == run_document_rules(plan, _ctx(), _codes())


def test_cli_jobs_on_one_large_file_gives_the_same_bytes(tmp_path: Path) -> None:
    path = write_plan(tmp_path / "large.txt", forked_rules.MIN_INDICATORS, seed=8, defect_rate=0.05)
    cmd = [sys.executable, "-m", "radcheck", "check", str(path), "--format", "json", "--as-of", AS_OF.isoformat()]
    outputs = [subprocess.run([*cmd, "--jobs", j], capture_output=True, text=True, cwd=ROOT) for j in ("1", "2")]
    assert outputs[0].returncode == outputs[1].returncode == 1
    assert outputs[0].stdout == outputs[1].stdout
    assert '"code": "T001"' in outputs[0].stdout
