"""Cross-references inside a regulation and the provisions they point to.

Forms read (Lampiran II UU 12/2011, BAB III huruf C, Teknik Pengacuan):
"sebagaimana dimaksud pada ayat (1)" (same Pasal), "sebagaimana dimaksud dalam Pasal 5 ayat (2) huruf b",
"huruf a dan huruf b", "huruf a, huruf b, dan huruf c", "Pasal 3 sampai dengan Pasal 5",
"ayat (1) sampai dengan ayat (3)", "Pasal 1 angka 7".  A chain followed by the name of another
regulation ("Pasal 18 ayat (6) Undang-Undang Dasar …") points outside the document and is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from radcheck.model import Provision

LEVELS = ("pasal", "ayat", "huruf", "angka")
_TOKEN = re.compile(
    r"\b(?:(?P<pasal>Pasal)\s+(?P<pn>\d+[A-Z]?)\b|(?P<ayat>ayat)\s+\((?P<an>\d+)\)|(?P<huruf>huruf)\s+(?P<hn>[a-z]{1,2})\b"
    r"|(?P<angka>angka)\s+(?P<kn>\d+)\b)"
)
# What may stand between two locators of one chain.
_JOIN = re.compile(r"^\s*(?:,\s*(?:dan|atau)?|dan|atau|dan/atau|sampai\s+dengan|s\.?\s*d\.?)?\s*$", re.IGNORECASE)
_RANGE = re.compile(r"sampai\s+dengan|s\.?\s*d\.?", re.IGNORECASE)
_EXTERNAL = re.compile(
    r"^\s*,?\s*(?:Undang-Undang|UU\b|UUD\b|Peraturan|Perpres|Permen|Perda|Perwal|Perbup|Pergub|Keputusan"
    r"|Instruksi|Ketetapan|Kitab|KUHP)",
    re.IGNORECASE,
)
# Phrases Lampiran II rules out or that are broken: no preposition, glued words, vague pointers; each with
# the key of its words (rules/words.yaml ``reference-wording``).
_MALFORMED = [
    (re.compile(r"sebagaimana\s+dimaksud\s+(?=(?:Pasal|ayat|huruf|angka)\b)", re.IGNORECASE), "no-preposition"),
    (re.compile(r"\b(?:pada|dalam)(?=(?:Pasal|ayat|huruf|angka)\b)", re.IGNORECASE), "glued"),
    (re.compile(r"\b(?:(?:pasal|ayat|huruf)\s+(?:yang\s+)?terdahulu|(?:pasal|ayat|huruf|ketentuan)\s+"
                r"(?:tersebut\s+)?di\s+atas)\b", re.IGNORECASE), "vague"),
]


@dataclass(frozen=True)
class Locator:
    """One level of a reference and the numbers it names at that level."""

    level: str
    numbers: tuple[str, ...]


@dataclass
class Reference:
    """A chain of locators, e.g. Pasal 5 · ayat (2) · huruf b, as written at ``start`` in the text."""

    phrase: str
    start: int
    locators: list[Locator] = field(default_factory=list)

    @property
    def first_level(self) -> str:
        return self.locators[0].level


@dataclass(frozen=True)
class Malformed:
    phrase: str
    start: int
    problem: str  # what is wrong: "no-preposition", "glued" or "vague"


def malformed_phrases(text: str) -> list[Malformed]:
    out: list[Malformed] = []
    for rx, problem in _MALFORMED:
        for m in rx.finditer(text):
            begin = text.rfind(" ", 0, max(0, m.start() - 20)) + 1
            end = text.find(" ", min(len(text), m.end() + 20))
            phrase = text[begin : end if end >= 0 else len(text)].strip()
            out.append(Malformed(phrase=phrase, start=m.start(), problem=problem))
    return sorted(out, key=lambda x: x.start)


def find_references(text: str) -> list[Reference]:
    """Reference chains in ``text``; those that name another regulation are left out."""
    # "padahuruf a" reads as "pada huruf a" for resolution; malformed_phrases() reports the glue.
    text = re.sub(r"\b(pada|dalam)(?=(?:Pasal|ayat|huruf|angka)\b)", r"\1 ", text, flags=re.IGNORECASE)
    tokens = list(_TOKEN.finditer(text))
    chains: list[list[re.Match[str]]] = []
    for tok in tokens:
        if chains and _JOIN.match(text[chains[-1][-1].end() : tok.start()]):
            chains[-1].append(tok)
        else:
            chains.append([tok])
    refs: list[Reference] = []
    for chain in chains:
        end = chain[-1].end()
        if _EXTERNAL.match(text[end:]):
            # "Pasal 3 dan Pasal 18 ayat (6) Undang-Undang Dasar": only the last Pasal is someone else's
            last_pasal = max((i for i, t in enumerate(chain) if t.group("pasal")), default=0)
            chain = chain[:last_pasal]
            if not chain:
                continue
            end = chain[-1].end()
        ref = Reference(phrase=text[chain[0].start() : end], start=chain[0].start())
        prev_end = None
        pending_range = False
        for tok in chain:
            level = next(lv for lv in LEVELS if tok.group(lv))
            number = tok.group({"pasal": "pn", "ayat": "an", "huruf": "hn", "angka": "kn"}[level])
            if prev_end is not None:
                pending_range = bool(_RANGE.search(text[prev_end : tok.start()]))
            prev_end = tok.end()
            if ref.locators and ref.locators[-1].level == level:
                last = ref.locators[-1]
                numbers = last.numbers + tuple(_expand(last.numbers[-1], number)[1:]) if pending_range \
                    else (*last.numbers, number)
                ref.locators[-1] = Locator(level, numbers)
            elif ref.locators and LEVELS.index(level) < LEVELS.index(ref.locators[-1].level):
                # "ayat (2) Pasal 5": an inverted chain; start a new reference rather than guess
                refs.append(ref)
                ref = Reference(phrase=tok.group(0), start=tok.start(), locators=[Locator(level, (number,))])
            else:
                ref.locators.append(Locator(level, (number,)))
        refs.append(ref)
    return refs


# No Pasal has a thousand ayat, no chapter a thousand Pasal: a wider range is checked by its two ends.
MAX_RANGE = 1000


def _expand(first: str, last: str) -> list[str]:
    """``ayat (1) sampai dengan ayat (3)`` → 1, 2, 3; ``huruf a sampai dengan huruf c`` → a, b, c."""
    if first.isdigit() and last.isdigit():
        # A range is expanded only when it is of a size a regulation has; a larger one ("ayat (1)
        # sampai dengan ayat (100000000)") is checked by its ends, never built in memory.
        if len(first) > 9 or len(last) > 9:
            return [first, last]
        a, b = int(first), int(last)
        return [str(n) for n in range(a, b + 1)] if a <= b and b - a < MAX_RANGE else [first, last]
    if len(first) == 1 and len(last) == 1 and first.isalpha() and last.isalpha() and first <= last:
        return [chr(c) for c in range(ord(first), ord(last) + 1)]
    return [first, last]


def _children(node: Provision, kind: str) -> list[Provision]:
    """Items of ``kind`` directly under ``node``, or, failing that, anywhere below it."""
    direct = [c for c in node.children if c.kind == kind]
    if direct:
        return direct
    return [d for d in node.walk() if d is not node and d.kind == kind]


def resolve(ref: Reference, pasal_by_number: dict[str, Provision], here_pasal: Provision | None,
            here_ayat: Provision | None) -> str | None:
    """None if every target exists; else a short description of the first missing one
    ("Pasal 9", "ayat (4)", "Pasal 3 ayat (2) huruf m")."""
    scopes: list[tuple[Provision, str]]  # (node, how it is named)
    first = ref.locators[0]
    if first.level == "pasal":
        scopes = []
        for n in first.numbers:
            p = pasal_by_number.get(n)
            if p is None:
                return f"Pasal {n}"
            scopes.append((p, f"Pasal {n}"))
        rest = ref.locators[1:]
    else:
        if here_pasal is None:
            return None  # outside any Pasal there is nothing to resolve against
        if first.level == "ayat" or here_ayat is None:
            scopes = [(here_pasal, "")]
        else:
            # "pada huruf a" inside an ayat points into that ayat first, then the whole Pasal
            scopes = [(here_ayat, "")]
            if not _children(here_ayat, first.level):
                scopes = [(here_pasal, "")]
        rest = ref.locators
    for loc in rest:
        nxt: list[tuple[Provision, str]] = []
        for node, name in scopes:
            kids = _children(node, loc.level)
            for n in loc.numbers:
                label = f"ayat ({n})" if loc.level == "ayat" else f"{loc.level} {n}"
                match = next((k for k in kids if k.number == n), None)
                if match is None:
                    return f"{name} {label}".strip()
                nxt.append((match, f"{name} {label}".strip()))
        scopes = nxt
    return None
