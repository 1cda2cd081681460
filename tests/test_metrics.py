"""Air metrics against values worked out by hand, from small literal frames or real rows read directly."""

import math

import numpy as np
import pandas as pd
import pytest

from uawar import config, data, metrics
from uawar.metrics import SuppressionBreak

Z = 1.959964  # the 97.5 % point of the standard normal
NO_BREAK = SuppressionBreak(None, None, pd.Series(dtype=float))


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
    dec = metrics.decompose(sel, metrics.suppression_break(data.load_air_attacks()))
    assert (dec.launched, dec.destroyed, dec.suppressed, dec.unaccounted) == (63, 28, 21, 14)


# --- decomposition over many rows -------------------------------------------------------------


def test_suppression_rates_use_only_the_rows_that_stated_it():
    df = frame(
        [
            {"report_date": "2024-10-01", "launched": 10, "destroyed": 5, "suppressed": 3, "crossed_border": 1},
            {"report_date": "2024-10-02", "launched": 20, "destroyed": 10, "still_attacking": 2},
        ]
    )
    dec = metrics.decompose(df, NO_BREAK)
    assert (dec.launched, dec.destroyed, dec.suppressed) == (30, 15, 3)
    assert dec.unaccounted == 30 - 15 - 3 - 2 - 1
    assert dec.kinetic.value == 15 / 30
    assert (dec.suppression_rows, dec.suppression_launched) == (1, 10)
    assert dec.suppressed_rate.value == 3 / 10
    assert dec.neutralised.value == (5 + 3) / 10
    s = dec.summary()
    assert s["kinetic_rate_lo"] == pytest.approx(wilson_by_hand(15, 30)[0], abs=1e-6)
    assert s["suppressed"] == 3 and s["suppressed_rate"] == 0.3


def test_a_zero_after_the_break_means_not_stated():
    df = frame(
        [
            {"report_date": "2025-07-20", "launched": 10, "destroyed": 5, "suppressed": 0},
            {"report_date": "2025-07-25", "launched": 10, "destroyed": 9, "suppressed": 0},
            {"report_date": "2025-07-26", "launched": 10, "destroyed": 6, "suppressed": 2},
        ]
    )
    brk = SuppressionBreak(pd.Timestamp("2024-09-02"), pd.Timestamp("2025-07-24"), pd.Series(dtype=float))
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
    monthly = metrics.monthly_rates(df, NO_BREAK)
    assert list(monthly.index) == [pd.Timestamp("2024-10-01"), pd.Timestamp("2024-11-01")]
    assert monthly["launched"].tolist() == [40, 5]
    assert monthly.loc["2024-11-01", "kinetic_rate_hi"] == pytest.approx(wilson_by_hand(1, 5)[1], abs=1e-6)


# --- the suppression break ---------------------------------------------------------------------


