"""Builders of hostile documents for tests/test_hostile_inputs.py: small files that claim huge sizes."""

from __future__ import annotations

import re

import office_fixtures as of
from conftest import PUG


def xlsx_far_cell(row: int = 1048576, styled_only: bool = False, workbook: bytes | None = None) -> bytes:
    """The seed's workbook (or ``workbook``) with one more cell far below (a value, or only a style)."""
    cell = (f'<c r="A{row}" s="0"/>' if styled_only else f'<c r="A{row}" t="inlineStr"><is><t>x</t></is></c>')
    return of.rewrite_member(workbook or of.write_xlsx(PUG), "xl/worksheets/sheet1.xml",
                             lambda s: s.replace("</sheetData>", f'<row r="{row}">{cell}</row></sheetData>'))


def xlsx_huge_merge(ref: str = "N1:N1048576") -> bytes:
    """The seed's workbook with a merge over a whole column."""
    def change(s: str) -> str:
        s = re.sub(r'<mergeCells count="(\d+)">', lambda m: f'<mergeCells count="{int(m.group(1)) + 1}">', s)
        return s.replace("</mergeCells>", f'<mergeCell ref="{ref}"/></mergeCells>')
    return of.rewrite_member(of.write_xlsx(PUG), "xl/worksheets/sheet1.xml", change)


def docx_grid_before(n: int = 1_000_000) -> bytes:
    """The seed as Word, its first table row claiming ``n`` grid columns skipped before it."""
    return of.rewrite_member(of.write_docx(PUG), "word/document.xml",
                             lambda s: s.replace("<w:tr>", f'<w:tr><w:trPr><w:gridBefore w:val="{n}"/></w:trPr>', 1))


def docx_start_override(n: int = 10**12) -> bytes:
    """The seed as Word, its list numbering restarting at ``n``."""
    def change(s: str) -> str:
        return s.replace('<w:startOverride w:val="1"/>', f'<w:startOverride w:val="{n}"/>').replace(
            '<w:start w:val="1"/>', f'<w:start w:val="{n}"/>')
    return of.rewrite_member(of.write_docx(PUG), "word/numbering.xml", change)


def docx_lampiran_pairs(n: int = 16_000) -> bytes:
    """The seed as Word with ``n`` pairs of a LAMPIRAN paragraph and an empty one before the end."""
    pairs = '<w:p><w:r><w:t>LAMPIRAN</w:t></w:r></w:p><w:p/>' * n
    return of.rewrite_member(of.write_docx(PUG), "word/document.xml",
                             lambda s: s.replace("<w:sectPr", pairs + "<w:sectPr", 1))
