"""Casualty ratios from the claims registry, and the General Staff's claimed loss series.

Casualties are killed plus wounded. The General Staff's daily "personnel" figure is a claimed
casualty count, not deaths. Every figure here carries who claimed it and when, and every ratio
across claimants or sides says so in its label.

Over 500 lines: its prose is notebook 03's (every sentence that carries a number, in both languages through
uawar.i18n), kept beside the figures it states.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from uawar.i18n import N_, _, date, month, number, percent
from uawar.markup import text
from uawar.taxonomy import AIR_FORCE

GENERAL_STAFF = N_("General Staff of the Armed Forces of Ukraine")
# The claims' metrics as a figure's label names them (the registry's words, translated where shown).
METRIC_WORDS = (
    N_("casualties"),
    N_("casualties projected"),
    N_("killed"),
    N_("wounded"),
    N_("civilians killed"),
    N_("civilians injured"),
    N_("daily loss series"),
)
# What each claims metric counts, for the ratios; projections and other metrics take no part.
KILLED_METRICS = ("killed", "civilians_killed")
WOUNDED_METRICS = ("wounded", "civilians_injured")
TOTAL_METRICS = ("casualties",)
COMPARABLE_METRICS = ("casualties", "casualties_projected")  # set beside the General Staff's series
CASUALTY_METRICS = KILLED_METRICS + WOUNDED_METRICS + COMPARABLE_METRICS
MILITARY_METRICS = ("killed", "wounded") + COMPARABLE_METRICS
# Wounded figures that other reporting describes as wound cases (one soldier wounded twice counts twice). An
# inference from outside the registry's source, which says "injured": shown labelled as such, never as the
# claim's own statement.
WOUND_CASES_INFERRED = ("6b",)
WOUND_CASES_INFERENCE = N_(
    "an inference from other reporting, not the article's statement (it says 'injured'): the figure is "
    "likely a count of wound cases, in which one soldier wounded twice counts twice, so the killed share of "
    "persons would be at least the share shown"
)
SIDE_WORD = {"russia": N_("Russian"), "ukraine": N_("Ukrainian"), "both": N_("both sides'"), "none": ""}
GROUP_KEYS = ["claimant", "stated_on", "side"]
SIDES = (N_("russia"), N_("ukraine"), N_("both"))  # the registry's values, as a table shows them
KINDS = (N_("same claimant"), N_("cross-source"), N_("cross-side"))
HEDGES = (N_("about"), N_("over"), N_("almost"))  # the registry's and the General Staff's qualifiers


@dataclass(frozen=True)
class Figure:
    """One figure and who stands behind it: the claimant, the date it was stated or is as of."""

    value: float
    claimant: str
    date: str
    side: str
    what: str
    qualifier: str = ""
    ref: str = ""  # claim id(s), or the report it was read from

    @property
    def label(self) -> str:
        hedge = f"{_(self.qualifier) if self.qualifier in HEDGES else self.qualifier} " if self.qualifier else ""
        side = _(SIDE_WORD[self.side]) if SIDE_WORD.get(self.side) else self.side if self.side not in SIDE_WORD else ""
        who = f"{side} {_(self.what) if self.what in METRIC_WORDS else self.what}".strip()
        ref = f" [{_(self.ref) if self.ref in METRIC_WORDS else self.ref}]" if self.ref else ""
        return f"{claimant_text(self.claimant)}, {stated_on_text(self.date)}: {hedge}{number(self.value)} {who}{ref}"


@dataclass(frozen=True)
class Comparison:
    numerator: Figure
    denominator: Figure
    ratio: float | None  # None: figures of different dates or claimants are set side by side, not divided
    difference: float | None
    kind: str  # "same claimant", "cross-source", "cross-side" (KINDS)

    @property
    def label(self) -> str:
        if self.ratio is None or self.difference is None:
            why = _("claimants") if self.kind != "same claimant" else _("dates")
            if self.kind != "same claimant" and self.numerator.date != self.denominator.date:
                why = _("claimants and dates")
            return _("set side by side, not divided (different {why}): ({a}) and ({b})").format(
                why=why, a=self.numerator.label, b=self.denominator.label
            )
        return _("{kind} ratio {ratio}, difference {difference}: ({a}) / ({b})").format(
            kind=_(self.kind),
            ratio=number(self.ratio, 3),
            difference=("+" if self.difference >= 0 else "") + number(self.difference),
            a=self.numerator.label,
            b=self.denominator.label,
        )


def compare(numerator: Figure, denominator: Figure) -> Comparison:
    """numerator / denominator, labelled with both claimants and dates and the kind of comparison."""
    if numerator.side != denominator.side:
        kind = "cross-side"
    elif numerator.claimant != denominator.claimant:
        kind = "cross-source"
    else:
        kind = "same claimant"
    if kind != "same claimant" or numerator.date != denominator.date:  # a ratio of two claims means nothing
        return Comparison(numerator, denominator, None, None, kind)
    return Comparison(
        numerator, denominator, numerator.value / denominator.value, numerator.value - denominator.value, kind
    )


def hedge_of(value: object) -> str:
    """A qualifier as text: "" when blank."""
    return "" if pd.isna(value) else str(value)


def claim_figure(claims: pd.DataFrame, claim_id: str) -> Figure:
    """The figure of one row of the claims registry."""
    rows = claims[claims["claim_id"] == claim_id]
    if rows.empty:
        raise KeyError(f"claim_id {claim_id!r} is not in the claims registry")
    r = rows.iloc[0]
    return Figure(
        float(r["value"]),
        r["claimant"],
        r["stated_on"],
        r["side"],
        str(r["metric"]).replace("_", " "),
        hedge_of(r["qualifier"]),
        str(claim_id),
    )


# --- killed and wounded within one claim -----------------------------------------------------


def killed_wounded(claims: pd.DataFrame, claim_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Killed-to-wounded ratio and killed share for each claim that gives killed and wounded.

    A claim is the rows of one claimant, date and side. Several killed (or wounded) rows in one claim
    are disjoint parts (regions, incidents) and are summed; `claim_ids` lists the rows used. When the
    claim states a casualties total, the killed share is killed / total and wounded = total - killed
    (a total may include missing and captured); otherwise the share is killed / (killed + wounded).
    """
    df = claims[claims["metric"].isin(KILLED_METRICS + WOUNDED_METRICS + TOTAL_METRICS)]
    if claim_ids is not None:
        df = df[df["claim_id"].isin(list(claim_ids))]
    rows = []
    for (claimant, stated_on, side), g in df.groupby(GROUP_KEYS, sort=False):
        killed = g[g["metric"].isin(KILLED_METRICS)]
        wounded = g[g["metric"].isin(WOUNDED_METRICS)]
        total = g[g["metric"].isin(TOTAL_METRICS)]
        if killed.empty or (wounded.empty and total.empty):
            continue
        k = float(killed["value"].sum())
        notes = []
        if not total.empty:
            casualties = float(total["value"].sum())
            w = casualties - k
            basis = "casualties total - killed"
            notes.append(_("wounded derived as the casualties total minus killed"))
        else:
            w = float(wounded["value"].sum())
            casualties = k + w
            basis = "stated"
        wound_cases = bool(wounded["claim_id"].isin(WOUND_CASES_INFERRED).any())
        if wound_cases:
            notes.append(
                _("wounded possibly wound cases, an inference from other reporting (the article says 'injured')")
            )
        if w <= 0:
            notes.append(_("killed not below the casualties total: the claim contradicts itself"))
        hedges = sorted({hedge_of(q) for q in g["qualifier"]} - {""})
        if hedges:
            notes.append(
                _("figures hedged: {hedges}").format(hedges=", ".join(_(h) if h in HEDGES else h for h in hedges))
            )
        rows.append(
            {
                "claimant": claimant,
                "stated_on": stated_on,
                "side": side,
                "claim_ids": ", ".join(g["claim_id"]),
                "killed": k,
                "wounded": w,
                "casualties": casualties,
                "wounded_basis": basis,
                "wound_cases": wound_cases,
                "hedges": ", ".join(hedges),
                "killed_to_wounded": k / w if w > 0 else float("nan"),
                "wounded_per_killed": w / k if k > 0 else float("nan"),
                "killed_share": k / casualties,
                "label": _("{claimant} ({stated_on}), {side}: killed {killed}, wounded {wounded}; ").format(
                    claimant=claimant,
                    stated_on=date(stated_on) if len(str(stated_on)) == 10 else stated_on,
                    side=_(SIDE_WORD[side]) if SIDE_WORD.get(side) else side,
                    killed=number(k),
                    wounded=number(w),
                )
                + (_("1 killed to {n} wounded; ").format(n=number(w / k, 1)) if k > 0 else "")
                + _("killed share {share}").format(share=percent(k / casualties)),
                "note": "; ".join(notes),
            }
        )
    columns = [
        "claimant",
        "stated_on",
        "side",
        "claim_ids",
        "killed",
        "wounded",
        "casualties",
        "wounded_basis",
        "wound_cases",
        "hedges",
        "killed_to_wounded",
        "wounded_per_killed",
        "killed_share",
        "label",
        "note",
    ]
    return pd.DataFrame(rows, columns=columns)


