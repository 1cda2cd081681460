"""Where from and where to (notebook 08): the launch places and the regions of Ukraine the nationwide reports name,
each with the share of rows and of launched that name any. Places are kept as stated, with a few spellings
normalised (PLACE_ALIASES); a row naming several places counts under each, and its launched is never split among
them. Regions are Ukraine's oblasts (and the city of Kyiv) named as a row's target or as hit (`affected_region`);
a target of the whole country or a direction (south, east, ...) names no region.
"""

from __future__ import annotations

import pandas as pd

from uawar import data

SEPARATOR = " and "
# Spellings of one place the log writes two ways (read from its values: `Oblast`/`oblast`, a place without its
# peninsula once, a leading "and " once).
PLACE_ALIASES = {"Hvardiiske": "Hvardiiske, Crimea"}
DIRECTIONS = {"Ukraine", "south", "east", "north", "west", "center", "south-east", "north-east", "south-west"}
# The tile grid: each oblast (and Kyiv city) at (row, column), west to east and north to south; a schematic, no
# boundaries.
GRID = {
    "Kyiv": (0, 3),
    "Volyn oblast": (1, 0),
    "Rivne oblast": (1, 1),
    "Zhytomyr oblast": (1, 2),
    "Kyiv oblast": (1, 3),
    "Chernihiv oblast": (1, 4),
    "Sumy oblast": (1, 5),
    "Lviv oblast": (2, 0),
    "Ternopil oblast": (2, 1),
    "Khmelnytskyi oblast": (2, 2),
    "Cherkasy oblast": (2, 3),
    "Poltava oblast": (2, 4),
    "Kharkiv oblast": (2, 5),
    "Luhansk oblast": (2, 6),
    "Zakarpattia oblast": (3, 0),
    "Ivano-Frankivsk oblast": (3, 1),
    "Vinnytsia oblast": (3, 2),
    "Kirovohrad oblast": (3, 3),
    "Dnipropetrovsk oblast": (3, 4),
    "Donetsk oblast": (3, 5),
    "Chernivtsi oblast": (4, 1),
    "Odesa oblast": (4, 2),
    "Mykolaiv oblast": (4, 3),
    "Kherson oblast": (4, 4),
    "Zaporizhzhia oblast": (4, 5),
    "Crimea": (5, 4),
}
# Names the log uses for an oblast: an older name, its capital, a city in it (kept at oblast level on the map).
REGION_ALIASES = {
    "Dnipro oblast": "Dnipropetrovsk oblast",
    "Lutsk oblast": "Volyn oblast",
    "Dnipro": "Dnipropetrovsk oblast",
    "Kryvyi Rih": "Dnipropetrovsk oblast",
    "Zaporizhzhia": "Zaporizhzhia oblast",
    "Snake Island": "Odesa oblast",
}


def normalise_place(place: str) -> str:
    """One launch place as stated, with the log's few variant spellings made one."""
    place = place.strip().removeprefix("and ").strip().replace(" Oblast", " oblast")
    return PLACE_ALIASES.get(place, place)


def launch_places(rows: pd.DataFrame) -> pd.DataFrame:
    """One line per (row, place) of the rows that state a launch place: month, place, model, the row's launched."""
    named = rows[rows["launch_place"].notna()]
    places = named["launch_place"].map(lambda v: [normalise_place(p) for p in str(v).split(SEPARATOR) if p.strip()])
    long = named.assign(place=places, month=named["report_date"].dt.strftime("%Y-%m")).explode("place")
    return long[["month", "place", "model", "launched", "attack_id"]]


def coverage_by_month(rows: pd.DataFrame, column: str) -> pd.DataFrame:
    """Per month: rows, those stating `column`, and the launched of each, with both shares."""
    month = rows["report_date"].dt.strftime("%Y-%m")
    stated = rows[column].notna()
    out = pd.DataFrame(
        {
            "rows": rows.groupby(month).size(),
            "rows stating": stated.groupby(month).sum(),
            "launched": rows["launched"].fillna(0).groupby(month).sum(),
            "launched of those": rows["launched"].where(stated, 0).fillna(0).groupby(month).sum(),
        }
    ).astype("int64")
    out["share of rows"] = out["rows stating"] / out["rows"]
    out["share of launched"] = out["launched of those"] / out["launched"].where(out["launched"] > 0)
    out.index.name = "month"
    return out


def places_by_month(rows: pd.DataFrame, top: int = 6) -> pd.DataFrame:
    """For the `top` places named most over the rows: the share of each month's rows stating a place that name
    it (a row naming several places counts for each, so the shares add to more than 100 %)."""
    long = launch_places(rows)
    leaders = long["place"].value_counts().head(top).index
    counts = long[long["place"].isin(leaders)].groupby(["month", "place"]).size().unstack(fill_value=0)
    stating = rows[rows["launch_place"].notna()]
    per_month = stating.groupby(stating["report_date"].dt.strftime("%Y-%m")).size()
    return counts.div(per_month.reindex(counts.index), axis=0)[list(leaders)]


