"""Air metrics against values worked out by hand, from small literal frames or real rows read directly."""

import datetime as dt
import math
import re

import numpy as np
import pandas as pd
import pytest

from uawar import config, data, metrics
from uawar.metrics import NO_BREAK, SuppressionBreak

Z = 1.959964  # the 97.5 % point of the standard normal
# The reporting of suppression as read from the rows of the real log (see test_break_in_the_real_log).
REAL_BREAK = SuppressionBreak(
    pd.Timestamp("2024-07-10"),
    pd.Timestamp("2025-12-27"),
    (pd.Timestamp("2024-08-21"), pd.Timestamp("2025-07-23")),
    pd.Timestamp("2025-07-24"),
)


def wilson_by_hand(k, n, z=Z):
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return centre - half, centre + half


def frame(rows):
    """A literal attack-log frame: dicts with report_date and any counts; the rest blank."""
    df = pd.DataFrame(rows)
    df["report_date"] = pd.to_datetime(df["report_date"])
    for col in metrics.COUNTS:
        df[col] = df[col].astype("Int64") if col in df else pd.array([pd.NA] * len(df), dtype="Int64")
    df["weapon_class"] = df.get("weapon_class", "shahed_drone")
    df["reporting_unit"] = df.get("reporting_unit", "air_force")
    df["model"] = df.get("model", "Shahed-136/131")
    day = df["report_date"].dt.strftime("%Y-%m-%d")
    df["time_start"], df["time_end"] = df.get("time_start", day), df.get("time_end", day)
    # one attack per report date, as the processed table numbers them, unless given
    df["attack_id"] = df.get("attack_id", day + "-1")
    return df


@pytest.fixture(scope="module")
def raw_csv():
    """The processed attack log read with plain pandas, not through uawar.data."""
    df = pd.read_csv(config.PROCESSED_DIR / "air_attacks.csv", keep_default_na=False, na_values=[""])
    df["report_date"] = pd.to_datetime(df["report_date"])
    return df


# --- Wilson and the worked night -------------------------------------------------------------


def test_wilson_matches_the_formula():
    lo, hi = metrics.wilson(28, 63)
    hand = wilson_by_hand(28, 63)
    assert (lo, hi) == pytest.approx(hand, abs=1e-6)
    assert (round(lo, 3), round(hi, 3)) == (0.328, 0.567)
    assert metrics.wilson(0, 10) == pytest.approx(wilson_by_hand(0, 10), abs=1e-6)


def test_wilson_undefined_without_trials_or_with_more_successes_than_trials():
    assert all(np.isnan(metrics.wilson(0, 0)))
    assert all(np.isnan(metrics.wilson(5, 4)))


def test_a_night_given_as_numbers():
    night = metrics.decompose_counts(63, 28, 21)
    assert night.unaccounted == 14  # 63 - 28 - 21
    assert round(100 * night.kinetic.value, 1) == 44.4
    assert round(100 * night.suppressed_rate.value, 1) == 33.3
    assert round(100 * night.neutralised.value, 1) == 77.8
    assert night.kinetic.interval == pytest.approx(wilson_by_hand(28, 63), abs=1e-6)
    assert night.neutralised.interval == pytest.approx(wilson_by_hand(49, 63), abs=1e-6)
    text = metrics.describe(night, by_hand=True)
    for part in ("63 launched", "44.4%", "32.8% to 56.7%", "33.3%", "77.8%", "14 unaccounted"):
        assert part in text
    assert "row" not in text  # a night given as numbers has no report rows


def test_the_real_night_of_2025_06_12(raw_csv):
    row = raw_csv[
        (raw_csv["report_date"] == "2025-06-12")
        & (raw_csv["reporting_unit"] == "air_force")
        & (raw_csv["weapon_class"] == "shahed_drone")
    ]
    assert row[["launched", "destroyed", "suppressed"]].values.tolist() == [[63, 28, 21]]
    sel = data.select(data.load_air_attacks(), "2025-06-12", "2025-06-12", "shahed_drone")
    dec = metrics.decompose(sel, REAL_BREAK)
    assert (dec.launched, dec.destroyed, dec.suppressed, dec.unaccounted) == (63, 28, 21, 14)


# --- decomposition over many rows -------------------------------------------------------------


def test_suppression_rates_use_only_the_rows_that_stated_it():
    df = frame(
        [
            {"report_date": "2024-10-01", "launched": 20, "destroyed": 10, "suppressed": 3, "crossed_border": 1},
            {"report_date": "2024-10-02", "launched": 10, "destroyed": 5, "still_attacking": 2},
        ]
    )
    dec = metrics.decompose(df, NO_BREAK)
    assert (dec.launched, dec.destroyed, dec.suppressed) == (30, 15, 3)
    assert dec.unaccounted == 30 - 15 - 3 - 2 - 1
    assert dec.kinetic.value == 15 / 30
    assert (dec.suppression_rows, dec.suppression_launched) == (1, 20)
    assert str(dec.suppression_coverage) == "stated in 1 of 2 report rows, 20 of 30 launched"
    assert dec.suppressed_rate.value == 3 / 20
    assert dec.neutralised.value == (10 + 3) / 20
    s = dec.summary()
    assert s["kinetic_rate_lo"] == pytest.approx(wilson_by_hand(15, 30)[0], abs=1e-6)
    assert s["suppressed"] == 3 and s["suppressed_rate"] == 0.15


