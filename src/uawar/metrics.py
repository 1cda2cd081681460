"""Air-war metrics: attack volumes, and the interception decomposition with Wilson intervals.

Caveats that hold for every function here:

- Counts come from the Air Force's own posts (claims of one side, posted when each attack's window ends).
- `launched` counts drones *and decoys*; a rate over Shahed-type rows is a rate over both.
- A blank count means "not reported", never zero; sums skip blanks.
- Intervals treat each drone as an independent trial. The drones of one wave are not independent
  (same route, same air defence, same weather), so the intervals are optimistic: too narrow.
- National Air Force reports and regional air commands' reports can count the same drone twice:
  analyses use one or the other, and `volumes` refuses to sum them unless asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import binomtest
from scipy.stats import t as t_dist

from uawar import data
from uawar.data import REGIONAL_LABEL
from uawar.markup import text
from uawar.taxonomy import NATIONAL_UNITS, REGIONAL_UNITS, WEAPON_CLASSES, WEAPON_GROUPS, group_of

COUNTS = ("launched", "destroyed", "suppressed", "still_attacking", "crossed_border")
FREQS = {"day": "D", "week": "W-SUN", "month": "M", "year": "Y"}
CONFIDENCE = 0.95
# summary key -> Decomposition attribute
RATES = {"kinetic_rate": "kinetic", "suppressed_rate": "suppressed_rate", "neutralised_rate": "neutralised"}


# --- intervals -------------------------------------------------------------------------------


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
            return "n/a (nothing launched)"
        wilson_text = "" if np.isnan(lo) else f"{lo:.1%} to {hi:.1%}"
        wlo, whi = self.wave_interval
        if np.isnan(wlo):
            ci = f" (95 % Wilson interval {wilson_text})" if wilson_text else ""
        else:
            attacks = len(self.waves)
            ci = (
                f" (95 % CI over {attacks:,} attacks {wlo:.1%} to {whi:.1%}; Wilson, each weapon an independent "
                f"trial: {wilson_text})"
            )
        return f"{self.value:.1%}{ci}, {self.k:,} of {self.n:,}"


# --- suppression reporting: when it is stated, read from the rows ------------------------------

# A run of report rows states suppression "regularly" while no more than this many rows in a row omit it,
# and when it holds at least REGULAR_MIN rows (the Shahed-type run holds hundreds; missiles' longest, a few).
REGULAR_GAP = 3
REGULAR_MIN = 30
# How prose names a class or group whose reporting is read from its rows.
CLASS_NAMES = {
    "shahed_drone": "Shahed-type drones",
    "drones": "drones",
    "missiles": "missiles",
    "bombs": "bombs",
    "all": "drones, missiles and bombs",
}
# The rules, stated once for the notebooks' caveats.
SUPPRESSION_RULE = (
    "A report row states suppression when it gives a suppressed figure; from the merge on, the 0 the source "
    "writes means 'merged into shot down' and is read as not stated. The first and last reports stating a "
    "positive figure, the span where it is stated regularly (the longest run of nationwide Shahed-type rows in "
    f"which no more than {REGULAR_GAP} rows in a row omit it) and the merge (the first report after that span) "
    "are read from the rows. A suppressed or neutralised rate is shown only when the rows stating suppression "
    "hold at least half of the launched; otherwise it is not measurable in the period, and its coverage is given."
)


@dataclass(frozen=True)
class SuppressionBreak:
    """When the nationwide reports stated suppressed (locationally lost) Shahed-type drones as a figure of
    their own, read from the rows (report dates):

    - `first`, `last`: the first and the last report that states a positive suppressed figure;
    - `regular`: (first, last) report of the span in which it is stated regularly (no more than
      `REGULAR_GAP` rows in a row omit it);
    - `end`: the first report after that span. From then on the posts give one merged "shot down/suppressed"
      figure (the source records it as destroyed, with suppressed 0), so a kinetic rate before and after
      `end` measures different things. Reports stating a figure after `end` are isolated exceptions.
    """

    first: pd.Timestamp | None
    last: pd.Timestamp | None
    regular: tuple[pd.Timestamp, pd.Timestamp] | None
    end: pd.Timestamp | None
    stated_dates: tuple[pd.Timestamp, ...] = ()  # every report date that stated a positive figure
    what: str = "Shahed-type drones"  # the class whose rows it is read from

    def definition(self, start: str | pd.Timestamp, end: str | pd.Timestamp) -> str:
        """What a shot-down rate of this class counts over [start, end]: shot down alone (kinetic), or, from the
        merge on, the posts' one shot-down-or-suppressed figure."""
        lo, hi = pd.Timestamp(start), pd.Timestamp(end)
        if self.end is None or hi < self.end:
            return "kinetic rate: shot down alone"
        if lo >= self.end:
            return (
                f"merged: shot down or suppressed, the posts' one figure for {self.what} from {self.end:%Y-%m-%d}; "
                "not comparable with shot down alone before it"
            )
        return (
            f"kinetic before {self.end:%Y-%m-%d}, merged shot down or suppressed from then on: two definitions, "
            "each side shown apart below"
        )

    @property
    def start(self) -> pd.Timestamp | None:
        """The first report stating suppression separately."""
        return self.first

    def within(self, start: str | pd.Timestamp, end: str | pd.Timestamp) -> list[tuple[pd.Timestamp, str]]:
        """The dates inside [start, end] where the reporting changes, with a label for a chart."""
        marks = [(self.first, "suppression first stated separately")]
        if self.regular is not None and self.regular[0] != self.first:
            marks.append((self.regular[0], "stated regularly from here"))
        marks.append((self.end, "suppression merged into shot down from here"))
        lo, hi = pd.Timestamp(start), pd.Timestamp(end)
        return [(d, label) for d, label in marks if d is not None and lo <= d <= hi]

    def span(self) -> str:
        """The reporting of suppression in one sentence."""
        if self.first is None:
            return f"No nationwide report states suppressed {self.what} separately."
        if self.regular is None:
            return (
                f"Nationwide reports state suppressed {self.what} separately in {len(self.stated_dates):,} reports "
                f"from {self.first:%Y-%m-%d} to {self.last:%Y-%m-%d}, never regularly: no change in that reporting "
                f"is read from the rows of {self.what}, and a suppressed figure covers only the reports that gave one."
            )
        text = f"Nationwide reports state suppressed {self.what} separately from {self.first:%Y-%m-%d}"
        if self.regular is not None:
            text += f", regularly from {self.regular[0]:%Y-%m-%d} to {self.regular[1]:%Y-%m-%d}"
        if self.end is not None:
            later = [d for d in self.stated_dates if d >= self.end]
            text += f"; from {self.end:%Y-%m-%d} their posts give one merged shot-down/suppressed figure" + (
                f" (a separate figure only in {len(later)} later report{'s' if len(later) != 1 else ''}, "
                f"the last on {self.last:%Y-%m-%d})"
                if later
                else ""
            )
        return text + "."

    def describe(self, start: str | pd.Timestamp, end: str | pd.Timestamp) -> str:
        """One sentence on how the reporting of suppression bears on the period [start, end]."""
        lo, hi = pd.Timestamp(start), pd.Timestamp(end)
        if self.end is not None and lo < self.end <= hi:
            return (
                self.span() + " This period crosses the merge: kinetic rates on either side of "
                f"{self.end:%Y-%m-%d} are not comparable."
            )
        if self.end is not None and lo >= self.end:
            return (
                self.span() + " This period lies after the merge: its shot-down figure includes the suppressed, "
                "comparable with shot down + suppressed before the merge, not with shot down alone."
            )
        begins = [d for d, _ in self.within(lo, hi) if d != self.end]
        if begins:
            dates = ", ".join(f"{d:%Y-%m-%d}" for d in begins)
            return (
                self.span() + f" In this period the reports begin to state suppression ({dates}): "
                "a suppressed figure covers only the reports that gave one."
            )
        return self.span() + " This period does not cross a change in that reporting."


