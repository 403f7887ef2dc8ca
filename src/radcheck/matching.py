"""Fuzzy text matching for duplicate activities and indicators, without all-pairs comparisons.

Two texts are *the same* when, after normalising (case, punctuation, numbering and ``Sub kegiatan:`` /
``Kegiatan:`` prefixes), they are equal, or they differ only by typing slips: every word one has and
the other lacks is a small-word (``yang``, ``dan`` …) or has a near twin in the other
(``Penertbitan``/``Penerbitan``, ``Kaucus``/``caucus``).  A differing code or number is never a slip:
``SD/MI`` is not ``SMP/MTs``, ``DAU`` is not ``DAK``, ``15-19`` is not ``20-24``.

Candidates are found by *prefix filtering*: words are ordered rarest first, and a text is compared
only with earlier texts that share one of its first few rare words (enough of them that two texts
sharing at least :data:`BLOCK_JACCARD` of their words meet, counting only words rarer than
:data:`BLOCK_MAX_POSTINGS` occurrences).  Exact repeats are grouped by a dictionary first.  Cost grows
with the length of the rare words' lists, which is bounded, not with the square of the number of texts.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import chain, combinations

# A whole-text similarity (rapidfuzz ``fuzz.ratio``, 0–100) below this is never the same text.
# 90 lets through a couple of slipped letters in a short indicator and rejects different wordings.
TEXT_SIMILARITY = 90.0
# Two differing words count as one word mistyped at this similarity or above: "penertbitan"/"penerbitan"
# score 95, "kaucus"/"caucus" 83, while different words of the same length ("hamil"/"nifas") stay below.
TYPO_SIMILARITY = 80.0
# Words shorter than this are codes or abbreviations (DAU, DAK, SD, KK): they must match exactly.
MIN_TYPO_LENGTH = 5
# Candidate blocking: two texts whose word sets overlap at least this much (Jaccard) always meet.
# One slipped word in a two-word text gives 1/3, so the bound sits just below that.
BLOCK_JACCARD = 0.3
# A word in more texts than this is too common to block on (it would make the search quadratic):
# texts meet through their rarer words.  A text made only of common words blocks on its rarest one,
# whose list of earlier texts is cut at this length.
BLOCK_MAX_POSTINGS = 100
# Up to this many distinct texts, the pairs of the same number of words are first compared directly (at
# most 28 pairs, cheaper than building the lists prefix filtering needs, which are skipped when none is the same).
FEW_TEXTS = 8

# Words that carry no meaning for identity: present or absent, the text is the same.
SMALL_WORDS = frozenset({
    "yang", "dan", "di", "ke", "dari", "pada", "untuk", "dalam", "dengan", "serta", "bagi", "oleh",
    "atau", "terhadap", "tentang", "melalui", "secara", "the", "of", "and",
})

_TAGS = re.compile(r"</?[a-zA-Z][^>]*>")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_NUMBERING = re.compile(r"^\s*\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})\s*[.)]\s+", re.I)
_LEVEL_PREFIX = re.compile(r"^\s*(?:sub\s*-?\s*kegiatan|kegiatan|program)\b\s*:?\s*", re.I)


def normalise_text(text: str) -> str:
    """Lower case, tags and punctuation out, one space between words."""
    if "<" in text:  # a tag needs one
        text = _TAGS.sub(" ", text)
    # One space replaces each run of anything else, so only the ends can hold a stray space.
    return _NON_WORD.sub(" ", text.casefold()).strip()


# Either prefix at the start.  Both patterns are anchored and never match empty, so a text they do not
# match is left as it is, and one they match is changed.
_ANY_PREFIX = re.compile(f"{_NUMBERING.pattern}|{_LEVEL_PREFIX.pattern}", re.I)


def strip_prefixes(text: str) -> str:
    """``"2. Sub kegiatan: Penyediaan …"`` → ``"Penyediaan …"``: numbering and level prefixes removed."""
    while _ANY_PREFIX.match(text):  # numbering, then a level prefix, until neither is left
        text = _LEVEL_PREFIX.sub("", _NUMBERING.sub("", text))
    return text.strip()


def normalise_activity(text: str) -> str:
    """An activity's identity: prefixes such as ``Sub kegiatan:``, ``Kegiatan:`` and numbering removed."""
    return normalise_text(strip_prefixes(text))


