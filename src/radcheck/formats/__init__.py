"""Output formats: one module each, behind one ``render(report) -> str | bytes`` function.

Formats are imported only when used, so ``radcheck check`` pays for rich or openpyxl only when it
prints text or writes a workbook.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from radcheck.report import Report

# format name → module in this package; binary formats need an output file.
FORMATS: dict[str, str] = {
    "text": "text",
    "concise": "concise",
    "json": "json_report",
    "html": "html",
    "xlsx": "xlsx_report",
    "sarif": "sarif",
    "markdown": "markdown",
}
BINARY = {"xlsx", "html"}  # formats that need -o FILE (REPORT.md: "html/xlsx need a file")
ALL_FORMATS = ("text", "concise", "json", "sarif", "html", "markdown", "xlsx")  # the CLI contract of REPORT.md


class FormatUnavailable(Exception):
    """A format of the contract that this installation cannot write."""


def render(report: Report, fmt: str) -> str | bytes:
    if fmt not in FORMATS:
        raise FormatUnavailable(f"the {fmt} format is not available in this version of radcheck")
    module = importlib.import_module(f"radcheck.formats.{FORMATS[fmt]}")
    return module.render(report)  # type: ignore[no-any-return]
