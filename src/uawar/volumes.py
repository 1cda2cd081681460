"""Attack volumes (notebook 01): launched per period, the largest attacks and report days, the stated split of
strike drones and decoys, and the sentences that carry these numbers.

Over 500 lines: its prose is notebook 01's (every sentence that carries a number), kept beside the figures it states.

Caveats that hold for every function here:

- Counts come from the Air Force's own posts (claims of one side, posted when each attack's window ends).
- `launched` counts drones *and decoys*.
- A blank count means "not reported", never zero; sums skip blanks.
- National Air Force reports and regional air commands' reports can count the same drone twice:
  analyses use one or the other, and `volumes` refuses to sum them unless asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from uawar import data
from uawar.data import REGIONAL_LABEL
from uawar.i18n import N_, _, date, month, ngettext, number, percent
from uawar.markup import text
from uawar.taxonomy import NATIONAL_UNITS, REGIONAL_UNITS, WEAPON_GROUPS, class_name, group_of

FREQS = {"day": "D", "week": "W-SUN", "month": "M", "year": "Y"}
# Each period as prose ('busiest week'), translated where shown.
FREQ_WORDS = {"day": N_("day"), "week": N_("week"), "month": N_("month"), "year": N_("year")}
# The columns of this module's tables as the charts' CSVs name them (plots.finish translates a column's name).
HEADERS = (
    N_("day_start"),
    N_("week_start"),
    N_("month_start"),
    N_("year_start"),
    N_("report_date"),
    N_("mean_7_days"),  # daily_chart's mean over the notebook's window
    N_("strike"),
    N_("decoys_and_other"),
    N_("not_stated"),
    N_("rows_stated"),
    N_("rows"),
)
UNIT_WORDS = {"national": N_("national"), "regional": N_("regional"), "all": N_("all")}


# --- selections and how much of them a figure rests on --------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """How much of a selection a figure rests on: stated in `rows` of `rows_total` report rows, `launched` of
    `launched_total` launched."""

    rows: int
    rows_total: int
    launched: int
    launched_total: int

    @property
    def measurable(self) -> bool:
        """A rate stands for the period only when its rows hold at least half of the launched."""
        return self.launched_total > 0 and 2 * self.launched >= self.launched_total

    def __str__(self) -> str:
        return ngettext(
            "stated in {rows} of {total} report row, {launched} of {launched_total} launched",
            "stated in {rows} of {total} report rows, {launched} of {launched_total} launched",
            self.rows_total,
        ).format(
            rows=number(self.rows),
            total=number(self.rows_total),
            launched=number(self.launched),
            launched_total=number(self.launched_total),
        )


def report_rows(n: int) -> str:
    """'n report rows', for prose."""
    return ngettext("{n} report row", "{n} report rows", n).format(n=number(n))


def total(s: pd.Series) -> int:
    """The sum of a count column; blanks (not reported) are skipped, never read as 0."""
    return int(s.sum(skipna=True))


def _mixes_units(df: pd.DataFrame) -> bool:
    units = set(df["reporting_unit"].dropna())
    return bool(units & set(NATIONAL_UNITS)) and bool(units & set(REGIONAL_UNITS))


def _check_units(df: pd.DataFrame, combine_units: bool) -> None:
    if not combine_units and _mixes_units(df):
        raise ValueError(
            "rows mix national and regional reports, which can count the same drone twice: "
            "select one (data.select(units=...)), group by reporting_unit, or pass combine_units=True"
        )


# --- volumes --------------------------------------------------------------------------------------


def volumes(
    df: pd.DataFrame, freq: str = "week", by: str | None = "weapon_class", combine_units: bool = False
) -> pd.DataFrame:
    """Launched per period (rows: each period's first day, every period from the first to the last
    report, 0 where no report) and per group (columns; one column `launched` when by is None).

    Raises ValueError when the rows mix national and regional reports and `by` does not keep them
    apart, unless `combine_units` (the same drone may be counted twice)."""
    if freq not in FREQS:
        raise ValueError(f"freq: unknown {freq!r}; allowed: {', '.join(FREQS)}")
    _check_units(df, combine_units or by == "reporting_unit")
    period = df["report_date"].dt.to_period(FREQS[freq]).rename("period")
    keys = [period] if by is None else [period, df[by]]
    table = df["launched"].groupby(keys, observed=True).sum().astype("int64")
    table = table.to_frame("launched") if by is None else table.unstack(fill_value=0)
    if table.empty:
        return table
    full = pd.period_range(period.min(), period.max(), freq=FREQS[freq], name="period")
    table = table.reindex(full, fill_value=0)
    table.index = table.index.start_time.rename("period")
    if by is not None:
        table = table[table.sum().sort_values(ascending=False, kind="stable").index]
        table.columns.name = by
    return table


def period_label(first_day: str | pd.Timestamp, freq: str) -> str:
    """A period named for prose, from its first day: '2025-07-09', 'the week starting 2025-07-07',
    'July 2025', '2025'."""
    day = pd.Timestamp(first_day).date()
    return {
        "day": date(day),
        "week": _("the week starting {date}").format(date=date(day)),
        "month": month(day),
        "year": f"{day:%Y}",
    }[freq]


def rolling_mean(totals: pd.Series | pd.DataFrame, window: int = 7) -> pd.Series | pd.DataFrame:
    """Mean over the last `window` periods (NaN until `window` periods exist)."""
    return totals.rolling(window, min_periods=window).mean()


def period_change(totals: pd.Series) -> pd.DataFrame:
    """Each period against the one before: total, previous, absolute change and % change."""
    prev = totals.shift(1)
    out = pd.DataFrame({"launched": totals, "previous": prev, "change": totals - prev})
    out["pct_change"] = np.where(prev > 0, 100 * out["change"] / prev.where(prev > 0), np.nan)
    return out


def _models(rows: pd.DataFrame) -> str:
    """'model (count)' of the rows, largest first."""
    part = rows.groupby("model")["launched"].sum().sort_index().sort_values(ascending=False, kind="stable")
    return ", ".join(f"{m} ({number(v)})" for m, v in part.items())


def largest_report_days(df: pd.DataFrame, n: int = 10, combine_units: bool = False) -> pd.DataFrame:
    """The n report dates with the most launched (ties: earlier date first): a report day can hold several
    attacks (a night and a daytime one), counted in `attacks` (0 for rows of no nationwide attack), with their
    models, largest first, as "model (count)". Not the largest attack: see `largest_attacks`."""
    _check_units(df, combine_units)
    rows = df.dropna(subset=["launched"])
    totals = rows.groupby("report_date")["launched"].sum().astype("int64")
    top = totals.sort_index().sort_values(ascending=False, kind="stable").head(n)
    days = [rows[rows["report_date"] == day] for day in top.index]
    return pd.DataFrame(
        {
            "report_date": top.index,
            "launched": top.to_numpy(),
            "attacks": [int(d["attack_id"].nunique()) for d in days],
            "models": [_models(d) for d in days],
        }
    )


def largest_attacks(df: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The n attacks (waves: `attack_id`, one nationwide post on one report date) with the most launched among
    the selected rows (ties: earlier first), with the span of their rows' windows and their models. Empty for
    rows of no nationwide attack (regional commands' tallies, other sources)."""
    rows = df.dropna(subset=["launched", "attack_id"])
    totals = rows.groupby("attack_id")["launched"].sum().astype("int64")
    top = totals.sort_index().sort_values(ascending=False, kind="stable").head(n)
    waves = [rows[rows["attack_id"] == a] for a in top.index]
    return pd.DataFrame(
        {
            "attack_id": top.index,
            "report_date": pd.to_datetime(pd.Series([w["report_date"].iloc[0] for w in waves], dtype=object)),
            "time_start": pd.Series([w["time_start"].min() for w in waves], dtype=object),
            "time_end": pd.Series([w["time_end"].max() for w in waves], dtype=object),
            "launched": top.to_numpy(),
            "models": [_models(w) for w in waves],
            "source_ref": pd.Series(
                [w["source_ref"].iloc[0] if "source_ref" in w else None for w in waves], dtype=object
            ),
        },
        index=pd.RangeIndex(len(top)),
    )


