"""cluster_texts (prefix filtering, rigid signatures, twin words found by length window: algorithmic wins)
against the straightforward clustering it replaced, on random inputs."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from radcheck import matching
from radcheck.matching import BLOCK_JACCARD, BLOCK_MAX_POSTINGS, cluster_texts

# A small vocabulary with slipped twins (penerbitan/penertbitan), codes and numbers, so that random
# texts repeat, nearly repeat and differ by one real word.
_WORDS = ["penerbitan", "penertbitan", "penerbitann", "cakupan", "cakupam", "kader", "kadre", "posyandu",
          "ktp", "kk", "dan", "yang", "jumlah", "jumlha", "pelatihan", "pelatiham", "desa", "15", "19",
          "sekolah", "sekolan", "anak", "lansia"]


def _reference_cluster_texts(texts: list[str]) -> list[int]:
    """cluster_texts as first written: every text scored against every earlier text of its lists."""
    n = len(texts)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    first: dict[str, int] = {}
    reps = []
    for i, text in enumerate(texts):
        earliest = first.setdefault(text.replace(" ", ""), i)
        if earliest != i:
            parent[i] = earliest
        else:
            reps.append(i)
    prepared = {i: matching._Prepared(texts[i]) for i in reps}
    freq: Counter[str] = Counter(w for p in prepared.values() for w in p.counts)
    postings: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i in reps:
        mine = prepared[i]
        width = sum(mine.counts.values())
        ordered = sorted(mine.counts, key=lambda w: (freq[w], w))
        if not ordered:
            continue
        rare = [w for w in ordered if freq[w] <= BLOCK_MAX_POSTINGS] or ordered[:1]
        prefix = rare[: len(rare) - math.ceil(BLOCK_JACCARD * len(rare)) + 1]
        for j in {j for w in prefix for j in postings.get((w, width), [])}:
            if matching._compare(mine, prepared[j]) is not None:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
        for w in prefix:
            if len(postings[(w, width)]) < BLOCK_MAX_POSTINGS:
                postings[(w, width)].append(i)
    return [find(i) for i in range(n)]


_TEXT = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=5).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=40))
def test_cluster_texts_matches_the_straightforward_clustering(texts: list[str]) -> None:
    assert cluster_texts(texts) == _reference_cluster_texts(texts)


@settings(max_examples=20, deadline=None)
@given(st.lists(_TEXT, min_size=150, max_size=400))
def test_cluster_texts_matches_when_lists_are_cut(texts: list[str]) -> None:
    # More texts than BLOCK_MAX_POSTINGS share common words: the lists are cut, as on a large plan.
    assert cluster_texts(texts) == _reference_cluster_texts(texts)


def test_few_texts_that_slipped_in_every_word_do_not_meet() -> None:
    texts = ["penerbitan cakupan", "penertbitan cakupam"]
    assert matching.same_text(*texts) is not None  # the same, word by word, yet no word in common
    assert cluster_texts(texts) == _reference_cluster_texts(texts) == [0, 1]


def test_words_with_twins_is_every_slip_pair() -> None:
    words = [w for w in set(_WORDS) if len(w) >= matching.MIN_TYPO_LENGTH and not any(c.isdigit() for c in w)]
    from rapidfuzz.fuzz import ratio

    expected = {a for a in words for b in words if a != b and matching._is_slip(a, b, ratio)}
    assert matching._words_with_twins(words) == expected
