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
from collections.abc import Iterator

from radcheck.agencies.cells import cell_key, shared_rows, shared_written_cells
from radcheck.agencies.resolve import Resolution, Resolver, document_date, resolver_for
from radcheck.agencies.split import layout
from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
from radcheck.model import Document

_COLUMN = {
    "lead": {"id": "Penanggung Jawab/OPD", "en": "lead agency"},
    "supporting": {"id": "Instansi Pendukung", "en": "supporting agencies"},
}
_FORM = {
    "abbreviation": {"id": "singkatan", "en": "an abbreviation"},
    "alias": {"id": "sebutan lain", "en": "another name"},
    "misspelling": {"id": "salah ketik yang dikenal", "en": "a known misspelling"},
    "former": {"id": "nama lama", "en": "a former name"},
    "name": {"id": "penulisan lain", "en": "another spelling"},
}
MAX_LINES_LISTED = 10  # A002 lists the first lines where a spelling occurs; more are counted, not listed


def _registry_label(resolver: Resolver) -> dict[str, str]:
    reg = resolver.registry
    if reg.region is not None or reg.wanted_region is None:
        return {"id": reg.source, "en": reg.source}
    if reg.wanted_region == "?":
        return {"id": "hanya registri nasional: wilayah dokumen tidak terbaca, berikan --registry",
                "en": "national registry only: the document's region was not found, give --registry"}
    return {"id": f"hanya registri nasional: belum ada registri untuk {reg.wanted_region}, berikan --registry",
            "en": f"national registry only: no registry for {reg.wanted_region} yet, give --registry"}


def _candidates(r: Resolution) -> dict[str, str]:
    if not r.candidates:
        return {"id": "tidak ada", "en": "none"}
    text = ", ".join(f"{name} ({score:g})" for name, score in r.candidates)
    return {"id": text, "en": text}


def _or(names: list[str]) -> dict[str, str]:
    return {"id": " atau ".join(names), "en": " or ".join(names)}


def _label(agency_name: str, abbreviations: list[str]) -> str:
    return f"{agency_name} ({abbreviations[0]})" if abbreviations else agency_name


@rule("A001")
def check_unresolved_agency(doc: Document, ctx: Context) -> Iterator[Hit]:
    resolver = resolver_for(doc, ctx)
    registry = _registry_label(resolver)
    for ref in shared_written_cells(doc, ctx):
        seen: set[str] = set()
        for r in resolver.resolve_cell(ref.cell.raw):
            if r.resolved or r.key in seen:
                continue
            seen.add(r.key)
            yield hit("A001", ref.path, line=ref.cell.line, excerpt=ref.cell.raw, name=r.text,
                      registry=registry, candidates=_candidates(r))


@rule("A002")
def check_agency_alias(doc: Document, ctx: Context) -> Iterator[Hit]:
    resolver = resolver_for(doc, ctx)
    day = document_date(doc, ctx)
    found: dict[str, tuple[Resolution, str, list[int]]] = {}
    for ref in shared_written_cells(doc, ctx):
        for r in resolver.resolve_cell(ref.cell.raw):
            if r.target is None or r.target.urusan is not None or r.method == "exact":
                continue  # urusan are A006's; unresolved names are A001's
            if _obsolete(r, day) is not None:
                continue  # A007 says it better
            entry = found.setdefault(r.text, (r, ref.path, []))
            if ref.cell.line is not None:
                entry[2].append(ref.cell.line)
            elif not entry[2]:
                entry[2].append(0)
    for text, (r, path, lines) in found.items():
        if r.target is None:  # only resolved names are collected above
            continue
        if r.method == "fuzzy":
            form = {"id": f"penulisan yang mirip (skor {r.score:g})", "en": f"a near spelling (score {r.score:g})"}
        else:
            form = _FORM.get(r.form or "alias", _FORM["alias"])
        first = min(lines)
        yield hit("A002", path, line=first or None, excerpt=text, name=text, form=form,
                  canonical=r.target.name, count=len(lines), lines=_lines([n for n in lines if n]) or "-")


@rule("A003")
def check_duplicate_agency(doc: Document, ctx: Context) -> Iterator[Hit]:
    resolver = resolver_for(doc, ctx)
    for ref in shared_written_cells(doc, ctx):
        groups: dict[str, list[Resolution]] = {}
        for r in resolver.resolve_cell(ref.cell.raw):
            ident = resolver.identity(r) or f"text:{r.key}"
            groups.setdefault(ident, []).append(r)
        for group in groups.values():
            if len(group) < 2:
                continue
            canonical = group[0].target.name if group[0].target else group[0].text
            written = ", ".join(f"'{r.text}'" for r in group)
            yield hit("A003", ref.path, line=ref.cell.line, excerpt=ref.cell.raw, canonical=canonical,
                      count=len(group), column=_COLUMN[ref.role], written=written)