def test_a_rate_on_under_half_the_launched_is_not_measurable():
    df = frame(
        [
            {"report_date": "2024-10-01", "launched": 14, "destroyed": 10, "suppressed": 3},
            {"report_date": "2024-10-02", "launched": 15, "destroyed": 5},
        ]
    )
    dec = metrics.decompose(df, NO_BREAK)
    assert not dec.suppression_coverage.measurable  # 14 of 29: under half
    assert np.isnan(dec.summary()["neutralised_rate"]) and np.isnan(dec.summary()["suppressed_rate"])
    text = metrics.describe(dec)
    assert "not measurable in this period" in text and "14 of 29 launched" in text
    assert "3 suppressed and 10 shot down of their 14 launched" in text
    half = metrics.decompose(
        frame(
            [
                {"report_date": "2024-10-01", "launched": 14, "destroyed": 10, "suppressed": 3},
                {"report_date": "2024-10-02", "launched": 14, "destroyed": 5},
            ]
        ),
        NO_BREAK,
    )
    assert half.suppression_coverage.measurable  # 14 of 28: exactly half


def test_after_the_merge_the_neutralised_rate_is_not_measurable_in_the_real_log(raw_csv):
    # Nationwide Shahed-type rows with report dates 2025-07-24..2025-12-31: 161 rows, 26,796 launched, 22,297
    # shot down in the nationwide bodies' own posts, and the wave of 2025-10-01 cited to PvKPivden (49, 44 shot
    # down): 162 rows, 26,845, 22,341; only the reports of 2025-10-22 (405 launched, 17 suppressed) and
    # 2025-12-27 (519, 15) state a suppressed figure: 924 launched (read from the raw log's rows by hand).
    attacks = data.load_air_attacks()
    dec = metrics.decompose(data.select(attacks, "2025-07-24", "2025-12-31", "shahed_drone"), REAL_BREAK)
    assert (dec.rows, dec.launched, dec.destroyed) == (162, 26_845, 22_341)
    assert (dec.suppression_rows, dec.suppression_launched, dec.suppressed) == (2, 405 + 519, 17 + 15)
    assert round(100 * dec.kinetic.value, 1) == 83.2  # the comparable figure after the merge
    text = metrics.describe(dec)
    assert "not measurable in this period" in text
    assert "stated in 2 of 162 report rows, 924 of 26,845 launched" in text
    assert "90.8" not in text  # (22,297 ... ) the old sliver-based neutralised rate is never shown


def test_a_zero_after_the_break_means_not_stated():
    df = frame(
        [
            {"report_date": "2025-07-20", "launched": 10, "destroyed": 5, "suppressed": 0},
            {"report_date": "2025-07-25", "launched": 10, "destroyed": 9, "suppressed": 0},
            {"report_date": "2025-07-26", "launched": 10, "destroyed": 6, "suppressed": 2},
        ]
    )
    brk = REAL_BREAK
    assert metrics.suppression_stated(df, brk).tolist() == [True, False, True]
    dec = metrics.decompose(df, brk)
    assert (dec.suppression_rows, dec.suppression_launched, dec.suppressed) == (2, 20, 2)


def test_nothing_stated_gives_no_suppression_rate():
    dec = metrics.decompose(frame([{"report_date": "2023-01-01", "launched": 8, "destroyed": 6}]), NO_BREAK)
    assert dec.suppression_rows == 0 and np.isnan(dec.suppressed_rate.value)
    assert "not stated" in metrics.describe(dec)


def test_rates_by_group_and_month():
    df = frame(
        [
            {"report_date": "2024-10-01", "launched": 10, "destroyed": 4, "weapon_class": "shahed_drone"},
            {"report_date": "2024-10-20", "launched": 30, "destroyed": 27, "weapon_class": "shahed_drone"},
            {"report_date": "2024-11-03", "launched": 5, "destroyed": 1, "weapon_class": "ballistic_missile"},
        ]
    )
    by = metrics.rates_by(df, "weapon_class", NO_BREAK)
    assert by.loc["shahed_drone", "kinetic_rate"] == 31 / 40
    assert by.loc["ballistic_missile", "kinetic_rate"] == 1 / 5
    monthly = metrics.monthly_rates(df, NO_BREAK, metrics.whole_months("2024-10-01", "2024-11-30", LOG_REACH))
    assert list(monthly.index) == [pd.Timestamp("2024-10-01"), pd.Timestamp("2024-11-01")]
    assert monthly["launched"].tolist() == [40, 5]
    assert monthly.loc["2024-11-01", "kinetic_rate_hi"] == pytest.approx(wilson_by_hand(1, 5)[1], abs=1e-6)
    # from 2024-10-05, October is a part of a month: its rows are not drawn as October's rate
    monthly = metrics.monthly_rates(df, NO_BREAK, metrics.whole_months("2024-10-05", "2024-11-30", LOG_REACH))
    assert list(monthly.index) == [pd.Timestamp("2024-11-01")]
    assert monthly["launched"].tolist() == [5]


LOG_REACH = (dt.date(2022, 9, 28), dt.date(2026, 6, 7))  # the attack log's first and last report dates


def day(text):
    return pd.Timestamp(text)


