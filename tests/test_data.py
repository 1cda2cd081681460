"""Loading the committed tables with the right dtypes, and selecting from them."""

import csv
import os

import pandas as pd
import pytest

from uawar import config, data, ingest, volumes
from uawar.taxonomy import NATIONWIDE_OVERRIDES


@pytest.fixture(scope="module")
def attacks():
    return data.load_air_attacks()


@pytest.fixture(scope="module")
def raw_rows():
    with open(config.PROCESSED_DIR / "air_attacks.csv", newline="") as f:
        return list(csv.DictReader(f))


def test_dtypes(attacks):
    assert pd.api.types.is_datetime64_any_dtype(attacks["report_date"])
    for col in ("launched", "destroyed", "suppressed", "still_attacking", "crossed_border"):
        assert str(attacks[col].dtype) == "Int64", col
    assert attacks["suppressed"].isna().any()  # blanks stay missing, never 0
    personnel = data.load_personnel()
    assert pd.api.types.is_datetime64_any_dtype(personnel["date"])
    assert str(personnel["cumulative"].dtype) == "Int64"
    claims = data.load_claims()
    assert claims["claim_id"].is_unique and claims["claimant"].notna().all()


def test_loaders_return_copies(attacks):
    attacks.loc[attacks.index[0], "launched"] = 10**6
    assert data.load_air_attacks()["launched"].max() < 10**6


def test_select_by_period_class_and_unit(attacks, raw_rows):
    june = data.select(attacks, "2025-06-01", "2025-06-30", weapon_class="shahed_drone")
    expected = sum(
        int(r["launched"])
        for r in raw_rows
        if "2025-06-01" <= r["report_date"] <= "2025-06-30"
        and r["weapon_class"] == "shahed_drone"
        and r["reporting_unit"] == "air_force"
    )
    assert june["launched"].sum() == expected > 0
    regional = data.select(attacks, "2025-06-01", "2025-06-30", units="regional")
    assert set(regional["reporting_unit"]) <= {
        "air_command_south",
        "air_command_east",
        "air_command_west",
        "air_command_center",
        "air_command_north",
    }
    assert len(data.select(attacks, units="all")) == len(raw_rows)
    assert len(data.select(attacks, units="air_command_south")) == sum(
        r["reporting_unit"] == "air_command_south" for r in raw_rows
    )


def test_select_by_group_and_model(attacks, raw_rows):
    drones = data.select(attacks, weapon_class="drones", units="all")
    assert set(drones["weapon_class"]) <= {
        "shahed_drone",
        "strike_drone",
        "armed_drone",
        "recon_drone",
        "unknown_drone",
        "mixed_drones",
    }
    # Unknown Missile: 26 rows, 90 launched, now in the missiles group; Aerial Bomb (16) in no group, still in all
    missiles = data.select(attacks, weapon_class="missiles", units="all")
    assert missiles.loc[missiles["model"] == "Unknown Missile", "launched"].agg(["size", "sum"]).tolist() == [26, 90]
    everything = data.select(attacks, units="all")
    assert everything.loc[everything["model"] == "Aerial Bomb", "launched"].sum() == 16
    kalibr = data.select(attacks, model="Kalibr", units="all")
    assert len(kalibr) == sum(r["model"] == "Kalibr" for r in raw_rows)


def test_unknown_weapon_class_is_an_error(attacks):
    with pytest.raises(ValueError, match="weapon_class.*allowed"):
        data.select(attacks, weapon_class="death_star")


def test_data_version_names_each_table():
    assert set(data.data_version()) == {"air_attacks", "attacks", "coverage", "personnel_losses", "claims"}


def test_a_rebuilt_table_is_read_again(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(config.CLAIMS_CSV.read_bytes())
    first = data.load_claims(path)
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:-1]))  # the registry loses its last row
    os.utime(path, ns=(1, 1))  # a modification time that differs whatever the clock's resolution
    assert len(data.load_claims(path)) == len(first) - 1


# --- nationwide reports: the Air Force, the General Staff, the Commander-in-Chief --------------------------


