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
    """Write to a file, or to stdout; never overwrite an input (the caller checks that)."""
    if output is None:
        if isinstance(content, bytes):
            raise click.UsageError("this format is binary: give a file with -o/--output")
        click.echo(content, nl=False)
        return
    try:
        if isinstance(content, bytes):
            output.write_bytes(content)
        else:
            output.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None


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
