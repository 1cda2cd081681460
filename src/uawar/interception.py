"""Interception rates (notebook 02): the decomposition of the launched, with intervals over attacks and Wilson's.

Over 500 lines: its prose is notebook 02's (every sentence that carries a number), kept beside the rates it states.

Caveats that hold for every function here:

- Counts come from the Air Force's own posts (claims of one side, posted when each attack's window ends).
- `launched` counts drones *and decoys*; a rate over Shahed-type rows is a rate over both.
- A blank count means "not reported", never zero; every rate's denominator is the launched of the rows that
  state its numerator.
- Intervals treat each drone as an independent trial. The drones of one wave are not independent
  (same route, same air defence, same weather), so the intervals are optimistic: too narrow.
- National Air Force reports and regional air commands' reports can count the same drone twice:
  analyses use one or the other (`data.select`).
- How suppression is reported changes over the log (`suppression`): a rate across the change mixes two
  definitions of "shot down".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import binomtest
from scipy.stats import t as t_dist

from uawar.i18n import N_, _, date, month, ngettext, number, percent
from uawar.markup import text
from uawar.suppression import NO_BREAK, SuppressionBreak, suppression_break, suppression_stated
from uawar.taxonomy import class_name, weapons_name
from uawar.volumes import Coverage, decoy_split, describe_decoys, report_rows, total

COUNTS = ("launched", "destroyed", "suppressed", "still_attacking", "crossed_border")
CONFIDENCE = 0.95
# summary key -> Decomposition attribute
RATES = {"kinetic_rate": "kinetic", "suppressed_rate": "suppressed_rate", "neutralised_rate": "neutralised"}


# --- intervals ------------------------------------------------------------------------------------


def wilson(k: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The Wilson score interval of k successes in n trials (NaN when n is 0 or k > n, which
    only flagged rows produce). Optimistic for drones of one wave: they are not independent."""
    k, n = int(k), int(n)
    if n <= 0 or not 0 <= k <= n:
        return (np.nan, np.nan)
    ci = binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
    return (float(ci.low), float(ci.high))


def wave_interval(waves: tuple[tuple[int, int], ...], confidence: float = CONFIDENCE) -> tuple[float, float]:
    """An interval for the ratio sum(k) / sum(n) that treats each attack (wave) as one cluster: the ratio
    estimator's linearised variance, n/(n-1) * sum((k_i - R n_i)^2) / (sum n_i)^2 over the n attacks, with
    Student's t at n - 1 degrees of freedom, cut to [0, 1]. NaN with fewer than two attacks or nothing launched,
    and when every attack has the same share (all 0 of n, say): the linearised variance is then 0 and its
    zero-width interval would read as certainty. Drones of one wave share route, weather and defences, so this
    is wider than Wilson's, which treats every drone as an independent trial."""
    k = np.array([w[0] for w in waves], dtype=float)
    n = np.array([w[1] for w in waves], dtype=float)
    if len(waves) < 2 or n.sum() <= 0:
        return (np.nan, np.nan)
    ratio = k.sum() / n.sum()
    variance = len(waves) / (len(waves) - 1) * float(((k - ratio * n) ** 2).sum()) / n.sum() ** 2
    if variance <= 0:
        return (np.nan, np.nan)
    half = float(t_dist.ppf(0.5 + confidence / 2, len(waves) - 1)) * variance**0.5
    return (max(0.0, ratio - half), min(1.0, ratio + half))


