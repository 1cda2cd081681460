"""Interception rates against values worked out by hand, from small literal frames or real rows read directly."""

import datetime as dt
import math
import re

import numpy as np
import pandas as pd
import pytest
from air_log import REAL_BREAK, frame

from uawar import config, data, interception, suppression
from uawar.suppression import NO_BREAK

Z = 1.959964  # the 97.5 % point of the standard normal


def wilson_by_hand(k, n, z=Z):
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return centre - half, centre + half


# --- Wilson and the worked night -------------------------------------------------------------


def test_wilson_matches_the_formula():
    lo, hi = interception.wilson(28, 63)
    hand = wilson_by_hand(28, 63)
    assert (lo, hi) == pytest.approx(hand, abs=1e-6)
    assert (round(lo, 3), round(hi, 3)) == (0.328, 0.567)
    assert interception.wilson(0, 10) == pytest.approx(wilson_by_hand(0, 10), abs=1e-6)


def test_wilson_undefined_without_trials_or_with_more_successes_than_trials():
    assert all(np.isnan(interception.wilson(0, 0)))
    assert all(np.isnan(interception.wilson(5, 4)))


def test_a_night_given_as_numbers():
    night = interception.decompose_counts(63, 28, 21)
    assert night.unaccounted == 14  # 63 - 28 - 21
    assert round(100 * night.kinetic.value, 1) == 44.4
    assert round(100 * night.suppressed_rate.value, 1) == 33.3
    assert round(100 * night.neutralised.value, 1) == 77.8
    assert night.kinetic.interval == pytest.approx(wilson_by_hand(28, 63), abs=1e-6)
    assert night.neutralised.interval == pytest.approx(wilson_by_hand(49, 63), abs=1e-6)
    text = interception.describe(night, by_hand=True)
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
    dec = interception.decompose(sel, REAL_BREAK)
    assert (dec.launched, dec.destroyed, dec.suppressed, dec.unaccounted) == (63, 28, 21, 14)


# --- decomposition over many rows -------------------------------------------------------------


