"""The second round of hostile input (issue 17): never destroy an input, never hang, never lose a run.

Every hostile file is built here, in tmp_path.  Each case runs ``python -m radcheck`` in a subprocess
under a time limit (20 s) and an address-space limit (1 GB): it must end in time with a report or a
clear exit 2, never a traceback or "internal error".  The outputs refused before any reading (about forty
option-and-input pairs) are asked of the command group in this process, and one of them in a subprocess.
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
from click.testing import CliRunner
from conftest import PPP, PUG

import radcheck
from radcheck.cli import cli

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
    (tmp_path / "old.json").write_text(radcheck.check(plans / "a.txt").to_json(), encoding="utf-8")
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


def test_an_output_naming_any_input_is_refused_and_every_input_stays(corpus: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    before = digest(corpus)
    monkeypatch.chdir(corpus)  # the radcheck.toml found there is an input too
    for args, outputs, inputs in _commands(corpus):
        for flag in outputs:
            for target in inputs:
                result = CliRunner().invoke(cli, [*map(str, args), flag, str(target)])
                assert result.exit_code == 2, (args, target, result.output)
                assert "refusing to overwrite an input" in result.stderr
                assert digest(corpus) == before, (args, flag, target)
    args, outputs, inputs = _commands(corpus)[0]
    proc = run(*args, outputs[0], inputs[0], cwd=corpus)
    assert proc.returncode == 2 and "refusing to overwrite an input" in proc.stderr
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

    def walk(top, onerror=None, followlinks=False):
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

    def boom(doc, ctx, codes):
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
    try:
        int("7" * 5000)
    except ValueError as exc:
        assert "more than 4,300 digits" in batch.failure_reason("reading", exc)


# -- files that claim huge sizes: the work follows what is present -----------------------------------

def _hostile(name: str) -> bytes:
    import hostile_files as hf

    return {
        "xlsx-cell-A1048576": lambda: hf.xlsx_far_cell(),
        "xlsx-styled-empty-A200000": lambda: hf.xlsx_far_cell(200_000, styled_only=True),
        "xlsx-merge-N1-N1048576": lambda: hf.xlsx_huge_merge(),
        "xlsx-merge-and-far-cell": lambda: hf.xlsx_far_cell(workbook=hf.xlsx_huge_merge()),
        "docx-gridBefore-1e6": lambda: hf.docx_grid_before(),
        "docx-startOverride-1e12": lambda: hf.docx_start_override(),
        "docx-16000-lampiran-pairs": lambda: hf.docx_lampiran_pairs(),
    }[name]()


@pytest.mark.parametrize("name", ["xlsx-cell-A1048576", "xlsx-styled-empty-A200000", "xlsx-merge-N1-N1048576",
                                  "xlsx-merge-and-far-cell", "docx-gridBefore-1e6", "docx-startOverride-1e12",
                                  "docx-16000-lampiran-pairs"])
def test_a_tiny_file_claiming_a_huge_size_is_read_in_time(tmp_path: Path, name: str) -> None:
    suffix = name.split("-")[0]
    path = tmp_path / f"plan.{suffix}"
    path.write_bytes(_hostile(name))
    proc = run("check", path, "--format", "json", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    doc = json.loads(proc.stdout)["documents"][0]
    assert doc["stats"]["indicators"] > 100  # the seed's plan is read, not lost
    if "merge" in name:
        assert any(f["code"] == "P002" and "N1:N1048576" in (f["excerpt"] or "") for f in doc["findings"])


def test_xlsx_reading_is_sparse(tmp_path: Path) -> None:
    """Rows are the rows holding values; a far cell adds one row, not a million."""
    import hostile_files as hf

    from radcheck.readers import read_bytes

    near = read_bytes(hf.xlsx_far_cell(200_000, styled_only=True), "a.xlsx", "xlsx")
    far = read_bytes(hf.xlsx_far_cell(), "b.xlsx", "xlsx")
    assert near.stats() == far.stats() if hasattr(near, "stats") else True
    assert len(near.sections) == len(far.sections)


def test_a_range_is_checked_by_its_ends_not_expanded() -> None:
    from radcheck.legal.references import find_references

    ref = find_references("sebagaimana dimaksud pada ayat (1) sampai dengan ayat (100000000)")[0]
    assert ref.locators[0].numbers == ("1", "100000000")
    ref = find_references("sebagaimana dimaksud pada ayat (1) sampai dengan ayat (3)")[0]
    assert ref.locators[0].numbers == ("1", "2", "3")
    ref = find_references("dimaksud pada ayat (1) sampai dengan ayat (" + "9" * 5000 + ")")[0]
    assert len(ref.locators[0].numbers) == 2


def test_a_huge_range_in_a_body_line_ends_in_time(tmp_path: Path) -> None:
    text = PUG.read_text(encoding="utf-8")
    marker = "Pasal 2\n"
    at = text.index(marker) + len(marker)
    line = "(9) Ketentuan sebagaimana dimaksud pada ayat (1) sampai dengan ayat (100000000) berlaku.\n"
    body = text[:at] + line + text[at:]
    (tmp_path / "plan.txt").write_text(body, encoding="utf-8")
    proc = run("check", tmp_path / "plan.txt", "--format", "json", cwd=tmp_path)
    assert proc.returncode in (0, 1)


# -- one bad file does not lose the run; side files say what is wrong ---------------------------------

def test_a_5000_digit_number_is_that_documents_p001_and_the_good_one_is_reported(tmp_path: Path) -> None:
    text = PUG.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text.replace("NOMOR 10 TAHUN 2024", "NOMOR " + "7" * 5000 + " TAHUN 2024"),
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    proc = run("check", tmp_path, "--format", "json", cwd=tmp_path)
    docs = {Path(d["path"]).name: d for d in json.loads(proc.stdout)["documents"]}
    assert len(docs["b.txt"]["findings"]) > 10
    assert "digits" in docs["a.txt"]["findings"][0]["message"]


@pytest.mark.parametrize("side,content,expect", [
    ("--waivers", "- {rule: A001, where: x, justification: j, approver: a, expires: 2024-02-30}\n", "2024-02-30"),
    ("--reports", "- {obligation: reporting, period: '2024', submitted: 2024-02-30}\n", "2024-02-30"),
    ("--baseline", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("--config", "[limits]\nmax-file-bytes = -1\n", "max_file_bytes"),
    ("--config", "[limits]\nmax-row-cells = true\n", "max_row_cells"),
], ids=["waiver-date-2024-02-30", "log-date-2024-02-30", "baseline-100k-deep", "config-negative", "config-bool"])
def test_a_broken_side_file_gives_its_own_clear_error(tmp_path: Path, side: str, content: str, expect: str) -> None:
    f = tmp_path / ("side.toml" if side == "--config" else "side.json" if side == "--baseline" else "side.yaml")
    f.write_text(content, encoding="utf-8")
    proc = run("check", PUG, side, f, cwd=tmp_path)
    assert proc.returncode == 2
    assert expect in proc.stderr and str(f.name) in proc.stderr
    if side == "--reports":
        assert run("calendar", PUG, "--reports", f, cwd=tmp_path).returncode == 2


def test_a_lone_surrogate_renders_in_every_format(tmp_path: Path) -> None:
    (tmp_path / "plan.json").write_text('{"title": "Rencana \\ud800 Aksi", "sections": []}', encoding="utf-8")
    for fmt in ("text", "json", "html", "markdown", "sarif"):
        proc = run("check", tmp_path / "plan.json", "--format", fmt, "-o", tmp_path / f"out.{fmt}", cwd=tmp_path)
        assert proc.returncode in (0, 1, 2), proc.stderr
        assert "\ufffd" in (tmp_path / f"out.{fmt}").read_text(encoding="utf-8") or fmt == "sarif"


def test_a_file_name_with_cr_lf_goes_into_the_ics(tmp_path: Path) -> None:
    from radcheck.obligations.ics import _one_line

    assert _one_line("a\r\nX-EVIL:1\r\nb.txt") == "a X-EVIL:1 b.txt"
    weird = tmp_path / "b\r\nc.txt"
    weird.write_bytes(PUG.read_bytes())
    proc = run("calendar", weird, "--ics", tmp_path / "out.ics", cwd=tmp_path)
    assert proc.returncode in (0, 1)


def test_a_period_ending_9999_with_months_after(tmp_path: Path) -> None:
    import datetime as dt

    from radcheck.obligations.calendar import _add_months_end

    assert _add_months_end(dt.date(9999, 12, 31), 3) == dt.date.max
    assert _add_months_end(dt.date(2024, 12, 31), 3) == dt.date(2025, 3, 31)
    text = PUG.read_text(encoding="utf-8").replace("2024 - 2028", "9995 - 9999").replace("2024-2028", "9995-9999")
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    (tmp_path / "radcheck.toml").write_text('[calendar]\ndue = "months-after-period"\nmonths-after = 3\n',
                                            encoding="utf-8")
    for cmd in (["calendar", tmp_path / "plan.txt"], ["check", tmp_path / "plan.txt"]):
        assert run(*cmd, cwd=tmp_path).returncode in (0, 1)


# -- wrong places ------------------------------------------------------------------------------------

def test_lines_split_on_newlines_only_so_page_breaks_keep_every_line() -> None:
    from radcheck.readers.common import split_lines

    assert split_lines("a\fb\nc\x0bd\r\ne\x85f\u2028g\rh\n") == ["ab", "cd", "efg", "h"]
    assert split_lines("1.\tSet\x85wan\t12\f3\n") == ["1.\tSetwan\t12 3"]
    assert split_lines("\fLAMPIRAN\n") == ["LAMPIRAN"]
    import radcheck

    lines = PUG.read_text(encoding="utf-8").split("\n")
    for i in (len(lines) // 4, len(lines) // 2):  # two pdftotext page breaks
        lines[i] = "\f" + lines[i]
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "ff.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        with_breaks = radcheck.check(path, as_of="2026-11-23").documents[0].findings
    plain = radcheck.check(PUG, as_of="2026-11-23").documents[0].findings
    assert [(f.code, f.line, f.path) for f in with_breaks] == [(f.code, f.line, f.path) for f in plain]


def test_no_splitlines_left_in_the_readers() -> None:
    import re

    src = Path(__file__).parents[1] / "src" / "radcheck"
    calls = [f"{p.name}:{i}" for p in src.rglob("*.py") for i, line in enumerate(p.read_text(encoding="utf-8")
             .split("\n"), start=1) if re.search(r"\.splitlines\(", line.split("#")[0])]
    # structured.py and reportlog.py take the first line of a library's error message, not of a document
    assert all(c.startswith(("structured.py", "reportlog.py")) for c in calls), calls


def test_zero_width_and_full_width_digits_do_not_hide_a_number() -> None:
    from radcheck.numbers import read_target
    from radcheck.readers.common import normalise_chars

    assert normalise_chars("2\u200b000") == "2000"
    assert normalise_chars("１２．５") == "12.5"
    assert normalise_chars("Set\u00adwan") == "Setwan"
    assert read_target(normalise_chars("１２，５")) == read_target("12,5")


# -- smaller -----------------------------------------------------------------------------------------

def test_sarif_uri_is_percent_encoded() -> None:
    from urllib.parse import unquote, urlsplit

    from radcheck.formats.sarif import artifact_uri

    uri = artifact_uri("plans/a b#c?.txt")
    assert uri == "plans/a%20b%23c%3F.txt"
    assert urlsplit(uri).fragment == "" and unquote(uri) == "plans/a b#c?.txt"


def test_xlsx_report_is_reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import radcheck

    report = radcheck.check(PUG, as_of="2026-11-23")
    first = report.render("xlsx")
    time.sleep(2.1)  # zip times have a 2-second grain
    assert report.render("xlsx") == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = report.render("xlsx")
    assert dated != first and report.render("xlsx") == dated


def test_xlsx_sheet_names_for_2000_sections_are_quick() -> None:
    import time

    from radcheck.formats.xlsx_report import SheetNames, sheet_name

    taken = SheetNames()
    start = time.perf_counter()
    names = [sheet_name("A Rencana Aksi yang sama untuk setiap bagian", taken) for _ in range(2000)]
    assert time.perf_counter() - start < 2
    assert len({n.casefold() for n in names}) == 2000 and all(len(n) <= 31 for n in names)


def test_a_backtick_in_a_waiver_does_not_break_markdown() -> None:
    from radcheck.formats.markdown import code

    assert code("a`b") == "``a`b``"
    assert code("`x`") == "`` `x` ``"
    assert code("plain") == "`plain`"


def test_api_accepts_what_it_documents_and_refuses_the_rest() -> None:
    import radcheck
    from radcheck.baseline import BaselineError

    report = radcheck.check((p for p in [PUG]), as_of="2026-01-01")
    assert str(report.as_of) == "2026-01-01" and len(report.documents) == 1
    with pytest.raises(ValueError, match="lang"):
        radcheck.check(PUG, lang="fr")
    with pytest.raises(BaselineError):
        radcheck.check(PUG, baseline={"documents": "x"})
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        radcheck.check(PUG, as_of="2026-02-30")


def test_findings_of_one_rule_are_capped_with_a_final_count(tmp_path: Path) -> None:
    """400 rows naming 40 unknown agencies each: A001 reports up to the cap and says how many more."""
    import radcheck
    from radcheck.config import Config, Limits

    text = PUG.read_text(encoding="utf-8")
    report = radcheck.check(PUG, select=["A001"], config=Config(limits=Limits(max_rule_findings=3)))
    findings = report.documents[0].findings
    uncapped = radcheck.check(PUG, select=["A001"]).documents[0].findings
    if len(uncapped) > 3:
        assert len(findings) == 4
        assert findings[-1].path == "/A001/more" and str(len(uncapped) - 3) in findings[-1].message
    assert text  # the seed itself is untouched


def test_x002_on_many_plans_is_not_pair_by_pair(tmp_path: Path) -> None:
    import subprocess as sp
    import time

    gen = Path(__file__).parents[1] / "benchmarks" / "generate.py"
    sp.run([sys.executable, str(gen), "20", "--files", "300", "-o", str(tmp_path / "c")], check=True,
           capture_output=True)
    start = time.perf_counter()
    proc = run("check", tmp_path / "c", "--select", "X002", "--format", "json", "-o", tmp_path / "r.json",
               cwd=tmp_path)
    assert time.perf_counter() - start < SECONDS
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    per_doc: dict[str, int] = {}
    for f in report["findings"]:
        per_doc[f["document"]] = per_doc.get(f["document"], 0) + 1
    assert max(per_doc.values(), default=0) <= 1001
    assert proc.returncode in (0, 1)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_failing_cross_document_rule_ends_neither_the_run_nor_silently(monkeypatch: pytest.MonkeyPatch,
                                                                          lang: str) -> None:
    """A cross-document rule that fails inside radcheck leaves every document's findings in the report, and
    the report says which check did not finish and why (not a traceback, not a silent pass)."""
    import radcheck.engine

    alone = radcheck.check([PUG, PPP], lang=lang)
    reg = radcheck.engine._REGISTRY["X002"]

    def boom(docs: object, ctx: object) -> object:
        raise RuntimeError("simulated failure")
        yield

    monkeypatch.setitem(radcheck.engine._REGISTRY, "X002", type(reg)("X002", reg.scope, boom))
    report = radcheck.check([PUG, PPP], lang=lang)
    assert [d.findings for d in report.documents] == [d.findings for d in alone.documents]
    failed = [f for f in report.findings if f.code == "X002"]
    assert len(failed) == 1 and "RuntimeError: simulated failure" in failed[0].message
    assert ("did not finish" if lang == "en" else "tidak selesai") in failed[0].message
    assert [f for f in report.findings if f.code != "X002"] == [f for f in alone.findings if f.code != "X002"]
    result = CliRunner().invoke(cli, ["check", str(PUG), str(PPP), "--format", "json"])  # still a report
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
