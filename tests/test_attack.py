"""Notebook 06's analysis (uawar.attack): one attack's rows, figures with their coverage, launch places and regions
as stated, and its place among the 30 days before. The real values are worked by hand from the raw export
(data/raw/massive-missile-attacks-on-ukraine/2026-06-07/missile_attacks_daily.csv) with plain pandas: rows whose
`source` is the Air Force's (kpszsu), grouped by report date (the day `time_end` ends) and post."""

import pandas as pd
import pytest
from notebook_runner import run

from uawar import attack, config, data, geography, i18n, params

NB06 = config.NOTEBOOKS_DIR / "06_attack.ipynb"


@pytest.fixture(scope="module")
def air():
    return data.load_air_attacks()


@pytest.fixture(scope="module")
def table():
    return data.load_attacks()


def _rows(**columns):
    """A small attack: every column of the attack log, blank unless given."""
    n = len(next(iter(columns.values())))
    base = {c: [pd.NA] * n for c in data.load_air_attacks().columns}
    base.update(report_date=[pd.Timestamp("2025-01-02")] * n, time_start=["2025-01-01 18:00"] * n)
    base.update(time_end=["2025-01-02 08:00"] * n, attack_id=["2025-01-02-1"] * n)
    base.update(columns)
    return pd.DataFrame(base)


# --- naming an attack ----------------------------------------------------------------------------


def test_a_day_with_two_attacks_needs_their_number(table):
    # 2026-03-24: the night post (window 2026-03-23 18:00 to 09:00) and the daytime one (09:00 to 18:00)
    assert attack.attack_id(table, "2026-03-24-1") != attack.attack_id(table, "2026-03-24-2")
    with pytest.raises(attack.UnknownAttack, match="one of 2026-03-24-1, 2026-03-24-2"):
        attack.attack_id(table, "2026-03-24")
    with pytest.raises(params.ParameterError, match="'attack' = '2026-03-24'"):
        params.validate("attack", attack="2026-03-24")


@pytest.mark.parametrize("name", ["2022-01-01", "2026-03-24-3", "yesterday", "2025-09-07-x"])
def test_an_unknown_attack_is_refused_before_any_kernel(name):
    with pytest.raises(params.ParameterError) as err:
        params.validate("attack", attack=name)
    assert err.value.name == "attack"


def test_largest_and_latest(table):
    # by hand: the largest nationwide post is the night ending 2025-09-07 (810 Shahed-136/131 + 9 Iskander-K +
    # 4 Iskander-M/KN-23 = 823); the last report date of the export is 2026-06-07, one post
    assert attack.attack_id(table, "largest") == "2025-09-07-1" == attack.attack_id(table, "2025-09-07")
    assert attack.attack_id(table, "latest") == "2026-06-07-1"


# --- the night ending 2025-09-07, by hand from the raw rows ----------------------------------------


def test_the_night_ending_2025_09_07(air, table):
    rows = attack.rows_of(air, "2025-09-07-1")
    figures = {f.name: f for f in attack.figures(rows)}
    # raw: launched 810 + 9 + 4 = 823; destroyed 747 + 4 + 0 = 751; only the Shahed row states hits (33),
    # debris locations (8) and a suppressed figure (0, after the merge); no row states still in the air
    assert (figures["launched"].total, figures["shot down"].total) == (823, 751)
    assert (figures["locations hit"].total, figures["locations where debris fell"].total) == (33, 8)
    assert figures["locations hit"].coverage() == "stated in 1 of 3 rows, which hold 810 of 823 launched"
    assert figures["still in the air when posted"].total is pd.NA
    assert figures["still in the air when posted"].coverage() == "stated in none of the 3 rows"
    classes = attack.by_class(rows)["launched"].to_dict()
    assert classes == {"shahed_drone": 810, "cruise_missile": 9, "ballistic_missile": 4}
    # raw launch_place: 8 places in the Shahed row ("Chauda, Crimea" is one), Crimea, Kursk oblast (twice)
    places = attack.launch_places(rows)
    assert len(places) == 9 and "Chauda, Crimea" in places.index
    assert places.loc["Kursk oblast", "launched_by_rows_naming_it"] == 810 + 9
    regions = attack.regions(rows)  # raw `affected region` of the Shahed row: nine oblasts
    assert len(regions) == 9 and set(regions["named_as"]) == {"hit"} and "Zhytomyr oblast" in regions.index


