"""The public Python API: load a document, check documents, list the rules."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from radcheck import __version__
from radcheck.batch import check_many
from radcheck.catalogue import RuleMeta, load_catalogue
from radcheck.config import Config, load_config
from radcheck.engine import Context, active_codes, make_finding, run_corpus_rules
from radcheck.findings import Hit
from radcheck.model import Document
from radcheck.readers import SUFFIXES, UnreadableInput, format_of, read_bytes, read_path
from radcheck.report import DocumentReport, Report

Target = str | Path | Document
LANGS = ("id", "en")


def load(path: str | Path, *, config: Config | None = None) -> Document:
    """Read one regulation (.txt, .yaml/.json, .docx, .xlsx) into a Document.

    Raises ``UnreadableInput`` (with ``.path`` and ``.reason``) when the file cannot be read at all.
    """
    return read_path(path, (config or Config()).limits)


def load_bytes(data: bytes, *, name: str = "-", config: Config | None = None) -> Document:
    """Read a document held in memory (uploaded, piped, from git): ``name`` gives the format by its suffix
    (``draft.docx``; none, as ``-``, is text) and is the document's ``source``, the path its report shows.

    Raises ``UnreadableInput`` as :func:`load` does.
    """
    limits = (config or Config()).limits
    fmt = format_of(name)
    if len(data) > limits.max_file_bytes:
        raise UnreadableInput(name, f"the input is {len(data):,} bytes, over the limit of {limits.max_file_bytes:,}")
    return read_bytes(data, name, fmt, limits)


def load_text(text: str, *, name: str = "-", config: Config | None = None) -> Document:
    """Read a document from a string (extracted text, or the structured form as YAML/JSON); see :func:`load_bytes`."""
    return load_bytes(text.encode("utf-8"), name=name, config=config)


def expand_paths(paths: Iterable[str | Path], exclude: Iterable[str] = ()) -> list[str]:
    """Files named, and the readable files inside folders named (sorted, hidden ones skipped).

    ``exclude``: glob patterns (``arsip``, ``*/draf-lama/*``, ``*.yaml``) matched against each found
    file's path inside the folder and against each of its folder names; files named directly are kept.
    Raises ``UnreadableInput`` for a folder (or subfolder) that cannot be listed: skipping it silently
    would pass a check that never looked at its documents.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    patterns = list(exclude)
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found: list[Path] = []

            def unreadable(exc: OSError) -> None:
                where = Path(exc.filename).as_posix() if exc.filename else p.as_posix()
                raise UnreadableInput(where, f"the folder cannot be read: {exc.strerror or exc}")

            for root, dirs, files in os.walk(p, onerror=unreadable, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    f = Path(root, name)
                    if name.startswith(".") or f.suffix.lower() not in SUFFIXES or not f.is_file():
                        continue
                    if _excluded(f.relative_to(p), patterns):
                        continue
                    found.append(f)
            out.extend(f.as_posix() for f in sorted(found))
        else:
            out.append(p.as_posix())
    return out


def _excluded(relative: Path, patterns: list[str]) -> bool:
    from fnmatch import fnmatchcase

    text = relative.as_posix()
    return any(fnmatchcase(text, pat.rstrip("/")) or any(fnmatchcase(part, pat.rstrip("/")) for part in relative.parts)
               for pat in patterns)


def check(
    target: Target | Sequence[Target],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    config: Config | None = None,
    as_of: dt.date | str | None = None,
    lang: str | None = None,
    registry: str | Path | None = None,
    reports: str | Path | None = None,
    waivers: str | Path | list[Any] | None = None,
    baseline: str | Path | dict[str, Any] | None = None,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
    exclude: Iterable[str] | None = None,
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
    ``exclude``: glob patterns for files and folders to skip inside folders given (added to the
    configuration's ``exclude``).  ``lang`` is ``"id"`` or ``"en"``; anything else raises ``ValueError``.
    A ``[tool.radcheck.polarity]`` entry that matches no indicator of the documents read gives a
    ``radcheck.config.ConfigWarning`` (Python's ``warnings``), with the closest indicator text.
    """
    config = config or load_config()
    if isinstance(as_of, str):
        try:
            as_of = dt.date.fromisoformat(as_of)
        except ValueError:
            raise ValueError(f"as_of={as_of!r} is not a date in the form YYYY-MM-DD") from None
    elif isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    elif as_of is not None and not isinstance(as_of, dt.date):
        raise TypeError(f"as_of must be a date or a YYYY-MM-DD string, not {type(as_of).__name__}")
    if lang is not None and lang not in LANGS:
        raise ValueError(f"lang={lang!r}: radcheck writes messages in {' or '.join(map(repr, LANGS))}")
    ctx = Context(
        as_of=as_of or dt.date.today(),
        lang=lang or config.lang,
        config=config,
        registry=Path(registry) if registry else (Path(config.registry) if config.registry else None),
        reports=Path(reports) if reports else None,
    )
    codes = active_codes(config, select, ignore)
    # Waivers and baseline are read first: a broken one is its own error before any document is checked.
    waiver_list = old = None
    if waivers is not None:
        from radcheck.waivers import load_waivers

        waiver_list = waivers if isinstance(waivers, list) else load_waivers(waivers)
    if baseline is not None:
        from radcheck.baseline import load_baseline, validate_baseline

        old = validate_baseline(baseline) if isinstance(baseline, dict) else load_baseline(baseline)
    # One path or Document, or any iterable of them (a list, a tuple, a generator).
    targets: list[Target] = [target] if isinstance(target, (str, Path, Document)) else list(target)
    report = Report(as_of=ctx.as_of, lang=ctx.lang, version=__version__)
    loaded: list[Document] = []
    items: list[tuple[str, Document | None]] = []
    for item in targets:
        items += ([(item.source, item)] if isinstance(item, Document)
                  else [(n, None) for n in expand_paths([item], [*config.exclude, *(exclude or [])])])
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
    if config.polarity and loaded:
        from radcheck.polarity import warn_unmatched_overrides

        warn_unmatched_overrides(config, loaded)
    if waiver_list is not None:
        from radcheck.waivers import apply_waivers

        apply_waivers(report, waiver_list, as_of=ctx.as_of, source=None if isinstance(waivers, list) else str(waivers))
    if old is not None:
        from radcheck.baseline import apply_baseline

        apply_baseline(report, old, source=None if isinstance(baseline, dict) else str(baseline))
    return report


def rules() -> list[RuleMeta]:
    """Every rule's metadata (code, name, severity, messages, rationale, legal basis), by code."""
    return [load_catalogue()[c] for c in sorted(load_catalogue())]
