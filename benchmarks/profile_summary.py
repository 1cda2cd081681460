"""Summarise a py-spy profile of `uawar render` (raw format, `--subprocesses`): CPU samples by
process role (the uawar command, the warm server, render processes, kernels), then each role's
functions by cumulative time (leaving out its processes' entry points) and by self time. Percentages
are of all samples.

    py-spy record --subprocesses --rate 200 --format raw -o profile.txt -- .venv/bin/uawar render ... --force
    .venv/bin/python benchmarks/profile_summary.py profile.txt [--top 15]
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>.*?)(?::\d+)?\)$")
# A frame that tells a forked process's role (they all share the warm server's command line).
ROLES = [
    ("kernel", "_become_kernel"),
    ("render process", "_render_process"),
    ("warm server", "warm_up"),
]


# Leaf frames where a thread waits (py-spy's idle detection misses these): not CPU.
WAITING = (
    "EpollSelector.select",
    "_watch_pipe_fd",
    "ParentPollerUnix.run",
    "device (zmq",
    "Condition.wait",
    "GarbageCollectorThread.run",
    "_exit_with_parent.<locals>.watch",
    "poll (",
    "wait (multiprocessing",
)


def role(process: str, frames: list[str]) -> str:
    if "forkserver" not in process:
        return "uawar command"
    for name, marker in ROLES:
        if any(marker in f for f in frames):
            return name
    return "warm server (other)"


def short(frame: str) -> str:
    m = _FRAME.match(frame)
    if not m:
        return frame
    path = m["file"]
    for cut in ("site-packages/", "src/", "lib/python3.11/"):
        if cut in path:
            path = path.split(cut, 1)[1]
            break
    return f"{m['func']} ({path})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("profile", type=Path)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    total: collections.Counter[str] = collections.Counter()
    own: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    cumulative: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for line in args.profile.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        parts = stack.split(";")
        # with --subprocesses a stack starts with its process's ancestors, then its own process
        starts = [i for i, f in enumerate(parts) if f.startswith("process ")]
        process = parts[starts[-1]]
        frames = [short(f) for f in parts[starts[-1] + 1 :] if not f.startswith("thread ")]
        if not frames or any(w in frames[-1] for w in WAITING):
            continue
        n, who = int(count), role(process, frames)
        total[who] += n
        own[who][frames[-1]] += n
        for f in set(frames):
            cumulative[who][f] += n
    samples = sum(total.values())
    print(f"{samples} CPU samples (waiting frames left out)")
    for who, n in total.most_common():
        print(f"\n## {who}: {n} samples ({100 * n / samples:.1f} %)\n\nby cumulative time:")
        # frames on nearly every stack of the role (its process's entry points) say nothing
        shown = [(f, k) for f, k in cumulative[who].most_common() if k < 0.98 * n]
        for f, k in shown[: args.top]:
            print(f"  {100 * k / samples:5.1f} %  {f}")
        print("by self time:")
        for f, k in own[who].most_common(args.top):
            print(f"  {100 * k / samples:5.1f} %  {f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
