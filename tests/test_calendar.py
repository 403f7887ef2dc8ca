"""The calendar of deadlines, R001–R005 on the seeds, ``radcheck calendar`` and its .ics export."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import AS_OF, PPP, PUG, run_cli

import radcheck
from radcheck.config import Config, ConfigError
from radcheck.obligations import Convention, build_calendar, calendar_dict, load_report_log

REP = Path(__file__).parent / "plans"
BOTH_2024 = ("- {obligation: pasal-7, period: 2024, submitted: 2024-12-20, reference: BA Pokja 01/2024}\n"
             "- {obligation: reporting, period: 2024, submitted: 2025-01-15}\n")


@pytest.fixture()
def log_2024(tmp_path: Path) -> Path:
    f = tmp_path / "reports.yaml"
    f.write_text(BOTH_2024, encoding="utf-8")
    return f


# --- the calendar ----------------------------------------------------------------------------

def test_ppp_ten_yearly_deadlines_without_log(ppp) -> None:
    cal = build_calendar(ppp, as_of=AS_OF)
    assert [(d.obligation.id, d.period, d.due) for d in cal.deadlines] == [
        (ob, str(y), dt.date(y, 12, 31)) for y in range(2024, 2029) for ob in ("pasal-7", "pasal-8")]
    status = {(d.obligation.id, d.period): d.status for d in cal.deadlines}
    assert {status[o, p] for o in ("pasal-7", "pasal-8") for p in ("2024", "2025")} == {"unknown"}
    assert status["pasal-8", "2026"] == "due-soon"  # 38 days ahead, inside the 60-day default window
    assert status["pasal-8", "2027"] == status["pasal-8", "2028"] == "upcoming"


def test_ppp_with_both_2024_reports_exactly_2025_is_overdue(ppp, log_2024: Path) -> None:
    cal = build_calendar(ppp, as_of=AS_OF, log=load_report_log(log_2024))
    overdue = [(d.obligation.id, d.period) for d in cal.deadlines if d.status == "overdue"]
    assert overdue == [("pasal-7", "2025"), ("pasal-8", "2025")]
    done = [(d.obligation.id, d.period) for d in cal.deadlines if d.status == "done"]
    assert done == [("pasal-7", "2024"), ("pasal-8", "2024")]  # "reporting" names the only reporting duty
    assert {d.status for d in cal.deadlines if d.period == "2026"} == {"due-soon"}
    assert cal.unmatched == []


def test_r_findings_on_the_seeds(log_2024: Path) -> None:
    # R004 is off by default: a family letter selects the default-on rules, its code adds it.
    report = radcheck.check([str(PPP), str(PUG)], select=["R", "R004"], as_of=AS_OF, reports=log_2024,
                            config=Config())
    ppp, pug = report.documents
    r005 = [f for f in ppp.findings if f.code == "R005"]
    assert len(r005) == 2 and all("2025" in f.message and "2025-12-31" in f.message for f in r005)
    assert {f.path for f in r005} == {"/body/pasal/7/ayat/2/deadline/2025", "/body/pasal/8/ayat/2/deadline/2025"}
    r004 = [f for f in ppp.findings if f.code == "R004"]
    assert len(r004) == 2 and all("2026-12-31" in f.message for f in r004)
    assert {f.code for f in ppp.findings} == {"R004", "R005"}
    assert sorted(f.code for f in pug.findings) == ["R001", "R002"]
    assert all(f.line is None and f.path == "/body" for f in pug.findings)


def test_r005_needs_a_log() -> None:
    report = radcheck.check(str(PPP), select=["R005"], as_of=AS_OF, config=Config())
    assert report.documents[0].findings == []


def test_lookahead_window_is_configurable(ppp) -> None:
    narrow = Convention.from_config(Config.model_validate({"calendar": {"lookahead_days": 30}}))
    assert {d.status for d in build_calendar(ppp, as_of=AS_OF, convention=narrow).deadlines
            if d.period == "2026"} == {"upcoming"}
    # both sides of the edge: 38 days ahead is due-soon with a 38-day window, not with 37
    for days, expected in ((38, "due-soon"), (37, "upcoming")):
        conv = Convention(lookahead_days=days)
        assert {d.status for d in build_calendar(ppp, as_of=AS_OF, convention=conv).deadlines
                if d.period == "2026"} == {expected}


def test_months_after_period_convention(ppp) -> None:
    conv = Convention.from_config(Config.model_validate({"calendar": {"due": "months-after-period",
                                                                      "months_after": 3}}))
    cal = build_calendar(ppp, as_of=AS_OF, convention=conv)
    assert cal.deadlines[0].due == dt.date(2025, 3, 31)
    assert cal.deadlines[-1].due == dt.date(2029, 3, 31)
    data = calendar_dict([cal], as_of=AS_OF, convention=conv)
    assert data["convention"] == "one per calendar year, due 3 months after the period ends (31 March)"


def test_default_convention_is_stated(ppp) -> None:
    data = calendar_dict([build_calendar(ppp, as_of=AS_OF)], as_of=AS_OF, convention=Convention())
    assert data["convention"] == "one per calendar year, due 31 December"
    assert list(data) == ["as_of", "convention", "documents"]
    assert list(data["documents"][0]) == ["path", "obligations", "deadlines"]
    assert data["documents"][0]["deadlines"][0] == {"obligation": "pasal-7", "period": "2024", "due": "2024-12-31",
                                                    "status": "unknown"}


@pytest.mark.parametrize("table", [{"due": "whenever"}, {"months_after": -1}, {"lookahead_days": "soon"},
                                   {"assume_frequency": "P2W"}, {"deadline": "x"}])
def test_bad_calendar_config(table: dict[str, object]) -> None:
    with pytest.raises(ConfigError, match=r"\[tool.radcheck.calendar\]"):
        Convention.from_config(Config.model_validate({"calendar": table, "source": "radcheck.toml"}))


def test_six_monthly_and_quarterly_periods() -> None:
    doc = radcheck.load(REP / "rep-semester.txt")
    cal = build_calendar(doc, as_of=dt.date(2025, 6, 20))
    rep = [(d.period, d.due) for d in cal.deadlines if d.obligation.id == "pasal-3"]
    assert rep == [("2025-H1", dt.date(2025, 6, 30)), ("2025-H2", dt.date(2025, 12, 31)),
                   ("2026-H1", dt.date(2026, 6, 30)), ("2026-H2", dt.date(2026, 12, 31))]
    mon = [d.period for d in cal.deadlines if d.obligation.id == "pasal-2"]
    assert mon == [f"{y}-Q{q}" for y in (2025, 2026) for q in range(1, 5)]
    assert "one per half-year" in calendar_dict([cal], as_of=dt.date(2025, 6, 20), convention=Convention())[
        "convention"]


def test_stated_deadline_wins_over_convention() -> None:
    cal = build_calendar(radcheck.load(REP / "rep-deadline.txt"), as_of=dt.date(2025, 6, 20))
    assert sorted({(d.period, d.due) for d in cal.deadlines}) == [("2024", dt.date(2025, 1, 31)),
                                                                    ("2025", dt.date(2026, 1, 31))]


def test_stated_day_of_next_month_for_six_monthly_reports() -> None:
    text = (REP / "rep-semester.txt").read_text(encoding="utf-8").replace(
        "disampaikan secara tertulis setiap 6 (enam) bulan.",
        "disampaikan secara tertulis setiap 6 (enam) bulan paling lambat tanggal 10 bulan berikutnya.")
    from radcheck.readers import read_bytes

    doc = read_bytes(text.encode("utf-8"), "semester.txt", "text")
    cal = build_calendar(doc, as_of=dt.date(2025, 6, 20))
    assert [d.due for d in cal.deadlines if d.obligation.kind == "reporting"] == [
        dt.date(2025, 7, 10), dt.date(2026, 1, 10), dt.date(2026, 7, 10), dt.date(2027, 1, 10)]


def test_vague_obligations_have_no_deadlines_unless_configured() -> None:
    doc = radcheck.load(REP / "rep-berkala.txt")
    assert build_calendar(doc, as_of=AS_OF).deadlines == []
    conv = Convention(assume_frequency="P1Y")
    assert len(build_calendar(doc, as_of=AS_OF, convention=conv).deadlines) == 6  # 2 obligations × 2024–2026
    report = radcheck.check(str(REP / "rep-berkala.txt"), select=["R"], as_of=AS_OF, config=Config())
    assert [f.code for f in report.documents[0].findings] == ["R003", "R003"]


def test_no_clause_regulation() -> None:
    report = radcheck.check(str(REP / "rep-none.txt"), select=["R"], as_of=AS_OF, config=Config())
    assert [f.code for f in report.documents[0].findings] == ["R001", "R002"]


def test_log_entries_after_as_of_do_not_count(ppp, tmp_path: Path) -> None:
    f = tmp_path / "log.csv"
    f.write_text("obligation,period,submitted\npasal-8,2025,2027-01-05\n", encoding="utf-8")
    cal = build_calendar(ppp, as_of=AS_OF, log=load_report_log(f))
    assert next(d for d in cal.deadlines if d.obligation.id == "pasal-8" and d.period == "2025").status == "overdue"


def test_english_messages(log_2024: Path) -> None:
    report = radcheck.check(str(PPP), select=["R005"], as_of=AS_OF, reports=log_2024, lang="en", config=Config())
    msg = report.documents[0].findings[1]
    assert msg.message.startswith("Reporting (pasal-8) for 2025 was due on 2025-12-31")
    assert "submit it to Wali Kota" in (msg.suggestion or "")


# --- the command ------------------------------------------------------------------------------

def test_cli_calendar_text(log_2024: Path) -> None:
    out = run_cli("calendar", str(PPP), "--as-of", "2026-11-23", "--reports", str(log_2024), "--lang", "en")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Convention: one per calendar year, due 31 December\n")
    rows = [line.split() for line in out.stdout.splitlines() if line.strip()[:4].isdigit()]
    assert len(rows) == 10
    assert [r[:4] for r in rows if r[3] == "overdue"] == [["2025-12-31", "pasal-7", "2025", "overdue"],
                                                           ["2025-12-31", "pasal-8", "2025", "overdue"]]


def test_cli_calendar_json_and_ics_agree(log_2024: Path, tmp_path: Path) -> None:
    import icalendar

    ics = tmp_path / "rad.ics"
    out = run_cli("calendar", str(PPP), "--as-of", "2026-11-23", "--reports", str(log_2024), "--format", "json",
               "--ics", str(ics))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    doc = data["documents"][0]
    obligations = {o["id"]: o for o in doc["obligations"]}
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == len(doc["deadlines"]) == 10
    for ev, d in zip(events, doc["deadlines"], strict=True):
        ob = obligations[d["obligation"]]
        assert ev.decoded("dtstart") == dt.date.fromisoformat(d["due"])
        assert str(ev["x-radcheck-obligation"]) == d["obligation"]
        assert str(ev["x-radcheck-period"]) == d["period"]
        assert str(ev["x-radcheck-status"]) == d["status"]
        assert str(ev["x-radcheck-basis"]) == ob["basis"]
        assert str(ev["x-radcheck-document"]) == doc["path"]
        summary, description = str(ev["summary"]), str(ev["description"])
        assert d["period"] in summary and ob["basis"] in summary
        assert ob["basis"] in description and doc["path"] in description and ob["actor"] in description
        assert f"({d['obligation']})" in description and d["due"] in description
    # the same input gives the same file
    again = tmp_path / "again.ics"
    run_cli("calendar", str(PPP), "--as-of", "2026-11-23", "--reports", str(log_2024), "--ics", str(again))
    assert again.read_bytes() == ics.read_bytes()


def test_cli_calendar_pug_has_no_obligations() -> None:
    out = run_cli("calendar", str(PUG), "--format", "json", "--as-of", "2026-11-23")
    assert out.returncode == 0
    doc = json.loads(out.stdout)["documents"][0]
    assert (doc["obligations"], doc["deadlines"]) == ([], [])


@pytest.mark.parametrize("command", ["calendar", "check"])
@pytest.mark.parametrize(("name", "content"), [
    ("bad.yaml", "- {obligation: pasal-8, period: 2024\n"),
    ("bad.csv", "obligation,period,submitted,note\npasal-8,2024,2025-01-10,x\n"),
    ("bad.csv", "obligation,period,submitted\npasal-8,2024,10-01-2025\n"),
])
def test_bad_log_is_one_line_and_exit_2(tmp_path: Path, command: str, name: str, content: str) -> None:
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    out = run_cli(command, str(PPP), "--reports", str(f), "--as-of", "2026-11-23")
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and str(f) in lines[0] and "Traceback" not in out.stderr


def test_cli_bad_config_is_exit_2(tmp_path: Path) -> None:
    cfg = tmp_path / "radcheck.toml"
    cfg.write_text('[calendar]\ndue = "someday"\n', encoding="utf-8")
    out = run_cli("calendar", str(PPP), "--config", str(cfg))
    assert out.returncode == 2 and "due = 'someday'" in out.stderr and "Traceback" not in out.stderr
