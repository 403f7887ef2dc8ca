"""Random damage to the seed text never raises: the result is a report, or P001 for the file."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from conftest import PPP, PUG
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import radcheck

SEEDS = {p.name: p.read_text(encoding="utf-8").splitlines() for p in (PPP, PUG)}

operation = st.one_of(
    st.tuples(st.just("delete"), st.integers(min_value=0)),
    st.tuples(st.just("duplicate"), st.integers(min_value=0)),
    st.tuples(st.just("swap"), st.integers(min_value=0), st.integers(min_value=0)),
    st.tuples(st.just("tab"), st.integers(min_value=0), st.integers(min_value=0)),
    st.tuples(st.just("truncate"), st.integers(min_value=0)),
)


def mutate(lines: list[str], ops: list[tuple]) -> str:
    lines = list(lines)
    for op in ops:
        if not lines:
            break
        i = op[1] % len(lines)
        if op[0] == "delete":
            del lines[i]
        elif op[0] == "duplicate":
            lines.insert(i, lines[i])
        elif op[0] == "swap":
            j = op[2] % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif op[0] == "tab":
            pos = op[2] % (len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + "\t" + lines[i][pos:]
        elif op[0] == "truncate":
            lines = lines[: i + 1]
    return "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SEEDS)), st.lists(operation, min_size=1, max_size=25))
def test_mutated_seed_gives_a_report_or_p001(seed: str, ops: list[tuple]) -> None:
    text = mutate(SEEDS[seed], ops)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / seed
        path.write_text(text, encoding="utf-8")
        report = radcheck.check(path, as_of=dt.date(2026, 11, 23))
    assert len(report.documents) == 1
    doc = report.documents[0]
    if doc.document is None:
        assert [f.code for f in doc.findings] == ["P001"]
    report.to_json()  # every finding renders
    report.render("text")
