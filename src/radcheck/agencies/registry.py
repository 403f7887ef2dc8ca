"""Agency registries: who exists in a region, under which names, holding which urusan, and when.

A registry is a YAML data file under ``rules/agencies/`` (shipped as ``radcheck/data/agencies``):

- ``national.yaml`` (``scope: national``) is always loaded: the urusan of UU 23/2014, vertical bodies,
  forums, non-government stakeholders and collectives shared by every region;
- one file per region (``scope: region``, ``region: Kota Bekasi``) with its regional apparatus.  The
  file is chosen from the document's region, or given with ``--registry FILE``.  Supporting another
  region is adding one file; no code changes;
- ``generic.yaml`` (``scope: generic``): the standard nomenclature of perangkat daerah (PP 18/2016,
  Permendagri 90/2019), used in place of a region file for a region that has none.  Besides named
  bodies it may ``compose`` names ("Dinas" + urusan words: "Dinas Pertanian dan Ketahanan Pangan") and
  match ``patterns`` ("Kecamatan X", "Desa X"): each such name is a body of its own (:meth:`Registry.made_for`).

Every file is validated by the pydantic models below; a broken file raises :class:`RegistryError`
(a :class:`~radcheck.config.ConfigError`, so the CLI prints one line and exits 2).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from radcheck import shipped
from radcheck.config import ConfigError
from radcheck.readers.common import read_side_text

Kind = Literal[
    "perangkat-daerah",  # Sekretariat Daerah, Dinas, Badan, Inspektorat …
    "unit",  # a part of a perangkat daerah: Bagian Hukum of the Setda, an RSUD, a UPTD
    "kecamatan",
    "vertical",  # a central-government body in the region: Kemenag, Kepolisian, Kejaksaan …
    "forum",  # FKUB, Forkopimda, Forum Anak
    "stakeholder",  # non-government: akademisi, ormas, dunia usaha, media …
    "collective",  # "Seluruh OPD", "Seluruh Perangkat Daerah", "Kecamatan" (all of them)
]
KIND_LABELS: dict[str, dict[str, str]] = {
    "perangkat-daerah": {"id": "perangkat daerah", "en": "regional apparatus"},
    "unit": {"id": "unit kerja", "en": "unit of an agency"},
    "kecamatan": {"id": "kecamatan", "en": "sub-district"},
    "vertical": {"id": "instansi vertikal", "en": "vertical (central) body"},
    "forum": {"id": "forum", "en": "forum"},
    "stakeholder": {"id": "pemangku kepentingan non-pemerintah", "en": "non-government stakeholder"},
    "collective": {"id": "kolektif", "en": "collective"},
    "urusan": {"id": "urusan pemerintahan", "en": "government affair (urusan)"},
}


class RegistryError(ConfigError):
    """A registry file cannot be used; the message names the file and the problem."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FormerName(_Model):
    """A name (or abbreviation) the same body used to carry, valid until a date."""

    name: str
    until: dt.date  # last day the name was valid
    basis: str | None = None


class Agency(_Model):
    """One body that may appear in an agency column."""

    id: str
    name: str  # the canonical name
    kind: Kind
    abbreviations: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)  # short or informal forms of the name
    misspellings: list[str] = Field(default_factory=list)  # forms seen in documents
    former_names: list[FormerName] = Field(default_factory=list)
    urusan: list[str] = Field(default_factory=list)  # ids of the urusan it holds (national file)
    parent: str | None = None  # for units: the agency they belong to
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None  # last day the body existed under this name
    successor: str | None = None  # id of the body that replaced it
    basis: str | None = None  # the legal basis of the name or of the change
    note: str | None = None

    @field_validator("id")
    @classmethod
    def _id_is_a_slug(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", v):
            raise ValueError(f"an agency id is lower-case words joined by '-', not {v!r}")
        return v

    @model_validator(mode="after")
    def _validity_is_ordered(self) -> Agency:
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValueError(f"{self.id}: valid_from {self.valid_from} is after valid_until {self.valid_until}")
        if self.successor and not self.valid_until:
            raise ValueError(f"{self.id}: a successor needs the valid_until date of the old name")
        return self

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_until is None
                                                                        or day <= self.valid_until)

    def forms(self) -> Iterator[tuple[str, str]]:
        """Every written form with how it relates to the canonical name."""
        yield self.name, "name"
        for a in self.abbreviations:
            yield a, "abbreviation"
        for a in self.aliases:
            yield a, "alias"
        for a in self.misspellings:
            yield a, "misspelling"
        for f in self.former_names:
            yield f.name, "former"


