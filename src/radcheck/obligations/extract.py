"""Monitoring, evaluation and reporting obligations read from the body of a regulation.

An obligation is what one Pasal requires of someone: *who* (``Pokja``), *what* (pemantauan and/or
evaluasi → ``monitoring``; pelaporan → ``reporting``), *to whom* (``Wali Kota``), *in what form*
(``tertulis``) and *how often* (``setiap 1 (satu) tahun sekali`` → ``P1Y``).  Drafters spread these over
the ayat of a Pasal: the actor in ayat (1), the frequency in ayat (2) "sebagaimana dimaksud pada ayat
(1)", the form in ayat (3).  So the ayat of one Pasal that speak of the same kind are read together,
and the obligation's legal basis is the ayat that carries its frequency (else the one naming the
actor).

Only statements count: an ayat must mention the activity *and* either a duty verb (``dilaksanakan``,
``menyampaikan`` …), an actor (``oleh …``) or a frequency.  A purpose clause such as "meningkatkan
pemahaman … monitoring dan evaluasi" is not an obligation.

This module reads the model (``Document.provisions``); it never re-parses the source text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from radcheck.model import Document, Provision

Kind = Literal["monitoring", "reporting"]

_MONITORING = re.compile(r"\b(pemantauan|evaluasi|monitoring|monev|memantau|mengevaluasi|dipantau|dievaluasi)\b",
                         re.IGNORECASE)
_REPORTING = re.compile(r"\b(pelaporan|laporan|melaporkan|dilaporkan)\b", re.IGNORECASE)
# "hasil pemantauan" as the object of a report is part of the report, not a monitoring duty of its own.
_MONITORING_AS_OBJECT = re.compile(r"\bhasil\s+(pemantauan|evaluasi|monitoring)", re.IGNORECASE)
_DUTY = re.compile(
    r"\b(dilaksanakan|dilakukan|diselenggarakan|disampaikan|disusun|dibuat|melaksanakan|melakukan|"
    r"menyelenggarakan|menyampaikan|menyusun|membuat|melaporkan|dilaporkan|memantau|mengevaluasi|wajib)\b",
    re.IGNORECASE,
)
_AYAT_REF = re.compile(r"sebagaimana\s+dimaksud\s+(?:pada|dalam)\s+ayat\s+\((\d+)\)", re.IGNORECASE)
_REF_PHRASE = re.compile(
    r"\s*sebagaimana\s+dimaksud\s+(?:pada|dalam)\s+(?:ayat|pasal)\s+[^,.;]*?(?=\s+[a-z]+kan\b|,|$)", re.IGNORECASE)

# Actors: "… dilaksanakan oleh Pokja." and "Pokja menyampaikan laporan …".
_BY = re.compile(
    r"\boleh\s+(?P<actor>.+?)(?=\s*[,.;:]|\s+(?:secara|setiap|tiap|paling|kepada|dan\s+(?:di|me)\w+|"
    r"dan\s+hasil\w*|sebagaimana|dengan|untuk|yang\s+(?:di|me)\w+|(?:di|me)\w+kan)\b|$)",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"^(?P<actor>.+?)\s+(?:wajib\s+|harus\s+)?(?:menyampaikan|melaporkan|melaksanakan|melakukan|menyelenggarakan|"
    r"menyusun|membuat|memantau|mengevaluasi)\b",
    re.IGNORECASE,
)
# Words that begin the activity itself, not an actor ("Pemantauan dan evaluasi … dilaksanakan oleh …").
_NOT_AN_ACTOR = re.compile(r"^(pemantauan|evaluasi|monitoring|pelaporan|laporan|hasil|dalam|untuk|setiap|"
                           r"pelaksanaan|kegiatan)\b", re.IGNORECASE)
_MAX_ACTOR_WORDS = 12  # longer "actors" are whole clauses the pattern mis-cut

_RECIPIENT = re.compile(
    r"\bkepada\s+(?P<to>.+?)(?=\s*[,.;:]|\s+(?:melalui|secara|setiap|tiap|paling|dan\s+(?:di|me)\w+|"
    r"sebagai|untuk|dengan|sebagaimana|dalam)\b|$)",
    re.IGNORECASE,
)
_FORM = re.compile(r"\bsecara\s+(tertulis|lisan|elektronik|daring|luring|online)\b", re.IGNORECASE)
_DEFINITIONS = re.compile(r"\byang\s+dimaksud\s+dengan\b", re.IGNORECASE)
_BERKALA = re.compile(r"\b(secara\s+)?berkala\b", re.IGNORECASE)

_WORD_NUMBERS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9, "sepuluh": 10, "sebelas": 11, "dua belas": 12,
}
# "1 (satu)", "6", "enam": digits (the words in parentheses are L006's business), or words alone
_NUM = (r"(?:(?P<{0}d>\d{{1,2}})(?:\s*\((?P<{0}w1>[a-z ]+?)\))?|"
        r"(?P<{0}w>dua belas|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas))")
_UNIT = r"(?P<{0}u>tahun|bulan|minggu|hari)"
# "setiap 1 (satu) tahun (sekali)", "paling kurang 1 (satu) tahun sekali", "sekali dalam 6 (enam) bulan"
_EVERY_N = re.compile(
    r"\b(?:setiap|tiap|tiap-tiap|paling\s+(?:kurang|sedikit)|sekurang-kurangnya|minimal|sekali\s+dalam)\s+"
    + _NUM.format("a") + r"\s+" + _UNIT.format("a") + r"(?:\s+sekali)?",
    re.IGNORECASE,
)
# "2 (dua) kali dalam 1 (satu) tahun", "2 (dua) kali setahun", "dua kali dalam setahun"
_TIMES_PER = re.compile(
    _NUM.format("b") + r"\s+kali\s+(?:dalam\s+|per\s+|setiap\s+)?(?:(?:" + _NUM.format("c") + r")\s+"
    + _UNIT.format("c") + r"|se(?P<su>tahun|bulan|minggu|hari))",
    re.IGNORECASE,
)
# "setahun sekali", "sekali setahun", "setiap tahun", "tiap tahun", "tahunan", "setiap akhir tahun"
_EVERY_UNIT = re.compile(
    r"\b(?:se(?P<se>tahun|bulan|minggu)\s+sekali|sekali\s+se(?P<se2>tahun|bulan|minggu)|"
    r"(?:setiap|tiap|per)\s+(?:akhir\s+)?(?P<ev>tahun|bulan|minggu|semester|triwulan|caturwulan)|"
    r"(?P<adj>tahunan|bulanan|semesteran|triwulanan|mingguan)|"
    r"(?P<bare>semester|triwulan|caturwulan))\b",
    re.IGNORECASE,
)
_UNIT_MONTHS = {"tahun": 12, "bulan": 1, "semester": 6, "triwulan": 3, "caturwulan": 4, "tahunan": 12,
                "bulanan": 1, "semesteran": 6, "triwulanan": 3}

# "paling lambat tanggal 31 Januari tahun berikutnya", "paling lambat 31 Maret setiap tahun"
_DEADLINE_DATE = re.compile(
    r"\bpaling\s+lambat\s+(?:pada\s+)?(?:tanggal\s+)?(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)"
    r"(?P<next>\s+tahun\s+(?:anggaran\s+)?berikutnya)?",
    re.IGNORECASE,
)
# "paling lambat tanggal 10 bulan berikutnya": the 10th of the month after the period ends
_DEADLINE_NEXT_MONTH = re.compile(
    r"\bpaling\s+lambat\s+(?:pada\s+)?tanggal\s+(?P<day>\d{1,2})\s+(?:pada\s+)?bulan\s+berikutnya\b", re.IGNORECASE)
# "paling lambat 3 (tiga) bulan setelah tahun anggaran berakhir", "… setelah semester berakhir"
_DEADLINE_AFTER = re.compile(
    r"\bpaling\s+lambat\s+" + _NUM.format("d") + r"\s+(?P<du>hari|bulan)\s+(?:setelah|sesudah|sejak)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Deadline:
    """A deadline the text itself gives: a fixed day and month, or an offset after the period ends."""

    month: int | None = None
    day: int | None = None
    next_year: bool = False  # "tahun berikutnya": the day falls in the year after the period
    months_after: int | None = None
    days_after: int | None = None
    text: str = ""


@dataclass
class Obligation:
    """One monitoring or reporting obligation of a regulation."""

    id: str  # "pasal-8"; "pasal-8-reporting" when one Pasal holds both kinds
    kind: Kind
    pasal: str
    actor: str | None = None
    recipient: str | None = None
    form: str | None = None
    frequency: str | None = None  # ISO 8601 duration: P1Y, P6M, P3M, P1M
    frequency_text: str | None = None  # as written
    at_least: bool = False  # "paling kurang …": a minimum, not an exact rhythm
    periodic_only: bool = False  # "secara berkala" with no frequency
    deadline: Deadline | None = None
    basis: str = ""  # "Pasal 8 ayat (2)"
    line: int | None = None
    end_line: int | None = None
    excerpt: str = ""
    sources: list[str] = field(default_factory=list)  # every provision read, "Pasal 8 ayat (1)" …

    @property
    def path(self) -> str:
        m = re.fullmatch(r"Pasal (\d+)(?: ayat \((\d+)\))?", self.basis)
        if m and m.group(2):
            return f"/body/pasal/{m.group(1)}/ayat/{m.group(2)}"
        return f"/body/pasal/{self.pasal}"

    @property
    def definite(self) -> bool:
        """Whether the text says when: a frequency or a deadline."""
        return self.frequency is not None or self.deadline is not None

    def to_dict(self) -> dict[str, object]:
        """The obligation as in the calendar JSON of docs/REPORT.md."""
        return {"id": self.id, "kind": self.kind, "actor": self.actor, "recipient": self.recipient,
                "frequency": self.frequency, "form": self.form, "basis": self.basis, "line": self.line}


@dataclass
class _Unit:
    """One ayat (or an ayat-less Pasal) with its huruf/angka text folded in."""

    label: str
    number: str | None
    text: str
    line: int | None
    end_line: int | None
    kinds: set[str] = field(default_factory=set)


def word_number(text: str) -> int | None:
    return _WORD_NUMBERS.get(" ".join(text.lower().split()))


def _number(m: re.Match[str], key: str) -> int | None:
    if m.group(f"{key}d"):
        return int(m.group(f"{key}d"))
    if m.group(f"{key}w"):
        return word_number(m.group(f"{key}w"))
    return None


def _months_to_duration(months: int) -> str:
    return f"P{months // 12}Y" if months % 12 == 0 else f"P{months}M"


def parse_frequency(text: str) -> tuple[str, str, bool] | None:
    """The frequency a clause states, as (ISO 8601 duration, words as written, at-least?), or None.

    >>> parse_frequency("dilaksanakan paling kurang 1 (satu) tahun sekali")
    ('P1Y', 'paling kurang 1 (satu) tahun', True)
    """
    m = _EVERY_N.search(text)
    if m:
        n = _number(m, "a")
        unit = m.group("au").lower()
        if n:
            at_least = bool(re.match(r"paling|sekurang|minimal", m.group(0), re.IGNORECASE))
            if unit in ("minggu", "hari"):
                return f"P{n * 7}D" if unit == "minggu" else f"P{n}D", m.group(0), at_least
            return _months_to_duration(n * _UNIT_MONTHS[unit]), m.group(0), at_least
    m = _TIMES_PER.search(text)
    if m:
        times = _number(m, "b")
        span = _number(m, "c") if m.group("cu") else 1
        unit = (m.group("cu") or m.group("su")).lower()
        if times and span and unit in _UNIT_MONTHS:
            months = span * _UNIT_MONTHS[unit]
            if months % times == 0:
                return _months_to_duration(months // times), m.group(0), False
    m = _EVERY_UNIT.search(text)
    if m:
        word = next(g for g in (m.group("se"), m.group("se2"), m.group("ev"), m.group("adj"), m.group("bare")) if g)
        word = word.lower()
        if word in ("minggu", "mingguan"):
            return "P7D", m.group(0), False
        return _months_to_duration(_UNIT_MONTHS[word]), m.group(0), False
    return None


def parse_deadline(text: str) -> Deadline | None:
    """A deadline the clause states ("paling lambat tanggal 31 Januari tahun berikutnya"), or None."""
    from radcheck.readers.common import MONTHS

    m = _DEADLINE_DATE.search(text)
    if m and m.group("month").lower() in MONTHS:
        day, month = int(m.group("day")), MONTHS[m.group("month").lower()]
        if 1 <= day <= 31:
            return Deadline(month=month, day=day, next_year=bool(m.group("next")), text=m.group(0))
    m = _DEADLINE_NEXT_MONTH.search(text)
    if m and 1 <= int(m.group("day")) <= 28:
        return Deadline(days_after=int(m.group("day")), text=m.group(0))
    m = _DEADLINE_AFTER.search(text)
    if m:
        n = _number(m, "d")
        if n:
            if m.group("du").lower() == "bulan":
                return Deadline(months_after=n, text=m.group(0))
            return Deadline(days_after=n, text=m.group(0))
    return None


def _flat_text(p: Provision) -> str:
    parts = [p.text] + [_flat_text(c) for c in p.children]
    return " ".join(t for t in parts if t)


def _units(pasal: Provision) -> list[_Unit]:
    ayat = [c for c in pasal.children if c.kind == "ayat"]
    if not ayat:
        return [_Unit(f"Pasal {pasal.number}", None, _flat_text(pasal), pasal.line, pasal.end_line)]
    out = []
    for a in ayat:
        out.append(_Unit(f"Pasal {pasal.number} ayat ({a.number})", a.number, _flat_text(a), a.line,
                         a.end_line))
    return out


def _kinds(text: str) -> set[str]:
    kinds: set[str] = set()
    if _REPORTING.search(text):
        kinds.add("reporting")
    stripped = _MONITORING_AS_OBJECT.sub("", text) if kinds else text
    if _MONITORING.search(stripped):
        kinds.add("monitoring")
    return kinds


def _is_statement(text: str) -> bool:
    return bool(_DUTY.search(text) or _BY.search(text) or parse_frequency(text) or parse_deadline(text))


def _clean_actor(text: str) -> str | None:
    text = _REF_PHRASE.sub("", text).strip(" ,.;:")
    if not text or _NOT_AN_ACTOR.match(text) or len(text.split()) > _MAX_ACTOR_WORDS:
        return None
    return text


def _actor(text: str) -> str | None:
    m = _BY.search(text)
    if m:
        actor = _clean_actor(m.group("actor"))
        if actor:
            return actor
    m = _SUBJECT.match(text)
    if m:
        return _clean_actor(m.group("actor"))
    return None


def _recipient(text: str) -> str | None:
    m = _RECIPIENT.search(text)
    if not m:
        return None
    to = _REF_PHRASE.sub("", m.group("to")).strip(" ,.;:")
    to = re.sub(r"\bWali\s*[Kk]ota\b", "Wali Kota", to)
    return to or None


def extract_obligations(doc: Document) -> list[Obligation]:
    """Every monitoring and reporting obligation of the body, in the order of the Pasal."""
    out: list[Obligation] = []
    for pasal in doc.pasal():
        if _DEFINITIONS.search(pasal.text):
            continue  # Ketentuan Umum: "Pemantauan adalah kegiatan … yang dilakukan …" defines, it does not oblige
        units = _units(pasal)
        by_number = {u.number: u for u in units if u.number}
        for u in units:
            u.kinds = _kinds(u.text)
        # "… sebagaimana dimaksud pada ayat (1) dilaksanakan setiap …" speaks of what ayat (1) speaks of.
        for u in units:
            if not u.kinds:
                for ref in _AYAT_REF.findall(u.text):
                    if ref in by_number:
                        u.kinds |= by_number[ref].kinds
        found: dict[str, list[_Unit]] = {}
        for u in units:
            if _is_statement(u.text):
                for kind in sorted(u.kinds):
                    found.setdefault(kind, []).append(u)
        for kind in ("monitoring", "reporting"):
            if kind in found:
                oid = f"pasal-{pasal.number}" if len(found) == 1 else f"pasal-{pasal.number}-{kind}"
                out.append(_obligation(oid, kind, pasal, found[kind]))  # type: ignore[arg-type]
    return out


def _obligation(oid: str, kind: Kind, pasal: Provision, units: list[_Unit]) -> Obligation:
    ob = Obligation(id=oid, kind=kind, pasal=pasal.number, sources=[u.label for u in units])
    basis: _Unit | None = None
    for u in units:
        freq = parse_frequency(u.text)
        if freq and ob.frequency is None:
            ob.frequency, ob.frequency_text, ob.at_least = freq
            basis = u
        deadline = parse_deadline(u.text)
        if deadline and ob.deadline is None:
            ob.deadline = deadline
            basis = basis or u
        ob.actor = ob.actor or _actor(u.text)
        ob.recipient = ob.recipient or _recipient(u.text)
        if ob.form is None and (m := _FORM.search(u.text)):
            ob.form = m.group(1).lower()
    if not ob.definite:
        ob.periodic_only = any(_BERKALA.search(u.text) for u in units)
        basis = next((u for u in units if _BERKALA.search(u.text)), None)
    basis = basis or next((u for u in units if _actor(u.text)), units[0])
    ob.basis, ob.line, ob.end_line, ob.excerpt = basis.label, basis.line, basis.end_line, basis.text
    return ob
