"""Configuration: ``[tool.radcheck]`` in pyproject.toml, or radcheck.toml, or ``--config FILE``.

Keys use dashes or underscores alike (``fail-on`` = ``fail_on``).  Families that need settings of their
own (agencies, calendar, limits) read them from the same table under their own key; unknown keys are
kept so a newer config does not break an older radcheck.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator


# A limit is a whole number above zero: not -1, not true (which lax validation would read as 1), not 2.5.
PositiveInt = Annotated[StrictInt, Field(gt=0)]


class ConfigError(Exception):
    """The configuration cannot be used; the message says which file and why."""


class Limits(BaseModel):
    """Size limits for inputs: what is refused before it is read."""

    model_config = ConfigDict(extra="forbid")
    max_file_bytes: PositiveInt = 50 * 1024 * 1024
    max_archive_bytes: PositiveInt = 200 * 1024 * 1024  # uncompressed total of a .docx/.xlsx
    max_archive_ratio: PositiveInt = 100  # uncompressed/compressed: beyond this an archive is a bomb
    max_cell_chars: PositiveInt = 100_000
    max_row_cells: PositiveInt = 500  # table cells in one row of extracted text; the rest becomes one P002 note
    max_depth: PositiveInt = 100  # nesting of a YAML/JSON plan (the model itself needs about 15)
    max_nodes: PositiveInt = 5_000_000  # values in a YAML/JSON plan, each use of a YAML alias counted again
    max_period_years: PositiveInt = 100  # a plan period, or the target years of a plan, spanning more is refused
    # findings one rule reports for one document; the rest are counted in one final finding of that rule
    max_rule_findings: PositiveInt = 1000

class Config(BaseModel):
    """Settings for one run; command-line options override them."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    fail_on: Literal["error", "warning", "info", "never"] = "error"
    lang: Literal["id", "en"] = "id"
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    per_path_ignores: dict[str, list[str]] = Field(default_factory=dict)  # glob → rules
    polarity: dict[str, Literal["higher", "lower"]] = Field(default_factory=dict)  # indicator text → polarity
    registry: str | None = None
    limits: Limits = Field(default_factory=Limits)
    source: str | None = None  # the file the settings came from

    @field_validator("select", "ignore", mode="before")
    @classmethod
    def _comma_list(cls, v: Any) -> Any:
        if isinstance(v, str):
            return [p.strip() for p in v.split(",") if p.strip()]
        return v

    def section(self, name: str) -> dict[str, Any]:
        """A family's own settings table (e.g. ``[tool.radcheck.calendar]``), or an empty one."""
        extra = self.model_extra or {}
        value = extra.get(name, {})
        return value if isinstance(value, dict) else {}


def _normalise(table: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        k = key.replace("-", "_")
        out[k] = _normalise(value) if isinstance(value, dict) and k not in ("severity", "polarity",
                                                                          "per_path_ignores") else value
    return out


def load_config(path: str | Path | None = None, cwd: Path | None = None) -> Config:
    """Read the configuration file given, else the one found in the working directory, else defaults."""
    cwd = cwd or Path.cwd()
    if path is not None:
        file = Path(path)
        if not file.is_file():
            raise ConfigError(f"{file}: configuration file not found")
        return _read(file, require_table=file.name == "pyproject.toml")
    for name in ("radcheck.toml", "pyproject.toml"):
        file = cwd / name
        if file.is_file():
            cfg = _read(file, require_table=False)
            if name == "radcheck.toml" or cfg.source:
                return cfg
    return Config()


def _read(file: Path, *, require_table: bool) -> Config:
    from radcheck.readers.common import read_side_text

    try:
        data = tomllib.loads(read_side_text(file))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read configuration: {exc}") from None
    if file.name == "pyproject.toml":
        table = data.get("tool", {}).get("radcheck")
        if table is None:
            if require_table:
                raise ConfigError(f"{file}: has no [tool.radcheck] table")
            return Config()
    elif isinstance(data.get("tool"), dict) and "radcheck" in data["tool"]:
        table = data["tool"]["radcheck"]  # a [tool.radcheck] table copied from a pyproject.toml
    else:
        table = data.get("radcheck", data)
    try:
        return Config.model_validate({**_normalise(table), "source": str(file)})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{file}: invalid configuration: {problems}") from None
