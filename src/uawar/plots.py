"""One seaborn theme and the chart functions; every chart states its finding and names its source.

Over 500 lines: every chart goes through the same theme and `finish` (title, source line, alt text, the table it
draws), which one module keeps the same for all of them.

Each chart keeps the table it draws: `finish` attaches it to the figure, and in a notebook every
displayed figure carries it as an extra output (`CHART_MIME`: title, source, alt text, CSV), from
which the report site writes the chart's CSV, its text alternative and its citation."""

from __future__ import annotations

import base64
import functools
import io
import re
from collections.abc import Sequence
from typing import Any

import matplotlib
import matplotlib.dates as mdates
import matplotlib.image as mimage
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
import seaborn as sns
from IPython import get_ipython
from IPython.core.formatters import JSONFormatter
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure, SubFigure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text
from matplotlib.textpath import text_to_path
from matplotlib.transforms import Affine2D
from traitlets import Unicode

from uawar import i18n, markup
from uawar.casualties import SIDE_WORD, period_bounds
from uawar.casualties import Figure as ClaimedFigure
from uawar.claims import allowed_range, hedged, metric_words
from uawar.config import INLINE_BACKEND
from uawar.geography import place_name
from uawar.i18n import N_, _, number, percent
from uawar.suppression import SuppressionBreak
from uawar.taxonomy import REGIONAL_UNITS, class_name, group_of, unit_name

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SOURCE_ATTACK_LOG = N_(
    "Source: Air Force of the Armed Forces of Ukraine, via 'Massive Missile Attacks "
    "on Ukraine' (P. Ivaniuk, CC BY-NC-SA 4.0)"
)
SOURCE_LOSS_SERIES = N_(
    "Source: General Staff of the Armed Forces of Ukraine (claimed figures), via "
    "'2022 Ukraine Russia War Dataset' (P. Ivaniuk, MIT)"
)


CHART_MIME = "application/vnd.uawar.chart+json"
SOURCES = (SOURCE_ATTACK_LOG, SOURCE_LOSS_SERIES)
# The column names of the charts' tables (their CSV headers), translated where written; values stay as they are.
HEADERS = (
    N_("series"),
    N_("from"),
    N_("to"),
    N_("value"),
    N_("month"),
    N_("mean"),
    N_("claimant"),
    N_("stated_on"),
    N_("side"),
    N_("claim_ids"),
    N_("killed_share"),
    N_("wounded_per_killed"),
    N_("wounded_share"),
    N_("kinetic_rate"),
    N_("kinetic_rate_lo"),
    N_("kinetic_rate_hi"),
    N_("claim_id"),
    N_("qualifier"),
    N_("claimed"),
    N_("metric"),
    N_("data"),
    N_("relative_difference"),
    N_("verdict"),
    N_("allowed_low"),
    N_("allowed_high"),
)


def source_line(source: str) -> str:
    """A chart's source lines in the current language: each that is one of SOURCES translated."""
    return "\n".join(_(line) if line in SOURCES else line for line in source.split("\n"))


def _thousands(value: float, _pos: object = None) -> str:
    return number(value)


class PercentAxis(mticker.PercentFormatter):
    """A share axis (0.2 for 20 %; `format_pct` is given the share): matplotlib's ticks, with the decimals it picks
    for the axis's range, in the reader's convention through uawar.i18n.percent (en 20%, uk 20 %)."""

    def __init__(self) -> None:
        super().__init__(1)

    def format_pct(self, x: float, display_range: float) -> str:
        english = super().format_pct(x, display_range)
        if i18n.current() == i18n.SOURCE:
            return english
        return percent(x, len(english.removesuffix(self.symbol).partition(".")[2]))


def set_theme() -> None:
    """The charts' look; in IPython, also make every displayed figure carry its data (CHART_MIME)
    and be drawn once."""
    _register_chart_formatter()
    _draw_once()
    sns.set_theme(
        context="notebook",
        style="whitegrid",
        palette=PALETTE,
        rc={
            "figure.figsize": (9, 4.5),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "figure.constrained_layout.use": True,
            # Titles, labels and ticks hold model names from the data: never read them as TeX math
            # ('$' in a name would fail the chart) and never hand them to a TeX installation.
            "text.parse_math": False,
            "text.usetex": False,
        },
    )


TITLE_FONT: dict[str, Any] = {"fontsize": 13, "fontweight": "bold"}
SOURCE_FONT: dict[str, Any] = {"fontsize": 8, "color": "#555555"}
# A phone's chart: the width it shows at on a 390 px screen (less the page's margins, at most), and the smallest
# text it must show there.
NARROW_WIDTH_PX = 320
MIN_TEXT_PX = 9
# zlib's level 3 for the charts' PNGs: the same pixels as PIL's default 6, in about a tenth fewer bytes and a third
# less time (measured on the 2025 monthly reports' charts).
PNG_OPTIONS = {"compress_level": 3}
# The white margin around a chart's content in its PNG (inches): savefig's default for a tight box.
MARGIN_IN = 0.1


def _legend(ax: plt.Axes, **how: Any) -> None:
    """The axes' legend, its options kept on the axes so that narrow_png can draw it again, under the chart in one
    column."""
    ax._uawar_legend = how  # type: ignore[attr-defined]
    ax.legend(**how)


def finish(
    ax: plt.Axes,
    title: str,
    xlabel: str,
    ylabel: str,
    source: str = SOURCE_ATTACK_LOG,
    data: pd.DataFrame | None = None,
) -> plt.Axes:
    """Title that states the finding, labelled axes with units, and the source line under the chart.
    Titles are computed from the data and can run long: the title (the figure's, from its left edge) and the source
    line wrap at words to the figure's width, measured in their fonts. `data` is the table the chart draws, kept on
    the figure (chart_data) for its CSV and text alternative."""
    fig = ax.figure
    frame = Affine2D()  # the chart's own figure fractions, in the figure png grows around it
    source = source_line(source)
    if data is not None and i18n.current() != i18n.SOURCE:  # the CSV's headers in the reader's language
        data = data.rename(columns=lambda c: _(str(c))).rename_axis(index=lambda n: _(n) if n else n)
    fig._uawar_chart = {  # type: ignore[union-attr]
        "title": title,
        "xlabel": xlabel,
        "ylabel": ylabel,
        "source": source,
        "data": data,
        "frame": frame,
        "title_text": fig.suptitle(title, x=0.01, ha="left", transform=frame + fig.transFigure, **TITLE_FONT),
        "source_text": fig.text(
            0.01, -0.02, source, ha="left", va="top", transform=frame + fig.transFigure, **SOURCE_FONT
        ),
    }
    _fit_texts(fig)  # type: ignore[arg-type]
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    _no_math(fig)
    return ax