def test_whole_months_of_a_period_and_what_is_left_to_the_period():
    m = metrics.whole_months("2025-01-18", "2025-03-10", LOG_REACH)
    assert list(m.months.astype(str)) == ["2025-02"]
    assert m.parts == [(day("2025-01-18"), day("2025-01-31")), (day("2025-03-01"), day("2025-03-10"))]
    assert metrics.describe_months(m) == (
        "Whole calendar months only: February 2025 (1 month). 2025-01-18 to 2025-01-31 and 2025-03-01 to "
        "2025-03-10 are parts of months: counted in the period's rates above, not drawn as a month."
    )
    year = metrics.whole_months("2025-01-01", "2025-12-31", LOG_REACH)
    assert len(year.months) == 12 and year.parts == []
    assert metrics.describe_months(year) == "Whole calendar months only: January 2025 to December 2025 (12 months)."
    leap = metrics.whole_months("2024-02-01", "2024-02-29", LOG_REACH)
    assert list(leap.months.astype(str)) == ["2024-02"] and leap.parts == []


def test_one_night_holds_no_whole_month():
    m = metrics.whole_months("2025-01-01", "2025-01-01", LOG_REACH)
    assert m.months.empty and m.parts == [(day("2025-01-01"), day("2025-01-01"))]
    assert metrics.describe_months(m).startswith("No monthly chart: the period (2025-01-01) holds no whole")
    week = metrics.whole_months("2025-03-03", "2025-03-09", LOG_REACH)
    assert week.months.empty and "(2025-03-03 to 2025-03-09)" in metrics.describe_months(week)


def test_whole_months_end_where_the_log_ends():
    # the log runs from 2022-09-28 to 2026-06-07: September 2022 and June 2026 are not whole in it
    m = metrics.whole_months("2026-01-01", "2026-12-31", LOG_REACH)
    assert list(m.months.astype(str)) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]
    assert m.parts == [(day("2026-06-01"), day("2026-06-07"))]
    assert metrics.describe_months(m).endswith("The log's last report is dated 2026-06-07.")
    first = metrics.whole_months("2022-09-01", "2022-12-31", LOG_REACH)
    assert list(first.months.astype(str)) == ["2022-10", "2022-11", "2022-12"]
    assert first.parts == [(day("2022-09-28"), day("2022-09-30"))] and first.log_end is None


# --- the suppression break ---------------------------------------------------------------------


def test_break_rule_on_a_literal_log(monkeypatch):
    monkeypatch.setattr(metrics, "REGULAR_MIN", 5)  # a short log: a run of 5 stating rows counts as regular
    # one row a week; "+" states a positive figure, "." omits it (blank), "0" the merged zero
    #   Jan: . . . .   Feb: + . + +   Mar: . . . . + + . + + + +   Apr: 0 0 0 0   May: + 0 0 0
    pattern = [
        ".",
        ".",
        ".",
        ".",
        "+",
        ".",
        "+",
        "+",
        ".",
        ".",
        ".",
        ".",
        "+",
        "+",
        ".",
        "+",
        "+",
        "+",
        "+",
        "0",
        "0",
        "0",
        "0",
        "+",
        "0",
        "0",
        "0",
    ]
    days = pd.date_range("2024-01-01", periods=len(pattern), freq="7D")
    value = {".": None, "+": 4, "0": 0}
    df = frame(
        [
            {"report_date": f"{d:%Y-%m-%d}", "launched": 10, "destroyed": 5, "suppressed": value[p]}
            for d, p in zip(days, pattern, strict=True)
        ]
    )
    # a regional command's positive figure must not move the nationwide span
    df = pd.concat(
        [
            df,
            frame(
                [{"report_date": "2024-05-28", "launched": 3, "suppressed": 2, "reporting_unit": "air_command_south"}]
            ),
        ],
        ignore_index=True,
    )
    brk = metrics.suppression_break(df)
    assert brk.first == days[4]  # the first "+"
    # rows 4..6 (gap of 1) continue into 12.. only if at most REGULAR_GAP=3 rows omit it: rows 7..11 are 4
    # rows ('.', '.', '.', '.'), so the regular span is the longer run: rows 12..18 (one '.' inside)
    assert brk.regular == (days[12], days[18])
    assert brk.end == days[19]  # the first report after the regular span
    assert brk.last == days[23]  # an isolated later report
    assert [d for d, _ in brk.within(days[0], days[-1])] == [days[4], days[12], days[19]]
    assert brk.within(days[20], days[-1]) == []
    assert "1 later report" in brk.span()
    assert metrics.suppression_break(df[df["suppressed"].isna()]) == metrics.NO_BREAK


def test_break_in_the_real_log(raw_csv):
    # Nationwide Shahed-type rows, read by hand from the raw log: the first positive suppressed figure is the
    # Air Force's report of 2024-07-10 (3 of 20); 12 reports state one in July-August 2024, but 22 rows omit
    # it between 2024-07-25 and 2024-08-21; from 2024-08-21 to 2025-07-23 no more than 2 rows in a row omit it;
    # 2025-07-24 writes 0 (merged); afterwards only 2025-10-22 and 2025-12-27 state a figure.
    brk = metrics.suppression_break(data.load_air_attacks())
    assert (brk.first, brk.last, brk.regular, brk.end) == (
        REAL_BREAK.first,
        REAL_BREAK.last,
        REAL_BREAK.regular,
        REAL_BREAK.end,
    )
    assert brk.stated_dates[-2:] == (pd.Timestamp("2025-10-22"), pd.Timestamp("2025-12-27"))
    july_august = [d for d in brk.stated_dates if pd.Timestamp("2024-07-01") <= d <= pd.Timestamp("2024-08-31")]
    assert len(july_august) == 12
    assert "crosses the merge" in brk.describe("2025-01-01", "2025-12-31")
    assert "lies after the merge" in brk.describe("2025-07-24", "2025-12-31")
    assert "begin to state suppression (2024-07-10, 2024-08-21)" in brk.describe("2024-07-01", "2024-08-31")
    assert "does not cross" in brk.describe("2023-01-01", "2023-12-31")
    assert "separately from 2024-07-10, regularly from 2024-08-21 to 2025-07-23" in brk.span()


