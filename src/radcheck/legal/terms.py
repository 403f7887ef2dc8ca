"""Meaning-bearing words, definitions compared with their terms, and abbreviations in running text.

A definition is compared with its term by *meaning-bearing* words: function words and the generic
vocabulary of plans ("rencana", "aksi", "daerah", "dokumen", "tahun") are dropped, and words are
reduced to a rough root ("perencanaan" → "rencana", "pengarusutamaan" → "arusutama") so that
paraphrase is not mistaken for mismatch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pydantic import BaseModel, ConfigDict

from radcheck import shipped

# Function words: they carry no subject.
STOPWORDS = frozenset(
    """
    yang dan atau di ke dari dalam pada untuk bagi oleh dengan sebagai adalah ialah yaitu yakni serta
    ini itu tersebut para setiap segala suatu sesuatu sebuah seorang antara terhadap atas dapat akan
    telah sudah secara juga lain lainnya maupun baik tidak bukan hal guna agar supaya sehingga karena
    merupakan terdiri termasuk tentang sesuai berdasarkan melalui kepada sampai the of and
    """.split()
)
# The generic vocabulary of plans and regional government: present in every RAD, so it says nothing
# about which subject a plan or a definition is about.
GENERIC = frozenset(
    """
    rencana aksi daerah kota kabupaten provinsi dokumen perencanaan penyelenggaraan pelaksanaan
    program kegiatan subkegiatan bidang urusan tahun periode lima strategi kebijakan upaya
    pemerintah pemerintahan perangkat nasional rad ran rpjmd peraturan wali bupati gubernur
    """.split()
)
# Heads of terms that name a planning document: its definition must name its subject.
PLAN_HEADS = ("rencana", "program", "strategi", "kebijakan", "dokumen", "peta jalan", "roadmap", "grand design",
              "desain besar", "rencana aksi")

_PREFIXES = ("memper", "menge", "penge", "meng", "meny", "peng", "peny", "mem", "men", "pem", "pen", "per",
             "ber", "ter", "me", "pe", "di", "ke", "se")
_SUFFIXES = ("annya", "kannya", "nya", "kan", "an", "i")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


# Roots are asked for the same few thousand words over and over (every definition, title, list item):
# remember them, within a bound so a huge hostile document cannot grow the cache without limit.
_STEM_CACHE = 1 << 16
# A root this long that begins another counts as the same root ("lindung" / "lindungi"); shorter ones
# begin too many unrelated words.
_PREFIX_ROOT = 5


@lru_cache(maxsize=_STEM_CACHE)
def stem(word: str) -> str:
    """A rough Indonesian root, good enough to match paraphrases ("perlindungan" → "lindung")."""
    return min(stems(word), key=len)


@lru_cache(maxsize=_STEM_CACHE)
def stems(word: str) -> frozenset[str]:
    """Every plausible root of ``word``: affixes are ambiguous ("perencanaan" is pe-rencana-an, not
    per-encana-an), so matching compares sets of candidates rather than one guess."""
    w = word.lower().strip("-'")
    out = {w}
    if len(w) <= 4:
        return frozenset(out)
    bases = {w}
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            bases.add(w[: -len(suffix)])
    out |= bases
    for base in bases:
        for prefix in _PREFIXES:
            if base.startswith(prefix) and len(base) - len(prefix) >= 4:
                out.add(base[len(prefix):])
    return frozenset(out)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text.replace("-", " "))]


def content_words(text: str, *, drop_generic: bool = True) -> list[str]:
    """The meaning-bearing words of ``text``, lower case, in order, without repeats."""
    out: list[str] = []
    for w in words(text):
        if w in STOPWORDS or (drop_generic and w in GENERIC) or len(w) < 3:
            continue
        if w not in out:
            out.append(w)
    return out


def roots(text: str, *, drop_generic: bool = True) -> set[str]:
    return {r for w in content_words(text, drop_generic=drop_generic) for r in stems(w)}


def shares_root(a: str, b_roots: set[str]) -> bool:
    """A root of ``a`` equals a root in ``b_roots``, or one is a long prefix of the other."""
    mine = stems(a)
    if not mine.isdisjoint(b_roots):
        return True
    # A prefix is always the shorter of the two, so each side's long-enough roots are tried as
    # prefixes of the other side's (str.startswith takes them all at once).
    mine_long = tuple(r for r in mine if len(r) >= _PREFIX_ROOT)
    if mine_long and any(rb.startswith(mine_long) for rb in b_roots):
        return True
    theirs_long = tuple(r for r in b_roots if len(r) >= _PREFIX_ROOT)
    return bool(theirs_long) and any(ra.startswith(theirs_long) for ra in mine)


def overlap(a: str, b: str) -> float:
    """How much of ``a``'s meaning-bearing vocabulary appears in ``b`` (0 … 1)."""
    wa = content_words(a)
    if not wa:
        return 0.0
    rb = roots(b)
    return sum(1 for w in wa if shares_root(w, rb)) / len(wa)


