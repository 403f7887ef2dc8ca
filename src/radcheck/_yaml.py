"""YAML loading, always safe, with libyaml's C loader where PyYAML was built with it.

The C loader parses the shipped data (catalogue, registries, lexicons) about ten times faster than the
pure-Python one, and that work is on the path of every ``radcheck check``.  Both construct only plain
data (no Python objects from tags).
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

YAMLError = yaml.YAMLError


def safe_load(text: str) -> Any:
    """The data of one YAML document (``None`` when empty); raises :class:`yaml.YAMLError`."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
