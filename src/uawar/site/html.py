"""Executed notebooks to HTML: nbconvert with the uawar template, a sanitiser, a Content-Security-Policy."""

from __future__ import annotations

import base64
import hashlib
import re

import nbformat
import nh3
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from uawar import config, i18n, markup, sources
from uawar.i18n import N_

# The site's sections, in the order every page's navigation lists them: (label, link). A new part of
# the site (a teaching section, ...) adds its entry here.
SECTIONS: list[tuple[str, str]] = [
    (N_("Findings"), "index.html#findings"),
    (N_("Search"), "index.html#search"),
    (N_("Reports"), "index.html#reports"),
    (N_("Data and citation"), "index.html#cite"),
    (N_("Month by class"), "month_class.html"),
    (N_("Glossary"), "glossary.html"),
    (N_("Data and licences"), "data.html"),
]

# Cells of the notebooks' exercises (uawar.site.teaching): shown on the teaching pages, never in a report.
EXERCISE_TAG = "exercise"
# Teaching material (learning goals, prerequisites, time): in the teaching edition only, so that a research
# report opens with its findings.
TEACHING_TAG = "teaching"
# Reports load nothing from the network and run no script; data: images only; styles only from the
# page's own <style> elements in its <head> (the template's stylesheet), each allowed by its sha256:
# no 'unsafe-inline', so a style element or attribute that slipped into an output would not apply.
_POLICY = "default-src 'none'; img-src data:; style-src {styles}; font-src data:; base-uri 'none'; form-action 'none'"
# The front page also runs the site's own search scripts and shows the reports' thumbnails: files of
# the site ('self'); nothing inline, nothing remote.
FRONT_PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; img-src 'self' data:; style-src {styles}; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)
# Stands in the Content-Security-Policy meta element until `with_policy` knows the page's styles.
CSP_SLOT = "uawar-content-security-policy"
_HEAD_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
_EXPORTERS: dict[tuple[bool, bool], HTMLExporter] = {}

# What nbconvert's own output needs: Markdown (headings, paragraphs, lists, emphasis, code, quotes,
# tables), DataFrame and Styler tables, images. No <style> (pandas' Styler writes one per table; the
# site's stylesheet styles tables by class), no <script>, no form, frame or media element.
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
_ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}


# Links out of a report that the sanitiser keeps, besides the posts: the source datasets' pages and licences
# (uawar.sources, the data note of every page) and the site's own Data and licences page.
SITE_LINKS = frozenset(
    {d.homepage for d in sources.DATASETS} | {d.licence_url for d in sources.DATASETS} | {"data.html"}
)


def _attribute(tag: str, name: str, value: str) -> str | None:
    """Links within the page (nbconvert's heading anchors), and out of it only to an Air Force post in the
    shapes uawar.markup.post_url builds (a Facebook post or video, a Telegram message): any other URL from the
    data never becomes a live link. Images only as data: URLs (no remote load)."""
    if tag == "a" and name == "href":
        allowed = value.startswith("#") or value in SITE_LINKS or markup.POST_URL.fullmatch(value)
        return value if allowed else None
    if tag == "img" and name == "src":
        return value if value.startswith("data:image/") else None
    return value


def clean_html(fragment: str | bytes) -> str:
    """nbconvert's `clean_html` filter, with nh3 (ammonia): keeps what nbconvert's own output needs
    (_ALLOWED_TAGS); removes <script> and <style> elements with their content, and every other
    element but its text; drops event handlers, style attributes, links out of the page and
    remote images."""
    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    return nh3.clean(
        text,
        tags=_ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes={"data", "https"},  # https: only the posts' links that _attribute lets through
        link_rel=None,
    )


def csp(styles: list[str], policy: str = _POLICY) -> str:
    """The Content-Security-Policy (a report's, or FRONT_PAGE_POLICY) that allows exactly these <style> contents."""
    hashes = [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in styles]
    return policy.format(styles=" ".join(hashes) or "'none'")


def with_policy(page: str, policy: str = _POLICY) -> str:
    """A page with its policy in place of CSP_SLOT: the styles allowed are the <style> elements of its
    <head>, which only templates write (outputs are in <body>, and clean_html removes their styles)."""
    head = page[: page.lower().find("</head>")]
    return page.replace(CSP_SLOT, csp(_HEAD_STYLE.findall(head), policy), 1)


class _Exporter(HTMLExporter):
    def _validate_preprocessor(self, nbc: nbformat.NotebookNode, preprocessor: object) -> None:
        """nbconvert validates the whole notebook against its schema after each of its 13 preprocessors,
        enabled or not (a tenth of the export): the notebook was validated as papermill wrote it, and
        the preprocessors enabled here only take cells and outputs away or add CSS to the resources."""


def exporter(with_code: bool, exercises: bool = False) -> HTMLExporter:
    """The HTML exporter of the reports; they leave out the cells tagged `exercise` (the exercises,
    their solutions and checks, which the teaching pages show: `exercises=True`)."""
    key = (with_code, exercises)
    if key not in _EXPORTERS:
        built = _Exporter(
            template_name="uawar",
            extra_template_basedirs=[str(config.TEMPLATES_DIR)],
            exclude_input=not with_code,
            exclude_input_prompt=not with_code,
            exclude_output_prompt=True,
            sanitize_html=True,
        )
        if not exercises:
            built.register_preprocessor(
                TagRemovePreprocessor(remove_cell_tags={EXERCISE_TAG, TEACHING_TAG}), enabled=True
            )
        built.register_filter("clean_html", clean_html)
        built.register_filter("uawar_csp", lambda _: CSP_SLOT)
        i18n.install(built.environment)
        _EXPORTERS[key] = built
    return _EXPORTERS[key]


def convert(nb: nbformat.NotebookNode, with_code: bool, exercises: bool = False) -> str:
    """An executed notebook as a whole HTML page, its policy in place."""
    built = exporter(with_code, exercises)
    built.language_code = i18n.current()  # <html lang="...">
    body, _ = built.from_notebook_node(nb)
    return with_policy(body)


def warm_up(with_code: bool) -> nbformat.NotebookNode:
    """Convert a tiny notebook once, so that the exporter's lazily loaded templates, filters,
    Markdown rules (lists, entities) and sanitiser are ready in every worker forked after it; the
    notebook."""
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# warm-up\n\n- a &amp; b\n- c\n\n1. d"),
            nbformat.v4.new_code_cell(
                "1",
                outputs=[
                    nbformat.v4.new_output(
                        "display_data",
                        data={
                            "text/markdown": "*x*",
                            "text/html": "<table><tr><td>1 &amp; 2&nbsp;</td></tr></table>",
                            "text/plain": "1",
                        },
                    )
                ],
            ),
        ]
    )
    exporter(with_code).from_notebook_node(nb)
    return nb
