"""A sweep on this machine: `uawar render <reports> --jobs 2 --force` over the first 60 reports of the
sweep of attacks (a page per nationwide attack), its time and time per report, the CPU seconds of
the command, its warm server, render processes and kernels, and their memory sampled while it runs.
Goals: at most 0.5 s a report in throughput on 2 cores, the wall time near the CPU time divided by the
cores (both cores kept busy); the warm server and its render processes and kernels together under
1 GB (proportional set size, shared pages counted once) at every sample, and no growth from the first
reports to the last.

    .venv/bin/python benchmarks/bench_sweep.py [--entry attacks] [--reports N] [--jobs J]   # N: 0 for all
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from uawar.site import catalogue

BIN = Path(sys.executable).parent
ENTRY = "attacks"
REPORTS = 60
JOBS = 2
GOAL = 0.5  # seconds a report
MB = 1024 * 1024


class Tree:
    """Samples a process's descendants (not itself): every 2 s the peak of their summed PSS and the
    peak RSS of any one (reading each process's memory map costs about 6 ms: sampled every half second
    it took some 7 % of a core, which the benchmark would count against the project); every half
    second the warm server's RSS while it renders, and the CPU time of the warm server with the render
    processes and kernels it has reaped (the machine is shared: the CPU time says what the wall time
    would be on free cores)."""

    def __init__(self, root: int) -> None:
        self.root, self.peak_pss, self.peak_rss = psutil.Process(root), 0, 0
        self.server_rss: list[int] = []
        self.server_cpu = 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        for tick in itertools.count():
            if self.stop.wait(0.5):
                return
            if tick % 4 == 0:
                try:
                    self.sample_memory()
                except psutil.NoSuchProcess:
                    return
            try:
                server = [p for p in self.root.children() if "forkserver" in " ".join(p.cmdline())]
                if server and server[0].children():
                    self.server_rss.append(server[0].memory_info().rss)
                    self.server_cpu = sum(server[0].cpu_times()[:4])  # user, system, and of its reaped children
            except psutil.NoSuchProcess:
                pass

    def sample_memory(self) -> None:
        pss = 0
        for p in self.root.children(recursive=True):
            try:
                info = p.memory_full_info()
            except psutil.NoSuchProcess:
                continue
            pss += info.pss
            self.peak_rss = max(self.peak_rss, info.rss)
        self.peak_pss = max(self.peak_pss, pss)

    def close(self) -> None:
        self.stop.set()
        self.thread.join()


def children_cpu() -> float:
    """CPU seconds of this process's children that have ended (and of the children they waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entry", default=ENTRY, help="the catalogue's sweep")
    parser.add_argument("--reports", type=int, default=REPORTS, help="its first N reports (0: all)")
    parser.add_argument("--jobs", type=int, default=JOBS)
    args = parser.parse_args()
    names = [r.name for r in catalogue.select([args.entry])][: args.reports or None]
    cores = os.cpu_count() or 1
    print(
        f"{len(names)} reports ({args.entry}), {args.jobs} jobs, {cores} CPUs; load average before: {os.getloadavg()}"
    )
    with tempfile.TemporaryDirectory() as out:
        cmd = [str(BIN / "uawar"), "render", *names, "--out", out, "--jobs", str(args.jobs), "--force"]
        t0, cpu0 = time.perf_counter(), children_cpu()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        memory = Tree(proc.pid)
        said = proc.communicate()[0]
        seconds = time.perf_counter() - t0
        memory.close()
        cpu = children_cpu() - cpu0 + memory.server_cpu
        rendered = sum(1 for n in names if (Path(out) / f"{n}.html").is_file())
    print(said.strip().splitlines()[-2])
    per_report = seconds / len(names)
    floor = cpu / len(names) / min(args.jobs, cores)
    print(f"the sweep: {seconds:.1f} s for {len(names)} reports, {rendered} written: {per_report:.2f} s a report")
    print(f"  goal: at most {GOAL} s a report; load average after: {os.getloadavg()}")
    print(
        f"CPU time (command, warm server, render processes, kernels): {cpu:.0f} s, {cpu / len(names):.2f} s a "
        f"report: on {min(args.jobs, cores)} free cores {floor:.2f} s a report in throughput "
        f"({'ok' if floor <= GOAL else 'OVER'}); wall / floor {per_report / floor:.2f} (1.00: cores never idle)"
    )
    print(f"peak memory of the render processes together (PSS): {memory.peak_pss / MB:.0f} MB (goal: under 1024 MB)")
    print(f"  largest single process (RSS, shared pages included): {memory.peak_rss / MB:.0f} MB")
    if memory.server_rss:
        first, last = memory.server_rss[0], memory.server_rss[-1]
        print(
            f"warm server RSS: {first / MB:.0f} MB at the first report, {last / MB:.0f} MB at the last "
            "(no growth expected)"
        )
    return 0 if proc.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
