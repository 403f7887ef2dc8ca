"""Resolve agency names against a registry: normalise, look up exactly, then fuzzily.

Order of resolution for one name:

1. **normalise**: lower case, ``&`` → ``dan``, punctuation → space, spaces folded, and the region's own
   name dropped from the end ("Seluruh Perangkat Daerah Pemerintah Kota Bekasi" → "seluruh perangkat
   daerah");
2. **exact**: the canonical name of an entry; **alias**: one of its abbreviations, aliases, known
   misspellings or former names, also when only the spacing differs ("Ketenaga kerjaan");
   **made**: a name the region (or generic) file composes or matches by pattern ("Dinas Pertanian dan
   Ketahanan Pangan", "Kecamatan Cikarang Utara"), resolved exactly as a body of its own;
3. **fuzzy**: rapidfuzz ``token_sort_ratio`` against every correct written form (names,
   abbreviations, aliases, former names; not misspellings); accepted at or above
   :data:`FUZZY_THRESHOLD` when no other body scores within :data:`AMBIGUITY_MARGIN`;
4. otherwise **unresolved**, with the nearest candidates and their scores.

A cell is first split by :mod:`radcheck.agencies.split`; then a line break is undone when the joined
name is known ("Pemuka masyarakat dan\\nagama"), and a name is split at "dan" when it is unknown as a
whole but every part is known ("Kesehatan Dan RSUD", "dunia usaha dan akademisi").

Each distinct string is resolved once per resolver, and :func:`resolver_for` keeps one resolver per
registry for a whole run, so a corpus of plans resolves each string once.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from radcheck.agencies.registry import Agency, Registry, Urusan, load_registry
from radcheck.agencies.split import fragments, join_wrapped, piece_texts, undouble

if TYPE_CHECKING:
    from radcheck.engine import Context
    from radcheck.model import Document

# rapidfuzz token_sort_ratio, 0–100, on normalised names.  Why 85: dropping or doubling one letter of
# a five-letter abbreviation scores 88.9 ("DPPA" → DPPPA) and common typos in full names score 90 or
# more ("Bapelitbangda" 96, "Dinsa koperasi dan UMKM" 96), while one *different* letter in an
# abbreviation scores 80 ("DPKPA" against DPPPA, "DPPKB" against DPPPA): a different body, not a typo.
FUZZY_THRESHOLD = 85.0
# When two different bodies score within this many points of each other the name is ambiguous and
# left unresolved (listing both), rather than guessed.
AMBIGUITY_MARGIN = 3.0
CANDIDATE_FLOOR = 50.0  # candidates below this are noise, not worth showing
MAX_CANDIDATES = 3

Method = Literal["exact", "alias", "fuzzy", "unresolved"]
# A name with commas in it has at most this many comma-separated parts ("Dinas Komunikasi, Informatika,
# Statistik dan Persandian" has three).
_COMMA_NAME_PIECES = 5
_ENDS_A_LIST = re.compile(r"\b(?:dan|serta)\b", re.IGNORECASE)
_PUNCT = re.compile(r"[^\w\s]")


def normalise(text: str, strip_suffixes: tuple[str, ...] = ()) -> str:
    """Lower case, ``&`` → ``dan``, punctuation → space, spaces folded, region suffix dropped."""
    t = _PUNCT.sub(" ", text.lower().replace("&", " dan "))
    t = " ".join(t.split())
    for suffix in strip_suffixes:
        if t.endswith(" " + suffix):
            t = t[: -len(suffix) - 1].strip()
            break
    return t


@dataclass(frozen=True)
class Target:
    """What a name resolved to: an agency or an urusan."""

    id: str
    name: str
    kind: str  # an Agency kind, or "urusan"
    scope: Literal["region", "national"]
    agency: Agency | None = None
    urusan: Urusan | None = None


@dataclass(frozen=True)
class Resolution:
    text: str  # as written in the cell
    key: str  # normalised
    method: Method
    target: Target | None = None
    form: str | None = None  # name, abbreviation, alias, misspelling, former
    matched: str | None = None  # the registry form that matched
    score: float | None = None
    candidates: tuple[tuple[str, float], ...] = ()

    @property
    def resolved(self) -> bool:
        return self.target is not None


@dataclass
class Resolver:
    """Resolves names against one registry; caches every distinct string it has seen."""

    registry: Registry
    _index: dict[str, tuple[Target, str, str]] = field(default_factory=dict, repr=False)
    _compact: dict[str, tuple[Target, str, str]] = field(default_factory=dict, repr=False)
    _keys: list[str] = field(default_factory=list, repr=False)
    _key_targets: list[tuple[Target, str, str]] = field(default_factory=list, repr=False)
    _cache: dict[str, Resolution] = field(default_factory=dict, repr=False)
    # A plan writes the same hundred or so names in thousands of distinct cells: each distinct piece
    # of a cell (the text between two separators) is resolved once, each distinct spelling normalised once.
    _pieces: dict[str, tuple[Resolution, ...]] = field(default_factory=dict, repr=False)
    _texts: dict[str, Resolution] = field(default_factory=dict, repr=False)
    # Merged and copied cells repeat the same text on many rows, and seven A rules read every cell:
    # each distinct cell text is split and resolved once per run.
    _cells: dict[str, tuple[Resolution, ...]] = field(default_factory=dict, repr=False)
    _not_named: set[str] = field(default_factory=set, repr=False)  # texts _names_agency found no entry for
    _strip: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        from radcheck.agencies.registry import RegistryError

        reg = self.registry
        region_names = [reg.region.region or "", *reg.region.region_aliases] if reg.region else []
        if reg.wanted_region and reg.wanted_region != "?":
            region_names.append(reg.wanted_region)
        strip: list[str] = []
        for r in region_names:
            k = normalise(r)
            if k:
                strip += [f"pemerintah {k}", f"se {k}", k]
                short = re.sub(r"^kabupaten ", "kab ", re.sub(r"^provinsi ", "prov ", k))
                if short != k:  # "Dinas Kesehatan Kab. Garut"
                    strip += [f"pemerintah {short}", f"se {short}", short]
                # A Pergub's "Dinas Kesehatan Provinsi", a Perbup's "Bappeda Kabupaten": the region's own
                # level word without its name still means the region's own body.
                level = k.split()[0]
                strip += {"provinsi": ["provinsi", "prov"], "kabupaten": ["kabupaten", "kab"],
                          "kota": ["kota"]}.get(level, [])
        self._strip = tuple(sorted(set(strip), key=len, reverse=True))
        owners: dict[str, tuple[str, str]] = {}  # key → (id, scope) to catch clashes inside one file
        entries: list[tuple[Target, str, str]] = []
        for agency, scope in reg.agencies():
            t = Target(agency.id, agency.name, agency.kind, scope, agency=agency)  # type: ignore[arg-type]
            entries += [(t, form, kind) for form, kind in agency.forms()]
        for u in reg.national.urusan:
            t = Target(u.id, u.name, "urusan", "national", urusan=u)
            entries += [(t, u.name, "name")] + [(t, a, "alias") for a in u.aliases]
        for t, form, kind in entries:
            key = normalise(form, self._strip)
            if not key:
                continue
            owner = owners.get(key)
            if owner is not None and owner[0] != t.id:
                if owner[1] == t.scope:
                    raise RegistryError(f"{reg.source}: the name {form!r} belongs to both {owner[0]} and {t.id}")
                continue  # a region entry wins over a national one with the same name
            owners[key] = (t.id, t.scope)
            if key not in self._index:
                self._index[key] = (t, kind, form)
                self._compact.setdefault(key.replace(" ", ""), (t, kind, form))
                if kind != "misspelling":  # distance is measured from correct forms, not from typos
                    self._keys.append(key)
                    self._key_targets.append((t, kind, form))

    # -- one name ---------------------------------------------------------------------------------
    def resolve(self, text: str) -> Resolution:
        """Resolve one name (already split from its cell)."""
        known = self._texts.get(text)
        if known is None:
            known = self._texts[text] = self._resolve_text(text)
        return known

    def _resolve_text(self, text: str) -> Resolution:
        key = normalise(text, self._strip)
        cached = self._cache.get(key)
        if cached is not None:
            return cached if cached.text == text else _retext(cached, text)
        result = self._resolve_key(text, key)
        self._cache[key] = result
        return result

    def _resolve_key(self, text: str, key: str) -> Resolution:
        if not key:
            return Resolution(text, key, "unresolved")
        return self._lookup(text, key) or self._fuzzy(text, key)

    def _lookup(self, text: str, key: str) -> Resolution | None:
        """Steps 2 of the module's order (exact, alias, made), without fuzzy matching."""
        hit = self._index.get(key) or self._compact.get(key.replace(" ", ""))
        if hit is not None:
            target, kind, form = hit
            exact = kind == "name" and normalise(form, self._strip) == key
            return Resolution(text, key, "exact" if exact else "alias", target, kind, form, 100.0)
        made = self.registry.made_for(key)  # "Kecamatan X", "Dinas Pertanian dan Ketahanan Pangan"
        if made is not None:
            target = Target(made.id, made.name, made.kind, "region", agency=made)
            return Resolution(text, key, "exact", target, "name", made.name, 100.0)
        return None

    def _names_agency(self, text: str) -> bool:
        """Whether ``text`` names an agency exactly or by an alias, as :meth:`resolve` would say, but
        without fuzzy matching a text no table names: the comma joins below ask it of many candidate
        names (every run of pieces up to a "dan"), which are almost all unknown."""
        found = self._texts.get(text)
        if found is None:
            if text in self._not_named:
                return False
            key = normalise(text, self._strip)
            found = self._cache.get(key)
            if found is None:
                found = self._lookup(text, key) if key else None
                if found is None:
                    self._not_named.add(text)
                    return False
                self._cache[key] = found
            elif found.text != text:
                found = _retext(found, text)
            self._texts[text] = found
        return found.method in ("exact", "alias") and found.target is not None and found.target.agency is not None

    def _fuzzy(self, text: str, key: str) -> Resolution:
        from rapidfuzz import fuzz, process  # heavy import kept out of CLI start-up

        found = process.extract(key, self._keys, scorer=fuzz.token_sort_ratio, processor=None,
                                limit=MAX_CANDIDATES * 4, score_cutoff=CANDIDATE_FLOOR)
        best: dict[str, tuple[float, Target, str, str]] = {}
        for _, score, i in found:
            target, kind, form = self._key_targets[i]
            if target.id not in best or score > best[target.id][0]:
                best[target.id] = (score, target, kind, form)
        ranked = sorted(best.values(), key=lambda b: (-b[0], b[1].name))
        candidates = tuple((b[1].name, round(b[0], 1)) for b in ranked[:MAX_CANDIDATES])
        if ranked and ranked[0][0] >= FUZZY_THRESHOLD and (
            len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= AMBIGUITY_MARGIN
        ):
            score, target, kind, form = ranked[0]
            return Resolution(text, key, "fuzzy", target, kind, form, round(score, 1), candidates)
        return Resolution(text, key, "unresolved", candidates=candidates)

    # -- a whole cell -----------------------------------------------------------------------------
    def resolve_cell(self, raw: str) -> tuple[Resolution, ...]:
        """Every name of one agency cell, resolved, in order (a doubled name counts twice)."""
        cached = self._cells.get(raw)
        if cached is None:
            cached = self._cells[raw] = tuple(self._resolve_cell(raw))
        return cached

    def _resolve_cell(self, raw: str) -> list[Resolution]:
        out: list[Resolution] = []
        for piece in self._names_with_commas(piece_texts(raw)):
            known = self._pieces.get(piece)
            if known is None:
                known = self._pieces[piece] = tuple(self._resolve_piece(fragments(piece)))
            out.extend(known)
        return out

    def _names_with_commas(self, texts: list[str]) -> list[str]:
        """Pieces cut at commas, with a known name that itself holds commas put back together:
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana".
        Joined only up to a piece with "dan"/"serta" (how such a name ends) that is no body by itself."""
        # A piece that may end such a name: written on one line, with "dan"/"serta", and no body by itself.
        may_end = [i > 0 and "\n" not in t and _ENDS_A_LIST.search(t) is not None and bool(t.strip())
                   and not self._names_agency(" ".join(t.split())) for i, t in enumerate(texts)]
        if not any(may_end):  # most cells
            return texts
        out: list[str] = []
        i = 0
        while i < len(texts):
            j = self._comma_name_end(texts, i, may_end)
            out.append(", ".join(t.strip() for t in texts[i:j]) if j > i + 1 else texts[i])
            i = j
        return out

    def _comma_name_end(self, texts: list[str], i: int, may_end: list[bool]) -> int:
        for j in range(min(len(texts), i + _COMMA_NAME_PIECES), i + 1, -1):
            if not may_end[j - 1] or not all(t.strip() for t in texts[i:j]):
                continue
            if self._names_agency(" ".join(", ".join(texts[i:j]).split())):
                return j
        return i + 1

    def _resolve_piece(self, lines: list[str]) -> list[Resolution]:
        """The names of one piece of a cell (its wrapped lines), resolved."""
        if not lines:
            return []
        names = join_wrapped(lines)
        if len(lines) > 1:
            joined = " ".join(lines)
            whole = self.resolve(joined)
            if whole.method in ("exact", "alias") and len(names) > 1:
                names = [joined]
        out: list[Resolution] = []
        for name in names:
            halves = undouble(name)
            for part in ([halves, halves] if halves else [name]):
                out.extend(self.resolve_name(part))
        return out

    def resolve_name(self, name: str) -> list[Resolution]:
        """One name, or several when it is unknown as a whole but every part around "dan" is known."""
        whole = self.resolve(name)
        if whole.method in ("exact", "alias"):
            return [whole]
        strict = self._split_dan(name.split(), strict=True)
        if strict:
            return strict
        if whole.method == "fuzzy":
            return [whole]
        return self._split_dan(name.split(), strict=False) or [whole]

    def _split_dan(self, words: list[str], *, strict: bool) -> list[Resolution] | None:
        ok = ("exact", "alias") if strict else ("exact", "alias", "fuzzy")
        for i, w in enumerate(words):
            if w.lower() not in ("dan", "&") or i == 0 or i == len(words) - 1:
                continue
            left = self.resolve(" ".join(words[:i]))
            if left.method not in ok:
                continue
            rest_words = words[i + 1:]
            right = self.resolve(" ".join(rest_words))
            if right.method in ok:
                return [left, right]
            more = self._split_dan(rest_words, strict=strict)
            if more:
                return [left, *more]
        return None

    def identity(self, r: Resolution) -> str | None:
        """What two mentions must share to be the same body (successors followed; urusan kept apart)."""
        if r.target is None:
            return None
        if r.target.agency is not None:
            return self.registry.current(r.target.agency).id
        return f"urusan:{r.target.id}"

    def lead_identities(self, r: Resolution, day: dt.date | None = None) -> set[str]:
        """For cross-plan comparison: an urusan stands for the agencies holding it."""
        if r.target is None:
            return {f"text:{r.key}"}
        if r.target.urusan is not None:
            holders = self.registry.holders(r.target.id, day)
            return {self.registry.current(h).id for h in holders} or {f"urusan:{r.target.id}"}
        return {self.registry.current(r.target.agency).id} if r.target.agency else set()


