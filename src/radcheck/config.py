"""Configuration: ``[tool.radcheck]`` in pyproject.toml, or radcheck.toml, or ``--config FILE``.

Keys use dashes or underscores alike (``fail-on`` = ``fail_on``).  Families that need settings of their
own (agencies, calendar, limits) read them from the same table under their own key (``SECTIONS``).  A key
radcheck does not know, and a rule code or name that names no rule (``select``, ``ignore``,
``[severity]``, ``[per-path-ignores]``), is an error naming the file, with "did you mean": a typo never
silently does nothing.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator

# A limit is a whole number above zero: not -1, not true (which lax validation would read as 1), not 2.5.
PositiveInt = Annotated[StrictInt, Field(gt=0)]
PositiveFloat = Annotated[float, Field(gt=0, strict=False)]


class ConfigError(Exception):
    """The configuration cannot be used; the message says which file and why."""


class ConfigWarning(UserWarning):
    """A setting that is valid but does nothing here (a polarity entry matching no indicator)."""


# Family tables read through Config.section(name) → their keys (None: the family checks its own keys).
# (serve: radcheck serve checks its own keys)
SECTIONS: dict[str, set[str] | None] = {"agencies": {"obsolete_at"}, "calendar": None, "serve": None}


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
    max_pdf_pages: PositiveInt = 2_000  # pages of a PDF as found in its page tree (a RAD has tens to a few hundred)
    max_pdf_seconds: PositiveFloat = 120.0  # reading one PDF (a 30-page RAD takes a few seconds)


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
    registry: str | None = None  # a path relative to the configuration file's folder
    exclude: list[str] = Field(default_factory=list)  # glob patterns of files and folders to skip in folders
    limits: Limits = Field(default_factory=Limits)
    source: str | None = None  # the file the settings came from

    @field_validator("select", "ignore", "exclude", mode="before")
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
        others = sorted(k for k in data if k != "tool")
        if others:
            raise ConfigError(f"{file}: has both a [tool.radcheck] table and settings outside it "
                              f"({', '.join(others)}): keep one of the two")
    else:
        table = data.get("radcheck", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{file}: the radcheck settings must be a table")
    table = _normalise(table)
    _check_keys(table, file)
    try:
        config = Config.model_validate({**table, "source": str(file)})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{file}: invalid configuration: {problems}") from None
    _check_rules(config, file)
    if config.registry is not None and not Path(config.registry).is_absolute():
        config.registry = (file.parent / config.registry).as_posix()  # as written, from the file's folder
    return config


def _dashed(key: str) -> str:
    return key.replace("_", "-")


def _check_keys(table: dict[str, Any], file: Path) -> None:
    """Every key is one radcheck reads: a misspelled key is an error with "did you mean", not ignored."""
    from radcheck._suggest import did_you_mean

    known = {*Config.model_fields, *SECTIONS} - {"source"}
    subtables: dict[str, set[str] | None] = {**SECTIONS, "limits": set(Limits.model_fields)}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(f"{file}: unknown key {_dashed(key)!r}"
                              f"{did_you_mean(_dashed(key), map(_dashed, known))}; radcheck reads "
                              + ", ".join(sorted(map(_dashed, known))))
        allowed = subtables.get(key)
        if allowed is not None and isinstance(value, dict):
            for sub in value:
                if sub not in allowed:
                    raise ConfigError(f"{file}: unknown key {_dashed(sub)!r} in [{key}]"
                                      f"{did_you_mean(_dashed(sub), map(_dashed, allowed))}; known: "
                                      + ", ".join(sorted(map(_dashed, allowed))))


def _check_rules(config: Config, file: Path) -> None:
    """Rule codes, names and families in the settings name rules of the catalogue."""
    from radcheck._suggest import did_you_mean
    from radcheck.catalogue import load_catalogue
    from radcheck.engine import SelectionError, resolve_selection

    catalogue = load_catalogue()
    lists = {"select": config.select or [], "ignore": config.ignore}
    lists.update({f"per-path-ignores {glob!r}": rules for glob, rules in config.per_path_ignores.items()})
    for where, tokens in lists.items():
        try:
            resolve_selection(tokens, catalogue)
        except SelectionError as exc:
            raise ConfigError(f"{file}: {where}: {exc}") from None
    names = {m.name: code for code, m in catalogue.items()}
    fixed: dict[str, Any] = {}
    for key, level in config.severity.items():
        if key.upper() in catalogue:
            fixed[key.upper()] = level
        elif key.lower() in names:
            fixed[key.lower()] = level  # the engine looks a rule up by code, then by name
        else:
            raise ConfigError(f"{file}: [severity] {key!r} is not a rule code or name"
                              f"{did_you_mean(key, [*catalogue, *names])} (see 'radcheck rules')")
    config.severity = fixed