def test_suppression_rates_use_only_the_rows_that_stated_it():
    df = frame(
        [
            {"report_date": "2024-10-01", "launched": 20, "destroyed": 10, "suppressed": 3, "crossed_border": 1},
            {"report_date": "2024-10-02", "launched": 10, "destroyed": 5, "still_attacking": 2},
        ]
    )
    dec = interception.decompose(df, NO_BREAK)
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
    dec = interception.decompose(df, NO_BREAK)
    assert not dec.suppression_coverage.measurable  # 14 of 29: under half
    assert np.isnan(dec.summary()["neutralised_rate"]) and np.isnan(dec.summary()["suppressed_rate"])
    text = interception.describe(dec)
    assert "not measurable in this period" in text and "14 of 29 launched" in text
    assert "3 suppressed and 10 shot down of their 14 launched" in text
    half = interception.decompose(
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
    dec = interception.decompose(data.select(attacks, "2025-07-24", "2025-12-31", "shahed_drone"), REAL_BREAK)
    assert (dec.rows, dec.launched, dec.destroyed) == (162, 26_845, 22_341)
    assert (dec.suppression_rows, dec.suppression_launched, dec.suppressed) == (2, 405 + 519, 17 + 15)
    assert round(100 * dec.kinetic.value, 1) == 83.2  # the comparable figure after the merge
    text = interception.describe(dec)
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
    assert suppression.suppression_stated(df, brk).tolist() == [True, False, True]
    dec = interception.decompose(df, brk)
    assert (dec.suppression_rows, dec.suppression_launched, dec.suppressed) == (2, 20, 2)


def test_nothing_stated_gives_no_suppression_rate():
    dec = interception.decompose(frame([{"report_date": "2023-01-01", "launched": 8, "destroyed": 6}]), NO_BREAK)
    assert dec.suppression_rows == 0 and np.isnan(dec.suppressed_rate.value)
    assert "not stated" in interception.describe(dec)


def test_rates_by_group_and_month():
    df = frame(
        [
            {"report_date": "2024-10-01", "launched": 10, "destroyed": 4, "weapon_class": "shahed_drone"},
            {"report_date": "2024-10-20", "launched": 30, "destroyed": 27, "weapon_class": "shahed_drone"},
            {"report_date": "2024-11-03", "launched": 5, "destroyed": 1, "weapon_class": "ballistic_missile"},
        ]
    )
    by = interception.rates_by(df, "weapon_class", NO_BREAK)
    assert by.loc["shahed_drone", "kinetic_rate"] == 31 / 40
    assert by.loc["ballistic_missile", "kinetic_rate"] == 1 / 5
    monthly = interception.monthly_rates(df, NO_BREAK, interception.whole_months("2024-10-01", "2024-11-30", LOG_REACH))
    assert list(monthly.index) == [pd.Timestamp("2024-10-01"), pd.Timestamp("2024-11-01")]
    assert monthly["launched"].tolist() == [40, 5]
    assert monthly.loc["2024-11-01", "kinetic_rate_hi"] == pytest.approx(wilson_by_hand(1, 5)[1], abs=1e-6)
    # from 2024-10-05, October is a part of a month: its rows are not drawn as October's rate
    monthly = interception.monthly_rates(df, NO_BREAK, interception.whole_months("2024-10-05", "2024-11-30", LOG_REACH))
    assert list(monthly.index) == [pd.Timestamp("2024-11-01")]
    assert monthly["launched"].tolist() == [5]


LOG_REACH = (dt.date(2022, 9, 28), dt.date(2026, 6, 7))  # the attack log's first and last report dates


def day(text):
    return pd.Timestamp(text)


def test_whole_months_of_a_period_and_what_is_left_to_the_period():
    m = interception.whole_months("2025-01-18", "2025-03-10", LOG_REACH)
    assert list(m.months.astype(str)) == ["2025-02"]
    assert m.parts == [(day("2025-01-18"), day("2025-01-31")), (day("2025-03-01"), day("2025-03-10"))]
    assert interception.describe_months(m) == (
        "Whole calendar months only: February 2025 (1 month). 2025-01-18 to 2025-01-31 and 2025-03-01 to "
        "2025-03-10 are parts of months: counted in the period's rates above, not drawn as a month."
    )
    year = interception.whole_months("2025-01-01", "2025-12-31", LOG_REACH)
    assert len(year.months) == 12 and year.parts == []
    assert (
        interception.describe_months(year) == "Whole calendar months only: January 2025 to December 2025 (12 months)."
    )
    leap = interception.whole_months("2024-02-01", "2024-02-29", LOG_REACH)
    assert list(leap.months.astype(str)) == ["2024-02"] and leap.parts == []


def test_one_night_holds_no_whole_month():
    m = interception.whole_months("2025-01-01", "2025-01-01", LOG_REACH)
    assert m.months.empty and m.parts == [(day("2025-01-01"), day("2025-01-01"))]
    assert interception.describe_months(m).startswith("No monthly chart: the period (2025-01-01) holds no whole")
    week = interception.whole_months("2025-03-03", "2025-03-09", LOG_REACH)
    assert week.months.empty and "(2025-03-03 to 2025-03-09)" in interception.describe_months(week)


def test_whole_months_end_where_the_log_ends():
    # the log runs from 2022-09-28 to 2026-06-07: September 2022 and June 2026 are not whole in it
    m = interception.whole_months("2026-01-01", "2026-12-31", LOG_REACH)
    assert list(m.months.astype(str)) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]
    assert m.parts == [(day("2026-06-01"), day("2026-06-07"))]
    assert interception.describe_months(m).endswith("The log's last report is dated 2026-06-07.")
    first = interception.whole_months("2022-09-01", "2022-12-31", LOG_REACH)
    assert list(first.months.astype(str)) == ["2022-10", "2022-11", "2022-12"]
    assert first.parts == [(day("2022-09-28"), day("2022-09-30"))] and first.log_end is None


