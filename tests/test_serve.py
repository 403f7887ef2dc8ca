"""``radcheck serve`` over HTTP (Starlette's TestClient, the real worker processes): the check page, the
result page and its downloads, the rules page, and what keeps it safe — CSRF, the access token, the Host
check, the body limit, no file outside its own assets, hostile uploads ending in an error page while the
server goes on serving, nothing left behind."""

from __future__ import annotations

import base64
import io
import json
import re
import struct
import sys
import tempfile
import warnings
import zipfile

import pytest
from conftest import PPP, PUG, ROOT

pytest.importorskip("starlette")
pytest.importorskip("multipart")
with warnings.catch_warnings():  # starlette 1.x asks for httpx2 for its TestClient; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

import office_fixtures as of

from radcheck.config import Limits
from radcheck.serve import Settings, create_app
from radcheck.serve.app import clean_name

BASE = "http://127.0.0.1:8765"
FAMILIES = ["P", "T", "G", "A", "L", "R", "X"]


def client(**settings) -> TestClient:
    return TestClient(create_app(Settings(**settings)), base_url=BASE)


@pytest.fixture(scope="module")
def web() -> TestClient:
    return client()


@pytest.fixture(scope="module")
def word() -> dict[str, bytes]:
    return {"ppp": of.write_docx(of.SEEDS["ppp"]), "pug": of.write_docx(of.SEEDS["pug"], title_rows=True)}


def csrf_of(c: TestClient, lang: str = "id") -> str:
    page = c.get(f"/?lang={lang}")
    assert page.status_code == 200
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def post(c: TestClient, files: list[tuple[str, bytes]], *, previous: tuple[str, bytes] | None = None,
         lang: str = "id", as_of: str = "2026-11-23", families: list[str] = FAMILIES, csrf: str | None = None):
    data = {"csrf": csrf if csrf is not None else csrf_of(c, lang), "lang": lang, "as_of": as_of, "family": families}
    parts = [("files", (name, io.BytesIO(content), "application/octet-stream")) for name, content in files]
    if previous is not None:
        parts.append(("previous", (previous[0], io.BytesIO(previous[1]), "application/octet-stream")))
    return c.post("/check", data=data, files=parts)


def downloads(page: str) -> dict[str, bytes]:
    out = {}
    for fmt, href in re.findall(r'href="data:[^;"]+;base64,([^"]+)" type="[^"]*" data-format="(\w+)"', page):
        out[href] = base64.b64decode(fmt)
    return out


def summary(page: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'data-summary="(\w+)">(\d+)<', page)}


# -- the pages ---------------------------------------------------------------------------------
def test_check_page_is_a_plain_form_with_csrf_and_no_outside_resources(web):
    page = web.get("/")
    assert page.status_code == 200
    assert '<form id="check-form" method="post" action="/check" enctype="multipart/form-data">' in page.text
    assert 'type="file" id="files" name="files" multiple' in page.text
    assert 'name="previous"' in page.text and 'type="date"' in page.text and 'name="family"' in page.text
    assert security_cookie(page) == csrf_field(page.text)
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "http" not in csp
    assert not re.search(r'(src|href)="(https?:)?//', page.text)  # nothing from elsewhere: works offline
    assert page.headers["x-frame-options"] == "DENY" and page.headers["cache-control"] == "no-store"
    assert "Periksa rancangan" in page.text
    assert "Check a draft" in web.get("/?lang=en").text


def security_cookie(response) -> str:
    return response.cookies.get("radcheck_csrf") or ""