def _no_math(fig: Figure | SubFigure) -> None:
    for text in fig.findobj(Text):  # without set_theme too: text from data is never math
        text.set_parse_math(False)


def fit(text: str, width_in: float, size: float, weight: str = "normal") -> str:
    """`text` wrapped at words so that each line is at most `width_in` inches wide in the charts' font of `size` points
    (measured, not counted in characters: a bold capital is wider than an 'i'); its own line breaks kept."""
    prop = FontProperties(size=size, weight=weight)
    room = width_in * 72

    def wide(line: str) -> float:
        return _width(line, prop)

    lines: list[str] = []
    for paragraph in text.split("\n"):
        start = len(lines)
        for word in paragraph.split(" "):
            longer = f"{lines[-1]} {word}" if len(lines) > start else word
            if len(lines) > start and wide(longer) <= room:
                lines[-1] = longer
            else:
                lines.append(word)
    return "\n".join(lines)


@functools.lru_cache(maxsize=4096)
def _width(line: str, prop: FontProperties) -> float:
    """A line's width (points): each chart's texts are wrapped again for its phone rendition and back (a
    measurement costs about a millisecond)."""
    return float(text_to_path.get_text_width_height_descent(line, prop, ismath=False)[0])


def _fit_texts(fig: Figure) -> float:
    """Wrap the chart's title and source line to the figure's current width (less its margins); the height of
    their lines (inches)."""
    kept = fig._uawar_chart  # type: ignore[attr-defined]
    room = fig.get_figwidth() * 0.97
    height = 0.0
    for key, font, weight in (("title", TITLE_FONT, "bold"), ("source", SOURCE_FONT, "normal")):
        text = fit(kept[key], room, font["fontsize"], weight)
        kept[f"{key}_text"].set_text(text)
        height += (text.count("\n") + 1) * font["fontsize"] * 1.2 / 72
    return height


def png(fig: Figure) -> bytes:
    """The figure as a PNG cropped to its content with MARGIN_IN around it, as savefig's tight box crops it. A chart of
    `finish` is laid out and drawn once: the figure grown by the margins and by what hangs under the chart (the source
    line, a phone's legends), constrained layout run once in the chart's own frame inside it, one Agg drawing on the
    renderer that measured its texts, and its pixels cropped (savefig's tight box draws the figure once to measure it,
    then again on a renderer of the cropped size, which measures every text again: benchmarks/PROFILE.md, round 3).
    Content wider than the grown figure (a legend longer than the chart) is cropped by savefig at that layout; another
    figure is saved with the tight box. The figure is left as it was."""
    kept = getattr(fig, "_uawar_chart", None)
    engine = fig.get_layout_engine()
    out = io.BytesIO()
    if kept is None or not isinstance(engine, ConstrainedLayoutEngine):
        fig.savefig(out, format="png", dpi=fig.dpi, bbox_inches="tight", pil_kwargs=PNG_OPTIONS)
        return out.getvalue()
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    size = tuple(fig.get_size_inches())
    pads = engine.get()
    hanging = [kept["source_text"], *fig.legends]
    lowest = min(a.get_window_extent(canvas.get_renderer()).y0 for a in hanging if a.get_visible()) / fig.dpi
    side, top = MARGIN_IN - pads["w_pad"], MARGIN_IN - pads["h_pad"]
    bottom = MARGIN_IN - min(lowest, pads["h_pad"])
    grown = (size[0] + 2 * side, size[1] + top + bottom)
    kept["frame"].scale(size[0] / grown[0], size[1] / grown[1]).translate(side / grown[0], bottom / grown[1])
    try:
        fig.set_size_inches(grown)
        engine.set(rect=(side / grown[0], bottom / grown[1], size[0] / grown[0], size[1] / grown[1]))
        engine.execute(fig)
        kept["title_text"].set_y(1 - pads["h_pad"] / size[1])  # constrained layout puts it under the figure's top
        box = fig.get_tightbbox(canvas.get_renderer()).padded(MARGIN_IN)
        fig.set_layout_engine("none")
        slack = 1 / fig.dpi  # a pixel
        if box.x0 < -slack or box.y0 < -slack or box.x1 > grown[0] + slack or box.y1 > grown[1] + slack:
            # content wider than the chart (a long legend): the tight box's way, at this layout
            fig.savefig(out, format="png", dpi=fig.dpi, bbox_inches=box, pil_kwargs=PNG_OPTIONS)
            return out.getvalue()
        canvas.draw()
        left, right = (max(0, round(x * fig.dpi)) for x in (box.x0, box.x1))
        upper, lower = (max(0, round((grown[1] - y) * fig.dpi)) for y in (box.y1, box.y0))
        pixels = np.asarray(canvas.buffer_rgba())[upper:lower, left:right]
        mimage.imsave(out, pixels, format="png", pil_kwargs=PNG_OPTIONS)
    finally:
        fig.set_layout_engine(engine)
        engine.set(rect=(0, 0, 1, 1))
        fig.set_size_inches(size)
        kept["frame"].clear()
    return out.getvalue()


