"""``radcheck schema``: the JSON Schema of the JSON report, as shipped in the package."""

from __future__ import annotations

from pathlib import Path

import click

from radcheck.cli.options import output_option, write_output


@click.command("schema")
@output_option
def schema_command(output: Path | None) -> None:
    """Print the JSON Schema of the JSON report (check --format json)."""
    from radcheck.report_schema import shipped_schema

    write_output(shipped_schema(), output)
