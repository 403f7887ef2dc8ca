"""One check in its own process, with a time and a memory limit.

The web server never reads an upload itself: every check (reading the files, the rules, rendering the
report and its downloads) runs in a fresh child process started from a fork server that has radcheck
already imported.  The child limits its own address space (``RLIMIT_AS``) and CPU time before it opens
a file; the parent waits at most the time limit and then kills it.  A zip bomb, a sheet claiming a
million rows or a plan that never ends costs one child, never the server: the caller gets a
``WorkerFailure`` naming what happened and the next request gets a new child.
"""

from __future__ import annotations

import base64
import datetime as dt
import multiprocessing
import multiprocessing.connection
import sys
from dataclasses import dataclass, field
from typing import Any

# What a download is: file name suffix → media type.  Each is rendered from the one report of the run.
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "sarif": "application/sarif+json",
    "ics": "text/calendar; charset=utf-8",
}


@dataclass
class Upload:
    """A file of the request as saved in the private folder (``stored``), with the name it was given."""

    stored: str  # path in the private temporary folder: never the given name
    name: str  # the given file name, cleaned (no folders): what the report shows
    fmt: str  # the given name's suffix, without the dot (the stored file has the same suffix)


@dataclass
class Job:
    """Everything a check needs, picklable: it crosses to the child process."""

    uploads: list[Upload]
    previous: Upload | None = None  # an earlier draft, or its JSON report
    as_of: dt.date | None = None
    lang: str = "id"
    select: list[str] | None = None
    config_path: str | None = None
    # The page's own links: check another file, the rules.
    links: dict[str, str] = field(default_factory=lambda: {"check": "/", "rules": "/rules"})


@dataclass
class Outcome:
    """What the child sends back: the result page, or the reasons no document could be read."""

    page: str | None = None
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (name, reason) when nothing was readable
    problem: str | None = None  # a problem with the request itself (a baseline that is no report, a bad config)


class WorkerFailure(Exception):
    """The child did not finish: ``kind`` is ``timeout``, ``memory`` or ``crash``."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


# -- the parent's side ---------------------------------------------------------------------------
_CONTEXT: Any = None


def _context() -> Any:
    """The fork server (POSIX) with radcheck's checking and rendering preloaded, else spawn."""
    global _CONTEXT
    if _CONTEXT is None:
        if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
            _CONTEXT = multiprocessing.get_context("forkserver")
            _CONTEXT.set_forkserver_preload(["radcheck.serve.worker", "radcheck.serve._preload"])
        else:
            _CONTEXT = multiprocessing.get_context("spawn")
    return _CONTEXT


def run_job(job: Job, *, timeout: float, memory_bytes: int) -> Outcome:
    """Run ``job`` in a new child process; blocks (call it from a thread).  Raises WorkerFailure."""
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(job, sender, memory_bytes, timeout), daemon=True)
    child.start()
    sender.close()  # the child holds the only writing end: its death is an end of file here
    try:
        if not receiver.poll(timeout):
            raise WorkerFailure("timeout", f"{timeout:g} s")
        try:
            kind, value = receiver.recv()
        except (EOFError, OSError):
            child.join(5)
            # Killed by the kernel or by its own limits (SIGXCPU, SIGKILL), or out of memory in C code.
            raise WorkerFailure("memory" if child.exitcode in (-9, None) else "crash",
                                f"exit code {child.exitcode}") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if kind == "memory":
        raise WorkerFailure("memory", value)
    if kind == "error":
        raise WorkerFailure("crash", value)
    return value  # type: ignore[no-any-return]


# -- the child's side ----------------------------------------------------------------------------
# Kept free while a check runs, and given back when memory runs out, so the child can still say so.
_RESERVE_BYTES = 4 * 1024 * 1024


def _child(job: Job, sender: multiprocessing.connection.Connection, memory_bytes: int, timeout: float) -> None:
    _limit_self(memory_bytes, timeout)
    reserve = [bytearray(_RESERVE_BYTES)]
    try:
        message: tuple[str, Any] = ("ok", check_job(job))
    except MemoryError:
        reserve.clear()
        message = ("memory", "MemoryError")
    except Exception as exc:  # reported to the parent as an error page, never a traceback
        message = ("error", f"{type(exc).__name__}: {exc}")
    try:
        sender.send(message)
    except MemoryError:
        reserve.clear()  # given back, so this small message can be sent
        sender.send(("memory", "MemoryError while sending the result"))
    sender.close()


def _limit_self(memory_bytes: int, timeout: float) -> None:
    try:
        import resource
    except ImportError:  # not POSIX: the parent's kill after the time limit still holds
        return
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    seconds = int(timeout) + 1  # CPU time: a second margin over the wall-clock limit the parent enforces
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))


