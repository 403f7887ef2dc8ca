"""``radcheck serve`` in a real headless Chromium (Debian's chromium + chromedriver, driven by Selenium),
against a real server (``python -m radcheck serve`` on uvicorn, one for the module).

A drafter's path through it: upload the PPP seed as Word, read and filter its findings; upload a draft
with its previous draft and see findings new and resolved; download every format and open it (the
workbook with openpyxl, the calendar with icalendar); upload a zip bomb and a file claiming a gigabyte,
see an error page, and go on to check another file.

Skipped without selenium/chromium unless RADCHECK_REQUIRE_BROWSER=1 (CI sets it), as tests/test_browser.py.
"""

from __future__ import annotations

import io
import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PPP
from test_browser import _visible, start_chromium

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

import office_fixtures as of
from test_serve import _bomb, _gigabyte_claim

WAIT = 60  # seconds for a check to come back on a busy two-core machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    cwd = tmp_path_factory.mktemp("serve-cwd")  # no radcheck.toml here: the defaults
    proc = subprocess.Popen([sys.executable, "-m", "radcheck", "serve", "--port", str(port)], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"radcheck serve exited: {proc.stdout.read() if proc.stdout else ''}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def downloads_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory, downloads_dir: Path) -> Iterator[object]:
    drv: Any = start_chromium(tmp_path_factory, {"download.default_directory": str(downloads_dir),
                                                 "download.prompt_for_download": False}, WAIT)
    drv.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads_dir)})
    try:
        yield drv
    finally:
        drv.quit()


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("drafts")
    out = {"ppp.docx": folder / "perwal-11-ppp.docx"}
    out["ppp.docx"].write_bytes(of.write_docx(of.SEEDS["ppp"]))
    text = PPP.read_text(encoding="utf-8")
    # Two drafts of one regulation: each leaves a different target empty (the first row / the last row
    # whose five year cells are numbers), so each has a T001 the other has not.
    out["old"] = folder / "rad-ppp-draft-1.txt"
    out["old"].write_text(_blank_a_target(text, 0), encoding="utf-8")
    out["new"] = folder / "rad-ppp-draft-2.txt"
    out["new"].write_text(_blank_a_target(text, -1), encoding="utf-8")
    out["bomb"] = folder / "bom.docx"
    out["bomb"].write_bytes(_bomb(60))
    out["claim"] = folder / "klaim-1gb.docx"
    out["claim"].write_bytes(_gigabyte_claim())
    return out


def _blank_a_target(text: str, pick: int) -> str:
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines)
            if len(cells := line.split("\t")) >= 11 and all(re.fullmatch(r"\d+", c) for c in cells[6:11])]
    cells = lines[rows[pick]].split("\t")
    cells[7] = ""
    lines[rows[pick]] = "\t".join(cells)
    return "\n".join(lines)


def _check(drv, server: str, files: list[Path], previous: Path | None = None, lang: str = "id") -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    drv.get(f"{server}/?lang={lang}")
    assert drv.find_element(By.ID, "drop-zone").is_displayed()  # the page's script ran under its CSP
    drv.find_element(By.ID, "files").send_keys("\n".join(str(f) for f in files))
    if previous is not None:
        drv.find_element(By.ID, "previous").send_keys(str(previous))
    date = drv.find_element(By.ID, "as_of")
    drv.execute_script("arguments[0].value = '2026-11-23'", date)
    drv.find_element(By.ID, "submit").click()
    WebDriverWait(drv, WAIT).until(ec.presence_of_element_located((By.CSS_SELECTOR, "#serve-frame, #error")))


def test_ppp_as_word_shows_its_findings_and_filters_them(driver, server, drafts):
    from selenium.webdriver.common.by import By

    _check(driver, server, [drafts["ppp.docx"]])
    assert "perwal-11-ppp.docx" in driver.title
    before = _visible(driver, "li.finding[data-code]")
    assert before
    severities = {e.get_attribute("data-sev") for e in before}
    hide = sorted(severities)[0]
    driver.find_element(By.CSS_SELECTOR, f"input[data-filter-sev='{hide}']").click()
    after = _visible(driver, "li.finding[data-code]")
    assert 0 < len(after) < len(before) or (len(severities) == 1 and not after)
    assert hide not in {e.get_attribute("data-sev") for e in after}
    assert driver.execute_script("return document.scripts.length") == 1  # the report's own script only


def test_two_drafts_show_new_and_resolved_findings(driver, server, drafts):
    from selenium.webdriver.common.by import By

    _check(driver, server, [drafts["new"]], previous=drafts["old"])
    new = int(driver.find_element(By.CSS_SELECTOR, "[data-summary='new']").text)
    resolved = int(driver.find_element(By.CSS_SELECTOR, "[data-summary='resolved']").text)
    assert new >= 1 and resolved >= 1
    assert _visible(driver, "li.finding .status-new")
    assert _visible(driver, "li.finding.resolved")


def test_every_download_opens(driver, server, drafts, downloads_dir):
    from selenium.webdriver.common.by import By

    _check(driver, server, [drafts["ppp.docx"]])
    links = driver.find_elements(By.CSS_SELECTOR, "#downloads a[download]")
    assert {a.get_attribute("data-format") for a in links} == {"xlsx", "md", "json", "sarif", "ics"}
    for a in links:
        a.click()
    names = {a.get_attribute("download") for a in links}
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and not names <= {p.name for p in downloads_dir.iterdir()}:
        time.sleep(0.2)
    got = {p.name: p for p in downloads_dir.iterdir()}
    assert names <= set(got), (names, set(got))
    import icalendar
    import openpyxl

    stem = "perwal-11-ppp-radcheck"
    report = json.loads(got[f"{stem}.json"].read_text(encoding="utf-8"))
    assert report["documents"][0]["path"] == "perwal-11-ppp.docx"
    total = sum(report["summary"].values())
    shown = sum(int(driver.find_element(By.CSS_SELECTOR, f"[data-summary='{s}']").text)
                for s in ("error", "warning", "info"))
    assert total == shown > 0  # the downloads are the page's own run
    sarif = json.loads(got[f"{stem}.sarif"].read_text(encoding="utf-8"))
    assert sum(len(r["results"]) for r in sarif["runs"]) == total
    assert "perwal-11-ppp.docx" in got[f"{stem}.md"].read_text(encoding="utf-8")
    book = openpyxl.load_workbook(io.BytesIO(got[f"{stem}.xlsx"].read_bytes()))
    assert book.sheetnames
    calendar = icalendar.Calendar.from_ical(got[f"{stem}.ics"].read_bytes())
    assert calendar.walk("VEVENT")


def test_hostile_uploads_give_an_error_page_then_another_file_is_checked(driver, server, drafts):
    from selenium.webdriver.common.by import By

    for name in ("bomb", "claim"):
        _check(driver, server, [drafts[name]])
        error = driver.find_element(By.ID, "error")
        assert drafts[name].name in error.text
        driver.find_element(By.ID, "again").click()
    _check(driver, server, [drafts["new"]], lang="en")
    assert driver.find_element(By.ID, "serve-frame").is_displayed()
    assert "radcheck report" in driver.find_element(By.TAG_NAME, "h1").text
