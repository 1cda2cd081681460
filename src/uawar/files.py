"""Files: one atomic write for one or several files, one way to read an input, one lock per output
folder, temporary files and folders of dead runs, hashing.

A temporary file is created beside its final path under an unpredictable name,
`.<stem>.<pid>.<random>.tmp<suffix>`, without following a link planted there (O_EXCL, as
`tempfile.mkstemp` opens it), then renamed over the final name, which is replaced, never written
through. A run killed half-way leaves nothing a reader mistakes for a result, and the pid lets
`clean_stale` tell a dead run's leftovers from a running one's.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

_TMP = re.compile(r"^\.(?P<stem>.+)\.(?P<pid>\d+)\.[^.]+\.tmp(?P<suffix>\.[^.]+)?$")
# The ceiling of every input file: over 80 times the 2026 attack log (800 kB), far below memory.
MAX_INPUT_BYTES = 64 * 2**20
# The permissions of a written file: what open() would give (mkstemp's are 0600).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


class NotAnInput(Exception):
    """An input path that is no regular file of a readable size: the message says what it is instead."""


def read_input(path: Path) -> bytes:
    """The bytes of an input file, opened once: a regular file (never a FIFO, device, socket or folder,
    which could block or never end) of at most MAX_INPUT_BYTES. NotAnInput, or the OSError of the open."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO's open would wait for a writer
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "folder" if stat.S_ISDIR(mode) else "FIFO" if stat.S_ISFIFO(mode) else "device or socket"
            raise NotAnInput(f"is a {kind}, not a regular file")
        chunks, size = [], 0
        while chunk := os.read(fd, 2**20):  # not st_size, which can lie (/proc) or grow while read
            size += len(chunk)
            if size > MAX_INPUT_BYTES:
                raise NotAnInput(f"is larger than the ceiling of {MAX_INPUT_BYTES // 2**20} MiB for an input file")
            chunks.append(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)


def atomic_write(contents: Mapping[Path, bytes | str]) -> None:
    """Write every file (text as UTF-8, newlines untouched) to a new temporary sibling, then rename them
    all: a reader, or a run killed half-way, sees the old files or the new ones, never a part."""
    temps: dict[Path, str] = {}
    try:
        for path, data in contents.items():
            path = Path(path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except FileExistsError as err:  # a file where a folder should be: say that, not "File exists"
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), err.filename) from None
            fd, tmp = tempfile.mkstemp(
                prefix=f".{path.stem}.{os.getpid()}.", suffix=f".tmp{path.suffix}", dir=path.parent
            )
            temps[path] = tmp
            with os.fdopen(fd, "wb") as f:
                os.fchmod(fd, 0o666 & ~_UMASK)
                f.write(data.encode("utf-8") if isinstance(data, str) else data)
                f.flush()
                os.fsync(f.fileno())
        for path, tmp in temps.items():
            if path.is_dir() and not path.is_symlink():  # os.replace would say only "Is a directory"
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
            os.replace(tmp, path)
    finally:
        for tmp in temps.values():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


class Busy(Exception):
    """Another process holds the lock: the message names that process."""


class Lock:
    """An exclusive lock on a file (flock), taken at once or refused with Busy; released by `with`,
    or by the kernel when its holder dies, so a killed run leaves no stale lock."""

    def __init__(self, path: Path):
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666 & ~_UMASK)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(self.fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(self.fd)
            raise Busy(f"another run (pid {holder}) holds {path}") from None
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, f"{os.getpid()}\n".encode(), 0)  # only to name the holder in Busy

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)


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


def temp_folder(kind: str) -> tempfile.TemporaryDirectory:
    """A private temporary folder `uawar-<kind>-<pid>-<random>`: removed when the block ends, by
    `remove_temp_folders` when this process is stopped, or by the next run when it was killed."""
    return tempfile.TemporaryDirectory(prefix=f"uawar-{kind}-{os.getpid()}-")


_TEMP_FOLDER = re.compile(r"^uawar-[a-z]+-(?P<pid>\d+)-")


def remove_temp_folders(pid: int | None = None) -> list[Path]:
    """Remove this user's `temp_folder`s of process `pid`, or, without one, of every process that no
    longer runs; a link or another user's folder is left alone."""
    removed = []
    for p in Path(tempfile.gettempdir()).glob("uawar-*-*"):
        m = _TEMP_FOLDER.match(p.name)
        if not m or (int(m["pid"]) != pid if pid is not None else alive(int(m["pid"]))):
            continue
        with contextlib.suppress(OSError):
            st = p.lstat()
            if stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid():
                shutil.rmtree(p)
                removed.append(p)
    return removed


def sha256(path: Path) -> str:
    """The hex sha256 of an input file's bytes (`read_input`)."""
    return hashlib.sha256(read_input(path)).hexdigest()
