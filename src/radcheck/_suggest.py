""""Did you mean …?" for a misspelled key, rule, command or indicator."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str:
    """`` (did you mean 'select'?)`` for the closest choices, or an empty string when none is close."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=3, cutoff=cutoff)
    if not close:
        return ""
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)"