@rule("A004")
def check_lead_also_supporting(doc: Document, ctx: Context) -> Iterator[Hit]:
    resolver = resolver_for(doc, ctx)
    seen: set[tuple[tuple[str, int | None, str], tuple[str, int | None, str]]] = set()
    for row in shared_rows(doc, ctx):
        lead, sup = row.lead, row.supporting
        if lead is None or sup is None or (lead.inherited and sup.inherited):
            continue  # both copied from the row above: judged there
        pair = (cell_key("lead", lead), cell_key("supporting", sup))
        if pair in seen:
            continue
        seen.add(pair)
        leads = {resolver.identity(r): r for r in resolver.resolve_cell(lead.raw) if r.resolved}
        reported: set[str] = set()
        for r in resolver.resolve_cell(sup.raw):
            ident = resolver.identity(r)
            if ident is None or ident not in leads or ident in reported:
                continue
            reported.add(ident)
            target = leads[ident].target
            if target is None:
                continue
            # a merged supporting cell is reported on this row (where the lead is written), not above
            line = lead.line if sup.inherited else sup.line
            yield hit("A004", f"{row.id}/supporting", line=line, excerpt=sup.raw, canonical=target.name,
                      written=r.text)


@rule("A005")
def check_malformed_agency_list(doc: Document, ctx: Context) -> Iterator[Hit]:
    for ref in shared_written_cells(doc, ctx):
        shape = layout(ref.cell.raw)
        ids: list[str] = []
        ens: list[str] = []
        if shape.empty_entries:
            ids.append(f"{shape.empty_entries} entri kosong (', ,')")
            ens.append(f"{shape.empty_entries} empty entr{'y' if shape.empty_entries == 1 else 'ies'} (', ,')")
        if shape.full_stop_separators:
            ids.append(f"titik dipakai sebagai pemisah {shape.full_stop_separators} kali")
            ens.append(f"full stop used as a separator {shape.full_stop_separators} time(s)")
        if shape.trailing_separator:
            ids.append("pemisah di akhir daftar")
            ens.append("a separator at the end of the list")
        if ids:
            yield hit("A005", ref.path, line=ref.cell.line, excerpt=ref.cell.raw,
                      problems={"id": "; ".join(ids), "en": "; ".join(ens)})


@rule("A006")
def check_urusan_as_agency(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Once per urusan spelling per table, with its count and lines: a column-wide habit, one fix."""
    resolver = resolver_for(doc, ctx)
    day = document_date(doc, ctx)
    found: dict[tuple[str, str], tuple[Resolution, str, str, list[int]]] = {}
    for ref in shared_written_cells(doc, ctx):
        for r in resolver.resolve_cell(ref.cell.raw):
            if r.target is None or r.target.urusan is None:
                continue
            entry = found.setdefault((ref.path.split("/")[0], r.text), (r, ref.path, ref.cell.raw, []))
            if ref.cell.line is not None and ref.cell.line not in entry[3]:
                entry[3].append(ref.cell.line)
    for (_, text), (r, path, raw, lines) in found.items():
        if r.target is None:  # only urusan are collected above
            continue
        holders = [_label(a.name, a.abbreviations) for a in resolver.registry.holders(r.target.id, day)]
        who = _or(holders) if holders else {"id": "perangkat daerah yang belum tercatat dalam registri",
                                            "en": "an agency not recorded in the registry"}
        yield hit("A006", path, line=lines[0] if lines else None, excerpt=raw, name=text, urusan=r.target.name,
                  holders=who, count=len(lines) or 1, lines=_lines(lines))


def _lines(lines: list[int]) -> str:
    listed = sorted(set(lines))
    return ", ".join(str(n) for n in listed[:MAX_LINES_LISTED]) + (" …" if len(listed) > MAX_LINES_LISTED else "")


def _obsolete(r: Resolution, day: dt.date) -> tuple[dict[str, str], str] | None:
    """Why the name is not valid on ``day`` and what to write instead, or None when it is valid."""
    agency = r.target.agency if r.target else None
    if agency is None:
        return None
    if r.form == "former":
        former = next((f for f in agency.former_names if f.name == r.matched), None)
        if former is not None and former.until < day:
            now = _label(agency.name, agency.abbreviations)
            return ({"id": f"nama ini dipakai sampai {former.until.isoformat()}",
                     "en": f"this name was used until {former.until.isoformat()}"}, now)
    if agency.valid_until is not None and agency.valid_until < day:
        until = agency.valid_until.isoformat()
        return ({"id": f"nama ini berlaku sampai {until}", "en": f"this name was valid until {until}"},
                _label(agency.name, agency.abbreviations))
    if agency.valid_from is not None and day < agency.valid_from:
        return ({"id": f"nama ini baru berlaku sejak {agency.valid_from.isoformat()}",
                 "en": f"this name is valid only from {agency.valid_from.isoformat()}"},
                _label(agency.name, agency.abbreviations))
    return None


@rule("A007")
def check_obsolete_agency_name(doc: Document, ctx: Context) -> Iterator[Hit]:
    resolver = resolver_for(doc, ctx)
    day = document_date(doc, ctx)
    for ref in shared_written_cells(doc, ctx):
        seen: set[str] = set()
        for r in resolver.resolve_cell(ref.cell.raw):
            why = _obsolete(r, day)
            if why is None or r.key in seen:
                continue
            seen.add(r.key)
            change, current = why
            agency = r.target.agency if r.target else None
            if agency is not None and agency.successor:
                now = resolver.registry.current(agency)
                current = _label(now.name, now.abbreviations)
                change = {"id": f"{change['id']}, lalu diganti {current}",
                          "en": f"{change['en']}, then replaced by {current}"}
            yield hit("A007", ref.path, line=ref.cell.line, excerpt=ref.cell.raw, name=r.text,
                      canonical=r.target.name if r.target else r.text, date=day.isoformat(),
                      change=change, current=current)