@dataclass(frozen=True)
class Rate:
    """k of n, as a share with its 95 % interval over attacks (`waves`: each attack's k and n; wave_interval)
    and the simple Wilson interval beside it."""

    k: int
    n: int
    waves: tuple[tuple[int, int], ...] = ()

    @property
    def value(self) -> float:
        return self.k / self.n if self.n else np.nan

    @property
    def interval(self) -> tuple[float, float]:
        """The Wilson interval: every drone or missile an independent trial (too narrow for waves)."""
        return wilson(self.k, self.n)

    @property
    def wave_interval(self) -> tuple[float, float]:
        return wave_interval(self.waves)

    def __str__(self) -> str:
        lo, hi = self.interval
        if not self.n:
            return _("n/a (nothing launched)")
        wilson_text = "" if np.isnan(lo) else span(lo, hi)
        wlo, whi = self.wave_interval
        if np.isnan(wlo):
            ci = " (" + _("95 % Wilson interval {interval}").format(interval=wilson_text) + ")" if wilson_text else ""
        else:
            ci = (
                " ("
                + ngettext(
                    "95 % CI over {n} attack {interval}; Wilson, each weapon an independent trial: {wilson}",
                    "95 % CI over {n} attacks {interval}; Wilson, each weapon an independent trial: {wilson}",
                    len(self.waves),
                ).format(n=number(len(self.waves)), interval=span(wlo, whi), wilson=wilson_text)
                + ")"
            )
        return _("{share}{interval}, {k} of {n}").format(
            share=percent(self.value), interval=ci, k=number(self.k), n=number(self.n)
        )


def span(lo: float, hi: float) -> str:
    """An interval as prose and in a table: '33.1% to 57.4%'."""
    return _("{low} to {high}").format(low=percent(lo), high=percent(hi))


# --- the decomposition ----------------------------------------------------------------------------


NOT_MEASURABLE = N_("not measurable in this period")


@dataclass(frozen=True)
class Decomposition:
    """What became of the launched drones or missiles of a selection, as the reports state it.

    Blank is not zero: every rate's denominator is the launched of the rows that state its numerator. The
    kinetic rate is over the rows that state a shot-down figure (`destroyed_*`, `kinetic_coverage`); the
    suppressed and neutralised rates over the rows that stated suppression (`suppression_*`). A rate is "not
    measurable" when its rows hold less than half of the launched. `*_waves`: each attack's numerator and
    denominator, for the interval over attacks. `unaccounted` = launched - destroyed - suppressed - still
    attacking - crossed border (blanks as 0 in this subtraction only); it is what the reports leave unexplained,
    not the number of hits.
    """

    rows: int
    launched: int
    destroyed: int
    suppressed: int
    still_attacking: int
    crossed_border: int
    suppression_rows: int
    suppression_launched: int
    suppression_destroyed: int
    destroyed_rows: int = 0
    destroyed_launched: int = 0
    kinetic_waves: tuple[tuple[int, int], ...] = ()
    suppressed_waves: tuple[tuple[int, int], ...] = ()
    neutralised_waves: tuple[tuple[int, int], ...] = ()

    @property
    def unaccounted(self) -> int:
        return self.launched - self.destroyed - self.suppressed - self.still_attacking - self.crossed_border

    @property
    def kinetic(self) -> Rate:
        return Rate(self.destroyed, self.destroyed_launched, self.kinetic_waves)

    @property
    def suppressed_rate(self) -> Rate:
        return Rate(self.suppressed, self.suppression_launched, self.suppressed_waves)

    @property
    def neutralised(self) -> Rate:
        return Rate(self.suppression_destroyed + self.suppressed, self.suppression_launched, self.neutralised_waves)

    @property
    def kinetic_coverage(self) -> Coverage:
        return Coverage(self.destroyed_rows, self.rows, self.destroyed_launched, self.launched)

    @property
    def suppression_coverage(self) -> Coverage:
        return Coverage(self.suppression_rows, self.rows, self.suppression_launched, self.launched)

    def summary(self) -> dict:
        """One flat record: the counts, each rate with its interval (NaN where not measurable), and coverage."""
        out = {
            f: getattr(self, f)
            for f in (
                "rows",
                *COUNTS,
                "unaccounted",
                "suppression_rows",
                "suppression_launched",
                "destroyed_rows",
                "destroyed_launched",
            )
        }
        measurable = {"kinetic_rate": self.kinetic_coverage.measurable} | dict.fromkeys(
            ("suppressed_rate", "neutralised_rate"), self.suppression_coverage.measurable
        )
        for key, name in RATES.items():
            rate = getattr(self, name)
            value = (rate.value, *rate.interval, *rate.wave_interval) if measurable[key] else (np.nan,) * 5
            names = (key, f"{key}_lo", f"{key}_hi", f"{key}_waves_lo", f"{key}_waves_hi")
            out |= dict(zip(names, value, strict=True))
        out["suppression_measurable"] = self.suppression_coverage.measurable
        return out