def _content_words(norm: str) -> list[str]:
    return [w for w in norm.split() if w not in SMALL_WORDS]


def _is_slip(a: str, b: str, ratio: Callable[..., float]) -> bool:  # rapidfuzz's fuzz.ratio
    if len(a) < MIN_TYPO_LENGTH or len(b) < MIN_TYPO_LENGTH:
        return False
    if any(c.isdigit() for c in a + b):
        return False
    return ratio(a, b) >= TYPO_SIMILARITY


class _Prepared:
    """A normalised text with what comparisons need, computed once."""

    __slots__ = ("text", "content", "counts", "width")

    def __init__(self, text: str) -> None:
        words = _content_words(text)
        self.text = text
        self.content = " ".join(words)
        # Each content word with how often it occurs, in order of first occurrence (a plain dict: a
        # Counter costs several times as much to build, and a large plan prepares tens of thousands).
        # Most texts repeat no word, and then one C-level call makes the dict.
        counts = dict.fromkeys(words, 1)
        if len(counts) < len(words):
            counts = {}
            for w in words:
                counts[w] = counts.get(w, 0) + 1
        self.counts = counts
        self.width = len(words)


def _compare(a: _Prepared, b: _Prepared) -> float | None:
    from rapidfuzz.fuzz import ratio

    if a.text.replace(" ", "") == b.text.replace(" ", ""):
        return 100.0
    score = ratio(a.text, b.text, score_cutoff=TEXT_SIMILARITY)
    if not score:
        # Small words dropped or added lower the ratio without changing the meaning.
        score = ratio(a.content, b.content, score_cutoff=TEXT_SIMILARITY)
        if not score:
            return None
    return float(score) if _only_slips_differ(a, b, ratio) else None


def _only_slips_differ(a: _Prepared, b: _Prepared, ratio: Callable[..., float]) -> bool:  # fuzz.ratio
    """Every content word one text has and the other lacks pairs with a slipped twin in the other.

    The words each lacks are listed as ``Counter`` subtraction and ``elements()`` list them (first
    occurrence order, repeats together), without building Counters: this runs for every close pair.
    """
    only_a = [w for w, c in a.counts.items() for _ in range(c - b.counts.get(w, 0))]
    left = [w for w, c in b.counts.items() for _ in range(c - a.counts.get(w, 0))]
    if len(only_a) != len(left):
        return False  # a word without a twin remains on one side
    for word in only_a:
        twin = next((w for w in left if _is_slip(word, w, ratio)), None)
        if twin is None:
            return False
        left.remove(twin)
    return True


class _Posting:
    """The earlier texts listed under one (word, number of words): ids, and their strings side by side.

    The strings are kept next to the ids so that rapidfuzz can score a whole list without Python
    gathering a candidate list per text (on a large plan that gathering, not the scoring, was the cost).
    """

    __slots__ = ("ids", "texts", "contents")

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.texts: list[str] = []
        self.contents: list[str] = []

    def add(self, i: int, p: _Prepared) -> None:
        self.ids.append(i)
        self.texts.append(p.text)
        self.contents.append(p.content)


def _same_as(mine: _Prepared, lists: list[_Posting], prepared: dict[int, _Prepared]) -> set[int]:
    """The texts in ``lists`` that :func:`_compare` finds the same as ``mine``.

    rapidfuzz scores each list in one call for whole texts and one for content words, skipping hopeless
    pairs by length inside C; only the few close pairs reach the word-by-word check.  A text in two
    lists is scored twice, which costs less than merging the lists in Python.  Candidates are distinct
    texts (exact repeats were joined by dictionary), so equal squashed forms cannot occur.
    """
    from rapidfuzz.fuzz import ratio
    from rapidfuzz.process import extract

    close: set[int] = set()
    for posting in lists:
        for query, choices in ((mine.text, posting.texts), (mine.content, posting.contents)):
            close.update(posting.ids[k] for _, _, k in extract(query, choices, scorer=ratio, processor=None,
                                                               limit=None, score_cutoff=TEXT_SIMILARITY))
    return {j for j in close if _only_slips_differ(mine, prepared[j], ratio)}


