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


# --- links to the Air Force's posts ----------------------------------------------------------------
# A row's `source_ref` names the post it was read from, in the forms the log uses: a Facebook post
# (`kpszsu/posts/pfbid0...`), a Facebook video (`PvKPivden/videos/123/`, `watch/?v=123`) or a Telegram
# message (`https://t.me/kpszsu/20048`). Only these shapes become links, built here, never taken as given:
# POST_URL is what the reports' sanitiser lets through as a link out of the page.
_ACCOUNT = r"[A-Za-z0-9.]{2,64}"
_POST_FORMS = (
    (re.compile(r"(?:https://)?t\.me/([A-Za-z0-9_]{3,64})/(\d{1,12})"), "https://t.me/{}/{}"),
    (re.compile(rf"({_ACCOUNT})/posts/([A-Za-z0-9]{{1,120}})"), "https://www.facebook.com/{}/posts/{}"),
    (re.compile(rf"({_ACCOUNT})/videos/(\d{{1,25}})/?"), "https://www.facebook.com/{}/videos/{}"),
    (re.compile(r"watch/\?v=(\d{1,25})"), "https://www.facebook.com/watch/?v={}"),
)
POST_URL = re.compile(
    r"https://(?:t\.me/[A-Za-z0-9_]{3,64}/\d{1,12}|www\.facebook\.com/(?:"
    rf"{_ACCOUNT}/posts/[A-Za-z0-9]{{1,120}}|{_ACCOUNT}/videos/\d{{1,25}}|watch/\?v=\d{{1,25}}))"
)


def post_url(source_ref: object) -> str | None:
    """The address of the post a row comes from (`kpszsu/posts/pfbid0ab` ->
    https://www.facebook.com/kpszsu/posts/pfbid0ab), or None for any other text."""
    ref = str(source_ref).strip() if isinstance(source_ref, str) else ""
    for form, url in _POST_FORMS:
        m = form.fullmatch(ref)
        if m:
            return url.format(*m.groups())
    return None


def html_table(df: pd.DataFrame, link: str = "post") -> str:
    """A table as HTML, every cell escaped; the `link` column's cells that name a post become a link to it
    (the text: the post's account and 'post'), any other text stays text. `link`: the column's English name, which
    a table names in the page's language."""
    from html import escape

    from uawar.i18n import _

    linked = _(link)

    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in df.columns)
    rows = []
    for values in df.itertuples(index=False):
        cells = []
        for column, value in zip(df.columns, values, strict=True):
            url = post_url(value) if column == linked else None
            shown = escape("" if value is None or value != value else str(value))
            cells.append(f'<td><a href="{escape(url)}">{shown}</a></td>' if url else f"<td>{shown}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="dataframe"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
