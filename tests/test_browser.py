"""The HTML report in a real headless Chromium (Debian's chromium + chromedriver, driven by Selenium).

DOM assertions: document text that looks like markup stays text and never runs; offending cells are
highlighted and carry their message; the severity and rule filters hide and show findings; the page
prints; a screenshot is written and is a real image.

Needs ``apt-get install -y chromium chromium-driver`` and ``pip install selenium``.  Without them the
test is skipped, unless RADCHECK_REQUIRE_BROWSER=1 (CI sets it), in which case it fails.
"""

from __future__ import annotations

import base64
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_formats import AGENCY_PATH, TARGET_PATH, hostile_report

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium)"
    for exe in (CHROMIUM, CHROMEDRIVER):
        if not os.access(exe, os.X_OK):
            return f"{exe} is not installed (apt-get install -y chromium chromium-driver)"
    return None


def start_chromium(tmp_path_factory: pytest.TempPathFactory, prefs: dict[str, object] | None = None,
                   page_load_timeout: int = 60) -> object:
    """Headless Debian Chromium under Selenium, with the flags this closed network needs (also used by
    tests/test_serve_browser.py).  Skips without a browser, or fails where RADCHECK_REQUIRE_BROWSER=1."""
    reason = _missing()
    if reason:
        if os.environ.get("RADCHECK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser test required but {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    if prefs:
        options.add_experimental_option("prefs", prefs)
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    drv.set_page_load_timeout(page_load_timeout)
    return drv


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    drv = start_chromium(tmp_path_factory)
    try:
        yield drv
    finally:
        drv.quit()


@pytest.fixture(scope="module")
def page(driver, tmp_path_factory: pytest.TempPathFactory) -> object:
    folder = tmp_path_factory.mktemp("html")
    html = folder / "report.html"
    html.write_text(hostile_report(folder).render("html"), encoding="utf-8")  # type: ignore[arg-type]
    driver.get(html.as_uri())
    return driver


def _visible(drv, selector: str) -> list:
    from selenium.webdriver.common.by import By

    return [e for e in drv.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


def test_markup_in_the_document_stays_text(page) -> None:
    from selenium.webdriver.common.by import By

    assert page.execute_script("return window.__pwned === undefined")
    assert page.execute_script("return document.scripts.length") == 1
    assert page.find_elements(By.TAG_NAME, "img") == []
    assert page.execute_script("return document.querySelectorAll('td b, td i, li b').length") == 0
    heading = page.find_element(By.CSS_SELECTOR, "h3[id$='-sec-A']").text
    assert "<script>alert(1)</script>" in heading
    cell = page.find_element(By.CSS_SELECTOR, "td[data-path='/lampiran/A/indicators/0']")
    assert cell.text == "Jumlah alat <script>window.__pwned=2</script> peraga"
    agency = page.find_element(By.CSS_SELECTOR, f"td[data-path='{AGENCY_PATH}']")
    assert agency.text.startswith("Dinas <b>Pendidikan</b>")


def test_offending_cells_are_highlighted_with_their_message(page) -> None:
    from selenium.webdriver.common.by import By

    cell = page.find_element(By.CSS_SELECTOR, f"td[data-path='{TARGET_PATH}']")
    assert "flag" in cell.get_attribute("class").split()
    background = cell.value_of_css_property("background-color")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert "P002" in cell.text and "Target 2026 kosong" in cell.text
    assert "P002" in cell.get_attribute("title")
    agency = page.find_element(By.CSS_SELECTOR, f"td[data-path='{AGENCY_PATH}']")
    assert "sev-info" in agency.get_attribute("class") and "P003" in agency.text
    stray = page.find_element(By.CSS_SELECTOR, "tr[data-line='9'] td[data-path$='/lead']")
    assert "P004" in stray.text  # the stray value sits on the agency cell it spilled into


def test_filters_by_severity_and_rule(page) -> None:
    from selenium.webdriver.common.by import By

    def click(selector: str) -> None:
        page.find_element(By.CSS_SELECTOR, selector).click()

    all_items = len(_visible(page, "li.finding[data-code]"))
    assert all_items == 4
    click("input[data-filter-sev='info']")  # hide info: both P003 findings go
    assert {e.get_attribute("data-code") for e in _visible(page, "li.finding[data-code]")} == {"P002", "P004"}
    agency = page.find_element(By.CSS_SELECTOR, f"td[data-path='{AGENCY_PATH}']")
    assert "flag-off" in agency.get_attribute("class").split()
    assert agency.value_of_css_property("background-color") in ("rgba(0, 0, 0, 0)", "transparent")
    click("input[data-filter-sev='info']")
    click("input[data-filter-code='P002']")  # hide one rule
    target = page.find_element(By.CSS_SELECTOR, f"td[data-path='{TARGET_PATH}']")
    assert "flag-off" in target.get_attribute("class").split()
    assert "P002" not in target.text
    assert len(_visible(page, "li.finding[data-code]")) == all_items - 1
    click("input#only-flagged")  # only rows with a visible finding
    assert [r.get_attribute("data-line") for r in _visible(page, "table.annex tbody tr")] == ["9", "10"]
    click("button[data-rules='none']")
    assert _visible(page, "li.finding[data-code]") == []
    assert _visible(page, "table.annex tbody tr") == []
    click("button[data-rules='all']")
    click("input#only-flagged")
    assert len(_visible(page, "li.finding[data-code]")) == all_items
    assert "flag-off" not in target.get_attribute("class").split()


def test_screenshot_and_print(page, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    assert page.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 10_000
    pdf = base64.b64decode(page.execute_cdp_cmd("Page.printToPDF", {"landscape": True, "printBackground": True})
                           ["data"])
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert _visible(page, "nav.filters") == []  # the filter bar is not printed
        assert _visible(page, f"td[data-path='{TARGET_PATH}']")
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_seed_report_renders_its_tables(driver, tmp_path: Path) -> None:
    import datetime as dt

    import radcheck
    from radcheck.config import Config

    seed = Path(__file__).resolve().parent.parent / "plans" / "bekasi" / "perwal-11-2024-rad-ppp.txt"
    report = radcheck.check(seed, as_of=dt.date(2026, 11, 23), config=Config())
    html = tmp_path / "ppp.html"
    html.write_text(report.render("html"), encoding="utf-8")  # type: ignore[arg-type]
    driver.get(html.as_uri())
    doc = report.documents[0].document
    assert doc is not None
    tables = driver.execute_script("return document.querySelectorAll('table.annex').length")
    assert tables == len(doc.sections)
    rows = driver.execute_script("return document.querySelectorAll('table.annex tbody tr').length")
    assert rows >= sum(len(s.indicators) for s in doc.sections)
    findings = driver.execute_script("return document.querySelectorAll('li.finding[data-code]').length")
    assert findings == len(report.all_findings())
    assert driver.execute_script("return document.querySelectorAll('td.flag').length") > 0
    shot = tmp_path / "ppp.png"
    driver.save_screenshot(str(shot))
    assert shot.read_bytes().startswith(PNG_MAGIC)


@pytest.fixture(scope="module")
def seed_page(driver, tmp_path_factory: pytest.TempPathFactory) -> object:
    import datetime as dt

    import radcheck
    from radcheck.config import Config

    seed = Path(__file__).resolve().parent.parent / "plans" / "bekasi" / "perwal-10-2024-rad-pug.txt"
    report = radcheck.check(seed, as_of=dt.date(2026, 11, 23), config=Config())
    html = tmp_path_factory.mktemp("seed-html") / "pug.html"
    html.write_text(report.render("html"), encoding="utf-8")  # type: ignore[arg-type]
    driver.get(html.as_uri())
    driver.report = report  # what the page was made from, for the assertions
    return driver


def test_search_box_narrows_findings_and_rows(seed_page) -> None:
    from selenium.webdriver.common.by import By

    page = seed_page
    findings = page.report.all_findings()
    total = len(_visible(page, "li.finding[data-code]"))
    assert total == len(findings)
    box = page.find_element(By.ID, "search")
    # a word of one finding's message: the findings that say it stay, every other goes
    word = next(f for f in findings if f.code == "T007").message.split("'")[1].split()[0]
    box.send_keys(word)
    shown = _visible(page, "li.finding[data-code]")
    assert 0 < len(shown) < total
    assert all(word.lower() in e.text.lower() for e in shown)
    assert page.find_element(By.ID, "search-count").text == str(len(shown))
    rows = _visible(page, "table.annex tbody tr")
    assert rows and all(word.lower() in r.text.lower() for r in rows)
    box.clear()
    box.send_keys("\u0008")  # an input event with the box empty: everything is back
    page.execute_script("document.getElementById('search').dispatchEvent(new Event('input'))")
    assert len(_visible(page, "li.finding[data-code]")) == total


def test_trajectory_rows_have_a_chart(seed_page, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page = seed_page
    report = page.report
    trajectory = {f.path.split("/targets")[0] for f in report.all_findings() if f.code in ("T005", "T006", "T007")}
    charts = page.find_elements(By.CSS_SELECTOR, "td.row-notes svg.chart")
    assert len(charts) >= len(trajectory) > 0
    chart = charts[0]
    page.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", chart)
    assert chart.size["width"] > 100 and chart.size["height"] > 40
    assert len(chart.find_elements(By.CSS_SELECTOR, "circle")) >= 3
    assert chart.find_elements(By.CSS_SELECTOR, "polyline")
    # the chart is drawn: its pixels are not all one colour
    shot = tmp_path / "chart.png"
    assert chart.screenshot(str(shot))
    from PIL import Image

    colours = Image.open(shot).convert("RGB").getcolors(maxcolors=100_000)
    assert colours is not None and len(colours) > 3
    # no resource from anywhere: every src/href is the page itself or a fragment
    assert page.execute_script(
        "return Array.from(document.querySelectorAll('[src],[href]')).filter(function (e) {"
        " var v = e.getAttribute('src') || e.getAttribute('href'); return v && v.charAt(0) !== '#'; }).length") == 0


def test_target_columns_have_equal_width(seed_page) -> None:
    page = seed_page
    widths = page.execute_script(
        "return Array.from(document.querySelectorAll('table.annex')).map(function (t) {"
        " return Array.from(t.querySelectorAll('thead th.target')).map(function (th) {"
        "  return Math.round(th.getBoundingClientRect().width); }); })")
    assert any(len(w) >= 3 for w in widths)
    for row in widths:
        if row:
            assert max(row) - min(row) <= 2, row
