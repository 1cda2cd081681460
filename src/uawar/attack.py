"""One attack (notebook 06): its rows, what was launched and from where, what became of it as the post states
it, the regions it names, and how it compares with the 30 days before it.

An attack is one nationwide post on one report date (`attack_id`, attacks.csv). Every figure here carries its
coverage: how many of the attack's rows state it, and how much of the launched those rows hold. A blank is
never read as 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from uawar import data, geography, i18n, interception, suppression, volumes
from uawar.i18n import N_, _, ngettext, number, percent
from uawar.taxonomy import WEAPON_GROUPS, weapons_name

# An attack named by a word, not a date, and how a page's title names it (params.titles).
WORDS = {
    "largest": N_("the largest nationwide attack in the log"),
    "latest": N_("the latest nationwide attack in the log"),
}
DAYS_BEFORE = 30
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$")
WHOLE_COUNTRY = "Ukraine"
COUNT_NAMES = {
    "launched": N_("launched"),
    "destroyed": N_("shot down"),
    "suppressed": N_("suppressed (locationally lost)"),
    "still_attacking": N_("still in the air when posted"),
    "crossed_border": N_("crossed the border (left Ukraine's airspace)"),
    "real_shaheds": N_("strike drones among the Shahed-type (the rest decoys)"),
    "hit_locations": N_("locations hit"),
    "fragment_locations": N_("locations where debris fell"),
}
GROUPS = {N_("Shahed-type drones"): ("shahed_drone",), N_("missiles"): WEAPON_GROUPS["missiles"]}
# The headers of this module's tables and charts' data (html() and plots.finish translate them where shown).
HEADERS = (
    N_("model"),
    N_("class"),
    N_("time_start"),
    N_("time_end"),
    N_("destroyed"),
    N_("suppressed"),
    N_("still_attacking"),
    N_("crossed_border"),
    N_("real_shaheds"),
    N_("hit_locations"),
    N_("fragment_locations"),
    N_("launched from"),
    N_("rows"),
    N_("rows_stating_destroyed"),
    N_("figure"),
    N_("as stated"),
    N_("coverage"),
    N_("place"),
    N_("models"),
    N_("launched_by_rows_naming_it"),
    N_("region"),
    N_("named_as"),
    N_("weapons"),
    N_("attack: launched"),
    N_("attack: shot down, as reported"),
    N_("attack: coverage"),
    N_("30 days before: launched"),
    N_("30 days before: shot down, as reported"),
    N_("95 % interval over attacks"),
    N_("30 days before: coverage"),
    N_("attack_id"),
    N_("this attack"),
)
NAMED_AS = (N_("target"), N_("hit"))  # how a row names a region (regions())


class UnknownAttack(ValueError):
    """No nationwide attack of that name; the message says what is allowed."""


def attack_id(table: pd.DataFrame, name: str) -> str:
    """The attack a name gives: 'largest' (most launched; ties: earliest), 'latest', a report date with one
    attack ('2025-09-07'), or a report date and the attack's number that day in the order the windows start
    ('2026-03-24-2'). `table`: the attacks table (data.load_attacks)."""
    name = str(name).strip()
    if name == "largest":
        return str(table.sort_values(["launched", "report_date"], ascending=[False, True], kind="stable").iloc[0, 0])
    if name == "latest":
        return str(table["attack_id"].iloc[-1])
    match = _DATE.match(name)
    if not match:
        raise UnknownAttack(f"{', '.join(WORDS)}, a report date YYYY-MM-DD or YYYY-MM-DD-N (the N-th attack that day)")
    # the ids alone, not the day's rows: a sweep of every attack checks each of its names (report dates are dates)
    day = table.loc[table["report_date"] == pd.Timestamp(match[1]), "attack_id"]
    if day.empty:
        raise UnknownAttack(f"a report date with a nationwide attack ({match[1]} has none)")
    if match[2] is None:
        if len(day) > 1:
            raise UnknownAttack(f"one of {', '.join(day)} ({match[1]} has {len(day)} attacks)")
        return str(day.iloc[0])
    if name not in set(day):
        raise UnknownAttack(f"one of {', '.join(day)}")
    return name


def rows_of(attacks: pd.DataFrame, attack: str) -> pd.DataFrame:
    """The attack's rows in the attack log (data.select: nationwide, each wave once)."""
    rows = data.select(attacks)
    return rows[rows["attack_id"] == attack]


