"""The General Staff's loss series (daily JSON records), raw to tidy."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from uawar.ingest.reading import is_count, read_text
from uawar.schema import (
    INVASION,
    MAX_PERSONNEL,
    DataError,
    raw_counts_schema,
    shown,
    validate,
)


def read_daily_records(path: Path, data: bytes | None = None) -> list[dict]:
    """A file of the loss series (`data`: its bytes, when read already): a non-empty JSON list of objects,
    one a day (the equipment file too, which the build does not use but `uawar data add` checks before
    storing it)."""
    text = read_text(path, "a JSON list of daily records", data)
    try:
        records = json.loads(text)
    except json.JSONDecodeError as err:
        raise DataError(path, f"not valid JSON (truncated?): {err.msg} at line {err.lineno}") from None
    except RecursionError:
        raise DataError(path, "nested too deeply; expected a JSON list of daily records") from None
    if not isinstance(records, list) or not records:
        raise DataError(path, "expected a non-empty JSON list of daily records")
    not_objects = [i for i, r in enumerate(records, 1) if not isinstance(r, dict)]
    if not_objects:
        raise DataError(
            path,
            f"record {not_objects[0]} is {shown(records[not_objects[0] - 1])}; "
            'expected an object such as {"date": "2022-02-25", "personnel": 2800}',
            rows=not_objects,
        )
    return records


def read_personnel(path: Path, today: dt.date | None = None, data: bytes | None = None) -> pd.DataFrame:
    """The loss series (`data`: its bytes, when read already): a JSON list of daily records, each with a
    date and a cumulative count; no date before the invasion or after `today` (the export's date)."""
    path = Path(path)
    df = pd.DataFrame.from_records(read_daily_records(path, data))
    for col in ("date", "personnel"):
        if col not in df.columns or df[col].isna().any():
            rows = [] if col not in df.columns else [int(i) + 1 for i in df.index[df[col].isna()]]
            raise DataError(path, "missing in records", column=col, rows=rows)
    for col, ok, expected in (
        ("date", lambda v: isinstance(v, str), "a date YYYY-MM-DD"),
        ("personnel", lambda v: is_count(v, MAX_PERSONNEL), f"a whole number from 0 to {MAX_PERSONNEL:,}"),
    ):
        bad = ~df[col].map(ok).astype(bool)
        if bad.any():
            raise DataError(
                path,
                f"values {', '.join(shown(v) for v in df[col][bad].head(5))}; expected {expected}",
                column=col,
                rows=[int(i) + 1 for i in df.index[bad]],
            )
    line_of = lambda i: i + 1  # noqa: E731 - records are numbered from 1
    dates = pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        raise DataError(
            path,
            f"unparseable date (values: {list(df['date'][dates.isna()][:5])})",
            column="date",
            rows=[line_of(i) for i in df.index[dates.isna()]],
        )
    today = today or dt.date.today()
    for bad, what, expected in (
        (dates < pd.Timestamp(INVASION), f"dates before the full-scale invasion ({INVASION})", ""),
        (dates.dt.date > today, f"dates after the export ({today})", "; expected past reports"),
    ):
        if bad.any():
            shown_dates = ", ".join(df["date"][bad].head(5))
            raise DataError(
                path, f"{what}: {shown_dates}{expected}", column="date", rows=[line_of(i) for i in df.index[bad]]
            )
    counts = validate(df[["personnel"]], raw_counts_schema(["personnel"], MAX_PERSONNEL), path, line_of)
    cumulative = counts["personnel"].round().astype("Int64")
    back = dates.diff() <= pd.Timedelta(0)
    if back.any():
        raise DataError(path, "dates go backwards or repeat", column="date", rows=[line_of(i) for i in df.index[back]])
    down = cumulative.diff() < 0
    if down.any():
        raise DataError(
            path,
            "cumulative series goes backwards",
            column="personnel",
            rows=[line_of(i) for i in df.index[down.fillna(False)]],
        )
    out = pd.DataFrame(
        {
            "date": dates.astype("datetime64[ns]"),
            "cumulative": cumulative,
            "daily": cumulative.diff().astype("Int64"),
            "qualifier": df.get("personnel*", pd.NA),
        }
    )
    return out