def test_break_rule_on_a_literal_log():
    rows = (
        [{"report_date": f"2024-01-{d:02d}", "suppressed": None} for d in (3, 10, 17, 24)]  # not reported
        + [{"report_date": "2024-02-01", "suppressed": None}]
        + [{"report_date": f"2024-02-{d:02d}", "suppressed": 4} for d in (5, 12, 19)]  # 3 of 4: separate
        + [{"report_date": f"2024-03-{d:02d}", "suppressed": 2} for d in (1, 8)]
        + [{"report_date": f"2024-03-{d:02d}", "suppressed": 0} for d in (15, 22)]  # 2 of 4: separate
        + [{"report_date": f"2024-04-{d:02d}", "suppressed": 0} for d in (1, 8, 15, 22)]  # merged
        + [{"report_date": "2024-05-01", "suppressed": 7}]  # isolated: 1 of 4
        + [{"report_date": f"2024-05-{d:02d}", "suppressed": 0} for d in (8, 15, 22)]
    )
    df = frame([r | {"launched": 10, "destroyed": 5} for r in rows])
    # a regional command's positive figures must not move the national break
    df = pd.concat(
        [
            df,
            frame(
                [
                    {
                        "report_date": "2024-04-09",
                        "launched": 3,
                        "destroyed": 1,
                        "suppressed": 2,
                        "reporting_unit": "air_command_south",
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    brk = metrics.suppression_break(df)
    assert brk.start == pd.Timestamp("2024-02-05")
    assert brk.end == pd.Timestamp("2024-03-15")  # first report after the last positive one of March
    assert brk.monthly_share.loc[pd.Period("2024-05", "M")] == 0.25
    assert [d for d, _ in brk.within("2024-03-01", "2024-12-31")] == [pd.Timestamp("2024-03-15")]
    assert brk.within("2024-06-01", "2024-12-31") == []


def test_break_in_the_real_log(raw_csv):
    shahed = raw_csv[(raw_csv["reporting_unit"] == "air_force") & (raw_csv["weapon_class"] == "shahed_drone")]
    july = shahed[(shahed["report_date"] >= "2025-07-01") & (shahed["report_date"] <= "2025-07-23")]
    after = shahed[(shahed["report_date"] >= "2025-07-24") & (shahed["report_date"] <= "2025-09-30")]
    assert (july["suppressed"] > 0).all() and (after["suppressed"] == 0).all()  # read by eye, then pinned
    brk = metrics.suppression_break(data.load_air_attacks())
    assert brk.end == pd.Timestamp("2025-07-24")
    assert brk.start == pd.Timestamp("2024-09-02")
    assert "crosses that change" in brk.describe("2025-01-01", "2025-12-31")
    assert "does not cross" in brk.describe("2023-01-01", "2023-12-31")


def test_a_period_across_the_break_is_decomposed_on_each_side(raw_csv):
    brk = SuppressionBreak(pd.Timestamp("2024-09-02"), pd.Timestamp("2025-07-24"), pd.Series(dtype=float))
    shahed = raw_csv[(raw_csv["reporting_unit"] == "air_force") & (raw_csv["weapon_class"] == "shahed_drone")]
    year = shahed[(shahed["report_date"] >= "2025-01-01") & (shahed["report_date"] <= "2025-12-31")]
    before, after = year[year["report_date"] < "2025-07-24"], year[year["report_date"] >= "2025-07-24"]
    parts = metrics.reporting_periods(
        data.select(data.load_air_attacks(), "2025-01-01", "2025-12-31", "shahed_drone"), brk
    )
    assert [label.split(" (")[0] for label, _ in parts] == ["2025-01-01 to 2025-07-23", "2025-07-24 to 2025-12-31"]
    for (_, dec), rows in zip(parts, (before, after), strict=True):
        assert (dec.launched, dec.destroyed) == (rows["launched"].sum(), rows["destroyed"].sum())
    assert "each side" in metrics.describe_periods(parts)
    one_side = metrics.reporting_periods(data.select(data.load_air_attacks(), "2025-06-12", "2025-06-12"), brk)
    assert len(one_side) == 1 and metrics.describe_periods(one_side) == ""
    assert metrics.reporting_periods(year, SuppressionBreak(None, None, pd.Series(dtype=float))) == []


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
        metrics.largest_nights(mixed)
    apart = metrics.volumes(mixed, "month", by="reporting_unit")
    assert apart.loc["2025-01-01", "air_force"] == 40 and apart.loc["2025-01-01", "air_command_south"] == 5
    assert metrics.volumes(mixed, "month", by=None, combine_units=True)["launched"].tolist() == [45, 3]


def test_national_default_in_the_real_log(raw_csv):
    in_2025 = raw_csv[raw_csv["report_date"].dt.year == 2025]
    national = int(in_2025.loc[in_2025["reporting_unit"] == "air_force", "launched"].sum())
    south = int(in_2025.loc[in_2025["reporting_unit"] == "air_command_south", "launched"].sum())
    attacks = data.load_air_attacks()
    v = metrics.volumes(data.select(attacks, "2025-01-01", "2025-12-31"), "year", by=None)
    assert v["launched"].tolist() == [national]
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
    top = metrics.largest_nights(tie, 3)
    assert top["report_date"].tolist() == [pd.Timestamp(d) for d in ("2025-01-25", "2025-01-06", "2025-02-10")]
    assert top["launched"].tolist() == [20, 14, 14]
    assert top["models"].iloc[1] == "Shahed-136/131 (10), Kalibr (4)"


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
    assert key.largest["launched"] == 20
    # the week of 3 Feb is cut by end = 5 Feb: the last whole week is 27 Jan-2 Feb (0 against 20)
    assert key.change.name == pd.Timestamp("2025-01-27") and key.change["change"] == -20
    assert key.by_class.loc["shahed_drone", "share"] == pytest.approx(36 / 43)


def test_period_labels():
    assert metrics.period_label("2025-07-09", "day") == "2025-07-09"
    assert metrics.period_label("2025-07-07", "week") == "the week starting 2025-07-07"
    assert metrics.period_label("2025-07-01", "month") == "July 2025"
    assert metrics.period_label("2025-01-01", "year") == "2025"
