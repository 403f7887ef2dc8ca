"""The plain text report: its one-line fast path wraps exactly as textwrap does."""

from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st

from radcheck.formats.text import WIDTH, Line, _wrap


@given(st.text(alphabet=st.sampled_from(list("ab ,.«»\t\r")), max_size=130), st.sampled_from([0, 2, 12]))
def test_wrap_equals_textwrap(text: str, indent: int) -> None:
    pad = " " * indent
    expected = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            expected.append("")
            continue
        expected += textwrap.wrap(paragraph, WIDTH, initial_indent=pad, subsequent_indent=pad,
                                  break_long_words=False, break_on_hyphens=False) or [pad]
    got = list(_wrap(Line(((text, ""),), indent)))
    assert [g.rstrip() for g in got] == [e.rstrip() for e in expected]
