"""``radcheck rules`` and ``radcheck rule CODE|NAME``: documentation generated from the rule metadata."""

from __future__ import annotations

import json

import click

from radcheck.cli import fail
from radcheck.cli.options import lang_option

_HEAD = {
    "id": {"what": "Yang diperiksa", "why": "Mengapa", "fail": "Contoh yang gagal", "pass": "Contoh yang lolos",
           "basis": "Dasar hukum", "none": "tidak ada", "family": "Keluarga", "message": "Pesan",
           "suggestion": "Saran", "variants": "Ragam temuan (pesan lain untuk sebagian temuan)",
           "off": "nonaktif kecuali dipilih dengan --select {code}"},
    "en": {"what": "What it flags", "why": "Why", "fail": "Failing example", "pass": "Passing example",
           "basis": "Legal basis", "none": "none", "family": "Family", "message": "Message",
           "suggestion": "Suggestion", "variants": "Variants (another wording for some findings)",
           "off": "off unless chosen with --select {code}"},
}
def _family(letter: str, lang: str) -> str:
    from radcheck.catalogue import FAMILY_NAMES

    return FAMILY_NAMES.get(lang, FAMILY_NAMES["en"])[letter]


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def rules_command(fmt: str, lang: str | None) -> None:
    """List every rule: code, name, severity, family."""
    from radcheck.api import rules
    from radcheck.catalogue import FAMILY_NAMES
    from radcheck.cli.options import terminal_width, wrap_row

    lang = lang or "id"
    metas = rules()
    if fmt == "json":
        data = [{"code": m.code, "name": m.name, "severity": m.severity, "family": m.family,
                 "default": m.default, "summary": m.summary.get(lang), "legal_basis": m.legal_basis,
                 "variants": {key: {"severity": v.severity or m.severity, "message": v.message.get(lang)}
                              for key, v in m.variants.items()}} for m in metas]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    width = terminal_width()
    families = FAMILY_NAMES[lang]
    for m in metas:
        off = f" [{_HEAD[lang]['off'].format(code=m.code)}]" if m.off_by_default else ""
        prefix = f"{m.code}  {m.name:<32} {m.severity:<8} {m.family} ({families[m.family]})  "
        if width is not None and len(prefix) > width:  # a narrow terminal: no padding, the family by letter
            prefix = f"{m.code} {m.name} {m.severity} {m.family}  "
        for line in wrap_row(prefix, f"{m.summary.get(lang)}{off}", width):
            click.echo(line)


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
    click.echo(f"\n{h['family']}:\n  {m.family} ({_family(m.family, lang)})")
    click.echo(f"\n{h['what']}:\n  {m.summary.get(lang)}")
    click.echo(f"\n{h['why']}:\n  {m.rationale.get(lang)}")
    click.echo(f"\n{h['message']}:\n  {m.message.get(lang)}")
    if m.suggestion is not None:
        click.echo(f"\n{h['suggestion']}:\n  {m.suggestion.get(lang)}")
    if m.variants:
        click.echo(f"\n{h['variants']}:")
        for key, v in m.variants.items():
            click.echo(f"  {key} ({v.severity or m.severity}): {v.message.get(lang)}")
    click.echo(f"\n{h['fail']}:\n  {m.examples.fail}")
    click.echo(f"\n{h['pass']}:\n  {m.examples.pass_}")
    click.echo(f"\n{h['basis']}:\n  {m.legal_basis or h['none']}")