def _stated(values: pd.Series) -> object:
    """A sum over the rows that state a figure; blank when none does."""
    return int(values.sum()) if values.notna().any() else pd.NA


def by_model(rows: pd.DataFrame) -> pd.DataFrame:
    """One line per row of the attack, as the post states it: model, class, window, the counts (blank where the
    post gives none) and where launched from."""
    out = rows[["model", "weapon_class", "time_start", "time_end", *COUNT_NAMES, "launch_place"]].copy()
    out = out.sort_values(["launched", "model"], ascending=[False, True], kind="stable")
    out["launch_place"] = out["launch_place"].map(place_names, na_action="ignore")
    return out.rename(columns={"weapon_class": "class", "launch_place": "launched from"}).reset_index(drop=True)


def by_class(rows: pd.DataFrame) -> pd.DataFrame:
    """Per weapon class: rows, launched, shot down, suppressed (each summed over the rows stating it; blank when
    none does) and how many of the rows state shot down."""
    out = rows.groupby("weapon_class").agg(
        rows=("model", "size"),
        launched=("launched", _stated),
        destroyed=("destroyed", _stated),
        suppressed=("suppressed", _stated),
        rows_stating_destroyed=("destroyed", "count"),
    )
    out.index.name = "class"
    return out.sort_values("launched", ascending=False, kind="stable")


@dataclass(frozen=True)
class Figure:
    """A count of the attack over the rows that state it, with its coverage."""

    name: str
    total: object  # int, or pd.NA when no row states it
    rows: int
    rows_total: int
    launched: int
    launched_total: int

    def coverage(self) -> str:
        if not self.rows:
            return _("stated in none of the {total} rows").format(total=number(self.rows_total))
        return _("stated in {rows} of {total} rows, which hold {launched} of {launched_total} launched").format(
            rows=number(self.rows),
            total=number(self.rows_total),
            launched=number(self.launched),
            launched_total=number(self.launched_total),
        )


def figures(rows: pd.DataFrame) -> list[Figure]:
    """Each count of COUNT_NAMES over the attack's rows that state it, with its coverage."""
    launched_total = int(rows["launched"].sum())
    out = []
    for column, name in COUNT_NAMES.items():
        stating = rows[rows[column].notna()]
        total = int(stating[column].sum()) if len(stating) else pd.NA
        out.append(Figure(name, total, len(stating), len(rows), int(stating["launched"].sum()), launched_total))
    return out


NOT_STATED = N_("not stated")


def shown(table: pd.DataFrame) -> pd.DataFrame:
    """A table for display: a blank count reads "not stated", never 0 or <NA>; a share (a decimal column) is a
    percentage, "n/a" where there is none."""
    out = table.astype(object).where(table.notna(), _(NOT_STATED))
    for column in {"time_start", "time_end"} & set(table.columns):  # a window's start and end (moment)
        out[column] = table[column].map(moment, na_action="ignore").astype(object).where(table[column].notna(), "")
    for column in table.columns[[pd.api.types.is_float_dtype(t) for t in table.dtypes]]:
        out[column] = table[column].map(lambda v: percent(v) if pd.notna(v) else _("n/a"))
    return out


def html(table: pd.DataFrame, index: bool = True) -> str:
    """One of this module's tables as the page shows it (`shown`), in the reader's language (HEADERS)."""
    return i18n.html_table(shown(table), index=index)


def moment(value: str) -> str:
    """A window's start or end as the log writes it ('2025-09-06 17:00', or a date alone), in the reader's
    convention (uk: '6 вересня 2025, 17:00')."""
    day, _space, time = str(value).partition(" ")
    return _("{date} {time}").format(date=i18n.date(day), time=time) if time else i18n.date(day)


def figures_table(rows: pd.DataFrame) -> pd.DataFrame:
    """`figures` as a table: the figure, its total (blank: not stated) and its coverage."""
    return pd.DataFrame(
        {"figure": _(f.name), "as stated": f.total, "coverage": f.coverage()} for f in figures(rows)
    ).set_index("figure")


def place_names(value: str) -> str:
    """A place, or several joined with " and ", in the reader's language (geography.place_name)."""
    return _(geography.SEPARATOR).join(geography.place_name(p) for p in value.split(geography.SEPARATOR))


def split_places(values: pd.Series, separator: str = geography.SEPARATOR) -> pd.Series:
    """Each row's places as a list (several places in one row kept as several); blank rows give none."""
    return values.dropna().map(lambda v: [p.strip() for p in str(v).split(separator) if p.strip()])


