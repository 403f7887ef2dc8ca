"""Batch checking: --jobs N gives the same report as a serial run; progress only on a terminal."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AS_OF, PPP, PUG, ROOT

import radcheck
from radcheck.batch import ProgressBar, check_many, effective_jobs
from radcheck.cli import cli

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import write_plan  # noqa: E402 - benchmarks/ is not a package


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds, generated plans in every form, and an unreadable file, in nested folders."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "seeds").mkdir()
    shutil.copy(PPP, root / "seeds" / PPP.name)
    shutil.copy(PUG, root / "seeds" / PUG.name)
    for i, suffix in enumerate([".txt", ".txt", ".yaml", ".json", ".txt"]):
        write_plan(root / f"gen-{i}{suffix}", 60, seed=i)
    (root / "broken.json").write_text("{not json", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def serial(corpus: Path) -> radcheck.Report:  # type: ignore[name-defined]
    return radcheck.check(corpus, as_of=AS_OF)


@pytest.fixture(scope="module")
def parallel(corpus: Path) -> tuple[radcheck.Report, list[tuple[int, int, str]]]:  # type: ignore[name-defined]
    """The corpus checked by two workers, with every progress call it made."""
    seen: list[tuple[int, int, str]] = []
    return radcheck.check(corpus, as_of=AS_OF, jobs=2, progress=lambda d, t, n: seen.append((d, t, n))), seen


def test_jobs_give_byte_identical_json(corpus: Path, serial, parallel) -> None:
    assert parallel[0].to_json() == serial.to_json()
    for jobs in (3, 0):
        assert radcheck.check(corpus, as_of=AS_OF, jobs=jobs).to_json() == serial.to_json()


def test_corpus_rules_run_once_over_all_documents(serial, parallel) -> None:
    assert [f.to_dict() for f in parallel[0].findings] == [f.to_dict() for f in serial.findings]
    assert [d.path for d in parallel[0].documents] == [d.path for d in serial.documents]


def test_unreadable_file_is_p001_in_a_worker(parallel) -> None:
    report = parallel[0]
    broken = next(d for d in report.documents if d.path.endswith("broken.json"))
    assert broken.document is None and [f.code for f in broken.findings] == ["P001"]
    assert report.exit_code() == 2


def test_progress_is_called_once_per_document_in_order_of_completion(parallel) -> None:
    report, seen = parallel
    assert [d for d, _, _ in seen] == list(range(1, len(report.documents) + 1))
    assert {n for _, _, n in seen} == {d.path for d in report.documents}
    assert {t for _, t, _ in seen} == {len(report.documents)}


def test_loaded_documents_can_be_sent_to_workers() -> None:
    docs = [radcheck.load(PPP), radcheck.load(PUG)]
    assert radcheck.check(docs, as_of=AS_OF, jobs=2).to_json() == radcheck.check(docs, as_of=AS_OF).to_json()


def test_cli_jobs_output_is_identical_and_has_no_progress_when_piped(corpus: Path) -> None:
    runner = CliRunner()
    args = ["check", str(corpus), "--format", "json", "--as-of", AS_OF.isoformat()]
    serial = runner.invoke(cli, args)
    parallel = runner.invoke(cli, [*args, "--jobs", "2"])
    assert serial.exit_code == parallel.exit_code == 2  # broken.json
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr  # the P001 message only: no progress bar when not a terminal
    assert "━" not in parallel.stderr


def test_cli_rejects_negative_jobs(corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(corpus), "--jobs", "-1"])
    assert result.exit_code == 2


def test_progress_bar_draws_only_when_enabled(capsys: pytest.CaptureFixture[str]) -> None:
    with ProgressBar(enabled=False) as bar:
        bar(1, 2, "a.txt")
        bar(2, 2, "b.txt")
    assert capsys.readouterr().err == ""
    with ProgressBar(enabled=True) as bar:  # draws on standard error, then clears itself
        bar(1, 2, "a.txt")
        bar(2, 2, "b.txt")
    assert capsys.readouterr().out == ""


def test_effective_jobs() -> None:
    assert effective_jobs(1) == 1 and effective_jobs(3) == 3
    assert effective_jobs(0) >= 1


def test_check_many_keeps_item_order(corpus: Path) -> None:
    from radcheck.config import Config
    from radcheck.engine import Context, active_codes

    ctx = Context(as_of=AS_OF)
    names = sorted(str(p) for p in corpus.rglob("*") if p.is_file())
    outcomes = check_many([(n, None) for n in names], ctx, active_codes(Config(), None, None), Config().limits,
                          jobs=2)
    assert [o.name for o in outcomes] == names
