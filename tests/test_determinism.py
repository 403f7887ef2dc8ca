"""The same input gives byte-identical output: across runs, across processes, and whatever --jobs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AS_OF, PLANS, ROOT

import radcheck

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import draw_plan, to_structured, to_text, write_plan


def test_generator_is_seeded() -> None:
    assert to_text(draw_plan(300, seed=5)) == to_text(draw_plan(300, seed=5))
    assert to_structured(draw_plan(300, seed=5)) == to_structured(draw_plan(300, seed=5))
    assert to_text(draw_plan(300, seed=5)) != to_text(draw_plan(300, seed=6))


def test_generated_plan_has_the_requested_indicators(tmp_path: Path) -> None:
    for layout in ("ppp", "pug", "mixed"):
        plan = draw_plan(250, seed=3, layout=layout)
        assert plan.indicator_count == 250
        path = tmp_path / f"{layout}.txt"
        path.write_text(to_text(plan), encoding="utf-8")
        doc = radcheck.load(path)
        assert sum(len(s.indicators) for s in doc.sections) == 250


def test_text_and_structured_forms_read_to_the_same_annex(tmp_path: Path) -> None:
    """The generator's two forms agree with each other through the readers (lines aside)."""
    text = radcheck.load(write_plan(tmp_path / "p.txt", 400, seed=11, defect_rate=0.1))
    data = radcheck.load(write_plan(tmp_path / "p.json", 400, seed=11, defect_rate=0.1))

    def annex(doc: radcheck.Document) -> list:
        out = []
        for s in doc.sections:
            for ind in s.indicators:
                cells = [(c.raw.replace("\n", " "), c.inherited) if c else None for c in (ind.lead, ind.supporting)]
                out.append((ind.id, ind.text, ind.unit, ind.parent, cells,
                            {y: (t.kind, t.value) for y, t in ind.targets.items()}))
            out += [(n.id, n.kind, n.level, n.no, n.text, n.parent) for n in s.nodes()]
        return out

    assert annex(text) == annex(data)


def test_json_is_identical_across_runs_and_processes(tmp_path: Path) -> None:
    write_plan(tmp_path / "a.txt", 200, seed=1)
    write_plan(tmp_path / "b.yaml", 200, seed=2)
    first = radcheck.check([PLANS, tmp_path], as_of=AS_OF).to_json()
    assert radcheck.check([PLANS, tmp_path], as_of=AS_OF).to_json() == first
    cmd = [sys.executable, "-m", "radcheck", "check", str(PLANS), str(tmp_path), "--format", "json", "--as-of",
           AS_OF.isoformat()]
    outputs = {subprocess.run([*cmd, "--jobs", str(j)], capture_output=True, text=True, cwd=ROOT).stdout
               for j in (1, 2)}
    assert outputs == {first}


@pytest.mark.parametrize("fmt", ["text", "markdown", "sarif"])
def test_other_formats_are_identical_whatever_jobs(fmt: str) -> None:
    serial = radcheck.check(PLANS, as_of=AS_OF).render(fmt)
    assert radcheck.check(PLANS, as_of=AS_OF, jobs=2).render(fmt) == serial