# --- the General Staff's series ----------------------------------------------------------------


def as_of(personnel: pd.DataFrame, date: str | pd.Timestamp) -> pd.Series:
    """The last report on or before `date` (a row: date, cumulative, daily, qualifier)."""
    when = pd.Timestamp(date)
    before = personnel[personnel["date"] <= when]
    if before.empty:
        raise ValueError(f"as_of {when.date()} is before the series starts ({personnel['date'].min().date()})")
    return before.iloc[-1]


def general_staff_figure(personnel: pd.DataFrame, date: str | pd.Timestamp) -> Figure:
    r = as_of(personnel, date)
    return Figure(
        float(r["cumulative"]),
        GENERAL_STAFF,
        r["date"].date().isoformat(),
        "russia",
        "casualties",
        hedge_of(r["qualifier"]),
        "daily loss series",
    )


def period_bounds(stated_on: str) -> tuple[dt.date, dt.date]:
    """First and last day of a date given as YYYY-MM-DD, YYYY-MM or YYYY."""
    period = pd.Period(str(stated_on))  # a day, a month or a year, by the date's precision
    return period.start_time.date(), period.end_time.date()


def general_staff_during(personnel: pd.DataFrame, stated_on: str) -> tuple[float, float] | None:
    """The General Staff's figure at the start and end of the period a claim's date names (the same
    value twice for a full date); None when the period lies outside the series."""
    first, last = period_bounds(stated_on)
    start, end = personnel["date"].min().date(), personnel["date"].max().date()
    if last < start or first > end:
        return None
    low = as_of(personnel, max(first, start))["cumulative"]
    high = as_of(personnel, min(last, end))["cumulative"]
    return float(low), float(high)


