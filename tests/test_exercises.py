"""The selections that the exercises' checks share (uawar.exercises), against values worked out with plain
pandas from the processed CSVs or from literal frames."""

import pandas as pd
import pytest

from uawar import config, data, exercises, interception, suppression

NATIONAL = ["air_force", "general_staff", "commander_in_chief"]


def frame(rows: list[dict]) -> pd.DataFrame:
    """A literal attack-log frame: dicts with report_date and counts; the rest blank."""
    df = pd.DataFrame(rows)
    df["report_date"] = pd.to_datetime(df["report_date"])
    for col in interception.COUNTS:
        df[col] = df[col].astype("Int64") if col in df else pd.array([pd.NA] * len(df), dtype="Int64")
    day = df["report_date"].dt.strftime("%Y-%m-%d")
    for col, default in (("weapon_class", "shahed_drone"), ("reporting_unit", "air_force"), ("model", "Shahed")):
        df[col] = df[col].fillna(default) if col in df else default
    df["time_start"], df["time_end"] = day, day
    # one attack per report date and body, as the processed table numbers them; none for regional rows
    df["attack_id"] = (df["report_date"].dt.strftime("%Y-%m-%d") + "-1").where(df["reporting_unit"].isin(NATIONAL))
    return df


# Five literal rows: two national ones in 2024, two national and one regional in 2025.
LOG = frame(
    [
        {"report_date": "2024-03-01", "launched": 10, "destroyed": 8},
        {"report_date": "2024-12-31", "launched": 5, "destroyed": 5, "weapon_class": "cruise_missile"},
        {"report_date": "2025-01-01", "launched": 20, "destroyed": 20},
        {"report_date": "2025-02-10", "launched": 7, "destroyed": 3, "weapon_class": "cruise_missile"},
        {"report_date": "2025-02-10", "launched": 4, "destroyed": 4, "reporting_unit": "air_command_south"},
    ]
)


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    """The processed attack log read with plain pandas, not through uawar.data."""
    df = pd.read_csv(config.PROCESSED_DIR / "air_attacks.csv", keep_default_na=False, na_values=[""])
    df["report_date"] = pd.to_datetime(df["report_date"])
    return df


@pytest.fixture(scope="module")
def attacks() -> pd.DataFrame:
    return data.load_air_attacks()


def test_a_year_of_reports_and_its_launched() -> None:
    assert list(exercises.year_rows(LOG, 2025)["launched"]) == [20, 7]  # the regional row is left out
    assert len(exercises.year_rows(LOG, 2025, units="all")) == 3
    assert exercises.launched(LOG, "2025-01-01", "2025-12-31", units="all") == 31.0
    assert exercises.launched(LOG, "2024-01-01", "2024-12-31", "missiles") == 5.0
    assert exercises.launched_by_class(LOG, 2024).to_dict() == {"cruise_missile": 5, "shahed_drone": 10}
    # months of 2025: January 20, February 7 (national)
    assert exercises.monthly_launched(exercises.year_rows(LOG, 2025)).tolist() == [20, 7]
    assert exercises.largest_report_day(exercises.year_rows(LOG, 2025)) == pd.Timestamp("2025-01-01")
    # 2025 national rows with launched == destroyed: 1 of 2
    assert exercises.equal_share(exercises.year_rows(LOG, 2025)) == 0.5


def test_calendar_days_knows_leap_years() -> None:
    assert [exercises.calendar_days(y) for y in (2023, 2024, 2025)] == [365, 366, 365]  # 2024 is divisible by 4


def test_year_summary_counts_the_calendar_days() -> None:
    key = exercises.year_summary(LOG, 2024)
    assert (key.launched, key.days) == (15, 366)


def test_the_shahed_rows_around_the_suppression_break(raw: pd.DataFrame, attacks: pd.DataFrame) -> None:
    shahed = raw[(raw["weapon_class"] == "shahed_drone") & raw["reporting_unit"].isin(NATIONAL)]
    first = shahed.loc[shahed["suppressed"].fillna(0) > 0, "report_date"].min()
    assert exercises.first_stating(attacks) == first
    # stated regularly (no more than 3 rows in a row omit it) from 2024-08-21, six weeks after the first (2024-07-10)
    assert exercises.first_regular(attacks) == pd.Timestamp("2024-08-21") > first
    assert exercises.first_regular(LOG) is None  # no row of the literal log states suppression
    end = suppression.suppression_break(attacks).end
    assert exercises.last_before_break(attacks) == shahed.loc[shahed["report_date"] < end, "report_date"].max()
    # the rows of 2025 before the break, those from it to the end of 2025, and those from `first` to the break
    before = shahed[(shahed["report_date"] >= "2025-01-01") & (shahed["report_date"] < end)]
    after = shahed[(shahed["report_date"] >= end) & (shahed["report_date"] <= "2025-12-31")]
    span = shahed[(shahed["report_date"] >= first) & (shahed["report_date"] < end)]
    assert exercises.before_break(attacks)["launched"].sum() == before["launched"].sum() > 0
    assert exercises.after_break(attacks)["launched"].sum() == after["launched"].sum() > 0
    assert len(exercises.stating_span(attacks)) == len(span) > 0
    d = exercises.decomposed(exercises.before_break(attacks), attacks)
    assert d.launched == before["launched"].sum()