def describe(dec: Decomposition, by_hand: bool = False, definition: str | None = None) -> str:
    """The decomposition as a Markdown list: counts, and rates with their 95 % intervals and coverage. `by_hand`:
    a night given as numbers (decompose_counts), which has no report rows to speak of. `definition`: what the
    shot-down figure counts in the period (SuppressionBreak.definition; default: the kinetic rate)."""
    if not dec.launched:
        return "- " + _("{rows}, none with a launched figure above 0: no rate can be computed.").format(
            rows=report_rows(dec.rows)
        )
    cover = dec.suppression_coverage
    if not dec.suppression_rows:
        sup = [
            "- "
            + _("suppressed: not stated in any of the {rows}; neutralised rate: not computable").format(
                rows=report_rows(dec.rows)
            )
        ]
    elif not cover.measurable:
        sup = [
            "- "
            + _(
                "suppressed, and shot down + suppressed: **{not_measurable}**: suppression {coverage} (under half of "
                "the launched); those rows give {suppressed} suppressed and {destroyed} shot down of their {launched} "
                "launched"
            ).format(
                not_measurable=_(NOT_MEASURABLE),
                coverage=cover,
                suppressed=number(dec.suppressed),
                destroyed=number(dec.suppression_destroyed),
                launched=number(dec.suppression_launched),
            )
        ]
    else:
        sup = [
            "- "
            + (
                _("{n} suppressed: {rate} launched") if by_hand else _("{n} suppressed: {rate} launched ({coverage})")
            ).format(n=number(dec.suppressed), rate=dec.suppressed_rate, coverage=cover),
            "- "
            + (
                _("shot down + suppressed: **{rate}** launched (neutralised rate)")
                if by_hand
                else _("shot down + suppressed: **{rate}** launched (neutralised rate, same rows)")
            ).format(rate=dec.neutralised),
        ]
    kinetic_cover = dec.kinetic_coverage
    if not kinetic_cover.measurable:
        shot = "- " + _(
            "shot down: **{not_measurable}**: a shot-down figure {coverage} (under half of the launched); those rows "
            "give {destroyed} shot down"
        ).format(not_measurable=_(NOT_MEASURABLE), coverage=kinetic_cover, destroyed=number(dec.destroyed))
    else:
        over = (
            ""
            if by_hand or kinetic_cover.rows == dec.rows
            else _("; over the rows that state a shot-down figure: {coverage}").format(coverage=kinetic_cover)
        )
        shot = "- " + _("{n} shot down: **{rate}** launched ({definition})").format(
            n=number(dec.destroyed), rate=dec.kinetic, definition=(definition or _("kinetic rate")) + over
        )
    launched = (_("**{n} launched**") if by_hand else _("**{n} launched** ({rows})")).format(
        n=number(dec.launched), rows=report_rows(dec.rows)
    )
    return "\n".join(
        [
            "- " + launched,
            shot,
            *sup,
            "- "
            + _("{still} still in the air at the time of the report, {crossed} crossed the border").format(
                still=number(dec.still_attacking), crossed=number(dec.crossed_border)
            ),
            "- "
            + _("**{n} unaccounted** (launched minus all of the above; not the same as hits)").format(
                n=number(dec.unaccounted)
            ),
        ]
    )