def narrow_png(fig: Figure) -> tuple[str, float]:
    """The chart drawn again for a phone, as a base64 PNG: as narrow as lets its smallest text show at MIN_TEXT_PX
    when the image is NARROW_WIDTH_PX wide, title, source, axis labels and long bar names rewrapped, the legend drawn
    under the chart in one column; and the size of that smallest text on the image (px). The figure is left as it
    was."""
    smallest = min(float(t.get_fontsize()) for t in fig.findobj(Text) if t.get_text() and t.get_visible())
    size = tuple(fig.get_size_inches())
    below = [(ax, how) for ax in fig.axes if (how := getattr(ax, "_uawar_legend", None))]
    ticks = [(ax, ax.yaxis.get_major_locator(), ax.yaxis.get_major_formatter()) for ax in fig.axes]
    ylabels = [(ax, ax.get_ylabel()) for ax in fig.axes]
    xlabels = [(ax, ax.get_xlabel()) for ax in fig.axes]
    wide = _fit_texts(fig)
    moved = []
    source = fig._uawar_chart["source_text"]  # type: ignore[attr-defined]
    source_y = source.get_position()[1]
    frame = fig._uawar_chart["frame"]  # type: ignore[attr-defined]
    try:
        fig.set_size_inches(min(size[0], smallest * NARROW_WIDTH_PX / (MIN_TEXT_PX * 72)), size[1])
        taller = _fit_texts(fig) - wide  # the rewrapped title's lines
        fig.set_size_inches(fig.get_figwidth(), size[1] + taller)  # room for them, the axes kept as tall
        under = 0.0  # the legends' height under the figure (inches), above the source line
        for ax, how in below:
            handles, labels = ax.get_legend_handles_labels()
            ax.get_legend().remove()  # type: ignore[union-attr]
            font = how.get("fontsize", 10)
            labels = [fit(label, fig.get_figwidth() * 0.7, font) for label in labels]
            at = (0.5, -under / fig.get_figheight())
            moved.append(
                fig.legend(
                    handles,
                    labels,
                    loc="upper center",
                    bbox_to_anchor=at,
                    bbox_transform=frame + fig.transFigure,
                    fontsize=font,
                    frameon=False,
                )
            )
            under += (sum(label.count("\n") + 1 for label in labels) * 1.5 + 1.5) * font / 72
        source.set_y(source.get_position()[1] - under / fig.get_figheight())
        for ax, label in ylabels:
            ax.set_ylabel(fit(label, size[1] * 0.6, float(ax.yaxis.label.get_fontsize())))
        for ax, label in xlabels:
            ax.set_xlabel(fit(label, fig.get_figwidth() * 0.55, float(ax.xaxis.label.get_fontsize())))
        for ax, _, _ in ticks:  # a bar's long name (a claim, a model) on two or more lines
            names = [(t.get_text(), float(t.get_fontsize())) for t in ax.get_yticklabels()]
            if any(len(name) > 12 for name, _ in names):
                ax.set_yticks(ax.get_yticks(), [fit(n, fig.get_figwidth() * 0.35, f) for n, f in names])
        _no_math(fig)
        drawn = png(fig)
    finally:
        fig.set_size_inches(size)
        _fit_texts(fig)
        source.set_y(source_y)
        for legend in moved:
            legend.remove()
        for ax, how in below:
            ax.legend(**how)
        for ax, label in ylabels:
            ax.set_ylabel(label)
        for ax, label in xlabels:
            ax.set_xlabel(label)
        for ax, locator, formatter in ticks:
            ax.yaxis.set_major_locator(locator)
            ax.yaxis.set_major_formatter(formatter)
        _no_math(fig)
    return base64.b64encode(drawn).decode("ascii"), smallest * fig.dpi / 72


def chart_data(fig: object) -> dict | None:
    """What `finish` kept of a figure's chart: title, axis labels, source and the table it draws
    (its index written as the first column), with a text alternative, and the chart drawn for a phone
    (narrow_png, with the size of its smallest text); None for another figure."""
    kept = getattr(fig, "_uawar_chart", None)
    if kept is None or kept["data"] is None:
        return None
    table = kept["data"].reset_index() if _named_index(kept["data"]) else kept["data"]
    narrow, text_px = narrow_png(fig)  # type: ignore[arg-type]
    return {
        "title": kept["title"],
        "source": kept["source"],
        "alt": alt_text(kept["title"], kept["xlabel"], kept["ylabel"], table),
        "csv": markup.csv_text(table),
        "narrow_png": narrow,
        "text_px": round(text_px, 2),
    }


def _named_index(table: pd.DataFrame) -> bool:
    return any(name is not None for name in table.index.names)


def alt_text(title: str, xlabel: str, ylabel: str, table: pd.DataFrame, most: int = 6) -> str:
    """A chart's text alternative from its title and its data: what it plots against what, over how
    many rows, and the range of each numeric column (the first `most`)."""
    axes = _(" against ").join(a for a in (ylabel, xlabel) if a)
    rows = i18n.ngettext("{n} row", "{n} rows", len(table)).format(n=number(len(table)))
    parts = [
        _("Chart: {title}.").format(title=title),
        _("It plots {axes}, {rows}.").format(axes=axes, rows=rows) if axes else f"{rows}.",
    ]
    numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c]) and table[c].notna().any()]
    for col in numeric[:most]:
        values = table[col].dropna()
        whole = (values == values.round()).all()
        lo, hi = (number(v) if whole else i18n.significant(v) for v in (values.min(), values.max()))
        shown = lo if lo == hi else _("from {low} to {high}").format(low=lo, high=hi)
        parts.append(f"{str(col).replace('_', ' ')}: {shown}.")
    return " ".join(parts)


def _draw_once() -> None:
    """With IPython's inline backend, pyplot draws every open figure after each cell (Agg's draw_idle
    draws at once: matplotlib#5800), then the inline backend draws it again into the PNG it shows
    and closes it: the first drawing is never seen, and costs as much as the PNG. Load the backend
    now (which installs pyplot's hook) and remove the hook. Charts stay the same, drawn once. A figure's PNG
    is `png`'s."""
    shell = get_ipython()
    if shell is None or matplotlib.get_backend() != INLINE_BACKEND:
        return
    plt.switch_backend(INLINE_BACKEND)
    plt.uninstall_repl_displayhook()
    shell.display_formatter.formatters["image/png"].for_type(Figure, _inline_png)


