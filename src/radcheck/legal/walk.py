"""Walking the body: every provision with its Pasal and ayat, and its logical path."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from radcheck.model import Document, Provision


@dataclass(frozen=True)
class Located:
    """A provision with where it sits: the Pasal and ayat around it and its logical path."""

    node: Provision
    pasal: Provision | None
    ayat: Provision | None
    path: str


def located(doc: Document) -> Iterator[Located]:
    """Every provision of the body in reading order, with paths such as ``/body/pasal/3/ayat/2/huruf/c``."""
    for top in doc.provisions:
        yield from _walk(top, None, None, "/body")


def _walk(node: Provision, pasal: Provision | None, ayat: Provision | None, base: str) -> Iterator[Located]:
    if node.kind == "bab":
        path = f"/body/bab/{node.number}"
    elif node.kind == "pasal":
        pasal, ayat, path = node, None, f"/body/pasal/{node.number}"
    elif node.kind == "ayat":
        ayat, path = node, f"{base}/ayat/{node.number}"
    else:
        path = f"{base}/{node.kind}/{node.number}"
    yield Located(node, pasal, ayat, path)
    child_base = path if node.kind != "bab" else "/body"
    for child in node.children:
        yield from _walk(child, pasal, ayat, child_base)


def pasal_index(doc: Document) -> dict[str, Provision]:
    """Pasal by number; the first one when a number is used twice (L005 reports the second)."""
    out: dict[str, Provision] = {}
    for p in doc.pasal():
        out.setdefault(p.number, p)
    return out


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(text: str) -> int | None:
    if not re.fullmatch(r"[IVXLC]+", text):
        return None
    total = 0
    for i, ch in enumerate(text):
        v = _ROMAN[ch]
        total += -v if i + 1 < len(text) and _ROMAN[text[i + 1]] > v else v
    return total


def letter_index(letter: str) -> int | None:
    """a → 1 … z → 26, aa → 27, bb → 28 (Lampiran II: after z come aa, bb …)."""
    if re.fullmatch(r"[a-z]", letter):
        return ord(letter) - 96
    if re.fullmatch(r"([a-z])\1", letter):
        return 26 + ord(letter[0]) - 96
    return None


def index_letter(n: int) -> str:
    return chr(96 + n) if n <= 26 else chr(96 + n - 26) * 2
