"""The JSON report of docs/REPORT.md: stable keys, sorted findings, byte-identical for the same input."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from radcheck.report import Report


def render(report: Report) -> str:
    return report.to_json()
