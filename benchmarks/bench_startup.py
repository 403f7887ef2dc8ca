"""Cold start: `radcheck check plans/` and `import radcheck`, beside the import floor of its core libraries.

The floor is what any Python tool built on pydantic, networkx and rapidfuzz pays before doing any work:
    python -c "import pydantic, networkx, rapidfuzz"
Target (issue 9): cold `radcheck check plans/` at most 1.8 x the floor.  Run: python benchmarks/bench_startup.py
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median and best wall time of a fresh process, in seconds (one warm-up run for the OS cache)."""
    return timed_cpu(cmd, runs)[:2]


def timed_cpu(cmd: list[str], runs: int) -> tuple[float, float, float]:
    """Median and best wall time, and median CPU time (user + system), of a fresh process, in seconds.

    CPU time is the steadier figure on a busy machine: wall time also counts waiting for a core.
    """
    subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times), min(times), statistics.median(cpu)


def cold_ratio(floor_cmd: list[str], cmd: list[str], runs: int) -> tuple[float, float, float]:
    """Median wall time of ``floor_cmd`` and of ``cmd``, and the median of their per-pair ratios.

    The two are run alternately (floor, command, floor, command, …): on a shared machine whose speed
    drifts over seconds, timing all of one and then all of the other charges the drift to the ratio.
    """
    for warm in (floor_cmd, cmd):  # the OS cache
        subprocess.run(warm, cwd=ROOT, capture_output=True, check=False)
    floors, times = [], []
    for _ in range(runs):
        for bucket, command in ((floors, floor_cmd), (times, cmd)):
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
            bucket.append(time.perf_counter() - start)
    ratios = [t / f for f, t in zip(floors, times)]
    return statistics.median(floors), statistics.median(times), statistics.median(ratios)


def compile_package() -> None:
    """Byte-compile radcheck as ``pip install .`` does, so an editable checkout (or PYTHONDONTWRITEBYTECODE)
    does not charge every start for compiling the sources: the user's cold start never pays that."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("radcheck")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    py = sys.executable
    compile_package()
    rows = {
        "python -c pass": [py, "-c", "pass"],
        "import floor (pydantic, networkx, rapidfuzz)": [py, "-c", "import pydantic, networkx, rapidfuzz"],
        "import radcheck": [py, "-c", "import radcheck"],
        "radcheck rules": [py, "-m", "radcheck", "rules"],
        "radcheck check plans/": [py, "-m", "radcheck", "check", "plans/"],
        "radcheck check plans/ --format json": [py, "-m", "radcheck", "check", "plans/", "--format", "json"],
    }
    results = {name: timed_cpu(cmd, args.runs) for name, cmd in rows.items()}
    floor, _, floor_cpu = results["import floor (pydantic, networkx, rapidfuzz)"]
    print(f"{'what':<48} {'median s':>9} {'best s':>8} {'x floor':>8} {'cpu s':>7} {'x floor':>8}")
    for name, (median, best, cpu) in results.items():
        print(f"{name:<48} {median:9.3f} {best:8.3f} {median / floor:8.2f} {cpu:7.3f} {cpu / floor_cpu:8.2f}")
    cpu_ratio = results["radcheck check plans/"][2] / floor_cpu
    floor, cold, ratio = cold_ratio(rows["import floor (pydantic, networkx, rapidfuzz)"],
                                    rows["radcheck check plans/"], max(args.runs, 15))
    print(f"\ncold check / import floor, run alternately: floor {floor:.3f} s, check {cold:.3f} s; "
          f"median ratio {ratio:.2f} wall ({cpu_ratio:.2f} CPU from the table) (target <= 1.80): "
          f"{'met' if ratio <= 1.8 else 'NOT met'}")


if __name__ == "__main__":
    main()