def test_a_period_across_the_break_is_decomposed_on_each_side(raw_csv):
    nationwide = raw_csv["reporting_unit"].isin(["air_force", "general_staff", "commander_in_chief"])
    shahed = raw_csv[nationwide & (raw_csv["weapon_class"] == "shahed_drone")]
    year = shahed[(shahed["report_date"] >= "2025-01-01") & (shahed["report_date"] <= "2025-12-31")]
    before, after = year[year["report_date"] < "2025-07-24"], year[year["report_date"] >= "2025-07-24"]
    parts = metrics.reporting_periods(
        data.select(data.load_air_attacks(), "2025-01-01", "2025-12-31", "shahed_drone"), REAL_BREAK
    )
    assert [label.split(" (")[0] for label, _ in parts] == ["2025-01-01 to 2025-07-23", "2025-07-24 to 2025-12-31"]
    for (_, dec), rows in zip(parts, (before, after), strict=True):
        assert (dec.launched, dec.destroyed) == (rows["launched"].sum(), rows["destroyed"].sum())
    # by hand: 2025-01-01..07-23 14,445 shot down of 27,740 (52.1 %); 2025-07-24..12-31 22,297 of 26,796 in the
    # nationwide bodies' own posts and 44 of 49 of the 2025-10-01 wave: 22,341 of 26,845 (83.2 %)
    assert [(d.destroyed, d.launched) for _, d in parts] == [(14_445, 27_740), (22_341, 26_845)]
    text = metrics.describe_periods(parts)
    assert "each side" in text and "not measurable in this period" in text
    one_side = metrics.reporting_periods(data.select(data.load_air_attacks(), "2025-06-12", "2025-06-12"), REAL_BREAK)
    assert len(one_side) == 1 and metrics.describe_periods(one_side) == ""
    assert metrics.reporting_periods(year, NO_BREAK) == []
    summer = metrics.reporting_periods(
        data.select(data.load_air_attacks(), "2024-07-01", "2024-08-31", "shahed_drone"), REAL_BREAK
    )
    assert [label.split(" (")[0] for label, _ in summer] == ["2024-07-03 to 2024-07-07", "2024-07-10 to 2024-08-31"]


def test_july_august_2024_states_the_figures_the_reports_gave():
    # the 12 reports of 2024-07-10..08-31 that state suppression: 3+8+1+2+3+16+2+2+10+14+4+25 = 90 suppressed of
    # 20+19+5+4+38+69+10+16+81+74+18+52 = 406 launched; the 47 nationwide Shahed rows of July-August: 1,215
    dec = metrics.decompose(
        data.select(data.load_air_attacks(), "2024-07-01", "2024-08-31", "shahed_drone"), REAL_BREAK
    )
    assert (dec.rows, dec.launched, dec.suppression_rows, dec.suppression_launched, dec.suppressed) == (
        47,
        1_215,
        12,
        406,
        90,
    )
    assert "those rows give 90 suppressed" in metrics.describe(dec)


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
    v = metrics.volumes(week_log, "week")
    # Monday-starting weeks: 6-12 Jan, 13-19 Jan (none), 20-26 Jan, 27 Jan-2 Feb (none), 3-9 Feb
    assert list(v.index) == list(pd.date_range("2025-01-06", periods=5, freq="7D"))
    assert v["shahed_drone"].tolist() == [16, 0, 20, 0, 0]
    assert v["cruise_missile"].tolist() == [4, 0, 0, 0, 3]
    assert list(v.columns[:2]) == ["shahed_drone", "cruise_missile"]  # largest first


def test_volumes_per_day_month_year(week_log):
    day = metrics.volumes(week_log, "day", by=None)["launched"]
    assert len(day) == 29 and day["2025-01-06"] == 14 and day["2025-01-07"] == 0
    month = metrics.volumes(week_log, "month", by=None)["launched"]
    assert month.tolist() == [40, 3]
    assert metrics.volumes(week_log, "year", by=None)["launched"].tolist() == [43]


def test_national_and_regional_are_never_summed_unless_asked(week_log):
    mixed = pd.concat(
        [week_log, frame([{"report_date": "2025-01-06", "launched": 5, "reporting_unit": "air_command_south"}])],
        ignore_index=True,
    )
    with pytest.raises(ValueError, match="national and regional"):
        metrics.volumes(mixed, "month")
    with pytest.raises(ValueError, match="national and regional"):
        metrics.largest_report_days(mixed)
    apart = metrics.volumes(mixed, "month", by="reporting_unit")
    assert apart.loc["2025-01-01", "air_force"] == 40 and apart.loc["2025-01-01", "air_command_south"] == 5
    assert metrics.volumes(mixed, "month", by=None, combine_units=True)["launched"].tolist() == [45, 3]


