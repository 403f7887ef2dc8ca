"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


as_of_option = click.option("--as-of", callback=parse_date, metavar="YYYY-MM-DD",
                            help="The date that decides what is past (default: today).")
lang_option = click.option("--lang", type=click.Choice(["id", "en"]), default=None,
                           help="Language of messages (default: id, Bahasa Indonesia).")
config_option = click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                             help="Configuration file (default: radcheck.toml or [tool.radcheck] in pyproject.toml).")
output_option = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                             help="Write to this file instead of standard output.")


def write_output(content: str | bytes, output: Path | None) -> None:
    """Write to a file (whole or not at all, ``radcheck.cli.outputs``), or to stdout.

    The command's outputs were already checked against its inputs when it started.
    """
    if output is None:
        if isinstance(content, bytes):
            raise click.UsageError("this format is binary: give a file with -o/--output")
        try:
            click.echo(content, nl=False)
        except UnicodeEncodeError:  # a lone surrogate (a file name's undecodable byte): replaced, not fatal
            click.echo(content.encode("utf-8", "replace").decode("utf-8"), nl=False)
        return
    from radcheck.cli.outputs import write_file

    write_file(output, content)


def input_files(paths: tuple[Path, ...] | list[Path], exclude: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The documents named: files as given, folders expanded (``radcheck.api.expand_paths``).

    Exit 2 (``docs/REPORT.md``) when there is nothing to check: a folder holding no document radcheck reads,
    or one that cannot be listed.  A missing file is left to the reader, which reports it (P001).
    """
    from radcheck.api import expand_paths
    from radcheck.cli.outputs import Fatal
    from radcheck.readers import SUFFIXES
    from radcheck.readers.common import UnreadableInput

    out: list[str] = []
    for p in paths:
        try:
            found = expand_paths([p], exclude)
        except UnreadableInput as exc:
            raise Fatal(str(exc)) from None
        if p.is_dir() and not found:
            raise Fatal(f"{p}: no document to check in this folder (radcheck reads "
                              + ", ".join(sorted(set(SUFFIXES))) + ")")
        out.extend(found)
    return out


def terminal_width() -> int | None:
    """Columns to wrap tables to: the terminal's (or ``COLUMNS``); None when piped, so lines stay whole."""
    import os
    import shutil
    import sys

    if "COLUMNS" not in os.environ and not sys.stdout.isatty():
        return None
    return max(shutil.get_terminal_size().columns, 40)


def wrap_row(prefix: str, text: str, width: int | None) -> list[str]:
    """One table row: ``prefix`` then ``text``, the text wrapped under itself to ``width`` columns; when
    the prefix leaves it less than 30 columns, the text goes on the lines below, under a short indent."""
    import textwrap

    if width is None or len(prefix) + len(text) <= width:
        return [prefix + text]
    if width - len(prefix) >= 30:
        lines = textwrap.wrap(text, width - len(prefix), break_on_hyphens=False)
        return [prefix + lines[0], *(" " * len(prefix) + ln for ln in lines[1:])]
    indent = " " * 8
    return [prefix.rstrip(), *textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent,
                                            break_on_hyphens=False)]