def _retext(r: Resolution, text: str) -> Resolution:
    return Resolution(text, r.key, r.method, r.target, r.form, r.matched, r.score, r.candidates)


# -- per-run cache ------------------------------------------------------------------------------
_RUNS: dict[int, dict[tuple[str | None, str], Resolver]] = {}


def resolver_for(doc: Document, ctx: Context) -> Resolver:
    """The resolver for this document's registry, shared by every rule of this run (``ctx``)."""
    runs = _RUNS.get(id(ctx))
    if runs is None:
        runs = _RUNS[id(ctx)] = {}
        weakref.finalize(ctx, _RUNS.pop, id(ctx), None)
    key = (str(ctx.registry) if ctx.registry else None, (doc.region or "").lower())
    resolver = runs.get(key)
    if resolver is None:
        resolver = runs[key] = Resolver(load_registry(doc.region, ctx.registry))
    return resolver


def document_date(doc: Document, ctx: Context) -> dt.date:
    """The date names are judged at (A007): the regulation's own date, else ``--as-of``.

    Enacted (Ditetapkan) date, else promulgated date; with only a year, the as-of date capped at the
    last day of that year; with nothing, the as-of date (a draft is judged as of the day it is checked).
    ``[tool.radcheck.agencies] obsolete-at = "as-of"`` judges every document at the as-of date instead.
    """
    settings = ctx.config.section("agencies")
    if str(settings.get("obsolete_at", settings.get("obsolete-at", "document"))) == "as-of":
        return ctx.as_of
    for dated in (doc.closing.enacted, doc.closing.promulgated):
        if dated is not None and dated.date is not None:
            return dated.date
    if doc.year:
        return min(ctx.as_of, dt.date(doc.year, 12, 31))
    return ctx.as_of