NO_BREAK = SuppressionBreak(None, None, None, None)


def suppression_break(attacks: pd.DataFrame, weapon_class: str = "shahed_drone") -> SuppressionBreak:
    """How suppression is reported, from the nationwide rows of `weapon_class` of `attacks` (pass the whole log):
    each class has its own reporting, and a break applies only where the class's own rows show it. For a group
    (drones, missiles, all), the break of the first of its classes whose rows show one (the Shahed-type drones'
    for drones and all), named as that class's; else the group's own reading.

    A row *states* suppression when `suppressed` is positive (after the merge the source writes 0, so a zero
    cannot tell "none" from "not given"). The regular span is the longest run of stating rows in which no
    more than `REGULAR_GAP` rows in a row omit it, and holds at least `REGULAR_MIN` rows (fewer: never stated
    regularly, and no break); `end` is the first report after it.
    """
    national = data.select(attacks, units="national")
    if weapon_class in WEAPON_GROUPS or weapon_class == "all":
        for cls in WEAPON_GROUPS.get(weapon_class, tuple(WEAPON_CLASSES)):
            brk = _read_break(national[national["weapon_class"] == cls], CLASS_NAMES.get(cls, _class_name(cls)))
            if brk.end is not None:
                return brk
    rows = data.select(national, weapon_class=weapon_class, units=None)
    return _read_break(rows, CLASS_NAMES.get(weapon_class, _class_name(weapon_class)))


