"""The plain text report: its fast paths wrap exactly as textwrap does."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from radcheck.formats.text import WIDTH, Line, _wrap


def _textwrap(text: str, indent: int) -> list[str]:
    pad = " " * indent
    expected = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            expected.append("")
            continue
        expected += textwrap.wrap(paragraph, WIDTH, initial_indent=pad, subsequent_indent=pad,
                                  break_long_words=False, break_on_hyphens=False) or [pad]
    return [e.rstrip() for e in expected]


def _wrapped(text: str, indent: int) -> list[str]:
    return [g.rstrip() for g in _wrap(Line(((text, ""),), indent))]


@given(st.text(alphabet=st.sampled_from(list("ab ,.«»\t\r\n")), max_size=330), st.sampled_from([0, 2, 12]))
def test_wrap_equals_textwrap(text: str, indent: int) -> None:
    assert _wrapped(text, indent) == _textwrap(text, indent)


# Messages as the report has them: words of every length (some longer than a line) and single spaces.
words = st.lists(st.text(alphabet="abcdefghij-/.,'", min_size=1, max_size=130), min_size=1, max_size=40)


@settings(max_examples=300)
@given(words, st.sampled_from([0, 2, 12]))
def test_single_spaced_messages_wrap_as_textwrap(ws: list[str], indent: int) -> None:
    text = " ".join(ws)
    assert _wrapped(text, indent) == _textwrap(text, indent)
