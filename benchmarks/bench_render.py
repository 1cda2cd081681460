"""Render speed: 12 interception reports (every month of 2025) with `uawar render --jobs 2` against
the baseline, a sequential loop of the `papermill` and `jupyter nbconvert --to html --no-input`
commands. Goals: at least 2.5x faster than the baseline; a second run with nothing changed under
1 s; every HTML report under 1.5 MB.

    .venv/bin/python benchmarks/bench_render.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from uawar import config
from uawar.site import catalogue

BIN = Path(sys.executable).parent
ENTRY = "interception_rates_monthly"
JOBS = 2


def timed(cmd: list[str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - t0, done.stdout


def main() -> int:
    reports = catalogue.select([ENTRY])
    print(f"{len(reports)} reports ({ENTRY}), {JOBS} jobs")
    with tempfile.TemporaryDirectory() as ours, tempfile.TemporaryDirectory() as base:
        uawar = [str(BIN / "uawar"), "render", ENTRY, "--out", ours]
        t_ours, _ = timed([*uawar, "--jobs", str(JOBS), "--force"])
        t_noop, said = timed(uawar)
        if "nothing to render" not in said:  # the uawar code or data changed meanwhile: once more
            print(f"(the no-change run rendered: {said.splitlines()[-2]}; running it again)")
            t_noop, said = timed(uawar)

        t_base = 0.0
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

        sizes = {r.name: (Path(ours) / f"{r.name}.html").stat().st_size for r in reports}
        base_sizes = [(Path(base) / f"{r.name}.html").stat().st_size for r in reports]

    print(f"uawar render --jobs {JOBS} --force: {t_ours:6.1f} s ({t_ours / len(reports):.2f} s a report)")
    print(f"baseline papermill + nbconvert:    {t_base:6.1f} s ({t_base / len(reports):.2f} s a report)")
    print(f"speed-up: {t_base / t_ours:.2f}x (goal: at least 2.5x)")
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
