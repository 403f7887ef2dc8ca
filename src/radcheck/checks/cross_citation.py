"""X001: the same regulation cited with different titles by documents checked together."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
from radcheck.legal.hierarchy import load_hierarchy
from radcheck.model import Citation, Document
from radcheck.words import word


def citation_key(c: Citation) -> tuple[str, str, int, int] | None:
    """(kind, issuer, number, year), normalised; None when the citation could not be read that far."""
    if c.number is None or c.year is None or not c.kind:
        return None
    kind = load_hierarchy().classify(c.raw)
    kind_id = kind.id if kind else re.sub(r"\s+", " ", c.kind.lower())
    issuer = re.sub(r"\s+", " ", (c.issuer or c.kind).lower()).replace("negara ", "")
    return kind_id, issuer, c.number, c.year


def _norm(title: str) -> str:
    t = re.sub(r"[\"'“”()*,.;:]", " ", title.lower())
    return re.sub(r"\s+", " ", t).strip()


def _name(c: Citation) -> str:
    kind = c.kind if c.kind != "Peraturan Daerah" else f"Peraturan Daerah {c.issuer}"
    return f"{kind} Nomor {c.number} Tahun {c.year}"


@rule("X001", scope="corpus")
def check_citation_conflict(docs: Sequence[Document], ctx: Context) -> Iterator[Hit]:
    cited: dict[tuple[str, str, int, int], list[tuple[Document, Citation]]] = {}
    for doc in docs:
        for c in doc.mengingat:
            key = citation_key(c)
            if key is not None and c.title:
                cited.setdefault(key, []).append((doc, c))
    for uses in cited.values():
        titles = {_norm(c.title or "") for _, c in uses}
        if len(titles) < 2:
            continue
        for doc, c in uses:
            other_doc, other = next((d, o) for d, o in uses if _norm(o.title or "") != _norm(c.title or ""))
            if other_doc is doc:
                where: dict[str, str] | str = word("citation-elsewhere-here", number=other.no)
            else:
                where = other_doc.source
            yield hit("X001", f"/body/mengingat/{c.no}", line=c.line, end_line=c.end_line, excerpt=c.raw,
                      document=doc.source, regulation=_name(c), title=c.title, other_title=other.title,
                      other_document=where)
