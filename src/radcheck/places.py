"""Places in a file in words, for messages and reports: ``baris 12``, ``hlm. 7, baris tabel 4``, ``lembar K,
sel F4``, ``tabel 2, baris 9``.  Rules name other places with them (``locate.lines_in_words``) and formats
say where a finding is, so they live below both."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from radcheck.words import texts_in


def place_words(lang: str) -> Mapping[str, str]:
    """The words of places in ``lang`` (rules/words.yaml ``place``): ``line`` is "baris" or "line"."""
    return texts_in("place", "en" if lang == "en" else "id")


def place_text(location: Mapping[str, Any] | None, lang: str = "id", *, pasal: bool = True) -> str:
    """A finding's location as a person reads it: ``baris 12``, ``hlm. 7, baris tabel 4``, ``lembar K,
    sel F4``, ``paragraf 31``, ``tabel 2, baris 9``; with ``Pasal 3 ayat (2)`` after it where one applies."""
    if not location:
        return ""
    w = place_words(lang)
    parts: list[str] = []
    if "page" in location:
        parts.append(f"{w['page']} {location['page']}")
        if "table_row" in location:
            parts.append(f"{w['table_row']} {location['table_row']}")
    if "sheet" in location:
        parts.append(f"{w['sheet']} {location['sheet']}")
        if "row" in location and "column" in location:
            parts.append(f"{w['cell']} {location['column']}{location['row']}")
        elif "row" in location:
            parts.append(f"{w['row']} {location['row']}")
    elif "table" in location:
        parts.append(f"{w['table']} {location['table']}")
        if "row" in location:
            parts.append(f"{w['row']} {location['row']}")
    if "paragraph" in location:
        parts.append(f"{w['paragraph']} {location['paragraph']}")
    if not parts and "line" in location:
        parts.append(f"{w['line']} {location['line']}")
    if pasal and location.get("pasal"):
        parts.append(str(location["pasal"]))
    return ", ".join(parts)


MAX_PLACES_LISTED = 10  # a message lists the first places of a repeated defect; the report gives them all


def _container_and_spot(location: Mapping[str, Any], w: Mapping[str, str]) -> tuple[str, str, Any]:
    """A place split into what holds it (a page, a sheet, a Word table; "" for none) and the spot in it."""
    if "page" in location:
        if "table_row" in location:
            return f"{w['page']} {location['page']}", w["table_row"], location["table_row"]
        return "", w["page"], location["page"]
    if "sheet" in location:
        if "row" in location:
            return f"{w['sheet']} {location['sheet']}", w["row"], location["row"]
        return "", w["sheet"], location["sheet"]
    if "table" in location:
        if "row" in location:
            return f"{w['table']} {location['table']}", w["row"], location["row"]
        return "", w["table"], location["table"]
    if "paragraph" in location:
        return "", w["paragraph"], location["paragraph"]
    return "", w["line"], location.get("line")


def places_text(locations: Sequence[Mapping[str, Any] | None], lang: str = "id",
                limit: int = MAX_PLACES_LISTED) -> str:
    """Several places in words, for a message naming where a repeated defect is: ``baris 149, 152``
    (text), ``lembar B, baris 4, 7; lembar C, baris 2`` (Excel), ``hlm. 3, baris tabel 4, 5`` (PDF),
    ``tabel 2, baris 4, 9; paragraf 31`` (Word).  Places follow the order given, each once; past
    ``limit`` an ellipsis says there are more.  "" when no place is known."""
    w = place_words(lang)
    groups: list[tuple[str, str, list[str]]] = []
    seen: set[tuple[str, str, str]] = set()
    more = False
    for location in locations:
        if not location:
            continue
        container, word, spot = _container_and_spot(location, w)
        if spot is None or (container, word, str(spot)) in seen:
            continue
        if len(seen) >= limit:
            more = True
            break
        seen.add((container, word, str(spot)))
        if groups and groups[-1][:2] == (container, word):
            groups[-1][2].append(str(spot))
        else:
            groups.append((container, word, [str(spot)]))
    text = "; ".join(", ".join(p for p in (container, f"{word} {', '.join(spots)}") if p)
                     for container, word, spots in groups)
    return text + (" …" if more and text else "")
