"""Scaling: read + all rules + JSON render on generated plans of 1k, 10k, 100k indicators; cold CLI vs floor.

Each size runs in a fresh child process, which reports its stage times and its peak resident memory
(``resource.getrusage(...).ru_maxrss``: the whole process, interpreter and imports included).  Plans come
from ``benchmarks/generate.py`` (seeded, so every run measures the same bytes) and are written before
the clock starts.

Targets (issue 9), printed with the figures:
- 100,000 indicators checked with all rules in under 10 s and under 1.5 GB;
- doubling the input costs at most 2.3x the time (time(100k) / time(50k));
- cold ``radcheck check plans/`` at most 1.8x the import floor ``python -c "import pydantic, networkx, rapidfuzz"``.

The largest plan is also checked with ``--jobs 2`` (its rules shared out among two processes, as
``radcheck check plan.txt --jobs 2`` does; ``radcheck.forked_rules``), and both results are printed.

    python benchmarks/bench_scale.py                 # all of it (about a minute)
    python benchmarks/bench_scale.py --sizes 1000,10000 --no-cli
    python benchmarks/bench_scale.py --form json     # the structured reader instead of the text reader
    python benchmarks/bench_scale.py --rules         # per-rule times at the largest size
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_startup import cold_ratio, compile_package  # noqa: E402 - benchmarks/ is not a package
from generate import write_plan  # noqa: E402

TARGET_SECONDS = 10.0
TARGET_MB = 1536
TARGET_DOUBLING = 2.3
TARGET_COLD = 1.8

_CHILD = r"""
import datetime as dt, gc, json, resource, sys, time
gc.disable()  # as the radcheck command runs (radcheck.cli.main): no cyclic collector in a one-shot run
t0 = time.perf_counter()
import radcheck
from radcheck.api import check
from radcheck.engine import Context, active_codes, registered_rules
from radcheck.config import Config
t1 = time.perf_counter()
path, per_rule, jobs = sys.argv[1], sys.argv[2] == "1", int(sys.argv[3])
doc = radcheck.load(path)
t2 = time.perf_counter()
report = check(doc, as_of=dt.date(2026, 11, 23), config=Config(), jobs=jobs)
t3 = time.perf_counter()
out = report.to_json()
t4 = time.perf_counter()
rules = {}
if per_rule:  # as check() runs them: one context (shared per-run values), the cyclic GC paused
    from radcheck._gc import paused_gc
    ctx = Context(as_of=dt.date(2026, 11, 23), config=Config())
    codes = active_codes(ctx.config, None, None)
    with paused_gc():
        for code, reg in registered_rules().items():
            if reg.scope == "document" and code in codes:
                s = time.perf_counter(); n = sum(1 for _ in reg.func(doc, ctx)); rules[code] = time.perf_counter() - s
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"import": t1 - t0, "read": t2 - t1, "rules": t3 - t2, "render": t4 - t3,
                  "indicators": sum(len(s.indicators) for s in doc.sections), "findings": len(report.all_findings()),
                  "bytes": len(out), "peak_mb": peak, "per_rule": rules}))
