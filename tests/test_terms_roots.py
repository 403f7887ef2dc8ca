"""legal.terms.shares_root: the prefix test agrees with the pairwise definition it replaced."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from radcheck.legal.terms import shares_root, stems


def _pairwise(a: str, b_roots: set[str]) -> bool:
    # The definition: some root of a and some root of b are equal, or the shorter (5+ letters) begins the longer.
    for ra in stems(a):
        for rb in b_roots:
            short, long_ = sorted((ra, rb), key=len)
            if ra == rb or (len(short) >= 5 and long_.startswith(short)):
                return True
    return False


word = st.text(alphabet="aeiklmnprstu", min_size=1, max_size=12)


@settings(max_examples=500)
@given(word, st.sets(word, max_size=8))
def test_same_answer_as_the_pairwise_definition(a: str, b_roots: set[str]) -> None:
    assert shares_root(a, b_roots) == _pairwise(a, b_roots)


def test_paraphrases_share_roots_and_strangers_do_not() -> None:
    assert shares_root("perlindungan", stems("melindungi"))
    assert shares_root("perencanaan", stems("rencana"))
    assert not shares_root("kesehatan", stems("pendidikan"))
