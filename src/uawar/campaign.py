"""The shape of the campaign (notebook 07): how large the nationwide attacks were month by month, the share of the
launched carried by the largest attacks, when in the day attacks start and end, the weekly rhythm, and interception
by class month by month.

The unit is the attack (attacks.csv: one nationwide post on one report date). Definitions, stated once here and in
the notebook's methods:

- a **salvo** is an attack of at least `salvo` launched (every class, decoys included); the rest are routine;
- the **largest 10 %** of a month's (year's) attacks are its ceil(10 % of its attacks) attacks with the most
  launched (ties: earlier first);
- an attack is **in daylight** when its window starts on its report date between 06:00 and 16:59 (Kyiv time), so
  it did not begin the evening or night before; only attacks whose window states a time of day count, and that
  coverage is shown.
"""

from __future__ import annotations

import math

import pandas as pd

from uawar import data, interception, suppression

SALVO = 300  # launched in one attack: the notebook's default threshold
TOP_SHARE = 0.10
DAYLIGHT_HOURS = range(6, 17)  # a window starting 06:00-16:59 on its report date
FEW = 20  # a month with fewer launched of a class is shown as such, not as a rate to trust
CLASSES = {
    "ballistic_missile": "ballistic missiles",
    "cruise_missile": "cruise missiles",
    "shahed_drone": "Shahed-type",
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def period(table: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """The attacks reported from start to end, with their month and year."""
    out = table[(table["report_date"] >= pd.Timestamp(start)) & (table["report_date"] <= pd.Timestamp(end))].copy()
    out["month"] = out["report_date"].dt.strftime("%Y-%m")
    out["year"] = out["report_date"].dt.strftime("%Y")
    out["launched"] = out["launched"].fillna(0).astype("int64")
    return out


def sizes_by_month(attacks: pd.DataFrame, salvo: int = SALVO) -> pd.DataFrame:
    """Per month: attacks, launched, the median, 90th percentile and largest attack, the salvos (at least `salvo`
    launched) and the share of the launched they carried."""
    g = attacks.groupby("month")["launched"]
    big = attacks[attacks["launched"] >= salvo].groupby("month")["launched"]
    out = pd.DataFrame(
        {
            "attacks": g.size(),
            "launched": g.sum(),
            "median": g.median(),
            "90th percentile": g.quantile(0.9),
            "largest": g.max(),
            "salvos": big.size(),
            "launched in salvos": big.sum(),
        }
    ).fillna({"salvos": 0, "launched in salvos": 0})
    out[["salvos", "launched in salvos"]] = out[["salvos", "launched in salvos"]].astype("int64")
    out["salvo share of launched"] = out["launched in salvos"] / out["launched"]
    return out


def top_share(attacks: pd.DataFrame, by: str = "month", share: float = TOP_SHARE) -> pd.DataFrame:
    """Per month or year (`by`): attacks, launched, how many are its largest `share` (ceil), and the share of the
    launched they carried."""
    records = {}
    for key, g in attacks.groupby(by):
        n = math.ceil(share * len(g))
        top = g.sort_values("report_date", kind="stable").sort_values("launched", ascending=False, kind="stable")
        carried = int(top["launched"].head(n).sum())
        total = int(g["launched"].sum())
        records[key] = {
            "attacks": len(g),
            "launched": total,
            "largest attacks": n,
            "launched by them": carried,
            "share": carried / total if total else float("nan"),
        }
    return pd.DataFrame.from_dict(records, orient="index").rename_axis(by)


def _hours(times: pd.Series) -> pd.Series:
    """The hour of a window's time ('2025-09-06 17:00' -> 17); blank where only a date is stated."""
    clock = times.str[11:13]
    return pd.to_numeric(clock.where(clock.str.len() == 2), errors="coerce")


def daylight(attacks: pd.DataFrame) -> pd.Series:
    """True for an attack in daylight (the module's definition), False for one that is not, blank when its window
    states no time of day."""
    hour = _hours(attacks["time_start"])
    same_day = attacks["time_start"].str[:10] == attacks["report_date"].dt.strftime("%Y-%m-%d")
    out = (same_day & hour.isin(DAYLIGHT_HOURS)).astype("boolean")
    return out.mask(hour.isna())


def daylight_by_month(attacks: pd.DataFrame) -> pd.DataFrame:
    """Per month: attacks, those whose window states a time, those in daylight and their share of the timed."""
    day = daylight(attacks)
    out = pd.DataFrame(
        {
            "attacks": attacks.groupby("month").size(),
            "timed": day.notna().groupby(attacks["month"]).sum(),
            "in daylight": day.fillna(False).groupby(attacks["month"]).sum(),
        }
    ).astype("int64")
    out["share in daylight"] = (out["in daylight"] / out["timed"]).where(out["timed"] > 0)
    return out


def hours(attacks: pd.DataFrame) -> pd.DataFrame:
    """Attacks by the hour their window starts and the hour it ends (Kyiv time), of those stating a time."""
    out = pd.DataFrame(
        {
            "windows starting": _hours(attacks["time_start"]).value_counts(),
            "windows ending": _hours(attacks["time_end"]).value_counts(),
        }
    )
    out = out.reindex(range(24)).fillna(0).astype("int64")
    out.index.name = "hour"
    return out


def weekdays(attacks: pd.DataFrame) -> pd.DataFrame:
    """Attacks and launched by the weekday of the report date, with launched per attack."""
    day = attacks["report_date"].dt.dayofweek.map(dict(enumerate(WEEKDAYS)))
    out = attacks.groupby(day)["launched"].agg(["size", "sum"]).reindex(list(WEEKDAYS)).fillna(0).astype("int64")
    out.columns = ["attacks", "launched"]
    out["launched per attack"] = out["launched"] / out["attacks"].where(out["attacks"] > 0)
    out.index.name = "weekday of report"
    return out


def class_monthly(air: pd.DataFrame, weapon_class: str, start: str, end: str) -> pd.DataFrame:
    """A class's shot-down rate month by month (interception.monthly_rates: whole months only, each with its interval
    over attacks and Wilson's), the month's launched and attacks, and whether it holds fewer than FEW launched."""
    rows = data.select(air, start, end, weapon_class=weapon_class)
    months = interception.whole_months(start, end, data.coverage())
    brk = suppression.suppression_break(air, weapon_class)
    out = interception.monthly_rates(rows, brk, months)
    attacks = rows.groupby(rows["report_date"].dt.to_period("M").dt.to_timestamp())["attack_id"].nunique()
    out["attacks"] = attacks.reindex(out.index).fillna(0).astype("int64")
    out["few"] = out["launched"] < FEW
    return out


def class_table(monthly: pd.DataFrame) -> pd.DataFrame:
    """`class_monthly` for display: launched, shot down, rate, both intervals, and a note on thin months."""
    out = pd.DataFrame(index=monthly.index.strftime("%Y-%m").rename("month"))
    out["attacks"] = monthly["attacks"].to_numpy()
    out["launched"] = monthly["launched"].to_numpy()
    out["shot down"] = monthly["destroyed"].to_numpy()
    out["shot down, as reported"] = [f"{v:.1%}" if pd.notna(v) else "n/a" for v in monthly["kinetic_rate"]]
    out["95 % over attacks"] = _span(monthly["kinetic_rate_waves_lo"], monthly["kinetic_rate_waves_hi"])
    out["95 % Wilson"] = _span(monthly["kinetic_rate_lo"], monthly["kinetic_rate_hi"])
    out["note"] = ["few launched: not a rate to trust" if f else "" for f in monthly["few"]]
    return out


def model_table(air: pd.DataFrame, start: str, end: str, least: int = FEW) -> pd.DataFrame:
    """Per model as reported, over the period's nationwide rows (interception.rates_by): launched, shot down, the rate
    as reported with its interval over attacks and Wilson's, and its coverage (rows stating a shot-down figure, and
    the launched they hold); models with fewer than `least` launched are left out (the table says so)."""
    rows = data.select(air, start, end)
    rates = interception.rates_by(rows, "model", suppression.suppression_break(air))
    rates = rates[rates["launched"] >= least].sort_values("launched", ascending=False)
    out = pd.DataFrame(index=rates.index.rename("model"))
    out["launched"] = rates["launched"]
    out["shot down"] = rates["destroyed"]
    out["shot down, as reported"] = [f"{v:.1%}" if pd.notna(v) else "n/a" for v in rates["kinetic_rate"]]
    out["95 % over attacks"] = _span(rates["kinetic_rate_waves_lo"], rates["kinetic_rate_waves_hi"])
    out["95 % Wilson"] = _span(rates["kinetic_rate_lo"], rates["kinetic_rate_hi"])
    out["coverage"] = [
        f"{r:,} of {n:,} rows, {d:,} of {lau:,} launched"
        for r, n, d, lau in zip(
            rates["destroyed_rows"], rates["rows"], rates["destroyed_launched"], rates["launched"], strict=True
        )
    ]
    return out


def _span(lo: pd.Series, hi: pd.Series) -> list[str]:
    return [f"{a:.0%} to {b:.0%}" if pd.notna(a) else "n/a" for a, b in zip(lo, hi, strict=True)]


# --- prose -----------------------------------------------------------------------------------------


def describe(attacks: pd.DataFrame, salvo: int, start: str, end: str) -> str:
    """The key figures: attacks, salvos and their share of the launched, the largest 10 % and their share."""
    total = int(attacks["launched"].sum())
    big = attacks[attacks["launched"] >= salvo]
    n = math.ceil(TOP_SHARE * len(attacks))
    top = int(attacks["launched"].sort_values(ascending=False).head(n).sum())
    day = daylight(attacks)
    return (
        f"From {start} to {end} the Air Force of Ukraine reported **{len(attacks):,} nationwide attacks** with "
        f"{total:,} launched. **{len(big):,} salvos** (attacks of at least {salvo:,} launched) carried "
        f"{int(big['launched'].sum()):,} of them (**{big['launched'].sum() / total:.1%}**); the largest 10 % of the "
        f"attacks ({n:,}) carried {top:,} (**{top / total:.1%}**). Of the {int(day.notna().sum()):,} attacks whose "
        f"window states a time of day, {int(day.fillna(False).sum()):,} came in daylight."
    )


def describe_sizes_chart(by_month: pd.DataFrame, salvo: int) -> str:
    top = by_month["salvo share of launched"].idxmax()
    return (
        f"Launched per month in salvos (attacks of {salvo:,} or more) and in routine attacks; the salvos' largest "
        f"share: {by_month.loc[top, 'salvo share of launched']:.0%} in {top} (Air Force of Ukraine's reports)"
    )


def describe_daylight_chart(by_month: pd.DataFrame) -> str:
    timed = int(by_month["timed"].sum())
    return (
        f"Share of attacks in daylight (window starting 06:00-16:59 on its report date), by month: {timed:,} of "
        f"{int(by_month['attacks'].sum()):,} attacks state a time of day (Air Force of Ukraine's reports)"
    )


def describe_class_chart(monthly: pd.DataFrame, weapon_class: str) -> str:
    few = int(monthly["few"].sum())
    return (
        f"{CLASSES.get(weapon_class, weapon_class).capitalize()}: shot down as reported, month by month "
        f"({len(monthly)} months, {few} with fewer than {FEW} launched; Air Force of Ukraine's reports)"
    )
