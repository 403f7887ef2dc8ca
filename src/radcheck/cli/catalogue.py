"""``radcheck rules`` and ``radcheck rule CODE|NAME``: documentation generated from the rule metadata."""

from __future__ import annotations

import json

import click

from radcheck.cli import fail
from radcheck.cli.options import lang_option

_HEAD = {
    "id": {"what": "Yang diperiksa", "why": "Mengapa", "fail": "Contoh yang gagal", "pass": "Contoh yang lolos",
           "basis": "Dasar hukum", "none": "tidak ada", "family": "Keluarga", "message": "Pesan",
           "off": "nonaktif kecuali dipilih dengan --select {code}"},
    "en": {"what": "What it flags", "why": "Why", "fail": "Failing example", "pass": "Passing example",
           "basis": "Legal basis", "none": "none", "family": "Family", "message": "Message",
           "off": "off unless chosen with --select {code}"},
}


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def rules_command(fmt: str, lang: str | None) -> None:
    """List every rule: code, name, severity, family."""
    from radcheck.api import rules
    from radcheck.catalogue import FAMILIES

    lang = lang or "id"
    metas = rules()
    if fmt == "json":
        data = [{"code": m.code, "name": m.name, "severity": m.severity, "family": m.family,
                 "default": m.default, "summary": m.summary.get(lang), "legal_basis": m.legal_basis} for m in metas]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for m in metas:
        off = f" [{_HEAD[lang]['off'].format(code=m.code)}]" if m.off_by_default else ""
        click.echo(f"{m.code}  {m.name:<32} {m.severity:<8} {m.family} ({FAMILIES[m.family]})  {m.summary.get(lang)}"
                   f"{off}")


@click.command("rule")
@click.argument("rule_id")
@lang_option
def rule_command(rule_id: str, lang: str | None) -> None:
    """Explain one rule: what it flags, why, a failing and a passing example, the legal basis."""
    from radcheck.catalogue import load_catalogue
    from radcheck.engine import SelectionError, resolve_selection

    lang = lang or "id"
    catalogue = load_catalogue()
    try:
        codes = resolve_selection([rule_id], catalogue)
    except SelectionError as exc:
        fail(str(exc))
    if len(codes) != 1:
        fail(f"{rule_id!r} names a family of {len(codes)} rules; give one code or name (see 'radcheck rules')")
    m = catalogue[codes.pop()]
    h = _HEAD[lang]
    off = f"; {h['off'].format(code=m.code)}" if m.off_by_default else ""
    click.echo(f"{m.code} {m.name} ({m.severity}{off})")
    click.echo(f"\n{h['what']}:\n  {m.summary.get(lang)}")
    click.echo(f"\n{h['why']}:\n  {m.rationale.get(lang)}")
    click.echo(f"\n{h['message']}:\n  {m.message.get(lang)}")
    click.echo(f"\n{h['fail']}:\n  {m.examples.fail}")
    click.echo(f"\n{h['pass']}:\n  {m.examples.pass_}")
    click.echo(f"\n{h['basis']}:\n  {m.legal_basis or h['none']}")
