"""L001–L003: terms and abbreviations of Ketentuan Umum (Pasal 1) and their use.

L001 reads the body (Menimbang and every provision) and the annex's section titles and the texts of
its issues, goals, outcomes, activities and indicators.  It does not read unit (Satuan) or agency
cells: agency names and their abbreviations are the A family's business.  Each undefined
abbreviation is reported once per document, at its first use, with the number of uses.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
from radcheck.legal.terms import (
    AbbreviationUse,
    abbreviation_uses,
    compare_definition,
    load_common_abbreviations,
    normalise_abbreviation,
    words,
)
from radcheck.legal.walk import located
from radcheck.model import Document, Indicator, PlanNode
from radcheck.words import word

# In shouted text (mostly capitals: a section title in caps) long capitalised words are words, not
# abbreviations; abbreviations in Indonesian plans are at most five letters unless they carry digits.
_SHOUTED_SHARE = 0.6
_SHOUTED_MAX_ABBR = 5


class _Text(NamedTuple):  # a NamedTuple: made for every text that holds an abbreviation, so it must be cheap
    text: str
    path: str
    line: int | None


_Place = tuple[str, str, str, "int | None"]  # text, path prefix, path rest, line


def _reading(doc: Document) -> tuple[list[str], list[_Place | PlanNode | Indicator]]:
    """Every text L001 reads, in reading order, and beside each where it is: a place
    ``(text, path prefix, path rest, line)``, or the plan node or indicator it is the text of.

    The body (Menimbang, then every provision that has a text) comes first, then per annex table its
    title, its plan nodes and its indicators.  A large plan has tens of thousands of texts of which a
    handful hold an abbreviation: the annex's rows are listed as they stand, and :func:`_place` makes a
    place only for a text that needs one.
    """
    texts = [c.text for c in doc.menimbang]
    where: list[_Place | PlanNode | Indicator] = [(c.text, "/body/menimbang/", c.no, c.line) for c in doc.menimbang]
    for loc in located(doc):
        if loc.node.text:
            texts.append(loc.node.text)
            where.append((loc.node.text, loc.path, "", loc.node.line))
    for sec in doc.sections:
        texts.append(sec.title)
        where.append((sec.title, "/lampiran/", sec.letter, sec.line))
        nodes = sec.nodes()
        texts += [node.text for node in nodes]
        where += nodes
        texts += [ind.text for ind in sec.indicators]
        where += sec.indicators
    return texts, where


def _place(where: _Place | PlanNode | Indicator) -> _Place:
    if isinstance(where, tuple):
        return where
    return where.text, "/lampiran/", where.id, where.line


def _vocabulary(texts: Iterable[str]) -> set[str]:
    """Words the document writes in lower case somewhere: their capitalised form is not an abbreviation."""
    # Each distinct word is judged once: a large plan repeats the same few thousand words.
    distinct = set(re.findall(r"[A-Za-z]+", "\n".join(texts)))
    # "a lower-case letter after the first" is "the rest is not all capitals" for a word of letters
    return {w.lower() for w in distinct if (len(w) > 1 and not w[1:].isupper()) or w.islower()}


def _shouted(text: str) -> bool:
    letters = "".join(filter(str.isalpha, text))
    return bool(letters) and sum(map(str.isupper, letters)) / len(letters) > _SHOUTED_SHARE


def defined_abbreviations(doc: Document) -> set[str]:
    return {normalise_abbreviation(d.abbreviation) for d in doc.definitions if d.abbreviation}


def _abbreviations(text: str, vocab: set[str]) -> list[AbbreviationUse]:
    """The abbreviation uses L001 counts in one text: long ones in shouted text are words, not counted."""
    uses = []
    shouted: bool | None = None  # judged only for a text holding a long abbreviation: most hold none
    for use in abbreviation_uses(text, vocab):
        if len(use.text) > _SHOUTED_MAX_ABBR and use.text.isalpha():
            if shouted is None:
                shouted = _shouted(text)
            if shouted:
                continue
        uses.append(use)
    return uses


_CONNECTORS = {"dan", "and", "of", "di", "ke", "untuk", "yang", "the", "&"}


def _spells(ws: list[str], abbr: str) -> bool:
    """Whether the words spell the abbreviation: each word gives its initial, a word in capitals
    ("OSIS" in "Forum OSIS") all its letters; connectors ("dan", "of") may give nothing."""
    letters = "".join(c for c in abbr.upper() if c.isalnum())
    pos = 0
    for w in ws:
        if pos < len(letters) and w.isupper() and len(w) > 1 and letters.startswith(w.upper(), pos):
            pos += len(w)
        elif pos < len(letters) and w[:1].upper() == letters[pos]:
            pos += 1
        elif w.lower() not in _CONNECTORS:
            return False
    return pos == len(letters) and len(ws) >= 2


_WORD = re.compile(r"[\w&]+")


def spelled_out(text: str, use: AbbreviationUse) -> bool:
    """Whether the text spells the abbreviation out where it writes it: ``FOSIS (Forum OSIS)``, or
    ``(Age Specific Fertility Rate/ASFR)``.  Such a text defines the abbreviation for its reader."""
    after = text[use.start + len(use.text):].lstrip()
    if after.startswith("("):
        inside = after[1:].split(")", 1)[0]
        if _spells(_WORD.findall(inside), use.text):
            return True
    before = text[: use.start].rstrip()
    if before.endswith(("/", "(", "-")):
        ws = _WORD.findall(re.split(r"[()]", before[:-1])[-1])
        return any(_spells(ws[k:], use.text) for k in range(max(0, len(ws) - 12), len(ws) - 1))
    return False


@rule("L001")
def check_undefined_abbreviation(doc: Document, ctx: Context) -> Iterator[Hit]:
    if not doc.pasal():
        # An annex alone (a workbook of the plan tables, the body in another file) has no Ketentuan
        # Umum to be checked against: what it abbreviates may well be defined in the body.
        return
    texts, where = _reading(doc)
    # A plan repeats its wordings: each distinct text is read once, in order of first appearance.
    distinct = dict.fromkeys(texts)
    vocab = _vocabulary(distinct)
    uses_in = {text: found for text in distinct if (found := _abbreviations(text, vocab))}
    defined = defined_abbreviations(doc)
    common = load_common_abbreviations()
    places = [_place(where[k]) for k, text in enumerate(texts) if text in uses_in]
    uses = [(_Text(text, base + rest, line), use) for text, base, rest, line in places for use in uses_in[text]]
    introduced = {normalise_abbreviation(u.text) for text, found in uses_in.items() for u in found
                  if u.introduced or spelled_out(text, u)}  # each text that holds the use, once
    known = defined | introduced | set(common)
    defined_written = sorted({d.abbreviation for d in doc.definitions if d.abbreviation})
    first: dict[str, tuple[_Text, str]] = {}
    count: dict[str, int] = {}
    for t, use in uses:
        key = normalise_abbreviation(use.text)
        if key in known:
            continue
        parts = use.text.split()
        # "RA PPP" near the defined "RAD PPP" is one misspelt abbreviation; "UAS SD" is two abbreviations
        if len(parts) > 1 and not difflib.get_close_matches(use.text, defined_written, n=1, cutoff=0.6):
            unknown = [p for p in parts if normalise_abbreviation(p) not in known]
        else:
            unknown = [use.text]
        for written in unknown:
            k = normalise_abbreviation(written)
            first.setdefault(k, (t, written))
            count[k] = count.get(k, 0) + 1
    # In the annex a technical abbreviation in a table cell is one drafting habit, not one defect per
    # term: one finding per document lists them all (each first use is an occurrence).  In the body
    # each stays its own finding: a regulation's articles must define what they abbreviate.
    in_annex = [(key, written) for key, (t, written) in first.items() if not t.path.startswith("/body")]
    listed = ", ".join(f"{written} ({count[key]})" for key, written in in_annex)
    for key, (t, written) in first.items():
        near = difflib.get_close_matches(written, defined_written, n=1, cutoff=0.6)
        hint = word("abbreviation-hint", near=near[0]) if near else ""
        if t.path.startswith("/body") or near:
            part = word("document-part.body" if t.path.startswith("/body") else "document-part.annex")
            yield hit("L001", t.path, line=t.line, excerpt=t.text, focus=written, abbreviation=written,
                      uses=count[key], place=part, hint=hint)
        else:
            yield hit("L001", t.path, line=t.line, excerpt=t.text, focus=written, abbreviations=listed,
                      count=len(in_annex), group="lampiran", variant="annex")
    yield from _other_forms(uses, doc)


def _other_forms(uses: list[tuple[_Text, AbbreviationUse]], doc: Document) -> Iterator[Hit]:
    """A defined abbreviation written another way (``RAD-PUG`` where Pasal 1 defines ``RAD PUG``):
    the same abbreviation to the reader, but a regulation writes a defined term as defined."""
    defined = {normalise_abbreviation(d.abbreviation): d for d in doc.definitions if d.abbreviation}
    seen: set[str] = set()
    for t, use in uses:
        d = defined.get(normalise_abbreviation(use.text))
        if d is None or d.abbreviation is None or use.text.upper() == d.abbreviation.upper():
            continue
        if use.text.upper() in seen:
            continue
        seen.add(use.text.upper())
        yield hit("L001", t.path, line=t.line, excerpt=t.text, focus=use.text, abbreviation=use.text,
                  defined=d.abbreviation, number=d.no, variant="other-form")


@rule("L002")
def check_definition_mismatch(doc: Document, ctx: Context) -> Iterator[Hit]:
    expansions = {d.abbreviation: d.term for d in doc.definitions if d.abbreviation}
    for d in doc.definitions:
        mismatch = compare_definition(d.term, d.definition, d.abbreviation, expansions)
        if mismatch is None:
            continue
        foreign = word("definition-names-instead", foreign=mismatch.foreign) if mismatch.foreign else ""
        yield hit("L002", f"/body/definitions/{d.no}", line=d.line, excerpt=d.raw, term=d.term, number=d.no,
                  missing=", ".join(mismatch.missing), foreign=foreign)


_YANG_SELANJUTNYA = re.compile(r"\byang\s+selanjutnya\b", re.IGNORECASE)


@rule("L003")
def check_abbreviation_form(doc: Document, ctx: Context) -> Iterator[Hit]:
    for d in doc.definitions:
        if not d.abbreviation:
            continue
        if d.abbreviation_form == "parenthesis":
            how = word("abbreviation-form.parenthesis", abbreviation=d.abbreviation)
        elif d.abbreviation_form in ("disingkat", "disebut") and not _YANG_SELANJUTNYA.search(d.raw):
            how = word("abbreviation-form.without-yang", form=d.abbreviation_form)
        else:
            continue
        yield hit("L003", f"/body/definitions/{d.no}", line=d.line, excerpt=d.raw, abbreviation=d.abbreviation,
                  term=d.term, how=how)
    # Outside Ketentuan Umum an abbreviation introduced in parentheses is not defined at all.
    defined = {normalise_abbreviation(d.abbreviation) for d in doc.definitions if d.abbreviation}
    vocab = {w for loc in located(doc) for w in words(loc.node.text) if not w.isupper()}
    seen: set[str] = set()
    for loc in located(doc):
        if loc.pasal is not None and loc.pasal.number == "1":
            continue
        for use in abbreviation_uses(loc.node.text, vocab):
            key = normalise_abbreviation(use.text)
            if not use.introduced or key in defined or key in seen:
                continue
            seen.add(key)
            yield hit("L003", loc.path, line=loc.node.line, excerpt=loc.node.text, abbreviation=use.text,
                      term=_expansion(loc.node.text, use.start),
                      how=word("abbreviation-form.parenthesis-outside", abbreviation=use.text))


def _expansion(text: str, start: int) -> str:
    before = text[: max(0, start - 1)].rstrip(" (")
    return " ".join(before.split()[-6:])


def _used(name: str, texts: tuple[str, ...]) -> bool:
    """Whether ``name`` is written in one of ``texts`` as a whole word or phrase (hyphen and space alike).
    For a search in any case, give the name and the texts lower-cased (a large annex is lowered once)."""
    words = [p for p in re.split(r"[\s\-]+", name.strip()) if p]
    if not words:
        return True
    phrase = re.compile(r"[\s\-]+".join(map(re.escape, words)) + r"(?![\w])")
    # Each place the whole phrase stands (the regex engine scans for its first word), then whether a
    # word begins there: a common first word ("daerah") stands thousands of times in a large annex.
    for text in texts:
        found = phrase.search(text)
        while found is not None:
            pos = found.start()
            if pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_"):
                return True
            found = phrase.search(text, pos + 1)
    return False


@rule("L013")
def check_unused_definition(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A term or abbreviation Ketentuan Umum defines and nothing else in the regulation uses.

    Used means written (the term in any case, the abbreviation as a word) in Menimbang, any provision
    outside Pasal 1, another definition, or the annex (section titles, plan rows, indicators, agency
    cells).  A definition nothing uses is dead text, often copied from another regulation.
    """
    if not doc.definitions:
        return
    outside: list[str] = [c.text for c in doc.menimbang]
    outside += [loc.node.text for loc in located(doc)
                if loc.node.text and not (loc.pasal is not None and loc.pasal.number == "1")]
    for sec in doc.sections:
        outside.append(sec.title)
        outside += [node.text for node in sec.nodes()]
        add = outside.append  # each indicator's text and agency cells: tens of thousands of texts
        for ind in sec.indicators:
            add(ind.text)
            if ind.lead is not None:
                add(ind.lead.raw)
            if ind.supporting is not None:
                add(ind.supporting.raw)
        for node in sec.activities:
            if node.lead is not None:
                add(node.lead.raw)
            if node.supporting is not None:
                add(node.supporting.raw)
    body = "\n".join(outside)
    body_lower = body.lower()
    for d in doc.definitions:
        others = "\n".join(o.raw for o in doc.definitions if o is not d)
        if _used(d.term.lower(), (body_lower, others.lower())):
            continue
        if d.abbreviation and _used(d.abbreviation, (body, others)):
            continue
        name = f"{d.term} ({d.abbreviation})" if d.abbreviation else d.term
        yield hit("L013", f"/body/definitions/{d.no}", line=d.line, excerpt=d.raw, focus=d.term, term=name,
                  number=d.no)