class Urusan(_Model):
    """A government affair of UU 23/2014 (not an agency: A006 names who holds it)."""

    id: str
    name: str
    group: Literal["wajib-pelayanan-dasar", "wajib-non-pelayanan-dasar", "pilihan", "penunjang", "umum"]
    aliases: list[str] = Field(default_factory=list)
    basis: str | None = None


class Composition(_Model):
    """Names made of a head word and urusan words: "Dinas" + "Pertanian dan Ketahanan Pangan"."""

    head: str
    kind: Kind
    parts: list[str]  # the words a name may combine, joined by commas, "dan" or "serta"


class NamePattern(_Model):
    """One of many bodies named by place: "Kecamatan Cikarang Utara", "Desa Sukamaju"."""

    id: str
    name: str  # what the bodies are ("Kecamatan")
    kind: Kind
    pattern: str  # a regular expression the whole normalised name must match

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, v: str) -> str:
        try:
            re.compile(v)
        except re.error as exc:
            raise ValueError(f"pattern {v!r} is not a regular expression: {exc}") from None
        return v


class RegistryFile(_Model):
    """The content of one registry file."""

    schema_version: int = 1
    scope: Literal["national", "region", "generic"]
    region: str | None = None  # "Kota Bekasi"; required for a region file
    region_aliases: list[str] = Field(default_factory=list)  # other ways documents name the region
    basis: str | None = None
    note: str | None = None
    agencies: list[Agency] = Field(default_factory=list)
    urusan: list[Urusan] = Field(default_factory=list)
    compose: list[Composition] = Field(default_factory=list)
    patterns: list[NamePattern] = Field(default_factory=list)

    @model_validator(mode="after")
    def _region_file_names_its_region(self) -> RegistryFile:
        if self.scope == "region" and not self.region:
            raise ValueError("a region registry needs 'region' (e.g. 'Kota Bekasi')")
        if self.scope != "national" and self.urusan:
            raise ValueError("urusan are listed in the national registry only")
        ids = [a.id for a in self.agencies] + [u.id for u in self.urusan]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"ids defined twice: {', '.join(dupes)}")
        return self


@dataclass(frozen=True)
class Registry:
    """The registries in force for one document: the national file plus (usually) one region file."""

    national: RegistryFile
    region: RegistryFile | None
    source: str  # what was loaded, for messages: "kota-bekasi.yaml + national.yaml"
    wanted_region: str | None = None  # the document's region when no file fitted it

    def agencies(self) -> list[tuple[Agency, str]]:
        """Every agency with the scope of its file; region entries first (they win on a clash)."""
        out = [(a, "region") for a in (self.region.agencies if self.region else [])]
        return out + [(a, "national") for a in self.national.agencies]

    def by_id(self, ident: str) -> Agency | None:
        for a, _ in self.agencies():
            if a.id == ident:
                return a
        return None

    def urusan(self, ident: str) -> Urusan | None:
        return next((u for u in self.national.urusan if u.id == ident), None)

    def holders(self, urusan_id: str, day: dt.date | None = None) -> list[Agency]:
        """The agencies of this registry that hold an urusan (valid on ``day`` when given)."""
        return [a for a, _ in self.agencies() if urusan_id in a.urusan and (day is None or a.valid_on(day))]

    def made_for(self, key: str) -> Agency | None:
        """A body named by a composed name or a pattern of the region (or generic) file, for a normalised
        name that is no entry's: "dinas pertanian dan ketahanan pangan", "kecamatan cikarang utara".
        Each name is a body of its own, so two kecamatan in one cell are two bodies."""
        if self.region is None:
            return None
        for comp in self.region.compose:
            if _composed(key, comp):
                return _made(key, comp.kind)
        for pat in self.region.patterns:
            if re.fullmatch(pat.pattern, key):
                return _made(key, pat.kind)
        return None

    def current(self, agency: Agency) -> Agency:
        """Follow successors to the body that carries the name today (cycle-safe)."""
        seen = {agency.id}
        while agency.successor:
            nxt = self.by_id(agency.successor)
            if nxt is None or nxt.id in seen:
                break
            seen.add(nxt.id)
            agency = nxt
        return agency


_CONNECTORS = frozenset({"dan", "serta"})


def _slug(text: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


@cache
def _part_words(parts: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(_slug(p).split("-")) for p in parts}, key=len, reverse=True))


