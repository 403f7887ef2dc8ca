"""``radcheck agencies PATH``: every agency string of a document and what it resolved to."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from radcheck.cli import fail
from radcheck.cli.options import config_option, input_files, lang_option, output_option, write_output

_HEAD = {
    "id": ("jumlah", "tertulis", "cara", "skor", "hasil"),
    "en": ("count", "written", "method", "score", "resolved to"),
}
_METHOD = {
    "id": {"exact": "tepat", "alias": "alias", "fuzzy": "mirip", "unresolved": "TIDAK DIKENAL"},
    "en": {"exact": "exact", "alias": "alias", "fuzzy": "fuzzy", "unresolved": "UNRESOLVED"},
}


def agency_table(doc: Any, registry: Path | None) -> dict[str, Any]:
    """Distinct agency strings of a document, in order of first appearance, with their resolution."""
    from radcheck.agencies.cells import written_cells
    from radcheck.agencies.registry import KIND_LABELS, load_registry
    from radcheck.agencies.resolve import FUZZY_THRESHOLD, Resolver

    resolver = Resolver(load_registry(doc.region, registry))
    rows: dict[str, dict[str, Any]] = {}
    for ref in written_cells(doc):
        for r in resolver.resolve_cell(ref.cell.raw):
            row = rows.get(r.text)
            if row is None:
                target = r.target
                row = rows[r.text] = {
                    "text": r.text, "count": 0, "lines": [], "roles": [], "method": r.method, "score": r.score,
                    "form": r.form,
                    "resolved": None if target is None else {
                        "id": target.id, "name": target.name, "kind": target.kind, "scope": target.scope,
                        "kind_label": KIND_LABELS.get(target.kind, {}).get("id"),
                    },
                    "candidates": [{"name": n, "score": s} for n, s in r.candidates] if target is None else [],
                }
            row["count"] += 1
            if ref.cell.line is not None and ref.cell.line not in row["lines"]:
                row["lines"].append(ref.cell.line)
            if ref.role not in row["roles"]:
                row["roles"].append(ref.role)
    reg = resolver.registry
    return {
        "path": doc.source,
        "region": doc.region,
        "registry": reg.source,
        "region_registry_found": reg.region is not None,
        "fuzzy_threshold": FUZZY_THRESHOLD,
        "agencies": list(rows.values()),
        "summary": {m: sum(1 for r in rows.values() if r["method"] == m)
                    for m in ("exact", "alias", "fuzzy", "unresolved")},
    }


def render_text(table: dict[str, Any], lang: str, width: int | None = None) -> str:
    """The table as text; ``width``: wrap the last column to it (the terminal's), else lines stay whole."""
    from radcheck.cli.options import wrap_row

    head = _HEAD[lang]
    methods = _METHOD[lang]
    out = [f"{table['path']}: {table['region'] or '?'} — {'registri' if lang == 'id' else 'registry'}: "
           f"{table['registry']}"]
    if not table["region_registry_found"]:
        out += wrap_row("  ", ("PERINGATAN: tidak ada registri untuk wilayah ini; hanya registri nasional dipakai. "
                           "Gunakan --registry FILE." if lang == "id" else
                           "WARNING: no registry for this region; only the national registry is used. "
                           "Give --registry FILE."), width)
    # The written form's column: 45 characters, fewer on a narrow terminal (the other columns and the
    # last column's heading take the rest).
    w = 45 if width is None else max(12, min(45, width - 34 - len(head[4])))
    out.append(f"  {head[0]:>6}  {head[1]:<{w}} {head[2]:<14} {head[3]:>5}  {head[4]}")
    for row in table["agencies"]:
        score = f"{row['score']:g}" if row["score"] is not None else ""
        if row["resolved"]:
            result = f"{row['resolved']['name']} [{row['resolved']['kind']}]"
        else:
            cands = ", ".join(f"{c['name']} ({c['score']:g})" for c in row["candidates"]) or "-"
            result = ("kandidat: " if lang == "id" else "candidates: ") + cands
        text = row["text"] if len(row["text"]) <= w else row["text"][:w - 1] + "…"
        out.extend(wrap_row(f"  {row['count']:>6}  {text:<{w}} {methods[row['method']]:<14} {score:>5}  ", result,
                            width))
    s = table["summary"]
    out.append("  " + ", ".join(f"{methods[m]}: {s[m]}" for m in ("exact", "alias", "fuzzy", "unresolved")))
    return "\n".join(out) + "\n"


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path),
              help="Agency registry file (default: the registry of the region named in the document).")
@lang_option
@config_option
@output_option
def agencies(paths: tuple[Path, ...], fmt: str, registry: Path | None, lang: str | None,
             config_path: Path | None, output: Path | None) -> None:
    """List every agency string of the documents: how often, what it resolved to and how."""
    from radcheck.api import load
    from radcheck.config import load_config
    from radcheck.readers.common import UnreadableInput

    config = load_config(config_path)  # registry and lang from the configuration, as for check
    if registry is None and config.registry:
        registry = Path(config.registry)
    if registry is not None and not registry.is_file():
        fail(f"{registry}: no such file")
    lang = lang or config.lang

    tables = []
    for name in input_files(paths):
        try:
            doc = load(name)
        except UnreadableInput as exc:
            fail(str(exc))
        tables.append(agency_table(doc, registry))
    if fmt == "json":
        write_output(json.dumps({"documents": tables}, ensure_ascii=False, indent=2) + "\n", output)
    else:
        from radcheck.cli.options import terminal_width

        width = terminal_width() if output is None else None
        write_output("\n".join(render_text(t, lang or "id", width) for t in tables), output)
