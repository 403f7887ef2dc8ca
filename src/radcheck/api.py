"""The public Python API: load a document, check documents, list the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, cast

from radcheck import __version__
from radcheck.batch import check_many
from radcheck.catalogue import RuleMeta, load_catalogue
from radcheck.config import Config, load_config
from radcheck.engine import Context, active_codes, make_finding, run_corpus_rules
from radcheck.findings import Hit
from radcheck.model import Document
from radcheck.readers import SUFFIXES, read_path
from radcheck.report import DocumentReport, Report

Target = str | Path | Document


def load(path: str | Path, *, config: Config | None = None) -> Document:
    """Read one regulation (.txt, .yaml/.json, .docx, .xlsx) into a Document.

    Raises ``UnreadableInput`` (with ``.path`` and ``.reason``) when the file cannot be read at all.
    """
    return read_path(path, (config or Config()).limits)


def expand_paths(paths: Iterable[str | Path]) -> list[str]:
    """Files named, and the readable files inside folders named (sorted, hidden ones skipped)."""
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            out.extend(f.as_posix() for f in found)
        else:
            out.append(p.as_posix())
    return out


def check(
    target: Target | Sequence[Target],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    config: Config | None = None,
    as_of: dt.date | None = None,
    lang: str | None = None,
    registry: str | Path | None = None,
    reports: str | Path | None = None,
    waivers: str | Path | list[Any] | None = None,
    baseline: str | Path | dict[str, Any] | None = None,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
) -> Report:
    """Check one or more documents (paths, folders or loaded Documents) and return the report.

    ``select``/``ignore`` take rule codes, names or family letters.  Documents checked together are
    also compared with each other (X rules).  An unreadable file is reported as P001, not raised.

    ``waivers``: a waivers file (or a list of ``radcheck.waivers.Waiver``): covered findings move to
    the report's ``waived`` lists.  ``baseline``: a previous JSON report (file or its parsed dict):
    findings get a status, new or open, and the baseline's vanished findings are listed as resolved.
    Raises ``WaiverError``/``BaselineError`` when either cannot be used.

    ``jobs``: worker processes for the documents (0: one per CPU); with a single large document, for its
    rules instead (``radcheck.forked_rules``).  The report is the same either way.
    ``progress``: called as ``progress(done, total, path)`` after each document.
    """
    config = config or load_config()
    ctx = Context(
        as_of=as_of or dt.date.today(),
        lang=lang or config.lang,
        config=config,
        registry=Path(registry) if registry else (Path(config.registry) if config.registry else None),
        reports=Path(reports) if reports else None,
    )
    codes = active_codes(config, select, ignore)
    targets: list[Target] = list(target) if isinstance(target, (list, tuple)) else [cast(Target, target)]
    report = Report(as_of=ctx.as_of, lang=ctx.lang, version=__version__)
    loaded: list[Document] = []
    items: list[tuple[str, Document | None]] = []
    for item in targets:
        items += [(item.source, item)] if isinstance(item, Document) else [(n, None) for n in expand_paths([item])]
    for out in check_many(items, ctx, codes, config.limits, jobs=jobs, progress=progress):
        if out.document is None:
            meta = load_catalogue()["P001"]
            finding = make_finding(Hit(code="P001", path="/", params={"reason": out.reason}), meta, out.name, ctx)
            report.documents.append(DocumentReport(path=out.name, document=None, findings=[finding]))
            continue
        report.documents.append(DocumentReport(path=out.name, document=out.document, findings=out.findings))
        loaded.append(out.document)
    if len(loaded) > 1:
        report.findings = run_corpus_rules(loaded, ctx, codes)
    if waivers is not None:
        from radcheck.waivers import apply_waivers, load_waivers

        source = None if isinstance(waivers, list) else str(waivers)
        waiver_list = waivers if isinstance(waivers, list) else load_waivers(waivers)
        apply_waivers(report, waiver_list, as_of=ctx.as_of, source=source)
    if baseline is not None:
        from radcheck.baseline import apply_baseline, load_baseline

        source = None if isinstance(baseline, dict) else str(baseline)
        old = baseline if isinstance(baseline, dict) else load_baseline(baseline)
        apply_baseline(report, old, source=source)
    return report


def rules() -> list[RuleMeta]:
    """Every rule's metadata (code, name, severity, messages, rationale, legal basis), by code."""
    return [load_catalogue()[c] for c in sorted(load_catalogue())]