def place_totals(rows: pd.DataFrame) -> pd.DataFrame:
    """Each place: rows naming it, attacks naming it, the launched of those rows (not split among places)."""
    long = launch_places(rows)
    out = long.groupby("place").agg(
        rows=("model", "size"), attacks=("attack_id", "nunique"), launched_by_rows_naming_it=("launched", "sum")
    )
    return out.sort_values(["rows", "launched_by_rows_naming_it"], ascending=False, kind="stable")


def _regions_of(value: object, split: str) -> list[str]:
    if not isinstance(value, str):
        return []
    out = []
    for name in value.split(split):
        name = name.strip().split(",")[0].strip()  # "Dnipropetrovsk oblast, Dnipro Raion": the oblast
        name = REGION_ALIASES.get(name, name)
        if name and name not in DIRECTIONS:
            out.append(name)
    return out


def regions(rows: pd.DataFrame) -> pd.DataFrame:
    """One line per (row, region, named as target or hit), for the rows that name a region."""
    parts = []
    for column, split, named_as in (("target", SEPARATOR, "target"), ("affected_region", "; ", "hit")):
        names = rows[column].map(lambda v, s=split: _regions_of(v, s))
        long = rows.assign(region=names, named_as=named_as).explode("region").dropna(subset=["region"])
        parts.append(long[["report_date", "attack_id", "model", "launched", "region", "named_as"]])
    return pd.concat(parts, ignore_index=True)


def names_a_region(rows: pd.DataFrame) -> pd.Series:
    """True for a row whose target or affected_region names a region (not the country or a direction)."""
    target = rows["target"].map(lambda v: bool(_regions_of(v, SEPARATOR)))
    hit = rows["affected_region"].map(lambda v: bool(_regions_of(v, "; ")))
    return (target | hit).astype(bool)


def region_totals(rows: pd.DataFrame) -> pd.DataFrame:
    """Per region: the attacks naming it as target, as hit, and either; on the grid or not."""
    long = regions(rows)
    out = long.groupby(["region", "named_as"])["attack_id"].nunique().unstack(fill_value=0)
    for col in ("target", "hit"):
        if col not in out:
            out[col] = 0
    out["attacks naming it"] = long.groupby("region")["attack_id"].nunique()
    out["on the map"] = out.index.isin(list(GRID))
    return out[["attacks naming it", "target", "hit", "on the map"]].sort_values("attacks naming it", ascending=False)


def region_coverage_by_month(rows: pd.DataFrame) -> pd.DataFrame:
    """`coverage_by_month` of naming a region (target or hit)."""
    named = names_a_region(rows)
    return coverage_by_month(rows.assign(region=named.where(named)), "region")


def describe(rows: pd.DataFrame, start: str, end: str) -> str:
    """The key figures: how many rows and how much of the launched state a launch place, and a region."""
    launched = int(rows["launched"].fillna(0).sum())
    place = rows["launch_place"].notna()
    region = names_a_region(rows)
    attacks = rows.loc[region, "attack_id"].nunique()

    def share(mask: pd.Series) -> str:
        held = int(rows.loc[mask, "launched"].fillna(0).sum())
        return f"{int(mask.sum()):,} of {len(rows):,} rows ({mask.mean():.0%}), {held:,} of {launched:,} launched"

    return (
        f"Of the nationwide rows reported {start} to {end} (Air Force of Ukraine, compiled by P. Ivaniuk), "
        f"**{share(place)}** state a launch place, and **{share(region)}** name a region of Ukraine as target or as "
        f"hit ({attacks:,} of {rows['attack_id'].nunique():,} attacks)."
    )


def describe_places_chart(shares: pd.DataFrame, coverage: pd.DataFrame) -> str:
    stated = int(coverage["rows stating"].sum())
    return (
        f"The launch places named most, as a share of each month's rows that state a place ({stated:,} of "
        f"{int(coverage['rows'].sum()):,} rows state one; Air Force of Ukraine's reports)"
    )


def describe_map(totals: pd.DataFrame, rows: pd.DataFrame) -> str:
    named = int(names_a_region(rows).sum())
    return (
        f"Attacks naming each oblast as target or hit ({named:,} of {len(rows):,} rows name a region; "
        "a schematic tile grid, not a map of damage; Air Force of Ukraine's reports)"
    )


def nationwide(air: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """The nationwide rows of the period (data.select: each wave once)."""
    return data.select(air, start, end)
