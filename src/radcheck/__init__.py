"""radcheck: check Indonesian regional action-plan regulations (RAD) for compliance and consistency.

The public API is small::

    import radcheck
    doc = radcheck.load("plans/bekasi/perwal-11-2024-rad-ppp.txt")
    report = radcheck.check(doc)            # or a path, a folder, or a list of them
    doc = radcheck.load_text(text, name="draft.txt")   # or load_bytes(data, name="draft.docx")
    print(report.to_json())
    graph = doc.graph()                     # networkx.MultiDiGraph of the plan

Attributes are imported on first use so that ``import radcheck`` stays fast for the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "Config",
    "ConfigError",
    "Document",
    "Finding",
    "Report",
    "RuleMeta",
    "SelectionError",
    "UnreadableInput",
    "__version__",
    "check",
    "load",
    "load_bytes",
    "load_config",
    "load_text",
    "rules",
]

_LAZY = {
    "check": "radcheck.api",
    "load": "radcheck.api",
    "load_bytes": "radcheck.api",
    "load_text": "radcheck.api",
    "ConfigError": "radcheck.config",
    "SelectionError": "radcheck.engine",
    "rules": "radcheck.api",
    "Config": "radcheck.config",
    "load_config": "radcheck.config",
    "Document": "radcheck.model",
    "Finding": "radcheck.findings",
    "Report": "radcheck.report",
    "RuleMeta": "radcheck.catalogue",
    "UnreadableInput": "radcheck.readers.common",
}

if TYPE_CHECKING:
    from radcheck.api import check, load, load_bytes, load_text, rules
    from radcheck.catalogue import RuleMeta
    from radcheck.config import Config, ConfigError, load_config
    from radcheck.engine import SelectionError
    from radcheck.findings import Finding
    from radcheck.model import Document
    from radcheck.readers.common import UnreadableInput
    from radcheck.report import Report


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'radcheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
