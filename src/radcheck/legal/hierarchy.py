"""The hierarchy of regulation kinds (``rules/hierarchy.yaml``) and a citation's place in it."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from radcheck import shipped

Gazette = Literal["negara", "berita-negara", "daerah", "none"]


class EarlierGazette(BaseModel):
    """The gazette regulations of a kind made up to ``until`` (a year, inclusive) were promulgated in."""

    model_config = ConfigDict(extra="forbid")
    until: int
    gazette: Gazette


class Kind(BaseModel):
    """One kind of regulation: its rank and how a citation of it begins."""

    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    rank: int
    gazette: Gazette
    patterns: list[str]
    earlier_gazettes: list[EarlierGazette] = []

    def gazettes_for(self, year: int | None) -> list[Gazette]:
        """The gazettes a regulation of this kind made in ``year`` may cite: today's, and an earlier
        one where the year falls in its time (a year not known: today's only)."""
        older = [e.gazette for e in self.earlier_gazettes if year is not None and year <= e.until]
        return [self.gazette, *older]

    @field_validator("patterns")
    @classmethod
    def _patterns_compile(cls, v: list[str]) -> list[str]:
        for p in v:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"pattern {p!r} is not a regular expression: {exc}") from None
        return v


class Hierarchy(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kinds: list[Kind]

    def classify(self, text: str) -> Kind | None:
        """The kind of a citation (its raw text or its kind words), or None if unknown."""
        head = re.sub(r"\s+", " ", text.strip())
        for kind in self.kinds:
            for pattern in kind.patterns:
                if re.match(pattern, head, re.IGNORECASE):
                    return kind
        return None


@cache
def load_hierarchy() -> Hierarchy:
    return Hierarchy.model_validate(shipped.load("hierarchy.yaml"))