def share_table(values: pd.Series) -> pd.DataFrame:
    """Counts with their share of the total, largest first."""
    values = values.sort_values(ascending=False, kind="stable")
    return pd.DataFrame({"launched": values.astype("int64"), "share": values / values.sum()})


@dataclass(frozen=True)
class VolumeSummary:
    """The key figures of a selection's volumes."""

    start: pd.Timestamp
    end: pd.Timestamp
    freq: str
    launched: int
    rows: int
    days: int  # calendar days in the selection's span
    days_reported: int  # days with at least one report row
    by_class: pd.DataFrame  # share_table by weapon class
    largest_attack: pd.Series | None  # largest_attacks' first row; None when no row is of a nationwide attack
    largest_day: pd.Series  # largest_report_days' first row: a report day can hold several attacks
    busiest: tuple[pd.Timestamp, int]  # the period with the most launched
    change: pd.Series | None  # the last whole period in the span against the one before (period_change row)
    launched_blank: int  # rows without a launched figure, left out of every sum


def volume_summary(
    df: pd.DataFrame,
    freq: str = "week",
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    combine_units: bool = False,
) -> VolumeSummary:
    """Key figures of a selection (`start`/`end` set the span of days; default: the rows' own)."""
    table = volumes(df, freq, by=None, combine_units=combine_units)["launched"]
    first = pd.Timestamp(start) if start is not None else df["report_date"].min()
    last = pd.Timestamp(end) if end is not None else df["report_date"].max()
    periods = table.index.to_period(FREQS[freq])
    whole = table[(periods.start_time >= first) & (periods.end_time.normalize() <= last)]
    changes = period_change(whole).dropna(subset=["previous"])
    return VolumeSummary(
        start=first,
        end=last,
        freq=freq,
        launched=total(df["launched"]),
        rows=len(df),
        days=(last - first).days + 1,
        days_reported=df["report_date"].nunique(),
        by_class=share_table(df.groupby("weapon_class")["launched"].sum()),
        largest_attack=next((r for _, r in largest_attacks(df, 1).iterrows()), None),
        largest_day=largest_report_days(df, 1, combine_units).iloc[0],
        busiest=(table.idxmax(), int(table.max())),
        change=changes.iloc[-1].rename(changes.index[-1]) if len(changes) else None,
        launched_blank=int(df["launched"].isna().sum()),
    )


