"""The report site of the default catalogue: `uawar render --all --jobs 2` into an empty folder (what
`make reports` does from a clean reports/; goal: under 60 s), its size (goal: under 25 MB in all) and a
no-change run, answered from the stamp (goal: well under 1 s), against the baseline of the same run,
`uawar --version` (Python and the CLI starting, nothing rendered).

    .venv/bin/python benchmarks/bench_site.py                 # renders the catalogue into a temporary folder first
    .venv/bin/python benchmarks/bench_site.py --out reports   # measures an already rendered site (make reports)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_render import timed_tree

from uawar import config

BIN = Path(sys.executable).parent
SIZE_GOAL = 25e6
SECONDS_GOAL = 1.0
CLEAN_GOAL = 60.0


def best_of(cmd: list[str], n: int = 5) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=config.PROJ_ROOT)
        times.append(time.perf_counter() - t0)
    return min(times)


def site_bytes(out: Path) -> tuple[int, int]:
    """Bytes of the pages a reader gets (not .cache/ or _failed/), and of everything."""
    files = [p for p in out.rglob("*") if p.is_file()]
    served = [p for p in files if not ({".cache", "_failed"} & set(p.relative_to(out).parts))]
    return sum(p.stat().st_size for p in served), sum(p.stat().st_size for p in files)


def measure(out: Path) -> int:
    render = [str(BIN / "uawar"), "render", "--all", "--out", str(out)]
    said = subprocess.run(render, check=True, capture_output=True, text=True, cwd=config.PROJ_ROOT).stdout
    if "nothing to render" not in said:
        raise SystemExit(f"the site in {out} is not up to date: {said.splitlines()[0]}")
    served, everything = site_bytes(out)
    pages = len(list(out.glob("*.html")))
    print(
        f"site: {pages} pages, {served / 1e6:.1f} MB served ({everything / 1e6:.1f} MB with .cache/ and _failed/);"
        f" goal under {SIZE_GOAL / 1e6:.0f} MB: {'ok' if served < SIZE_GOAL else 'OVER'}"
    )
    base = best_of([str(BIN / "uawar"), "--version"])
    noop = best_of(render)
    print(
        f"no-change `uawar render --all`: {noop:.2f} s; baseline `uawar --version`: {base:.2f} s; "
        f"ratio {noop / base:.1f}x; goal under {SECONDS_GOAL:.0f} s: {'ok' if noop < SECONDS_GOAL else 'OVER'}"
    )
    if out.resolve() == Path(config.REPORTS_DIR).resolve():
        make = best_of(["make", "reports"])
        print(
            f"no-change `make reports`: {make:.2f} s (ratio {make / base:.1f}x the baseline): "
            f"{'ok' if make < SECONDS_GOAL else 'OVER'}"
        )
    print(f"load average: {os.getloadavg()}")
    return 0 if served < SIZE_GOAL and noop < SECONDS_GOAL else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, help="a site already rendered with `uawar render --all` (default: render one)"
    )
    args = parser.parse_args()
    if args.out:
        return measure(args.out)
    with tempfile.TemporaryDirectory() as tmp:
        print(f"load average before: {os.getloadavg()}")
        clean, cpu = timed_tree([str(BIN / "uawar"), "render", "--all", "--out", tmp, "--jobs", "2"])
        print(
            f"the default site from an empty folder (`make reports` from a clean reports/): {clean:.1f} s, "
            f"{cpu:.0f} s of CPU (on 2 free cores about {cpu / 2:.0f} s); goal under {CLEAN_GOAL:.0f} s: "
            f"{'ok' if clean < CLEAN_GOAL else 'OVER'}; load average after: {os.getloadavg()}"
        )
        return measure(Path(tmp)) or int(clean >= CLEAN_GOAL)


if __name__ == "__main__":
    sys.exit(main())
