"""radcheck's own structured form: the model as YAML or JSON, written by ``radcheck parse``.

YAML is read with the safe loader only: tags that would construct Python objects are refused.
"""

from __future__ import annotations

import json
import re
from itertools import chain
from typing import Any

from pydantic import ValidationError

from radcheck import _yaml
from radcheck._gc import paused_gc
from radcheck.config import Limits
from radcheck.model import Document
from radcheck.readers.common import UnreadableInput, decode


def read_structured(data: bytes, source: str, fmt: str, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    text = decode(data, source)
    with paused_gc():  # a large plan is millions of small objects: see radcheck._gc
        return _read(text, source, fmt, limits)


def _read(text: str, source: str, fmt: str, limits: Limits) -> Document:
    try:
        shared = False
        if fmt == "json":
            raw: Any = json.loads(text)
        else:
            raw, shared = _yaml.load(text)
    except (json.JSONDecodeError, _yaml.YAMLError, RecursionError) as exc:
        where = getattr(exc, "problem_mark", None) or getattr(exc, "lineno", None)
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        at = f" ({where})" if where and not isinstance(where, int) else ""
        raise UnreadableInput(source, f"not valid {fmt.upper()}: {detail}{at}") from None
    if not isinstance(raw, dict):
        raise UnreadableInput(source, f"not a radcheck plan: the {fmt.upper()} top level must be a mapping")
    if shared or not _within_limits(raw, limits):  # a tree (no value used twice) is counted at once
        _check_size(raw, source, limits)
    if _SURROGATE_ESCAPE.search(text):
        raw = _without_surrogates(raw)
    try:
        doc = Document.model_validate(raw)
    except (ValidationError, RecursionError) as exc:
        if isinstance(exc, ValidationError):
            first = exc.errors()[0]
            where = "/".join(str(p) for p in first["loc"])
            raise UnreadableInput(source, f"not a valid radcheck plan: {where}: {first['msg']}"
                                  + (f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1
                                     else "")) from None
        raise UnreadableInput(source, "not a valid radcheck plan: nested too deeply") from None
    _check_years(doc, source, limits)
    if not doc.source:
        doc = doc.model_copy(update={"source": source})
    return doc


# JSON (and YAML) may spell half of a UTF-16 pair (``"\\ud800"``): a string no UTF-8 output can hold.  Such a
# lone surrogate becomes U+FFFD (the replacement character), as a decoder would make of a broken byte.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    return value


def _within_limits(raw: Any, limits: Limits) -> bool:
    """Whether a tree of values with nothing shared (what ``json.loads`` gives) passes ``_check_size``.

    Counted a level at a time with C-level passes: every value below the top once, and the depth of the
    deepest dict or list.  Within both limits, no value's size can exceed the limit (each is part of the
    whole), so ``_check_size`` would pass; otherwise it runs to give its own error, found in its order.
    Shared values (YAML aliases) would be counted once per use here, so YAML plans go to ``_check_size``.
    """
    level, depth, count = [raw], 1, 1
    while level:
        if depth > limits.max_depth:
            return False
        children = list(chain.from_iterable([v.values() if type(v) is dict else v for v in level]))
        count += len(children)
        if count > limits.max_nodes:
            return False
        level = [c for c in children if type(c) is dict or type(c) is list]
        depth += 1
    return True


def _check_size(raw: Any, source: str, limits: Limits) -> None:
    """Refuse a plan nested too deeply or too large once YAML aliases are expanded ("billion laughs").

    The walk is iterative and counts each shared (aliased) value by its expanded size, computed once.
    A value holding no dicts or lists (most of them: a target cell, an agency cell) is sized at once.
    """
    size: dict[int, int] = {}
    # (value, depth, its nested children once they are pushed: the value is sized when they are done)
    stack: list[tuple[Any, int, list[Any] | None]] = [(raw, 1, None)]
    while stack:
        value, depth, nested = stack.pop()
        if not isinstance(value, (dict, list)):
            continue
        if depth > limits.max_depth:
            raise UnreadableInput(source, f"not a radcheck plan: nested more than {limits.max_depth} levels deep")
        children = value.values() if isinstance(value, dict) else value
        if nested is None:
            if id(value) in size:
                continue
            nested = [c for c in children if isinstance(c, (dict, list))]
            if nested:
                stack.append((value, depth, nested))
                stack.extend((c, depth + 1, None) for c in nested if id(c) not in size)
                continue
        # A scalar child counts one; a nested one its own size, known by now.
        total = 1 + len(children) - len(nested) + sum(size.get(id(c), 1) for c in nested)
        if total > limits.max_nodes:
            raise UnreadableInput(source, f"not a radcheck plan: more than {limits.max_nodes:,} values once "
                                          "YAML aliases are expanded")
        size[id(value)] = total


def _check_years(doc: Document, source: str, limits: Limits) -> None:
    """Years far apart would make every per-year rule walk a huge range: refuse them as unreadable."""
    years = [y for s in doc.sections for i in s.indicators for y in i.targets]
    years += [c.year for s in doc.sections for c in s.columns if c.year is not None]
    if doc.period:
        years += list(doc.period)
    if years and max(years) - min(years) > limits.max_period_years:
        raise UnreadableInput(source, f"not a radcheck plan: its years run from {min(years)} to {max(years)}, "
                                      f"more than {limits.max_period_years} years apart")


def dump_structured(doc: Document, fmt: str) -> str:
    """The document as JSON or YAML; reading it back gives an equal model."""
    data = doc.model_dump(mode="json")
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return _yaml.dump(data)