# --- decoys: Shahed-type strike drones apart from decoys and other drones -------------------------


@dataclass(frozen=True)
class DecoySplit:
    """Where a report states how many of the launched Shahed-type drones were strike drones (`real_shaheds`,
    the source's `is_shahed`, a rounded "about N"): the strike drones, and the rest of the launched of those
    rows (decoys and other drones). `coverage`: how much of the selection states it. The posts give shot-down
    figures for all of them together, so no rate exists for strike drones alone."""

    strike: int
    launched_stated: int  # launched in the rows that state the split
    coverage: Coverage

    @property
    def decoys_and_other(self) -> int:
        return self.launched_stated - self.strike

    @property
    def strike_share(self) -> float:
        return self.strike / self.launched_stated if self.launched_stated else np.nan


def decoy_split(df: pd.DataFrame) -> DecoySplit:
    """The stated split of a selection's Shahed-type rows (pass `data.select(..., weapon_class="shahed_drone")`)."""
    stated = df["real_shaheds"].notna()
    launched = total(df.loc[stated, "launched"])
    return DecoySplit(
        strike=total(df.loc[stated, "real_shaheds"]),
        launched_stated=launched,
        coverage=Coverage(int(stated.sum()), len(df), launched, total(df["launched"])),
    )


def describe_decoys(split: DecoySplit) -> str:
    """One sentence on the stated split, with its coverage."""
    if not split.coverage.rows:
        return _(
            "No report in this selection states how many of the launched were Shahed-type strike drones "
            "({rows}); the source gives that figure from 2025-07-15 on."
        ).format(rows=report_rows(split.coverage.rows_total))
    return _(
        "Where the Air Force states it, about {strike} of {launched} launched were Shahed-type strike drones "
        "({share}; its own rounded figures, 'about N'), and about {decoys} decoys and other drones; the split is "
        "{coverage}. Shot-down figures cover strike drones and decoys together, so no rate for strike drones alone "
        "can be computed."
    ).format(
        strike=number(split.strike),
        launched=number(split.launched_stated),
        share=percent(split.strike_share, 0),
        decoys=number(split.decoys_and_other),
        coverage=split.coverage,
    )