def test_a_period_across_the_break_is_decomposed_on_each_side(raw_csv):
    nationwide = raw_csv["reporting_unit"].isin(["air_force", "general_staff", "commander_in_chief"])
    shahed = raw_csv[nationwide & (raw_csv["weapon_class"] == "shahed_drone")]
    year = shahed[(shahed["report_date"] >= "2025-01-01") & (shahed["report_date"] <= "2025-12-31")]
    before, after = year[year["report_date"] < "2025-07-24"], year[year["report_date"] >= "2025-07-24"]
    parts = interception.reporting_periods(
        data.select(data.load_air_attacks(), "2025-01-01", "2025-12-31", "shahed_drone"), REAL_BREAK
    )
    assert [label.split(" (")[0] for label, _ in parts] == ["2025-01-01 to 2025-07-23", "2025-07-24 to 2025-12-31"]
    for (_, dec), rows in zip(parts, (before, after), strict=True):
        assert (dec.launched, dec.destroyed) == (rows["launched"].sum(), rows["destroyed"].sum())
    # by hand: 2025-01-01..07-23 14,445 shot down of 27,740 (52.1 %); 2025-07-24..12-31 22,297 of 26,796 in the
    # nationwide bodies' own posts and 44 of 49 of the 2025-10-01 wave: 22,341 of 26,845 (83.2 %)
    assert [(d.destroyed, d.launched) for _, d in parts] == [(14_445, 27_740), (22_341, 26_845)]
    text = interception.describe_periods(parts)
    assert "each side" in text and "not measurable in this period" in text
    one_side = interception.reporting_periods(
        data.select(data.load_air_attacks(), "2025-06-12", "2025-06-12"), REAL_BREAK
    )
    assert len(one_side) == 1 and interception.describe_periods(one_side) == ""
    assert interception.reporting_periods(year, NO_BREAK) == []
    summer = interception.reporting_periods(
        data.select(data.load_air_attacks(), "2024-07-01", "2024-08-31", "shahed_drone"), REAL_BREAK
    )
    assert [label.split(" (")[0] for label, _ in summer] == ["2024-07-03 to 2024-07-07", "2024-07-10 to 2024-08-31"]


def test_july_august_2024_states_the_figures_the_reports_gave():
    # the 12 reports of 2024-07-10..08-31 that state suppression: 3+8+1+2+3+16+2+2+10+14+4+25 = 90 suppressed of
    # 20+19+5+4+38+69+10+16+81+74+18+52 = 406 launched; the 47 nationwide Shahed rows of July-August: 1,215
    dec = interception.decompose(
        data.select(data.load_air_attacks(), "2024-07-01", "2024-08-31", "shahed_drone"), REAL_BREAK
    )
    assert (dec.rows, dec.launched, dec.suppression_rows, dec.suppression_launched, dec.suppressed) == (
        47,
        1_215,
        12,
        406,
        90,
    )
    assert "those rows give 90 suppressed" in interception.describe(dec)


