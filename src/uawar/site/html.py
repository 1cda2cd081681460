"""Executed notebooks to HTML: nbconvert with the uawar template, a sanitiser, a Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path

import bleach
import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

TEMPLATES = Path(__file__).parents[1] / "templates"
# Cells of the notebooks' exercises (uawar.site.teaching): shown on the teaching pages, never in a report.
EXERCISE_TAG = "exercise"
# Reports load nothing from the network and run no script: only inline styles and data: images.
CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'"
)
_EXPORTERS: dict[tuple[bool, bool], HTMLExporter] = {}

_ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name in ("class", "id", "title"):
        return True
    if tag == "a":  # data: only for images
        return name == "href" and not value.strip().lower().startswith("data:")
    if tag == "img":
        return name in ("alt", "width", "height") or (name == "src" and value.startswith("data:image/"))
    if tag in ("td", "th"):
        return name in ("colspan", "rowspan", "align")
    return tag == "table" and name == "border"


def clean_html(fragment: str | bytes) -> str:
    """nbconvert's `clean_html` filter with an allowlist that keeps headings, paragraphs and
    tables (nbconvert's own escapes them) and drops every script, event handler and remote image.
    Disallowed tags are escaped, so they show as text."""
    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    return bleach.clean(
        text, tags=_ALLOWED_TAGS, attributes=_allowed_attribute, protocols={"http", "https", "mailto", "data"}
    )


def exporter(with_code: bool, exercises: bool = False) -> HTMLExporter:
    """The HTML exporter of the reports; they leave out the cells tagged `exercise` (the exercises,
    their solutions and checks, which the teaching pages show: `exercises=True`)."""
    key = (with_code, exercises)
    if key not in _EXPORTERS:
        built = HTMLExporter(
            template_name="uawar",
            extra_template_basedirs=[str(TEMPLATES)],
            exclude_input=not with_code,
            exclude_input_prompt=not with_code,
            exclude_output_prompt=True,
            sanitize_html=True,
        )
        if not exercises:
            built.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={EXERCISE_TAG}), enabled=True)
        built.register_filter("clean_html", clean_html)
        built.register_filter("uawar_csp", lambda _: CSP)
        _EXPORTERS[key] = built
    return _EXPORTERS[key]


def warm_up(with_code: bool) -> None:
    """Convert a tiny notebook once, so that the exporter's lazily loaded templates, filters and
    sanitiser are ready in every worker forked after it."""
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# warm-up"),
            nbformat.v4.new_code_cell(
                "1",
                outputs=[
                    nbformat.v4.new_output(
                        "display_data",
                        data={
                            "text/markdown": "*x*",
                            "text/html": "<table><tr><td>1</td></tr></table>",
                            "text/plain": "1",
                        },
                    )
                ],
            ),
        ]
    )
    exporter(with_code).from_notebook_node(nb)
