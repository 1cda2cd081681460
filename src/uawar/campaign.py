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
from uawar.i18n import N_, _, date, html_table, month_figures, ngettext, number, percent

SALVO = 300  # launched in one attack: the notebook's default threshold
TOP_SHARE = 0.10
PERIODS = (N_("month"), N_("year"))  # what top_share counts by, its index's name
DAYLIGHT_HOURS = range(6, 17)  # a window starting 06:00-16:59 on its report date
FEW = 20  # a month with fewer launched of a class is shown as such, not as a rate to trust
CLASSES = {
    "ballistic_missile": N_("ballistic missiles"),
    "cruise_missile": N_("cruise missiles"),
    "shahed_drone": N_("Shahed-type"),
}
WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"))


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
            N_("attacks"): g.size(),
            N_("launched"): g.sum(),
            N_("median"): g.median(),
            N_("90th percentile"): g.quantile(0.9),
            N_("largest"): g.max(),
            N_("salvos"): big.size(),
            N_("launched in salvos"): big.sum(),
        }
    ).fillna({"salvos": 0, "launched in salvos": 0})
    out[["salvos", "launched in salvos"]] = out[["salvos", "launched in salvos"]].astype("int64")
    out[N_("salvo share of launched")] = out["launched in salvos"] / out["launched"]
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
            N_("largest attacks"): n,
            N_("launched by them"): carried,
            N_("share"): carried / total if total else float("nan"),
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
            N_("timed"): day.notna().groupby(attacks["month"]).sum(),
            N_("in daylight"): day.fillna(False).groupby(attacks["month"]).sum(),
        }
    ).astype("int64")
    out[N_("share in daylight")] = (out["in daylight"] / out["timed"]).where(out["timed"] > 0)
    return out


def hours(attacks: pd.DataFrame) -> pd.DataFrame:
    """Attacks by the hour their window starts and the hour it ends (Kyiv time), of those stating a time."""
    out = pd.DataFrame(
        {
            N_("windows starting"): _hours(attacks["time_start"]).value_counts(),
            N_("windows ending"): _hours(attacks["time_end"]).value_counts(),
        }
    )
    out = out.reindex(range(24)).fillna(0).astype("int64")
    out.index.name = N_("hour")
    return out


def weekdays(attacks: pd.DataFrame) -> pd.DataFrame:
    """Attacks and launched by the weekday of the report date, with launched per attack."""
    day = attacks["report_date"].dt.dayofweek.map(dict(enumerate(WEEKDAYS)))
    out = attacks.groupby(day)["launched"].agg(["size", "sum"]).reindex(list(WEEKDAYS)).fillna(0).astype("int64")
    out.columns = ["attacks", "launched"]
    out[N_("launched per attack")] = out["launched"] / out["attacks"].where(out["attacks"] > 0)
    out.index.name = N_("weekday of report")
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
    out[N_("shot down")] = monthly["destroyed"].to_numpy()
    out[N_("shot down, as reported")] = [percent(v) if pd.notna(v) else _("n/a") for v in monthly["kinetic_rate"]]
    out[N_("95 % over attacks")] = _span(monthly["kinetic_rate_waves_lo"], monthly["kinetic_rate_waves_hi"])
    out[N_("95 % Wilson")] = _span(monthly["kinetic_rate_lo"], monthly["kinetic_rate_hi"])
    out[N_("note")] = [_("few launched: not a rate to trust") if f else "" for f in monthly["few"]]
    return out


def model_table(air: pd.DataFrame, start: str, end: str, least: int = FEW) -> pd.DataFrame:
    """Per model as reported, over the period's nationwide rows (interception.rates_by): launched, shot down, the rate
    as reported with its interval over attacks and Wilson's, and its coverage (rows stating a shot-down figure, and
    the launched they hold); models with fewer than `least` launched are left out (the table says so)."""
    rows = data.select(air, start, end)
    rates = interception.rates_by(rows, "model", suppression.suppression_break(air))
    rates = rates[rates["launched"] >= least].sort_values("launched", ascending=False)
    out = pd.DataFrame(index=rates.index.rename(N_("model")))
    out["launched"] = rates["launched"]
    out["shot down"] = rates["destroyed"]
    out["shot down, as reported"] = [percent(v) if pd.notna(v) else _("n/a") for v in rates["kinetic_rate"]]
    out["95 % over attacks"] = _span(rates["kinetic_rate_waves_lo"], rates["kinetic_rate_waves_hi"])
    out["95 % Wilson"] = _span(rates["kinetic_rate_lo"], rates["kinetic_rate_hi"])
    out[N_("coverage")] = [
        _("{stating} of {rows} rows, {held} of {launched} launched").format(
            stating=number(r), rows=number(n), held=number(d), launched=number(lau)
        )
        for r, n, d, lau in zip(
            rates["destroyed_rows"], rates["rows"], rates["destroyed_launched"], rates["launched"], strict=True
        )
    ]
    return out