def launch_places(rows: pd.DataFrame) -> pd.DataFrame:
    """Each launch place as stated, with the models launched from it and the launched of the rows naming it (a
    row naming several places counts its launched under each: the post does not split it)."""
    named = split_places(rows["launch_place"])
    long = rows.loc[named.index, ["model", "launched"]].assign(place=named).explode("place")
    out = long.groupby("place", sort=False).agg(
        models=("model", lambda m: ", ".join(sorted(set(m)))), launched_by_rows_naming_it=("launched", "sum")
    )
    out = out.sort_values("launched_by_rows_naming_it", ascending=False, kind="stable")
    return out.rename(index=place_names)


def regions(rows: pd.DataFrame) -> pd.DataFrame:
    """The regions the attack's rows name: a target other than the whole country, and the regions named as hit
    (affected_region), each with the models of the rows naming it."""
    targets = rows.loc[rows["target"].notna() & (rows["target"] != WHOLE_COUNTRY), ["model", "target"]]
    hit = split_places(rows["affected_region"], "; ")
    long = pd.concat(
        [
            targets.rename(columns={"target": "region"}).assign(named_as="target"),
            rows.loc[hit.index, ["model"]].assign(region=hit, named_as="hit").explode("region"),
        ]
    )
    if long.empty:
        return pd.DataFrame(columns=["named_as", "models"]).rename_axis("region")
    out = long.groupby(["region", "named_as"]).agg(models=("model", lambda m: ", ".join(sorted(set(m)))))
    return out.reset_index("named_as").rename(index=place_names).assign(named_as=lambda t: t["named_as"].map(_))


def stated_share(rows: pd.DataFrame, column: str) -> volumes.Coverage:
    """How many of the rows state `column` (any text or count), and the launched they hold."""
    stated = rows[column].notna()
    return volumes.Coverage(
        int(stated.sum()), len(rows), int(rows.loc[stated, "launched"].sum()), int(rows["launched"].sum())
    )


# --- the 30 days before ------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    attack: str
    launched: int
    rank: int  # 1 = the largest among the attack and the attacks of the days before
    attacks: int  # attacks of the days before, this one not counted
    first: str
    last: str
    median: float  # launched per attack in the days before


def context(table: pd.DataFrame, attack: str, days: int = DAYS_BEFORE) -> Context:
    """The attack among the nationwide attacks reported in the `days` days before its report date (report dates
    from date - days to date - 1): its rank by launched (1 = largest; ties share the better rank)."""
    me = table[table["attack_id"] == attack].iloc[0]
    day = me["report_date"]
    first, last = day - pd.Timedelta(days=days), day - pd.Timedelta(days=1)
    before = table[(table["report_date"] >= first) & (table["report_date"] <= last)]
    launched = int(me["launched"]) if pd.notna(me["launched"]) else 0
    return Context(
        attack,
        launched,
        int((before["launched"].fillna(0) > launched).sum()) + 1,
        len(before),
        f"{first:%Y-%m-%d}",
        f"{last:%Y-%m-%d}",
        float(before["launched"].median()) if len(before) else float("nan"),
    )


