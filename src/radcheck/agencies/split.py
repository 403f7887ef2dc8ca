"""Split an agency cell into the names it lists.

Cells separate names with commas, semicolons, line breaks (a wrapped cell) and full stops used as
commas (``Dispora. Dinas Pariwisata``); empty entries (``, ,``) are skipped here and reported by A005.

Two artefacts of extracted text are repaired without knowing any registry:

- a line break inside a name (``Dinas\\nSosial``): a fragment made only of generic head words
  ("Dinas", "Badan", "Kantor" …) cannot be a name by itself, so it is joined to the next one;
- a name written twice without a separator (``Dinas Kominfo Dinas Kominfo``) becomes two names, so
  A003 (duplicate-agency) can report it.

Splitting on "dan" needs to know which names exist ("Pemuka masyarakat dan agama" is one name,
"dunia usaha dan akademisi" two), so it lives in :mod:`radcheck.agencies.resolve`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A full stop is a separator when a capitalised word follows, unless it ends a dotted abbreviation
# ("Kab. Bekasi", "dr. Chasbullah", "Prov. Jawa Barat") that belongs to the name.
# The look-behinds follow the full stop (and include it) so the pattern opens with a literal "." that
# the regex engine scans for, instead of trying ten look-behinds at every character of every cell.
_DOTTED = "".join(rf"(?<!\b{short}\.)" for short in ("Kab", "Kec", "Kel", "Prov", "dr", "Dr", "H", "St", "No", "Jl"))
_FULL_STOP = re.compile(r"\." + _DOTTED + r"\s+(?=[A-Z])")
_HARD = re.compile(r"[,;]")
# Words that head a name but are never a name alone: a fragment of only these was cut by a wrap.
_HEAD_WORDS = frozenset({
    "dinas", "badan", "kantor", "bagian", "sekretariat", "lembaga", "kementerian", "kanwil", "unit",
    "uptd", "upt", "rumah", "forum", "pusat", "balai", "satuan", "kepala", "dan", "seluruh", "perangkat",
})


@dataclass(frozen=True)
class CellLayout:
    """What the separators of one cell look like (A005 reads this)."""

    names: tuple[str, ...]
    empty_entries: int  # ", ," or a separator with nothing before it
    full_stop_separators: int  # "Dispora. Dinas Pariwisata"
    trailing_separator: bool  # "…, Dinas Kesehatan,"
    doubled: tuple[str, ...]  # names written twice with no separator between them


def split_agencies(raw: str) -> list[str]:
    """The names in one agency cell, in order, stripped; empty entries dropped."""
    return list(layout(raw).names)


# Merged cells repeat one text on many rows; the graph, the stats and A005 all ask for its layout.
# Bounded, so a huge plan of distinct cells cannot grow it without limit.
_LAYOUT_CACHE = 1 << 15


@lru_cache(maxsize=_LAYOUT_CACHE)
def layout(raw: str) -> CellLayout:
    """Split a cell and describe its separators."""
    empty = 0
    # The separating full stops are replaced by commas and counted in one pass (as piece_texts cuts).
    cut, full_stops = _FULL_STOP.subn(",", raw)
    stripped = raw.strip()
    trailing = bool(stripped) and stripped[-1] in ",;"
    names: list[str] = []
    doubled: list[str] = []
    all_pieces = _HARD.split(cut)
    for i, piece in enumerate(all_pieces):
        found = _piece_layout(piece)
        if found is None:
            # the part after a trailing separator is not an empty entry, only the separator is wrong
            if not (i == len(all_pieces) - 1 and trailing):
                empty += 1
            continue
        names.extend(found[0])
        doubled.extend(found[1])
    return CellLayout(tuple(names), empty, full_stops, trailing, tuple(doubled))


@lru_cache(maxsize=_LAYOUT_CACHE)
def _piece_layout(piece: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The names of one piece of a cell (a name written twice counts twice) and its doubled names;
    None when the piece is empty.  Cells list the same few dozen names over and over: a piece is
    worked out once, not once in every cell that holds it.
    """
    lines = fragments(piece)
    if not lines:
        return None
    names: list[str] = []
    doubled: list[str] = []
    for name in join_wrapped(lines):
        halves = undouble(name)
        if halves:
            doubled.append(halves)
            names.extend([halves, halves])
        else:
            names.append(name)
    return tuple(names), tuple(doubled)


def pieces(raw: str) -> list[list[str]]:
    """The cell cut at commas, semicolons and separating full stops; each piece as its wrapped lines."""
    return [fragments(piece) for piece in piece_texts(raw)]


def piece_texts(raw: str) -> list[str]:
    """The cell cut at commas, semicolons and separating full stops, each piece as written."""
    return _HARD.split(_FULL_STOP.sub(",", raw))


def fragments(piece: str) -> list[str]:
    """One piece of a cell as its wrapped lines, cleaned; blank lines dropped."""
    if "\n" not in piece:  # most pieces: one line
        line = _clean(piece)
        return [line] if line else []
    return [c for c in (_clean(p) for p in piece.split("\n")) if c]


def _clean(text: str) -> str:
    return " ".join(text.strip(" .\t").split())


def join_wrapped(fragments: list[str]) -> list[str]:
    """Wrapped lines of one piece as names: a line that cannot end a name is joined to the next."""
    out: list[str] = []
    carry = ""
    for frag in fragments:
        frag = f"{carry} {frag}".strip() if carry else frag
        words = frag.split()
        if words[-1].lower() in ("dan", "&") or _HEAD_WORDS.issuperset(map(str.lower, words)):
            carry = frag
            continue
        carry = ""
        out.append(frag)
    if carry:
        out.append(carry)
    return out


def undouble(name: str) -> str | None:
    """``"A B A B"`` → ``"A B"``; anything else → None.  Needs two words or more per half."""
    words = name.split()
    n = len(words)
    if n >= 4 and n % 2 == 0 and [w.lower() for w in words[: n // 2]] == [w.lower() for w in words[n // 2:]]:
        return " ".join(words[: n // 2])
    return None