def test_national_default_in_the_real_log(raw_csv):
    in_2025 = raw_csv[raw_csv["report_date"].dt.year == 2025]
    air_force = int(in_2025.loc[in_2025["reporting_unit"] == "air_force", "launched"].sum())
    south = int(in_2025.loc[in_2025["reporting_unit"] == "air_command_south", "launched"].sum())
    attacks = data.load_air_attacks()
    v = metrics.volumes(data.select(attacks, "2025-01-01", "2025-12-31"), "year", by=None)
    # the General Staff's nationwide report of 2025-07-20 (57 Shahed-type drones, no Air Force row that day)
    assert v["launched"].tolist() == [air_force + 57]
    national = air_force
    apart = metrics.volumes(
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
    top = metrics.largest_report_days(tie, 3)
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
    waves = metrics.largest_attacks(df, 2)
    assert waves["launched"].tolist() == [556, 424]
    assert (waves.at[0, "time_start"], waves.at[0, "time_end"]) == ("2026-03-24 09:00", "2026-03-24 18:00")
    assert (waves.at[1, "time_start"], waves.at[1, "time_end"]) == ("2026-03-23 18:00", "2026-03-24 09:00")
    day = metrics.largest_report_days(df, 1).iloc[0]
    assert (day["launched"], day["attacks"]) == (980, 2)
    text = metrics.describe_volumes(metrics.volume_summary(df, "day"), "national", "all")
    assert (
        "largest attack: **556 launched** in one nationwide report, window 2026-03-24 09:00 to 2026-03-24 18:00" in text
    )
    assert "largest report day: **980 launched** on 2026-03-24 in 2 attacks" in text


def test_the_largest_attack_and_report_day_in_the_real_log(raw_csv):
    # From the raw rows: the largest nationwide post is the Air Force's of 2025-09-06 17:00 to 2025-09-07 09:30
    # (810 Shahed-type, 9 Iskander-K, 4 Iskander-M/KN-23 = 823); the largest report day is 2026-03-24 (424 + 556)
    national = raw_csv[raw_csv["reporting_unit"].isin(["air_force", "general_staff", "commander_in_chief"])]
    top = metrics.largest_attacks(national, 1).iloc[0]
    assert (top["launched"], top["time_start"], top["time_end"]) == (823, "2025-09-06 17:00", "2025-09-07 09:30")
    day = metrics.largest_report_days(data.select(data.load_air_attacks()), 1).iloc[0]
    assert (day["report_date"], day["launched"], day["attacks"]) == (pd.Timestamp("2026-03-24"), 980, 2)
    march = metrics.largest_attacks(data.select(data.load_air_attacks(), "2026-03-24", "2026-03-24"), 2)
    assert march["launched"].tolist() == [556, 424]


def test_rolling_mean_and_period_change():
    s = pd.Series([10.0, 15, 0, 5])
    assert metrics.rolling_mean(s, 2).tolist()[1:] == [12.5, 7.5, 2.5]
    assert np.isnan(metrics.rolling_mean(s, 2).iloc[0])
    ch = metrics.period_change(s)
    assert ch["change"].tolist()[1:] == [5, -15, 5]
    assert ch["pct_change"].tolist()[1:3] == [50, -100]
    assert np.isnan(ch["pct_change"].iloc[3])  # nothing the period before: no % change


def test_volume_summary(week_log):
    key = metrics.volume_summary(week_log, "week", "2025-01-06", "2025-02-05")
    assert (key.launched, key.rows, key.days, key.days_reported, key.launched_blank) == (43, 6, 31, 5, 1)
    assert key.busiest == (pd.Timestamp("2025-01-06"), 20)  # 6-12 Jan and 20-26 Jan tie: the earlier
    assert key.largest_attack is not None and key.largest_attack["launched"] == 20
    assert key.largest_day["launched"] == 20
    # the week of 3 Feb is cut by end = 5 Feb: the last whole week is 27 Jan-2 Feb (0 against 20)
    assert key.change.name == pd.Timestamp("2025-01-27") and key.change["change"] == -20
    assert key.by_class.loc["shahed_drone", "share"] == pytest.approx(36 / 43)


def test_period_labels():
    assert metrics.period_label("2025-07-09", "day") == "2025-07-09"
    assert metrics.period_label("2025-07-07", "week") == "the week starting 2025-07-07"
    assert metrics.period_label("2025-07-01", "month") == "July 2025"
    assert metrics.period_label("2025-01-01", "year") == "2025"


def test_the_readme_figures_of_the_merge_are_the_data_s():
    # README: "the shot-down figure jumps from about 52 % to 83 % of launched". Nationwide Shahed-type rows of
    # 2025, by hand from the raw log: 14,445 shot down of 27,740 before 2025-07-24 (52.1 %), 22,297 of 26,796
    # from 2025-07-24 to 2025-12-31 (83.2 %).
    readme = (config.PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"about (\d+) % to (\d+) % of launched", readme)
    assert match, "the README no longer states the jump; update this test with it"
    attacks = data.load_air_attacks()
    brk = metrics.suppression_break(attacks)
    parts = metrics.reporting_periods(data.select(attacks, "2025-01-01", "2025-12-31", "shahed_drone"), brk)
    before, after = (round(100 * dec.kinetic.value) for _, dec in parts)
    assert (before, after) == (round(100 * 14_445 / 27_740), round(100 * 22_297 / 26_796)) == (52, 83)
    assert (int(match[1]), int(match[2])) == (before, after)


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
    split = metrics.decoy_split(df)
    assert (split.strike, split.launched_stated, split.decoys_and_other) == (455, 667, 212)
    assert str(split.coverage) == "stated in 2 of 4 report rows, 667 of 853 launched"
    assert "about 455 of 667 launched were Shahed-type strike drones (68%" in metrics.describe_decoys(split)
    monthly = metrics.monthly_decoy_split(df)
    assert monthly.loc["2025-07-01"].tolist() == [455, 212, 136, 2, 3]
    assert monthly.loc["2025-08-01"].tolist() == [0, 0, 50, 0, 1]
    assert (monthly[["strike", "decoys_and_other", "not_stated"]].sum(axis=1) == [803, 50]).all()


def test_the_split_in_the_real_log():
    # Air Force reports of November 2025 state it in every Shahed-type row (30 of 30, read from the raw log):
    # about 3,355 strike drones of 5,445 launched
    attacks = data.load_air_attacks()
    split = metrics.decoy_split(data.select(attacks, "2025-11-01", "2025-11-30", "shahed_drone"))
    assert (split.strike, split.launched_stated, split.coverage.rows, split.coverage.rows_total) == (
        3_355,
        5_445,
        30,
        30,
    )
    none = metrics.decoy_split(data.select(attacks, "2025-06-01", "2025-06-30", "shahed_drone"))
    assert none.coverage.rows == 0 and "No report in this selection" in metrics.describe_decoys(none)


# --- prose ---------------------------------------------------------------------------------------


def test_describe_volumes(week_log):
    key = metrics.volume_summary(week_log, "week", "2025-01-06", "2025-02-05")
    text = metrics.describe_volumes(key, "national", "all")
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
    key = metrics.volume_summary(week_log, "month", "2025-01-06", "2025-02-05")
    text = metrics.describe_volumes(key, "national", "all")
    assert "- the period holds fewer than two whole months: no change to show" in text  # January is cut on the 6th
    assert r"(\<b\>Shahed\</b\> (20))" in text  # markup from the data shows as written


def test_describe_volume_titles_and_blank(week_log):
    key = metrics.volume_summary(week_log, "week", "2025-01-06", "2025-02-05")
    assert (
        metrics.describe_volume_chart(key, "national") == "43 launched; the most, 20, in the week starting 2025-01-06"
    )
    assert metrics.describe_volume_chart(key, "regional").startswith("43 shot down (regional tallies); the most, 20")
    assert metrics.describe_lead_class(key).startswith("**shahed drone** make up 84% of the launched")  # 36 / 43
    assert metrics.describe_blank_launched(key).startswith("1 row(s) in this selection give no launched figure")
    assert (
        metrics.describe_daily(pd.Series([2.0, 7.5, np.nan]), 7, "all")
        == "Launched per day; the 7-day mean from 2 to 8"
    )
    assert (
        metrics.describe_daily(pd.Series([3.0]), 7, "regional")
        == "Shot down (regional tallies) per day; the 7-day mean 3"
    )


def test_value_range_for_titles():
    assert metrics.value_range(pd.Series([0.4449, 0.4441]), "{:.0%}") == "44%"
    assert metrics.value_range(pd.Series([53.2, 336.0, 120.0])) == "from 53 to 336"


def test_tables_for_reading(week_log):
    days = metrics.largest_report_days_table(metrics.largest_report_days(week_log, 2))
    assert days.values.tolist() == [
        ["2025-01-25", "20", "1", "Shahed-136/131 (20)"],
        ["2025-01-06", "14", "1", "Shahed-136/131 (10), Kalibr (4)"],
    ]
    waves = metrics.largest_attacks_table(metrics.largest_attacks(week_log, 1))
    assert waves.values.tolist() == [["2025-01-25 to 2025-01-25", "2025-01-25", "20", "Shahed-136/131 (20)", ""]]
    changes = metrics.period_change_table(
        metrics.period_change(pd.Series([1000.0, 1500.0], index=pd.to_datetime(["2025-01-06", "2025-01-13"])))
    )
    assert changes.values.tolist() == [
        ["2025-01-06", "1,000", "", "", ""],
        ["2025-01-13", "1,500", "1,000", "+500", "+50.0 %"],
    ]


def test_describe_units_chart():
    by_unit = pd.DataFrame(
        {"air_force": [100, 50], "general_staff": [8, 0], "air_command_south": [7, 0], "air_command_east": [3, 1]}
    )
    assert metrics.describe_units_chart(by_unit) == (  # 100 + 50 + 8; 7 + 3 + 1
        "Nationwide reports: 158 launched; regional air commands' shoot-down tallies: 11 shot down (not summed)"
    )


def test_describe_interception_and_its_parts():
    # The night of 2025-06-12 as literal rows: 63 launched, 28 shot down, 21 suppressed.
    rows = frame([{"report_date": "2025-06-12", "launched": 63, "destroyed": 28, "suppressed": 21}])
    rows["real_shaheds"] = pd.array([40], dtype="Int64")  # "about 40" strike drones stated
    text = metrics.describe_interception(rows, NO_BREAK, "<shahed>", "2025-06-12", "2025-06-12")
    assert text.startswith(r"Nationwide reports of **\<shahed\>**, report dates 2025-06-12 to 2025-06-12")
    # one attack: no interval over attacks, the Wilson interval named as such
    assert "28 shot down: **44.4% (95 % Wilson interval 32.8% to 56.7%), 28 of 63** launched (kinetic rate" in text
    assert "about 40 of 63 launched were Shahed-type strike drones (63%" in text  # 40 / 63 = 63.5 %
    assert "about 23 decoys and other drones" in text  # 63 - 40
    dec = metrics.decompose(rows, NO_BREAK)
    assert metrics.describe_decomposition_chart(dec, "shahed drone") == (
        "Reported fate of 63 launched (shahed drone): 44% shot down, 14 unaccounted"  # 63 - 28 - 21
    )
    assert metrics.describe_suppression_coverage(dec).startswith(
        "The shot-down rate is computed over the 1 of 1 rows that state a shot-down figure (63 of 63 launched); "
        "the suppressed and neutralised rates only over the 1 rows that stated suppression (63 of 63 launched)"
    )
    p = {"launched": 100, "destroyed": 30, "jammed": 21, "night": "2025-06-12", "model": None}
    p |= {"weapon_class": "shahed_drone", "start": "2025-06-12", "end": "2025-06-12"}
    assert "**49 unaccounted**" in metrics.describe_night(p)  # 100 - 30 - 21
    assert list(metrics.decompositions_shown(dec, None, "x", "2025-06-12", "2025-06-12")) == [
        "x\n2025-06-12 to 2025-06-12"
    ]
    assert metrics.selection_name(None, "shahed_drone") == "shahed drone"
    assert metrics.selection_name("Kalibr", "all") == "Kalibr"


def test_rates_table():
    rows = frame(
        [
            {"report_date": "2025-06-12", "launched": 63, "destroyed": 28, "suppressed": 21},
            {"report_date": "2025-06-12", "launched": 4, "destroyed": 4, "weapon_class": "cruise_missile"},
        ]
    )
    table = metrics.rates_table(metrics.rates_by(rows, "weapon_class", NO_BREAK))
    assert table.columns[0] == "weapon class"
    cruise = table.iloc[0].tolist()
    # 4 of 4 in one attack: no interval over attacks; Wilson 95 % interval from 51.0 % to 100 %
    assert cruise == ["cruise missile", "4", "4", "100.0%", "", "51.0% to 100.0%", "0", "0"]


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
    assert metrics.describe_regional_tallies(rows) == (
        "in 1 of the 2 regional drone rows that give both figures, launched equals destroyed"
    )
    monthly = pd.DataFrame({"strike": [40, 0], "decoys_and_other": [23, 0], "not_stated": [10, 50]})
    assert metrics.describe_decoy_chart(monthly) == (  # 40 + 23 = 63 stated of 63 + 10 + 50 = 123
        "Shahed-type drones launched per month; the reports state the strike-drone split for 63 of 123"
    )


# --- intervals over attacks, blank shot-down figures, per-class reporting ----------------------------------


def test_the_interval_over_attacks_worked_by_hand():
    # Four attacks: 9 of 10, 18 of 20, 25 of 30, 38 of 40: R = 90 / 100 = 0.9. Residuals k - R n: 0, 0, -2, 2;
    # squares sum to 8; variance = 4/3 * 8 / 100^2 = 0.0010667, se = 0.032660; t(0.975, 3 df) = 3.182446:
    # half-width 0.103940, so 0.7961 to 1.0039, cut to 1.
    lo, hi = metrics.wave_interval(((9, 10), (18, 20), (25, 30), (38, 40)))
    assert (lo, hi) == pytest.approx((0.9 - 3.182446 * math.sqrt(4 / 3 * 8 / 100**2), 1.0), abs=1e-6)
    assert round(lo, 4) == 0.7961
    # One attack, or nothing launched: no interval over attacks
    assert all(np.isnan(metrics.wave_interval(((9, 10),))))
    assert all(np.isnan(metrics.wave_interval(())))
    rate = metrics.Rate(90, 100, ((9, 10), (18, 20), (25, 30), (38, 40)))
    assert str(rate).startswith("90.0% (95 % CI over 4 attacks 79.6% to 100.0%; Wilson, each weapon an independent")
    assert "Wilson interval" in str(metrics.Rate(28, 63))  # no attacks: Wilson alone, named
    # Every attack the same share (March 2026's ballistic missiles: 0 of 6 over its attacks): the variance is 0
    # and a 0-0 % interval would read as certainty, so there is none over attacks; Wilson's 0 to 39 % stays.
    assert all(np.isnan(metrics.wave_interval(((0, 2), (0, 4)))))
    assert str(metrics.Rate(0, 6, ((0, 2), (0, 4)))) == "0.0% (95 % Wilson interval 0.0% to 39.0%), 0 of 6"


def test_may_2026_interval_over_attacks_is_wider_than_wilson():
    # 35 nationwide Shahed-type reports of May 2026: 7,476 of 8,150 (raw file); Wilson 91.1-92.3 %; over attacks
    # about three times as wide (the independent check: about 89.6-93.2 %)
    rows = data.select(data.load_air_attacks(), "2026-05-01", "2026-05-31", "shahed_drone")
    rate = metrics.decompose(rows, NO_BREAK).kinetic
    assert (rate.k, rate.n, len(rate.waves)) == (7_476, 8_150, 35)
    lo, hi = rate.wave_interval
    wlo, whi = rate.interval
    assert (round(wlo, 3), round(whi, 3)) == (0.911, 0.923)
    assert 0.895 < lo < 0.90 and 0.93 < hi < 0.94 and (hi - lo) > 2.5 * (whi - wlo)


def test_a_blank_shot_down_figure_is_in_no_denominator():
    df = frame(
        [
            {"report_date": "2025-03-01", "launched": 10, "destroyed": 6},
            {"report_date": "2025-03-02", "launched": 30, "destroyed": None},  # not stated: out of the rate
            {"report_date": "2025-03-03", "launched": 10, "destroyed": 4},
        ]
    )
    dec = metrics.decompose(df, NO_BREAK)
    assert (dec.kinetic.k, dec.kinetic.n) == (10, 20)  # 6 + 4 of 10 + 10, not of 50
    assert not dec.kinetic_coverage.measurable  # 20 of 50 launched: under half
    assert "shot down: **not measurable in this period**: a shot-down figure stated in 2 of 3 report rows" in (
        metrics.describe(dec)
    )
    df.loc[1, "launched"] = 5
    text = metrics.describe(metrics.decompose(df, NO_BREAK))
    assert "**50.0%" in text and "over the rows that state a shot-down figure: stated in 2 of 3" in text


def test_missiles_kinetic_rate_leaves_out_the_rows_without_a_shot_down_figure(raw_csv):
    # 2025 nationwide missile rows, from the processed CSV with plain pandas: the rate over the rows that state a
    # shot-down figure, not over every row's launched
    rows = raw_csv[
        raw_csv["report_date"].between("2025-01-01", "2025-12-31")
        & raw_csv["attack_id"].notna()
        & raw_csv["weapon_class"].isin(
            ["cruise_missile", "anti_radiation_missile", "ballistic_missile", "air_defence_missile"]
            + ["unknown_missile", "mixed_missiles"]
        )
    ]
    stated = rows.dropna(subset=["destroyed", "launched"])
    attacks = data.load_air_attacks()
    dec = metrics.decompose(data.select(attacks, "2025-01-01", "2025-12-31", "missiles"), NO_BREAK)
    assert (dec.kinetic.k, dec.kinetic.n) == (int(stated["destroyed"].sum()), int(stated["launched"].sum()))
    assert dec.kinetic.n < dec.launched


def test_the_suppression_break_is_read_per_class():
    attacks = data.load_air_attacks()
    shahed = metrics.suppression_break(attacks)
    assert (shahed.end, shahed.what) == (pd.Timestamp("2025-07-24"), "Shahed-type drones")
    missiles = metrics.suppression_break(attacks, "missiles")
    assert missiles.end is None and missiles.regular is None and missiles.what == "missiles"
    assert "never regularly" in missiles.span() and "Shahed" not in missiles.span()
    assert missiles.definition("2025-01-01", "2025-12-31") == "kinetic rate: shot down alone"
    assert shahed.definition("2026-05-01", "2026-05-31").startswith("merged: shot down or suppressed")
    assert metrics.suppression_break(attacks, "drones").end == shahed.end  # the drones' break is the Shahed-type's


def test_the_worked_night_appears_only_where_it_belongs():
    p = {"launched": 63, "destroyed": 28, "jammed": 21, "night": "2025-06-12", "model": None}
    p |= {"weapon_class": "shahed_drone", "start": "2025-01-01", "end": "2025-12-31"}
    night = metrics.worked_night(p)
    assert night is not None and night.label.startswith("the night of 2025-06-11/12 (Shahed-type drones)")
    assert "the night of 2025-06-11/12" in metrics.describe_night(p)
    for other in ({"weapon_class": "missiles"}, {"start": "2025-07-01"}, {"model": "Kalibr"}):
        assert metrics.worked_night(p | other) is None
        assert "63 launched" not in metrics.describe_night(p | other)
    assert metrics.describe_night(p | {"launched": None}).startswith("No night given")


def test_month_by_class_counts_behind_each_rate():
    # by hand from the processed table: the Air Force's Shahed-type rows of March 2026 (32 rows in 32 attacks,
    # 6,462 launched, 5,833 shot down, every row stating it; after the merge of 2025-07-24, so the figure is the
    # posts' merged shot down or suppressed), and the strike drones stated "about N" in some of them
    attacks = data.load_air_attacks()
    raw = pd.read_csv(config.DATA_DIR / "processed" / "air_attacks.csv", parse_dates=["report_date"])
    national = raw[raw["attack_id"].notna()]
    march = national[national["report_date"].between("2026-03-01", "2026-03-31")]
    shahed = march[march["weapon_class"] == "shahed_drone"]
    table = metrics.month_by_class(data.select(attacks, weapon_class="all"), attacks)
    row = table[(table["month"] == "2026-03") & (table["weapon_class"] == "shahed_drone")].iloc[0]
    assert (row["rows"], row["attacks"]) == (len(shahed), shahed["attack_id"].nunique()) == (32, 32)
    assert (row["launched"], row["shot_down"], row["rate_launched"]) == (6462, 5833, 6462)
    assert row["shot_down_rate"] == pytest.approx(5833 / 6462)
    assert row["rate_lo"] < row["wilson_lo"] < row["shot_down_rate"] < row["wilson_hi"] < row["rate_hi"]
    assert row["definition"].startswith("merged: shot down or suppressed") and row["reporting_change"] == ""
    stated = shahed.dropna(subset=["real_shaheds"])
    assert (row["strike_stated"], row["split_launched"]) == (stated["real_shaheds"].sum(), stated["launched"].sum())
    # the month of the merge is flagged; all of March's classes add up to the month's launched
    july = table[(table["month"] == "2025-07") & (table["weapon_class"] == "shahed_drone")].iloc[0]
    assert july["reporting_change"].startswith("2025-07-24: suppression merged into shot down")
    assert table.loc[table["month"] == "2026-03", "launched"].sum() == march["launched"].sum()
    # a class with no shot-down figure in a month has no rate: blank is not zero
    blank = table[table["shot_down"].isna()]
    assert len(blank) and blank["shot_down_rate"].isna().all() and blank["rate_launched"].eq(0).all()
