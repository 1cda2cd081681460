"""Speed and memory of `uawar.ingest.build` on the real attack log and on one 100 times its size.

Goal: the large build grows linearly (at most 1.5 times the size ratio in time) and stays under
30 s and 2 GB of peak memory. Each build runs in its own child process, so that its peak resident
memory is its own, and writes into a temporary folder, never into the repository's data/.
Exits 1 when the goal is missed.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from uawar import exports, ingest, sources

SCALE = 100
GOAL_SECONDS, GOAL_BYTES, LINEAR_SLACK = 30.0, 2 * 1024**3, 1.5
CHILD = """
import sys, time
from uawar import ingest
start = time.perf_counter()
ingest.build(sys.argv[1], sys.argv[2])
print(time.perf_counter() - start)
"""


def measure(raw: Path, data: Path) -> tuple[float, int]:
    """(seconds spent in build, peak resident bytes of the child)."""
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(raw), str(data)], stdout=out)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not the max of all children
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            sys.exit(f"the build from {raw} failed (exit {child.returncode})")
        out.seek(0)
        seconds = float(out.read().strip().splitlines()[-1])
    return seconds, usage.ru_maxrss * 1024  # ru_maxrss is in KiB on Linux


def scaled_copy(src: Path, dest: Path, scale: int) -> int:
    """src's raw files in dest, with the attack log's rows repeated `scale` times; its row count."""
    dest.mkdir()
    for name in (*sources.ATTACK_LOG.files, *sources.LOSS_SERIES.files):
        shutil.copyfile(src / name, dest / name)
    header, _, body = (src / ingest.ATTACKS_FILE).read_text(encoding="utf-8").partition("\n")
    with open(dest / ingest.ATTACKS_FILE, "w", encoding="utf-8", newline="") as f:
        f.write(header + "\n")
        for _ in range(scale):
            f.write(body)
    return body.count("\n") * scale


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="uawar-bench-") as tmp:
        tmp = Path(tmp)
        src = tmp / "raw"  # the newest exports of data/raw in one folder
        src.mkdir()
        for name, path in exports.newest_files().items():
            shutil.copyfile(path, src / name)
        rows = scaled_copy(src, tmp / "raw_large", SCALE)
        real_s, real_b = measure(src, tmp / "data_real")
        large_s, large_b = measure(tmp / "raw_large", tmp / "data_large")
    mib = 1024**2
    print(f"build, real log ({rows // SCALE:,} rows, the newest export): {real_s:.2f} s, peak {real_b / mib:,.0f} MiB")
    print(f"build, {SCALE}x log ({rows:,} rows): {large_s:.2f} s, peak {large_b / mib:,.0f} MiB")
    print(f"ratios large/real: time {large_s / real_s:.1f}x, peak memory {large_b / real_b:.1f}x (size {SCALE}x)")
    checks = {
        f"time grows at most linearly (ratio <= {LINEAR_SLACK * SCALE:.0f})": large_s / real_s <= LINEAR_SLACK * SCALE,
        f"large build under {GOAL_SECONDS:.0f} s": large_s < GOAL_SECONDS,
        f"large build under {GOAL_BYTES / 1024**3:.0f} GiB": large_b < GOAL_BYTES,
    }
    for check, ok in checks.items():
        print(f"  {'met   ' if ok else 'MISSED'} {check}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
