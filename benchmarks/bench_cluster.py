"""The sweep of attacks (its first 30 reports) on a Dask LocalCluster (worker processes on loopback):
2 workers against 1 worker, one report at a time per worker, same reports, same machine. Goal: at
least 1.8x. Also the peak memory of one worker with everything it started (its warm server, render
processes and kernels; PSS, shared pages counted once): goal under 1 GB.

    .venv/bin/python benchmarks/bench_cluster.py [--entry attacks] [--reports N]   # N: 0 for all
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import dask
import psutil
from bench_sweep import MB, Tree
from distributed import LocalCluster

from uawar.site import batch, catalogue

ENTRY = "attacks"
REPORTS = 30


def sweep(reports: list[catalogue.Report], workers: int) -> tuple[float, int, int]:
    """Seconds for the sweep on `workers` workers, the reports written, the peak memory of a worker."""
    settings = {"distributed.worker.daemon": False, "distributed.scheduler.worker-saturation": 1.0}
    with (
        dask.config.set(settings),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        tempfile.TemporaryDirectory() as out,
    ):
        trees = [Tree(n.pid) for n in cluster.workers.values()]
        t0 = time.perf_counter()
        outcome = batch.render(reports, Path(out), force=True, scheduler=cluster.scheduler_address)
        seconds = time.perf_counter() - t0
        for tree in trees:
            tree.close()
        # a worker's own memory besides its tree's
        worker_rss = max(psutil.Process(n.pid).memory_info().rss for n in cluster.workers.values())
    return seconds, len(outcome.rendered), max(t.peak_pss for t in trees) + worker_rss


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entry", default=ENTRY, help="the catalogue's sweep")
    parser.add_argument("--reports", type=int, default=REPORTS, help="its first N reports (0: all)")
    args = parser.parse_args()
    reports = catalogue.select([args.entry])[: args.reports or None]
    print(f"{len(reports)} reports ({args.entry}), {os.cpu_count()} CPUs; load average before: {os.getloadavg()}")
    one, done_one, mem_one = sweep(reports, 1)
    print(f"1 worker:  {one:6.1f} s ({one / len(reports):.2f} s a report), {done_one} rendered")
    two, done_two, mem_two = sweep(reports, 2)
    print(f"2 workers: {two:6.1f} s ({two / len(reports):.2f} s a report), {done_two} rendered")
    print(
        f"speed-up 2 workers / 1 worker: {one / two:.2f}x (goal: at least 1.8x); load average after: {os.getloadavg()}"
    )
    print(
        f"peak memory of a worker (its process RSS + its tree's PSS): {max(mem_one, mem_two) / MB:.0f} MB "
        "(goal: under 1024 MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
