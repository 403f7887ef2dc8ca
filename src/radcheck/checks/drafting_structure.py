"""L004–L006 and L010: references, numbering, counts, and the articles that enumerate the annex."""

from __future__ import annotations

import re
from collections.abc import Iterator

from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
from radcheck.legal.numbers import int_to_words, number_pairs
from radcheck.legal.references import find_references, malformed_phrases, resolve
from radcheck.legal.terms import content_words, overlap
from radcheck.legal.walk import index_letter, letter_index, located, pasal_index, roman_to_int
from radcheck.model import Document, Provision, Section
from radcheck.numbers import to_roman
from radcheck.words import word

# --- L004 ------------------------------------------------------------------------------------


@rule("L004")
def check_unresolved_reference(doc: Document, ctx: Context) -> Iterator[Hit]:
    letters = [c.no for c in doc.menimbang]
    for i, clause in enumerate(doc.menimbang):
        path = f"/body/menimbang/{clause.no}"
        yield from _malformed(clause.text, path, clause.line)
        for ref in find_references(clause.text):
            if ref.first_level != "huruf" or len(ref.locators) != 1:
                continue
            for n in ref.locators[0].numbers:
                if n not in letters[:i]:
                    problem = word("reference-problem.no-earlier-letter", letter=n, item=clause.no)
                    yield hit("L004", path, line=clause.line, end_line=clause.end_line, excerpt=clause.text,
                              reference=ref.phrase, problem=problem)
                    break
    pasal_by_number = pasal_index(doc)
    for loc in located(doc):
        text = loc.node.text
        if not text or loc.node.kind == "bab":
            continue
        yield from _malformed(text, loc.path, loc.node.line)
        for ref in find_references(text):
            missing = resolve(ref, pasal_by_number, loc.pasal, loc.ayat)
            if missing is None:
                continue
            where = f"Pasal {loc.pasal.number}" if loc.pasal is not None else ""
            problem = (word("reference-problem.missing-from", missing=missing, where=where) if where
                       else word("reference-problem.missing", missing=missing))
            yield hit("L004", loc.path, line=loc.node.line, end_line=loc.node.end_line, excerpt=text,
                      reference=ref.phrase, problem=problem)


def _malformed(text: str, path: str, line: int | None) -> Iterator[Hit]:
    """A reference phrase worded wrongly ('padahuruf', a missing 'pada'/'dalam'): a typo to fix, a
    warning, where a reference to nothing (above) must change before signing, an error."""
    for bad in malformed_phrases(text):
        yield hit("L004", path, line=line, excerpt=text, reference=bad.phrase,
                  problem=word(f"reference-wording.{bad.problem}"), variant="wording")


# --- L005 ------------------------------------------------------------------------------------


def _sequence_problems(items: list[tuple[int | None, str]], first: int = 1) -> Iterator[tuple[int, dict[str, str],
                                                                                              int]]:
    """(index, problem, expected) for each item that skips or repeats; ``items`` are (value, label)."""
    prev = first - 1
    for idx, (value, label) in enumerate(items):
        if value is None:
            continue
        if value == prev + 1:
            prev = value
            continue
        if value <= prev:
            problem = word("numbering-problem.back", label=label, previous=prev)
        else:
            problem = word("numbering-problem.skip", label=label, previous=prev)
        yield idx, problem, prev + 1
        prev = max(prev, value)


def _pasal_value(number: str) -> int | None:
    m = re.fullmatch(r"(\d+)([A-Z]?)", number)
    if not m or m.group(2):
        return None  # "Pasal 5A" is an inserted article of an amending regulation: not numbered in sequence
    return int(m.group(1))


