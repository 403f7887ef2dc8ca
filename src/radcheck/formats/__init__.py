"""Output formats: one module each, behind one ``render(report) -> str | bytes`` function.

The report (``radcheck.report``) holds the data; a format only reads it.  Formats are imported only when
used, so ``radcheck check`` pays for rich or openpyxl only when it prints text or writes a workbook.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from radcheck.report import Report


class Format(NamedTuple):
    module: str  # the module in this package that renders it
    needs_file: bool = False  # html and xlsx are written to a file (-o), never to the terminal


# Every format, in the order of the CLI's --format choices (docs/REPORT.md).
FORMATS: dict[str, Format] = {
    "text": Format("text"),
    "concise": Format("concise"),
    "json": Format("json_report"),
    "sarif": Format("sarif"),
    "html": Format("html", needs_file=True),
    "markdown": Format("markdown"),
    "xlsx": Format("xlsx_report", needs_file=True),
}


def render(report: Report, fmt: str) -> str | bytes:
    """The report in one of :data:`FORMATS` (bytes for ``xlsx``)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"radcheck.formats.{FORMATS[fmt].module}")
    return module.render(report)  # type: ignore[no-any-return]
