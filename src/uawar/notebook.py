"""What every notebook shows the same way: the shared caveats, written once (a caveat is one Markdown item,
"**Name.** text", and one that carries a number takes it from an analysis-layer `describe_…` function), the
footer with parameters, data version, the data's reach and uawar version, and the sentence that says the data
ends long before the page."""

from __future__ import annotations

import datetime as dt
import os
import re
from html import escape

import pandas as pd
from IPython.display import HTML, Markdown

from uawar import __version__, data, i18n, sources
from uawar.i18n import N_, _, date
from uawar.suppression import SUPPRESSION_RULE, SuppressionBreak
from uawar.taxonomy import AIR_FORCE as AIR_FORCE  # the air notebooks' claimant

WHOSE_AIR_FIGURES = N_(
    "**Whose figures.** Every count is a claim of the Armed Forces of Ukraine (the Air Force's posts, and on a few "
    "days the General Staff's or the Commander-in-Chief's), posted when the attack's window ends (the morning after a "
    "night attack, the evening of a daytime one) and compiled by P. Ivaniuk. A row is one weapon model in one attack "
    "window; a report's date is the date its window ends. An attack is one nationwide report (one post): a report day "
    "can hold several, so the largest attack and the largest report day are different figures."
)
DECOYS = N_(
    "**Decoys.** `launched` counts Shahed-type drones *and* the decoys (imitation drones) flown with them, so a "
    "count or a rate over Shahed-type rows is over both. From 2025-07-15 many reports also state about how many "
    "were strike drones (the source's `is_shahed`); those figures are shown apart, with the share of the "
    "launched they cover, and shot-down figures still cover both."
)
_BREAK_VOLUMES = N_("It does not change the launched counts shown here, but see notebook 02 for the rates.")
# The caveats a notebook passes to `caveats` as they are (English constants): translated there.
_FIXED = (WHOSE_AIR_FIGURES, DECOYS)


def decoys_caveat(rows: pd.DataFrame) -> str:
    """The decoys caveat where the rows hold Shahed-type drones; nothing for another class."""
    return _(DECOYS) if rows["weapon_class"].eq("shahed_drone").any() else ""


def caveats(*items: str) -> Markdown:
    """The caveats as one Markdown list, in the order given; an empty item (one that does not apply) is left out."""
    return Markdown("\n".join(f"- {_(item) if item in _FIXED else item}" for item in items if item))


def units_caveat(units: str, tallies: str) -> str:
    """Nationwide reports and regional commands' shoot-down tallies, the overlap rule, and which this report
    reads; `tallies`: volumes.describe_regional_tallies."""
    return _(
        "**Nationwide vs regional.** {rule} Regional air commands post tactical drones apart, and their rows are "
        "shoot-down tallies, not launch counts: {tallies}. Summing nationwide and regional reports can count a drone "
        "twice, so they are shown apart (this report: units = `{units}`)."
    ).format(rule=_(data.OVERLAP_RULE), tallies=tallies, units=units)


def blank_caveat(detail: str) -> str:
    """Blank is not zero, with what it means for this report (`detail`, from a `describe_…` function)."""
    return _(
        "**Blank is not zero.** A count the post did not give is blank and left out, never read as 0. {detail}"
    ).format(detail=detail)


def suppression_caveat(brk: SuppressionBreak, start: str, end: str, rates: bool) -> str:
    """The suppression break and what it means for a report of volumes (`rates` False) or of rates."""
    return _("**The suppression break.** {definition} {consequence}").format(
        definition=brk.describe(start, end), consequence=_(SUPPRESSION_RULE if rates else _BREAK_VOLUMES)
    )


STALE_DAYS = 60  # data that ends more than this many days before a page is rendered is called out
TABLE_NAMES = {"air_attacks": N_("the attack log"), "personnel_losses": N_("the General Staff's loss series")}


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
        name = _(TABLE_NAMES[r["table"]]) if r["table"] in TABLE_NAMES else r["table"]
        parts.append(
            _("{table} runs from {first} to {last}").format(table=name, first=date(r["first"]), last=date(r["last"]))
            + (_(" (export: {export})").format(export=export) if export else "")
        )
    return _("Data: {tables}.").format(tables="; ".join(parts)) if parts else ""