@rule("L005")
def check_numbering_gap(doc: Document, ctx: Context) -> Iterator[Hit]:
    babs = [p for p in doc.provisions if p.kind == "bab"]
    for idx, problem, expected in _sequence_problems([(roman_to_int(b.number), f"BAB {b.number}") for b in babs]):
        b = babs[idx]
        yield hit("L005", f"/body/bab/{b.number}", line=b.line, excerpt=f"BAB {b.number} {b.heading or ''}",
                  item=f"BAB {b.number}", problem=problem, expected=f"BAB {to_roman(expected)}")
    pasals = doc.pasal()
    for idx, problem, expected in _sequence_problems([(_pasal_value(p.number), f"Pasal {p.number}") for p in pasals]):
        p = pasals[idx]
        yield hit("L005", f"/body/pasal/{p.number}", line=p.line, excerpt=f"Pasal {p.number}",
                  item=f"Pasal {p.number}", problem=problem, expected=f"Pasal {expected}")
    for loc in located(doc):
        if loc.node.kind in ("bab",):
            continue
        for kind in ("ayat", "huruf", "angka"):
            kids = [c for c in loc.node.children if c.kind == kind]
            if not kids:
                continue
            values = [(_item_value(kind, c.number), _label(kind, c.number)) for c in kids]
            for idx, problem, expected in _sequence_problems(values):
                c = kids[idx]
                yield hit("L005", f"{loc.path}/{kind}/{c.number}", line=c.line, excerpt=c.text,
                          item=f"{_label(kind, c.number)} ({_owner(loc.path)})", problem=problem,
                          expected=_label(kind, index_letter(expected) if kind == "huruf" else str(expected)))


def _item_value(kind: str, number: str) -> int | None:
    return letter_index(number) if kind == "huruf" else int(number) if number.isdigit() else None


def _label(kind: str, number: str) -> str:
    return f"ayat ({number})" if kind == "ayat" else f"{kind} {number}"


def _owner(path: str) -> str:
    parts = path.removeprefix("/body/").split("/")
    words = []
    for k, v in zip(parts[::2], parts[1::2], strict=False):
        words.append(f"ayat ({v})" if k == "ayat" else f"{k.capitalize() if k == 'pasal' else k} {v}")
    return " ".join(words)




# --- L006 ------------------------------------------------------------------------------------

# "terdiri atas 12 (dua belas) bidang", "meliputi 3 (tiga) program": a count of listed items.
_COUNT_VERB = re.compile(r"\b(?:terdiri\s+(?:atas|dari)|meliputi|mencakup|sebanyak|berjumlah)\s+$", re.IGNORECASE)
_LIST_INTRO = re.compile(
    r"(?:terdiri\s+(?:atas|dari)|meliputi|mencakup|sebagai\s+berikut|yaitu|antara\s+lain)\s*:?\s*$", re.IGNORECASE)


@rule("L006")
def check_count_mismatch(doc: Document, ctx: Context) -> Iterator[Hit]:
    texts: list[tuple[str, str, int | None, Provision | None, Provision | None]] = [
        (c.text, f"/body/menimbang/{c.no}", c.line, None, None) for c in doc.menimbang]
    for loc in located(doc):
        if loc.node.text:
            texts.append((loc.node.text, loc.path, loc.node.line, loc.node, loc.pasal))
    for text, path, line, node, pasal in texts:
        for pair in number_pairs(text):
            written = text[pair.start : pair.end].strip()
            if not pair.agrees:
                words = int_to_words(pair.digit_value) if pair.digit_value is not None else "?"
                yield hit("L006", path, line=line, excerpt=text, written=written,
                          problem=word("count-problem.words", digits=pair.digits, words=pair.words),
                          fix=word("count-problem.words-fix", digits=pair.digits, spelled=words))
                continue
            if node is None or not _COUNT_VERB.search(text[: pair.start]):
                continue
            listed = _listed_items(node, pasal, pair.noun)
            if listed is None:
                continue
            count, where = listed
            if count != pair.digit_value:
                yield hit("L006", path, line=line, excerpt=text, written=written,
                          problem=word("count-problem.listed", stated=pair.digit_value, noun=pair.noun, where=where,
                                       count=count),
                          fix=word("count-problem.listed-fix", count=count, spelled=int_to_words(count),
                                   noun=pair.noun))


