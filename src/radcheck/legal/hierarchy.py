"""The hierarchy of regulation kinds (``rules/hierarchy.yaml``) and a citation's place in it."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from radcheck import shipped


class Kind(BaseModel):
    """One kind of regulation: its rank and how a citation of it begins."""

    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    rank: int
    gazette: Literal["negara", "berita-negara", "daerah", "none"]
    patterns: list[str]

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