def decompose(df: pd.DataFrame, brk: SuppressionBreak) -> Decomposition:
    """The decomposition of a selection of attack-log rows (use `data.select` first: mixing nationwide
    and regional reports double counts). `brk`: `suppression_break` of the whole log."""
    stated = suppression_stated(df, brk)
    s = df[stated]
    has_destroyed = df["destroyed"].notna() & df["launched"].notna()
    shot = df[has_destroyed]
    return Decomposition(
        rows=len(df),
        launched=total(df["launched"]),
        destroyed=total(df["destroyed"]),
        suppressed=total(s["suppressed"]),
        still_attacking=total(df["still_attacking"]),
        crossed_border=total(df["crossed_border"]),
        suppression_rows=int(stated.sum()),
        suppression_launched=total(s["launched"]),
        suppression_destroyed=total(s["destroyed"]),
        destroyed_rows=int(has_destroyed.sum()),
        destroyed_launched=total(shot["launched"]),
        kinetic_waves=_waves(shot, shot["destroyed"]),
        suppressed_waves=_waves(s, s["suppressed"]),
        neutralised_waves=_waves(s, s["destroyed"].fillna(0) + s["suppressed"]),
    )


def _waves(rows: pd.DataFrame, numerator: pd.Series) -> tuple[tuple[int, int], ...]:
    """Each attack's numerator and launched among `rows` (none for rows of no attack: a night given as numbers)."""
    if "attack_id" not in rows or rows["attack_id"].isna().all():
        return ()
    sums = pd.DataFrame({"k": numerator, "n": rows["launched"]}).groupby(rows["attack_id"]).sum()
    return tuple((int(k), int(n)) for k, n in zip(sums["k"], sums["n"], strict=True))


def decompose_counts(
    launched: int,
    destroyed: int,
    suppressed: int | None = None,
    still_attacking: int | None = None,
    crossed_border: int | None = None,
) -> Decomposition:
    """One night given as numbers, decomposed by the same code as a selection of rows."""
    row = {
        "report_date": pd.Timestamp("2000-01-01"),
        "launched": launched,
        "destroyed": destroyed,
        "suppressed": suppressed,
        "still_attacking": still_attacking,
        "crossed_border": crossed_border,
    }
    frame = pd.DataFrame([row]).astype({c: "Int64" for c in COUNTS})
    return decompose(frame, NO_BREAK)


def reporting_periods(df: pd.DataFrame, brk: SuppressionBreak) -> list[tuple[str, Decomposition]]:
    """The selection cut where the reporting of suppression changes (first stated, merged), each part
    decomposed on its own (a kinetic rate across the merge mixes two definitions of "shot down")."""
    if brk.end is None:
        return []
    cuts = [
        (None, brk.first, _("suppression not stated separately")),
        (brk.first, brk.end, _("suppression stated separately")),
        (brk.end, None, _("shot down and suppressed merged into one figure")),
    ]
    parts = []
    for lo, hi, label in cuts:
        keep = pd.Series(True, index=df.index)
        if lo is not None:
            keep &= df["report_date"] >= lo
        if hi is not None:
            keep &= df["report_date"] < hi
        part = df[keep]
        if not part.empty:
            first, last = part["report_date"].min(), part["report_date"].max()
            dates = _("{start} to {end}").format(start=date(first), end=date(last))
            parts.append((f"{dates} ({label})", decompose(part, brk)))
    return parts


def describe_periods(parts: list[tuple[str, Decomposition]]) -> str:
    """One Markdown line per reporting period; empty when the selection lies in one period."""
    if len(parts) < 2:
        return ""

    def neutralised(dec: Decomposition) -> str:
        if not dec.suppression_rows:
            return ""
        if not dec.suppression_coverage.measurable:
            return _("; shot down + suppressed {not_measurable} (suppression {coverage})").format(
                not_measurable=_(NOT_MEASURABLE), coverage=dec.suppression_coverage
            )
        return _(", shot down + suppressed {rate} (suppression {coverage})").format(
            rate=dec.neutralised, coverage=dec.suppression_coverage
        )

    lines = [
        "- "
        + _("{period}: {launched} launched, shot down **{rate}**").format(
            period=label, launched=number(dec.launched), rate=dec.kinetic
        )
        + neutralised(dec)
        for label, dec in parts
    ]
    return (
        _(
            "Reporting changed inside this period, so here are the figures for each side. Within a side they are "
            "comparable; across sides, the merged shot-down figure after the change measures what shot down + "
            "suppressed measured before it:"
        )
        + "\n\n"
        + "\n".join(lines)
    )


