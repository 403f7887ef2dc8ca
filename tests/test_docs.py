"""The documents in docs/ that are made from code are current."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

from radcheck.catalogue import load_catalogue, markdown


def test_rules_md_is_the_catalogue() -> None:
    """Changed rules/catalogue/?  Run ``python -m radcheck.catalogue --markdown > docs/RULES.md``."""
    assert (ROOT / "docs" / "RULES.md").read_text(encoding="utf-8") == markdown(), (
        "docs/RULES.md is stale: run 'python -m radcheck.catalogue --markdown > docs/RULES.md'")


def test_rules_md_lists_every_rule_once() -> None:
    text = markdown()
    for meta in load_catalogue().values():
        assert text.count(f"| {meta.code} | {meta.name} |") == 1


def test_the_command_prints_it() -> None:
    out = subprocess.run([sys.executable, "-m", "radcheck.catalogue", "--markdown"], capture_output=True,
                         text=True, check=True).stdout
    assert out == markdown()
    assert subprocess.run([sys.executable, "-m", "radcheck.catalogue"], capture_output=True).returncode != 0
