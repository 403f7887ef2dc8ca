"""Split an agency cell into the names it lists.

Cells separate names with commas, semicolons, line breaks (a wrapped cell) and full stops used as
commas (``Dispora. Dinas Pariwisata``); empty entries (``, ,``) are skipped here and reported by A005.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[,;\n]|\.\s+(?=[A-Z])")


def split_agencies(raw: str) -> list[str]:
    """The names in one agency cell, in order, stripped; empty entries dropped."""
    parts = (p.strip(" .\t") for p in _SEPARATORS.split(raw))
    return [" ".join(p.split()) for p in parts if p.strip(" .\t")]
