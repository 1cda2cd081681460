"""What one report produces beside its HTML, in its render worker right after execution: each chart's table
(CSV) and citation, each key figure's quote, the thumbnail, the executed notebook, the text the search index
reads, and the commands that run the report again. The site-wide pages that tie the reports together are
`uawar.site.pages`."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
import shlex
from pathlib import Path

import nbformat

from uawar import __version__, i18n, notebook, sources
from uawar.site.cache import CACHE_DIR
from uawar.site.glossary import GLOSSARY_TERMS
from uawar.site.handoff import RenderTask
from uawar.site.html import SECTIONS

THUMB_SIZE = (360, 200)
SEARCH_TEXT_LIMIT = 30_000  # characters of one report's text in the search index


COMPILED = {
    "attack_log": (sources.ATTACK_LOG, "the attack log"),
    "loss_series": (sources.LOSS_SERIES, "the General Staff's loss series"),
}


def quote(f: dict, anchor: str, site_url: str = "") -> str:
    """A figure ready to paste (a finding of the front page, a row of the month x class table): claimant, date,
    figure, who compiled it, the data's reach, the caveat, the licence and the link to the figure's `anchor`
    ('index.html#finding-1'; relative, or under `site_url`)."""
    parts = [f"{f['claimant']} ({f['date']}): {f['text']}"]
    compiled = COMPILED.get(f.get("dataset", ""))
    if compiled:
        ds, _ = compiled
        parts.append(
            i18n._("Compiled by P. Ivaniuk, \u201c{title}\u201d ({licence}).").format(
                title=ds.title, licence=ds.licence_title
            )
        )
    if f.get("reach"):
        parts.append(f"{f['reach']}.")
    if f.get("caveat"):
        parts.append(i18n._("Caveat: {caveat}").format(caveat=f["caveat"]))
    link = f"{site_url.rstrip('/') + '/' if site_url else ''}{anchor}"
    parts.append(i18n._("Source: {link}").format(link=link))
    return " ".join(parts)


def _bibtex_escape(text: str) -> str:
    text = str(text).replace("\\", "/").replace("{", "(").replace("}", ")")
    return re.sub(r"([&%$#_])", r"\\\1", text)


def _params_text(params: dict) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in params.items())


def chart_tables(source: str, version: dict[str, str]) -> dict[str, str]:
    """The data tables a chart draws on, read from its source line: the attack log's, the General Staff's loss
    series, the claims registry (a chart of claims names it); all of them when the line names none."""
    from uawar.plots import SOURCE_ATTACK_LOG, SOURCE_LOSS_SERIES

    def names(line: str) -> bool:  # the English source line or the reader's language's
        return line.removeprefix("Source: ")[:40] in source or i18n._(line) in source

    claims_line = i18n._("Claims: {who}.").split("{")[0]
    used = []
    if names(SOURCE_ATTACK_LOG):
        used += ["air_attacks", "attacks"]
    if names(SOURCE_LOSS_SERIES):
        used.append("personnel_losses")
    if "claims" in source.lower() or "data/claims.csv" in source or claims_line in source:
        used.append("claims")
    return {t: d for t, d in version.items() if t in used} or dict(version)


def citation(
    report: dict, chart: dict, n: int, csv_name: str, version: dict[str, str], site_url: str = ""
) -> dict[str, str]:
    """A chart's citation, as plain text and as BibTeX: the figures' claimant (the chart's source
    line), the chart's title, the report and its parameters (a link under `site_url`, else relative), the sha256 of
    the data tables the chart draws on, uawar's version."""
    claimant = chart["source"].removeprefix("Source: ").replace("\n", "; ")
    when = dt.date.today()
    data = "; ".join(f"{table} sha256:{digest}" for table, digest in chart_tables(chart["source"], version).items())
    base = site_url.rstrip("/") + "/" if site_url else ""
    where = f"{base}{report['name']}.html#chart-{n} (data: {base}{csv_name})"
    text = i18n._(
        "{claimant}. \u201c{title}\u201d. In: {heading}, uawar report {where}. Parameters: {parameters}. "
        "Data package: {data}. uawar {version}, rendered {date}."
    ).format(
        claimant=claimant,
        title=chart["title"],
        heading=report["heading"],
        where=where,
        parameters=_params_text(report["params"]),
        data=data,
        version=__version__,
        date=i18n.date(when),
    )
    key = re.sub(r"[^A-Za-z0-9]+", "-", f"uawar-{report['name']}-chart-{n}")
    bib = "\n".join(
        [
            f"@misc{{{key},",
            f"  title = {{{_bibtex_escape(chart['title'])}}},",
            f"  author = {{{_bibtex_escape(claimant)}}},",
            f"  howpublished = {{{_bibtex_escape('uawar report ' + where)}}},",
            f"  note = {{{_bibtex_escape(report['heading'] + '. Parameters: ' + _params_text(report['params']))}."
            f" Data package: {_bibtex_escape(data)}}},",
            f"  version = {{uawar {_bibtex_escape(__version__)}}},",
            f"  year = {{{when:%Y}}},",
            "}",
        ]
    )
    return {"text": text, "bibtex": bib}


