"""Text from the data made safe where it goes: Markdown (a model name, a claimant or a note shows as
written) and CSV (a cell never runs as a spreadsheet formula)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

# The characters that start markup inside a line of Markdown: HTML and entities, links and images,
# emphasis, code spans, table cells, strike-through, math between dollars, bare URLs (the ':' of
# 'https://', which the converter turns into a link) and the backslash itself.
# CommonMark shows a backslash-escaped punctuation character as itself; others ('-', '/', '(') stay
# as they are, so ordinary names read the same in the notebook's Markdown source.
_MARKUP = re.compile(r"([\\`*_\[\]<>&$|~!:])")
# OWASP's rule for CSV injection: a cell starting with one of these runs as a formula in a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def text(value: object) -> str:
    """Text from the data (a model name, a claimant, a note) for a Markdown output: shown as written."""
    return _MARKUP.sub(r"\\\1", str(value))


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as written: text that would start a formula gets a leading
    apostrophe (OWASP); a number, negative or not, stays a number."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_text(table: pd.DataFrame, **options: object) -> str:
    """The one way uawar writes a CSV: every text cell and column name through `csv_cell`, no index,
    '\\n' line endings; `options` go to DataFrame.to_csv (a date format)."""
    from pandas.api.types import is_numeric_dtype

    safe = table.copy(deep=False)
    safe.columns = [csv_cell(c) for c in table.columns]
    for i in range(safe.shape[1]):
        column = safe.iloc[:, i]
        if not is_numeric_dtype(column.dtype):  # text, object or categorical: numbers and dates stay as they are
            safe.isetitem(i, column.map(csv_cell))
    return safe.to_csv(index=False, lineterminator="\n", **options)
