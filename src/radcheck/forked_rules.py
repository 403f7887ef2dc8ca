"""One large document's rules across forked processes: ``--jobs N`` when there is a single document.

``--jobs`` spreads documents over processes; a single plan of 100,000 indicators would leave every
core but one idle.  Here the rules are shared out instead, a family at a time (G, T, A, …): the rules
of a family share their per-run indexes (``Context.memo``), so a family is the unit that costs no
work twice.  Each process claims the next unclaimed family from a shared queue until none is left, so
the share evens out whatever the families cost on this plan.

The workers are forked after the document is read: they see it without copying or pickling it, and
only their findings travel back (pickled through a pipe).  Every family's findings are sorted and
merged as in a serial run, so the report is the same bytes for any number of processes.  Other systems
than Linux run the rules in one process.  When anything goes wrong in a worker, the parent runs the
families the workers did not deliver: the result is the same, only slower, and an exception a rule
raises is raised here as in a serial run.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from radcheck.engine import run_document_rules
from radcheck.findings import SORT_KEY, Finding

if TYPE_CHECKING:
    from radcheck.engine import Context
    from radcheck.model import Document

# Below this many indicators a fork and the findings' trip back cost more than the rules themselves.
MIN_INDICATORS = 5_000

# The order families are claimed in: the costliest first (measured on generated 100,000-indicator
# plans: G about 40 % of the rules' time, T 25 %, A 15 %), so the last family claimed is a small one
# and no process is left running alone for long.  A family not named here is claimed last.
_COST_ORDER = "GTALRPX"


def worth_forking(doc: Document, workers: int) -> bool:
    """Whether ``run_rules_forked`` would run ``doc``'s rules in more than one process: on Linux only
    (macOS has fork, but its system libraries are not safe to use in a forked child)."""
    return (workers > 1 and sys.platform.startswith("linux")
            and sum(len(s.indicators) for s in doc.sections) >= MIN_INDICATORS)


def run_rules_forked(doc: Document, ctx: Context, codes: set[str], workers: int) -> list[Finding]:
    """``run_document_rules(doc, ctx, codes)``, the same findings, with the families shared out among
    ``workers`` processes (this one included)."""
    families = sorted({code[0] for code in codes}, key=lambda f: (f not in _COST_ORDER, _COST_ORDER.find(f), f))
    if not worth_forking(doc, workers) or len(families) < 2:
        return run_document_rules(doc, ctx, codes)

    # The queue of families: one letter each, in a pipe every process reads one byte at a time from.  A
    # read from a pipe hands each byte to one reader only, and needs no lock a killed worker could hold.
    queue, feed = os.pipe()
    os.write(feed, "".join(families).encode("ascii"))
    os.close(feed)  # so that a read finds the end once the letters are gone

    def claim() -> str | None:
        letter = os.read(queue, 1)
        return letter.decode("ascii") if letter else None

    def run_family(family: str) -> list[Finding]:
        return run_document_rules(doc, ctx, {code for code in codes if code[0] == family})

    children: list[tuple[int, int]] = []
    found: list[Finding] = []
    done: set[str] = set()
    try:
        for _ in range(min(workers, len(families)) - 1):
            try:
                children.append(_fork_worker(claim, run_family))
            except OSError:  # no process to be had (a limit, memory): fewer workers, same result
                break
        while (family := claim()) is not None:
            found += run_family(family)
            done.add(family)
        for pid, pipe in children:
            their_done, theirs = _collect(pipe)
            found += theirs
            done |= their_done
    finally:
        _close(queue)
        for pid, pipe in children:  # after an exception here (a rule's, Ctrl-C) too: no worker left behind
            _close(pipe)
            _reap(pid)
    for family in families:  # what a worker claimed but did not deliver
        if family not in done:
            found += run_family(family)
    return sorted(set(found), key=SORT_KEY)


def _fork_worker(claim: Callable[[], str | None], run_family: Callable[[str], list[Finding]]) -> tuple[int, int]:
    """Start a worker; its process id and the pipe its findings will come through."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, read_end
    # The worker: run families until none is left, send back what it found, and leave at once (no
    # atexit handlers, no flushing of the parent's buffers, which the parent writes itself).
    status = 1
    try:
        os.close(read_end)
        done: list[str] = []
        found: list[Finding] = []
        try:
            while (family := claim()) is not None:
                found += run_family(family)
                done.append(family)
        except Exception:  # the parent runs this family again and raises what it raises
            pass
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump((done, found), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)


def _collect(pipe: int) -> tuple[set[str], list[Finding]]:
    """The families a worker finished and their findings; nothing if it died before sending them."""
    with os.fdopen(pipe, "rb", closefd=False) as stream:
        data = stream.read()
    try:
        done, found = pickle.loads(data)  # written by our own fork, through our own pipe
    except Exception:  # a worker that was killed: its families are run again
        return set(), []
    return set(done), found


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def _reap(pid: int) -> None:
    try:
        if os.waitpid(pid, os.WNOHANG) == (0, 0):  # still running: what it would send is not wanted now
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except ChildProcessError:  # already gone
        pass