def _listed_items(node: Provision, pasal: Provision | None, noun: str) -> tuple[int, dict[str, str] | str] | None:
    """The items a count refers to: the node's own list, or the list of a later ayat of the same Pasal
    that refers back to this ayat ("Bidang aksi sebagaimana dimaksud pada ayat (1) terdiri atas: …")."""
    own = [c for c in node.children if c.kind in ("huruf", "angka")]
    if own and _LIST_INTRO.search(node.text):
        return len(own), word("count-problem.own-list")
    if node.kind != "ayat" or pasal is None:
        return None
    back = re.compile(rf"dimaksud\s+(?:pada|dalam)\s+ayat\s+\({re.escape(node.number)}\)", re.IGNORECASE)
    for sibling in pasal.children:
        if sibling.kind != "ayat" or sibling is node or not back.search(sibling.text):
            continue
        if noun and noun[:5] not in sibling.text.lower():
            continue
        items = [c for c in sibling.children if c.kind in ("huruf", "angka")]
        if items and _LIST_INTRO.search(sibling.text):
            return len(items), f"ayat ({sibling.number})"
    return None


# --- L010 ------------------------------------------------------------------------------------

# Words every section title and field name share: they say nothing about which field it is.
_SECTION_GENERIC = {"bidang", "urusan", "program", "rencana", "aksi", "daerah", "kegiatan", "tahun", "peningkatan"}
# An item and a section are the same field when this share of the item's words is in the title.
_SAME_FIELD = 0.6
# A list describes the annex when it matches at least this many sections and half of all sections.
_MIN_MATCHED_SECTIONS = 2


def _field_words(text: str) -> str:
    text = re.sub(r"\b(?:19|20)\d{2}\b", " ", text)
    return " ".join(w for w in content_words(text) if w not in _SECTION_GENERIC)


def _same_field(item: str, section: Section) -> bool:
    a, b = _field_words(item), _field_words(section.title)
    if not a or not b:
        return False
    return overlap(a, b) >= _SAME_FIELD and overlap(b, a) >= _SAME_FIELD / 2


def _same_place(label: str, letter: str) -> bool:
    """A section labelled ``label`` stands where huruf ``letter`` does: the same letter, or the same
    position numbered otherwise (RAD KLA annexes number the five klaster I … V, Permen PPPA 12/2022,
    for the huruf a … e of the article)."""
    label = label.strip().rstrip(".")
    if label.lower() == letter:
        return True
    position = letter_index(letter)
    return position is not None and position in (roman_to_int(label.upper()), int(label) if label.isdigit() else None)


@rule("L010")
def check_annex_section_mismatch(doc: Document, ctx: Context) -> Iterator[Hit]:
    sections = [s for s in doc.sections if s.title]
    if len(sections) < _MIN_MATCHED_SECTIONS:
        return
    # Table text under the Lampiran that no section holds: a field may be there, unread.
    unread = any(n.code == "P005" or (n.code == "P002" and n.path.rstrip("/") == "/lampiran") for n in doc.notes)
    for loc in located(doc):
        items = [c for c in loc.node.children if c.kind == "huruf"]
        if len(items) < _MIN_MATCHED_SECTIONS:
            continue
        match: dict[int, Section] = {}
        for i, item in enumerate(items):
            found = next((s for s in sections if _same_field(item.text, s)), None)
            if found is not None:
                match[i] = found
        matched_sections = {id(s) for s in match.values()}
        if len(matched_sections) < _MIN_MATCHED_SECTIONS or len(matched_sections) * 2 < len(sections):
            continue  # this list is about something else (who takes part, aims …)
        article = _owner(loc.path)
        for i, item in enumerate(items):
            name = item.text.rstrip(" ;.,").removesuffix("; dan").removesuffix("; atau").rstrip(" ;")
            name = re.sub(r";?\s*(?:dan|atau)$", "", name).strip()
            section = match.get(i)
            if section is None and unread:
                continue  # the annex holds table text that was not read (P005/P002): absence is not known
            if section is None:
                yield hit("L010", f"{loc.path}/huruf/{item.number}", line=item.line, excerpt=item.text,
                          article=article, number=item.number, name=name, upper=item.number.upper())
            elif not _same_place(section.letter, item.number):
                yield hit("L010", f"/lampiran/{section.letter}", line=section.line, excerpt=section.title,
                          article=article, number=item.number, name=name, upper=item.number.upper(),
                          letter=section.letter, title=section.title, variant="lettered")
        listed = {id(s) for s in match.values()}
        for s in sections:
            if id(s) not in listed:
                yield hit("L010", f"/lampiran/{s.letter}", line=s.line, excerpt=s.title, article=article,
                          letter=s.letter, title=s.title, variant="unlisted")
