"""A — agencies: every name in the lead and supporting columns, resolved against the region's registry.

Each cell is judged once, where it is written: a merged cell copied onto the rows below it
(``inherited``) and a cell shared by an activity and its indicator are not reported again.
A002 (alias) is reported once per distinct spelling per document, with its count and lines, because an
abbreviation repeated in every row is one drafting choice, not fifty.

Resolution (normalisation, alias lookup, fuzzy threshold) lives in :mod:`radcheck.agencies.resolve`;
the registries in ``rules/agencies/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from radcheck.agencies.cells import cell_key
from radcheck.agencies.mentions import CellNames, Mentions, mentions
from radcheck.agencies.resolve import Resolution, Resolver
from radcheck.agencies.split import layout
from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
from radcheck.legal.terms import normalise_abbreviation
from radcheck.locate import lines_in_words
from radcheck.model import Document
from radcheck.words import joined, word


def _registry_label(resolver: Resolver) -> dict[str, str] | str:
    reg = resolver.registry
    if reg.region is not None and reg.region.scope == "generic" and reg.wanted_region not in (None, "?"):
        return word("agency-registry.generic", source=reg.source, region=reg.wanted_region)
    if reg.region is not None or reg.wanted_region is None:
        return reg.source
    if reg.wanted_region == "?":
        return word("agency-registry.region-unknown")
    return word("agency-registry.region-without-registry", region=reg.wanted_region)


def _candidates(r: Resolution) -> dict[str, str] | str:
    if not r.candidates:
        return word("agency-candidates-none")
    return ", ".join(f"{name} ({score:g})" for name, score in r.candidates)


def _or(names: list[str]) -> dict[str, str]:
    return {lang: sep.join(names) for lang, sep in word("or").items()}


def _label(agency_name: str, abbreviations: list[str]) -> str:
    return f"{agency_name} ({abbreviations[0]})" if abbreviations else agency_name


def _unresolved(text: CellNames) -> list[Resolution]:
    """The names of a cell that resolve to nothing, each spelling once."""
    seen: set[str] = set()
    out = []
    for r in text.names:
        if not r.resolved and r.key not in seen:
            seen.add(r.key)
            out.append(r)
    return out


@rule("A001")
def check_unresolved_agency(doc: Document, ctx: Context) -> Iterator[Hit]:
    table = mentions(doc, ctx)
    registry = _registry_label(table.resolver)
    for ref, unresolved in table.flagged(_unresolved):
        for r in unresolved:
            yield hit("A001", ref.path, line=ref.cell.line, excerpt=ref.cell.raw, focus=r.text, name=r.text,
                      registry=registry, candidates=_candidates(r), group=r.key)


@rule("A002")
def check_agency_alias(doc: Document, ctx: Context) -> Iterator[Hit]:
    table = mentions(doc, ctx)
    days = _judged_during(doc, ctx, table.day)

    def aliases(text: CellNames) -> list[Resolution]:
        return [r for r in text.names
                # urusan are A006's; unresolved names are A001's; obsolete ones A007's, which says it better
                if r.target is not None and r.target.urusan is None and r.method != "exact"
                and _obsolete_during(r, days) is None]

    uses = [use for use in _alias_uses(table, aliases) if use[1].target is not None]
    # An ordinary abbreviation or short name of a registered body (DPPPA, BPBD, Kejaksaan) is one
    # drafting habit: one finding lists them all with their official names.  A misspelling, a near
    # spelling or a former name stays a finding of its own.
    # An abbreviation Ketentuan Umum defines ("… yang selanjutnya disingkat DPPPA") is written as the
    # regulation itself decided: what the suggestion asks for is done.
    defined = {normalise_abbreviation(d.abbreviation) for d in doc.definitions if d.abbreviation}
    uses = [use for use in uses if not (_ordinary(use[1]) and normalise_abbreviation(use[0]) in defined)]
    ordinary = [use for use in uses if _ordinary(use[1])]
    listed = "; ".join(f"{text} = {r.target.name}" for text, r, _, _ in ordinary if r.target is not None)
    # Each place quoted as its cell, so that names first written in one cell make one place, not one each
    cell_text = {ref.path: ref.cell.raw for ref in table.cells} if ordinary else {}
    for text, r, path, lines in ordinary:
        first = min(lines)
        yield hit("A002", path, line=first or None, excerpt=cell_text.get(path) or text, focus=text, name=text,
                  names=listed, count=len(ordinary), group="ordinary", variant="ordinary")
    for text, r, path, lines in uses:
        if r.target is None or _ordinary(r):
            continue
        if r.method == "fuzzy":
            form = word("agency-form.near", score=r.score)
        else:
            form = word(f"agency-form.{r.form or 'alias'}")
        first = min(lines)
        yield hit("A002", path, line=first or None, excerpt=text, name=text, form=form,
                  canonical=r.target.name, count=len(lines), lines=lines_in_words(doc, sorted({n for n in lines if n})))


def _ordinary(r: Resolution) -> bool:
    """A registered abbreviation or other name, written as registered (not a misspelling, not fuzzy)."""
    return r.method == "alias" and r.form in ("abbreviation", "alias")


def _alias_uses(table: Mentions, aliases: Callable[[CellNames], list[Resolution]]
                ) -> list[tuple[str, Resolution, str, list[int]]]:
    """Each spelling A002 reports, in order of its first use: the spelling, its resolution and the path
    where first written, and its lines (a cell's line once per time the spelling is in the cell; 0 for
    a first cell without a line, and lines of later cells without one left out).
    """
    found: dict[str, tuple[Resolution, str, list[int]]] = {}
    for ref, written in table.flagged(aliases):
        for r in written:
            _, _, lines = found.setdefault(r.text, (r, ref.path, []))
            if ref.cell.line is not None:
                lines.append(ref.cell.line)
            elif not lines:
                lines.append(0)
    return [(text, r, path, lines) for text, (r, path, lines) in found.items()]


def _duplicates(text: CellNames) -> list[list[Resolution]]:
    """The names of a cell that stand for one body, grouped: only groups of two or more."""
    groups: dict[str, list[Resolution]] = {}
    for r, ident in zip(text.names, text.identities):
        groups.setdefault(ident or f"text:{r.key}", []).append(r)
    return [group for group in groups.values() if len(group) >= 2]


@rule("A003")
def check_duplicate_agency(doc: Document, ctx: Context) -> Iterator[Hit]:
    for ref, duplicates in mentions(doc, ctx).flagged(_duplicates):
        for group in duplicates:
            canonical = group[0].target.name if group[0].target else group[0].text
            written = ", ".join(f"'{r.text}'" for r in group)
            yield hit("A003", ref.path, line=ref.cell.line, excerpt=ref.cell.raw, focus=group[-1].text,
                      canonical=canonical, count=len(group), column=word(f"agency-column.{ref.role}"),
                      written=written, group=f"{ref.role}:{canonical}")


def _shared(lead: CellNames, sup: CellNames) -> list[tuple[str, Resolution]]:
    """Bodies named in both cells, each once: (the lead's canonical name, the supporting spelling)."""
    leads = {ident: r for r, ident in zip(lead.names, lead.identities) if r.resolved}
    reported: set[str] = set()
    out = []
    for r, ident in zip(sup.names, sup.identities):
        if ident is None or ident not in leads or ident in reported:
            continue
        reported.add(ident)
        target = leads[ident].target
        if target is not None:
            out.append((target.name, r))
    return out


@rule("A004")
def check_lead_also_supporting(doc: Document, ctx: Context) -> Iterator[Hit]:
    table = mentions(doc, ctx)
    seen: set[tuple[tuple[str, int | None, str], tuple[str, int | None, str]]] = set()
    verdicts: dict[tuple[str, str], list[tuple[str, Resolution]]] = {}  # each pair of texts judged once
    for row in table.rows:
        lead, sup = row.lead, row.supporting
        if lead is None or sup is None or (lead.inherited and sup.inherited):
            continue  # both copied from the row above: judged there
        texts = (lead.raw, sup.raw)
        shared = verdicts.get(texts)
        if shared is None:
            shared = verdicts[texts] = _shared(table.names(lead.raw), table.names(sup.raw))
        if not shared:
            continue  # most rows: nothing to report, so no need to remember the pair either
        pair = (cell_key("lead", lead), cell_key("supporting", sup))
        if pair in seen:
            continue
        seen.add(pair)
        # a merged supporting cell is reported on this row (where the lead is written), not above
        line = lead.line if sup.inherited else sup.line
        for canonical, r in shared:
            yield hit("A004", f"{row.id}/supporting", line=line, excerpt=sup.raw, focus=r.text, canonical=canonical,
                      written=r.text, group=f"{canonical}\n{r.text}")


# The kinds of separator problem, in the order a message lists them (words: rules/words.yaml agency-list)
_SEPARATOR_PROBLEMS = ("empty", "full-stop", "trailing")


def _malformed(text: CellNames) -> list[str]:
    """What is wrong with the separators of a cell: the kinds of problem (or nothing)."""
    shape = layout(text.raw)
    return [kind for kind, present in (("empty", shape.empty_entries), ("full-stop", shape.full_stop_separators),
                                       ("trailing", shape.trailing_separator)) if present]


@rule("A005")
def check_malformed_agency_list(doc: Document, ctx: Context) -> Iterator[Hit]:
    """One finding per document, every malformed cell an occurrence: a list copy-pasted down a column
    carries its stray ', ,' into every row, and one tidying of the habit mends them all.  The message
    says how many cells have each kind of problem."""
    flagged = list(mentions(doc, ctx).flagged(_malformed))
    lines: dict[str, list[int]] = {}
    for ref, kinds in flagged:
        for kind in kinds:
            lines.setdefault(kind, []).extend([ref.cell.line] if ref.cell.line is not None else [])
    problems = joined([word("agency-list.in-cells", problem=word(f"agency-list.{kind}"), n=len(set(found)) or 1,
                            lines=lines_in_words(doc, sorted(set(found))))
                       for kind, found in sorted(lines.items(), key=lambda item: _SEPARATOR_PROBLEMS.index(item[0]))])
    for ref, _ in flagged:
        yield hit("A005", ref.path, line=ref.cell.line, excerpt=ref.cell.raw, problems=problems, group="lists")


def _urusan(text: CellNames) -> list[Resolution]:
    return [r for r in text.names if r.target is not None and r.target.urusan is not None]


@rule("A006")
def check_urusan_as_agency(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Once per urusan spelling per table, with its count and lines: a column-wide habit, one fix."""
    table = mentions(doc, ctx)
    # The lines of each spelling in the order met, each once (a dict: a list's "in" made this quadratic).
    found: dict[tuple[str, str], tuple[Resolution, str, str, dict[int, None]]] = {}
    for ref, urusan in table.flagged(_urusan):
        for r in urusan:
            entry = found.setdefault((ref.path.split("/")[0], r.text), (r, ref.path, ref.cell.raw, {}))
            if ref.cell.line is not None:
                entry[3][ref.cell.line] = None
    for (_, text), (r, path, raw, seen) in found.items():
        lines = list(seen)
        if r.target is None:  # only urusan are collected above
            continue
        holders = [_label(a.name, a.abbreviations) for a in table.resolver.registry.holders(r.target.id, table.day)]
        who = _or(holders) if holders else word("agency-holder-unknown")
        yield hit("A006", path, line=lines[0] if lines else None, excerpt=raw, name=text, urusan=r.target.name,
                  holders=who, count=len(lines) or 1, lines=lines_in_words(doc, sorted(lines)))


def _judged_during(doc: Document, ctx: Context, day: dt.date) -> tuple[dt.date, dt.date]:
    """The days a name must be invalid on, all of them, to be obsolete: the document's date; or, for a
    document known only by its year (no Ditetapkan/Diundangkan date) judged at that year's last day,
    the whole year, since it may have been enacted on any day of it (a name replaced in October 2024
    was right for a Perwal of June 2024)."""
    exact = any(d is not None and d.date is not None for d in (doc.closing.enacted, doc.closing.promulgated))
    if not exact and doc.year and day == dt.date(doc.year, 12, 31) and ctx.as_of > day:
        return dt.date(doc.year, 1, 1), day
    return day, day


def _obsolete_during(r: Resolution, days: tuple[dt.date, dt.date]) -> tuple[dict[str, str], str] | None:
    """:func:`_obsolete` on the last day, when the name is not valid on the first day either."""
    why = _obsolete(r, days[1])
    if why is None or (days[0] != days[1] and _obsolete(r, days[0]) is None):
        return None
    return why


def _obsolete(r: Resolution, day: dt.date) -> tuple[dict[str, str], str] | None:
    """Why the name is not valid on ``day`` and what to write instead, or None when it is valid."""
    agency = r.target.agency if r.target else None
    if agency is None:
        return None
    if r.form == "former":
        former = next((f for f in agency.former_names if f.name == r.matched), None)
        if former is not None and former.until < day:
            now = _label(agency.name, agency.abbreviations)
            return word("agency-obsolete.used-until", date=former.until.isoformat()), now
    if agency.valid_until is not None and agency.valid_until < day:
        until = agency.valid_until.isoformat()
        return word("agency-obsolete.valid-until", date=until), _label(agency.name, agency.abbreviations)
    if agency.valid_from is not None and day < agency.valid_from:
        return (word("agency-obsolete.valid-from", date=agency.valid_from.isoformat()),
                _label(agency.name, agency.abbreviations))
    return None


@rule("A007")
def check_obsolete_agency_name(doc: Document, ctx: Context) -> Iterator[Hit]:
    table = mentions(doc, ctx)
    days = _judged_during(doc, ctx, table.day)

    def obsolete(text: CellNames) -> list[tuple[Resolution, dict[str, str], str]]:
        """Each name of the cell not valid on the document's date (each spelling once), why, and its successor."""
        seen: set[str] = set()
        out = []
        for r in text.names:
            why = _obsolete_during(r, days)
            if why is None or r.key in seen:
                continue
            seen.add(r.key)
            change, current = why
            agency = r.target.agency if r.target else None
            if agency is not None and agency.successor:
                now = table.resolver.registry.current(agency)
                current = _label(now.name, now.abbreviations)
                change = word("agency-obsolete.replaced", change=change, current=current)
            out.append((r, change, current))
        return out

    for ref, names in table.flagged(obsolete):
        for r, change, current in names:
            yield hit("A007", ref.path, line=ref.cell.line, excerpt=ref.cell.raw, focus=r.text, name=r.text,
                      canonical=r.target.name if r.target else r.text, date=table.day.isoformat(),
                      change=change, current=current, group=r.key)
