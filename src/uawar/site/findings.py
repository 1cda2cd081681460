"""The front page's headline findings, computed from the current data, each naming its claimant and
date and the report (notebook and period) that shows it in full."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

import pandas as pd

from uawar import attack, casualties, claims, data, interception, suppression, volumes
from uawar.i18n import _, date, month, number
from uawar.notebook import AIR_FORCE, ATTACK_CAVEAT, CASUALTY_CAVEAT, CLAIMS_CAVEAT, interception_caveat, reports_of


@dataclass(frozen=True)
class Finding:
    """One headline: what it says, who claimed it and when, and where to read more."""

    heading: str
    text: str
    claimant: str
    date: str  # the date (or period) of the claim
    notebook: str  # the notebook whose report shows it
    start: str | None = None  # the period the report should cover (None: the notebook's defaults)
    end: str | None = None
    caveat: str = ""  # what must travel with the figure when it is quoted
    dataset: str = "attack_log"  # the source dataset (uawar.sources): attack_log, loss_series or claims
    terms: tuple[str, ...] = ()  # glossary entries (ids) its text uses
    params: tuple[tuple[str, str], ...] = ()  # the report's parameters, where its period does not pick it

    def as_dict(self) -> dict:
        return asdict(self)


def latest_whole_month(attacks: pd.DataFrame) -> pd.Period:
    """The last calendar month whose every day is on or before the last report date."""
    last = attacks["report_date"].max()
    month = last.to_period("M")
    return month if last == month.end_time.normalize() else month - 1


def month_finding(attacks: pd.DataFrame, weapon_class: str = "shahed_drone") -> Finding:
    """The last whole month: drones and missiles launched (bombs apart, never in that total), and the share of
    the Shahed-type drones shot down, named by the definition in force, with its interval over attacks and
    the Wilson interval beside it."""
    whole = latest_whole_month(attacks)
    start, end = f"{whole.start_time:%Y-%m-%d}", f"{whole.end_time:%Y-%m-%d}"
    launched = int(data.select(attacks, start, end, weapon_class=["drones", "missiles"])["launched"].sum())
    bombs = int(data.select(attacks, start, end, weapon_class="bombs")["launched"].sum())
    rows = data.select(attacks, start, end, weapon_class=weapon_class)
    brk = suppression.suppression_break(attacks, weapon_class)
    dec = interception.decompose(rows, brk)
    text = (
        _(
            "{launched} drones and missiles launched at Ukraine (national reports), and {bombs} bombs; of the {total} "
            "Shahed-type drones and decoys, {rate} reported shot down ({definition})."
        )
        if bombs
        else _(
            "{launched} drones and missiles launched at Ukraine (national reports); of the {total} Shahed-type drones "
            "and decoys, {rate} reported shot down ({definition})."
        )
    )
    return Finding(
        _("{month}: launched, and Shahed-type drones shot down").format(month=month(start)),
        text.format(
            launched=number(launched),
            bombs=number(bombs),
            total=number(dec.destroyed_launched),
            rate=dec.kinetic,
            definition=brk.definition(start, end),
        ),
        _(AIR_FORCE),
        reports_of(start, end),
        "interception_rates",
        start,
        end,
        _(interception_caveat(weapon_class)),
        terms=("shot-down", "suppressed", "decoys", "nationwide", "attack"),
    )


def largest_attack(attacks: pd.DataFrame) -> Finding:
    """The largest attack (one nationwide report, with its window) and, where it differs, the largest report day
    (which can add a night attack and a daytime one), each labelled."""
    rows = data.select(attacks, weapon_class="all")
    top = volumes.largest_attacks(rows, n=1).iloc[0]
    day = volumes.largest_report_days(rows, n=1).iloc[0]
    when = pd.Timestamp(top["report_date"])
    text = _(
        "The largest attack: {launched} launched in one nationwide report, window {time_start} to {time_end}: {models}."
    ).format(
        launched=number(int(top["launched"])),
        time_start=attack.moment(top["time_start"]),
        time_end=attack.moment(top["time_end"]),
        models=top["models"],
    )
    if pd.Timestamp(day["report_date"]) != when or int(day["launched"]) != int(top["launched"]):
        text += " " + _("The largest report day, {day}, holds {attacks} attacks: {launched} launched.").format(
            day=date(pd.Timestamp(day["report_date"]).date()),
            attacks=number(int(day["attacks"])),
            launched=number(int(day["launched"])),
        )
    return Finding(
        _("The largest attack"),
        text,
        _(AIR_FORCE),
        date(when.date()),
        "attack",
        caveat=_(ATTACK_CAVEAT),
        terms=("attack", "report-day", "decoys", "nationwide"),
        params=(("attack", "largest"),),
    )


def latest_attack(attacks: pd.DataFrame) -> Finding:
    """The last nationwide attack of the log, with its window."""
    rows = data.select(attacks, weapon_class="all").dropna(subset=["attack_id"])
    last = rows[rows["report_date"] == rows["report_date"].max()]
    waves = volumes.largest_attacks(last, n=last["attack_id"].nunique())
    latest = waves.sort_values("time_end", kind="stable").iloc[-1]
    return Finding(
        _("The latest attack"),
        _(
            "The latest attack in the data: {launched} launched in one nationwide report, window {time_start} to "
            "{time_end}: {models}."
        ).format(
            launched=number(int(latest["launched"])),
            time_start=attack.moment(latest["time_start"]),
            time_end=attack.moment(latest["time_end"]),
            models=latest["models"],
        ),
        _(AIR_FORCE),
        date(pd.Timestamp(latest["report_date"]).date()),
        "attack",
        caveat=_(ATTACK_CAVEAT),
        terms=("attack", "decoys", "nationwide"),
        params=(("attack", "latest"),),
    )


def general_staff_latest(personnel: pd.DataFrame) -> Finding:
    last = personnel.iloc[-1]
    day = pd.Timestamp(last["date"])
    return Finding(
        _("Claimed Russian casualties"),
        _(
            "{total} Russian personnel losses (killed and wounded, a claimed figure, not deaths) since {start}, "
            "{daily} of them on the last day reported; a mean of {mean} a day over the 30 days to {day}."
        ).format(
            total=number(float(last["cumulative"])),
            start=date("2022-02-24"),
            daily=number(float(last["daily"])),
            mean=number(casualties.daily_mean(personnel, end=day, days=30)),
            day=date(day.date()),
        ),
        _(casualties.GENERAL_STAFF),
        date(day.date()),
        "casualty_ratios",
        caveat=_(CASUALTY_CAVEAT),
        dataset="loss_series",
        terms=("casualties",),
    )


def claims_verdicts(registry: pd.DataFrame, attacks: pd.DataFrame, personnel: pd.DataFrame) -> Finding:
    """How many published figures the data matches, finds consistent with their hedge, contradicts
    or cannot check; the claimant named is where the figures were published (the registry's source)."""
    checked = claims.check_against_data(registry, attacks, personnel)
    counts = checked["verdict"].value_counts()
    checkable = int(checked["data"].notna().sum())
    return Finding(
        _("Published claims against the data"),
        _(
            "Of {total} figures in the claims registry, the data can check {checkable}: {matches} matches, "
            "{consistent} consistent, {contradicts} contradicts."
        ).format(
            total=number(len(checked)),
            checkable=number(checkable),
            **{v: number(int(counts.get(v, 0))) for v in ("matches", "consistent", "contradicts")},
        ),
        _("the claimants named in {source}").format(source=registry["source"].mode().iloc[0])
        if len(registry)
        else _("nobody"),
        claims.stated_span(registry),
        "claims_check",
        caveat=_(CLAIMS_CAVEAT),
        dataset="claims",
    )


# The findings in the front page's order, each with the notebook whose report it links to: computed only when
# the site has a report of that notebook.
FINDINGS: tuple[tuple[str, Callable[[pd.DataFrame, pd.DataFrame, pd.DataFrame], Finding]], ...] = (
    ("interception_rates", lambda a, p, r: month_finding(a)),
    ("attack", lambda a, p, r: largest_attack(a)),
    ("attack", lambda a, p, r: latest_attack(a)),
    ("casualty_ratios", lambda a, p, r: general_staff_latest(p)),
    ("claims_check", lambda a, p, r: claims_verdicts(r, a, p)),
)


def headline(notebooks: set[str] | None = None) -> list[dict]:
    """The front page's findings from the committed data package, for the given notebooks (all by default)."""
    wanted = [make for nb, make in FINDINGS if notebooks is None or nb in notebooks]
    if not wanted:
        return []
    attacks, personnel, registry = data.load_air_attacks(), data.load_personnel(), data.load_claims()
    return [make(attacks, personnel, registry).as_dict() for make in wanted]
