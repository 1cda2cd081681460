"""What every notebook shows the same way: the footer with parameters, data version, the data's reach and
uawar version, the sentence that says the data ends long before the page, and text from data made safe for
Markdown."""

from __future__ import annotations

import datetime as dt
import os
import re
from html import escape

from IPython.display import HTML

from uawar import __version__, data, sources

# The characters that start markup inside a line of Markdown: HTML and entities, links and images,
# emphasis, code spans, table cells, strike-through, math between dollars, bare URLs (the ':' of
# 'https://', which the converter turns into a link) and the backslash itself.
# CommonMark shows a backslash-escaped punctuation character as itself; others ('-', '/', '(') stay
# as they are, so ordinary names read the same in the notebook's Markdown source.
_MARKUP = re.compile(r"([\\`*_\[\]<>&$|~!:])")


def text(value: object) -> str:
    """Text from the data (a model name, a claimant, a note) for a Markdown output: shown as written."""
    return _MARKUP.sub(r"\\\1", str(value))


STALE_DAYS = 60  # data that ends more than this many days before a page is rendered is called out
TABLE_NAMES = {"air_attacks": "the attack log", "personnel_losses": "the General Staff's loss series"}


def today() -> dt.date:
    """The rendering date: $UAWAR_TODAY (YYYY-MM-DD) when set, so tests and rebuilds can fix it; else today."""
    given = os.environ.get("UAWAR_TODAY")
    return dt.date.fromisoformat(given) if given else dt.date.today()


def reach_text() -> str:
    """How far each table reaches and the export it was built from, in one sentence of plain text."""
    parts = []
    for r in data.reach():
        origin = r["origin"]
        export = ", ".join(
            x
            for x in (
                origin.get("file"),
                f"sha256 {origin['sha256'][:12]}" if origin.get("sha256") else "",
                sources.describe_record(origin),
            )
            if x
        )
        name = TABLE_NAMES.get(r["table"], r["table"])
        parts.append(f"{name} runs from {r['first']} to {r['last']}" + (f" (export: {export})" if export else ""))
    return ("Data: " + "; ".join(parts) + ".") if parts else ""


def stale_sentence(on: dt.date | None = None) -> str:
    """One plain sentence when a table ends more than STALE_DAYS days before `on` (default: `today()`); '' if none."""
    on = on or today()
    late = [r for r in data.reach() if (on - dt.date.fromisoformat(r["last"])).days > STALE_DAYS]
    if not late:
        return ""
    ends = " and ".join(f"{TABLE_NAMES.get(r['table'], r['table'])} ends on {r['last']}" for r in late)
    return f"The data ends more than {STALE_DAYS} days before this page was rendered: {ends}."


def footer(params: dict) -> HTML:
    """The parameters, the data tables' sha256 (checked against their files) and the uawar version,
    as HTML built with every value escaped: a parameter holding markup shows as text."""
    rows = "".join(
        f"<tr><td><code>{escape(k)}</code></td><td><code>{escape(repr(v))}</code></td></tr>" for k, v in params.items()
    )
    hashes = "".join(
        f"<tr><td>{escape(name)}</td><td><code>{escape(h[:16])}</code></td></tr>"
        for name, h in data.data_version().items()
    )
    return HTML(
        "<h3>About this report</h3>"
        f"<table><thead><tr><th>parameter</th><th>value</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<table><thead><tr><th>data table</th><th>sha256 (first 16)</th></tr></thead><tbody>{hashes}</tbody></table>"
        f"<p>{escape(reach_text())}</p>"
        f"<p>Computed with uawar {escape(__version__)}. Data: <code>data/datapackage.json</code> names each source, "
        "its licence and citation.</p>"
    )
