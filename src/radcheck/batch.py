"""Check many documents: one after another, or across worker processes (``--jobs N``).

Each document is read and checked on its own (its document rules); cross-document (corpus) rules run
afterwards, once, in the calling process, over every document that could be read.  A worker reads the
file itself and sends back the Document with its findings: reading in the worker and pickling the
result back costs less than reading in the parent and pickling the Document out to the worker (the
read is the larger part of the work, and it then runs in parallel; ``benchmarks/bench_batch.py``
measures both).

Results come back in the order the documents were given, whatever order the workers finish in, and
every finding list is sorted, so the report is the same bytes for any number of jobs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from radcheck.readers import UnreadableInput, read_path

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future

    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

    from radcheck.config import Limits
    from radcheck.engine import Context
    from radcheck.findings import Finding
    from radcheck.model import Document

# (documents done, documents in all, the one just done): called in the calling process.
Progress = Callable[[int, int, str], None]


@dataclass
class Outcome:
    """One document's result: the model and its findings, or the reason it could not be read."""

    name: str
    document: Document | None = None
    reason: str | None = None  # why the file is unreadable (P001)
    findings: list[Finding] = field(default_factory=list)


def check_one(name: str, doc: Document | None, ctx: Context, codes: set[str], limits: Limits,
              rule_workers: int = 1) -> Outcome:
    """Read ``name`` (unless ``doc`` is given) and run the document rules on it, in ``rule_workers``
    processes when the document is large enough to gain from it (``radcheck.forked_rules``)."""
    from radcheck._gc import paused_gc
    from radcheck.engine import run_document_rules

    # Every document is checked in isolation: whatever goes wrong inside one (a reader's or a rule's
    # failure, a number too long for int(), recursion, memory) becomes that document's P001 with the
    # reason, and the other documents of the run are still reported.
    with paused_gc():
        if doc is None:
            try:
                doc = read_path(name, limits)
            except UnreadableInput as exc:
                return Outcome(name=name, reason=exc.reason)
        try:
            if rule_workers > 1:
                from radcheck.forked_rules import run_rules_forked

                return Outcome(name=name, document=doc, findings=run_rules_forked(doc, ctx, codes, rule_workers))
            return Outcome(name=name, document=doc, findings=run_document_rules(doc, ctx, codes))
        except (Exception, RecursionError, MemoryError) as exc:  # one document's failure
            if os.environ.get("RADCHECK_DEBUG"):
                raise
            return Outcome(name=name, reason=failure_reason("checking", exc))


def failure_reason(stage: str, exc: BaseException) -> str:
    """The P001 reason for a document whose reading or checking failed inside radcheck."""
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return (f"radcheck failed while {stage} this document: it holds a number of more than "
                f"{sys.get_int_max_str_digits():,} digits; correct the number (ValueError)")
    if isinstance(exc, RecursionError):
        return f"radcheck failed while {stage} this document: it is nested too deeply (RecursionError)"
    detail = " ".join(str(exc).split())[:300]
    return f"radcheck failed while {stage} this document ({type(exc).__name__}{': ' + detail if detail else ''})"


def check_many(items: Sequence[tuple[str, Document | None]], ctx: Context, codes: set[str], limits: Limits, *,
               jobs: int = 1, progress: Progress | None = None) -> list[Outcome]:
    """Check every (name, document-or-None) item; the outcomes are in the items' order.

    ``jobs`` > 1 spreads the documents over that many worker processes (never more than there are
    documents); 0 means one per CPU.
    """
    total = len(items)
    workers = min(effective_jobs(jobs), total)
    if workers <= 1:
        # One document and several jobs: its rules are shared out instead (radcheck.forked_rules).
        rule_workers = effective_jobs(jobs) if total == 1 else 1
        out = []
        for i, (name, doc) in enumerate(items):
            out.append(check_one(name, doc, ctx, codes, limits, rule_workers))
            if progress:
                progress(i + 1, total, name)
        return out
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    results: list[Outcome | None] = [None] * total
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        futures: dict[Future[Outcome], int] = {
            pool.submit(check_one, name, doc, _for_worker(ctx), codes, limits): i
            for i, (name, doc) in enumerate(items)
        }
        pending = set(futures)
        done_count = 0
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=futures.__getitem__):
                i = futures[fut]
                try:
                    results[i] = fut.result()
                except Exception as exc:  # a worker died (killed, out of memory) or its result
                    # could not be sent back: that document is P001, the others are still reported
                    results[i] = Outcome(name=items[i][0], reason=failure_reason("checking", exc))
                done_count += 1
                if progress:
                    progress(done_count, total, items[i][0])
    return [r for r in results if r is not None]


def effective_jobs(jobs: int) -> int:
    """``--jobs 0`` is one worker per CPU this process may use; anything below 1 otherwise is 1."""
    if jobs == 0:
        try:
            return len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not on Linux
            return os.cpu_count() or 1
    return max(1, jobs)


def _for_worker(ctx: Context) -> Context:
    # A worker builds its own memos; the parent's (keyed by object id) mean nothing there.
    from dataclasses import replace

    return replace(ctx, _memo={})


def _context() -> multiprocessing.context.BaseContext:
    # fork starts a worker in milliseconds with radcheck and its rules already imported; where it is
    # missing (Windows, macOS default) spawn is used and each worker imports them once.
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class ProgressBar:
    """A rich progress bar on standard error, shown only when that is a terminal (never when piped).

    Use as a context manager and pass the instance as ``progress=``; it starts drawing on the first
    call, so worker processes are forked before its refresh thread exists.
    """

    def __init__(self, *, enabled: bool | None = None, label: str = "radcheck") -> None:
        import sys

        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.label = label
        self._bar: tuple[RichProgress, TaskID] | None = None  # the bar and its one task, made on first use

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.enabled or total < 2:
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), TextColumn("{task.fields[name]}", style="dim"),
                                console=Console(stderr=True), transient=True)
            progress.start()
            self._bar = (progress, progress.add_task(self.label, total=total, name=""))
        bar, task = self._bar
        bar.update(task, completed=done, name=_short(name))

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar[0].stop()


def _short(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else "…" + name[-(limit - 1):]
