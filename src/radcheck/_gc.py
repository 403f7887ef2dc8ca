"""Pause Python's cyclic garbage collector while a large plan is built, checked or rendered.

Reading, graphing and checking a plan allocate millions of small objects that live until the run ends;
the collector keeps re-scanning all of them as they pile up (on a 100,000-indicator plan, about half of
the read and graph time).  The model, graph and findings hold no reference cycles worth collecting
early, so the collector is paused for the duration and resumed afterwards (not forced: it runs again
in its own time).  Nested pauses are fine: only the outermost one resumes it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
