"""Reading a raw file whole and safely: its bytes once, UTF-8 text with no control character, a CSV whose rows all
have the header's fields."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from uawar.files import NotAnInput, read_input
from uawar.schema import (
    MAX_WEAPONS,
    DataError,
    shown,
)

# Older exports name some columns differently.
COLUMN_ALIASES = {
    "not_reach_target": "not_reach_goal",
    "num_hit_locations": "num_hit_location",
    "hit_location": "num_hit_location",
}


# C0 control characters but tab, line feed and carriage return, and DEL: never in a real export.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_raw(path: Path, kind: str) -> bytes:
    """A raw file's bytes, read once (`uawar.files.read_input`): DataError when it is missing, no
    regular file, over the size ceiling or unreadable."""
    path = Path(path)
    try:
        return read_input(path)
    except FileNotFoundError:
        raise DataError(path, f"file not found; expected {kind}") from None
    except NotAnInput as err:
        raise DataError(path, f"{err}; expected {kind}") from None
    except OSError as err:
        raise DataError(path, f"cannot be read ({err.strerror or err}); expected {kind}") from None


def read_text(path: Path, kind: str, data: bytes | None = None) -> str:
    """A raw file's text (from `data`, its bytes, when read already): UTF-8 with no control characters."""
    path = Path(path)
    data = read_raw(path, kind) if data is None else data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise DataError(
            path, f"byte 0x{data[err.start]:02x} is not UTF-8; expected {kind} in UTF-8", rows=[line]
        ) from None
    if not text.strip():
        raise DataError(path, f"file is empty; expected {kind}")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise DataError(path, f"control character U+{ord(bad.group()):04X}; expected printable text", rows=[line])
    return text


def read_csv(path: Path, required: Iterable[str] = (), data: bytes | None = None) -> pd.DataFrame:
    """Read a CSV (from `data`, its bytes, when read already) as strings after checking it is whole:
    not empty, ends with a newline, every row has as many fields as the header, at least one row."""
    path = Path(path)
    text = read_text(path, "a CSV file", data)
    if not text.endswith("\n"):
        raise DataError(path, "file looks truncated: its last line has no line ending")
    # Records, not lines: a quoted field may hold a line break. line_num is the file line a record ends on.
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows)
        short = [rows.line_num for row in rows if len(row) != len(header)]
    except csv.Error as err:  # a field over the csv module's size limit, a stray quote
        raise DataError(path, f"malformed CSV ({err})", rows=[rows.line_num]) from None
    if short:
        raise DataError(
            path, f"rows do not have the header's {len(header)} fields (truncated or malformed)", rows=short
        )
    if rows.line_num < 2:
        raise DataError(path, "holds a header but no rows; expected at least one record")
    df = pd.read_csv(io.StringIO(text, newline=""), dtype=str, keep_default_na=False, na_values=[""])
    df.columns = [COLUMN_ALIASES.get(c.strip(), c.strip()) for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise DataError(path, f"missing required column(s) {missing}; found {list(df.columns)}", column=missing[0])
    return df


_COUNT_TEXT = r"\s*\d+(?:\.\d*)?\s*"


def check_count_text(
    df: pd.DataFrame, columns: Iterable[str], path: Path, line_of: Callable[[int], int] = lambda i: i + 2
) -> None:
    """Counts are written as digits: refuse 'nan', 'inf', '1e30' or '-3' before a float conversion
    would read them as blank or as a number."""
    for col in columns:
        values = df[col].dropna().astype(str)
        bad = ~values.str.fullmatch(_COUNT_TEXT)
        if bad.any():
            raise DataError(
                path,
                f"not a count (values: {', '.join(shown(v) for v in values[bad].head(5))}); "
                "expected a whole number of 0 or more, or blank for not reported",
                column=col,
                rows=[line_of(int(i)) for i in values.index[bad]],
            )


def is_count(value: object, ceiling: int = MAX_WEAPONS) -> bool:
    """A parsed number that is a plausible count: whole, from 0 to the ceiling (not a bool, not NaN)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= ceiling and value % 1 == 0