def _read_break(rows: pd.DataFrame, what: str) -> SuppressionBreak:
    rows = rows.sort_values(["report_date", "time_end"] if "time_end" in rows else ["report_date"], kind="stable")
    states = rows["suppressed"].fillna(0).gt(0).to_numpy(dtype=bool)
    dates = rows["report_date"].reset_index(drop=True)
    stating = np.flatnonzero(states)
    if not len(stating):
        return SuppressionBreak(None, None, None, None, what=what)
    # Runs of stating rows: a new run starts where more than REGULAR_GAP rows omit it.
    run_id = np.concatenate([[0], np.cumsum(np.diff(stating) - 1 > REGULAR_GAP)])
    longest = int(np.argmax(np.bincount(run_id)))
    run = stating[run_id == longest]
    stated_dates = tuple(sorted(set(dates[stating])))
    if len(run) < REGULAR_MIN:
        return SuppressionBreak(dates[stating[0]], dates[stating[-1]], None, None, stated_dates, what)
    regular = (dates[run[0]], dates[run[-1]])
    after = dates[dates > regular[1]]
    return SuppressionBreak(
        first=dates[stating[0]],
        last=dates[stating[-1]],
        regular=regular,
        end=after.min() if not after.empty else None,
        stated_dates=stated_dates,
        what=what,
    )


def suppression_stated(df: pd.DataFrame, brk: SuppressionBreak) -> pd.Series:
    """Rows whose report gave a suppressed figure: not blank, and not a 0 from the merge on
    (where 0 stands for "merged into shot down", not for "none suppressed")."""
    stated = df["suppressed"].notna()
    if brk.end is not None:
        stated &= ~((df["report_date"] >= brk.end) & df["suppressed"].eq(0).fillna(False))
    return stated.astype(bool)


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
        return (
            f"stated in {self.rows:,} of {_rows(self.rows_total)}, {self.launched:,} of {self.launched_total:,} "
            "launched"
        )


NOT_MEASURABLE = "not measurable in this period"


# --- interception decomposition --------------------------------------------------------------


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


def _rows(n: int) -> str:
    return f"{n:,} report row{'' if n == 1 else 's'}"


def describe(dec: Decomposition, by_hand: bool = False, definition: str = "kinetic rate") -> str:
    """The decomposition as a Markdown list: counts, and rates with their 95 % intervals and coverage. `by_hand`:
    a night given as numbers (decompose_counts), which has no report rows to speak of. `definition`: what the
    shot-down figure counts in the period (SuppressionBreak.definition)."""
    if not dec.launched:
        return f"- {_rows(dec.rows)}, none with a launched figure above 0: no rate can be computed."
    cover = dec.suppression_coverage
    if not dec.suppression_rows:
        sup = [f"- suppressed: not stated in any of the {_rows(dec.rows)}; neutralised rate: not computable"]
    elif not cover.measurable:
        sup = [
            f"- suppressed, and shot down + suppressed: **{NOT_MEASURABLE}**: suppression {cover} "
            f"(under half of the launched); those rows give {dec.suppressed:,} suppressed and "
            f"{dec.suppression_destroyed:,} shot down of their {dec.suppression_launched:,} launched"
        ]
    else:
        rows = "" if by_hand else f" ({cover})"
        same = "" if by_hand else ", same rows"
        sup = [
            f"- {dec.suppressed:,} suppressed: {dec.suppressed_rate} launched{rows}",
            f"- shot down + suppressed: **{dec.neutralised}** launched (neutralised rate{same})",
        ]
    kinetic_cover = dec.kinetic_coverage
    if not kinetic_cover.measurable:
        shot = (
            f"- shot down: **{NOT_MEASURABLE}**: a shot-down figure {kinetic_cover} (under half of the launched); "
            f"those rows give {dec.destroyed:,} shot down"
        )
    else:
        over = (
            ""
            if by_hand or kinetic_cover.rows == dec.rows
            else f"; over the rows that state a shot-down figure: {kinetic_cover}"
        )
        shot = f"- {dec.destroyed:,} shot down: **{dec.kinetic}** launched ({definition}{over})"
    return "\n".join(
        [
            f"- **{dec.launched:,} launched**" + ("" if by_hand else f" ({_rows(dec.rows)})"),
            shot,
            *sup,
            f"- {dec.still_attacking:,} still in the air at the time of the report, {dec.crossed_border:,} crossed "
            "the border",
            f"- **{dec.unaccounted:,} unaccounted** (launched minus all of the above; not the same as hits)",
        ]
    )


def _sum(s: pd.Series) -> int:
    return int(s.sum(skipna=True))