def _inline_png(fig: Figure) -> str | None:
    """A displayed figure's PNG, base64 as the inline backend's own formatter gives it; nothing for an empty one."""
    if not fig.axes and not fig.lines:
        return None
    return base64.b64encode(png(fig)).decode("ascii")


def _register_chart_formatter() -> None:
    """In IPython, an extra formatter for matplotlib figures: CHART_MIME, the output of chart_data.
    It matches figures itself: matplotlib's inline backend clears the formatters' Figure entries."""
    shell = get_ipython()
    if shell is None or CHART_MIME in shell.display_formatter.formatters:
        return

    class ChartFormatter(JSONFormatter):
        format_type = Unicode(CHART_MIME)

        def __call__(self, obj: object) -> dict | None:
            return chart_data(obj) if self.enabled and isinstance(obj, Figure) else None

    shell.display_formatter.formatters[CHART_MIME] = ChartFormatter(parent=shell.display_formatter)


# --- air (volumes and interception) ------------------------------------------------------------

_RATE_LABELS = {
    "kinetic_rate": N_("shot down (kinetic)"),
    "suppressed_rate": N_("suppressed (of rows stating it)"),
    "neutralised_rate": N_("shot down + suppressed (of rows stating it)"),
}
_OUTCOMES = {
    "destroyed": N_("shot down"),
    "suppressed": N_("suppressed"),
    "still_attacking": N_("still in the air"),
    "crossed_border": N_("crossed the border"),
    "unaccounted": N_("unaccounted (not the same as hits)"),
}
# The interception charts' CSV headers (finish translates them).
_RATE_HEADERS = (
    N_("bar"),
    N_("launched"),
    N_("destroyed"),
    N_("still_attacking"),
    N_("crossed_border"),
    N_("unaccounted"),
    N_("destroyed_share"),
    N_("suppressed_share"),
    N_("still_attacking_share"),
    N_("crossed_border_share"),
    N_("unaccounted_share"),
    N_("kinetic_rate"),
    N_("kinetic_rate_lo"),
    N_("kinetic_rate_hi"),
    N_("neutralised_rate"),
    N_("neutralised_rate_lo"),
    N_("neutralised_rate_hi"),
    N_("weapon_class"),
)


class _MonthNames(mdates.ConciseDateFormatter):
    """ConciseDateFormatter with the months named as Babel names them in the current language (strftime's names
    are English): a month tick is written 'M05' and named here ('трав.'); days as 7.05, years as 2025."""

    _TICK = re.compile(r"M(\d\d)")

    def format_ticks(self, values: Any) -> list[str]:
        names = i18n.month_abbreviations()
        return [
            names[int(m[1]) - 1] if (m := self._TICK.fullmatch(label)) else label
            for label in super().format_ticks(values)
        ]


def _dates(ax: plt.Axes) -> None:
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    if i18n.current() == i18n.SOURCE:
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    else:
        formats = ["%Y", "M%m", "%d.%m", "%H:%M", "%H:%M", "%S.%f"]
        offsets = ["", "%Y", "%m.%Y", "%d.%m.%Y", "%d.%m.%Y", "%d.%m.%Y %H:%M"]
        ax.xaxis.set_major_formatter(_MonthNames(locator, formats=formats, offset_formats=offsets))


def mark_breaks(ax: plt.Axes, brk: SuppressionBreak, start: str | pd.Timestamp, end: str | pd.Timestamp) -> None:
    """Dashed lines where the reporting of suppression changes (suppression.SuppressionBreak)."""
    lo, hi = mdates.date2num(pd.Timestamp(start)), mdates.date2num(pd.Timestamp(end))
    for i, (day, label) in enumerate(brk.within(start, end)):
        ax.axvline(day, color="#444444", linestyle="--", linewidth=1)
        # Label on the side with more room; a second label sits lower so that close breaks do not collide.
        right = (mdates.date2num(day) - lo) / max(hi - lo, 1) > 0.6
        ax.annotate(
            f"{label}\n({i18n.date(day)})",
            xy=(day, 1 - 0.11 * i),
            xycoords=("data", "axes fraction"),
            xytext=(-4 if right else 4, -4),
            textcoords="offset points",
            ha="right" if right else "left",
            va="top",
            fontsize=8,
            color="#444444",
            backgroundcolor=(1, 1, 1, 0.7),
        )


def volume_chart(table: pd.DataFrame, title: str, period: str, top: int = 4, counted: str = "launched") -> plt.Axes:
    """Stacked bars of launched per period by weapon class (volumes.volumes; `counted`: what the rows count,
    volumes.counted); classes past the `top` largest are summed within their weapon group ("other drones",
    "other missiles", bombs, unknown), so that no bar mixes drones, missiles and bombs."""
    others = {"drones": N_("other drones"), "missiles": N_("other missiles")}
    shown = table[list(table.columns[:top])].copy()
    for col in table.columns[top:]:
        group = group_of(str(col))
        name = others.get(str(group), str(group or col))
        shown[name] = shown.get(name, 0) + table[col]
    fig, ax = plt.subplots()
    width = np.diff(mdates.date2num(shown.index)).min() * 0.85 if len(shown) > 1 else 0.8
    bottom = np.zeros(len(shown))
    for i, col in enumerate(shown.columns):
        ax.bar(
            shown.index,
            shown[col],
            width=width,
            bottom=bottom,
            align="edge",
            label=_(str(col)) if col in others.values() else class_name(str(col)),
            color=PALETTE[i % len(PALETTE)],
            linewidth=0,
        )
        bottom += shown[col].to_numpy()
    _legend(ax, loc="upper left", fontsize=9, frameon=True, ncols=min(3, len(shown.columns)))
    ax.set_ylim(0, bottom.max() * 1.25 if bottom.max() > 0 else 1)
    _count_ticks(ax)
    _dates(ax)
    per = _("{counted} per {period}").format(counted=counted, period=_(period))
    return finish(ax, title, _of_report(period), per, data=shown.rename_axis(f"{period}_start"))


