"""The data shipped in ``rules/`` (rule catalogue, agency registries, lexicons), as a run reads it.

People edit the YAML files in ``rules/``; adding a rule or a region is adding or editing one of them,
with nothing to run afterwards.  A run reads the same data from one JSON file, ``rules/compiled.json``:
importing PyYAML and parsing the YAML takes about 65 ms of a cold start, loading the JSON about one.
That file is a cache, like ``__pycache__``: it records a digest of the YAML files it was made from, and
when they differ (a file edited, added, removed) the first run reads the YAML and writes it anew.  The
wheel's build hook (``hatch_build.py``) writes it into the wheel, so an installed radcheck never parses
YAML at start-up; it is not kept in git.

The JSON holds each file's data under its path in ``rules/`` (``catalogue/A.yaml``).  YAML dates become
ISO strings there, which the date fields of the models read back as the same dates (the test checks
the models built from both).  Files a user gives (``--registry``, ``--waivers``, plans) are YAML as ever.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from zlib import crc32

COMPILED = "compiled.json"
DIGEST = "sources.crc32"  # the key of the YAML files' checksum, first in the JSON


def root() -> Path:
    """The shipped ``rules/`` folder (``radcheck/data`` in the package)."""
    return Path(str(resources.files("radcheck") / "data"))


@cache
def _compiled() -> dict[str, Any]:
    folder = root()
    digest = sources_digest(folder)
    try:
        data: dict[str, Any] = json.loads((folder / COMPILED).read_text(encoding="utf-8"))
        if data.get(DIGEST) == digest:
            return data
    except (OSError, ValueError):
        pass  # not written yet, or cut short: read the YAML
    text = compile_sources(folder)
    _write_quietly(folder / COMPILED, text)
    return json.loads(text)  # type: ignore[no-any-return]


def _write_quietly(target: Path, text: str) -> None:
    """Write ``text`` whole or not at all (another process may be reading it); a read-only install keeps
    reading the YAML."""
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".compiled-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, target)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def _sources(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.yaml"))


def sources_digest(folder: Path) -> str:
    """A checksum of the YAML files under ``folder``: their paths and bytes (about 0.3 ms for ``rules/``).

    CRC-32, not a cryptographic hash: it only tells a cache from its sources (and ``zlib`` is loaded at
    start-up anyway, where ``hashlib`` would cost 2.5 ms)."""
    digest = 0
    for path in _sources(folder):
        digest = crc32(path.relative_to(folder).as_posix().encode() + b"\0", digest)
        digest = crc32(path.read_bytes() + b"\0", digest)
    return f"{digest:08x}"


def load(name: str) -> Any:
    """The data of one shipped file, by its path in ``rules/`` (``"polarity.yaml"``).

    The same object on every call: callers validate it into their own models and must not change it.
    Raises KeyError for a file that is not shipped.
    """
    if name == DIGEST:
        raise KeyError(name)
    return _compiled()[name]


def names(folder: str) -> list[str]:
    """The shipped files directly in ``folder`` (``"catalogue"``), by path, sorted."""
    prefix = folder.rstrip("/") + "/"
    return sorted(n for n in _compiled() if n.startswith(prefix) and "/" not in n[len(prefix):])


def compile_sources(folder: Path) -> str:
    """The text of ``compiled.json`` for the YAML files under ``folder`` (the ``rules/`` folder)."""
    from radcheck._yaml import safe_load

    data = {path.relative_to(folder).as_posix(): safe_load(path.read_text(encoding="utf-8"))
            for path in _sources(folder)}
    # One key per line at the top, the data of each file on its own line.
    lines = [f"{json.dumps(DIGEST)}: {json.dumps(sources_digest(folder))}"]
    lines += [f"{json.dumps(name)}: {json.dumps(value, ensure_ascii=False, default=_iso)}"
              for name, value in data.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} in shipped data: only YAML's plain types and dates are allowed")


def main() -> None:
    """``python -m radcheck.shipped [RULES_DIR]``: write ``compiled.json`` from the YAML beside it now (a run
    does it by itself when the YAML changed)."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else root()
    target = folder / COMPILED
    text = compile_sources(folder)
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        print(f"{target}: up to date")
        return
    target.write_text(text, encoding="utf-8")
    print(f"{target}: written from {len(_sources(folder))} YAML files")


if __name__ == "__main__":
    main()