def monthly_decoy_split(df: pd.DataFrame) -> pd.DataFrame:
    """Per calendar month of report (index: the month's first day): `strike` (about N), `decoys_and_other`
    (the rest of the launched in the rows that state the split) and `not_stated` (launched in rows that do
    not), summing to all launched; `rows_stated` of `rows`."""
    month = df["report_date"].dt.to_period("M").rename("month")
    stated = df["real_shaheds"].notna()
    launched = df["launched"].fillna(0)
    parts = pd.DataFrame(
        {
            "strike": df["real_shaheds"].where(stated, 0).fillna(0),
            "decoys_and_other": (launched - df["real_shaheds"].fillna(0)).where(stated, 0),
            "not_stated": launched.where(~stated, 0),
            "rows_stated": stated.astype(int),
            "rows": 1,
        }
    )
    out = parts.groupby(month).sum().astype("int64")
    out.index = out.index.to_timestamp()
    return out


def describe_decoy_chart(monthly: pd.DataFrame) -> str:
    """The title of the chart of the stated split of Shahed-type drones by month."""
    stated = int(monthly["strike"].sum() + monthly["decoys_and_other"].sum())
    total = stated + int(monthly["not_stated"].sum())
    return _(
        "Shahed-type drones launched per month; the reports state the strike-drone split for {stated} of {total}"
    ).format(stated=number(stated), total=number(total))


# --- regional commands ----------------------------------------------------------------------------


def regional_tallies(attacks: pd.DataFrame) -> tuple[int, int]:
    """Of the regional commands' drone rows that give both figures, how many give launched equal to destroyed:
    (equal, all). Nearly all: those rows count drones shot down, not drones launched (data.REGIONAL_LABEL)."""
    rows = data.select(attacks, weapon_class="drones", units="regional").dropna(subset=["launched", "destroyed"])
    return int((rows["launched"] == rows["destroyed"]).sum()), len(rows)


def describe_regional_tallies(attacks: pd.DataFrame) -> str:
    """The count that shows regional commands' rows are shoot-down tallies (a clause, for a caveat)."""
    equal, rows = regional_tallies(attacks)
    return _("in {equal} of the {rows} regional drone rows that give both figures, launched equals destroyed").format(
        equal=number(equal), rows=number(rows)
    )


# --- prose (every sentence of notebook 01 that carries a number) ----------------------------------


def value_range(values: pd.Series, fmt: str | None = None) -> str:
    """'from A to B' over the values (whole numbers in the current language, or as `fmt` writes them), or just 'A'
    when they do not differ as shown (for titles)."""
    lo, hi = (number(v) if fmt is None else fmt.format(v) for v in (values.min(), values.max()))
    return lo if lo == hi else _("from {low} to {high}").format(low=lo, high=hi)


def _signed(value: float, decimals: int = 0) -> str:
    """A change with its sign, in the current language: +1,231 (a count, grouped), -10.6 and +5400.0 (a percentage,
    never grouped, as the pages always wrote it); nan as +nan."""
    return ("-" if value < 0 else "+") + number(abs(value), decimals, grouped=not decimals)