def wound_cases_caveat(claims: pd.DataFrame, claim_ids: Iterable[str]) -> str:
    """The labelled inference about wound cases, naming the selected claims it concerns; "" when none."""
    rows = claims[claims["claim_id"].isin(list(claim_ids)) & claims["claim_id"].isin(WOUND_CASES_INFERRED)]
    if rows.empty:
        return ""
    named = "; ".join(
        _("{claimant}'s wounded figure (claim {claim})").format(claimant=r.claimant, claim=r.claim_id)
        for r in rows.itertuples()
    )
    return f"{named}: {_(WOUND_CASES_INFERENCE)}."


def casualty_figures(claims: pd.DataFrame, claim_ids: Iterable[str]) -> list[Figure]:
    """Military casualty figures among the given claims: each stated total, and killed + wounded of a claim
    that gives both and no total. Civilian figures are left out: the General Staff's series is military."""
    chosen = claims[claims["claim_id"].isin(list(claim_ids)) & claims["metric"].isin(MILITARY_METRICS)]
    figures = [claim_figure(claims, cid) for cid in chosen.loc[chosen["metric"].isin(COMPARABLE_METRICS), "claim_id"]]
    for r in killed_wounded(chosen).itertuples():
        if r.wounded_basis == "stated":
            what = "killed plus wounded (possibly wound cases)" if r.wound_cases else "killed plus wounded"
            figures.append(Figure(r.casualties, r.claimant, r.stated_on, r.side, what, r.hedges, r.claim_ids))
    return figures