"""


def measure(path: Path, per_rule: bool = False, jobs: int = 1) -> dict:
    with subprocess.Popen([sys.executable, "-c", _CHILD, str(path), "1" if per_rule else "0", str(jobs)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        together = _watch_memory(proc) if jobs > 1 else 0.0
        out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"child failed on {path}:\n{err}")
    return {**json.loads(out.strip().splitlines()[-1]), "together_mb": together}


def _watch_memory(proc: subprocess.Popen) -> float:
    """The most memory the measured process and its forked workers held at once, in MB: its resident set
    plus each worker's private pages (what a worker shares with it unchanged since the fork is counted
    once), sampled every 100 ms (reading a worker's page map costs it a little).  Linux only (``/proc``);
    0 elsewhere."""
    peak = 0.0
    proc_dir = Path(f"/proc/{proc.pid}")
    while proc.poll() is None:
        try:
            total = _kb(proc_dir / "status", "VmRSS:")
            for children in proc_dir.glob("task/*/children"):
                for child in children.read_text().split():
                    rollup = Path(f"/proc/{child}/smaps_rollup")
                    total += _kb(rollup, "Private_Clean:") + _kb(rollup, "Private_Dirty:")
        except OSError:  # a process ended between two reads
            continue
        peak = max(peak, total / 1024)
        time.sleep(0.1)
    return peak


def _kb(file: Path, field: str) -> int:
    for line in file.read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000,100000", help="indicator counts, comma-separated")
    parser.add_argument("--form", choices=["txt", "json", "yaml"], default="txt")
    parser.add_argument("--runs", type=int, default=1, help="runs per size (the best is kept)")
    parser.add_argument("--no-cli", action="store_true", help="skip the cold CLI measurement")
    parser.add_argument("--rules", action="store_true", help="per-rule times at the largest size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2,
                        help="also check the largest plan with --jobs N: its rules shared out among N processes "
                             "(1: not at all)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    results: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="radcheck-bench-") as tmp:
        for n in sizes:
            path = write_plan(Path(tmp) / f"plan-{n}.{args.form}", n, seed=args.seed)
            runs = [measure(path) for _ in range(args.runs)]
            best = min(runs, key=lambda r: r["read"] + r["rules"] + r["render"])
            best["file_mb"] = path.stat().st_size / 2**20
            results[n] = best
            if args.rules and n == max(sizes):
                results[n]["per_rule"] = measure(path, per_rule=True)["per_rule"]
            if args.jobs > 1 and n == max(sizes):
                forked = min((measure(path, jobs=args.jobs) for _ in range(args.runs)),
                             key=lambda r: r["read"] + r["rules"] + r["render"])

    print(f"scaling ({args.form}; one fresh process per size; 'total' = read + all rules + JSON render)")
    print(f"{'indicators':>10} {'file MB':>8} {'read s':>7} {'rules s':>8} {'render s':>9} {'total s':>8} "
          f"{'findings':>9} {'peak MB':>8}")
    for n, r in results.items():
        total = r["read"] + r["rules"] + r["render"]
        print(f"{r['indicators']:>10,} {r['file_mb']:8.1f} {r['read']:7.2f} {r['rules']:8.2f} {r['render']:9.2f} "
              f"{total:8.2f} {r['findings']:>9,} {r['peak_mb']:8.0f}")
    if args.jobs > 1:
        f = forked
        print(f"{f['indicators']:>10,} {'':8} {f['read']:7.2f} {f['rules']:8.2f} {f['render']:9.2f} "
              f"{f['read'] + f['rules'] + f['render']:8.2f} {f['findings']:>9,} {f['peak_mb']:8.0f}  "
              f"--jobs {args.jobs}: rules in {args.jobs} processes; together at most {f['together_mb']:.0f} MB")
    total = {n: r["read"] + r["rules"] + r["render"] for n, r in results.items()}
    print()
    for n in sizes:
        if 2 * n in total:
            ratio = total[2 * n] / total[n]
            print(f"doubling {n:,} -> {2 * n:,}: x{ratio:.2f} (target <= {TARGET_DOUBLING}): "
                  f"{'met' if ratio <= TARGET_DOUBLING else 'NOT met'}")
    if 100_000 in results:
        r = results[100_000]
        ok_t, ok_m = total[100_000] < TARGET_SECONDS, r["peak_mb"] < TARGET_MB
        print(f"100,000 indicators, one process: {total[100_000]:.2f} s (target < {TARGET_SECONDS:.0f} s): "
              f"{'met' if ok_t else 'NOT met'}; peak {r['peak_mb']:.0f} MB (target < {TARGET_MB} MB): "
              f"{'met' if ok_m else 'NOT met'}")
        if args.jobs > 1 and max(sizes) == 100_000:
            f = forked
            seconds, mb = f["read"] + f["rules"] + f["render"], max(f["peak_mb"], f["together_mb"])
            print(f"100,000 indicators, --jobs {args.jobs}: {seconds:.2f} s (target < {TARGET_SECONDS:.0f} s): "
                  f"{'met' if seconds < TARGET_SECONDS else 'NOT met'}; peak {mb:.0f} MB, the process and its "
                  f"worker together (target < {TARGET_MB} MB): {'met' if mb < TARGET_MB else 'NOT met'}")
    if args.rules:
        per = results[max(sizes)].get("per_rule", {})
        print(f"\nper-rule time at {max(sizes):,} indicators (slowest first; after the full check in the same process, "
              f"so process-wide caches are warm; work rules share is charged to the first that asks):")
        for code, secs in sorted(per.items(), key=lambda kv: -kv[1])[:15]:
            print(f"  {code:<10} {secs:7.3f} s")
    if not args.no_cli:
        py = sys.executable
        compile_package()
        floor, cold, ratio = cold_ratio([py, "-c", "import pydantic, networkx, rapidfuzz"],
                                        [py, "-m", "radcheck", "check", "plans/"], 15)
        print(f"\ncold CLI (15 pairs, run alternately; medians): import floor {floor:.3f} s; "
              f"radcheck check plans/ {cold:.3f} s; ratio x{ratio:.2f} (target <= {TARGET_COLD}): "
              f"{'met' if ratio <= TARGET_COLD else 'NOT met'}")


if __name__ == "__main__":
    main()
