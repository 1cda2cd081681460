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

from uawar import data, interception, suppression, taxonomy, volumes
from uawar.taxonomy import WEAPON_GROUPS

WORDS = ("largest", "latest")  # an attack named by a word, not a date
DAYS_BEFORE = 30
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$")
PLACE_SEPARATOR = " and "  # launch_place joins several places with ' and ' ("Chauda, Crimea" is one place)
WHOLE_COUNTRY = "Ukraine"
COUNT_NAMES = {
    "launched": "launched",
    "destroyed": "shot down",
    "suppressed": "suppressed (locationally lost)",
    "still_attacking": "still in the air when posted",
    "crossed_border": "crossed the border (left Ukraine's airspace)",
    "real_shaheds": "strike drones among the Shahed-type (the rest decoys)",
    "hit_locations": "locations hit",
    "fragment_locations": "locations where debris fell",
}
GROUPS = {"Shahed-type drones": ("shahed_drone",), "missiles": WEAPON_GROUPS["missiles"]}


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
            return f"stated in none of the {self.rows_total} rows"
        return (
            f"stated in {self.rows} of {self.rows_total} rows, which hold {self.launched:,} of "
            f"{self.launched_total:,} launched"
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


NOT_STATED = "not stated"


def shown(table: pd.DataFrame) -> pd.DataFrame:
    """A table for display: a blank count reads "not stated", never 0 or <NA>."""
    return table.astype(object).where(table.notna(), NOT_STATED)


def figures_table(rows: pd.DataFrame) -> pd.DataFrame:
    """`figures` as a table: the figure, its total (blank: not stated) and its coverage."""
    return pd.DataFrame(
        {"figure": f.name, "as stated": f.total, "coverage": f.coverage()} for f in figures(rows)
    ).set_index("figure")


def places(values: pd.Series, separator: str = PLACE_SEPARATOR) -> pd.Series:
    """Each row's places as a list (several places in one row kept as several); blank rows give none."""
    return values.dropna().map(lambda v: [p.strip() for p in str(v).split(separator) if p.strip()])


def launch_places(rows: pd.DataFrame) -> pd.DataFrame:
    """Each launch place as stated, with the models launched from it and the launched of the rows naming it (a
    row naming several places counts its launched under each: the post does not split it)."""
    named = places(rows["launch_place"])
    long = rows.loc[named.index, ["model", "launched"]].assign(place=named).explode("place")
    out = long.groupby("place", sort=False).agg(
        models=("model", lambda m: ", ".join(sorted(set(m)))), launched_by_rows_naming_it=("launched", "sum")
    )
    return out.sort_values("launched_by_rows_naming_it", ascending=False, kind="stable")


def regions(rows: pd.DataFrame) -> pd.DataFrame:
    """The regions the attack's rows name: a target other than the whole country, and the regions named as hit
    (affected_region), each with the models of the rows naming it."""
    targets = rows.loc[rows["target"].notna() & (rows["target"] != WHOLE_COUNTRY), ["model", "target"]]
    hit = places(rows["affected_region"], "; ")
    long = pd.concat(
        [
            targets.rename(columns={"target": "region"}).assign(named_as="target"),
            rows.loc[hit.index, ["model"]].assign(region=hit, named_as="hit").explode("region"),
        ]
    )
    if long.empty:
        return pd.DataFrame(columns=["named_as", "models"]).rename_axis("region")
    return (
        long.groupby(["region", "named_as"])
        .agg(models=("model", lambda m: ", ".join(sorted(set(m)))))
        .reset_index("named_as")
    )


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
                "weapons": name,
                "attack: launched": mine.launched,
                "attack: shot down, as reported": mine.kinetic.value,
                "attack: coverage": str(mine.kinetic_coverage),
                "30 days before: launched": theirs.launched,
                "30 days before: shot down, as reported": theirs.kinetic.value,
                "95 % interval over attacks": f"{lo:.1%} to {hi:.1%}" if pd.notna(lo) else "n/a",
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


def class_name(weapon_class: str) -> str:
    """A class as prose, plural: 'cruise missiles', 'Shahed-type drones'."""
    name = taxonomy.CLASS_NAMES.get(weapon_class, taxonomy.class_name(weapon_class))
    return name if name.endswith("s") else name + "s"


# --- prose -------------------------------------------------------------------------------------


def describe(rows: pd.DataFrame, ctx: Context) -> str:
    """The attack in one paragraph: its window, what was launched, by whom reported, and its rank."""
    first, last = rows["time_start"].min(), rows["time_end"].max()
    classes = by_class(rows)
    parts = ", ".join(f"{int(n):,} {class_name(c)}" for c, n in classes["launched"].dropna().items())
    rank = "the largest" if ctx.rank == 1 else f"number {ctx.rank} by launched"
    n = f"{len(rows)} row{'' if len(rows) == 1 else 's'}"
    return (
        f"Attack **{ctx.attack}**: window {first} to {last} (Kyiv time), {n} of the attack log, "
        f"**{ctx.launched:,} launched** as the Air Force of Ukraine reports it ({parts}). Among "
        f"itself and the {ctx.attacks} nationwide attacks reported in the {DAYS_BEFORE} days before its report date "
        f"({ctx.first} to {ctx.last}) it is {rank} (median of those {ctx.attacks}: {ctx.median:,.0f} launched)."
    )


def describe_coverage(rows: pd.DataFrame) -> str:
    """Which columns the attack's rows state, each as a share of its rows and launched."""
    names = {"launch_place": "a launch place", "affected_region": "the regions hit", "target": "a target"}
    return "; ".join(f"{what}: {stated_share(rows, col)}" for col, what in names.items()) + "."


def describe_models_chart(rows: pd.DataFrame, ctx: Context) -> str:
    """The model chart's title: what the post states, by whom and when."""
    return (
        f"Attack {ctx.attack}: {ctx.launched:,} launched in {len(rows)} row{'' if len(rows) == 1 else 's'}, by model, "
        f"as the Air Force of Ukraine reported it on {rows['report_date'].iloc[0]:%Y-%m-%d}"
    )


def describe_context_chart(ctx: Context) -> str:
    """The context chart's title: the rank, and the period it is among."""
    return (
        f"Attack {ctx.attack} ({ctx.launched:,} launched) is number {ctx.rank} by launched among itself and the "
        f"{ctx.attacks} nationwide attacks reported {ctx.first} to {ctx.last} (Air Force of Ukraine)"
    )


def describe_blanks(rows: pd.DataFrame) -> str:
    """For the blank-is-not-zero caveat: which counts this attack's post leaves blank."""
    blank = [f.name for f in figures(rows) if not f.rows]
    if not blank:
        return "This attack's rows state every count shown."
    return f"This attack's rows state none of: {'; '.join(blank)}; those are shown blank, not as 0."