def rates_by(df: pd.DataFrame, by: str | pd.Series, brk: SuppressionBreak) -> pd.DataFrame:
    """`Decomposition.summary()` for each group (a column name, or a Series aligned with df)."""
    key = df[by] if isinstance(by, str) else by
    records = {name: decompose(group, brk).summary() for name, group in df.groupby(key, sort=True, observed=True)}
    return pd.DataFrame.from_dict(records, orient="index").rename_axis(key.name)


def rates_by_class(df: pd.DataFrame, attacks: pd.DataFrame) -> pd.DataFrame:
    """`rates_by` weapon class, each class decomposed with its own reporting of suppression
    (`suppression_break(attacks, class)`): a break applies to a class only where its rows show it."""
    records = {
        cls: decompose(group, suppression_break(attacks, str(cls))).summary()
        for cls, group in df.groupby("weapon_class", sort=True)
    }
    return pd.DataFrame.from_dict(records, orient="index").rename_axis("weapon_class")


def break_of(attacks: pd.DataFrame, p: dict) -> SuppressionBreak:
    """The reporting of suppression of the class a report selects (`p`: its parameters; a model's own class)."""
    if p["model"] is None:
        return suppression_break(attacks, p["weapon_class"])
    return suppression_break(attacks, str(attacks.loc[attacks["model"] == p["model"], "weapon_class"].iloc[0]))


# --- months ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WholeMonths:
    """The calendar months that lie wholly inside a period and inside the log's report dates. A month's
    rate is drawn for these only: a part of a month at either end of the period counts in the period's
    rates, never as the month's."""

    start: pd.Timestamp  # the period, cut to the log's report dates
    end: pd.Timestamp
    months: pd.PeriodIndex
    log_end: pd.Timestamp | None  # the log's last report date, where it ends before the period

    @property
    def parts(self) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
        """The days of the period outside the whole months: at most one part of a month at each end."""
        if self.start > self.end:
            return []
        if self.months.empty:
            return [(self.start, self.end)]
        first, last = self.months[0].start_time, self.months[-1].end_time.normalize()
        before = [(self.start, first - pd.Timedelta(days=1))] if self.start < first else []
        return before + ([(last + pd.Timedelta(days=1), self.end)] if self.end > last else [])


def whole_months(start: str, end: str, reach: tuple[dt.date, dt.date]) -> WholeMonths:
    """The whole calendar months of the period `start` to `end` within the log's first and last report
    dates (`reach`, as data.coverage gives them)."""
    lo, hi = max(pd.Timestamp(start), pd.Timestamp(reach[0])), min(pd.Timestamp(end), pd.Timestamp(reach[1]))
    first = lo.to_period("M") + (0 if lo.is_month_start else 1)
    last = hi.to_period("M") - (0 if hi.is_month_end else 1)
    months = pd.period_range(first, last, freq="M") if lo <= hi and first <= last else pd.PeriodIndex([], freq="M")
    return WholeMonths(lo, hi, months, pd.Timestamp(reach[1]) if pd.Timestamp(end) > pd.Timestamp(reach[1]) else None)


def monthly_rates(df: pd.DataFrame, brk: SuppressionBreak, months: WholeMonths) -> pd.DataFrame:
    """`rates_by` calendar month of report, for the whole months only; the index is each month's first day."""
    out = rates_by(df, df["report_date"].dt.to_period("M").rename("month"), brk)
    out = out[out.index.isin(months.months)]
    out.index = out.index.to_timestamp()
    return out


