"""``json.dumps(obj, ensure_ascii=False, indent=2)``, the same text, written faster.

With ``indent`` set, the standard library encodes in pure Python, through a generator per level; a
report of 80,000 findings took it about 1.7 s.  Here each dict or list is written by one function
call, and strings are escaped by the same C function json uses (``encode_basestring``), so the
text is identical (``tests/test_json_writer.py`` checks it on generated values).  What this writer
does not know (floats, non-string keys, other types) is handed to ``json.dumps`` itself.
"""

from __future__ import annotations

import json
from functools import lru_cache
from json.encoder import encode_basestring  # the C escaper when available, as json.dumps uses
from typing import Any

try:
    from _json import make_encoder as _c_make_encoder
except ImportError:  # pragma: no cover - CPython always has it
    _c_make_encoder = None

INDENT = "  "


def dumps(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``, byte for byte."""
    parts: list[str] = []
    _write(obj, "\n", parts)
    return "".join(parts)


def _write(obj: Any, newline: str, out: list[str]) -> None:
    """Append ``obj`` as JSON; ``newline`` is a line break followed by the current indentation."""
    scalar = _scalar(obj)
    if scalar is not None:
        out.append(scalar)
    elif isinstance(obj, dict):
        _write_dict(obj, newline, out)
    elif isinstance(obj, (list, tuple)):
        _write_list(obj, newline, out)
    else:
        _delegate(obj, newline, out)


def _write_dict(obj: dict[Any, Any], newline: str, out: list[str]) -> None:
    if not obj:
        out.append("{}")
        return
    if not all(type(k) is str for k in obj):  # json turns other keys into strings its own way
        _delegate(obj, newline, out)
        return
    inner = newline + INDENT
    if _c_make_encoder is not None and not any(isinstance(v, (dict, list, tuple)) for v in obj.values()):
        # A flat dict (a finding, a stats table): json's C encoder writes it in one call when its item
        # separator carries the line break and indentation; only the braces' own lines are added here.
        out.append("{" + inner + "".join(_flat_encoder(inner)(obj, 0))[1:-1] + newline + "}")
        return
    sep = "{" + inner
    for key, value in obj.items():
        out.append(sep + encode_basestring(key) + ": ")
        _write(value, inner, out)
        sep = "," + inner
    out.append(newline + "}")


def _write_list(obj: list[Any] | tuple[Any, ...], newline: str, out: list[str]) -> None:
    if not obj:
        out.append("[]")
        return
    inner = newline + INDENT
    sep = "[" + inner
    for value in obj:
        out.append(sep)
        _write(value, inner, out)
        sep = "," + inner
    out.append(newline + "]")


@lru_cache(maxsize=64)
def _flat_encoder(inner: str) -> Any:
    """json's C encoder with ``,`` + line break + indentation between items (json.dumps' own settings)."""
    return _c_make_encoder(None, _refuse, encode_basestring, None, ": ", "," + inner, False, False, True)


def _refuse(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _scalar(value: Any) -> str | None:
    """The JSON of a string, int, bool or None (subclasses as json writes them); None for anything else."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return None


def _delegate(obj: Any, newline: str, out: list[str]) -> None:
    # json's own text for this value, indented to where it stands (JSON text holds no raw line breaks
    # inside strings, so every line break in it is one of the layout's).
    out.append(json.dumps(obj, ensure_ascii=False, indent=2).replace("\n", newline))
