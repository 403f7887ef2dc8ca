"""The data shipped in ``rules/`` (rule catalogue, agency registries, lexicons), as a run reads it.

People edit the YAML files in ``rules/``.  A run reads the same data from one JSON file,
``rules/compiled.json``, which ``python -m radcheck.shipped`` writes from them: importing PyYAML and
parsing the YAML took about 17 ms of the 0.3 s that checking the two seed plans takes from a cold
start, where loading the JSON takes about one.  ``tests/test_shipped_data.py`` fails, naming that
command, whenever the JSON is not what the YAML says; nothing else ever writes it.

The JSON holds each file's data under its path in ``rules/`` (``catalogue/A.yaml``).  YAML dates become
ISO strings there, which the date fields of the models read back as the same dates (the test checks
the models built from both).  Files a user gives (``--registry``, ``--waivers``, plans) are YAML as ever.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

COMPILED = "compiled.json"


@cache
def _compiled() -> dict[str, Any]:
    return json.loads((resources.files("radcheck") / "data" / COMPILED).read_text(encoding="utf-8"))


def load(name: str) -> Any:
    """The data of one shipped file, by its path in ``rules/`` (``"polarity.yaml"``).

    The same object on every call: callers validate it into their own models and must not change it.
    Raises KeyError for a file that is not shipped.
    """
    return _compiled()[name]


def names(folder: str) -> list[str]:
    """The shipped files directly in ``folder`` (``"catalogue"``), by path, sorted."""
    prefix = folder.rstrip("/") + "/"
    return sorted(n for n in _compiled() if n.startswith(prefix) and "/" not in n[len(prefix):])


def compile_sources(root: Path) -> str:
    """The text of ``compiled.json`` for the YAML files under ``root`` (the ``rules/`` folder)."""
    from radcheck._yaml import safe_load

    data = {path.relative_to(root).as_posix(): safe_load(path.read_text(encoding="utf-8"))
            for path in sorted(root.rglob("*.yaml"))}
    # One key per line at the top, the data of each file on its own line: a change to a file shows
    # in a diff as a change to its line.
    lines = [f"{json.dumps(name)}: {json.dumps(value, ensure_ascii=False, default=_iso)}"
             for name, value in data.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} in shipped data: only YAML's plain types and dates are allowed")


def main() -> None:
    """``python -m radcheck.shipped [RULES_DIR]``: write ``compiled.json`` from the YAML beside it."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(str(resources.files("radcheck") / "data"))
    target = root / COMPILED
    text = compile_sources(root)
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        print(f"{target}: up to date")
        return
    target.write_text(text, encoding="utf-8")
    print(f"{target}: written from {len(list(root.rglob('*.yaml')))} YAML files")


if __name__ == "__main__":
    main()
