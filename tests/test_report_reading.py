"""The report a drafter reads in five minutes: summary first, errors first, suggestions once, the
report's language throughout; concise lines; --statistics; Markdown that fits one PR comment."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from conftest import AS_OF, PPP, PUG, run_cli

import radcheck


@pytest.fixture(scope="module")
def both():
    return radcheck.check([str(PUG), str(PPP)], as_of=AS_OF)


@pytest.fixture(scope="module")
def both_en():
    return radcheck.check([str(PUG), str(PPP)], as_of=AS_OF, lang="en")


def _findings(report):
    return report.all_findings()


def test_text_summary_comes_first_with_errors_first(both):
    text = both.render("text")
    first_document = text.index(str(PUG))
    head = text[:first_document]
    assert head.startswith("Ringkasan:")
    assert "Perbaiki ini dulu" in head
    errors_at = head.index("Perbaiki ini dulu")
    for word in ("Lalu periksa", "Catatan"):
        if word in head:
            assert head.index(word) > errors_at
    counts = Counter(f.code for f in _findings(both))
    # every rule with findings is counted, with its count
    for code, n in counts.items():
        assert re.search(rf"^\s+{n}\s+{code} ", head, re.MULTILINE), code
    # the error rules are exactly those listed before the warnings
    error_part = head[errors_at:head.index("Lalu periksa") if "Lalu periksa" in head else None]
    listed = set(re.findall(r"^\s+\d+\s+([A-Z]\d{3}) ", error_part, re.MULTILINE))
    assert listed == {f.code for f in _findings(both) if f.severity == "error"}


def test_text_suggestion_once_per_rule_and_document(both):
    text = both.render("text")
    for d in both.documents:
        start = text.index(d.path + "\n")
        nxt = [text.index(o.path + "\n") for o in both.documents if text.index(o.path + "\n") > start]
        part = text[start:min(nxt) if nxt else None]
        flat = " ".join(part.split())
        for code, suggestion in {(f.code, f.suggestion) for f in d.findings if f.suggestion}:
            assert flat.count("Saran: " + " ".join(suggestion.split())) == 1, code
    # a rule with many findings and one wording: one suggestion, many messages
    many = Counter((f.document, f.code, f.suggestion) for f in both.documents[0].findings if f.suggestion)
    assert max(many.values()) > 1


def test_text_speaks_the_report_language(both, both_en):
    text = both.render("text")
    assert not re.search(r"\b(error|warning)\b", text.split("\n", 1)[1].split("Ringkasan:")[0])
    assert "kesalahan" in text and "peringatan" in text
    en = both_en.render("text")
    assert "Fix these first" in en and "kesalahan" not in en
    assert re.search(r"line \d+\s+[A-Z]\d{3} error ", en)


def test_concise_one_line_per_finding(both):
    text = both.render("concise")
    lines = text.splitlines()
    findings = _findings(both)
    assert len(lines) == len(findings)
    pattern = re.compile(r"^(?P<path>[^:]+):(?:(?P<line>\d+):)? (?P<code>[A-Z]\d{3}) (?P<name>[a-z0-9-]+) \S")
    for line, f in zip(lines, [f for d in both.documents for f in d.findings] + list(both.findings), strict=True):
        m = pattern.match(line)
        assert m, line
        assert m["code"] == f.code and m["name"] == f.name
        assert (int(m["line"]) if m["line"] else None) == f.line


def test_concise_names_the_cell_of_an_excel_finding(tmp_path):
    import office_fixtures as of

    path = tmp_path / "pug.xlsx"
    path.write_bytes(of.write_xlsx(of.SEEDS["pug"]))
    text = radcheck.check(str(path), as_of=AS_OF).render("concise")
    assert re.search(r"T001 missing-target .*\[lembar [A-Z], sel [A-Z]+\d+\]$", text, re.MULTILINE)


def _cli(*args):
    return run_cli("check", *args, "--as-of", AS_OF.isoformat())


def test_statistics_counts_per_rule(both):
    done = _cli(str(PUG), str(PPP), "--statistics")
    assert done.returncode == 1  # the exit code is the check's
    counts = Counter(f.code for f in _findings(both))
    rows = done.stdout.splitlines()
    assert len(rows) == len(counts)
    got = {m[1]: int(m[0]) for m in (re.match(r"\s*(\d+)\s+([A-Z]\d{3})\s", r).groups() for r in rows)}
    assert got == counts
    shown = [int(r.split()[0]) for r in rows]
    assert shown == sorted(shown, reverse=True)
    as_json = json.loads(_cli(str(PUG), "--statistics", "--format", "json").stdout)
    assert {r["code"]: r["count"] for r in as_json} == Counter(f.code for f in both.documents[0].findings)


def test_concise_from_the_command_line():
    done = _cli(str(PPP), "--format", "concise")
    lines = done.stdout.splitlines()
    assert done.returncode == 1 and lines and all(line.startswith(f"{PPP.as_posix()}:") for line in lines)


def test_markdown_fits_one_pull_request_comment(both):
    from radcheck.formats.markdown import COMMENT_LIMIT

    md = both.render("markdown")
    assert COMMENT_LIMIT == 65_536 and len(md) <= COMMENT_LIMIT
    assert md.count("<details>") == md.count("</details>") > 0
    # every finding is still accounted for: a row, a place, or a count in its section's summary line
    counts = [int(n) for n in re.findall(r"(\d+) (?:kesalahan|peringatan|info)(?= ·|</summary>)", md)]
    assert sum(counts) == len([f for d in both.documents for f in d.findings])
    # errors keep their rows when warnings or info had to be shortened
    for f in both.all_findings():
        if f.severity == "error" and f.document != "":
            assert f.message.split(":")[0][:40].replace("_", "\\_") in md or f.code in md


def test_markdown_shortens_step_by_step_and_says_so(both, tmp_path):
    from radcheck.formats import markdown

    # Three drafts of each seed checked together: a report too long for one comment.
    copies = []
    for i in range(3):
        for seed in (PUG, PPP):
            copy = tmp_path / f"draft{i}-{seed.name}"
            copy.write_bytes(seed.read_bytes())
            copies.append(str(copy))
    many = radcheck.check(copies, as_of=AS_OF)
    full = markdown._render(many, True, {})
    assert len(full) > markdown.COMMENT_LIMIT
    md = many.render("markdown")
    assert len(md) <= markdown.COMMENT_LIMIT and "diringkas" in md
    assert "diringkas" not in both.render("markdown")  # the two seeds fit whole
    small = radcheck.check(str(PPP), as_of=AS_OF, select=["L", "R"]).render("markdown")
    assert "diringkas" not in small and "Kutipan" in small  # a short report is left whole


def test_markdown_places_each_finding(both):
    md = both.render("markdown")
    assert "| Lokasi |" in md and re.search(r"\| baris \d+, Pasal \d+ ayat \(\d+\) \|", md)


def test_html_errors_first_and_a_search_box(both):
    html = both.render("html")
    assert html.index('id="fix-first"') < html.index('class="document"')
    errors = [f for d in both.documents for f in d.findings if f.severity == "error"]
    assert html.count('<li class="first sev-error"') == len(errors)
    assert '<input type="search" id="search"' in html
    # the filter panel (search included) is not printed
    printed = html[html.index("@media print {"):]
    assert re.search(r"nav\.filters[^{]*\{ display: none", printed)
    # ranked errors first in the rules table
    ranks = re.findall(r'<tr data-rule="[A-Z]\d{3}"><td class="code">[A-Z]\d{3}</td><td>[^<]*</td><td>'
                       r'<span class="badge sev-(\w+)">', html)
    order = {"error": 0, "warning": 1, "info": 2}
    assert ranks and [order[r] for r in ranks] == sorted(order[r] for r in ranks)


def test_html_chart_draws_the_series():
    from radcheck.formats.html import trajectory_chart
    from radcheck.model import Indicator, TargetCell, TargetKind

    def n(v):
        return TargetCell(kind=TargetKind.NUMBER, raw=str(v), value=v)

    lab = {"baseline_short": "awal", "chart": "Kondisi awal dan target"}
    falling = Indicator(id="A/indicators/0", text="<b>x</b>", baseline=n(10),
                        targets={2024: n(9), 2025: n(8), 2026: TargetCell(kind=TargetKind.MISSING), 2027: n(6)})
    svg = trajectory_chart(falling, [2024, 2025, 2026, 2027], {2025: "warning"}, lab)
    assert svg.startswith("<svg") and "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    ys = [float(y) for y in re.findall(r'cy="([\d.]+)"', svg)]
    assert len(ys) == 4 and ys == sorted(ys)  # a falling line goes down the picture
    assert svg.count("<polyline") == 1 and svg.count('stroke-dasharray="3 3"') == 1  # a missing year: dashed
    assert "#8a5a00" in svg  # the year the finding is about, in its severity's colour
    assert "<b>" not in svg
    flat = Indicator(id="A/indicators/1", text="y", targets={2024: n(5)})
    assert trajectory_chart(flat, [2024], {}, lab) == ""  # one number is no line


def test_html_marks_trajectory_rows(both):
    html = both.render("html")
    rows = re.findall(r'<tr class="row-indicator"[^>]*>(.*?)</tr>', html, re.S)
    with_chart = [r for r in rows if "<svg class=\"chart\"" in r]
    assert with_chart
    assert all(re.search(r'data-f="[^"]*:T00[5-8]', r) for r in with_chart)


def test_repeated_defect_places_are_shown_collapsed(both):
    """A finding with ``occurrences`` (one defect in several places) shows their count and places."""
    import copy

    report = copy.copy(both)
    d = copy.copy(both.documents[0])
    f = next(x for x in d.findings if x.line is not None and x.severity == "error")
    places = [{"path": f.path, "line": f.line, "end_line": f.line, "excerpt": f.excerpt, "location": f.location}]
    places += [{"path": f.path, "line": f.line + k, "end_line": f.line + k, "excerpt": "x",
                "location": {"line": f.line + k}} for k in range(1, 8)]
    repeated = copy.copy(f)
    repeated.__dict__["occurrences"] = places
    d.findings = [repeated if x is f else x for x in d.findings]
    report.documents = [d, *both.documents[1:]]
    text = report.render("text")
    assert "Juga di 7 tempat lain: " in text and "dan 2 lagi" in text
    assert f"baris {f.line + 1}; baris {f.line + 2}" in text
    assert "juga di 7 tempat lain" in report.render("markdown")
    html = report.render("html")
    assert '<details class="occurrences"><summary>juga di 7 tempat lain</summary>' in html
    sarif = json.loads(report.render("sarif"))
    mine = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == f.code and len(r.get("relatedLocations", ())) == 7]
    assert len(mine) == 1 and len(mine[0]["relatedLocations"]) == 7


def test_statistics_refuses_a_file_format_before_checking(tmp_path):
    out = tmp_path / "stats.html"
    done = _cli(str(PPP), "--statistics", "--format", "html", "-o", str(out))
    assert done.returncode == 2 and "--statistics" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
    written = tmp_path / "stats.txt"
    assert _cli(str(PPP), "--statistics", "-o", str(written)).returncode == 1
    assert re.match(r"\s*\d+\s+[A-Z]\d{3}\s", written.read_text(encoding="utf-8"))