def _span(lo: pd.Series, hi: pd.Series) -> list[str]:
    return [
        _("{low} to {high}").format(low=percent(a, 0), high=percent(b, 0)) if pd.notna(a) else _("n/a")
        for a, b in zip(lo, hi, strict=True)
    ]


# --- tables as the notebook shows them: headers, words and numbers in the reader's language --------------


def _months(table: pd.DataFrame) -> pd.DataFrame:
    return table.rename(index=month_figures)


def sizes_html(by_month: pd.DataFrame) -> str:
    return html_table(_months(by_month), lambda v: number(v, 2))


def top_share_html(attacks: pd.DataFrame, by: str) -> str:
    table = top_share(attacks, by)
    return html_table(_months(table) if by == "month" else table, percent)


def daylight_html(by_month: pd.DataFrame) -> str:
    return html_table(_months(by_month), percent)


def hours_html(attacks: pd.DataFrame) -> str:
    return html_table(hours(attacks).T.rename(index=_))


def weekdays_html(attacks: pd.DataFrame) -> str:
    return html_table(weekdays(attacks).rename(index=_), lambda v: number(v, 1))


def class_html(monthly: pd.DataFrame) -> str:
    return html_table(_months(class_table(monthly)))


def model_html(air: pd.DataFrame, start: str, end: str) -> str:
    # a combined row's models as the log writes them, joined by the reader's 'and'
    table = model_table(air, start, end)
    return html_table(table.rename(index=lambda model: _(" and ").join(model.split(" and "))))


# --- prose -----------------------------------------------------------------------------------------


def describe(attacks: pd.DataFrame, salvo: int, start: str, end: str) -> str:
    """The key figures: attacks, salvos and their share of the launched, the largest 10 % and their share."""
    total = int(attacks["launched"].sum())
    big = attacks[attacks["launched"] >= salvo]
    n = math.ceil(TOP_SHARE * len(attacks))
    top = int(attacks["launched"].sort_values(ascending=False).head(n).sum())
    day = daylight(attacks)
    timed = int(day.notna().sum())
    reported = ngettext(
        "From {start} to {end} the Air Force of Ukraine reported **{attacks} nationwide attack** with {launched} "
        "launched.",
        "From {start} to {end} the Air Force of Ukraine reported **{attacks} nationwide attacks** with {launched} "
        "launched.",
        len(attacks),
    ).format(start=date(start), end=date(end), attacks=number(len(attacks)), launched=number(total))
    salvos = ngettext(
        "**{salvos} salvo** (attacks of at least {salvo} launched) carried {carried} of them (**{share}**); the "
        "largest 10 % of the attacks ({largest}) carried {top} (**{top_share}**).",
        "**{salvos} salvos** (attacks of at least {salvo} launched) carried {carried} of them (**{share}**); the "
        "largest 10 % of the attacks ({largest}) carried {top} (**{top_share}**).",
        len(big),
    ).format(
        salvos=number(len(big)),
        salvo=number(salvo),
        carried=number(int(big["launched"].sum())),
        share=percent(big["launched"].sum() / total),
        largest=number(n),
        top=number(top),
        top_share=percent(top / total),
    )
    daytime = ngettext(
        "Of the {timed} attack whose window states a time of day, {daylight} came in daylight.",
        "Of the {timed} attacks whose window states a time of day, {daylight} came in daylight.",
        timed,
    ).format(timed=number(timed), daylight=number(int(day.fillna(False).sum())))
    return f"{reported} {salvos} {daytime}"


def describe_sizes_chart(by_month: pd.DataFrame, salvo: int) -> str:
    top = by_month["salvo share of launched"].idxmax()
    return _(
        "Launched per month in salvos (attacks of {salvo} or more) and in routine attacks; the salvos' largest "
        "share: {share} in {month} (Air Force of Ukraine's reports)"
    ).format(
        salvo=number(salvo), share=percent(by_month.loc[top, "salvo share of launched"], 0), month=month_figures(top)
    )


def describe_daylight_chart(by_month: pd.DataFrame) -> str:
    return _(
        "Share of attacks in daylight (window starting 06:00-16:59 on its report date), by month: {timed} of "
        "{attacks} attacks state a time of day (Air Force of Ukraine's reports)"
    ).format(timed=number(int(by_month["timed"].sum())), attacks=number(int(by_month["attacks"].sum())))


def describe_class_chart(monthly: pd.DataFrame, weapon_class: str) -> str:
    name = _(CLASSES[weapon_class]) if weapon_class in CLASSES else weapon_class
    return ngettext(
        "{name}: shot down as reported, month by month ({months} month, {few} with fewer than {least} launched; Air "
        "Force of Ukraine's reports)",
        "{name}: shot down as reported, month by month ({months} months, {few} with fewer than {least} launched; Air "
        "Force of Ukraine's reports)",
        len(monthly),
    ).format(name=name[:1].upper() + name[1:], months=len(monthly), few=int(monthly["few"].sum()), least=FEW)
