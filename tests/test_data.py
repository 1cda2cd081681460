"""Loading the committed tables with the right dtypes, and selecting from them."""

import csv
import os

import pandas as pd
import pytest

from uawar import config, data


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
        "recon_drone",
        "unknown_drone",
        "mixed_drones",
    }
    kalibr = data.select(attacks, model="Kalibr", units="all")
    assert len(kalibr) == sum(r["model"] == "Kalibr" for r in raw_rows)


def test_unknown_weapon_class_is_an_error(attacks):
    with pytest.raises(ValueError, match="weapon_class.*allowed"):
        data.select(attacks, weapon_class="death_star")


def test_data_version_names_each_table():
    assert set(data.data_version()) == {"air_attacks", "personnel_losses", "claims"}


def test_a_rebuilt_table_is_read_again(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(config.CLAIMS_CSV.read_bytes())
    first = data.load_claims(path)
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:-1]))  # the registry loses its last row
    os.utime(path, ns=(1, 1))  # a modification time that differs whatever the clock's resolution
    assert len(data.load_claims(path)) == len(first) - 1
