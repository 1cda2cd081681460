"""Attack volumes against values worked out by hand, from small literal frames or real rows read directly."""

import numpy as np
import pandas as pd
import pytest
from air_log import frame

from uawar import data, volumes

# --- volumes -----------------------------------------------------------------------------------


@pytest.fixture
def week_log():
    return frame(
        [
            {"report_date": "2025-01-06", "launched": 10, "weapon_class": "shahed_drone", "model": "Shahed-136/131"},
            {"report_date": "2025-01-06", "launched": 4, "weapon_class": "cruise_missile", "model": "Kalibr"},
            {"report_date": "2025-01-08", "launched": 6, "weapon_class": "shahed_drone", "model": "Shahed-136/131"},
            {"report_date": "2025-01-25", "launched": 20, "weapon_class": "shahed_drone", "model": "Shahed-136/131"},
            {"report_date": "2025-01-26", "launched": None, "weapon_class": "ballistic_missile", "model": "KN-23"},
            {"report_date": "2025-02-03", "launched": 3, "weapon_class": "cruise_missile", "model": "Kalibr"},
        ]
    )


def test_volumes_per_week_by_class(week_log):
    v = volumes.volumes(week_log, "week")
    # Monday-starting weeks: 6-12 Jan, 13-19 Jan (none), 20-26 Jan, 27 Jan-2 Feb (none), 3-9 Feb
    assert list(v.index) == list(pd.date_range("2025-01-06", periods=5, freq="7D"))
    assert v["shahed_drone"].tolist() == [16, 0, 20, 0, 0]
    assert v["cruise_missile"].tolist() == [4, 0, 0, 0, 3]
    assert list(v.columns[:2]) == ["shahed_drone", "cruise_missile"]  # largest first


def test_volumes_per_day_month_year(week_log):
    day = volumes.volumes(week_log, "day", by=None)["launched"]
    assert len(day) == 29 and day["2025-01-06"] == 14 and day["2025-01-07"] == 0
    month = volumes.volumes(week_log, "month", by=None)["launched"]
    assert month.tolist() == [40, 3]
    assert volumes.volumes(week_log, "year", by=None)["launched"].tolist() == [43]


def test_national_and_regional_are_never_summed_unless_asked(week_log):
    mixed = pd.concat(
        [week_log, frame([{"report_date": "2025-01-06", "launched": 5, "reporting_unit": "air_command_south"}])],
        ignore_index=True,
    )
    with pytest.raises(ValueError, match="national and regional"):
        volumes.volumes(mixed, "month")
    with pytest.raises(ValueError, match="national and regional"):
        volumes.largest_report_days(mixed)
    apart = volumes.volumes(mixed, "month", by="reporting_unit")
    assert apart.loc["2025-01-01", "air_force"] == 40 and apart.loc["2025-01-01", "air_command_south"] == 5
    assert volumes.volumes(mixed, "month", by=None, combine_units=True)["launched"].tolist() == [45, 3]


def test_national_default_in_the_real_log(raw_csv):
    in_2025 = raw_csv[raw_csv["report_date"].dt.year == 2025]
    air_force = int(in_2025.loc[in_2025["reporting_unit"] == "air_force", "launched"].sum())
    south = int(in_2025.loc[in_2025["reporting_unit"] == "air_command_south", "launched"].sum())
    attacks = data.load_air_attacks()
    v = volumes.volumes(data.select(attacks, "2025-01-01", "2025-12-31"), "year", by=None)
    # the General Staff's nationwide report of 2025-07-20 (57 Shahed-type drones, no Air Force row that day)
    assert v["launched"].tolist() == [air_force + 57]
    national = air_force
    apart = volumes.volumes(
        data.select(attacks, "2025-01-01", "2025-12-31", units=["national", "regional"]), "year", by="reporting_unit"
    )
    assert apart.loc["2025-01-01", "air_force"] == national
    assert apart.loc["2025-01-01", "air_command_south"] == south