def check_job(job: Job) -> Outcome:
    """Read, check and render, in this process: the result page with every download in it."""
    from radcheck.api import check
    from radcheck.baseline import BaselineError
    from radcheck.config import ConfigError, load_config
    from radcheck.engine import SelectionError
    from radcheck.readers.common import UnreadableInput

    try:
        config = load_config(job.config_path) if job.config_path else load_config()
    except ConfigError as exc:
        return Outcome(problem=str(exc))
    docs = []
    unreadable: list[tuple[str, str]] = []
    for up in job.uploads:
        try:
            docs.append(read_upload(up, config.limits))
        except UnreadableInput as exc:
            unreadable.append((up.name, exc.reason))
    if not docs:
        return Outcome(unreadable=unreadable)
    try:
        baseline = _baseline(job, config)
        report = check(docs, select=job.select, config=config, as_of=job.as_of, lang=job.lang, baseline=baseline)
    except (BaselineError, SelectionError, UnreadableInput) as exc:
        return Outcome(problem=str(exc))
    _add_unreadable(report, unreadable, [u.name for u in job.uploads])
    return Outcome(page=render_page(report, job, config))


def _baseline(job: Job, config: Any) -> dict[str, Any] | None:
    """The previous draft as a baseline: its JSON report as given, or the report of checking it now."""
    if job.previous is None:
        return None
    from radcheck.api import check
    from radcheck.baseline import BaselineError, load_baseline
    from radcheck.readers.common import UnreadableInput

    prev = job.previous
    with open(prev.stored, "rb") as fh:
        data = fh.read()
    if prev.fmt == "json" and _is_report(data):
        try:
            return load_baseline(prev.stored)
        except BaselineError as exc:
            raise BaselineError(str(exc).replace(prev.stored, prev.name)) from None
    try:
        old = read_upload(prev, config.limits)
    except UnreadableInput as exc:
        raise BaselineError(f"{prev.name}: {exc.reason}") from None
    return check([old], select=job.select, config=config, as_of=job.as_of, lang=job.lang).to_dict()


def read_upload(up: Upload, limits: Any) -> Any:
    """Read a stored upload with the reader its suffix names; the Document is known by the given name."""
    from radcheck.readers import read_path

    doc = read_path(up.stored, limits)
    doc.source = up.name  # the report, and the cross-document rules, speak of the file the drafter chose
    return doc


def _is_report(data: bytes) -> bool:
    """A radcheck JSON report (``documents`` and ``tool``), not a plan written as JSON."""
    import json

    try:
        value = json.loads(data)
    except ValueError:
        return False
    return isinstance(value, dict) and "documents" in value and "tool" in value


def _add_unreadable(report: Any, unreadable: list[tuple[str, str]], order: list[str]) -> None:
    """Files that could not be read are in the report as P001, in the order they were given."""
    if not unreadable:
        return
    from radcheck.catalogue import load_catalogue
    from radcheck.engine import Context, make_finding
    from radcheck.findings import Hit
    from radcheck.report import DocumentReport

    ctx = Context(as_of=report.as_of, lang=report.lang)
    meta = load_catalogue()["P001"]
    for name, reason in unreadable:
        finding = make_finding(Hit(code="P001", path="/", params={"reason": reason}), meta, name, ctx)
        report.documents.append(DocumentReport(path=name, document=None, findings=[finding]))
    report.documents.sort(key=lambda d: order.index(d.path) if d.path in order else len(order))


def downloads(report: Any, config: Any) -> dict[str, bytes]:
    """The report in every download format, and the deadlines as iCalendar, from this one report."""
    from radcheck.formats import render

    out: dict[str, bytes] = {}
    for suffix, fmt in (("xlsx", "xlsx"), ("md", "markdown"), ("json", "json"), ("sarif", "sarif")):
        data = render(report, fmt)
        out[suffix] = data if isinstance(data, bytes) else data.encode("utf-8")
    ics = _ics(report, config)
    if ics is not None:
        out["ics"] = ics
    return out


def _ics(report: Any, config: Any) -> bytes | None:
    from radcheck.config import ConfigError
    from radcheck.obligations import Convention, build_calendar
    from radcheck.obligations.calendar import describe_for
    from radcheck.obligations.ics import to_ics
    from radcheck.report import display_title

    try:
        convention = Convention.from_config(config)
    except ConfigError:
        return None
    docs = [d.document for d in report.documents if d.document is not None]
    calendars = [build_calendar(doc, as_of=report.as_of, convention=convention) for doc in docs]
    return to_ics([(c, display_title(d.title)) for c, d in zip(calendars, docs, strict=True)], as_of=report.as_of,
                  convention=describe_for(calendars, convention, report.lang), lang=report.lang)


def render_page(report: Any, job: Job, config: Any) -> str:
    """The ``--format html`` report with the page's frame (downloads as data: links, the way back) on top."""
    from radcheck.formats import html
    from radcheck.serve.pages import render_template

    stem = _stem(job.uploads[0].name) if len(job.uploads) == 1 else "radcheck"
    files = [{"suffix": suffix, "name": f"{stem}-radcheck.{suffix}", "media": MEDIA_TYPES[suffix],
              "href": f"data:{MEDIA_TYPES[suffix].split(';')[0]};base64,{base64.b64encode(data).decode('ascii')}",
              "size": len(data)}
             for suffix, data in downloads(report, config).items()]
    frame = render_template("frame.html.j2", lang=report.lang, files=files, links=job.links, report=report)
    return html.render_framed(report, frame)


def _stem(name: str) -> str:
    """A file name stem safe in a download name: letters, digits, dot, dash, underscore."""
    import re

    stem = name.rsplit(".", 1)[0]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "radcheck"