@pytest.mark.parametrize(
    "day, launched, rows",
    [
        # GeneralStaff.ua, 06:00-14:00: 84 and Kalibr + 11 Unknown UAV + 13 Shahed-136/131
        ("2022-10-10", 84 + 11 + 13, 3),
        # CinCAFU 21:50-12:00 (43, 7 Shahed, 28 Kalibr, 35 C-300) and the Air Force's separate
        # 18:00-23:55 row of 20 Shaheds: windows do not overlap, both count
        ("2023-02-10", 43 + 7 + 28 + 35 + 20, 5),
        # CinCAFU 01:40-03:45: X-59 1, X-31 1, X-22 12, X-101/X-555 12, P-800 Oniks 1, Kalibr 8
        ("2023-02-16", 1 + 1 + 12 + 12 + 1 + 8, 6),
        # GeneralStaff.ua: 81 missiles (X-59 6, Kinzhal 6, X-31P 2, X-22 6, X-101/X-555 28, Kalibr 20, C-300 13)
        # and 8 Shaheds
        ("2023-03-09", 6 + 6 + 2 + 6 + 28 + 20 + 13 + 8, 8),
        # GeneralStaff.ua 20:00-09:00: 57 Shaheds (the regional rows of Air Command South stay apart)
        ("2025-07-20", 57, 1),
        # Cited to PvKPivden, 2025-09-30 20:30 to 2025-10-01 09:30, target "Ukraine": 49 Shahed-type (44 shot
        # down), 4 Iskander-M/KN-23, 1 P-800 Oniks; the Molniya tally of the same day (1/1) stays regional
        ("2025-10-01", 49 + 4 + 1, 3),
    ],
)
def test_nationwide_reports_of_every_body_are_selected(attacks, day, launched, rows):
    sel = data.select(attacks, day, day)
    assert (int(sel["launched"].sum()), len(sel)) == (launched, rows)


def _overlap_frame(rows):
    df = pd.DataFrame(rows, columns=["reporting_unit", "model", "time_start", "time_end", "launched"])
    df["report_date"] = pd.to_datetime(df["time_end"].str[:10])
    df["weapon_class"] = "shahed_drone"
    return df


def test_overlapping_nationwide_reports_count_once_preferring_the_air_force():
    df = _overlap_frame(
        [
            ("air_force", "Shahed-136/131", "2023-02-09 22:00", "2023-02-10 08:00", 20),
            ("general_staff", "Shahed-136/131", "2023-02-10 06:00", "2023-02-10 12:00", 22),  # overlaps: dropped
            ("general_staff", "Kalibr", "2023-02-10 06:00", "2023-02-10 12:00", 5),  # another model: kept
            ("commander_in_chief", "Shahed-136/131", "2023-02-10 18:00", "2023-02-10 23:55", 7),  # later: kept
            ("commander_in_chief", "Kalibr", "2023-02-10", "2023-02-10", 5),  # a whole day overlaps the GS row
            ("air_command_south", "Shahed-136/131", "2023-02-10", "2023-02-10", 9),  # regional: never dropped here
        ]
    )
    assert data.nationwide_overlaps(df).tolist() == [False, True, False, False, True, False]
    assert int(data.select(df, units="national")["launched"].sum()) == 20 + 5 + 7
    assert "prefer" not in data.OVERLAP_RULE or "Air Force" in data.OVERLAP_RULE
    assert "counted once, from the Air Force" in data.OVERLAP_RULE


def test_regional_rows_are_shoot_down_tallies(attacks):
    # In the raw log, regional commands' drone rows (PvKPivden, pvkshid, PvkZahid, PvkCenter) with both
    # figures: launched equals destroyed in 1,293 of 1,298 (counted from the raw file; the 5 others: 2026-02-25
    # Unknown UAV 27/26, 2025-10-01 Shahed 49/44, 2024-06-13 ZALA 1/0, 2024-06-01 Reconnaissance UAV 1/0,
    # 2023-11-06 Orlan-10 1/0). The 2025-10-01 Shahed row is the Air Force's nationwide report (its content),
    # so it is not a regional row: 1,293 of 1,297.
    assert volumes.regional_tallies(attacks) == (1_293, 1_297)
    assert "shoot-down tallies" in data.REGIONAL_LABEL