def test_largest_nights(week_log):
    tie = pd.concat(
        [
            week_log,
            frame(
                [
                    {
                        "report_date": "2025-02-10",
                        "launched": 14,
                        "model": "Shahed-136/131",
                        "weapon_class": "shahed_drone",
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    top = volumes.largest_report_days(tie, 3)
    assert top["report_date"].tolist() == [pd.Timestamp(d) for d in ("2025-01-25", "2025-01-06", "2025-02-10")]
    assert top["launched"].tolist() == [20, 14, 14]
    assert top["attacks"].tolist() == [1, 1, 1]
    assert top["models"].iloc[1] == "Shahed-136/131 (10), Kalibr (4)"


def test_the_largest_attack_is_not_the_largest_report_day():
    # 2026-03-24 as in the raw rows: a night attack (23 March 18:00 to 24 March 09:00: 392 Shahed-type, 2,
    # 5 Iskander-K, 7 C-400 and Iskander-M, and 18 in a salvo of its own, 04:30-05:30: 424) and a
    # daytime one (09:00-18:00: 556 Shahed-type); the report day holds both, 980
    night = [
        ("Shahed-136/131", "shahed_drone", 392, "2026-03-23 18:00", "2026-03-24 09:00"),
        ("X-59/X-69", "cruise_missile", 2, "2026-03-23 18:00", "2026-03-24 09:00"),
        ("Iskander-K", "cruise_missile", 5, "2026-03-23 18:00", "2026-03-24 09:00"),
        ("C-400 and Iskander-M", "mixed_missiles", 7, "2026-03-23 18:00", "2026-03-24 09:00"),
        ("X-101/X-555", "cruise_missile", 18, "2026-03-24 04:30", "2026-03-24 05:30"),
    ]
    rows = [
        {"report_date": "2026-03-24", "model": m, "weapon_class": c, "launched": n, "time_start": a, "time_end": b}
        for m, c, n, a, b in night
    ]
    df = frame(rows + [{"report_date": "2026-03-24", "launched": 556, "time_start": "2026-03-24 09:00"}])
    df["attack_id"] = ["2026-03-24-1"] * 5 + ["2026-03-24-2"]
    df.loc[5, "time_end"] = "2026-03-24 18:00"
    waves = volumes.largest_attacks(df, 2)
    assert waves["launched"].tolist() == [556, 424]
    assert (waves.at[0, "time_start"], waves.at[0, "time_end"]) == ("2026-03-24 09:00", "2026-03-24 18:00")
    assert (waves.at[1, "time_start"], waves.at[1, "time_end"]) == ("2026-03-23 18:00", "2026-03-24 09:00")
    day = volumes.largest_report_days(df, 1).iloc[0]
    assert (day["launched"], day["attacks"]) == (980, 2)
    text = volumes.describe_volumes(volumes.volume_summary(df, "day"), "national", "all")
    assert (
        "largest attack: **556 launched** in one nationwide report, window 2026-03-24 09:00 to 2026-03-24 18:00" in text
    )
    assert "largest report day: **980 launched** on 2026-03-24 in 2 attacks" in text


def test_the_largest_attack_and_report_day_in_the_real_log(raw_csv):
    # From the raw rows: the largest nationwide post is the Air Force's of 2025-09-06 17:00 to 2025-09-07 09:30
    # (810 Shahed-type, 9 Iskander-K, 4 Iskander-M/KN-23 = 823); the largest report day is 2026-03-24 (424 + 556)
    national = raw_csv[raw_csv["reporting_unit"].isin(["air_force", "general_staff", "commander_in_chief"])]
    top = volumes.largest_attacks(national, 1).iloc[0]
    assert (top["launched"], top["time_start"], top["time_end"]) == (823, "2025-09-06 17:00", "2025-09-07 09:30")
    day = volumes.largest_report_days(data.select(data.load_air_attacks()), 1).iloc[0]
    assert (day["report_date"], day["launched"], day["attacks"]) == (pd.Timestamp("2026-03-24"), 980, 2)
    march = volumes.largest_attacks(data.select(data.load_air_attacks(), "2026-03-24", "2026-03-24"), 2)
    assert march["launched"].tolist() == [556, 424]


def test_rolling_mean_and_period_change():
    s = pd.Series([10.0, 15, 0, 5])
    assert volumes.rolling_mean(s, 2).tolist()[1:] == [12.5, 7.5, 2.5]
    assert np.isnan(volumes.rolling_mean(s, 2).iloc[0])
    ch = volumes.period_change(s)
    assert ch["change"].tolist()[1:] == [5, -15, 5]
    assert ch["pct_change"].tolist()[1:3] == [50, -100]
    assert np.isnan(ch["pct_change"].iloc[3])  # nothing the period before: no % change


def test_volume_summary(week_log):
    key = volumes.volume_summary(week_log, "week", "2025-01-06", "2025-02-05")
    assert (key.launched, key.rows, key.days, key.days_reported, key.launched_blank) == (43, 6, 31, 5, 1)
    assert key.busiest == (pd.Timestamp("2025-01-06"), 20)  # 6-12 Jan and 20-26 Jan tie: the earlier
    assert key.largest_attack is not None and key.largest_attack["launched"] == 20
    assert key.largest_day["launched"] == 20
    # the week of 3 Feb is cut by end = 5 Feb: the last whole week is 27 Jan-2 Feb (0 against 20)
    assert key.change.name == pd.Timestamp("2025-01-27") and key.change["change"] == -20
    assert key.by_class.loc["shahed_drone", "share"] == pytest.approx(36 / 43)


def test_period_labels():
    assert volumes.period_label("2025-07-09", "day") == "2025-07-09"
    assert volumes.period_label("2025-07-07", "week") == "the week starting 2025-07-07"
    assert volumes.period_label("2025-07-01", "month") == "July 2025"
    assert volumes.period_label("2025-01-01", "year") == "2025"


# --- decoys ----------------------------------------------------------------------------------------------


def test_the_stated_split_of_strike_drones_and_decoys():
    df = frame(
        [
            {"report_date": "2025-07-14", "launched": 136, "destroyed": 61},  # before is_shahed: no split
            {"report_date": "2025-07-15", "launched": 267, "destroyed": 178, "real_shaheds": 200},
            {"report_date": "2025-07-16", "launched": 400, "destroyed": 198, "real_shaheds": 255},
            {"report_date": "2025-08-01", "launched": 50, "destroyed": 40},
        ]
    )
    df["real_shaheds"] = df["real_shaheds"].astype("Int64")
    split = volumes.decoy_split(df)
    assert (split.strike, split.launched_stated, split.decoys_and_other) == (455, 667, 212)
    assert str(split.coverage) == "stated in 2 of 4 report rows, 667 of 853 launched"
    assert "about 455 of 667 launched were Shahed-type strike drones (68%" in volumes.describe_decoys(split)
    monthly = volumes.monthly_decoy_split(df)
    assert monthly.loc["2025-07-01"].tolist() == [455, 212, 136, 2, 3]
    assert monthly.loc["2025-08-01"].tolist() == [0, 0, 50, 0, 1]
    assert (monthly[["strike", "decoys_and_other", "not_stated"]].sum(axis=1) == [803, 50]).all()


def test_the_split_in_the_real_log():
    # Air Force reports of November 2025 state it in every Shahed-type row (30 of 30, read from the raw log):
    # about 3,355 strike drones of 5,445 launched
    attacks = data.load_air_attacks()
    split = volumes.decoy_split(data.select(attacks, "2025-11-01", "2025-11-30", "shahed_drone"))
    assert (split.strike, split.launched_stated, split.coverage.rows, split.coverage.rows_total) == (
        3_355,
        5_445,
        30,
        30,
    )
    none = volumes.decoy_split(data.select(attacks, "2025-06-01", "2025-06-30", "shahed_drone"))
    assert none.coverage.rows == 0 and "No report in this selection" in volumes.describe_decoys(none)


# --- prose ---------------------------------------------------------------------------------------


def test_describe_volumes(week_log):
    key = volumes.volume_summary(week_log, "week", "2025-01-06", "2025-02-05")
    text = volumes.describe_volumes(key, "national", "all")
    # 43 launched in 6 rows; reports on 6, 8, 25, 26 Jan and 3 Feb; 43 / 31 days = 1.39 a day
    assert "**43 launched** in 6 report rows on 5 of the 31 days, 1.4 a day on average" in text
    # Shahed 10 + 6 + 20 = 36 of 43 = 83.7 %; Kalibr 4 + 3 = 7 = 16.3 %; KN-23 blank = 0
    assert "by weapon class: shahed drone 36 (83.7%), cruise missile 7 (16.3%), ballistic missile 0 (0.0%)" in text
    assert "by weapon group: drones 36, missiles 7" in text
    assert "largest attack: **20 launched** in one nationwide report, window 2025-01-25 to 2025-01-25" in text
    assert "largest report day: **20 launched** on 2025-01-25 (Shahed-136/131 (20))" in text
    assert "busiest week: the week starting 2025-01-06, 20 launched" in text  # 10 + 4 + 6, ties 25 Jan's 20
    assert "(the week starting 2025-01-27): 0 launched, -20 (-100.0 %) against the week before" in text
    assert text.startswith("Reports of **national** units, weapon class **all**, report dates 2025-01-06 to 2025-02-05")


def test_describe_volumes_without_two_whole_periods_and_escaped_models(week_log):
    week_log.loc[3, "model"] = "<b>Shahed</b>"
    key = volumes.volume_summary(week_log, "month", "2025-01-06", "2025-02-05")
    text = volumes.describe_volumes(key, "national", "all")
    assert "- the period holds fewer than two whole months: no change to show" in text  # January is cut on the 6th
    assert r"(\<b\>Shahed\</b\> (20))" in text  # markup from the data shows as written


def test_describe_volume_titles_and_blank(week_log):
    key = volumes.volume_summary(week_log, "week", "2025-01-06", "2025-02-05")
    assert (
        volumes.describe_volume_chart(key, "national") == "43 launched; the most, 20, in the week starting 2025-01-06"
    )
    assert volumes.describe_volume_chart(key, "regional").startswith("43 shot down (regional tallies); the most, 20")
    assert volumes.describe_lead_class(key).startswith("**shahed drone** make up 84% of the launched")  # 36 / 43
    assert volumes.describe_blank_launched(key).startswith("1 row(s) in this selection give no launched figure")
    assert (
        volumes.describe_daily(pd.Series([2.0, 7.5, np.nan]), 7, "all")
        == "Launched per day; the 7-day mean from 2 to 8"
    )
    assert (
        volumes.describe_daily(pd.Series([3.0]), 7, "regional")
        == "Shot down (regional tallies) per day; the 7-day mean 3"
    )


def test_value_range_for_titles():
    assert volumes.value_range(pd.Series([0.4449, 0.4441]), "{:.0%}") == "44%"
    assert volumes.value_range(pd.Series([53.2, 336.0, 120.0])) == "from 53 to 336"


def test_tables_for_reading(week_log):
    days = volumes.largest_report_days_table(volumes.largest_report_days(week_log, 2))
    assert days.values.tolist() == [
        ["2025-01-25", "20", "1", "Shahed-136/131 (20)"],
        ["2025-01-06", "14", "1", "Shahed-136/131 (10), Kalibr (4)"],
    ]
    waves = volumes.largest_attacks_table(volumes.largest_attacks(week_log, 1))
    assert waves.values.tolist() == [["2025-01-25 to 2025-01-25", "2025-01-25", "20", "Shahed-136/131 (20)", ""]]
    changes = volumes.period_change_table(
        volumes.period_change(pd.Series([1000.0, 1500.0], index=pd.to_datetime(["2025-01-06", "2025-01-13"])))
    )
    assert changes.values.tolist() == [
        ["2025-01-06", "1,000", "", "", ""],
        ["2025-01-13", "1,500", "1,000", "+500", "+50.0 %"],
    ]


def test_describe_units_chart():
    by_unit = pd.DataFrame(
        {"air_force": [100, 50], "general_staff": [8, 0], "air_command_south": [7, 0], "air_command_east": [3, 1]}
    )
    assert volumes.describe_units_chart(by_unit) == (  # 100 + 50 + 8; 7 + 3 + 1
        "Nationwide reports: 158 launched; regional air commands' shoot-down tallies: 11 shot down (not summed)"
    )


def test_describe_regional_tallies():
    rows = frame(
        [
            {"report_date": "2025-06-12", "launched": 5, "destroyed": 5, "reporting_unit": "air_command_south"},
            {"report_date": "2025-06-12", "launched": 7, "destroyed": 6, "reporting_unit": "air_command_east"},
            {"report_date": "2025-06-12", "launched": 3, "reporting_unit": "air_command_east"},  # no destroyed
            {"report_date": "2025-06-12", "launched": 60, "destroyed": 60},  # nationwide: not counted
        ]
    )
    # 2 regional drone rows give both figures; in 1 of them (5 = 5) launched equals destroyed
    assert volumes.describe_regional_tallies(rows) == (
        "in 1 of the 2 regional drone rows that give both figures, launched equals destroyed"
    )
    monthly = pd.DataFrame({"strike": [40, 0], "decoys_and_other": [23, 0], "not_stated": [10, 50]})
    assert volumes.describe_decoy_chart(monthly) == (  # 40 + 23 = 63 stated of 63 + 10 + 50 = 123
        "Shahed-type drones launched per month; the reports state the strike-drone split for 63 of 123"
    )