class _Topics(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topics: dict[str, list[str]]
    related: list[list[str]] = []


@cache
def _load_topics() -> _Topics:
    return _Topics.model_validate(shipped.load("definition-topics.yaml"))


def load_topics() -> dict[str, list[str]]:
    return _load_topics().topics


@cache
def related_topics(topic: str) -> frozenset[str]:
    """The topics that describe ``topic`` (its ``related`` groups), itself included."""
    out = {topic}
    for group in _load_topics().related:
        if topic in group:
            out.update(group)
    return frozenset(out)


def _has_phrase(text_roots_seq: list[str], phrase: str) -> bool:
    """All meaning-bearing words of ``phrase`` appear next to each other (in order) in the text."""
    want = [stem(w) for w in content_words(phrase, drop_generic=False)]
    if not want:
        return False
    n = len(want)
    return any(text_roots_seq[i : i + n] == want for i in range(len(text_roots_seq) - n + 1))


def topics_in(text: str) -> dict[str, str]:
    """Known subjects named in ``text``: topic id → the phrase found."""
    seq = [stem(w) for w in content_words(text, drop_generic=False)]
    found: dict[str, str] = {}
    for topic, phrases in load_topics().items():
        for phrase in sorted(phrases, key=lambda p: -len(p)):
            if _has_phrase(seq, phrase):
                found[topic] = phrase
                break
    return found


@dataclass(frozen=True)
class DefinitionMismatch:
    missing: list[str]  # the term's meaning-bearing words the definition never names
    foreign: str | None  # a subject the definition names that the term is not about


def compare_definition(term: str, definition: str, abbreviation: str | None = None,
                       expansions: dict[str, str] | None = None) -> DefinitionMismatch | None:
    """None when the definition plausibly describes the term; else what is missing and what is foreign.

    Paraphrase is normal ("Gender adalah perbedaan sifat … antara perempuan dan laki-laki"), so a
    definition is only judged wrong when it (a) names none of the term's subject words and (b) either
    defines a planning document (whose definition must name its subject) or names another known
    subject instead of the term's own.
    """
    term_words = content_words(term)
    if not term_words:
        return None
    # "dokumen perencanaan pelaksanaan PUG": an abbreviation defined elsewhere stands for its term
    for abbr, expansion in (expansions or {}).items():
        definition = re.sub(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", f"{abbr} {expansion}", definition)
    def_roots = roots(definition, drop_generic=False)
    if any(shares_root(w, def_roots) for w in term_words):
        return None
    term_topics = topics_in(term)
    def_topics = topics_in(definition)
    own = {t for topic in term_topics for t in related_topics(topic)}
    foreign = next((phrase for topic, phrase in def_topics.items() if topic not in own), None)
    is_plan = term.lower().startswith(PLAN_HEADS)
    if is_plan or (foreign and term_topics):
        return DefinitionMismatch(missing=term_words, foreign=foreign)
    return None


# --- abbreviations in running text ------------------------------------------------------------

# A token that looks like an abbreviation: two or more capitals (PUG, MTs, SDGs, TPS-3R, PIK-R, PK5), not
# inside a word.  The pattern begins with its first capital and looks behind it afterwards, which lets the
# regex engine skip to the capitals of a text (a pattern that begins by looking behind tries every position).
_ABBR_TOKEN = re.compile(r"([A-Z](?<![\w-].)(?:[A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|[A-Z]+[0-9]*))(?![\w-])")


def normalise_abbreviation(abbr: str) -> str:
    """``RAD-PUG``, ``RAD PUG`` and ``TPS-3R``/``TPS3R``: one abbreviation written two ways."""
    return re.sub(r"[\s\-]+", "", abbr.strip()).upper()


@dataclass(frozen=True)
class AbbreviationUse:
    text: str  # as written, several tokens joined when they stand together ("RA PPP")
    start: int
    introduced: bool  # written right after its expansion in parentheses: "Pemenuhan Hak Anak (PHA)"


def abbreviation_uses(text: str, vocabulary: set[str]) -> list[AbbreviationUse]:
    """Abbreviation-like tokens in ``text``; words in capitals that the document also writes in lower
    case ("PROGRAM", "SARANA") are ordinary words shouted, not abbreviations."""
    out: list[AbbreviationUse] = []
    tokens = [m for m in _ABBR_TOKEN.finditer(text) if m.group(1).lower() not in vocabulary
              and not _is_roman(m.group(1))]
    i = 0
    while i < len(tokens):
        start, end = tokens[i].start(1), tokens[i].end(1)
        j = i
        # "RAD PUG", "RA PPP": capitals separated only by a space or a hyphen are one abbreviation
        while j + 1 < len(tokens) and re.fullmatch(r"[ \-]", text[end : tokens[j + 1].start(1)]):
            j += 1
            end = tokens[j].end(1)
        written = text[start:end]
        before = text[:start].rstrip()
        after = text[end:].lstrip()
        introduced = before.endswith("(") and after.startswith(")") and _expansion_before(text[: start - 1], written)
        out.append(AbbreviationUse(text=written, start=start, introduced=introduced))
        i = j + 1
    return out


def _is_roman(token: str) -> bool:
    return bool(re.fullmatch(r"[IVXLC]+", token))


def _expansion_before(prefix: str, abbr: str) -> bool:
    """Whether the words before "(ABBR)" can spell it: their initials cover the abbreviation's letters."""
    letters = [c for c in abbr.lower() if c.isalpha()]
    ws = words(prefix)[-12:]
    initials = "".join(w[0] for w in ws)
    # the abbreviation's first letter starts one of the last words, and its letters appear in order
    # in the tail of the preceding words (syllable acronyms: "Kesbangpol", "Bapperida")
    tail = " ".join(ws)
    pos = 0
    for c in letters:
        pos = tail.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return bool(letters) and letters[0] in initials


@cache
def load_common_abbreviations() -> dict[str, str]:
    data = shipped.load("abbreviations.yaml") or {}
    common = data.get("common") or {}
    if not isinstance(common, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in common.items()):
        raise ValueError("abbreviations.yaml: 'common' must map each abbreviation to its expansion")
    return {normalise_abbreviation(k): v for k, v in common.items()}
