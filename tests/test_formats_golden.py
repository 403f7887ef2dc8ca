"""Golden outputs of every report format for the seed plans.

The outputs must not change by accident.  When a change is intended (a new rule, a new message,
a format change), regenerate them and review the diff:

    RADCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_formats_golden.py

The Excel workbook is compared by its content (sheets, cell values, comments), not its bytes: the
zip container stores times that openpyxl does not let us fix.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from conftest import AS_OF, PLANS, ROOT

import radcheck
from radcheck.config import Config

GOLDEN = Path(__file__).parent / "golden"
SEEDS = sorted((PLANS / "bekasi").glob("*.txt"))
UPDATE = os.environ.get("RADCHECK_UPDATE_GOLDEN") == "1"
SUFFIX = {"json": "json", "sarif": "sarif", "markdown": "md", "html": "html", "xlsx": "xlsx.json"}


def xlsx_content(data: bytes) -> str:
    """The workbook as comparable text: every sheet, every non-empty cell with its comment and fill."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    out: dict[str, list[list[object]]] = {}
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and c.comment is None:
                    continue
                fill = c.fill.start_color.rgb if c.fill and c.fill.fill_type == "solid" else None
                cells.append([c.coordinate, c.value, c.comment.text if c.comment else None, fill])
        out[ws.title] = cells
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"


@pytest.fixture(scope="module")
def reports() -> dict[str, radcheck.Report]:  # type: ignore[name-defined]
    cwd = Path.cwd()
    os.chdir(ROOT)  # paths in the reports are as given: relative to the repository, the same everywhere
    try:
        return {seed.stem: radcheck.check(seed.relative_to(ROOT).as_posix(), as_of=AS_OF, config=Config())
                for seed in SEEDS}
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("fmt", list(SUFFIX))
@pytest.mark.parametrize("seed", [s.stem for s in SEEDS])
def test_golden(reports, seed: str, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = reports[seed].render(fmt)
    text = xlsx_content(out) if fmt == "xlsx" else out
    assert isinstance(text, str)
    golden = GOLDEN / f"{seed}.{SUFFIX[fmt]}"
    if UPDATE or not golden.exists():
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{golden.name} did not exist and was written; review it and commit it")
        return
    expected = golden.read_text(encoding="utf-8")
    assert text == expected, (f"{golden.name} differs from the {fmt} output; if the change is intended run "
                              "RADCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_formats_golden.py")


def test_render_twice_is_identical(reports) -> None:
    for report in reports.values():
        for fmt in ("json", "sarif", "markdown", "html"):
            assert report.render(fmt) == report.render(fmt)