def describe_months(months: WholeMonths) -> str:
    """Which months the monthly chart draws, and what of the period it leaves to the period's rates."""
    days = [_("{start} to {end}").format(start=date(a), end=date(b)) if a != b else date(a) for a, b in months.parts]
    log_end = (
        " " + _("The log's last report is dated {date}.").format(date=date(months.log_end))
        if months.log_end is not None
        else ""
    )
    if months.months.empty:
        return (
            _(
                "No monthly chart: the period ({period}) holds no whole calendar month, and a rate measured on part "
                "of a month is not that month's rate. The period's own rates are above."
            ).format(period=_(" and ").join(days) or _("outside the log"))
            + log_end
        )
    n = len(months.months)
    first, last = month(months.months[0].start_time), month(months.months[-1].start_time)
    # its own message: a language may write a span of months apart from one of dates (uk: nominative months)
    span = _("{first} to {last}").format(first=first, last=last) if n > 1 else first
    parts = ""
    if days:
        parts = " " + ngettext(
            "{days} is part of a month: counted in the period's rates above, not drawn as a month.",
            "{days} are parts of months: counted in the period's rates above, not drawn as a month.",
            len(days),
        ).format(days=_(" and ").join(days))
    whole = ngettext(
        "Whole calendar months only: {span} ({n} month).", "Whole calendar months only: {span} ({n} months).", n
    )
    return whole.format(span=span, n=number(n)) + parts + log_end


# --- the night worked by hand ---------------------------------------------------------------------


# The class the worked night's counts describe (the defaults: the Air Force's report of 2025-06-12).
NIGHT_CLASS = "shahed_drone"


@dataclass(frozen=True)
class WorkedNight:
    """The night given as numbers (interception_rates' launched, destroyed, jammed and night), decomposed."""

    date: pd.Timestamp  # its report date: the morning its window ends
    dec: Decomposition

    @property
    def label(self) -> str:
        before = self.date - pd.Timedelta(days=1)
        # {date}: the report date, for a language that names a night by its morning (uk: ніч на 12 червня)
        return _("the night of {before}/{day} ({what}), worked by hand").format(
            before=date(before), day=f"{self.date:%d}", date=date(self.date), what=weapons_name(NIGHT_CLASS)
        )


def worked_night(p: dict) -> WorkedNight | None:
    """The night worked by hand, where it belongs: a report of its class (NIGHT_CLASS) whose period holds its
    date; None elsewhere, or when no night is given (`p`: interception_rates' parameters)."""
    if p["launched"] is None or p["night"] is None or p["model"] is not None or p["weapon_class"] != NIGHT_CLASS:
        return None
    day = pd.Timestamp(p["night"])
    if not pd.Timestamp(p["start"]) <= day <= pd.Timestamp(p["end"]):
        return None
    return WorkedNight(day, decompose_counts(p["launched"], p["destroyed"], p["jammed"]))


def describe_night(p: dict) -> str:
    """The night worked by hand, with its date and class; or why this report does not show it."""
    night = worked_night(p)
    if night is not None:
        return _("The counts of {night}:").format(night=night.label) + f"\n\n{describe(night.dec, by_hand=True)}"
    if p["launched"] is None or p["night"] is None:
        return _("No night given: set launched, destroyed, jammed and night.")
    return _(
        "The night worked by hand is a night of {what} reported on {date}: it is shown only in a report of that class "
        "whose period holds that date, not in this one."
    ).format(what=weapons_name(NIGHT_CLASS), date=date(p["night"]))


# --- prose (every sentence of notebook 02 that carries a number) ----------------------------------


def selection_name(model: str | None, weapon_class: str) -> str:
    """What a selection of rows is, for prose and titles: the model if one is chosen, else the class."""
    return model or class_name(weapon_class)


def describe_interception(rows: pd.DataFrame, brk: SuppressionBreak, what: str, start: str, end: str) -> str:
    """The key figures of the interception decomposition of the selected rows as Markdown: the selection,
    the rates, the reporting of suppression, each reporting period apart when the selection crosses a change,
    and the stated split of strike drones and decoys when the selection holds Shahed-type rows."""
    periods = describe_periods(reporting_periods(rows, brk))
    shaheds = rows[rows["weapon_class"] == "shahed_drone"]
    decoys = f"\n\n{describe_decoys(decoy_split(shaheds))}" if not shaheds.empty else ""
    dec = describe(decompose(rows, brk), definition=brk.definition(start, end))
    head = _(
        "Nationwide reports of **{what}**, report dates {start} to {end} (claims of the Ukrainian Air Force; {how}):"
    )
    how = head.format(what=text(what), start=date(start), end=date(end), how=_(INTERVALS))
    return f"{how}\n\n{dec}\n\n{brk.describe(start, end)}\n\n{periods}{decoys}"


