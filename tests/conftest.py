"""Shared fixtures: the seed plans and a helper to write small documents to disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
PPP = PLANS / "bekasi" / "perwal-11-2024-rad-ppp.txt"
PUG = PLANS / "bekasi" / "perwal-10-2024-rad-pug.txt"
AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def ppp():
    import radcheck

    return radcheck.load(PPP)


@pytest.fixture(scope="session")
def pug():
    import radcheck

    return radcheck.load(PUG)