def _count_ticks(ax: plt.Axes) -> None:
    """Counts on the y axis: another language groups their digits as Babel writes them (uk 3 000); English keeps
    matplotlib's (3000), as its pages always showed them."""
    if i18n.current() != i18n.SOURCE:
        ax.yaxis.set_major_formatter(mticker.FuncFormatter(_thousands))


def _of_report(period: str) -> str:
    """An axis of report periods: 'week of report' (`period`: one of volumes.FREQ_WORDS)."""
    return _("{period} of report").format(period=_(period))


def daily_chart(daily: pd.Series, mean: pd.Series, title: str, window: int, counted: str = "launched") -> plt.Axes:
    """Launched per day as thin bars, with a rolling mean line (`counted`: what the rows count, volumes.counted)."""
    fig, ax = plt.subplots()
    that_day = _("{counted} that day").format(counted=counted)
    ax.bar(daily.index, daily, width=1.0, color=PALETTE[4], linewidth=0, label=that_day)
    mean_label = i18n.ngettext("{n}-day mean", "{n}-day mean", window).format(n=window)
    ax.plot(mean.index, mean, color=PALETTE[5], linewidth=2, label=mean_label)
    _legend(ax, loc="upper left", fontsize=9)
    _count_ticks(ax)
    _dates(ax)
    drawn = pd.DataFrame({"launched": daily, f"mean_{window}_days": mean}).rename_axis("report_date")
    per_day = _("{counted} per {period}").format(counted=counted, period=_("day"))
    return finish(ax, title, _("date of report (the day the attack's window ends)"), per_day, data=drawn)


def units_chart(table: pd.DataFrame, title: str, period: str) -> plt.Axes:
    """One line per reporting unit (volumes.volumes by reporting_unit); never summed. A regional command's line
    is its shoot-down tally (launched equals destroyed in nearly all its rows), and is labelled so."""
    fig, ax = plt.subplots()
    for i, col in enumerate(table.columns):
        ax.plot(
            table.index,
            table[col],
            marker="o",
            markersize=3,
            color=PALETTE[i % len(PALETTE)],
            label=unit_name(str(col)) + (_(" (shoot-down tally)") if col in REGIONAL_UNITS else ""),
        )
    ax.set_yscale("symlog", linthresh=10)
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(_thousands))
    ax.set_ylim(0, max(10, table.to_numpy().max()) * 3)
    _legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=4, fontsize=9, frameon=False)
    _dates(ax)
    return finish(
        ax,
        title,
        _of_report(period),
        _("per {period} (tally: shot down), log above 10").format(period=_(period)),
        data=table.rename_axis(f"{period}_start"),
    )


def decomposition_chart(decompositions: dict, title: str) -> plt.Axes:
    """One 100 % bar per Decomposition: what became of the launched, as reported."""
    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.8 * len(decompositions)))
    labels = list(decompositions)
    left = np.zeros(len(labels))
    for i, (field, name) in enumerate(_OUTCOMES.items()):
        shares = np.array([getattr(d, field) / d.launched if d.launched else 0 for d in decompositions.values()])
        ax.barh(labels, shares, left=left, color=PALETTE[i], label=_(name), height=0.6)
        for y, (x0, w) in enumerate(zip(left, shares, strict=True)):
            if w >= 0.06:
                ax.text(
                    x0 + w / 2, y, percent(w, 0), ha="center", va="center", fontsize=9, color="white", fontweight="bold"
                )
        left += shares
    ax.set_xlim(0, max(1, left.max()))
    ax.xaxis.set_major_formatter(PercentAxis())
    ax.invert_yaxis()
    # under the axis label whatever the height of the bars: a pad in font sizes, not a fraction of the axes
    _legend(ax, loc="upper center", bbox_to_anchor=(0.5, 0), borderaxespad=4, ncols=3, fontsize=9, frameon=False)
    drawn = pd.DataFrame(
        [
            {"bar": label.replace("\n", ", "), "launched": d.launched}
            | {field: getattr(d, field) for field in _OUTCOMES}
            | {f"{field}_share": getattr(d, field) / d.launched if d.launched else 0.0 for field in _OUTCOMES}
            for label, d in decompositions.items()
        ]
    )
    return finish(ax, title, _("share of launched (%)"), "", data=drawn)


def rate_chart(
    monthly: pd.DataFrame,
    brk: SuppressionBreak,
    title: str,
    rates: tuple[str, ...] = ("kinetic_rate", "neutralised_rate"),
) -> plt.Axes:
    """Monthly rates (interception.monthly_rates) with 95 % Wilson bands and the suppression break; months
    without reports are gaps, not joined."""
    monthly = monthly.asfreq("MS")
    short = len(monthly) < 3  # too few months for bands: error bars, and an axis kept to the months around
    fig, ax = plt.subplots()
    mid = monthly.index + pd.Timedelta(days=14)  # a month's rate sits mid-month, beside any break inside it
    for i, rate in enumerate(rates):
        if short:
            err = np.vstack([monthly[rate] - monthly[f"{rate}_lo"], monthly[f"{rate}_hi"] - monthly[rate]])
            ax.errorbar(
                mid,
                monthly[rate],
                yerr=err,
                fmt="o",
                capsize=4,
                color=PALETTE[i],
                label=_("{rate}, bars: 95 % Wilson interval").format(rate=_(_RATE_LABELS[rate])),
            )
            continue
        ax.plot(mid, monthly[rate], marker="o", markersize=4, color=PALETTE[i], label=_(_RATE_LABELS[rate]))
        ax.fill_between(
            mid,
            monthly[f"{rate}_lo"],
            monthly[f"{rate}_hi"],
            color=PALETTE[i],
            alpha=0.25,
            linewidth=0,
            label=_("95 % Wilson interval") if i == len(rates) - 1 else None,
        )
    ax.set_ylim(0, 1.3)  # room above 100 % for the break labels
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.yaxis.set_major_formatter(PercentAxis())
    _legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=3, fontsize=9, frameon=False)
    mark_breaks(ax, brk, monthly.index.min(), monthly.index.max() + pd.offsets.MonthEnd(0))
    if short:
        ax.set_xlim(monthly.index.min() - pd.DateOffset(months=1), monthly.index.max() + pd.DateOffset(months=1))
        ax.xaxis.set_major_locator(mdates.MonthLocator())
        # strftime's month names are English: another language writes the month as _dates does (03.2025)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y" if i18n.current() == i18n.SOURCE else "%m.%Y"))
    else:
        _dates(ax)
    drawn = monthly[[c for rate in rates for c in (rate, f"{rate}_lo", f"{rate}_hi")]].rename_axis("month")
    return finish(ax, title, _("month of report"), _("share of launched (%)"), data=drawn)