def compare_with_general_staff(
    personnel: pd.DataFrame, claims: pd.DataFrame, claim_ids: Iterable[str], date: str | pd.Timestamp
) -> pd.DataFrame:
    """The General Staff's claimed Russian casualties as of `date` set beside each casualty figure about Russian
    losses among the claims: ratio, difference, kind of comparison, and the General Staff's figure over the
    claim's own date (a range when the claim is dated only to a month or year). Figures about Ukrainian losses
    are left out: a ratio of one army's claimed losses to the other's says nothing about either claim."""
    gs = general_staff_figure(personnel, date)
    rows = []
    for f in casualty_figures(claims, claim_ids):
        if f.side != gs.side:
            continue
        c = compare(gs, f)
        during = general_staff_during(personnel, f.date)
        rows.append(
            {
                "claim": f.ref,
                "claimant": f.claimant,
                "stated_on": f.date,
                "figure": f.label,
                "claimed": f.value,
                "general_staff_as_of": gs.date,
                "general_staff": gs.value,
                "general_staff_at_claim_date": None
                if during is None
                else (
                    number(during[0])
                    if during[0] == during[1]
                    else _("{low} to {high}").format(low=number(during[0]), high=number(during[1]))
                ),
                "ratio": c.ratio,
                "difference": c.difference,
                "kind": c.kind,
                "label": c.label,
            }
        )
    columns = [
        "claim",
        "claimant",
        "stated_on",
        "figure",
        "claimed",
        "general_staff_as_of",
        "general_staff",
        "general_staff_at_claim_date",
        "ratio",
        "difference",
        "kind",
        "label",
    ]
    return pd.DataFrame(rows, columns=columns)


def monthly_means(personnel: pd.DataFrame) -> pd.DataFrame:
    """Mean of the daily claimed figure per calendar month, with the number of reports averaged."""
    df = personnel.dropna(subset=["daily"])
    month = df["date"].dt.to_period("M")
    out = df.groupby(month)["daily"].agg(mean="mean", reports="count")
    out.index = out.index.to_timestamp()
    out.index.name = "month"
    return out.reset_index().astype({"mean": float, "reports": int})


def daily_mean(
    personnel: pd.DataFrame,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    days: int | None = None,
) -> float:
    """Mean of the daily claimed figure over reports dated within [start, end], or over the `days`
    calendar days that end on `end`."""
    if days is not None:
        start = pd.Timestamp(end) - pd.Timedelta(days=days - 1)
    keep = pd.Series(True, index=personnel.index)
    if start is not None:
        keep &= personnel["date"] >= pd.Timestamp(start)
    if end is not None:
        keep &= personnel["date"] <= pd.Timestamp(end)
    return float(personnel.loc[keep, "daily"].dropna().astype(float).mean())


def default_milestones(top: float) -> list[int]:
    """100,000, then every 250,000 up to `top`."""
    return [100_000] + list(range(250_000, int(top) + 1, 250_000))