def test_its_place_among_the_30_days_before(air, table):
    ctx = attack.context(table, "2025-09-07-1")
    # raw: 31 Air Force posts reported 2025-08-08..09-06, median 95 launched, none larger than 823
    assert (ctx.rank, ctx.attacks, ctx.median, ctx.first, ctx.last) == (1, 31, 95.0, "2025-08-08", "2025-09-06")
    rates = attack.compare_rates(air, attack.rows_of(air, "2025-09-07-1"), ctx)
    # raw: Shahed-136/131 rows of those posts: 3,919 shot down of 4,717; the attack's 747 of 810
    assert rates.loc["Shahed-type drones", "30 days before: shot down, as reported"] == pytest.approx(3919 / 4717)
    assert rates.loc["Shahed-type drones", "attack: shot down, as reported"] == pytest.approx(747 / 810)
    night = attack.context(table, "2026-03-24-1")  # raw: 424 launched; 30 posts before, 3 of them larger
    assert (night.launched, night.rank, night.attacks, night.median) == (424, 4, 30, 140.0)


# --- the rules, on small attacks ----------------------------------------------------------------------


def test_blank_is_not_zero_and_coverage_is_stated():
    rows = _rows(model=["A", "B"], weapon_class=["shahed_drone", "cruise_missile"], launched=[100, 10])
    rows["destroyed"] = pd.array([90, pd.NA], dtype="Int64")
    figures = {f.name: f for f in attack.figures(rows)}
    assert figures["shot down"].total == 90
    assert figures["shot down"].coverage() == "stated in 1 of 2 rows, which hold 100 of 110 launched"
    assert attack.shown(attack.by_class(rows)).loc["cruise_missile", "destroyed"] == attack.NOT_STATED
    assert "locations hit" in attack.describe_blanks(rows)


def test_several_places_in_one_row_are_kept_as_several_without_splitting_its_count():
    rows = _rows(model=["A", "B"], launch_place=["Kursk oblast and Chauda, Crimea", pd.NA], launched=[50, 7])
    places = attack.launch_places(rows)
    assert places["launched_by_rows_naming_it"].to_dict() == {"Kursk oblast": 50, "Chauda, Crimea": 50}
    assert str(attack.stated_share(rows, "launch_place")) == "stated in 1 of 2 report rows, 50 of 57 launched"


def test_a_target_of_the_whole_country_names_no_region():
    rows = _rows(model=["A", "B"], target=["Ukraine", "Odesa oblast"], affected_region=[pd.NA, "Sumy oblast; Kyiv"])
    regions = attack.regions(rows)
    assert sorted(regions.index) == ["Kyiv", "Odesa oblast", "Sumy oblast"]
    assert regions.loc["Odesa oblast", "named_as"] == "target"


def test_ties_share_the_better_rank():
    table = pd.DataFrame(
        {
            "attack_id": ["2025-01-01-1", "2025-01-02-1", "2025-01-03-1"],
            "report_date": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03"]),
            "launched": pd.array([50, 80, 50], dtype="Int64"),
        }
    )
    ctx = attack.context(table, "2025-01-03-1")
    assert (ctx.rank, ctx.attacks, ctx.median) == (2, 2, 65.0)


# --- the notebook ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_06_the_two_attacks_of_2026_03_24_are_two_pages(tmp_path):
    # raw: the night post 2 X-59/X-69 + 392 Shahed-136/131 + 5 Iskander-K + 7 "C-400 and Iskander-M" + 18
    # X-101/X-555 = 424; the daytime post 556 Shahed-136/131, 09:00 to 18:00
    night = run(NB06, tmp_path, attack="2026-03-24-1")
    day = run(NB06, tmp_path, attack="2026-03-24-2")
    assert "**424 launched**" in night and "window 2026-03-23 18:00 to 2026-03-24 09:00" in night
    assert "**556 launched**" in day and "window 2026-03-24 09:00 to 2026-03-24 18:00" in day
    assert "it is number 4 by launched" in night


@pytest.mark.slow
def test_the_catalogue_sweeps_every_attack_only_by_name(table):
    from uawar.site import catalogue

    (entry,) = [e for e in catalogue.load_catalogue() if e["name"] == "attacks"]
    assert entry["default"] is False
    reports = catalogue.expand(entry, catalogue.find_notebooks())
    assert [r.params["attack"] for r in reports] == list(table["attack_id"])
    assert {"attack--attack-2026-03-24-1", "attack--attack-2026-03-24-2"} <= {r.name for r in reports}
    few = catalogue._sweep({"attacks": ["2026-03-24", "2026-03-24"]})
    assert few == [{"attack": "2026-03-24-1"}, {"attack": "2026-03-24-2"}]


def test_every_place_the_log_names_has_its_ukrainian_name(air):
    """A Ukrainian attack page names each launch place, target and region hit in Ukrainian (geography.NAMES), as the
    log writes it."""
    national = data.select(air)
    values = pd.concat([national["launch_place"], national["target"], national["affected_region"].str.split("; ")])
    atoms = values.explode().dropna().str.split(geography.SEPARATOR).explode().unique()
    assert sorted(set(atoms) - geography.NAMES) == []
    with i18n.language("uk"):
        assert attack.place_names("Kursk oblast and Chauda, Crimea") == "Курська область і Чауда, Крим"