def rates_by_class_chart(table: pd.DataFrame, title: str, rate: str = "kinetic_rate") -> plt.Axes:
    """One point per group (interception.rates_by) with its 95 % Wilson interval, and n launched."""
    table = table[table["launched"] > 0].sort_values(rate)
    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.45 * len(table)))
    labels = [
        f"{class_name(str(name))} (n={number(n)})" for name, n in zip(table.index, table["launched"], strict=True)
    ]
    err = np.vstack([table[rate] - table[f"{rate}_lo"], table[f"{rate}_hi"] - table[rate]])
    ax.errorbar(table[rate], labels, xerr=err, fmt="o", color=PALETTE[0], capsize=3)
    ax.set_xlim(0, 1.02)
    ax.xaxis.set_major_formatter(PercentAxis())
    drawn = table[["launched", rate, f"{rate}_lo", f"{rate}_hi"]]
    axis = _("{rate}, share of launched (%), bars: 95 % Wilson interval").format(rate=_(_RATE_LABELS[rate]))
    return finish(ax, title, axis, "", data=drawn)


def decoy_chart(monthly: pd.DataFrame, title: str) -> plt.Axes:
    """Launched Shahed-type drones per month (volumes.monthly_decoy_split), stacked: strike drones as the Air Force
    states them ("about N"), decoys and other drones, and the launched of reports that state no split."""
    fig, ax = plt.subplots()
    parts = [
        ("strike", N_("Shahed-type strike drones (about, as stated)"), PALETTE[5]),
        ("decoys_and_other", N_("decoys and other drones"), PALETTE[4]),
        ("not_stated", N_("split not stated"), "#BBBBBB"),
    ]
    bottom = np.zeros(len(monthly))
    for column, label, colour in parts:
        ax.bar(monthly.index, monthly[column], width=20, bottom=bottom, color=colour, label=_(label), align="edge")
        bottom += monthly[column].to_numpy()
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(_thousands))
    _legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=3, fontsize=9, frameon=False)
    _dates(ax)
    return finish(
        ax,
        title,
        _of_report("month"),
        _("Shahed-type drones launched per month"),
        data=monthly.rename_axis("month_start"),
    )


def attack_models_chart(models: pd.DataFrame, title: str) -> plt.Axes:
    """One attack's rows (attack.by_model): launched per model, and beside it the shot down where the row states
    it (a row with no shot-down figure shows no bar, not an empty one)."""
    table = models.iloc[::-1]
    labels = [f"{m} ({t[11:] or i18n.date(t)})" for m, t in zip(table["model"], table["time_end"], strict=True)]
    fig, ax = plt.subplots(figsize=(9, 1.4 + 0.5 * len(table)))
    y = np.arange(len(table))
    ax.barh(y + 0.2, table["launched"].fillna(0), height=0.4, color=PALETTE[0], label=_("launched"))
    stated = table["destroyed"].notna().to_numpy()
    ax.barh(y[stated] - 0.2, table["destroyed"][stated], height=0.4, color=PALETTE[2], label=_("shot down (as stated)"))
    ax.set_yticks(y, labels)
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(_thousands))
    _legend(ax, loc="lower right", fontsize=9, frameon=False)
    drawn = table[["model", "time_start", "time_end", "launched", "destroyed"]]
    return finish(ax, title, _("weapons, as the post states them"), _("model (window end)"), data=drawn)


def attack_context_chart(series: pd.DataFrame, title: str) -> plt.Axes:
    """Launched per attack (attack.context_series) in the days before an attack and the attack itself, in the
    order reported; the attack in another colour."""
    fig, ax = plt.subplots()
    colours = [PALETTE[5] if mine else PALETTE[0] for mine in series["this attack"]]
    ax.bar(range(len(series)), series["launched"].fillna(0), color=colours)
    step = max(1, len(series) // 8)
    ax.set_xticks(range(0, len(series), step), series.index[::step], rotation=30, ha="right", fontsize=8)
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(_thousands))
    return finish(ax, title, _("attack (report date and number that day)"), _("launched per attack"), data=series)


def salvo_chart(by_month: pd.DataFrame, title: str) -> plt.Axes:
    """Launched per month (campaign.sizes_by_month), stacked: in salvos and in routine attacks."""
    fig, ax = plt.subplots()
    routine = by_month["launched"] - by_month["launched in salvos"]
    ax.bar(by_month.index, routine, color=PALETTE[0], label=_("routine attacks"))
    ax.bar(by_month.index, by_month["launched in salvos"], bottom=routine, color=PALETTE[5], label=_("salvos"))
    _month_ticks(ax, by_month.index)
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(_thousands))
    _legend(ax, loc="upper left", fontsize=9, frameon=False)
    drawn = by_month[["launched", "launched in salvos", "salvos", "attacks"]]
    return finish(ax, title, _("month of report"), _("launched per month"), data=drawn)