def report_files(nb: nbformat.NotebookNode, task: RenderTask) -> dict[str, bytes]:
    """The files that go with a report's HTML (names relative to the site's folder), from its executed
    notebook: each chart's table (<report>--chart-N.csv, from the plots.CHART_MIME output beside its
    PNG), the first chart as the thumbnail, the executed notebook itself, and the text for the search
    index. Notes in the notebook's metadata what the HTML template shows (files, citations, each key figure's
    quote and glossary terms, commands)."""
    from uawar.plots import CHART_MIME

    name = task["name"]
    files: dict[str, bytes] = {f"{name}.ipynb": nbformat.writes(nb).encode("utf-8")}
    charts = [o for cell in nb.cells for o in cell.get("outputs", []) if CHART_MIME in o.get("data", {})]
    about = {"name": name, "heading": nb.metadata["title"], "params": task["params"]}
    for n, output in enumerate(charts, 1):
        chart = output["data"][CHART_MIME]
        csv_name = f"{name}--chart-{n}.csv"
        files[csv_name] = chart["csv"].encode("utf-8")
        cite = citation(about, chart, n, csv_name, task["data_version"], task["site_url"])
        output.setdefault("metadata", {})["uawar"] = {
            "n": n,
            "csv": csv_name,
            "cite_text": cite["text"],
            "cite_bibtex": cite["bibtex"],
        }
        if n == 1 and "image/png" in output["data"]:
            files[f"{name}--thumb.png"] = thumbnail(output["data"]["image/png"])
    figures = [o for cell in nb.cells for o in cell.get("outputs", []) if notebook.QUOTE_MIME in o.get("data", {})]
    base = task["site_url"].rstrip("/")
    for n, output in enumerate(figures, 1):
        figure = output["data"][notebook.QUOTE_MIME]
        output.setdefault("metadata", {})["uawar"] = {
            "n": n,
            "quote": quote(figure, f"{base + '/' if base else ''}{name}.html#figure-{n}"),
            "terms": [(t, i18n._(GLOSSARY_TERMS[t])) for t in figure.get("terms", ()) if t in GLOSSARY_TERMS],
        }
    files[f"{CACHE_DIR}/{name}.txt"] = search_text(nb).encode("utf-8")
    nb.metadata["uawar"] = {
        "sections": SECTIONS,
        "twins": task.get("twins", []),
        "notebook_file": f"{name}.ipynb",
        "path": task["path"],
        "rerun": rerun_commands(task["notebook"], task["path"], task["params"], task["given"]),
    }
    return files


def stale_chart_files(out: Path, name: str, keep: dict[Path, bytes]) -> list[Path]:
    """A report's chart CSVs of an earlier render that the new one no longer has."""
    return [p for p in out.glob(f"{name}--chart-*.csv") if p not in keep]


def thumbnail(png_base64: str) -> bytes:
    """A chart's PNG, shrunk to fit THUMB_SIZE."""
    from PIL import Image

    image = Image.open(io.BytesIO(base64.b64decode(png_base64)))
    image.thumbnail(THUMB_SIZE)
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def search_text(nb: nbformat.NotebookNode) -> str:
    """What a reader sees of a report, as plain text for the search index: the markdown cells and
    the text, Markdown and HTML outputs, each rendered and stripped of its tags (so no Markdown
    escape such as '\\:' remains), and the charts' titles."""
    from xml.sax.saxutils import escape

    from bs4 import BeautifulSoup
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from uawar.plots import CHART_MIME

    parts: list[str] = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(markdown2html_mistune(cell.source))
        for o in cell.get("outputs", []):
            d = o.get("data", {})
            if CHART_MIME in d:
                parts.append(escape(d[CHART_MIME]["title"]))
            elif "text/html" in d:
                parts.append(d["text/html"])
            elif "text/markdown" in d:
                parts.append(markdown2html_mistune(d["text/markdown"]))
    texts = []
    for part in parts:
        soup = BeautifulSoup(part, "html.parser")
        for anchor in soup.select("a.anchor-link"):  # the converter's '¶' beside each heading
            anchor.decompose()
        texts.append(soup.get_text(" "))
    text = " ".join(texts)
    return re.sub(r"\s+", " ", text).strip()[:SEARCH_TEXT_LIMIT]


def _cli_value(value: object) -> str:
    if value is None:
        return "None"
    if isinstance(value, list):
        return ",".join(map(str, value))
    return str(value)


def rerun_commands(name: str, path: str, params: dict, given: list[str]) -> dict[str, str]:
    """One line each to run a report again with the same parameters: with uawar (the given ones;
    the others are the defaults) and with papermill (every one)."""
    uawar = " ".join(
        ["uawar", "render", name] + [f"-p {k} {shlex.quote(_cli_value(params[k]))}" for k in params if k in given]
    )
    papermill = " ".join(
        ["papermill", f"notebooks/{path}", f"{Path(path).stem}--rerun.ipynb"]
        + [
            f"-y {shlex.quote(json.dumps({k: v}))}" if isinstance(v, list) else f"-p {k} {shlex.quote(_cli_value(v))}"
            for k, v in params.items()
        ]
    )
    return {"uawar": uawar, "papermill": papermill}
