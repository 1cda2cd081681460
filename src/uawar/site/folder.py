"""The output folder of `uawar render`: checked before anything is written, and held by one run at a
time (a second run into the same folder exits with code 2 at once, naming the run that holds it)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from uawar.errors import InputError, os_problem
from uawar.files import Busy, Lock
from uawar.site.stamp import STAMPS

LOCK_FILE = "render.lock"  # in .cache/; held for the whole run, empty of meaning once it ends
_EXPECTED = "a folder that reports can be written into (--out)"


def writable(out: Path) -> None:
    """The output folder (--out) exists or can be made, and takes a file: else an InputError naming it."""
    try:
        if out.exists() and not out.is_dir():
            raise InputError(f"--out {out}: is a file; expected {_EXPECTED}")
        (out / STAMPS).mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-check.", dir=out / STAMPS)
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        raise InputError(f"--out {os_problem(err.filename or out, err, _EXPECTED)}") from None


def lock(out: Path) -> Lock:
    """Hold `out` for this run (`with folder.lock(out): ...`); an InputError when another run holds it."""
    writable(out)
    try:
        return Lock(out / STAMPS / LOCK_FILE)
    except Busy as err:
        raise InputError(f"--out {out}: {err}; wait until it ends, or render into another --out") from None
    except OSError as err:
        raise InputError(f"--out {os_problem(err.filename or out, err, _EXPECTED)}") from None
