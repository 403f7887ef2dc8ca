"""The model of one regulation: its body (batang tubuh) and its annex (Lampiran) of plan tables.

Readers fill this model and never judge; rules read it and never parse.  Every object carries the
source lines it came from (``line``/``end_line``; for Word files, paragraph or table-row indices) and a
logical ``id`` that survives redrafting (``A/indicators/12``), so findings can say where.

The model is plain data: it round-trips through JSON and YAML unchanged (``radcheck parse``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

if TYPE_CHECKING:  # networkx is imported only when a graph is asked for
    from collections.abc import Iterator

    import networkx as nx

SCHEMA_VERSION = 1


class _Model(BaseModel):
    # defer_build: a class's validating schema is built when something first validates or serialises with
    # it, not when the class is made.  Reading a text, Word or Excel plan validates nothing (see
    # ``trusted``), so a run that only reads and checks builds none of them (about 15 ms at start-up).
    model_config = ConfigDict(extra="forbid", validate_assignment=False, defer_build=True)

    @classmethod
    def trusted(cls, **values: Any) -> Any:
        """An instance built from values the caller guarantees are of the right types, without validation.

        For the text, Word and Excel readers, which build hundreds of thousands of objects from strings and
        numbers they have typed themselves; files of the structured form are validated
        (``model_validate``).  pydantic's ``model_construct``, given every field: the given names are the
        set fields, defaults fill the rest, as ``cls(**values)`` would give.  Defaults are filled here
        because ``model_construct`` inspects a default factory's signature on every call, and a default
        that is a model (``Document.closing``) is built with ``trusted``: calling the class would validate,
        and so build its schema.  Unknown or missing fields raise ``TypeError``.
        """
        shape = _shape(cls)
        if not values.keys() <= shape.defaults.keys() or not shape.required <= values.keys():
            raise TypeError(f"{cls.__name__}.trusted: unknown or missing fields in {sorted(values)}")
        data = {**shape.defaults, **values}
        for name, factory in shape.factories:
            if name not in values:
                data[name] = factory()
        return cls.model_construct(set(values), **data)

    @classmethod
    def trusted_fields(cls, data: dict[str, Any], given: set[str]) -> Any:
        """``trusted`` for the readers' most numerous objects: ``data`` holds every field in declared order
        (defaults included), ``given`` the names the caller set.

        What ``model_construct(given, **data)`` makes, restored as ``pickle`` and ``copy`` restore a model:
        pydantic's own ``__setstate__``, given the state its own ``__getstate__`` makes (taken once per class
        from an empty instance; radcheck writes none of pydantic's slots).  ``model_construct`` looks up
        each field's aliases on every call: a 30,000-indicator text plan makes 145,000 of these (agency
        and target cells, plan nodes, indicators), and reading it took 1.04 s this way, 1.42 s with
        ``model_construct``.  ``tests/test_model_cold_start.py`` checks the result against
        ``model_construct``'s (pydantic pinned ``>=2.6,<3``).
        """
        new, setstate, state = _restorer(cls)
        obj = new(cls)
        setstate(obj, {**state, "__dict__": data, "__pydantic_fields_set__": given})
        return obj


@cache
def _restorer(cls: type[BaseModel]) -> tuple[Any, Any, dict[str, Any]]:
    """How ``pickle`` restores an instance of ``cls``: its ``__new__`` and ``__setstate__`` (looked up once:
    through pydantic's metaclass each lookup costs a tenth of a construction or more) and the pickled state
    of an empty instance, as pydantic's ``__getstate__`` gives it."""
    return cls.__new__, cls.__setstate__, cls.model_construct().__getstate__()


@dataclass(frozen=True)
class _Shape:
    """What ``trusted`` needs to know of a model class, computed once per class."""

    defaults: dict[str, Any]  # every field, with its default (None where it has none or a factory)
    factories: tuple[tuple[str, Any], ...]  # fields whose default is made fresh for each instance
    required: frozenset[str]


@cache
def _shape(cls: type[BaseModel]) -> _Shape:
    fields = cls.model_fields
    factories = tuple((name, f.default_factory.trusted if isinstance(f.default_factory, type)
                       and issubclass(f.default_factory, _Model) else f.default_factory)
                      for name, f in fields.items() if f.default_factory is not None)
    return _Shape(defaults={name: None if f.is_required() else f.default for name, f in fields.items()},
                  factories=factories, required=frozenset(n for n, f in fields.items() if f.is_required()))


class TargetKind(str, Enum):
    """What a target or baseline cell holds."""

    NUMBER = "number"
    NONE = "none"  # "-": explicitly no target that year
    MISSING = "missing"  # empty cell
    QUALITATIVE = "qualitative"  # "Ada", "Inisiasi Awal", …
    UNREADABLE = "unreadable"  # kept raw: neither a number nor a known stage


class TargetCell(_Model):
    """One typed cell of a target series or a baseline."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: TargetKind
    raw: str = ""
    value: float | None = None

    @model_validator(mode="after")
    def _number_has_value(self) -> TargetCell:
        if (self.kind is TargetKind.NUMBER) != (self.value is not None):
            raise ValueError("a number cell has a value, and only a number cell has one")
        return self


class AgencyCell(_Model):
    """The raw text of an agency cell (lead or supporting), as written; resolution happens in rules."""

    raw: str
    line: int | None = None
    inherited: bool = False  # an empty merged cell that took the value from the row above


class Column(_Model):
    """A column of an annex table, found from its header."""

    role: Literal[
        "no", "issue", "goal", "outcome", "activity", "indicator", "unit", "baseline", "target", "lead",
        "supporting", "agency", "other",
    ]
    label: str
    year: int | None = None  # for target columns, and for a baseline "Kondisi Awal tahun 2023"


class HeaderRow(_Model):
    """A table header repeated later in a section with different columns (e.g. another baseline year)."""

    line: int | None = None
    columns: list[Column] = Field(default_factory=list)


class PlanNode(_Model):
    """An issue (Permasalahan), goal (Tujuan), outcome (Capaian), activity or a grouping heading."""

    id: str
    kind: Literal["group", "issue", "goal", "outcome", "activity"]
    level: Literal["program", "kegiatan", "subkegiatan"] | None = None  # activities only
    no: str | None = None
    text: str
    parent: str | None = None  # id of the enclosing node
    lead: AgencyCell | None = None
    supporting: AgencyCell | None = None
    line: int | None = None
    end_line: int | None = None
    # Cells of columns radcheck keeps but does not judge (Lokasi, Anggaran, Keterangan …), by column label.
    other: dict[str, str] = Field(default_factory=dict)


class Indicator(_Model):
    """A measurable line of the annex: text, unit, baseline and one target per plan year."""

    id: str
    text: str
    no: str | None = None
    unit: str | None = None
    baseline: TargetCell | None = None  # None when the table has no baseline column
    targets: dict[int, TargetCell] = Field(default_factory=dict)
    parent: str | None = None  # the activity (or outcome) it measures
    lead: AgencyCell | None = None
    supporting: AgencyCell | None = None
    polarity: Literal["higher", "lower"] | None = None  # stated in the plan; else from the lexicon
    line: int | None = None
    end_line: int | None = None
    other: dict[str, str] = Field(default_factory=dict)  # as PlanNode.other


class Section(_Model):
    """One annex table (a field, bidang, or a programme), with what its rows say."""

    letter: str
    title: str
    years: list[int] = Field(default_factory=list)  # years named in the title ("Tahun 2023 - 2027")
    columns: list[Column] = Field(default_factory=list)
    line: int | None = None
    header_line: int | None = None
    later_headers: list[HeaderRow] = Field(default_factory=list)
    end_line: int | None = None
    table_rows: int = 0  # table-shaped rows met under this section's header(s) …
    rows_read: int = 0  # … and those that became (or continued) plan rows
    groups: list[PlanNode] = Field(default_factory=list)
    issues: list[PlanNode] = Field(default_factory=list)
    goals: list[PlanNode] = Field(default_factory=list)
    outcomes: list[PlanNode] = Field(default_factory=list)
    activities: list[PlanNode] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)

    @property
    def target_years(self) -> list[int]:
        return [c.year for c in self.columns if c.role == "target" and c.year is not None]

    def nodes(self) -> list[PlanNode]:
        return [*self.groups, *self.issues, *self.goals, *self.outcomes, *self.activities]


class Clause(_Model):
    """A lettered or numbered item of a list (Menimbang a., b.; huruf; angka)."""

    no: str
    text: str
    line: int | None = None
    end_line: int | None = None


class Citation(_Model):
    """One Mengingat item: a regulation cited as legal basis."""

    no: str
    kind: str | None = None  # "Undang-Undang", "Peraturan Pemerintah", "Peraturan Menteri Dalam Negeri", …
    issuer: str | None = None  # for regional regulations: "Kota Bekasi"; for ministerial: the ministry
    number: int | None = None
    number_raw: str | None = None  # as written ("06"), for citation-format checks
    year: int | None = None
    title: str | None = None
    gazettes: list[str] = Field(default_factory=list)  # "Lembaran Negara Republik Indonesia Tahun 2014 Nomor 244"
    raw: str
    line: int | None = None
    end_line: int | None = None


class Provision(_Model):
    """A node of the body tree: BAB → Pasal → ayat → huruf → angka."""

    kind: Literal["bab", "pasal", "ayat", "huruf", "angka", "text"]
    number: str = ""  # "II", "5", "2" (for ayat (2)), "c"
    heading: str | None = None  # a BAB's title
    text: str = ""
    children: list[Provision] = Field(default_factory=list)
    line: int | None = None
    end_line: int | None = None

    def walk(self) -> Iterator[Provision]:
        yield self
        for child in self.children:
            yield from child.walk()


class Definition(_Model):
    """A Pasal 1 (Ketentuan Umum) entry: term, optional abbreviation, definition."""

    no: str
    term: str
    abbreviation: str | None = None
    abbreviation_form: Literal["disingkat", "disebut", "parenthesis", "none"] = "none"
    definition: str
    raw: str
    line: int | None = None


class DatedPlace(_Model):
    place: str | None = None
    date: dt.date | None = None
    raw: str = ""
    line: int | None = None


class Gazette(_Model):
    """A Berita Daerah reference: the heading on the cover or the closing line."""

    region: str | None = None
    year: int | None = None
    number: int | None = None
    raw: str = ""
    line: int | None = None


class Signatory(_Model):
    office: str
    name: str | None = None
    line: int | None = None


class Closing(_Model):
    enacted: DatedPlace | None = None  # Ditetapkan di … pada tanggal …
    promulgated: DatedPlace | None = None  # Diundangkan di … pada tanggal …
    signatories: list[Signatory] = Field(default_factory=list)
    gazette_heading: Gazette | None = None
    gazette_closing: Gazette | None = None


class LampiranHeading(_Model):
    raw: str
    kind: str | None = None
    number: int | None = None
    year: int | None = None
    title: str | None = None
    line: int | None = None


class Location(_Model):
    """Where a person finds a place in the file they have (docs/REPORT.md, ``location``).

    Readers number every place they read with one running ``line`` (the text file's line, a Word
    paragraph or table row, a PDF text line, an Excel row across sheets) and record, for each such
    number, what a person looks for instead: a text line; a PDF page and table row; an Excel sheet with
    the sheet's own row and column; a Word paragraph, or table and row.  ``pasal`` is added where a body
    provision applies.  Only the keys that apply are written.
    """

    line: int | None = None
    page: int | None = None
    table: int | None = None
    table_row: int | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    paragraph: int | None = None
    pasal: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class ReadingNote(_Model):
    """Something the reader met and could not fully place: becomes a P002…P006 finding."""

    code: Literal["P002", "P003", "P004", "P005", "P006"]
    path: str
    text: str
    line: int | None = None
    end_line: int | None = None
    detail: dict[str, str] = Field(default_factory=dict)


class Document(_Model):
    """A whole regulation as radcheck understood it."""

    schema_version: int = SCHEMA_VERSION
    source: str = ""
    format: Literal["text", "yaml", "json", "docx", "xlsx", "pdf"] = "text"
    kind: str | None = None  # "Peraturan Wali Kota", "Peraturan Bupati", "Peraturan Gubernur"
    office: str | None = None  # "WALI KOTA BEKASI"
    region: str | None = None  # "Kota Bekasi"
    number: int | None = None
    year: int | None = None
    title: str | None = None  # the subject after TENTANG, as in the Judul
    judul: str | None = None  # the Judul as written, lines joined
    judul_line: int | None = None
    period: tuple[int, int] | None = None
    menimbang: list[Clause] = Field(default_factory=list)
    mengingat: list[Citation] = Field(default_factory=list)
    menetapkan: str | None = None
    menetapkan_line: int | None = None
    provisions: list[Provision] = Field(default_factory=list)
    definitions: list[Definition] = Field(default_factory=list)
    closing: Closing = Field(default_factory=Closing)
    lampiran: list[LampiranHeading] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    notes: list[ReadingNote] = Field(default_factory=list)
    # Reading coverage (docs/REPORT.md ``stats``): table-shaped rows met under the Lampiran, and those that became
    # plan rows; the rest are in P002/P005 notes.
    table_rows: int = 0
    rows_read: int = 0
    # The reader's running line number -> where a person finds it (see Location); a text file needs none.
    locations: dict[int, Location] = Field(default_factory=dict)

    @field_validator("period")
    @classmethod
    def _period_is_ordered(cls, v: tuple[int, int] | None) -> tuple[int, int] | None:
        if v is not None and v[0] > v[1]:
            raise ValueError(f"plan period starts after it ends: {v[0]}–{v[1]}")
        return v

    @property
    def plan_years(self) -> list[int]:
        if self.period:
            return list(range(self.period[0], self.period[1] + 1))
        years = sorted({y for s in self.sections for y in s.target_years})
        return years

    def pasal(self) -> list[Provision]:
        """Every Pasal of the body, in order."""
        return [p for top in self.provisions for p in top.walk() if p.kind == "pasal"]

    def indicators(self) -> list[Indicator]:
        return [i for s in self.sections for i in s.indicators]

    def graph(self) -> nx.MultiDiGraph:
        """The plan graph: sections, issues, goals, outcomes, activities, indicators, agency mentions."""
        from radcheck.graph import build_graph

        return build_graph(self)
