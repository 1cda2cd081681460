"""Text from the data made safe for Markdown: a model name, a claimant or a note shows as written."""

from __future__ import annotations

import re

# The characters that start markup inside a line of Markdown: HTML and entities, links and images,
# emphasis, code spans, table cells, strike-through, math between dollars, bare URLs (the ':' of
# 'https://', which the converter turns into a link) and the backslash itself.
# CommonMark shows a backslash-escaped punctuation character as itself; others ('-', '/', '(') stay
# as they are, so ordinary names read the same in the notebook's Markdown source.
_MARKUP = re.compile(r"([\\`*_\[\]<>&$|~!:])")


def text(value: object) -> str:
    """Text from the data (a model name, a claimant, a note) for a Markdown output: shown as written."""
    return _MARKUP.sub(r"\\\1", str(value))