def same_text(a: str, b: str) -> float | None:
    """The similarity (0–100) of two normalised texts that are the same, or None when they differ."""
    return _compare(_Prepared(a), _Prepared(b))


def cluster_texts(texts: Sequence[str], prepared: dict[str, _Prepared] | None = None) -> list[int]:
    """For each (already normalised) text, the index of the earliest text it is the same as (itself if none).

    Clusters are closed transitively (a union-find), so a text mistyped two ways still forms one cluster.
    ``prepared`` (text → its :class:`_Prepared`) may be shared by calls on overlapping texts: a large
    plan clusters the same indicator wordings once over the plan and again within each activity.
    """
    # Exact repeats (spacing aside) by dictionary.  Most repeats on a large plan are written exactly
    # alike, so texts are first told apart as they are (in C: each text → its first index), and only
    # the distinct ones are squashed.
    n = len(texts)
    first_of = dict(zip(reversed(texts), range(n - 1, -1, -1), strict=True))
    earliest: dict[int, int] = {}  # first index of a text → first index of its squashed form
    squashed_first: dict[str, int] = {}
    reps: list[int] = []
    for i in sorted(first_of.values()):
        earliest[i] = squashed_first.setdefault(texts[i].replace(" ", ""), i)
        if earliest[i] == i:
            reps.append(i)
    pairs: list[tuple[int, int]] = []
    if len(reps) > 1:
        if prepared is None:
            prepared = {}
        items = []
        for i in reps:
            text = texts[i]
            p = prepared.get(text)
            if p is None:
                p = prepared[text] = _Prepared(text)
            items.append((i, p))
        pairs = list(_fuzzy_pairs(items))
    if not pairs:  # most groups: a repeat points straight at a distinct text
        return [earliest[first_of[text]] for text in texts]
    parent = {i: i for i in reps}  # distinct texts only: repeats follow their text

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    # Each distinct text's root, then each text's through its first index: one lookup per text.
    root_of = {text: find(earliest[i]) for text, i in first_of.items()}
    return [root_of[text] for text in texts]


def _fuzzy_pairs(reps: list[tuple[int, _Prepared]]) -> Iterator[tuple[int, int]]:
    """Pairs of distinct texts (later, earlier) that are the same, found by prefix filtering.

    Texts that are the same have as many content words (every word one lacks pairs with a slipped twin
    in the other), so lists are kept per (word, number of words), and within a list per *rigid
    signature* (see :func:`_rigid_signatures`): a text is scored only against earlier texts of its
    signature, which is exactly the set the word-by-word check could accept.
    """
    widths = [p.width for _, p in reps]
    if len(set(widths)) == len(widths):  # lists are per number of words: no two texts can meet
        return
    # A few texts (an activity's indicators): a pair found below is one _compare (later, earlier) accepts,
    # so when it accepts no pair of the same width there is nothing to find, and no list is built.
    if len(reps) <= FEW_TEXTS and not any(_compare(later, earlier) is not None
                                         for (_, earlier), (_, later) in combinations(reps, 2)
                                         if earlier.width == later.width):
        return
    prepared = dict(reps)
    freq: Counter[str] = Counter(chain.from_iterable(p.counts for _, p in reps))  # each text's words once
    # Words ranked rarest first (ties by spelling), once: each text then sorts its words by a dictionary.
    by_rank = sorted(freq, key=lambda w: (freq[w], w))
    rank = {w: r for r, w in enumerate(by_rank)}
    rare_ranks = sum(1 for c in freq.values() if c <= BLOCK_MAX_POSTINGS)  # rare words rank first
    prefixes = [(i, p, width, _prefix(p, rank, by_rank, rare_ranks))
                for (i, p), width in zip(reps, widths, strict=True)]
    candidates = _candidate_pairs(prefixes)
    if not candidates:  # no two texts share a list (most small groups): nothing to score
        return
    signature = _rigid_signatures(freq, candidates)
    postings: dict[tuple[str, int], dict[frozenset[tuple[str, int]], _Posting]] = {}
    sizes: Counter[tuple[str, int]] = Counter()  # texts listed under each (word, width), all signatures
    for i, mine, width, prefix in prefixes:
        sig = signature(mine)
        lists = [posting for w in prefix if (by_sig := postings.get((w, width))) and (posting := by_sig.get(sig))]
        if lists:
            for j in _same_as(mine, lists, prepared):
                yield i, j
        for w in prefix:
            key = (w, width)
            if sizes[key] < BLOCK_MAX_POSTINGS:
                sizes[key] += 1
                postings.setdefault(key, {}).setdefault(sig, _Posting()).add(i, mine)


