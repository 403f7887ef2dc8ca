"""The wheel's build hook: ``radcheck/data/compiled.json`` written from the YAML in ``rules/``.

A run reads the shipped data from that JSON (``radcheck.shipped``); written here, an installed radcheck
never parses YAML at start-up, and nobody has to remember a compile step after editing ``rules/``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompiledRulesHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads rules/ in place, and keeps its own compiled.json current
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from radcheck.shipped import COMPILED, compile_sources
        finally:
            sys.path.pop(0)
        out = Path(tempfile.mkdtemp(prefix="radcheck-build-")) / COMPILED
        out.write_text(compile_sources(Path(self.root) / "rules"), encoding="utf-8")
        build_data["force_include"][str(out)] = f"radcheck/data/{COMPILED}"