def _composed(key: str, comp: Composition) -> bool:
    """Whether ``key`` is the head followed by one or more parts, joined by "dan"/"serta" (commas are
    already gone from a normalised name)."""
    head = _slug(comp.head).split("-")
    words = key.split()
    if words[: len(head)] != head or len(words) == len(head):
        return False
    parts = _part_words(tuple(comp.parts))

    @cache
    def fits(i: int) -> bool:
        if i == len(words):
            return True
        if words[i] in _CONNECTORS and i > len(head):
            i += 1
        return any(tuple(words[i : i + len(p)]) == p and fits(i + len(p)) for p in parts)

    return fits(len(head))


_UPPER = frozenset({"uptd", "upt", "rsud", "ukm", "umkm", "ptsp"})


def _made(key: str, kind: str) -> Agency:
    name = " ".join(w if w in _CONNECTORS else w.upper() if w in _UPPER else w.capitalize() for w in key.split())
    return Agency(id=_slug(key), name=name, kind=kind)  # type: ignore[arg-type]


def parse_registry(text: str, name: str) -> RegistryFile:
    """Validate one registry file's text; ``name`` is used in error messages."""
    from radcheck._yaml import YAMLError, safe_load  # only for a user's file: the shipped ones are JSON

    try:
        data = safe_load(text)
    except YAMLError as exc:
        raise RegistryError(f"{name}: agency registry is not valid YAML: {exc}") from None
    return validate_registry(data, name)


def validate_registry(data: Any, name: str) -> RegistryFile:
    """Validate one registry file's data; ``name`` is used in error messages."""
    if not isinstance(data, dict):
        raise RegistryError(f"{name}: agency registry must be a mapping with 'scope' and 'agencies'")
    try:
        return RegistryFile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or '(top)'}: {e['msg']}" for e in exc.errors()[:5])
        raise RegistryError(f"{name}: invalid agency registry: {problems}") from None


@cache
def _shipped() -> dict[str, RegistryFile]:
    out: dict[str, RegistryFile] = {}
    for entry in shipped.names("agencies"):  # agencies/national.yaml, … (radcheck.shipped)
        name = entry.removeprefix("agencies/")
        out[name] = validate_registry(shipped.load(entry), name)
    return out


@cache
def _read_file(path: str, mtime_ns: int) -> RegistryFile:  # mtime in the key: an edited file is re-read
    file = Path(path)
    try:
        text = read_side_text(file)
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{path}: cannot read agency registry: {exc}") from None
    return parse_registry(text, path)


def national() -> RegistryFile:
    files = [f for f in _shipped().values() if f.scope == "national"]
    if len(files) != 1:
        raise RegistryError(f"expected exactly one national agency registry, found {len(files)}")
    return files[0]


def _region_key(name: str) -> str:
    name = name.lower().replace("kab.", "kabupaten")
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", name).split())


def region_files() -> dict[str, RegistryFile]:
    """The shipped region registries by file name."""
    return {n: f for n, f in _shipped().items() if f.scope == "region"}


def find_region_file(region: str | None) -> tuple[str, RegistryFile] | None:
    if not region:
        return None
    key = _region_key(region)
    for name, f in region_files().items():
        if key in {_region_key(r) for r in [f.region or "", *f.region_aliases]}:
            return name, f
    return None


def load_registry(region: str | None, path: Path | str | None = None) -> Registry:
    """The registry for a document of ``region``, or the file given (``--registry``), plus national."""
    nat = national()
    if path is not None:
        file = Path(path)
        if not file.is_file():
            raise RegistryError(f"{file}: agency registry file not found")
        given = _read_file(str(file), file.stat().st_mtime_ns)
        if given.scope == "national":
            return _checked(Registry(national=given, region=None, source=file.name))
        return _checked(Registry(national=nat, region=given, source=f"{file.name} + national.yaml"))
    found = find_region_file(region)
    if found is None:
        generic = next((f for f in _shipped().values() if f.scope == "generic"), None)
        if generic is None:
            return Registry(national=nat, region=None, source="national.yaml", wanted_region=region or "?")
        return _checked(Registry(national=nat, region=generic, source="generic.yaml + national.yaml",
                                 wanted_region=region or "?"))
    name, f = found
    return _checked(Registry(national=nat, region=f, source=f"{name} + national.yaml"))


def _checked(reg: Registry) -> Registry:
    """References across files must exist: urusan held, successors, parents."""
    urusan = {u.id for u in reg.national.urusan}
    ids = {a.id for a, _ in reg.agencies()}
    for a, _ in reg.agencies():
        missing = [u for u in a.urusan if u not in urusan]
        if missing:
            raise RegistryError(f"{reg.source}: {a.id} holds unknown urusan {', '.join(missing)}")
        for ref in (a.successor, a.parent):
            if ref is not None and ref not in ids:
                raise RegistryError(f"{reg.source}: {a.id} refers to unknown agency {ref!r}")
    return reg
