"""Rule metadata: loaded from the ``catalogue/*.yaml`` data shipped in the wheel, validated.

Each family has its own file (``P.yaml``, ``T.yaml`` …).  Names and codes are public and fixed; the
messages are templates filled with the values a rule yields (``{year}``, ``{indicator}``).
"""

from __future__ import annotations

import re
import string
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from radcheck import shipped

FAMILIES = {
    "P": "reading the source",
    "T": "targets and indicators",
    "G": "plan structure",
    "A": "agencies",
    "L": "legal drafting of the body",
    "R": "monitoring and reporting obligations",
    "X": "across documents",
}
FAMILY_NAMES = {
    "en": FAMILIES,
    "id": {
        "P": "pembacaan sumber",
        "T": "target dan indikator",
        "G": "struktur rencana",
        "A": "perangkat daerah dan instansi",
        "L": "teknik penyusunan batang tubuh",
        "R": "kewajiban pemantauan dan pelaporan",
        "X": "antardokumen",
    },
}


class Text(BaseModel):
    """A text in Bahasa Indonesia and in English."""

    model_config = ConfigDict(extra="forbid")
    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    fail: str
    pass_: str = Field(alias="pass")


class Variant(BaseModel):
    """Another wording of a rule for some of its findings (a hit names it): its own message, and where
    the case is less grave or graver than the rule's usual one, its own severity."""

    model_config = ConfigDict(extra="forbid")
    severity: Literal["error", "warning", "info"] | None = None
    message: Text
    suggestion: Text | None = None


class RuleMeta(BaseModel):
    """Everything said about a rule outside its code."""

    model_config = ConfigDict(extra="forbid")
    code: str
    name: str
    severity: Literal["error", "warning", "info"]
    summary: Text
    message: Text
    suggestion: Text | None = None
    rationale: Text
    legal_basis: str | None = None
    examples: Examples
    # "off": a rule a run leaves out unless named by code or name in --select (or the config's select),
    # like ruff's preview rules: useful to some readers, noise to most.
    default: Literal["on", "off"] = "on"
    variants: dict[str, Variant] = Field(default_factory=dict)

    @field_validator("code")
    @classmethod
    def _code_is_family_and_number(cls, v: str) -> str:
        if not re.fullmatch(r"[PTGALRX]\d{3}", v):
            raise ValueError(f"a rule code is a family letter and three digits, not {v!r}")
        return v

    @field_validator("name")
    @classmethod
    def _name_is_kebab_case(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", v):
            raise ValueError(f"a rule name is kebab-case, not {v!r}")
        return v

    @model_validator(mode="after")
    def _templates_agree(self) -> RuleMeta:
        for field_name in ("message", "suggestion"):
            text = getattr(self, field_name)
            if text is None:
                continue
            if _fields(text.id) != _fields(text.en):
                raise ValueError(f"{self.code}: {field_name} in id and en use different placeholders")
        for key, variant in self.variants.items():
            for text in (variant.message, variant.suggestion):
                if text is not None and _fields(text.id) != _fields(text.en):
                    raise ValueError(f"{self.code}: variant {key} in id and en use different placeholders")
        return self

    @property
    def off_by_default(self) -> bool:
        return self.default == "off"

    @property
    def family(self) -> str:
        return self.code[0]

    def render(self, template: Text | None, lang: str, params: dict[str, Any]) -> str | None:
        if template is None:
            return None
        return template.get(lang).format_map(_Params(params))


class _Params(dict):  # type: ignore[type-arg]
    """Format values; a placeholder the rule did not fill stays visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


class CatalogueError(Exception):
    """A rule metadata file is broken: a clear message, never a traceback."""


@cache
def load_catalogue() -> dict[str, RuleMeta]:
    """Every rule's metadata by code, from the data shipped with radcheck."""
    out: dict[str, RuleMeta] = {}
    names: dict[str, str] = {}
    for entry in shipped.names("catalogue"):  # catalogue/A.yaml, … (radcheck.shipped)
        try:
            metas = [RuleMeta.model_validate(item) for item in shipped.load(entry) or []]
        except (ValidationError, TypeError) as exc:
            raise CatalogueError(f"rule metadata {entry} is invalid: {exc}") from None
        for meta in metas:
            if meta.code in out or meta.name in names:
                raise CatalogueError(f"rule metadata {entry}: {meta.code} {meta.name} is defined twice")
            out[meta.code] = meta
            names[meta.name] = meta.code
    return out


def markdown() -> str:
    """The rule list as Markdown, from the catalogue: ``docs/RULES.md`` is this text
    (``python -m radcheck.catalogue --markdown > docs/RULES.md``; a test keeps it current)."""
    catalogue = load_catalogue()
    lines = ["# radcheck rules", "",
             "Generated from the catalogue (`rules/catalogue/*.yaml`) by "
             "`python -m radcheck.catalogue --markdown > docs/RULES.md`; edit the catalogue, not this file.",
             "A rule's **code** and **name** never change once released. Messages are in Bahasa Indonesia "
             "(default) and English (`--lang en`).", ""]
    for family, title in FAMILIES.items():
        metas = [m for m in catalogue.values() if m.family == family]
        if not metas:
            continue
        lines += [f"## {family}: {title}", "", "| code | name | severity | what it flags | legal basis |",
                  "|---|---|---|---|---|"]
        lines += [f"| {m.code} | {m.name} | {m.severity} | {_cell(m.summary.en)} | {_cell(m.legal_basis or '')} |"
                  for m in metas]
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--markdown"]:
        sys.exit("usage: python -m radcheck.catalogue --markdown > docs/RULES.md")
    sys.stdout.write(markdown())
