"""``radcheck check PATH...``"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from radcheck.cli import fail
from radcheck.cli.options import as_of_option, config_option, input_files, lang_option, output_option, write_output
from radcheck.formats import FORMATS


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True)
@output_option
@click.option("--select", help="Only these rules: codes, names or family letters, comma-separated.")
@click.option("--ignore", help="Leave out these rules: codes, names or family letters, comma-separated.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: error).")
@lang_option
@as_of_option
@click.option("--reports", type=click.Path(dir_okay=False, path_type=Path), help="Report log (YAML or CSV) for R005.")
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path),
              help="Agency registry file (default: the region named in the document).")
@config_option
@click.option("--waivers", "waivers_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Waivers file (YAML): accepted findings, with justification, approver and expiry date.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path), metavar="OLD.json",
              help="A previous --format json report: mark each finding new, open or resolved.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Check documents in this many processes (0: one per CPU); a single large document's rules are "
                   "shared out among them instead.  The output is the same.")
@click.option("--statistics", is_flag=True,
              help="Print only the number of findings per rule (JSON with --format json).")
@click.option("--stdin-filename", metavar="NAME",
              help="With PATH '-' (standard input): the file name it stands for; its suffix gives the format "
                   "(default: text) and the report shows it as the path.")
@click.option("--exclude", "exclude", multiple=True, metavar="PATTERN",
              help="Skip files and folders matching this glob inside the folders given (repeatable; "
                   "e.g. --exclude arsip --exclude '*.yaml').")
@click.option("-q", "--quiet", is_flag=True, help="No warnings and no progress bar on standard error.")
@click.option("--color/--no-color", "color", default=None,
              help="Colour the text report (default: when standard output is a terminal and NO_COLOR is unset).")
def check(paths: tuple[Path, ...], fmt: str, output: Path | None, select: str | None, ignore: str | None,
          fail_on: str | None, lang: str | None, as_of, reports: Path | None, registry: Path | None,
          config_path: Path | None, waivers_path: Path | None = None, baseline_path: Path | None = None,
          jobs: int = 1, statistics: bool = False, stdin_filename: str | None = None, exclude: tuple[str, ...] = (),
          quiet: bool = False, color: bool | None = None) -> None:
    """Check documents (files or folders; - reads standard input) and report findings.

    Exit code 0: nothing at or above --fail-on; 1: findings at or above it; 2: bad usage or an
    unreadable input.
    """
    from radcheck.api import check as run_check
    from radcheck.config import load_config

    if quiet:
        import warnings

        warnings.simplefilter("ignore")
    config = load_config(config_path)
    for extra in (reports, registry, waivers_path, baseline_path):
        if extra is not None and not extra.is_file():
            fail(f"{extra}: " + ("not a regular file (a folder, device or pipe)" if extra.exists() else "no such file"))
    if stdin_filename is not None and not any(str(p) == "-" for p in paths):
        fail("--stdin-filename is for reading standard input: give '-' as the PATH")
    if statistics and fmt not in ("text", "concise", "json"):
        fail(f"--statistics prints text or JSON, not {fmt}")
    if FORMATS[fmt].needs_file and output is None and not statistics:
        fail(f"--format {fmt} writes a file: give one with -o/--output")
    targets: list[Any] = []
    for p in paths:
        if str(p) == "-":
            targets.append(_read_stdin(stdin_filename, config))
        else:
            input_files([p], [*config.exclude, *exclude])  # exit 2 when a folder holds nothing to check
            targets.append(p)
    waivers, baseline = _side_inputs(waivers_path, baseline_path)
    if reports is not None:  # read once here, so a broken log is its own error, not each document's P001
        from radcheck.obligations import load_report_log
        from radcheck.readers.common import UnreadableInput

        try:
            load_report_log(reports)
        except UnreadableInput as exc:
            fail(str(exc))
    from radcheck.batch import ProgressBar

    with ProgressBar(enabled=False if quiet else None) as progress:  # on standard error, only when a terminal
        report = run_check(
            targets,
            select=select.split(",") if select else None,
            ignore=ignore.split(",") if ignore else None,
            config=config,
            as_of=as_of,
            lang=lang,
            registry=registry,
            reports=reports,
            waivers=waivers,
            baseline=baseline,
            jobs=jobs,
            progress=progress,
            exclude=exclude,
        )
    if report.waivers is not None and waivers_path is not None:
        report.waivers["file"] = waivers_path.as_posix()
    if report.baseline is not None and baseline_path is not None:
        report.baseline["file"] = baseline_path.as_posix()
    if statistics:
        from radcheck.formats.concise import statistics as rule_statistics

        write_output(rule_statistics(report, fmt), output)
    elif fmt == "text" and output is None and (color or (color is None and sys.stdout.isatty())):
        from rich.console import Console

        from radcheck.formats.text import renderables

        # --color draws as on a terminal even when piped (a CI log); --no-color, like NO_COLOR, keeps
        # the layout without colour codes.
        console = Console(force_terminal=True if color else None, no_color=True if color is False else None)
        for item in renderables(report):
            console.print(item)
    else:
        from radcheck.formats import render

        write_output(render(report, fmt), output)
    for w in (report.waivers or {}).get("expired", []):
        click.echo(f"radcheck: warning: waiver {w['index']} ({w['rule']} at {w['where']}) expired on {w['expires']}"
                   f"; it no longer waives {w['matches']} finding(s)", err=True)
    for w in (report.waivers or {}).get("unused", []):
        click.echo(f"radcheck: warning: waiver {w['index']} ({w['rule']} at {w['where']}) matches no finding",
                   err=True)
    for d in report.documents:
        if d.document is None:
            click.echo(f"radcheck: error: {d.path}: {d.findings[0].message}", err=True)
    sys.exit(report.exit_code(fail_on or config.fail_on))


def _read_stdin(name: str | None, config: Any) -> Any:
    """The document on standard input, read as the file ``name`` would be; unreadable input exits 2."""
    from radcheck.api import load_bytes
    from radcheck.readers import UnreadableInput

    data = sys.stdin.buffer.read(config.limits.max_file_bytes + 1)
    try:
        doc = load_bytes(data, name=name or "-", config=config)
    except UnreadableInput as exc:
        fail(f"{exc.path} (standard input): {exc.reason}")
    # The report shows the name given, as it shows a file's path (a structured plan records its own source).
    return doc if doc.source == (name or "-") else doc.model_copy(update={"source": name or "-"})


def _side_inputs(waivers_path: Path | None, baseline_path: Path | None) -> tuple[Any, Any]:
    """The waivers and the baseline given, loaded; their modules are imported only when one is given."""
    waivers = baseline = None
    if waivers_path is not None:
        from radcheck.waivers import WaiverError, load_waivers

        try:
            waivers = load_waivers(waivers_path)
        except WaiverError as exc:
            fail(str(exc))
    if baseline_path is not None:
        from radcheck.baseline import BaselineError, load_baseline

        try:
            baseline = load_baseline(baseline_path)
        except BaselineError as exc:
            fail(str(exc))
    return waivers, baseline
