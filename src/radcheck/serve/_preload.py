"""Imported once by the fork server, so each check's child starts with radcheck ready (no import cost)."""

from radcheck import api  # noqa: F401 - the reading and checking stack
from radcheck.catalogue import load_catalogue
from radcheck.engine import registered_rules
from radcheck.formats import html, json_report, markdown, sarif, xlsx_report  # noqa: F401 - the downloads
from radcheck.obligations import ics  # noqa: F401
from radcheck.readers import docx, structured, text, xlsx  # noqa: F401
from radcheck.serve import pages  # noqa: F401

load_catalogue()
registered_rules()