def stale_sentence(on: dt.date | None = None) -> str:
    """One plain sentence when a table ends more than STALE_DAYS days before `on` (default: `today()`); '' if none."""
    on = on or today()
    late = [r for r in data.reach() if (on - dt.date.fromisoformat(r["last"])).days > STALE_DAYS]
    if not late:
        return ""
    ends = _(" and ").join(
        _("{table} ends on {last}").format(
            table=_(TABLE_NAMES[r["table"]]) if r["table"] in TABLE_NAMES else r["table"], last=date(r["last"])
        )
        for r in late
    )
    return _("The data ends more than {days} days before this page was rendered: {ends}.").format(
        days=STALE_DAYS, ends=ends
    )


def data_note() -> str:
    """The original datasets, each with its author, its page and its licence, linked; and the site's Data and
    licences page (the licences in full, what a commercial user must clear). HTML, every value escaped."""
    licence = escape(_("licence:"))
    items = "".join(
        f'<li><a href="{escape(d.homepage)}">{escape(d.title)}</a>, {escape(_(d.producer))}; {licence} '
        f'<a href="{escape(d.licence_url)}">{escape(d.licence_title)}</a>.</li>'
        for d in sources.DATASETS
    )
    original, compiled = escape(_("Original data")), escape(_("compiled by P. Ivaniuk:"))
    in_full = escape(_("The licences in full, and what a commercial user must clear:"))
    return (
        f'<div class="uawar-data-note"><p><strong>{original}</strong>, {compiled}</p><ul>{items}</ul>'
        f'<p>{in_full} <a href="data.html">{escape(_("Data and licences"))}</a>.</p></div>'
    )


def footer(params: dict) -> HTML:
    """The parameters, the data tables' sha256 (checked against their files) and the uawar version,
    as HTML built with every value escaped: a parameter holding markup shows as text."""
    rows = "".join(
        f"<tr><td><code>{escape(k)}</code></td><td><code>{escape(repr(v))}</code></td></tr>" for k, v in params.items()
    )
    hashes = "".join(
        f"<tr><td><code>{escape(name)}</code></td><td><code>{escape(h[:16])}</code></td></tr>"
        for name, h in data.data_version().items()
    )
    computed = escape(
        _("Computed with uawar {version}. Data: {package} names each source, its licence and citation.")
    ).format(version=escape(__version__), package="<code>data/datapackage.json</code>")
    about, parameter, value = escape(_("About this report")), escape(_("parameter")), escape(_("value"))
    table, digest = escape(_("data table")), escape(_("sha256 (first 16)"))
    return HTML(
        f"<h3>{about}</h3>"
        f"<table><thead><tr><th>{parameter}</th><th>{value}</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<table><thead><tr><th>{table}</th><th>{digest}</th></tr></thead><tbody>{hashes}</tbody></table>"
        f"<p>{escape(reach_text())}</p>"
        f"{data_note()}"
        f"<p>{computed}</p>"
    )


# --- key figures and their quotes --------------------------------------------------------------------------------

# What must travel with a figure when it is quoted (the front page's findings and the reports' key figures).
ATTACK_CAVEAT = N_(
    "An attack is one nationwide report (one post, its window); a report day can hold several attacks, so the "
    "largest attack and the largest report day are different figures. Launched counts decoys."
)
CASUALTY_CAVEAT = N_(
    "The General Staff's claim about the enemy's losses, not independently verified; casualties are killed and "
    "wounded, not deaths."
)
CLAIMS_CAVEAT = N_(
    "A hedged figure ('about', 'over') is consistent when within the tolerance (10 % by default); most figures in "
    "the registry cannot be checked against these data at all."
)
VOLUMES_CAVEAT = N_(
    "Counts are what the Air Force reported in its nationwide posts, compiled from them; launched counts Shahed-type "
    "drones together with the decoys flown with them; regional commands' tallies are not added."
)
GEOGRAPHY_CAVEAT = N_(
    "Launch places and regions are as the posts state them; a region named as target or hit is not a count of "
    "damage, and many rows name none (the coverage is given with the figure)."
)