# How the intervals are computed, stated once for the key figures and the methods.
INTERVALS = N_(
    "95 % intervals over attacks, each attack one cluster, and beside them the simple Wilson interval, which "
    "treats every weapon as an independent trial and is too narrow for the weapons of one wave"
)


def decompositions_shown(dec: Decomposition, night: WorkedNight | None, what: str, start: str, end: str) -> dict:
    """The bars of the decomposition chart: the selection, and the night worked by hand where it belongs."""
    period = _("{start} to {end}").format(start=date(start), end=date(end))
    return {f"{what}\n{period}": dec} | ({night.label: night.dec} if night else {})


def describe_decomposition_chart(dec: Decomposition, what: str) -> str:
    """The title of the chart of what became of the launched."""
    return _("Reported fate of {launched} launched ({what}): {share} shot down, {unaccounted} unaccounted").format(
        launched=number(dec.launched),
        what=what,
        share=percent(dec.kinetic.value, 0),
        unaccounted=number(dec.unaccounted),
    )


def describe_monthly_chart(monthly: pd.DataFrame, what: str) -> str:
    """The title of the chart of monthly rates."""
    lo, hi = percent(monthly["kinetic_rate"].min(), 0), percent(monthly["kinetic_rate"].max(), 0)
    shares = lo if lo == hi else _("from {low} to {high}").format(low=lo, high=hi)
    return _("Monthly reported share shot down, {what}: {shares}").format(what=what, shares=shares)


def describe_class_chart(start: str, end: str) -> str:
    """The title of the chart of rates by weapon class."""
    return _("Reported share shot down by weapon class, {start} to {end}").format(start=date(start), end=date(end))


def describe_suppression_coverage(dec: Decomposition) -> str:
    """Which rows each rate rests on: its denominator is the launched of the rows that state its numerator."""
    return _(
        "The shot-down rate is computed over the {destroyed_rows} of {rows} rows that state a shot-down figure "
        "({destroyed_launched} of {launched} launched); the suppressed and neutralised rates only over the "
        "{suppression_rows} rows that stated suppression ({suppression_launched} of {launched} launched). A row "
        "without a figure is in no denominator."
    ).format(
        destroyed_rows=number(dec.destroyed_rows),
        rows=number(dec.rows),
        destroyed_launched=number(dec.destroyed_launched),
        launched=number(dec.launched),
        suppression_rows=number(dec.suppression_rows),
        suppression_launched=number(dec.suppression_launched),
    )


def describe_intervals(what: str) -> str:
    """The method of the intervals, for the methods section (names the selection it is about)."""
    return _(
        "**Intervals.** The rates of {what} come with a 95 % interval over attacks: each attack (one nationwide "
        "report) is one cluster, and the interval is the ratio estimator's: with k_i of n_i in attack i and "
        "R = Σk_i / Σn_i, the variance is m/(m − 1) · Σ(k_i − R·n_i)² / (Σn_i)² over the m attacks, and the "
        "interval R ± t · √variance, with Student's t at m − 1 degrees of freedom (scipy), cut to 0-100 %. The "
        "weapons of one attack share route, weather and defences, so they are not independent trials; the simple "
        "Wilson interval beside it treats them as such and is too narrow. A rate of a single attack has no interval "
        "over attacks."
    ).format(what=what)


