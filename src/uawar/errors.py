"""The one kind of error a user can fix: a bad input. `uawar.cli` prints its message and exits 2.

Every module that reads an input (raw files, processed tables, the data package, the catalogue,
parameters, options, the output folder) raises a subclass of InputError where it reads it, with a
message naming the file or parameter, the line or key, and what was expected. Anything else that
escapes is a bug in uawar and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A bad input: the message says which, where, and what was expected."""


class RenderError(InputError, ValueError):
    """A bad catalogue, report name or render option (uawar.site): nothing was rendered."""


def os_problem(path: Path | str, err: OSError, expected: str) -> str:
    """A file-system error as one sentence: 'PATH: Permission denied; expected a writable folder'."""
    reason = err.strerror or type(err).__name__
    return f"{path}: {reason}; expected {expected}"