def compare_rates(attacks: pd.DataFrame, rows: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Shot down as reported (interception.decompose's kinetic rate: over the rows that state a shot-down figure) of
    the attack and of the days before, for Shahed-type drones and for missiles; the period's with its interval
    over attacks. From 2025-07-24 the Shahed-type figure merges shot down and suppressed (the suppression
    break)."""
    brk = suppression.suppression_break(attacks)
    before = data.select(attacks, ctx.first, ctx.last)
    out = []
    for name, classes in GROUPS.items():
        mine = interception.decompose(rows[rows["weapon_class"].isin(classes)], brk)
        theirs = interception.decompose(before[before["weapon_class"].isin(classes)], brk)
        lo, hi = theirs.kinetic.wave_interval
        out.append(
            {
                "weapons": _(name),
                "attack: launched": mine.launched,
                "attack: shot down, as reported": mine.kinetic.value,
                "attack: coverage": str(mine.kinetic_coverage),
                "30 days before: launched": theirs.launched,
                "30 days before: shot down, as reported": theirs.kinetic.value,
                "95 % interval over attacks": (
                    _("{low} to {high}").format(low=percent(lo), high=percent(hi)) if pd.notna(lo) else _("n/a")
                ),
                "30 days before: coverage": str(theirs.kinetic_coverage),
            }
        )
    return pd.DataFrame(out).set_index("weapons")


def context_series(table: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Launched per attack over the days before and the attack itself, for the chart (this attack marked)."""
    keep = (table["report_date"] >= pd.Timestamp(ctx.first)) & (table["report_date"] <= pd.Timestamp(ctx.last))
    keep |= table["attack_id"] == ctx.attack
    out = table.loc[keep, ["attack_id", "launched"]].set_index("attack_id")
    out["this attack"] = out.index == ctx.attack
    return out


# --- prose -------------------------------------------------------------------------------------


def describe(rows: pd.DataFrame, ctx: Context) -> str:
    """The attack in one paragraph: its window, what was launched, by whom reported, and its rank."""
    first, last = rows["time_start"].min(), rows["time_end"].max()
    classes = by_class(rows)
    parts = ", ".join(
        _("{count} {weapons}").format(count=number(int(n)), weapons=weapons_name(c))
        for c, n in classes["launched"].dropna().items()
    )
    if ctx.rank == 1:
        rank = _(
            "Among itself and the {n} nationwide attacks reported in the {days} days before its report date "
            "({first} to {last}) it is the largest (median of those {n}: {median} launched)."
        )
    else:
        rank = _(
            "Among itself and the {n} nationwide attacks reported in the {days} days before its report date "
            "({first} to {last}) it is number {rank} by launched (median of those {n}: {median} launched)."
        )
    attack = ngettext(
        "Attack **{attack}**: window {first} to {last} (Kyiv time), {rows} row of the attack log, **{launched} "
        "launched** as the Air Force of Ukraine reports it ({parts}).",
        "Attack **{attack}**: window {first} to {last} (Kyiv time), {rows} rows of the attack log, **{launched} "
        "launched** as the Air Force of Ukraine reports it ({parts}).",
        len(rows),
    )
    return (
        attack.format(
            attack=ctx.attack,
            first=moment(first),
            last=moment(last),
            rows=number(len(rows)),
            launched=number(ctx.launched),
            parts=parts,
        )
        + " "
        + rank.format(
            n=number(ctx.attacks),
            days=number(DAYS_BEFORE),
            first=i18n.date(ctx.first),
            last=i18n.date(ctx.last),
            rank=number(ctx.rank),
            median=number(ctx.median),
        )
    )


COVERAGE_OF = {"launch_place": N_("a launch place"), "affected_region": N_("the regions hit"), "target": N_("a target")}


def describe_coverage(rows: pd.DataFrame) -> str:
    """Which columns the attack's rows state, each as a share of its rows and launched."""
    return (
        "; ".join(
            _("{what}: {coverage}").format(what=_(what), coverage=stated_share(rows, col))
            for col, what in COVERAGE_OF.items()
        )
        + "."
    )


def describe_models_chart(rows: pd.DataFrame, ctx: Context) -> str:
    """The model chart's title: what the post states, by whom and when."""
    return ngettext(
        "Attack {attack}: {launched} launched in {rows} row, by model, as the Air Force of Ukraine reported it on "
        "{date}",
        "Attack {attack}: {launched} launched in {rows} rows, by model, as the Air Force of Ukraine reported it on "
        "{date}",
        len(rows),
    ).format(
        attack=ctx.attack,
        launched=number(ctx.launched),
        rows=number(len(rows)),
        date=i18n.date(rows["report_date"].iloc[0].date()),
    )


def describe_context_chart(ctx: Context) -> str:
    """The context chart's title: the rank, and the period it is among."""
    return _(
        "Attack {attack} ({launched} launched) is number {rank} by launched among itself and the {n} nationwide "
        "attacks reported {first} to {last} (Air Force of Ukraine)"
    ).format(
        attack=ctx.attack,
        launched=number(ctx.launched),
        rank=number(ctx.rank),
        n=number(ctx.attacks),
        first=i18n.date(ctx.first),
        last=i18n.date(ctx.last),
    )


def describe_blanks(rows: pd.DataFrame) -> str:
    """For the blank-is-not-zero caveat: which counts this attack's post leaves blank."""
    blank = [_(f.name) for f in figures(rows) if not f.rows]
    if not blank:
        return _("This attack's rows state every count shown.")
    return _("This attack's rows state none of: {counts}; those are shown blank, not as 0.").format(
        counts="; ".join(blank)
    )