def decompose(df: pd.DataFrame, brk: SuppressionBreak) -> Decomposition:
    """The decomposition of a selection of attack-log rows (use `data.select` first: mixing nationwide
    and regional reports double counts). `brk`: `suppression_break` of the whole log."""
    stated = suppression_stated(df, brk)
    s = df[stated]
    has_destroyed = df["destroyed"].notna() & df["launched"].notna()
    shot = df[has_destroyed]
    return Decomposition(
        rows=len(df),
        launched=_sum(df["launched"]),
        destroyed=_sum(df["destroyed"]),
        suppressed=_sum(s["suppressed"]),
        still_attacking=_sum(df["still_attacking"]),
        crossed_border=_sum(df["crossed_border"]),
        suppression_rows=int(stated.sum()),
        suppression_launched=_sum(s["launched"]),
        suppression_destroyed=_sum(s["destroyed"]),
        destroyed_rows=int(has_destroyed.sum()),
        destroyed_launched=_sum(shot["launched"]),
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
        (None, brk.first, "suppression not stated separately"),
        (brk.first, brk.end, "suppression stated separately"),
        (brk.end, None, "shot down and suppressed merged into one figure"),
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
            parts.append((f"{first:%Y-%m-%d} to {last:%Y-%m-%d} ({label})", decompose(part, brk)))
    return parts


def describe_periods(parts: list[tuple[str, Decomposition]]) -> str:
    """One Markdown line per reporting period; empty when the selection lies in one period."""
    if len(parts) < 2:
        return ""

    def neutralised(dec: Decomposition) -> str:
        if not dec.suppression_rows:
            return ""
        if not dec.suppression_coverage.measurable:
            return f"; shot down + suppressed {NOT_MEASURABLE} (suppression {dec.suppression_coverage})"
        return f", shot down + suppressed {dec.neutralised} (suppression {dec.suppression_coverage})"

    lines = [
        f"- {label}: {dec.launched:,} launched, shot down **{dec.kinetic}**" + neutralised(dec) for label, dec in parts
    ]
    return (
        "Reporting changed inside this period, so here are the figures for each side. Within a side they "
        "are comparable; across sides, the merged shot-down figure after the change measures what shot down "
        "+ suppressed measured before it:\n\n" + "\n".join(lines)
    )


def rates_by(df: pd.DataFrame, by: str | pd.Series, brk: SuppressionBreak) -> pd.DataFrame:
    """`Decomposition.summary()` for each group (a column name, or a Series aligned with df)."""
    key = df[by] if isinstance(by, str) else by
    records = {name: decompose(group, brk).summary() for name, group in df.groupby(key, sort=True, observed=True)}
    return pd.DataFrame.from_dict(records, orient="index").rename_axis(key.name)


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
    days = [f"{a:%Y-%m-%d} to {b:%Y-%m-%d}" if a != b else f"{a:%Y-%m-%d}" for a, b in months.parts]
    log_end = f" The log's last report is dated {months.log_end:%Y-%m-%d}." if months.log_end is not None else ""
    if months.months.empty:
        return (
            f"No monthly chart: the period ({' and '.join(days) or 'outside the log'}) holds no whole calendar "
            "month, and a rate measured on part of a month is not that month's rate. The period's own rates are "
            f"above.{log_end}"
        )
    n = len(months.months)
    span = f"{months.months[0]:%B %Y}" + (f" to {months.months[-1]:%B %Y}" if n > 1 else "")
    parts = ""
    if days:
        are = "is part of a month" if len(days) == 1 else "are parts of months"
        parts = f" {' and '.join(days)} {are}: counted in the period's rates above, not drawn as a month."
    return f"Whole calendar months only: {span} ({n} month{'s' if n > 1 else ''}).{parts}{log_end}"


# --- decoys: Shahed-type strike drones apart from decoys and other drones -------------------------------


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
    launched = _sum(df.loc[stated, "launched"])
    return DecoySplit(
        strike=_sum(df.loc[stated, "real_shaheds"]),
        launched_stated=launched,
        coverage=Coverage(int(stated.sum()), len(df), launched, _sum(df["launched"])),
    )


def describe_decoys(split: DecoySplit) -> str:
    """One sentence on the stated split, with its coverage."""
    if not split.coverage.rows:
        return (
            f"No report in this selection states how many of the launched were Shahed-type strike drones "
            f"({_rows(split.coverage.rows_total)}); the source gives that figure from 2025-07-15 on."
        )
    return (
        f"Where the Air Force states it, about {split.strike:,} of {split.launched_stated:,} launched were "
        f"Shahed-type strike drones ({split.strike_share:.0%}; its own rounded figures, 'about N'), and about "
        f"{split.decoys_and_other:,} decoys and other drones; the split is {split.coverage}. Shot-down figures "
        "cover strike drones and decoys together, so no rate for strike drones alone can be computed."
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


# --- regional commands ---------------------------------------------------------------------------


def regional_tallies(attacks: pd.DataFrame) -> tuple[int, int]:
    """Of the regional commands' drone rows that give both figures, how many give launched equal to destroyed:
    (equal, all). Nearly all: those rows count drones shot down, not drones launched (data.REGIONAL_LABEL)."""
    rows = data.select(attacks, weapon_class="drones", units="regional").dropna(subset=["launched", "destroyed"])
    return int((rows["launched"] == rows["destroyed"]).sum()), len(rows)


# --- volumes ---------------------------------------------------------------------------------


def _mixes_units(df: pd.DataFrame) -> bool:
    units = set(df["reporting_unit"].dropna())
    return bool(units & set(NATIONAL_UNITS)) and bool(units & set(REGIONAL_UNITS))


def _check_units(df: pd.DataFrame, combine_units: bool) -> None:
    if not combine_units and _mixes_units(df):
        raise ValueError(
            "rows mix national and regional reports, which can count the same drone twice: "
            "select one (data.select(units=...)), group by reporting_unit, or pass combine_units=True"
        )


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
    day = pd.Timestamp(first_day)
    return {
        "day": f"{day:%Y-%m-%d}",
        "week": f"the week starting {day:%Y-%m-%d}",
        "month": f"{day:%B %Y}",
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
    return ", ".join(f"{m} ({int(v):,})" for m, v in part.items())


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
        launched=_sum(df["launched"]),
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


# --- prose (every sentence of a notebook that carries a number) --------------------------------


def value_range(values: pd.Series, fmt: str = "{:,.0f}") -> str:
    """'from A to B' over the values, or just 'A' when they do not differ as shown (for titles)."""
    lo, hi = fmt.format(values.min()), fmt.format(values.max())
    return lo if lo == hi else f"from {lo} to {hi}"


def _class_name(weapon_class: str) -> str:
    return weapon_class.replace("_", " ")


def describe_volumes(key: VolumeSummary, units: str, weapon_class: str) -> str:
    """The key figures of a selection's volumes as Markdown (model names from the data escaped)."""
    freq = key.freq
    classes = ", ".join(
        f"{_class_name(str(c))} {r.launched:,} ({r.share:.1%})" for c, r in key.by_class.head(3).iterrows()
    )
    if key.change is None:
        change = f"the period holds fewer than two whole {freq}s: no change to show"
    else:
        c = key.change
        change = (
            f"last whole {freq} in the period ({period_label(c.name, freq)}): {c['launched']:,.0f} launched, "
            f"{c['change']:+,.0f} ({c['pct_change']:+.1f} %) against the {freq} before"
        )
    tallies = f" ({REGIONAL_LABEL}: their 'launched' counts drones shot down)" if units == "regional" else ""
    return "\n".join(
        [
            f"Reports of **{text(units)}** units{tallies}, weapon class **{text(weapon_class)}**, report dates "
            f"{key.start:%Y-%m-%d} to {key.end:%Y-%m-%d} (claims of the Ukrainian Air Force, each posted when its "
            "attack's window ends: the morning after a night attack, the evening of a daytime one):\n",
            f"- **{key.launched:,} launched** in {key.rows:,} report rows on {key.days_reported:,} of the "
            f"{key.days:,} days, {key.launched / key.days:,.1f} a day on average",
            f"- by weapon group: {describe_groups(key)}",
            f"- by weapon class: {classes}",
            describe_largest(key),
            f"- busiest {freq}: {period_label(key.busiest[0], freq)}, {key.busiest[1]:,} launched",
            f"- {change}",
        ]
    )


def describe_groups(key: VolumeSummary) -> str:
    """Launched by weapon group: drones, missiles and bombs each apart (bombs are neither), then unknown."""
    groups = key.by_class["launched"].groupby(lambda c: group_of(str(c)) or str(c)).sum()
    order = [g for g in (*WEAPON_GROUPS, "unknown") if g in groups.index]
    return ", ".join(f"{g} {int(groups[g]):,}" for g in order)


def describe_largest(key: VolumeSummary) -> str:
    """The largest attack (one nationwide report, with its window) and the largest report day (which can add
    several attacks), each labelled, as two Markdown list items."""
    day = key.largest_day
    several = f" in {day['attacks']:,} attacks" if day["attacks"] > 1 else ""
    day_line = (
        f"- largest report day: **{day['launched']:,} launched** on {day['report_date']:%Y-%m-%d}{several} "
        f"({text(day['models'])})"
    )
    a = key.largest_attack
    if a is None:
        return "- largest attack: none (no row of this selection is of a nationwide report)\n" + day_line
    return (
        f"- largest attack: **{a['launched']:,} launched** in one nationwide report, window {a['time_start']} to "
        f"{a['time_end']} (reported {a['report_date']:%Y-%m-%d}; {text(a['models'])})\n" + day_line
    )


def counted(units: str) -> str:
    """What the selected rows count, for titles and axes: a regional command's 'launched' is its shoot-down
    tally (data.REGIONAL_LABEL), never a launch count."""
    return "shot down (regional tallies)" if units == "regional" else "launched"


def describe_volume_chart(key: VolumeSummary, units: str) -> str:
    """The title of the chart of launched per period."""
    return (
        f"{key.launched:,} {counted(units)}; the most, {key.busiest[1]:,}, in {period_label(key.busiest[0], key.freq)}"
    )


def describe_lead_class(key: VolumeSummary) -> str:
    """The weapon class with the most launched, and its share."""
    return (
        f"**{_class_name(str(key.by_class.index[0]))}** make up {key.by_class['share'].iloc[0]:.0%} of the "
        "launched in this selection (Shahed-type counts include the decoys flown with them)."
    )


def describe_daily(mean: pd.Series, window: int, units: str) -> str:
    """The title of the day-by-day chart."""
    return f"{counted(units).capitalize()} per day; the {window}-day mean {value_range(mean)}"


def describe_blank_launched(key: VolumeSummary) -> str:
    """The rows left out of the volumes because they give no launched figure."""
    return (
        f"{key.launched_blank:,} row(s) in this selection give no launched figure and are left out of every sum; "
        "a period with no row shows 0, which means no report, not proof of no attack."
    )


def largest_attacks_table(waves: pd.DataFrame) -> pd.DataFrame:
    """`largest_attacks` for reading (strings left for to_html to escape)."""
    return pd.DataFrame(
        {
            "window": waves["time_start"] + " to " + waves["time_end"],
            "report date": waves["report_date"].dt.strftime("%Y-%m-%d"),
            "launched": waves["launched"].map("{:,}".format),
            "models (launched)": waves["models"],
            "post": waves["source_ref"].fillna(""),  # markup.html_table links it to the post
        }
    )


def largest_report_days_table(days: pd.DataFrame) -> pd.DataFrame:
    """`largest_report_days` for reading (strings left for to_html to escape)."""
    return pd.DataFrame(
        {
            "report date": days["report_date"].dt.strftime("%Y-%m-%d"),
            "launched": days["launched"].map("{:,}".format),
            "attacks": days["attacks"].map("{:,}".format),
            "models (launched)": days["models"],
        }
    )


def period_change_table(changes: pd.DataFrame) -> pd.DataFrame:
    """`period_change` for reading: blank where there is no period before."""

    def fmt(spec: str, values: pd.Series) -> pd.Series:
        return values.map(lambda v: "" if pd.isna(v) else spec.format(v))

    return pd.DataFrame(
        {
            "period starting": changes.index.strftime("%Y-%m-%d"),
            "launched": fmt("{:,.0f}", changes["launched"]).to_numpy(),
            "previous": fmt("{:,.0f}", changes["previous"]).to_numpy(),
            "change": fmt("{:+,.0f}", changes["change"]).to_numpy(),
            "change (%)": fmt("{:+.1f} %", changes["pct_change"]).to_numpy(),
        }
    )


def selection_name(model: str | None, weapon_class: str) -> str:
    """What a selection of rows is, for prose and titles: the model if one is chosen, else the class."""
    return model or _class_name(weapon_class)


def describe_interception(rows: pd.DataFrame, brk: SuppressionBreak, what: str, start: str, end: str) -> str:
    """The key figures of the interception decomposition of the selected rows as Markdown: the selection,
    the rates, the reporting of suppression, each reporting period apart when the selection crosses a change,
    and the stated split of strike drones and decoys when the selection holds Shahed-type rows."""
    periods = describe_periods(reporting_periods(rows, brk))
    shaheds = rows[rows["weapon_class"] == "shahed_drone"]
    decoys = f"\n\n{describe_decoys(decoy_split(shaheds))}" if not shaheds.empty else ""
    dec = describe(decompose(rows, brk), definition=brk.definition(start, end))
    return (
        f"Nationwide reports of **{text(what)}**, report dates {start} to {end} (claims of the Ukrainian Air "
        f"Force; {INTERVALS}):\n\n{dec}\n\n{brk.describe(start, end)}\n\n{periods}{decoys}"
    )


# How the intervals are computed, stated once for the key figures and the methods.
INTERVALS = (
    "95 % intervals over attacks, each attack one cluster, and beside them the simple Wilson interval, which "
    "treats every weapon as an independent trial and is too narrow for the weapons of one wave"
)


def rates_by_class(df: pd.DataFrame, attacks: pd.DataFrame) -> pd.DataFrame:
    """`rates_by` weapon class, each class decomposed with its own reporting of suppression
    (`suppression_break(attacks, class)`): a break applies to a class only where its rows show it."""
    records = {
        cls: decompose(group, suppression_break(attacks, str(cls))).summary()
        for cls, group in df.groupby("weapon_class", sort=True)
    }
    return pd.DataFrame.from_dict(records, orient="index").rename_axis("weapon_class")


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
        return f"the night of {before:%Y-%m-%d}/{self.date:%d} ({CLASS_NAMES[NIGHT_CLASS]}), worked by hand"


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
        return f"The counts of {night.label}:\n\n{describe(night.dec, by_hand=True)}"
    if p["launched"] is None or p["night"] is None:
        return "No night given: set launched, destroyed, jammed and night."
    return (
        f"The night worked by hand is a night of {CLASS_NAMES[NIGHT_CLASS]} reported on {p['night']}: it is shown "
        "only in a report of that class whose period holds that date, not in this one."
    )


def decompositions_shown(dec: Decomposition, night: WorkedNight | None, what: str, start: str, end: str) -> dict:
    """The bars of the decomposition chart: the selection, and the night worked by hand where it belongs."""
    return {f"{what}\n{start} to {end}": dec} | ({night.label: night.dec} if night else {})


def describe_decomposition_chart(dec: Decomposition, what: str) -> str:
    """The title of the chart of what became of the launched."""
    return (
        f"Reported fate of {dec.launched:,} launched ({what}): {dec.kinetic.value:.0%} shot down, "
        f"{dec.unaccounted:,} unaccounted"
    )


def describe_monthly_chart(monthly: pd.DataFrame, what: str) -> str:
    """The title of the chart of monthly rates."""
    return f"Monthly reported share shot down, {what}: {value_range(monthly['kinetic_rate'], '{:.0%}')}"


def describe_class_chart(start: str, end: str) -> str:
    """The title of the chart of rates by weapon class."""
    return f"Reported share shot down by weapon class, {start} to {end}"


def describe_suppression_coverage(dec: Decomposition) -> str:
    """Which rows each rate rests on: its denominator is the launched of the rows that state its numerator."""
    return (
        f"The shot-down rate is computed over the {dec.destroyed_rows:,} of {dec.rows:,} rows that state a "
        f"shot-down figure ({dec.destroyed_launched:,} of {dec.launched:,} launched); the suppressed and "
        f"neutralised rates only over the {dec.suppression_rows:,} rows that stated suppression "
        f"({dec.suppression_launched:,} of {dec.launched:,} launched). A row without a figure is in no denominator."
    )


def break_of(attacks: pd.DataFrame, p: dict) -> SuppressionBreak:
    """The reporting of suppression of the class a report selects (`p`: its parameters; a model's own class)."""
    if p["model"] is None:
        return suppression_break(attacks, p["weapon_class"])
    return suppression_break(attacks, str(attacks.loc[attacks["model"] == p["model"], "weapon_class"].iloc[0]))


def describe_intervals(what: str) -> str:
    """The method of the intervals, for the methods section (names the selection it is about)."""
    return (
        f"**Intervals.** The rates of {what} come with a 95 % interval over attacks: each attack (one nationwide "
        "report) is one cluster, and the interval is the ratio estimator's: with k_i of n_i in attack i and "
        "R = Σk_i / Σn_i, the variance is m/(m − 1) · Σ(k_i − R·n_i)² / (Σn_i)² over the m attacks, and the "
        "interval R ± t · √variance, with Student's t at m − 1 degrees of freedom (scipy), cut to 0-100 %. The "
        "weapons of one attack share route, weather and defences, so they are not independent trials; the simple "
        "Wilson interval beside it treats them as such and is too narrow. A rate of a single attack has no interval "
        "over attacks."
    )


def rates_table(rates: pd.DataFrame) -> pd.DataFrame:
    """`rates_by` for reading: counts, the shot-down rate (over the rows that state it) with its interval over
    attacks and the Wilson interval, and the suppression rows."""

    def fmt(spec: str, values: pd.Series) -> list[str]:
        return ["" if pd.isna(v) else spec.format(v) for v in values]

    def span(lo: pd.Series, hi: pd.Series) -> list[str]:
        return ["" if pd.isna(a) else f"{a:.1%} to {b:.1%}" for a, b in zip(lo, hi, strict=True)]

    return pd.DataFrame(
        {
            str(rates.index.name or "group").replace("_", " "): [str(i).replace("_", " ") for i in rates.index],
            "launched": fmt("{:,}", rates["launched"]),
            "shot down": fmt("{:,}", rates["destroyed"]),
            "shot-down rate": fmt("{:.1%}", rates["kinetic_rate"]),
            "95 % CI over attacks": span(rates["kinetic_rate_waves_lo"], rates["kinetic_rate_waves_hi"]),
            "Wilson 95 % CI": span(rates["kinetic_rate_lo"], rates["kinetic_rate_hi"]),
            "rows stating suppression": fmt("{:,}", rates["suppression_rows"]),
            "unaccounted": fmt("{:,}", rates["unaccounted"]),
        }
    )


def describe_units_chart(by_unit: pd.DataFrame) -> str:
    """The title of the chart of nationwide reports and regional commands' shoot-down tallies, shown apart."""
    nationwide = int(by_unit[[c for c in by_unit.columns if c in NATIONAL_UNITS]].to_numpy().sum())
    regional = int(by_unit[[c for c in by_unit.columns if c in REGIONAL_UNITS]].to_numpy().sum())
    return (
        f"Nationwide reports: {nationwide:,} launched; regional air commands' shoot-down tallies: {regional:,} "
        "shot down (not summed)"
    )


def describe_regional_tallies(attacks: pd.DataFrame) -> str:
    """The count that shows regional commands' rows are shoot-down tallies (a clause, for a caveat)."""
    equal, rows = regional_tallies(attacks)
    return f"in {equal:,} of the {rows:,} regional drone rows that give both figures, launched equals destroyed"


def describe_decoy_chart(monthly: pd.DataFrame) -> str:
    """The title of the chart of the stated split of Shahed-type drones by month."""
    stated = int(monthly["strike"].sum() + monthly["decoys_and_other"].sum())
    total = stated + int(monthly["not_stated"].sum())
    return (
        f"Shahed-type drones launched per month; the reports state the strike-drone split for {stated:,} of {total:,}"
    )


# --- other sources and possible repeats, listed apart -----------------------------------------------


def listed_rows_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows listed apart (other sources, possible repeats) for reading: when, what, how many, and the post."""
    return pd.DataFrame(
        {
            "report date": rows["report_date"].dt.strftime("%Y-%m-%d"),
            "window": rows["time_start"] + " to " + rows["time_end"],
            "model": rows["model"],
            "launched": rows["launched"].map(lambda v: "" if pd.isna(v) else f"{int(v):,}"),
            "shot down": rows["destroyed"].map(lambda v: "" if pd.isna(v) else f"{int(v):,}"),
            "post": rows["source_ref"].fillna(""),
            **({"repeat": rows["repeat"]} if "repeat" in rows else {}),
        }
    )


def describe_other_sources(rows: pd.DataFrame) -> str:
    """How many rows cite another source, and that they are in no total."""
    if rows.empty:
        return "No row of this period cites a source other than the nationwide bodies and the regional commands."
    return (
        f"{len(rows):,} row(s) of this period cite neither a nationwide body nor a regional air command (an oblast "
        f"administration, the intelligence directorate, monitoring channels): {_sum(rows['launched']):,} launched "
        "in all, listed here and added to no total."
    )


def describe_repeats(rows: pd.DataFrame) -> str:
    """How many nationwide rows the build flags as possible repeats (data.possible_repeats), and that they are
    kept."""
    if rows.empty:
        return "No nationwide row of this period repeats another's model and window."
    posts = rows.groupby(["model", "time_start", "time_end"])["source_ref"].transform("nunique")
    across = int((posts > 1).sum())
    return (
        f"{len(rows):,} nationwide rows of this period name the same model over the same window as another row "
        f"({len(rows) - across:,} within one post, {across:,} across posts; the build's flags duplicate_row and "
        "repeated_window): possibly one salvo counted twice, possibly two salvos. They are kept in every total, as "
        "the posts give them, and listed here to be judged."
    )


def describe_log_coverage(coverage: pd.DataFrame, start: str | pd.Timestamp, end: str | pd.Timestamp) -> str:
    """How much of a period the log covers (`coverage`: data.load_coverage), by year: what a yearly or
    multi-year total rests on."""
    lo, hi = pd.Timestamp(start).strftime("%Y-%m"), pd.Timestamp(end).strftime("%Y-%m")
    months = coverage[(coverage["month"] >= lo) & (coverage["month"] <= hi)]
    years = months.groupby(months["month"].str[:4])[["report_days", "days"]].sum()
    parts = ", ".join(f"{y}: {int(r.report_days):,} of {int(r.days):,} days" for y, r in years.iterrows())
    return (
        f"**Coverage of the log.** Days with a nationwide report in the log ({parts}; whole months of the "
        "period, within the log's first and last report): a total is what the log holds, not all that was "
        "launched, and before 2025 many days have no nationwide report in it."
    )


# --- the month x weapon-class table --------------------------------------------------------------


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