def rates_table(rates: pd.DataFrame) -> pd.DataFrame:
    """`rates_by_class` for reading: counts, the shot-down rate (over the rows that state it) with its interval over
    attacks and the Wilson interval, and the suppression rows."""

    def fmt(write: Callable[[float], str], values: pd.Series) -> list[str]:
        return ["" if pd.isna(v) else write(v) for v in values]

    def spans(lo: pd.Series, hi: pd.Series) -> list[str]:
        return ["" if pd.isna(a) else span(a, b) for a, b in zip(lo, hi, strict=True)]

    return pd.DataFrame(
        {
            _("weapon class"): [class_name(str(i)) for i in rates.index],
            _("launched"): fmt(number, rates["launched"]),
            _("shot down"): fmt(number, rates["destroyed"]),
            _("shot-down rate"): fmt(percent, rates["kinetic_rate"]),
            _("95 % CI over attacks"): spans(rates["kinetic_rate_waves_lo"], rates["kinetic_rate_waves_hi"]),
            _("Wilson 95 % CI"): spans(rates["kinetic_rate_lo"], rates["kinetic_rate_hi"]),
            _("rows stating suppression"): fmt(number, rates["suppression_rows"]),
            _("unaccounted"): fmt(number, rates["unaccounted"]),
        }
    )


# --- the month x weapon-class table ---------------------------------------------------------------


def month_by_class(rows: pd.DataFrame, attacks: pd.DataFrame) -> pd.DataFrame:
    """One row per calendar month of report and weapon class of `rows` (the nationwide rows: `data.select`'s
    default): the counts (report rows, attacks, launched, shot down, suppressed where stated), the shot-down
    rate with the count behind it (`shot_down` of `rate_launched`: the launched of the rows that state a
    shot-down figure), its 95 % interval over attacks and its Wilson interval (NaN where under half of the
    launched states it), the definition in force that month (`suppression_break` of the class, read from
    `attacks`: kinetic, merged, or the month of the change), and for Shahed-type drones the stated split
    (`strike_stated` of `split_launched`, the Air Force's "about N"; blank where no report states it)."""
    columns = [
        "month",
        "weapon_class",
        "rows",
        "attacks",
        "launched",
        "shot_down",
        "rate_launched",
        "shot_down_rate",
        "rate_lo",
        "rate_hi",
        "wilson_lo",
        "wilson_hi",
        "suppressed",
        "suppressed_launched",
        "definition",
        "reporting_change",
        "strike_stated",
        "split_launched",
    ]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    month = rows["report_date"].dt.to_period("M")
    breaks = {str(c): suppression_break(attacks, str(c)) for c in rows["weapon_class"].unique()}
    out = []
    for (m, cls), group in rows.groupby([month, "weapon_class"], sort=True):
        brk = breaks[str(cls)]
        dec = decompose(group, brk)
        rate = dec.kinetic
        measurable = dec.kinetic_coverage.measurable
        lo, hi = rate.wave_interval if measurable else (np.nan, np.nan)
        wlo, whi = rate.interval if measurable else (np.nan, np.nan)
        first, last = m.start_time, m.end_time.normalize()
        change = "; ".join(f"{d:%Y-%m-%d}: {label}" for d, label in brk.within(first, last))
        split = decoy_split(group) if cls == "shahed_drone" else None
        out.append(
            {
                "month": str(m),
                "weapon_class": str(cls),
                "rows": dec.rows,
                "attacks": int(group["attack_id"].nunique()) if "attack_id" in group else 0,
                "launched": dec.launched,
                "shot_down": dec.destroyed if dec.destroyed_rows else None,
                "rate_launched": dec.destroyed_launched,
                "shot_down_rate": rate.value if measurable else np.nan,
                "rate_lo": lo,
                "rate_hi": hi,
                "wilson_lo": wlo,
                "wilson_hi": whi,
                "suppressed": dec.suppressed if dec.suppression_rows else None,
                "suppressed_launched": dec.suppression_launched if dec.suppression_rows else None,
                "definition": brk.definition(first, last),
                "reporting_change": change,
                "strike_stated": split.strike if split and split.coverage.rows else None,
                "split_launched": split.launched_stated if split and split.coverage.rows else None,
            }
        )
    table = pd.DataFrame(out, columns=columns)
    for c in ("shot_down", "suppressed", "suppressed_launched", "strike_stated", "split_launched"):
        table[c] = table[c].astype("Int64")
    return table