def test_the_wave_cited_to_the_southern_command_is_nationwide_by_content(attacks):
    rows = data.select(attacks, "2025-10-01", "2025-10-01")
    assert set(rows["reporting_unit"]) == {"air_force"}
    assert rows["source_ref"].str.startswith("PvKPivden/").all()
    assert rows["quality_flags"].str.contains("cited_to_another_account").all()
    assert rows["attack_id"].nunique() == 1
    # October 2025 missiles, from the raw file: 265 in the Air Force's own posts + 4 Iskander-M/KN-23 + 1 P-800
    # Oniks of the wave = 270
    october = data.select(attacks, "2025-10-01", "2025-10-31", weapon_class="missiles")
    assert int(october["launched"].sum()) == 270


def test_content_decides_and_an_override_decides_what_content_cannot():
    df = pd.DataFrame(
        {
            "report_date": pd.to_datetime(["2025-01-02"] * 5 + ["2024-08-31"]),
            "model": ["Shahed-136/131", "Kalibr", "Shahed-136/131", "X-59", "Orlan-10", "Iskander-M"],
            "launched": pd.array([10, 2, 5, 1, 1, 1], dtype="Int64"),
            "destroyed": pd.array([8, 2, 5, 1, 1, 0], dtype="Int64"),
            "reporting_unit": ["air_command_south"] * 2 + ["air_command_east"] * 2 + ["other", "air_command_south"],
            "source_ref": ["PvKPivden/posts/a"] * 2
            + ["pvkshid/posts/b"] * 2
            + ["watch/c", NATIONWIDE_OVERRIDES[0].source_ref],
        }
    )
    # a: two models, one at the whole country, a launch count -> nationwide; b: tallies -> regional; c: one
    # model -> its account; the last: the override's post and date
    target = pd.Series(["Ukraine", "", "Ukraine", "Kherson oblast", "Ukraine", "Ukraine"])
    units, cited = ingest.reporting_bodies(df, target)
    assert units.tolist() == ["air_force", "air_force", "air_command_east", "air_command_east", "other", "air_force"]
    assert cited.tolist() == [True, True, False, False, False, True]


def test_guided_bombs_are_in_no_drone_or_missile_total(attacks):
    # The catalogue files GBU under "guided bomb"; nationwide GBU rows of the raw file: 10 launched in 2023, 3 in
    # 2024 (counted by hand). They are the bombs group, and in neither the drones nor the missiles.
    for year, launched in (("2023", 10), ("2024", 3)):
        bombs = data.select(attacks, f"{year}-01-01", f"{year}-12-31", weapon_class="bombs")
        assert (set(bombs["model"]), int(bombs["launched"].sum())) == ({"GBU"}, launched)
    drones_and_missiles = data.select(attacks, weapon_class=["drones", "missiles"])
    assert not drones_and_missiles["weapon_class"].isin(["guided_bomb", "aerial_bomb"]).any()


def test_the_attacks_and_coverage_tables():
    waves = data.load_attacks()
    # 2026-03-24, from the raw rows: the night post (23 March 18:00 to 24 March 09:00; 392 Shahed-type, 2,
    # 5 Iskander-K, 7 C-400 and Iskander-M, 18 in a salvo 04:30-05:30) and the daytime post (556)
    day = waves[waves["report_date"] == "2026-03-24"]
    assert day[["time_start", "time_end", "launched", "shahed_launched", "missiles_launched"]].values.tolist() == [
        ["2026-03-23 18:00", "2026-03-24 09:00", 424, 392, 32],
        ["2026-03-24 09:00", "2026-03-24 18:00", 556, 556, 0],
    ]
    assert "windows_differ" in day["quality_flags"].iloc[0]
    oct1 = waves[waves["report_date"] == "2025-10-01"].iloc[0]
    assert (oct1["shahed_launched"], oct1["shahed_destroyed"], oct1["missiles_launched"]) == (49, 44, 5)
    assert "cited_to_another_account" in oct1["quality_flags"]
    # report days with a nationwide report, per year (DESIGN.md's domain notes, counted from the raw file)
    cov = data.load_coverage()
    by_year = cov.groupby(cov["month"].str[:4])["report_days"].sum().to_dict()
    assert by_year == {"2022": 43, "2023": 209, "2024": 283, "2025": 359, "2026": 156}