def milestones(personnel: pd.DataFrame, levels: Iterable[float] | None = None) -> pd.DataFrame:
    """First report date at which the cumulative figure reached each level (>=); levels not yet
    reached are left out."""
    levels = default_milestones(personnel["cumulative"].max()) if levels is None else levels
    rows = []
    for level in levels:
        hit = personnel[personnel["cumulative"] >= level]
        if not hit.empty:
            r = hit.iloc[0]
            rows.append(
                {
                    "milestone": int(level),
                    "date": r["date"],
                    "cumulative": int(r["cumulative"]),
                    "qualifier": hedge_of(r["qualifier"]),
                }
            )
    return pd.DataFrame(rows, columns=["milestone", "date", "cumulative", "qualifier"])


# --- tables for reading (numbers formatted; strings left for to_html to escape) -----------------


def _n(value: float | None) -> str:
    return "" if value is None or pd.isna(value) else number(value)


def claimant_text(name: str) -> str:
    """A claimant as the registry names it; the General Staff and the Air Force in the reader's language."""
    return _(name) if name in (GENERAL_STAFF, AIR_FORCE) else name


def stated_on_text(value: object) -> str:
    """A claim's date: a day in the reader's convention; a month or a year as the registry writes it."""
    return date(str(value)) if len(str(value)) == 10 else str(value)


def claims_source(claims: pd.DataFrame, claim_ids: Iterable[str]) -> str:
    """Lines (wrapped for a chart) naming the claimants of the given claims and where the claims were reported."""
    ids = {i.strip() for c in claim_ids for i in str(c).split(",")}  # "6a, 6b" names two rows
    chosen = claims[claims["claim_id"].isin(ids)]
    who = "; ".join(
        f"{claimant_text(claimant)} ({', '.join(g['claim_id'])})"
        for claimant, g in chosen.groupby("claimant", sort=False)
    )
    where = "; ".join(chosen["source"].drop_duplicates())
    return "\n".join(
        textwrap.wrap(_("Claims: {who}.").format(who=who), 150)
        + textwrap.wrap(_("Reported in: {where}").format(where=where), 150)
    )


def ratios_table(ratios: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("claimant"): ratios["claimant"].map(claimant_text),
            _("stated on"): ratios["stated_on"].map(stated_on_text),
            _("losses of"): ratios["side"].map(lambda side: _(side) if side in SIDES else side),
            _("claims"): ratios["claim_ids"],
            _("killed"): ratios["killed"].map(_n),
            _("wounded"): ratios["wounded"].map(_n),
            _("killed share"): ratios["killed_share"].map(percent),
            _("killed : wounded"): ratios["wounded_per_killed"].map(lambda r: f"1 : {number(r, 2)}"),
            _("note"): ratios["note"],
        }
    )


def comparison_table(comparison: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("claims"): comparison["claim"],
            _("claimant"): comparison["claimant"].map(claimant_text),
            _("stated on"): comparison["stated_on"].map(stated_on_text),
            _("figure claimed"): comparison["figure"],
            _("General Staff of Ukraine (as of)"): [
                f"{_n(v)} ({date(d)})"
                for v, d in zip(comparison["general_staff"], comparison["general_staff_as_of"], strict=True)
            ],
            _("General Staff on the claim's date"): comparison["general_staff_at_claim_date"].fillna(
                _("outside the series")
            ),
            _("ratio General Staff / claim"): comparison["ratio"].map(
                lambda r: _("not divided (another claimant or date)") if pd.isna(r) else number(r, 3)
            ),
            _("kind"): comparison["kind"].map(_),
        }
    )


def milestones_table(marks: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("milestone"): marks["milestone"].map(_n),
            _("first report at or above it"): marks["date"].map(lambda d: date(d.date())),
            _("figure that day"): [
                f"{_(q) if q else ''} {_n(v)}".strip()
                for q, v in zip(marks["qualifier"], marks["cumulative"], strict=True)
            ],
            _("claimant"): _(GENERAL_STAFF),
        }
    )


# --- prose (every sentence of notebook 03 that carries a number) --------------------------------


