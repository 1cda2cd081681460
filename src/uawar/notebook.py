"""What every notebook shows the same way: the footer with parameters, data version and uawar version,
and text from data made safe for Markdown."""

from __future__ import annotations

import re
from html import escape

from IPython.display import HTML

from uawar import __version__, data

# The characters that start markup inside a line of Markdown: HTML and entities, links and images,
# emphasis, code spans, table cells, strike-through, math between dollars, bare URLs (the ':' of
# 'https://', which the converter turns into a link) and the backslash itself.
# CommonMark shows a backslash-escaped punctuation character as itself; others ('-', '/', '(') stay
# as they are, so ordinary names read the same in the notebook's Markdown source.
_MARKUP = re.compile(r"([\\`*_\[\]<>&$|~!:])")


def text(value: object) -> str:
    """Text from the data (a model name, a claimant, a note) for a Markdown output: shown as written."""
    return _MARKUP.sub(r"\\\1", str(value))


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
        f"<p>Computed with uawar {escape(__version__)}. Data: <code>data/datapackage.json</code> names each source, "
        "its licence and citation.</p>"
    )
