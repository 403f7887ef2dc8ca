"""``radcheck parse`` and ``radcheck graph``: the document as radcheck understood it."""

from __future__ import annotations

from pathlib import Path

import click

from radcheck.cli import fail
from radcheck.cli.options import output_option, write_output


def _load(path: Path):  # a Document
    from radcheck.api import load
    from radcheck.readers.common import UnreadableInput

    try:
        return load(path)
    except UnreadableInput as exc:
        fail(str(exc))


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "yaml"]), default="yaml", show_default=True)
@output_option
def parse(path: Path, fmt: str, output: Path | None) -> None:
    """Write the document as radcheck understood it (the structured plan, YAML or JSON)."""
    from radcheck.readers.structured import dump_structured

    write_output(dump_structured(_load(path), fmt), output)


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["graphml", "dot", "json"]), required=True)
@output_option
def graph(path: Path, fmt: str, output: Path | None) -> None:
    """Write the plan graph (sections, issues, goals, outcomes, activities, indicators, agencies)."""
    from radcheck import graph as plan_graph

    g = _load(path).graph()
    writer = {"graphml": plan_graph.to_graphml, "dot": plan_graph.to_dot, "json": plan_graph.to_json}[fmt]
    write_output(writer(g), output)
