"""The public Python API as another tool imports it: load, check, rules."""

from __future__ import annotations

import subprocess
import sys

from conftest import PPP, ROOT

import radcheck


def test_rules_lists_the_catalogue_by_code() -> None:
    metas = radcheck.rules()
    codes = [m.code for m in metas]
    assert codes == sorted(codes)
    assert {"P001", "T001", "G001", "A001", "L001", "R001", "X001"} <= set(codes)


def test_rules_still_callable_after_a_check_in_a_fresh_process() -> None:
    # Running the rules imports their code; that must not shadow the public radcheck.rules() function.
    code = ("import radcheck; r = radcheck.check(radcheck.load(%r)); "
            "print(len(r.documents), callable(radcheck.rules), len(radcheck.rules()) > 40)" % str(PPP))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "True", "True"]


def test_check_accepts_a_loaded_document_and_a_path_alike() -> None:
    doc = radcheck.load(PPP)
    by_doc = radcheck.check(doc, select=["T", "G"])
    by_path = radcheck.check(PPP, select=["T", "G"])
    assert [f.code for f in by_doc.documents[0].findings] == [f.code for f in by_path.documents[0].findings]
    assert by_doc.documents[0].findings  # the seed has T/G findings: the comparison is not of two empty lists
