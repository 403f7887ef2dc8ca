"""Load on ``radcheck serve``: simultaneous uploads of both seeds, response times and the server's memory.

Starts ``python -m radcheck serve`` on a free port, then sends ``--clients`` requests at once (default 8),
each uploading both seed plans together (so the cross-document rules run too), and reports the median
and worst response times and the memory of the server: its own resident set, and the largest total of
the server and its check processes (the fork server and one child per running check) sampled every
50 ms while the requests run.

    python benchmarks/bench_serve.py            # 8 simultaneous uploads
    python benchmarks/bench_serve.py --clients 4 --rounds 2
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [ROOT / "plans" / "bekasi" / "perwal-11-2024-rad-ppp.txt",
         ROOT / "plans" / "bekasi" / "perwal-10-2024-rad-pug.txt"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """The process and every process below it (the fork server and the checks it forks)."""
    out, todo = [pid], [pid]
    while todo:
        p = todo.pop()
        kids = []
        for task in Path(f"/proc/{p}/task").glob("*"):  # children are listed under the thread that made them
            try:
                kids += [int(k) for k in (task / "children").read_text(encoding="ascii").split()]
            except OSError:
                pass
        out += kids
        todo += kids
    return out


def one_upload(base: str) -> tuple[float, int]:
    with httpx.Client(base_url=base, timeout=600) as client:
        page = client.get("/")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in SEEDS]
        start = time.perf_counter()
        response = client.post("/check", data={"csrf": token, "lang": "id"}, files=files)
        return time.perf_counter() - start, response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "radcheck", "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        one_upload(base)  # warm-up: starts the fork server
        idle = rss_kib(server.pid)
        peak = {"server": idle, "total": 0}
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                pids = descendants(server.pid)
                peak["server"] = max(peak["server"], rss_kib(server.pid))
                peak["total"] = max(peak["total"], sum(rss_kib(p) for p in pids))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        times: list[float] = []
        statuses: list[int] = []
        wall = time.perf_counter()
        for _ in range(args.rounds):
            with ThreadPoolExecutor(args.clients) as pool:
                for elapsed, status in pool.map(lambda _: one_upload(base), range(args.clients)):
                    times.append(elapsed)
                    statuses.append(status)
        wall = time.perf_counter() - wall
        done.set()
        sampler.join()
    finally:
        server.terminate()
        server.wait(10)
    print(f"{args.clients} simultaneous uploads of both seeds x {args.rounds} round(s), "
          f"statuses {sorted(set(statuses))}")
    print(f"response time: median {statistics.median(times):.2f} s, worst {max(times):.2f} s "
          f"(all done in {wall:.2f} s)")
    print(f"server memory (RSS): {idle / 1024:.0f} MB idle, {peak['server'] / 1024:.0f} MB at most; "
          f"server + fork server + checks at most {peak['total'] / 1024:.0f} MB together")


if __name__ == "__main__":
    main()