def _moment(value: str) -> str:
    """A window's end ('2025-09-06 17:00') with its date in the current language."""
    return f"{date(value)} {value[11:]}".strip()


# A selection too short to compare its periods, for each period.
_NO_CHANGE = {
    "day": N_("the period holds fewer than two whole days: no change to show"),
    "week": N_("the period holds fewer than two whole weeks: no change to show"),
    "month": N_("the period holds fewer than two whole months: no change to show"),
    "year": N_("the period holds fewer than two whole years: no change to show"),
}


def describe_volumes(key: VolumeSummary, units: str, weapon_class: str) -> str:
    """The key figures of a selection's volumes as Markdown (model names from the data escaped)."""
    freq = key.freq
    classes = ", ".join(
        f"{class_name(str(c))} {number(r.launched)} ({percent(r.share)})" for c, r in key.by_class.head(3).iterrows()
    )
    if key.change is None:
        change = _(_NO_CHANGE[freq])
    else:
        c = key.change
        change = _(
            "last whole {freq} in the period ({period}): {launched} launched, {change} ({pct} %) against the {freq} "
            "before"
        ).format(
            freq=_(FREQ_WORDS[freq]),
            period=period_label(c.name, freq),
            launched=number(c["launched"]),
            change=_signed(c["change"]),
            pct=_signed(c["pct_change"], 1),
        )
    tallies = (
        _(" ({label}: their 'launched' counts drones shot down)").format(label=_(REGIONAL_LABEL))
        if units == "regional"
        else ""
    )
    # {units} and {weapon_class} are the parameters' values as written; {units_name} and {class_name} the same in
    # words of the page's language, for a translation to use.
    selection = _(
        "Reports of **{units}** units{tallies}, weapon class **{weapon_class}**, report dates {start} to {end} "
        "(claims of the Ukrainian Air Force, each posted when its attack's window ends: the morning after a night "
        "attack, the evening of a daytime one):"
    ).format(
        units=text(units),
        units_name=_(UNIT_WORDS[units]) if units in UNIT_WORDS else text(units),
        tallies=tallies,
        weapon_class=text(weapon_class),
        class_name=text(class_name(weapon_class)),
        start=date(key.start.date()),
        end=date(key.end.date()),
    )
    launched = _(
        "**{launched} launched** in {rows} report rows on {days_reported} of the {days} days, {mean} a day on average"
    ).format(
        launched=number(key.launched),
        rows=number(key.rows),
        days_reported=number(key.days_reported),
        days=number(key.days),
        mean=number(key.launched / key.days, 1),
    )
    busiest = _("busiest {freq}: {period}, {launched} launched").format(
        freq=_(FREQ_WORDS[freq]), period=period_label(key.busiest[0], freq), launched=number(key.busiest[1])
    )
    return "\n".join(
        [
            selection + "\n",
            f"- {launched}",
            "- " + _("by weapon group: {groups}").format(groups=describe_groups(key)),
            "- " + _("by weapon class: {classes}").format(classes=classes),
            describe_largest(key),
            f"- {busiest}",
            f"- {change}",
        ]
    )


def describe_groups(key: VolumeSummary) -> str:
    """Launched by weapon group: drones, missiles and bombs each apart (bombs are neither), then unknown."""
    groups = key.by_class["launched"].groupby(lambda c: group_of(str(c)) or str(c)).sum()
    order = [g for g in (*WEAPON_GROUPS, "unknown") if g in groups.index]
    return ", ".join(f"{class_name(g)} {number(groups[g])}" for g in order)


