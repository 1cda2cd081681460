"""Speed and memory of `uawar.ingest.build` on the real attack log and on one 100 times its size, or as many
times as stays under the ceiling of an input file (uawar.files.MAX_INPUT_BYTES: a larger log is refused, not built);
each copy's windows a minute later than the one before, since the build refuses a log whose rows repeat.

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

import pandas as pd

from uawar import exports, files, ingest, sources

SCALE = 100
GOAL_SECONDS, GOAL_BYTES, LINEAR_SLACK = 30.0, 2 * 1024**3, 1.5
CHILD = """
import sys, time
from uawar import ingest
start = time.perf_counter()
ingest.build(sys.argv[1], sys.argv[2])
print(time.perf_counter() - start)
"""


def measure(raw: Path, data: Path) -> tuple[float, float, int]:
    """(seconds spent in build, CPU seconds of the child, imports included, peak resident bytes of the child)."""
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(raw), str(data)], stdout=out)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not the max of all children
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            sys.exit(f"the build from {raw} failed (exit {child.returncode})")
        out.seek(0)
        seconds = float(out.read().strip().splitlines()[-1])
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024  # ru_maxrss is in KiB on Linux


def shifted(log: pd.DataFrame, minutes: int) -> pd.DataFrame:
    """The attack log with every window moved `minutes` later (a date alone given a time): the build refuses a log
    whose rows repeat others, as a copy pasted into itself does."""
    out = log.copy()
    for column in ("time_start", "time_end"):
        text = out[column]
        at = pd.to_datetime(text, format="%Y-%m-%d %H:%M", errors="coerce")
        at = at.fillna(pd.to_datetime(text, format="%Y-%m-%d", errors="coerce"))
        out[column] = (at + pd.Timedelta(minutes=minutes)).dt.strftime("%Y-%m-%d %H:%M").where(at.notna(), text)
    return out


def scaled_copy(src: Path, dest: Path, scale: int) -> tuple[int, int]:
    """src's raw files in dest, with the attack log's rows `scale` times, or as many times as stay under the input
    ceiling: the log, then copies of it moved a minute later each; its row count and the times it holds them."""
    dest.mkdir()
    for name in (*sources.ATTACK_LOG.files, *sources.LOSS_SERIES.files):
        shutil.copyfile(src / name, dest / name)
    raw = (src / ingest.ATTACKS_FILE).read_bytes()
    log = pd.read_csv(src / ingest.ATTACKS_FILE, dtype=str, keep_default_na=False)
    chunks, size = [raw], len(raw)
    for minutes in range(1, scale):
        chunk = shifted(log, minutes).to_csv(index=False, header=False, lineterminator="\n").encode()
        if size + len(chunk) > files.MAX_INPUT_BYTES:
            break
        chunks.append(chunk)
        size += len(chunk)
    (dest / ingest.ATTACKS_FILE).write_bytes(b"".join(chunks))
    return len(log) * len(chunks), len(chunks)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="uawar-bench-") as tmp:
        tmp = Path(tmp)
        src = tmp / "raw"  # the newest exports of data/raw in one folder
        src.mkdir()
        for name, path in exports.newest_files().items():
            shutil.copyfile(path, src / name)
        rows, scale = scaled_copy(src, tmp / "raw_large", SCALE)
        load = os.getloadavg()
        real_s, real_cpu, real_b = measure(src, tmp / "data_real")
        large_s, large_cpu, large_b = measure(tmp / "raw_large", tmp / "data_large")
    mib = 1024**2
    ceiling = f" (the most under the {files.MAX_INPUT_BYTES // mib} MiB input ceiling)" if scale < SCALE else ""
    print(f"load average before: {load}, after: {os.getloadavg()} (the seconds are wall time; CPU beside them)")
    print(
        f"build, real log ({rows // scale:,} rows, the newest export): {real_s:.2f} s (CPU {real_cpu:.1f} s), "
        f"peak {real_b / mib:,.0f} MiB"
    )
    print(
        f"build, {scale}x log{ceiling} ({rows:,} rows): {large_s:.2f} s (CPU {large_cpu:.1f} s), "
        f"peak {large_b / mib:,.0f} MiB"
    )
    print(f"ratios large/real: time {large_s / real_s:.1f}x, peak memory {large_b / real_b:.1f}x (size {scale}x)")
    checks = {
        f"time grows at most linearly (ratio <= {LINEAR_SLACK * scale:.0f})": large_s / real_s <= LINEAR_SLACK * scale,
        f"large build under {GOAL_SECONDS:.0f} s": large_s < GOAL_SECONDS,
        f"large build under {GOAL_BYTES / 1024**3:.0f} GiB": large_b < GOAL_BYTES,
    }
    for check, ok in checks.items():
        print(f"  {'met   ' if ok else 'MISSED'} {check}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
