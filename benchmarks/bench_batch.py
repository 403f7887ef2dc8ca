"""Batch checking: a folder of generated plans, serial and with --jobs, and the two ways to split the work.

- "read in worker": each worker reads its file, checks it, and pickles the Document and findings back
  (what ``radcheck.batch`` does);
- "read in parent": the parent reads every file, pickles each Document out to a worker, which checks
  it and pickles the findings back.

Also the cost of pickling one Document both ways against reading it.  Run:
    python benchmarks/bench_batch.py [--files 40] [--indicators 400] [--jobs 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import pickle
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write_plan  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--indicators", type=int, default=400)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    import radcheck
    from radcheck.batch import check_many
    from radcheck.config import Config
    from radcheck.engine import Context, active_codes

    as_of = dt.date(2026, 11, 23)
    with tempfile.TemporaryDirectory(prefix="radcheck-batch-") as tmp:
        folder = Path(tmp)
        for i in range(args.files):
            write_plan(folder / f"plan-{i:03d}.txt", args.indicators, seed=i)
        names = sorted(str(p) for p in folder.iterdir())
        radcheck.check(names[0], as_of=as_of)  # imports and data loaded once, as in a real run

        def timed(fn):
            start = time.perf_counter()
            out = fn()
            return time.perf_counter() - start, out

        serial, report = timed(lambda: radcheck.check(folder, as_of=as_of))
        parallel, report_j = timed(lambda: radcheck.check(folder, as_of=as_of, jobs=args.jobs))
        same = report.to_json() == report_j.to_json()

        ctx = Context(as_of=as_of)
        codes = active_codes(Config(), None, None)
        limits = Config().limits
        read_all, docs = timed(lambda: [radcheck.load(n) for n in names])
        parent_read, _ = timed(lambda: check_many(list(zip(names, docs)), ctx, codes, limits, jobs=args.jobs))
        worker_read, _ = timed(lambda: check_many([(n, None) for n in names], ctx, codes, limits, jobs=args.jobs))

        doc = docs[0]
        blob = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
        n = 20
        dump = timed(lambda: [pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL) for _ in range(n)])[0] / n
        load = timed(lambda: [pickle.loads(blob) for _ in range(n)])[0] / n
        read = timed(lambda: [radcheck.load(names[0]) for _ in range(n)])[0] / n

    print(f"{args.files} plans x {args.indicators} indicators; --jobs {args.jobs} on {_cpus()} CPU(s)")
    print(f"  serial check (read + rules)            {serial:7.2f} s")
    print(f"  --jobs {args.jobs} (read in worker)            {parallel:7.2f} s   x{serial / parallel:.2f} faster; "
          f"identical JSON: {same}")
    print(f"  document rules only, read in worker    {worker_read:7.2f} s")
    print(f"  document rules only, read in parent    {parent_read + read_all:7.2f} s   "
          f"({read_all:.2f} s reading serially + {parent_read:.2f} s sending Documents out)")
    print(f"  one Document: read {read * 1000:.1f} ms; pickle {dump * 1000:.1f} ms + unpickle {load * 1000:.1f} ms "
          f"({len(blob) / 1024:.0f} KiB)")


def _cpus() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        return os.cpu_count() or 1


if __name__ == "__main__":
    main()