def describe_largest(key: VolumeSummary) -> str:
    """The largest attack (one nationwide report, with its window) and the largest report day (which can add
    several attacks), each labelled, as two Markdown list items."""
    day = key.largest_day
    attacks = int(day["attacks"])
    several = ngettext(" in {n} attack", " in {n} attacks", attacks).format(n=number(attacks)) if attacks > 1 else ""
    day_line = "- " + _("largest report day: **{launched} launched** on {date}{several} ({models})").format(
        launched=number(day["launched"]),
        date=date(day["report_date"].date()),
        several=several,
        models=text(day["models"]),
    )
    a = key.largest_attack
    if a is None:
        return "- " + _("largest attack: none (no row of this selection is of a nationwide report)") + "\n" + day_line
    attack = _(
        "largest attack: **{launched} launched** in one nationwide report, window {start} to {end} (reported {date}; "
        "{models})"
    ).format(
        launched=number(a["launched"]),
        start=_moment(a["time_start"]),
        end=_moment(a["time_end"]),
        date=date(a["report_date"].date()),
        models=text(a["models"]),
    )
    return f"- {attack}\n" + day_line


def counted(units: str) -> str:
    """What the selected rows count, for titles and axes: a regional command's 'launched' is its shoot-down
    tally (data.REGIONAL_LABEL), never a launch count."""
    return _("shot down (regional tallies)") if units == "regional" else _("launched")


def describe_volume_chart(key: VolumeSummary, units: str) -> str:
    """The title of the chart of launched per period."""
    return _("{total} {counted}; the most, {most}, in {period}").format(
        total=number(key.launched),
        counted=counted(units),
        most=number(key.busiest[1]),
        period=period_label(key.busiest[0], key.freq),
    )


def describe_lead_class(key: VolumeSummary) -> str:
    """The weapon class with the most launched, and its share."""
    return _(
        "**{name}** make up {share} of the launched in this selection (Shahed-type counts include the decoys flown "
        "with them)."
    ).format(name=class_name(str(key.by_class.index[0])), share=percent(key.by_class["share"].iloc[0], 0))


def describe_daily(mean: pd.Series, window: int, units: str) -> str:
    """The title of the day-by-day chart."""
    return ngettext(
        "{counted} per day; the {window}-day mean {range}", "{counted} per day; the {window}-day mean {range}", window
    ).format(counted=counted(units).capitalize(), window=window, range=value_range(mean))


def describe_blank_launched(key: VolumeSummary) -> str:
    """The rows left out of the volumes because they give no launched figure."""
    return _(
        "{n} row(s) in this selection give no launched figure and are left out of every sum; a period with no row "
        "shows 0, which means no report, not proof of no attack."
    ).format(n=number(key.launched_blank))


def largest_attacks_table(waves: pd.DataFrame) -> pd.DataFrame:
    """`largest_attacks` for reading (strings left for to_html to escape)."""
    return pd.DataFrame(
        {
            _("window"): _windows(waves),
            _("report date"): waves["report_date"].map(_date),
            _("launched"): waves["launched"].map(number),
            _("models (launched)"): waves["models"],
            _("post"): waves["source_ref"].fillna(""),  # markup.html_table links it to the post
        }
    )


def _windows(rows: pd.DataFrame) -> pd.Series:
    """Each row's window, 'start to end', in the current language."""
    return pd.Series(
        [
            _("{start} to {end}").format(start=_moment(a), end=_moment(b))
            for a, b in zip(rows["time_start"], rows["time_end"], strict=True)
        ],
        index=rows.index,
        dtype=object,
    )


def _date(day: pd.Timestamp) -> str:
    return date(day.date())


def largest_report_days_table(days: pd.DataFrame) -> pd.DataFrame:
    """`largest_report_days` for reading (strings left for to_html to escape)."""
    return pd.DataFrame(
        {
            _("report date"): days["report_date"].map(_date),
            _("launched"): days["launched"].map(number),
            _("attacks"): days["attacks"].map(number),
            _("models (launched)"): days["models"],
        }
    )


def period_change_table(changes: pd.DataFrame) -> pd.DataFrame:
    """`period_change` for reading: blank where there is no period before."""

    def fmt(shown: Callable[[float], str], values: pd.Series) -> pd.Series:
        return values.map(lambda v: "" if pd.isna(v) else shown(v))

    return pd.DataFrame(
        {
            _("period starting"): [_date(d) for d in changes.index],
            _("launched"): fmt(number, changes["launched"]).to_numpy(),
            _("previous"): fmt(number, changes["previous"]).to_numpy(),
            _("change"): fmt(_signed, changes["change"]).to_numpy(),
            _("change (%)"): fmt(lambda v: f"{_signed(v, 1)} %", changes["pct_change"]).to_numpy(),
        }
    )