def _month_ticks(ax: plt.Axes, months: pd.Index) -> None:
    """At most about 12 of a bar chart's months ('2025-03') as its ticks, in the reader's way (uk 03.2025)."""
    step = max(1, len(months) // 12)
    labels = [i18n.month_figures(m) for m in months[::step]]
    ax.set_xticks(range(0, len(months), step), labels, rotation=30, ha="right", fontsize=8)


def daylight_chart(by_month: pd.DataFrame, title: str) -> plt.Axes:
    """The share of each month's timed attacks that came in daylight (campaign.daylight_by_month)."""
    fig, ax = plt.subplots()
    ax.bar(by_month.index, by_month["share in daylight"].fillna(0), color=PALETTE[1])
    _month_ticks(ax, by_month.index)
    ax.yaxis.set_major_formatter(PercentAxis())
    ylabel = _("attacks in daylight, share of those stating a time")
    return finish(ax, title, _("month of report"), ylabel, data=by_month)


def places_chart(shares: pd.DataFrame, title: str) -> plt.Axes:
    """Lines: each place's share of a month's rows that state a launch place (geography.places_by_month)."""
    fig, ax = plt.subplots()
    x = range(len(shares))
    for i, place in enumerate(shares.columns):
        colour = PALETTE[i % len(PALETTE)]
        ax.plot(x, shares[place], marker="o", markersize=3, color=colour, label=place_name(place))
    _month_ticks(ax, shares.index)
    ax.yaxis.set_major_formatter(PercentAxis())
    _legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.25), ncols=3, fontsize=9, frameon=False)
    ylabel = _("share of rows stating a place that name it")
    return finish(ax, title, _("month of report"), ylabel, data=shares)


_VOWELS = set("aeiouyAEIOUYаеєиіїоуюяАЕЄИІЇОУЮЯ")
_DIGRAPHS = {"zh", "kh", "ch", "sh", "ts"}  # one sound each in a transliterated name: never split


def _tile_label(name: str, most: int = 8) -> str:
    """A region's name for its tile, narrow enough for the chart drawn for a phone: a word longer than `most`
    letters is split once, at its hyphen, else at the syllable break nearest its middle that leaves at most `most`
    characters on the first line, its hyphen counted (before a consonant that starts a syllable, or inside a cluster
    after a vowel and a consonant; a vowel on each line): 'Dnipro-' over 'petrovsk', 'Харків-' over 'ська'."""

    def split(word: str) -> str:
        if len(word) <= most:
            return word
        if "-" in word:
            return word.replace("-", "-\n", 1)
        soft = _VOWELS | {"ь", "'", "’"}  # a line never starts with a vowel or a soft sign
        breaks = [
            i
            for i in range(2, min(most, len(word) - 1))
            if word[i] not in soft
            and _VOWELS & set(word[:i])
            and _VOWELS & set(word[i:])
            and word[i - 1 : i + 1].lower() not in _DIGRAPHS
            and (word[i + 1] in _VOWELS or (word[i - 2] in _VOWELS and word[i - 1] not in soft))
        ]
        at = min(breaks, key=lambda i: abs(i - len(word) / 2)) if breaks else len(word) // 2
        return f"{word[:at]}-\n{word[at:]}"

    return "\n".join(split(w) for w in name.split(" "))


def tile_map(counts: pd.Series, grid: dict, title: str) -> plt.Axes:
    """A tile-grid map: one square per region at its (row, column) in `grid`, shaded by `counts` (blank: 0 and
    labelled so), with the count written on it. A schematic: no boundaries."""
    fig, ax = plt.subplots(figsize=(9, 6.5))
    top = max(1, int(counts.max())) if len(counts) else 1
    cmap = plt.get_cmap("Blues")
    for name, (row, col) in grid.items():
        n = int(counts.get(name, 0))
        ax.add_patch(plt.Rectangle((col, -row), 0.95, 0.95, color=cmap(0.1 + 0.85 * n / top)))
        label = _("Kyiv (city)") if name == "Kyiv" else _(name).removesuffix(_(" oblast"))
        ax.text(
            col + 0.47,
            -row + 0.66,
            _tile_label(label),
            ha="center",
            va="center",
            fontsize=7,
            color="black" if n < top / 2 else "white",
        )
        ax.text(
            col + 0.47,
            -row + 0.25,
            number(n),
            ha="center",
            va="center",
            fontsize=9,
            weight="bold",
            color="black" if n < top / 2 else "white",
        )
    ax.set_xlim(-0.1, 1 + max(c for _, c in grid.values()))
    ax.set_ylim(-max(r for r, _ in grid.values()) - 0.1, 1.05)
    ax.set_aspect("equal")
    ax.axis("off")
    drawn = pd.DataFrame({"region": [_(n) for n in grid], "attacks": [int(counts.get(n, 0)) for n in grid]})
    drawn = drawn.set_index("region")
    return finish(ax, title, "", "", data=drawn)


# --- casualties and claims ---------------------------------------------------------------------

_VERDICT_COLOURS = {"matches": PALETTE[2], "consistent": PALETTE[0], "contradicts": PALETTE[5]}