def test_the_documented_figures_of_the_merge_are_the_data_s():
    # docs/data.md: "the shot-down figure jumps from about 52 % to 83 % of launched". Nationwide Shahed-type rows
    # of 2025, by hand from the raw log: 14,445 shot down of 27,740 before 2025-07-24 (52.1 %), 22,297 of 26,796
    # from 2025-07-24 to 2025-12-31 (83.2 %).
    doc = (config.PROJ_ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    match = re.search(r"about (\d+) % to (\d+) % of\s+launched", doc)
    assert match, "docs/data.md no longer states the jump; update this test with it"
    attacks = data.load_air_attacks()
    brk = suppression.suppression_break(attacks)
    parts = interception.reporting_periods(data.select(attacks, "2025-01-01", "2025-12-31", "shahed_drone"), brk)
    before, after = (round(100 * dec.kinetic.value) for _, dec in parts)
    assert (before, after) == (round(100 * 14_445 / 27_740), round(100 * 22_297 / 26_796)) == (52, 83)
    assert (int(match[1]), int(match[2])) == (before, after)


def test_describe_interception_and_its_parts():
    # The night of 2025-06-12 as literal rows: 63 launched, 28 shot down, 21 suppressed.
    rows = frame([{"report_date": "2025-06-12", "launched": 63, "destroyed": 28, "suppressed": 21}])
    rows["real_shaheds"] = pd.array([40], dtype="Int64")  # "about 40" strike drones stated
    text = interception.describe_interception(rows, NO_BREAK, "<shahed>", "2025-06-12", "2025-06-12")
    assert text.startswith(r"Nationwide reports of **\<shahed\>**, report dates 2025-06-12 to 2025-06-12")
    # one attack: no interval over attacks, the Wilson interval named as such
    assert "28 shot down: **44.4% (95 % Wilson interval 32.8% to 56.7%), 28 of 63** launched (kinetic rate" in text
    assert "about 40 of 63 launched were Shahed-type strike drones (63%" in text  # 40 / 63 = 63.5 %
    assert "about 23 decoys and other drones" in text  # 63 - 40
    dec = interception.decompose(rows, NO_BREAK)
    assert interception.describe_decomposition_chart(dec, "shahed drone") == (
        "Reported fate of 63 launched (shahed drone): 44% shot down, 14 unaccounted"  # 63 - 28 - 21
    )
    assert interception.describe_suppression_coverage(dec).startswith(
        "The shot-down rate is computed over the 1 of 1 rows that state a shot-down figure (63 of 63 launched); "
        "the suppressed and neutralised rates only over the 1 rows that stated suppression (63 of 63 launched)"
    )
    p = {"launched": 100, "destroyed": 30, "jammed": 21, "night": "2025-06-12", "model": None}
    p |= {"weapon_class": "shahed_drone", "start": "2025-06-12", "end": "2025-06-12"}
    assert "**49 unaccounted**" in interception.describe_night(p)  # 100 - 30 - 21
    assert list(interception.decompositions_shown(dec, None, "x", "2025-06-12", "2025-06-12")) == [
        "x\n2025-06-12 to 2025-06-12"
    ]
    assert interception.selection_name(None, "shahed_drone") == "shahed drone"
    assert interception.selection_name("Kalibr", "all") == "Kalibr"


def test_rates_table():
    rows = frame(
        [
            {"report_date": "2025-06-12", "launched": 63, "destroyed": 28, "suppressed": 21},
            {"report_date": "2025-06-12", "launched": 4, "destroyed": 4, "weapon_class": "cruise_missile"},
        ]
    )
    table = interception.rates_table(interception.rates_by(rows, "weapon_class", NO_BREAK))
    assert table.columns[0] == "weapon class"
    cruise = table.iloc[0].tolist()
    # 4 of 4 in one attack: no interval over attacks; Wilson 95 % interval from 51.0 % to 100 %
    assert cruise == ["cruise missile", "4", "4", "100.0%", "", "51.0% to 100.0%", "0", "0"]


# --- intervals over attacks, blank shot-down figures, per-class reporting ----------------------------------


def test_the_interval_over_attacks_worked_by_hand():
    # Four attacks: 9 of 10, 18 of 20, 25 of 30, 38 of 40: R = 90 / 100 = 0.9. Residuals k - R n: 0, 0, -2, 2;
    # squares sum to 8; variance = 4/3 * 8 / 100^2 = 0.0010667, se = 0.032660; t(0.975, 3 df) = 3.182446:
    # half-width 0.103940, so 0.7961 to 1.0039, cut to 1.
    lo, hi = interception.wave_interval(((9, 10), (18, 20), (25, 30), (38, 40)))
    assert (lo, hi) == pytest.approx((0.9 - 3.182446 * math.sqrt(4 / 3 * 8 / 100**2), 1.0), abs=1e-6)
    assert round(lo, 4) == 0.7961
    # One attack, or nothing launched: no interval over attacks
    assert all(np.isnan(interception.wave_interval(((9, 10),))))
    assert all(np.isnan(interception.wave_interval(())))
    rate = interception.Rate(90, 100, ((9, 10), (18, 20), (25, 30), (38, 40)))
    assert str(rate).startswith("90.0% (95 % CI over 4 attacks 79.6% to 100.0%; Wilson, each weapon an independent")
    assert "Wilson interval" in str(interception.Rate(28, 63))  # no attacks: Wilson alone, named
    # Every attack the same share (March 2026's ballistic missiles: 0 of 6 over its attacks): the variance is 0
    # and a 0-0 % interval would read as certainty, so there is none over attacks; Wilson's 0 to 39 % stays.
    assert all(np.isnan(interception.wave_interval(((0, 2), (0, 4)))))
    assert str(interception.Rate(0, 6, ((0, 2), (0, 4)))) == "0.0% (95 % Wilson interval 0.0% to 39.0%), 0 of 6"


def test_may_2026_interval_over_attacks_is_wider_than_wilson():
    # 35 nationwide Shahed-type reports of May 2026: 7,476 of 8,150 (raw file); Wilson 91.1-92.3 %; over attacks
    # about three times as wide (the independent check: about 89.6-93.2 %)
    rows = data.select(data.load_air_attacks(), "2026-05-01", "2026-05-31", "shahed_drone")
    rate = interception.decompose(rows, NO_BREAK).kinetic
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
    dec = interception.decompose(df, NO_BREAK)
    assert (dec.kinetic.k, dec.kinetic.n) == (10, 20)  # 6 + 4 of 10 + 10, not of 50
    assert not dec.kinetic_coverage.measurable  # 20 of 50 launched: under half
    assert "shot down: **not measurable in this period**: a shot-down figure stated in 2 of 3 report rows" in (
        interception.describe(dec)
    )
    df.loc[1, "launched"] = 5
    text = interception.describe(interception.decompose(df, NO_BREAK))
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
    dec = interception.decompose(data.select(attacks, "2025-01-01", "2025-12-31", "missiles"), NO_BREAK)
    assert (dec.kinetic.k, dec.kinetic.n) == (int(stated["destroyed"].sum()), int(stated["launched"].sum()))
    assert dec.kinetic.n < dec.launched


def test_the_worked_night_appears_only_where_it_belongs():
    p = {"launched": 63, "destroyed": 28, "jammed": 21, "night": "2025-06-12", "model": None}
    p |= {"weapon_class": "shahed_drone", "start": "2025-01-01", "end": "2025-12-31"}
    night = interception.worked_night(p)
    assert night is not None and night.label.startswith("the night of 2025-06-11/12 (Shahed-type drones)")
    assert "the night of 2025-06-11/12" in interception.describe_night(p)
    for other in ({"weapon_class": "missiles"}, {"start": "2025-07-01"}, {"model": "Kalibr"}):
        assert interception.worked_night(p | other) is None
        assert "63 launched" not in interception.describe_night(p | other)
    assert interception.describe_night(p | {"launched": None}).startswith("No night given")


def test_month_by_class_counts_behind_each_rate():
    # by hand from the processed table: the Air Force's Shahed-type rows of March 2026 (32 rows in 32 attacks,
    # 6,462 launched, 5,833 shot down, every row stating it; after the merge of 2025-07-24, so the figure is the
    # posts' merged shot down or suppressed), and the strike drones stated "about N" in some of them
    attacks = data.load_air_attacks()
    raw = pd.read_csv(config.DATA_DIR / "processed" / "air_attacks.csv", parse_dates=["report_date"])
    national = raw[raw["attack_id"].notna()]
    march = national[national["report_date"].between("2026-03-01", "2026-03-31")]
    shahed = march[march["weapon_class"] == "shahed_drone"]
    table = interception.month_by_class(data.select(attacks, weapon_class="all"), attacks)
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