def describe_units_chart(by_unit: pd.DataFrame) -> str:
    """The title of the chart of nationwide reports and regional commands' shoot-down tallies, shown apart."""
    nationwide = int(by_unit[[c for c in by_unit.columns if c in NATIONAL_UNITS]].to_numpy().sum())
    regional = int(by_unit[[c for c in by_unit.columns if c in REGIONAL_UNITS]].to_numpy().sum())
    return _(
        "Nationwide reports: {nationwide} launched; regional air commands' shoot-down tallies: {regional} shot down "
        "(not summed)"
    ).format(nationwide=number(nationwide), regional=number(regional))


def describe_log_coverage(coverage: pd.DataFrame, start: str | pd.Timestamp, end: str | pd.Timestamp) -> str:
    """How much of a period the log covers (`coverage`: data.load_coverage), by year: what a yearly or
    multi-year total rests on."""
    lo, hi = pd.Timestamp(start).strftime("%Y-%m"), pd.Timestamp(end).strftime("%Y-%m")
    months = coverage[(coverage["month"] >= lo) & (coverage["month"] <= hi)]
    years = months.groupby(months["month"].str[:4])[["report_days", "days"]].sum()
    parts = ", ".join(
        _("{year}: {n} of {days} days").format(year=y, n=number(r.report_days), days=number(r.days))
        for y, r in years.iterrows()
    )
    return _(
        "**Coverage of the log.** Days with a nationwide report in the log ({years}; whole months of the period, "
        "within the log's first and last report): a total is what the log holds, not all that was launched, and "
        "before 2025 many days have no nationwide report in it."
    ).format(years=parts)


# --- other sources and possible repeats, listed apart ---------------------------------------------


def listed_rows_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows listed apart (other sources, possible repeats) for reading: when, what, how many, and the post."""
    return pd.DataFrame(
        {
            _("report date"): rows["report_date"].map(_date),
            _("window"): _windows(rows),
            _("model"): rows["model"],
            _("launched"): rows["launched"].map(lambda v: "" if pd.isna(v) else number(v)),
            _("shot down"): rows["destroyed"].map(lambda v: "" if pd.isna(v) else number(v)),
            _("post"): rows["source_ref"].fillna(""),
            **({_("repeat"): rows["repeat"]} if "repeat" in rows else {}),
        }
    )


def describe_other_sources(rows: pd.DataFrame) -> str:
    """How many rows cite another source, and that they are in no total."""
    if rows.empty:
        return _("No row of this period cites a source other than the nationwide bodies and the regional commands.")
    return _(
        "{n} row(s) of this period cite neither a nationwide body nor a regional air command (an oblast "
        "administration, the intelligence directorate, monitoring channels): {launched} launched in all, listed here "
        "and added to no total."
    ).format(n=number(len(rows)), launched=number(total(rows["launched"])))


def describe_repeats(rows: pd.DataFrame) -> str:
    """How many nationwide rows the build flags as possible repeats (data.possible_repeats), and that they are
    kept."""
    if rows.empty:
        return _("No nationwide row of this period repeats another's model and window.")
    posts = rows.groupby(["model", "time_start", "time_end"])["source_ref"].transform("nunique")
    across = int((posts > 1).sum())
    return _(
        "{n} nationwide rows of this period name the same model over the same window as another row ({within} "
        "within one post, {across} across posts; the build's flags duplicate_row and repeated_window): possibly one "
        "salvo counted twice, possibly two salvos. They are kept in every total, as the posts give them, and listed "
        "here to be judged."
    ).format(n=number(len(rows)), within=number(len(rows) - across), across=number(across))