def _prefix(p: _Prepared, rank: dict[str, int], by_rank: list[str], rare_ranks: int) -> list[str]:
    """The words a text blocks on: its rarest, enough of them that texts sharing BLOCK_JACCARD meet.

    ``rank`` orders words rarest first (``by_rank`` is the words in that order); the words in at most
    BLOCK_MAX_POSTINGS texts rank below ``rare_ranks``.
    """
    # Sorting the ranks themselves (plain ints) needs no key function, and the rare words are then the
    # ranks below rare_ranks, found by bisection.
    ranks = sorted(map(rank.__getitem__, p.counts))
    rare = bisect_left(ranks, rare_ranks) or 1  # a text of only common words blocks on its rarest
    keep = rare - math.ceil(BLOCK_JACCARD * rare) + 1
    return [by_rank[r] for r in ranks[:keep]]


def _candidate_pairs(prefixes: list[tuple[int, _Prepared, int, list[str]]]) -> int:
    """How many (text, earlier text) scorings prefix filtering alone would ask for."""
    sizes: Counter[tuple[str, int]] = Counter()
    total = 0
    for _, _, width, prefix in prefixes:
        for w in prefix:
            size = sizes[(w, width)]
            total += size
            if size < BLOCK_MAX_POSTINGS:
                sizes[(w, width)] = size + 1
    return total


def _rigid_signatures(freq: Counter[str], budget: int) -> Callable[[_Prepared], frozenset[tuple[str, int]]]:
    """A key two texts share whenever the word-by-word check could find them the same.

    A word with no slipped twin anywhere in the texts' vocabulary (a *rigid* word: a code, a number, a
    short word, or simply a word never mistyped) can never be one of the words one text lacks, so two
    texts that are the same hold each rigid word equally often.  The signature is that multiset.
    Finding the twins compares words pairwise, which is only worth it when it costs less than the text
    comparisons it saves (``budget``); otherwise every text gets one signature and nothing is skipped.
    """
    words = [w for w in freq if len(w) >= MIN_TYPO_LENGTH and not any(c.isdigit() for c in w)]
    if len(words) * (len(words) - 1) // 2 > budget:
        return lambda p: frozenset()
    slippable = _words_with_twins(words)

    def signature(p: _Prepared) -> frozenset[tuple[str, int]]:
        if slippable.isdisjoint(p.counts):  # most texts: every word is rigid
            return frozenset(p.counts.items())
        return frozenset(item for item in p.counts.items() if item[0] not in slippable)

    return signature


def _words_with_twins(words: list[str]) -> set[str]:
    """The words for which another of ``words`` is a slip (:func:`_is_slip`; all long and digit-free).

    A ratio of TYPO_SIMILARITY needs the shorter word at least ``TYPO_SIMILARITY / (200 - TYPO_SIMILARITY)``
    of the longer's length, so each word is scored only against the longer words in that window.
    """
    from rapidfuzz.fuzz import ratio
    from rapidfuzz.process import extract

    by_length = sorted(words, key=len)
    shortest_share = TYPO_SIMILARITY / (200 - TYPO_SIMILARITY)
    found: set[str] = set()
    end = 0
    for k, word in enumerate(by_length):
        while end < len(by_length) and len(by_length[end]) * shortest_share <= len(word):
            end += 1
        later = by_length[k + 1:end]
        for twin, _, _ in extract(word, later, scorer=ratio, processor=None, limit=None,
                                  score_cutoff=TYPO_SIMILARITY):
            found.update((word, twin))
    return found
