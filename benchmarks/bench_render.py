"""Render speed: 12 interception reports (every month of 2025) with `uawar render --jobs 2` (warm
workers) against the baseline, a sequential loop of the `papermill` and `jupyter nbconvert --to html
--no-input` commands on the same machine. Goals: at least 12x faster than the baseline; a second run
with nothing changed under 1 s; every HTML report under 1.5 MB. Prints the machine's load too: the
ratio is only as good as the cores were free.

    .venv/bin/python benchmarks/bench_render.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_sweep import Tree, children_cpu

from uawar import config
from uawar.site import catalogue

BIN = Path(sys.executable).parent
ENTRY = "interception_rates_monthly"
NAMES = [f"interception_rates--2025-{month:02d}" for month in range(1, 13)]  # of ENTRY
JOBS = 2


def timed(cmd: list[str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - t0, done.stdout


def timed_tree(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of a command, with its warm server's render processes and kernels."""
    t0, cpu0 = time.perf_counter(), children_cpu()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tree = Tree(proc.pid)
    if proc.wait():
        raise SystemExit(f"{cmd} failed")
    seconds = time.perf_counter() - t0
    tree.close()
    return seconds, children_cpu() - cpu0 + tree.server_cpu


def main() -> int:
    reports = catalogue.select(NAMES)
    print(f"{len(reports)} reports (2025's of {ENTRY}), {JOBS} jobs; load average before: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as ours, tempfile.TemporaryDirectory() as base:
        uawar = [str(BIN / "uawar"), "render", *NAMES, "--out", ours]
        t_ours, cpu_ours = timed_tree([*uawar, "--jobs", str(JOBS), "--force"])
        t_noop, said = timed(uawar)
        if "nothing to render" not in said:  # the uawar code or data changed meanwhile: once more
            print(f"(the no-change run rendered: {said.splitlines()[-2]}; running it again)")
            t_noop, said = timed(uawar)

        t_base, cpu0 = 0.0, children_cpu()
        for r in reports:
            executed = Path(base) / f"{r.name}.ipynb"
            args = [a for k, v in r.params.items() if k in r.given for a in ("-p", k, str(v))]
            t_base += timed(
                [
                    str(BIN / "papermill"),
                    str(r.path),
                    str(executed),
                    "--cwd",
                    str(config.NOTEBOOKS_DIR),
                    "--no-progress-bar",
                    *args,
                ]
            )[0]
            t_base += timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)])[0]

        cpu_base = children_cpu() - cpu0
        sizes = {r.name: (Path(ours) / f"{r.name}.html").stat().st_size for r in reports}
        base_sizes = [(Path(base) / f"{r.name}.html").stat().st_size for r in reports]

    print(f"uawar render --jobs {JOBS} --force: {t_ours:6.1f} s ({t_ours / len(reports):.2f} s a report)")
    print(f"baseline papermill + nbconvert:    {t_base:6.1f} s ({t_base / len(reports):.2f} s a report)")
    print(f"speed-up: {t_base / t_ours:.2f}x (goal: at least 12x); load average after: {os.getloadavg()}")
    print(
        f"CPU time: ours {cpu_ours:.1f} s ({cpu_ours / len(reports):.2f} s a report), baseline {cpu_base:.1f} s "
        f"({cpu_base / len(reports):.2f} s a report): {cpu_base / cpu_ours:.2f}x less CPU; on {JOBS} free cores "
        f"the speed-up would be about {cpu_base / (cpu_ours / JOBS):.2f}x"
    )
    print(f"second run, nothing changed: {t_noop:.2f} s (goal: under 1 s): {said.splitlines()[0]}")
    for name, size in sizes.items():
        print(f"  {name}.html: {size / 1e6:.2f} MB")
    print(
        f"largest report: {max(sizes.values()) / 1e6:.2f} MB (goal: under 1.5 MB); "
        f"baseline's largest: {max(base_sizes) / 1e6:.2f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
