"""Seconds to execute each notebook in notebooks/ with its default parameters (uawar.site.execute.execute), against
the goal of 10 s each, beside the time of an empty notebook (kernel start-up, the floor of any run).

Run: .venv/bin/python benchmarks/bench_notebooks.py [--repeat N]
"""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
import time
from pathlib import Path

import nbformat

from uawar import config
from uawar.site import execute as site

GOAL_SECONDS = 10.0


def execute(path: Path, out_dir: Path) -> float:
    start = time.perf_counter()
    site.execute(path, out_dir / path.name)
    return time.perf_counter() - start


def best_of(path: Path, out_dir: Path, repeat: int) -> float:
    return min(execute(path, out_dir) for _ in range(repeat))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per notebook; the best is kept")
    args = parser.parse_args()
    logging.getLogger("papermill").setLevel(logging.WARNING)
    notebooks = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = tmp / "empty.ipynb"
        nbformat.write(
            nbformat.v4.new_notebook(
                cells=[nbformat.v4.new_code_cell("")],
                metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            ),
            empty,
        )
        (tmp / "out").mkdir()
        baseline = best_of(empty, tmp / "out", args.repeat)
        print(
            f"{os.cpu_count()} CPU(s); goal: under {GOAL_SECONDS:.0f} s per notebook with default parameters; "
            f"best of {args.repeat}"
        )
        print(f"{'notebook':<36} {'seconds':>8} {'x empty':>8}  goal")
        print(f"{'(empty notebook: kernel start-up)':<36} {baseline:8.2f} {1:8.1f}")
        for path in notebooks:
            seconds = best_of(path, tmp / "out", args.repeat)
            goal = "under" if seconds < GOAL_SECONDS else "OVER"
            print(f"{path.name:<36} {seconds:8.2f} {seconds / baseline:8.1f}  {goal}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