def csrf_field(text: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', text).group(1)


def test_rules_page_lists_every_rule_with_explanation_and_legal_basis(web):
    import radcheck

    page = web.get("/rules")
    assert page.status_code == 200
    for meta in radcheck.rules():
        assert f'id="{meta.code}"' in page.text
        assert meta.name in page.text
    en = web.get("/rules?lang=en").text
    based = next(m for m in radcheck.rules() if m.legal_basis)
    assert _unescape(based.rationale.en) in _unescape(en) and based.legal_basis in _unescape(en)


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_word_seeds_checked_together_give_the_html_report_and_every_download(web, word):
    page = post(web, [("perwal-11-ppp.docx", word["ppp"]), ("perwal-10-pug.docx", word["pug"])])
    assert page.status_code == 200, page.text[:2000]
    text = page.text
    assert "Laporan pemeriksaan radcheck" in text and 'id="serve-frame"' in text
    assert "perwal-11-ppp.docx" in text and "perwal-10-pug.docx" in text
    assert 'class="finding' in text
    assert f"'{_script_hash()}'" in page.headers["content-security-policy"]
    files = downloads(text)
    assert set(files) == {"xlsx", "md", "json", "sarif", "ics"}
    report = json.loads(files["json"])
    assert [d["path"] for d in report["documents"]] == ["perwal-11-ppp.docx", "perwal-10-pug.docx"]
    assert report["as_of"] == "2026-11-23"
    assert report["summary"] == {k: v for k, v in summary(text).items() if k in ("error", "warning", "info")}
    assert sum(report["summary"].values()) > 0
    sarif = json.loads(files["sarif"])
    assert sum(len(r["results"]) for r in sarif["runs"]) == sum(report["summary"].values())
    assert "perwal-11-ppp.docx" in files["md"].decode("utf-8")
    import icalendar
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    assert book.sheetnames
    cal = icalendar.Calendar.from_ical(files["ics"])
    assert cal.walk("VEVENT")  # the seeds' monitoring and reporting articles give deadlines


def _script_hash() -> str:
    from radcheck.formats.html import script_hash

    return script_hash()


def test_english_report_and_chosen_families(web):
    page = post(web, [("ppp.txt", PPP.read_bytes())], lang="en", families=["T"])
    assert page.status_code == 200
    assert "radcheck report" in page.text
    report = json.loads(downloads(page.text)["json"])
    codes = {f["code"] for d in report["documents"] for f in d["findings"]}
    assert codes and all(c.startswith("T") for c in codes)


def test_previous_draft_as_a_file_or_as_its_json_report_marks_new_open_and_resolved(web):
    first = post(web, [("rad.txt", PPP.read_bytes())])
    old = json.loads(downloads(first.text)["json"])
    same = post(web, [("rad.txt", PPP.read_bytes())], previous=("rad-old.txt", PPP.read_bytes()))
    counts = summary(same.text)
    assert counts["new"] == 0 and counts["resolved"] == 0 and counts["open"] == sum(old["summary"].values())
    # The old report had one finding the new draft has fixed, and lacked one the new draft brings.
    findings = old["documents"][0]["findings"]
    gone = dict(findings[0], code="T001", path="/lampiran/Z/indicators/1/targets/2024", excerpt="sudah diperbaiki",
                message="Target 2024 kosong (diperbaiki).")
    old["documents"][0]["findings"] = [*findings[1:], gone]
    page = post(web, [("rad.txt", PPP.read_bytes())], previous=("rad-old.json", json.dumps(old).encode()))
    assert page.status_code == 200
    counts = summary(page.text)
    assert counts["new"] >= 1 and counts["resolved"] == 1
    assert "sudah diperbaiki" in page.text and 'class="badge status-new"' in page.text


def test_a_previous_report_that_is_not_a_report_is_an_error_page(web):
    page = post(web, [("rad.txt", PPP.read_bytes())], previous=("old.json", b'{"tool": 1, "documents": 7}'))
    assert page.status_code == 400 and 'id="error"' in page.text and "old.json" in page.text


# -- refusals ------------------------------------------------------------------------------------
def test_a_form_without_the_csrf_token_is_refused(web):
    page = post(web, [("rad.txt", PPP.read_bytes())], csrf="forged.token")
    assert page.status_code == 403 and 'id="error"' in page.text
    other = TestClient(create_app(Settings()), base_url=BASE)  # a token signed by another server
    page = post(web, [("rad.txt", PPP.read_bytes())], csrf=csrf_of(other))
    assert page.status_code == 403


@pytest.mark.parametrize("path", [
    "/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/config.py", "/static/serve.css/../../x",
    "/static/__init__.py", "/static/", "/../../../etc/passwd", "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/static/..\\app.py", "/templates/check.html.j2", "//etc/passwd",
])
def test_no_route_serves_a_file_outside_the_assets(web, path):
    response = web.get(path)
    assert response.status_code in (404, 405)
    assert "import" not in response.text and "root:" not in response.text


def test_the_assets_are_served(web):
    assert web.get("/static/serve.css").headers["content-type"].startswith("text/css")
    assert "drop" in web.get("/static/serve.js").text


def test_an_oversized_request_is_refused_before_it_is_read():
    c = client(limits=Limits(max_file_bytes=1000), max_files=2)
    token = csrf_of(c)
    huge = c.post("/check", headers={"content-length": str(1024 ** 3), "content-type": "multipart/form-data; b=x"},
                  content=b"x")
    assert huge.status_code == 413 and 'id="error"' in huge.text

    def stream():  # no Content-Length: counted as it arrives
        for _ in range(3):
            yield b"--b\r\n" + b"x" * 1024 * 1024

    chunked = c.post("/check", headers={"content-type": "multipart/form-data; boundary=b"}, content=stream())
    assert chunked.status_code == 413
    one_big = post(c, [("rad.txt", b"x" * 2000)], csrf=token)
    assert one_big.status_code == 413 and "rad.txt" in one_big.text


def test_too_many_files_unknown_types_no_files_and_bad_dates_are_error_pages(web):
    c = client(max_files=2)
    assert post(c, [(f"{i}.txt", b"x") for i in range(3)]).status_code == 400
    bad = post(web, [("rad.exe", b"MZ")])
    assert bad.status_code == 400 and "rad.exe" in bad.text
    assert post(web, []).status_code == 400
    assert post(web, [("rad.txt", PPP.read_bytes())], as_of="31-12-2026").status_code == 400


def test_file_names_are_cleaned_for_the_report_only():
    assert clean_name("../../etc/passwd.txt", 1) == "passwd.txt"
    assert clean_name("C:\\Users\\hukum\\draft 3.docx", 1) == "draft 3.docx"
    assert clean_name("a\x00b\nc.txt", 1) == "abc.txt"
    assert clean_name("..", 4) == "berkas-4"
    assert len(clean_name("x" * 500 + ".docx", 1)) == 120


def test_a_markup_file_name_stays_text(web):
    page = post(web, [("<b onmouseover=alert(1)>rad.txt", PPP.read_bytes())])
    assert page.status_code == 200
    assert "<b onmouseover" not in page.text and "&lt;b onmouseover=alert(1)&gt;rad.txt" in page.text


def test_nothing_is_kept_and_no_file_gets_its_given_name(web, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    page = post(web, [("../../geheim.txt", PPP.read_bytes()), ("rahasia.txt", PUG.read_bytes())])
    assert page.status_code == 200 and "geheim.txt" in page.text
    assert list(tmp_path.iterdir()) == []
    assert not (tmp_path.parent / "geheim.txt").exists() and not list(ROOT.glob("**/geheim.txt"))


# -- hostile uploads -------------------------------------------------------------------------------
def _bomb(megabytes: int) -> bytes:
    """The PPP seed as Word, its document part replaced by ``megabytes`` of zeros (about 1000:1 compressed)."""
    good = zipfile.ZipFile(io.BytesIO(of.write_docx(of.SEEDS["ppp"])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in good.infolist():
            if info.filename != "word/document.xml":
                zf.writestr(info.filename, good.read(info.filename))
        with zf.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                part.write(chunk)
    return buf.getvalue()


def _gigabyte_claim() -> bytes:
    """A small .docx whose document part declares 1 GB (the central directory says so; the data is tiny)."""
    data = bytearray(of.write_docx(of.SEEDS["ppp"]))
    name = b"word/document.xml"
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46: pos + 46 + name_len] == name:
            struct.pack_into("<I", data, pos + 24, 1024 ** 3)
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)


def test_zip_bomb_and_a_gigabyte_claim_give_an_error_page_and_the_next_check_works(web):
    for name, data in (("bom.docx", _bomb(60)), ("klaim.docx", _gigabyte_claim())):
        page = post(web, [(name, data)])
        assert page.status_code == 422, page.text[:500]
        assert 'id="error"' in page.text and name in page.text
    assert post(web, [("rad.txt", PPP.read_bytes())]).status_code == 200


def _million_row_claim() -> bytes:
    """The PPP seed as Excel, every sheet's dimension claiming a million rows it does not have."""
    return of.zip_of({name: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
                      if name.startswith("xl/worksheets/") else data
                      for name, data in of.members_of(of.write_xlsx(of.SEEDS["ppp"])).items()})


def test_a_sheet_claiming_a_million_rows_is_checked_for_what_it_has(web):
    page = post(web, [("klaim-sejuta-baris.xlsx", _million_row_claim())])
    assert page.status_code == 200 and "klaim-sejuta-baris.xlsx" in page.text
    report = json.loads(downloads(page.text)["json"])
    assert report["documents"][0]["stats"]["indicators"] > 0


def test_a_check_over_the_memory_limit_is_killed_and_the_server_goes_on(tmp_path):
    # Limits loosened so the reader really inflates the bomb: only the worker's memory limit stops it.
    config = tmp_path / "radcheck.toml"
    config.write_text("[limits]\nmax-archive-bytes = 100000000000\nmax-archive-ratio = 1000000000\n")
    c = client(config_path=str(config), memory_mb=300)
    page = post(c, [("bom.docx", _bomb(400))])
    # Either the reader meets the limit as a MemoryError and says so (P001), or the child dies of it.
    assert page.status_code in (422, 500) and 'id="error"' in page.text
    assert "MemoryError" in page.text or "batas memori" in page.text
    assert post(c, [("rad.txt", PPP.read_bytes())]).status_code == 200


def test_a_check_over_the_time_limit_is_killed_and_the_server_goes_on(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import write_plan

    big = tmp_path / "big.txt"
    write_plan(big, 4000)
    c = client(timeout_seconds=0.5)
    page = post(c, [("big.txt", big.read_bytes())])
    assert page.status_code == 503 and "batas waktu" in page.text
    slow = client(timeout_seconds=60)
    assert post(slow, [("rad.txt", PPP.read_bytes())]).status_code == 200


# -- access from other computers -----------------------------------------------------------------
def test_with_a_token_every_request_needs_it():
    secret = "s3cret-token-for-the-office"
    c = TestClient(create_app(Settings(token=secret, loopback_only=False)), base_url="http://10.0.0.5:8765")
    assert c.get("/").status_code == 403
    assert c.get("/rules?token=wrong").status_code == 403
    first = c.get(f"/rules?token={secret}&lang=en", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/rules?lang=en"
    assert "HttpOnly" in first.headers["set-cookie"] and "SameSite=Strict" in first.headers["set-cookie"]
    assert c.get("/rules?lang=en").status_code == 200  # the cookie now carries it
    bare = TestClient(create_app(Settings(token=secret, loopback_only=False)), base_url="http://10.0.0.5:8765")
    assert bare.get("/", headers={"authorization": f"Bearer {secret}"}).status_code == 200


def test_on_this_computer_only_a_foreign_host_name_is_refused(web):
    refused = web.get("/", headers={"host": "evil.example:8765"})
    assert refused.status_code == 403 and "evil.example" in refused.text and "127.0.0.1" in refused.text
    assert web.get("/", headers={"host": "localhost:8765"}).status_code == 200
    assert web.get("/", headers={"host": "[::1]:8765"}).status_code == 200


def test_cli_refuses_another_host_without_a_token(tmp_path):
    import subprocess

    run = subprocess.run([sys.executable, "-m", "radcheck", "serve", "--host", "0.0.0.0"], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 2 and "--token" in run.stderr and "Traceback" not in run.stderr
    run = subprocess.run([sys.executable, "-m", "radcheck", "serve", "--host", "0.0.0.0", "--token", "short"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "16 characters" in run.stderr


def test_settings_come_from_the_serve_table_and_bad_values_are_refused(tmp_path):
    from radcheck.config import ConfigError, load_config

    config = tmp_path / "radcheck.toml"
    config.write_text("[serve]\ntimeout-seconds = 30\nmemory-mb = 512\nmax-files = 3\nworkers = 1\n"
                      "[limits]\nmax-file-bytes = 5000\n")
    settings = Settings.from_config(load_config(config))
    assert (settings.timeout_seconds, settings.memory_mb, settings.max_files, settings.workers) == (30, 512, 3, 1)
    assert settings.limits.max_file_bytes == 5000 and settings.max_body == 5000 * 4 + 1024 * 1024
    config.write_text('[serve]\nmemory-mb = "lots"\n')
    with pytest.raises(ConfigError, match="memory-mb"):
        Settings.from_config(load_config(config))


def test_cli_says_what_it_keeps_and_opens_the_browser_once_the_port_answers(monkeypatch):
    import socket
    import threading
    import webbrowser

    import uvicorn
    from click.testing import CliRunner

    from radcheck.cli.serve import serve

    opened: list[str] = []
    done = threading.Event()
    ran: dict = {}
    monkeypatch.setattr(webbrowser, "open", lambda url: (opened.append(url), done.set()))
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: ran.update(kw))
    with socket.socket() as listener:  # stands for the server: the browser opens once the port answers
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        result = CliRunner().invoke(serve, ["--port", str(port), "--open"])
        assert done.wait(20)
    assert result.exit_code == 0, result.output
    assert f"http://127.0.0.1:{port}/" in result.output and "keeps nothing" in result.output
    assert opened == [f"http://127.0.0.1:{port}/"] and ran["host"] == "127.0.0.1" and ran["port"] == port
    result = CliRunner().invoke(serve, ["--host", "0.0.0.0", "--token", "a-long-enough-office-token"])
    assert result.exit_code == 0 and "?token=" in result.output and "Bearer" in result.output
    assert "a-long-enough-office-token" not in result.output


def test_a_pdf_draft_is_checked_and_its_findings_say_the_page(web):
    from radcheck.readers import SUFFIXES

    if ".pdf" not in SUFFIXES:
        pytest.skip("this radcheck reads no PDF yet")
    pdf_fixtures = pytest.importorskip("pdf_fixtures")
    page = post(web, [("perwal-11.pdf", pdf_fixtures.seed_pdf(PPP.read_text(encoding="utf-8")))])
    assert page.status_code == 200
    report = json.loads(downloads(page.text)["json"])
    doc = report["documents"][0]
    assert doc["path"] == "perwal-11.pdf" and doc["stats"]["indicators"] > 0
    assert any("page" in (f.get("location") or {}) for f in doc["findings"])


def test_unknown_pages_and_a_full_queue_are_error_pages_in_the_chosen_language(web, monkeypatch):
    missing = web.get("/nowhere?lang=en")
    assert missing.status_code == 404 and "Page not found." in missing.text
    assert 'href="/rules?lang=id"' in web.get("/rules?lang=en").text  # the switch stays on the page
    import radcheck.serve.app as serve_app

    monkeypatch.setattr(serve_app, "_QUEUE_PER_WORKER", 0)
    busy = post(client(workers=1), [("rad.txt", PPP.read_bytes())])
    assert busy.status_code == 503 and "sibuk" in busy.text
