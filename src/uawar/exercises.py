"""Comparisons for the checks of the notebooks' exercises (run by otter-grader's `grader.check`).

A student's answer may be anything, including the `...` left in an unanswered cell: every function
here answers False for a value it cannot read instead of raising, so that a check fails with its
own hint rather than with a traceback.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd


def answered(*values: Any) -> bool:
    """Whether every value has been filled in (neither `...` nor None)."""
    return all(v is not Ellipsis and v is not None for v in values)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not answered(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def close(answer: Any, expected: Any, rel: float = 1e-4, abs_tol: float = 0.0) -> bool:
    """Whether `answer` is a number within `rel` (relative) or `abs_tol` of `expected`."""
    a, e = _number(answer), _number(expected)
    return a is not None and e is not None and math.isclose(a, e, rel_tol=rel, abs_tol=abs_tol)


def _timestamp(value: Any) -> pd.Timestamp | None:
    if not answered(value) or isinstance(value, bool | int | float):
        return None
    try:
        if isinstance(value, pd.Period):
            return value.start_time
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else stamp


def same_day(answer: Any, expected: Any) -> bool:
    """Whether `answer` (a timestamp, date or 'YYYY-MM-DD' string) falls on the day `expected` does."""
    a, e = _timestamp(answer), _timestamp(expected)
    return a is not None and e is not None and a.normalize() == e.normalize()


def same_month(answer: Any, expected: Any) -> bool:
    """Whether `answer` (a Period, timestamp or 'YYYY-MM' string) falls in the month `expected` does."""
    a, e = _timestamp(answer), _timestamp(expected)
    return a is not None and e is not None and (a.year, a.month) == (e.year, e.month)


def same_text(answer: Any, expected: str) -> bool:
    """Whether `answer` is the string `expected`, ignoring case, spaces and underscores."""

    def norm(s: str) -> str:
        return s.strip().lower().replace("_", " ")

    return isinstance(answer, str) and norm(answer) == norm(expected)