INTERCEPTION_CAVEAT = N_(
    "The interval over attacks treats each attack as one cluster; Wilson's treats every drone as independent and is "
    "too narrow."
)
SHAHED_INTERCEPTION_CAVEAT = N_(
    "Launched counts Shahed-type drones together with the decoys flown with them. From 2025-07-24 the posts give one "
    "figure for shot down or suppressed (lost without being shot down, mostly to electronic warfare), so the share is "
    "not comparable with shot down alone before that date. The interval over attacks treats each attack as one "
    "cluster; Wilson's treats every drone as independent and is too narrow."
)


def interception_caveat(weapon_class: str) -> str:
    """The caveat of a shot-down share of `weapon_class` ('shahed_drone' adds the decoys and the merged figure), in
    English: `key_figure` translates it."""
    return SHAHED_INTERCEPTION_CAVEAT if weapon_class in ("shahed_drone", "drones", "all") else INTERCEPTION_CAVEAT


def reports_of(start: str, end: str) -> str:
    """The date of a figure over a period, as its quote gives it: 'reports of 2026-03-01 to 2026-03-31'."""
    return _("reports of {start} to {end}").format(start=i18n.date(start), end=i18n.date(end))


def report_day(rows: pd.DataFrame) -> str:
    """The date of a figure of one attack: its rows' report date (the day its window ends)."""
    return f"{rows['report_date'].max():%Y-%m-%d}"


QUOTE_MIME = "application/vnd.uawar.quote+json"
_TABLES = {"attack_log": "air_attacks", "loss_series": "personnel_losses"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MARKS = str.maketrans("", "", "*`")


class KeyFigure:
    """A key figure as Markdown, carrying what its quote box needs (QUOTE_MIME): the report's template shows the
    box under the figure (claimant, date, the figure in plain text, compiler, licence, reach, caveat, link)."""

    def __init__(self, markdown: str, quote: dict) -> None:
        self.markdown, self.quote = markdown, quote

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        return {"text/markdown": self.markdown, "text/plain": self.markdown, QUOTE_MIME: self.quote}


def plain(markdown: str, items: int | None = None) -> str:
    """The first `items` lines (paragraphs or list items; all by default) of a `describe_...` Markdown text, as one
    line of plain text: no emphasis, no list marks, no escapes."""
    lines = [line.strip().removeprefix("- ") for line in markdown.splitlines() if line.strip()][:items]
    text = ""
    for line in lines:  # a list item ends without a stop: a semicolon between items, a full stop at the end
        text += ("" if not text else " " if text[-1] in ".:;" else "; ") + line
    text = " ".join(text.replace("\\", "").translate(_MARKS).split())
    return text if not text or text[-1] in ".:;" else text + "."


def key_figure(
    markdown: str,
    claimant: str,
    date: str,
    caveat: str,
    dataset: str = "attack_log",
    terms: tuple[str, ...] = (),
    items: int | None = None,
) -> KeyFigure:
    """A key figure (`markdown`, from a `describe_...` function) with its quote: the first `items` lines of it in
    plain text, who claims it and when, the caveat that must go with it, the source dataset (uawar.sources:
    attack_log, loss_series or claims) and how far its table reaches, and the glossary terms it uses."""
    reach = {r["table"]: r["last"] for r in data.reach()}.get(_TABLES.get(dataset, ""))
    return KeyFigure(
        markdown,
        {
            "claimant": _(claimant),  # in the report's language (uawar.i18n), as the caveat: constants marked N_
            "date": i18n.date(date) if _ISO_DATE.fullmatch(date) else date,
            "text": plain(markdown, items),
            "caveat": _(caveat),
            "dataset": dataset,
            "reach": _("Data to {date}").format(date=i18n.date(reach)) if reach else "",
            "terms": list(terms),
        },
    )
