"""Where from and where to (notebook 08): the launch places and the regions of Ukraine the nationwide reports name,
each with the share of rows and of launched that name any. Places are kept as stated, with a few spellings
normalised (PLACE_ALIASES); a row naming several places counts under each, and its launched is never split among
them. Regions are Ukraine's oblasts (and the city of Kyiv) named as a row's target or as hit (`affected_region`);
a target of the whole country or a direction (south, east, ...) names no region.
"""

from __future__ import annotations

import pandas as pd

from uawar import data
from uawar.i18n import N_, _, date, html_table, month_figures, number, percent

SEPARATOR = " and "
# Spellings of one place the log writes two ways (read from its values: `Oblast`/`oblast`, a place without its
# peninsula once, a leading "and " once).
PLACE_ALIASES = {"Hvardiiske": "Hvardiiske, Crimea"}
DIRECTIONS = {"Ukraine", "south", "east", "north", "west", "center", "south-east", "north-east", "south-west"}
# The tile grid: each oblast (and Kyiv city) at (row, column), west to east and north to south; a schematic, no
# boundaries.
GRID = {
    N_("Kyiv"): (0, 3),
    N_("Volyn oblast"): (1, 0),
    N_("Rivne oblast"): (1, 1),
    N_("Zhytomyr oblast"): (1, 2),
    N_("Kyiv oblast"): (1, 3),
    N_("Chernihiv oblast"): (1, 4),
    N_("Sumy oblast"): (1, 5),
    N_("Lviv oblast"): (2, 0),
    N_("Ternopil oblast"): (2, 1),
    N_("Khmelnytskyi oblast"): (2, 2),
    N_("Cherkasy oblast"): (2, 3),
    N_("Poltava oblast"): (2, 4),
    N_("Kharkiv oblast"): (2, 5),
    N_("Luhansk oblast"): (2, 6),
    N_("Zakarpattia oblast"): (3, 0),
    N_("Ivano-Frankivsk oblast"): (3, 1),
    N_("Vinnytsia oblast"): (3, 2),
    N_("Kirovohrad oblast"): (3, 3),
    N_("Dnipropetrovsk oblast"): (3, 4),
    N_("Donetsk oblast"): (3, 5),
    N_("Chernivtsi oblast"): (4, 1),
    N_("Odesa oblast"): (4, 2),
    N_("Mykolaiv oblast"): (4, 3),
    N_("Kherson oblast"): (4, 4),
    N_("Zaporizhzhia oblast"): (4, 5),
    N_("Crimea"): (5, 4),
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


# The names of places and regions the log writes (as normalised here), each in the reader's language where it is
# sure (a Ukrainian page: the usual Ukrainian spelling); a name not listed is shown as the log writes it.
NAMES = frozenset(
    (
        *GRID,
        N_("Astrakhan oblast"),
        N_("Astrakhan oblast, Kapustin Yar"),
        N_("Balaklava, Crimea"),
        N_("Belarus"),
        N_("Belbek, Crimea"),
        N_("Belgorod"),
        N_("Belgorod oblast"),
        N_("Berdiansk"),
        N_("Black Sea"),
        N_("Black Sea, Anapa"),
        N_("Black Sea, Feodosia"),
        N_("Black Sea, Yalta"),
        N_("Bryansk oblast"),
        N_("Bryansk oblast, Seshcha"),
        N_("Cape Tarkhankut, Crimea"),
        N_("Caspian Sea"),
        N_("Caspian Sea, Engels-2"),
        N_("Caspian Sea, Saratov oblast"),
        N_("Chauda, Crimea"),
        N_("Dzhankoi, Crimea"),
        N_("Engels-2"),
        N_("Hvardiiske, Crimea"),
        N_("Kacha, Crimea"),
        N_("Krasnodar Krai"),
        N_("Kursk oblast"),
        N_("Lipetsk oblast"),
        N_("Melitopol"),
        N_("Millerovo"),
        N_("Morozovsk"),
        N_("Nizhny Novgorod oblast"),
        N_("Olenegorsk"),
        N_("Olenya"),
        N_("Oryol oblast"),
        N_("Primorsko-Akhtarsk"),
        N_("Rostov oblast"),
        N_("Ryazan oblast"),
        N_("Samara oblast"),
        N_("Saratov oblast"),
        N_("Savasleyka"),
        N_("Sea of Azov"),
        N_("Sevastopol, Crimea"),
        N_("Shatalovo"),
        N_("Shaykovka"),
        N_("Soltsy-2"),
        N_("Taganrog"),
        N_("Tambov oblast"),
        N_("Tokmak"),
        N_("Tula oblast"),
        N_("Volgodonsk"),
        N_("Volgograd oblast"),
        N_("Vologda oblast"),
        N_("Voronezh oblast"),
        N_("Yeysk"),
        N_("Zaporizhzhia oblast, Prymorsk"),
        N_("east"),
        N_("eastern coast of Sea of Azov"),
        N_("north"),
        N_("north-east"),
        N_("south"),
        N_("south-east"),
        N_("Kharkiv"),
        N_("Kolomyia"),
        N_("Kramatorsk"),
        N_("Kyiv oblast (south)"),
        N_("Starokostiantyniv"),
        N_("Sumy"),
        N_("front line"),
        # as the attack pages (uawar.attack) show them, unnormalised
        N_("Dnipro"),
        N_("Dnipro oblast"),
        N_("Dnipropetrovsk oblast, Dnipro Raion"),
        N_("Dnipropetrovsk oblast, Kryvyi Rih Raion"),
        N_("Dnipropetrovsk oblast, Novomoskovsk Raion"),
        N_("Dnipropetrovsk oblast, Synelnykove Raion"),
        N_("Hvardiiske"),
        N_("Kryvyi Rih"),
        N_("Lutsk oblast"),
        N_("Odesa oblast, Black Sea"),
        N_("Poltava oblast, Myrhorod Raion"),
        N_("Ryazan Oblast"),
        N_("Snake Island"),
        N_("Tambov Oblast"),
        N_("Ukraine"),
        N_("Vologda Oblast"),
        N_("Zaporizhzhia"),
        N_("and Shatalovo"),
        N_("center"),
        N_("west"),
    )
)


def place_name(place: str) -> str:
    """A place or region in the reader's language (NAMES), else as the log writes it."""
    return _(place) if place in NAMES else place


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
            N_("rows"): rows.groupby(month).size(),
            N_("rows stating"): stated.groupby(month).sum(),
            N_("launched"): rows["launched"].fillna(0).groupby(month).sum(),
            N_("launched of those"): rows["launched"].where(stated, 0).fillna(0).groupby(month).sum(),
        }
    ).astype("int64")
    out[N_("share of rows")] = out["rows stating"] / out["rows"]
    out[N_("share of launched")] = out["launched of those"] / out["launched"].where(out["launched"] > 0)
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
    out = long.groupby(N_("place")).agg(
        **{
            N_("rows"): ("model", "size"),
            N_("attacks"): ("attack_id", "nunique"),
            N_("launched_by_rows_naming_it"): ("launched", "sum"),
        }
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
    for column, split, named_as in (("target", SEPARATOR, N_("target")), ("affected_region", "; ", N_("hit"))):
        names = rows[column].map(lambda v, s=split: _regions_of(v, s))
        long = rows.assign(region=names, named_as=named_as).explode(N_("region")).dropna(subset=["region"])
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
    out[N_("attacks naming it")] = long.groupby("region")["attack_id"].nunique()
    out[N_("on the map")] = out.index.isin(list(GRID))
    out = out.rename_axis(columns=N_("named_as"))  # as unstack names it: marked to be translated where shown
    return out[["attacks naming it", "target", "hit", "on the map"]].sort_values("attacks naming it", ascending=False)


def region_coverage_by_month(rows: pd.DataFrame) -> pd.DataFrame:
    """`coverage_by_month` of naming a region (target or hit)."""
    named = names_a_region(rows)
    return coverage_by_month(rows.assign(region=named.where(named)), "region")


# --- tables as the notebook shows them: headers, names and numbers in the reader's language ---------------


def places_html(rows: pd.DataFrame) -> str:
    return html_table(place_totals(rows).rename(index=place_name))


def coverage_html(coverage: pd.DataFrame) -> str:
    return html_table(coverage.rename(index=month_figures), lambda v: percent(v, 0))


def regions_html(totals: pd.DataFrame) -> str:
    on_map = totals["on the map"].map(lambda on: _("True") if on else _("False"))
    return html_table(totals.assign(**{"on the map": on_map}).rename(index=place_name))


# --- prose -----------------------------------------------------------------------------------------


def describe(rows: pd.DataFrame, start: str, end: str) -> str:
    """The key figures: how many rows and how much of the launched state a launch place, and a region."""
    launched = int(rows["launched"].fillna(0).sum())
    place = rows["launch_place"].notna()
    region = names_a_region(rows)
    attacks = rows.loc[region, "attack_id"].nunique()

    def share(mask: pd.Series) -> str:
        return _("{stating} of {rows} rows ({share}), {held} of {launched} launched").format(
            stating=number(int(mask.sum())),
            rows=number(len(rows)),
            share=percent(mask.mean(), 0),
            held=number(int(rows.loc[mask, "launched"].fillna(0).sum())),
            launched=number(launched),
        )

    return _(
        "Of the nationwide rows reported {start} to {end} (Air Force of Ukraine, compiled by P. Ivaniuk), "
        "**{places}** state a launch place, and **{regions}** name a region of Ukraine as target or as hit "
        "({attacks} of {all_attacks} attacks)."
    ).format(
        start=date(start),
        end=date(end),
        places=share(place),
        regions=share(region),
        attacks=number(attacks),
        all_attacks=number(rows["attack_id"].nunique()),
    )


def describe_places_chart(shares: pd.DataFrame, coverage: pd.DataFrame) -> str:
    return _(
        "The launch places named most, as a share of each month's rows that state a place ({stated} of {rows} rows "
        "state one; Air Force of Ukraine's reports)"
    ).format(stated=number(int(coverage["rows stating"].sum())), rows=number(int(coverage["rows"].sum())))


def describe_map(totals: pd.DataFrame, rows: pd.DataFrame) -> str:
    return _(
        "Attacks naming each oblast as target or hit ({named} of {rows} rows name a region; a schematic tile grid, "
        "not a map of damage; Air Force of Ukraine's reports)"
    ).format(named=number(int(names_a_region(rows).sum())), rows=number(len(rows)))


def nationwide(air: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """The nationwide rows of the period (data.select: each wave once)."""
    return data.select(air, start, end)