def describe(
    personnel: pd.DataFrame, gs: Figure, marks: pd.DataFrame, ratios: pd.DataFrame, comparison: pd.DataFrame
) -> str:
    """The key figures as a Markdown list: the General Staff's figure and recent daily mean, the last
    milestone, each claim's killed share and each comparison (strings from the registry escaped)."""
    mean = daily_mean(personnel, end=gs.date, days=30)
    lines = [
        _(
            "- **{claimant}**, report of {date}: {qualifier} **{value}** Russian casualties (killed and wounded; a "
            "claimed figure, not deaths) since {start}. Mean daily claimed figure over the 30 days to {date}: {mean}."
        ).format(
            claimant=text(_(gs.claimant)),
            date=date(gs.date),
            qualifier=_(gs.qualifier) if gs.qualifier else "",
            value=number(gs.value),
            start=date("2022-02-24"),
            mean=number(mean),
        )
    ]
    if not marks.empty:
        last = marks.iloc[-1]
        lines.append(
            _("- Last round milestone reached by then: {milestone}, first reported on {date}.").format(
                milestone=number(last["milestone"]), date=date(last["date"].date())
            )
        )
    lines += [f"- {text(r.label)}" + (f" ({text(r.note)})" if r.note else "") + "." for r in ratios.itertuples()]
    lines += [f"- {text(label)}." for label in comparison["label"]]
    if ratios.empty and comparison.empty:
        lines.append(_("- None of the selected claims gives killed and wounded, or a casualty total."))
    return "\n".join(lines)


def describe_series_chart(gs: Figure) -> str:
    """The title of the chart of the General Staff's series."""
    return _("The General Staff's claimed Russian casualties: {qualifier} {value} as of {date}").format(
        qualifier=_(gs.qualifier) if gs.qualifier else "", value=number(gs.value), date=date(gs.date)
    )


def describe_monthly_chart(monthly: pd.DataFrame, gs: Figure) -> str:
    """The title of the chart of monthly means: the month with the highest mean."""
    peak = monthly.loc[monthly["mean"].idxmax()]
    return _("Mean daily claimed figure by month, to {date}: highest {mean} a day in {month}").format(
        date=date(gs.date), mean=number(peak["mean"]), month=month(str(peak["month"]))
    )


def describe_killed_share_chart(ratios: pd.DataFrame) -> str:
    """The title of the chart of killed shares."""
    shares = ratios["killed_share"]
    low, high = percent(shares.min()), percent(shares.max())
    shown = low if low == high else _("from {low} to {high}").format(low=low, high=high)
    return _("Killed share of casualties in {n} claim(s): {range}").format(n=len(ratios), range=shown)


def describe_wound_cases(claims: pd.DataFrame, claim_ids: Iterable[str]) -> str:
    """The caveat on wounded figures that may count wound cases (labelled as an inference); "" when none of
    the selected claims is one."""
    caveat = wound_cases_caveat(claims, claim_ids)
    return _("**Wound cases.** {caveat}").format(caveat=text(caveat)) if caveat else ""


def describe_hedges(personnel: pd.DataFrame) -> str:
    """The caveat on hedged figures, with how many of the General Staff's reports say 'about'."""
    about = int((personnel["qualifier"] == "about").sum())
    return _(
        "**Hedges.** 'about', 'over' and 'almost' are kept with each figure; ratios of hedged figures are "
        "approximate. The General Staff qualifies {about} of its {reports} daily reports 'about'."
    ).format(about=number(about), reports=number(len(personnel)))


def with_claims_source(source: str, claims: pd.DataFrame, figures: list[Figure]) -> str:
    """A chart's source line, followed by the claims of the figures marked on it (if any)."""
    return source + ("\n" + claims_source(claims, [f.ref for f in figures]) if figures else "")


def describe_no_ratios() -> str:
    """What the killed-and-wounded section says when no selected claim gives both."""
    return _("None of the selected claims gives both killed and wounded (or a casualty total).")
