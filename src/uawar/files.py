"""Files: one atomic write for one or several files, one temporary name, hashing.

A temporary file is named `.<stem>.<pid>.tmp<suffix>` beside its final path, so that a run killed
half-way leaves nothing a reader mistakes for a result, and `clean_stale` can tell a dead run's
leftovers from a running one's.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path

_TMP = re.compile(r"^\.(?P<stem>.+)\.(?P<pid>\d+)\.tmp(?P<suffix>\.[^.]+)?$")


def tmp_path(final: Path) -> Path:
    """Where `final` is written before its rename: same folder, marked with our pid, same suffix
    (papermill and nbformat look at it)."""
    return final.with_name(f".{final.stem}.{os.getpid()}.tmp{final.suffix}")


def atomic_write(contents: Mapping[Path, bytes | str]) -> None:
    """Write every file (text as UTF-8, newlines untouched) to its temporary sibling, then rename them
    all: a reader, or a run killed half-way, sees the old files or the new ones, never a part."""
    temps: dict[Path, Path] = {}
    try:
        for path, data in contents.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = tmp_path(path)
            temps[path] = tmp
            with open(tmp, "wb") as f:
                f.write(data.encode("utf-8") if isinstance(data, str) else data)
                f.flush()
                os.fsync(f.fileno())
        for path, tmp in temps.items():
            os.replace(tmp, path)
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)


def alive(pid: int) -> bool:
    """Whether a process runs with this pid (another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(folder: Path) -> list[Path]:
    """Remove the temporary files in `folder` left by a run that was killed (its pid no longer runs)."""
    removed = []
    for p in Path(folder).glob(".*.tmp*") if Path(folder).is_dir() else []:
        m = _TMP.match(p.name)
        if m and p.is_file() and not alive(int(m["pid"])):
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed


def sha256(path: Path) -> str:
    """The hex sha256 of a file's bytes."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()