def test_a_claim_and_the_datas_figure_for_it(raw: pd.DataFrame, attacks: pd.DataFrame) -> None:
    registry, personnel = data.load_claims(), data.load_personnel()
    c, found = exercises.claim_and_figure(registry, "10a", attacks, personnel)
    # claim 10a: drones launched on 2025-06-09; the CSV's national Shahed-136/131 row of that day says 479
    day = raw[
        (raw["report_date"] == "2025-06-09") & raw["reporting_unit"].isin(NATIONAL) & (raw["model"] == "Shahed-136/131")
    ]
    assert c["claimant"] == "Global Defense Corp" and found == day["launched"].sum() == 479


def test_tolerance_edge_is_where_the_verdict_turns() -> None:
    c = pd.Series({"value": 100.0, "qualifier": "about"})
    # data 90 against a claim of about 100: -10 %, consistent from a tolerance of 0.1 up
    assert exercises.tolerance_edge(c, 90.0, 0.1)
    assert not exercises.tolerance_edge(c, 90.0, 0.2) and not exercises.tolerance_edge(c, 90.0, 0.05)
    assert not exercises.tolerance_edge(c, 90.0, ...) and not exercises.tolerance_edge(c, 90.0, "x")


def test_general_staff_milestone_and_figure() -> None:
    personnel = data.load_personnel()
    raw = pd.read_csv(config.PROCESSED_DIR / "personnel_losses.csv", parse_dates=["date"])
    assert exercises.milestone_date(personnel, 1_000_000) == raw.loc[raw["cumulative"] >= 1_000_000, "date"].min()
    assert exercises.milestone_date(personnel, 1e12) is None
    # the last report on or before 2025-06-12
    assert (
        exercises.general_staff_on(personnel, "2025-06-12")
        == raw.loc[raw["date"] <= "2025-06-12"].iloc[-1]["cumulative"]
    )


def test_one_attacks_figures_against_the_raw_rows(raw: pd.DataFrame) -> None:
    national = raw[raw["reporting_unit"].isin(NATIONAL)]
    rows = national[national["attack_id"] == "2025-09-07-1"]
    stating = rows[rows["hit_locations"].notna()]
    assert len(exercises.attack_rows("2025-09-07")) == len(rows) == 3
    assert exercises.stated(exercises.attack_rows("2025-09-07"), "hit_locations") == (
        stating["hit_locations"].sum(),
        stating["launched"].sum() / rows["launched"].sum(),
    )
    # 2025-10-30's Shahed-type row: 653 launched, 400 of them strike drones
    assert exercises.decoys(exercises.attack_rows("2025-10-30")) == (253.0, 253 / 653)
    table = pd.read_csv(config.PROCESSED_DIR / "attacks.csv", parse_dates=["report_date"])
    window = table[table["report_date"].between("2026-02-22", "2026-03-23")]
    ctx = exercises.days_before("2026-03-24-1")
    assert (ctx.attacks, ctx.rank) == (len(window), (window["launched"] > 424).sum() + 1)


def test_the_campaigns_salvos_and_daylight() -> None:
    table = pd.read_csv(config.PROCESSED_DIR / "attacks.csv", parse_dates=["report_date"])
    y25 = table.loc[table["report_date"].dt.year == 2025, "launched"].fillna(0)
    salvos, share = exercises.salvos("2025")
    assert salvos == (y25 >= 300).sum() and share == pytest.approx(y25[y25 >= 300].sum() / y25.sum())
    y24 = table[table["report_date"].dt.year == 2024]
    timed = y24["time_start"].str.len() > 10  # "YYYY-MM-DD HH:MM"
    assert exercises.daylight("2024")[0] == timed.sum()
    assert exercises.ballistic_months()["few"].sum() == 6  # months of 2024-01..2026-05 with < 20 ballistic launched


def test_the_geography_figures() -> None:
    rows = exercises.geography_rows()
    kursk = exercises.naming_place(rows, "Kursk oblast")
    assert kursk["launch_place"].str.contains("Kursk oblast").all()
    assert len(kursk) == rows["launch_place"].str.contains("Kursk oblast", na=False).sum()
    named = exercises.naming_region(rows, "Dnipropetrovsk oblast")
    assert len(named) > 0 and named["attack_id"].nunique() <= len(named)
    share, launched = exercises.region_shares(rows)
    assert 0 < share < 1 and 0 < launched < 1
    places, coverage = exercises.launch_place_figures(rows)
    stating = rows[rows["launch_place"].notna()]
    assert coverage == pytest.approx(stating["launched"].sum() / rows["launched"].sum()) and places > 30
