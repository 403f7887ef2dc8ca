"""radcheck._json writes exactly what json.dumps(..., ensure_ascii=False, indent=2) writes, faster."""

from __future__ import annotations

import enum
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from radcheck._json import dumps


class Kind(str, enum.Enum):
    NUMBER = "number"


class Rank(enum.IntEnum):
    HIGH = 3


scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text()
           | st.sampled_from([Kind.NUMBER, Rank.HIGH, "<script>", "a\nb\t\"c\"\\", "\u2028", "é ✓ 𝔸", "\x00"]))
keys = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                      | st.dictionaries(keys, inner, max_size=4), max_leaves=30)


@settings(max_examples=400)
@given(values)
def test_same_text_as_json_dumps(value: object) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_report_shaped_value() -> None:
    finding = {"code": "T001", "line": 12, "end_line": None, "excerpt": "Target <b>2026</b>\n", "ok": True}
    report = {"documents": [{"stats": {"sections": 3}, "findings": [finding, dict(finding, line=13)]}],
              "findings": [], "summary": {}, "period": [2024, 2028], "ratio": 0.5}
    assert dumps(report) == json.dumps(report, ensure_ascii=False, indent=2)