def loss_series_chart(
    personnel: pd.DataFrame,
    milestones: pd.DataFrame,
    as_of: str | pd.Timestamp,
    figures: Sequence[ClaimedFigure],
    title: str,
    source: str,
) -> plt.Axes:
    """The General Staff's cumulative claimed figure, the dates it reached its milestones, the as-of date,
    and other claimants' figures of the same kind (uawar.casualties.Figure) as labelled marks."""
    fig, ax = plt.subplots()
    ax.plot(
        personnel["date"],
        personnel["cumulative"],
        color=PALETTE[0],
        linewidth=1.8,
        label=_("General Staff of Ukraine, cumulative claimed figure"),
    )
    ax.scatter(milestones["date"], milestones["cumulative"], color=PALETTE[0], s=18, zorder=3)
    for r in milestones.itertuples():
        ax.annotate(
            f"{number(r.milestone)}: {i18n.date(r.date.date())}",
            (r.date, r.cumulative),
            xytext=(-6, 4),
            textcoords="offset points",
            ha="right",
            fontsize=8,
            color="#333333",
        )
    ax.axvline(pd.Timestamp(as_of), color="#444444", linestyle=":", linewidth=1)
    ax.annotate(
        _("as of {date}").format(date=i18n.date(pd.Timestamp(as_of).date())),
        (pd.Timestamp(as_of), 0.02),
        xycoords=("data", "axes fraction"),
        xytext=(4, 0),
        textcoords="offset points",
        fontsize=8,
    )
    for i, f in enumerate(figures):
        first, last = (pd.Timestamp(d) for d in period_bounds(f.date))
        colour = PALETTE[(i + 1) % len(PALETTE)]
        if first == last:
            ax.scatter([first], [f.value], marker="D", s=40, color=colour, zorder=4, label=f.label)
        else:
            ax.hlines(f.value, first, last, color=colour, linewidth=3, zorder=4, label=f.label)
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(_thousands))
    top = max([personnel["cumulative"].max()] + [f.value for f in figures])
    ax.set_ylim(0, top * 1.12)
    _legend(ax, loc="upper left", bbox_to_anchor=(0, -0.2), fontsize=8, frameon=False)
    _dates(ax)
    series = _("General Staff of Ukraine, cumulative claimed figure")
    drawn = pd.concat(
        [
            pd.DataFrame(
                {"series": series, "from": personnel["date"], "to": personnel["date"], "value": personnel["cumulative"]}
            ),
            pd.DataFrame(
                {
                    "series": _("milestone reached"),
                    "from": milestones["date"],
                    "to": milestones["date"],
                    "value": milestones["cumulative"],
                }
            ),
            pd.DataFrame(
                [
                    {"series": f.label, "from": pd.Timestamp(a), "to": pd.Timestamp(b), "value": f.value}
                    for f in figures
                    for a, b in [period_bounds(f.date)]
                ],
                columns=["series", "from", "to", "value"],
            ),
        ],
        ignore_index=True,
    )
    return finish(
        ax, title, _("date of report"), _("claimed Russian casualties, cumulative (persons)"), source, data=drawn
    )


def monthly_means_chart(monthly: pd.DataFrame, title: str, source: str) -> plt.Axes:
    """Mean of the daily claimed figure per month (uawar.casualties.monthly_means)."""
    fig, ax = plt.subplots()
    ax.bar(monthly["month"], monthly["mean"], width=25, align="edge", color=PALETTE[0])
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(_thousands))
    _dates(ax)
    return finish(
        ax,
        title,
        _("month of report"),
        _("mean daily claimed Russian casualties (persons per day)"),
        source,
        data=monthly[["month", "mean"]],
    )


def killed_share_chart(ratios: pd.DataFrame, title: str, source: str) -> plt.Axes:
    """Killed and wounded shares of casualties, one bar per claim (uawar.casualties.killed_wounded)."""
    fig, ax = plt.subplots(figsize=(9, 1.6 + 0.7 * len(ratios)))
    labels = [
        _("{claimant}, {stated_on}\n{side} losses [{claims}]").format(
            claimant=r.claimant,
            stated_on=i18n.date(r.stated_on) if len(str(r.stated_on)) == 10 else r.stated_on,
            side=_(SIDE_WORD[r.side]) if SIDE_WORD.get(r.side) else r.side,
            claims=r.claim_ids,
        )
        for r in ratios.itertuples()
    ]
    ax.barh(labels, ratios["killed_share"], color=PALETTE[5], label=_("killed"))
    ax.barh(
        labels,
        1 - ratios["killed_share"],
        left=ratios["killed_share"],
        color=PALETTE[4],
        label=_("wounded (wound cases where so stated)"),
    )
    for y, r in enumerate(ratios.itertuples()):
        ax.annotate(
            _("{share} killed (1 killed : {n} wounded)").format(
                share=percent(r.killed_share), n=number(r.wounded_per_killed, 1)
            ),
            (r.killed_share, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentAxis())
    _legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.25), ncols=2, fontsize=8, frameon=False)
    drawn = ratios[["claimant", "stated_on", "side", "claim_ids", "killed_share", "wounded_per_killed"]].assign(
        wounded_share=1 - ratios["killed_share"]
    )
    return finish(ax, title, _("share of the claim's casualties (%)"), "", source, data=drawn)


def claims_vs_data_chart(checks: pd.DataFrame, tolerance: float, title: str, source: str) -> plt.Axes:
    """Each checked claim's relative difference from the data (uawar.claims.check_against_data), coloured
    by verdict, with the range its hedge allows drawn as a grey bar."""
    rows = checks.dropna(subset=["data"]).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9, 1.6 + 0.45 * len(rows)))
    for y, r in enumerate(rows.itertuples()):
        low, high = allowed_range(r.qualifier, tolerance)
        ax.plot(
            [low, high],
            [y, y],
            color="#bbbbbb",
            linewidth=9,
            solid_capstyle="butt",
            zorder=1,
            label=_("range the hedge allows (tolerance {tolerance})").format(tolerance=percent(tolerance, 0))
            if y == 0
            else None,
        )
    for verdict, colour in _VERDICT_COLOURS.items():
        hit = rows[rows["verdict"] == verdict]
        if not hit.empty:
            ax.scatter(hit["relative_difference"], hit.index, color=colour, s=45, zorder=3, label=_(verdict))
    ax.axvline(0, color="#444444", linewidth=1)
    ax.set_yticks(
        range(len(rows)),
        [
            _("{claim}: {claimed} {metric}").format(
                claim=r.claim_id, claimed=hedged(r.qualifier, r.claimed), metric=metric_words(r.metric)
            )
            for r in rows.itertuples()
        ],
    )
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(-1.5 * tolerance - 0.01, 1.5 * tolerance + 0.01)
    ax.xaxis.set_major_formatter(PercentAxis())
    _legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=4, fontsize=8, frameon=False)
    allowed = [allowed_range(q, tolerance) for q in rows["qualifier"]]
    drawn = rows[["claim_id", "qualifier", "claimed", "metric", "data", "relative_difference", "verdict"]].assign(
        allowed_low=[lo for lo, _ in allowed], allowed_high=[hi for _, hi in allowed]
    )
    return finish(ax, title, _("data's figure minus the claimed figure (% of the claim)"), "", source, data=drawn)
