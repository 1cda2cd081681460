"""Notebooks 01 and 02: their parameter checks, and runs through papermill with other parameters, whose key
figures are compared with values computed here from the processed CSV with plain pandas."""

import pandas as pd
import papermill
import pytest
from notebook_runner import run

from uawar import config, params, taxonomy

NB01 = config.NOTEBOOKS_DIR / "01_air_attack_volumes.ipynb"
NB02 = config.NOTEBOOKS_DIR / "02_interception_rates.ipynb"


@pytest.fixture(scope="module")
def raw_csv():
    df = pd.read_csv(config.PROCESSED_DIR / "air_attacks.csv", keep_default_na=False, na_values=[""])
    df["report_date"] = pd.to_datetime(df["report_date"])
    return df


# --- parameter checks (fast: no kernel) --------------------------------------------------------


@pytest.mark.parametrize(
    ("notebook", "values", "name"),
    [
        ("air_attack_volumes", {"weapon_class": "hypersonic_glider"}, "weapon_class"),
        ("air_attack_volumes", {"start": "2025-06-01", "end": "2025-05-01"}, "end"),
        ("air_attack_volumes", {"start": "2021-01-01", "end": "2021-06-30"}, "start"),
        ("air_attack_volumes", {"freq": "fortnight"}, "freq"),
        ("interception_rates", {"launched": 63, "destroyed": 28, "jammed": 40}, "jammed"),
        ("interception_rates", {"launched": 63, "destroyed": 64, "jammed": 0}, "destroyed"),
        ("interception_rates", {"launched": 63, "destroyed": None, "jammed": None}, "destroyed"),
        ("interception_rates", {"model": "Shahed-999"}, "model"),
        ("interception_rates", {"launched": -1}, "launched"),
    ],
)
def test_invalid_parameters_are_named(notebook, values, name):
    with pytest.raises(params.ParameterError) as err:
        params.validate(notebook, **values)
    assert err.value.name == name and f"'{name}'" in str(err.value)


def test_28_and_40_jammed_of_63_says_what_is_allowed():
    allowed = r"'jammed' = 40 .*at most .* 35 .*28 destroyed and 40 jammed of 63"
    with pytest.raises(params.ParameterError, match=allowed):
        params.validate("interception_rates", launched=63, destroyed=28, jammed=40)


def test_a_period_without_data_names_the_data_range():
    # 2022-09-28 is in the log's range, but holds no national ballistic-missile report
    with pytest.raises(params.ParameterError, match=r"'start'.*covers 2022-09-28 to 2026-06-07"):
        params.validate("interception_rates", start="2022-09-28", end="2022-09-28", weapon_class="ballistic_missile")
    with pytest.raises(params.ParameterError, match=r"'start'.*from 2022-09-28 to 2026-06-07"):
        params.validate("air_attack_volumes", start="2021-01-01", end="2021-06-30")


def test_valid_parameters_pass():
    assert (
        params.validate("interception_rates", model="Kalibr", launched=None, destroyed=None, jammed=None)["model"]
        == "Kalibr"
    )
    assert params.validate("air_attack_volumes", freq="month", units="regional")["units"] == "regional"


def test_validate_from_reads_every_parameter_of_the_cell():
    # the globals of a notebook whose parameters cell set units and freq; other globals are ignored
    cell = {**params.spec("air_attack_volumes").defaults(), "freq": "month", "units": "regional", "data": object()}
    got = params.validate_from("air_attack_volumes", cell)
    assert (got["freq"], got["units"]) == ("month", "regional")
    del cell["units"]  # a parameter declared in uawar.params that the cell forgot
    with pytest.raises(params.ParameterError, match="'units'.*parameters` cell"):
        params.validate_from("air_attack_volumes", cell)


# --- notebooks through papermill ---------------------------------------------------------------


@pytest.mark.slow
def test_01_missiles_in_the_first_half_of_2024(tmp_path, raw_csv):
    rows = raw_csv[
        raw_csv["reporting_unit"].isin(["air_force", "general_staff", "commander_in_chief"])
        & raw_csv["report_date"].between("2024-01-01", "2024-06-30")
        & raw_csv["weapon_class"].isin(taxonomy.WEAPON_GROUPS["missiles"])
    ]
    day = rows.groupby("report_date")["launched"].sum()
    wave = rows.groupby("attack_id")["launched"].sum()
    text = run(NB01, tmp_path, start="2024-01-01", end="2024-06-30", freq="month", weapon_class="missiles")
    assert f"**{int(rows['launched'].sum()):,} launched** in {len(rows):,} report rows" in text
    assert f"largest report day: **{int(day.max()):,} launched** on {day.idxmax():%Y-%m-%d}" in text
    assert f"largest attack: **{int(wave.max()):,} launched** in one nationwide report" in text
    assert "**Coverage of the log.** Days with a nationwide report in the log (2024: " in text


@pytest.mark.slow
def test_02_the_night_of_2025_06_12(tmp_path):
    # no worked night, so that its 63/28/21 cannot stand in for the selection's
    text = run(
        NB02,
        tmp_path,
        start="2025-06-12",
        end="2025-06-12",
        weapon_class="shahed_drone",
        launched=None,
        destroyed=None,
        jammed=None,
    )
    assert "No night given" in text
    # one night is no month: no monthly rate is drawn from it
    assert "No monthly chart: the period (2025-06-12) holds no whole calendar month" in text
    for part in (
        "**63 launched**",
        "28 shot down: **44.4% (95 % Wilson interval 32.8% to 56.7%)",  # one attack: Wilson alone
        "21 suppressed: 33.3%",
        "**77.8% (95 % Wilson interval",
        "**14 unaccounted**",
        "does not cross",
    ):
        assert part in text


@pytest.mark.slow
def test_02_cruise_missiles_in_2024_and_another_night(tmp_path, raw_csv):
    rows = raw_csv[
        (raw_csv["reporting_unit"] == "air_force")
        & (raw_csv["weapon_class"] == "cruise_missile")
        & raw_csv["report_date"].between("2024-01-01", "2024-12-31")
    ]
    # blank is not zero: the rate is over the rows that state a shot-down figure
    stated = rows.dropna(subset=["launched", "destroyed"])
    launched, destroyed = int(stated["launched"].sum()), int(stated["destroyed"].sum())
    text = run(
        NB02,
        tmp_path,
        start="2024-01-01",
        end="2024-12-31",
        weapon_class="cruise_missile",
        launched=10,
        destroyed=5,
        jammed=5,
    )
    assert f"{destroyed:,} shot down: **{destroyed / launched:.1%}" in text
    assert f"{destroyed:,} of {launched:,}" in text
    # a night of Shahed-type drones is not shown in a report of cruise missiles
    assert "it is shown only in a report of that class" in text and "**0 unaccounted**" not in text


@pytest.mark.slow
def test_01_one_day_reported_by_the_general_staff_and_regional_tallies(tmp_path):
    # report date 2022-10-10: the General Staff's nationwide rows, 84 "X-101/X-555 and Kalibr" + 13 Shahed-136/131
    # + 11 Unknown UAV = 108, with no Air Force row that day (raw log, read by hand)
    text = run(NB01, tmp_path, start="2022-10-10", end="2022-10-10", freq="day")
    assert "**108 launched** in 3 report rows on 1 of the 1 days" in text
    assert "No report in this selection states how many of the launched were Shahed-type strike drones" in text
    regional = run(NB01, tmp_path, start="2025-06-01", end="2025-06-30", freq="day", units="regional")
    assert "Reports of **regional** units (regional air commands' shoot-down tallies" in regional


@pytest.mark.slow
def test_02_after_the_merge_the_neutralised_rate_is_not_measurable(tmp_path):
    # by hand (tests/test_interception.py): 162 nationwide Shahed rows of 2025-07-24..12-31, 26,845 launched, 22,341
    # shot down; only the reports of 2025-10-22 (405 launched) and 2025-12-27 (519) state a suppressed figure
    text = run(NB02, tmp_path, start="2025-07-24", end="2025-12-31")
    assert "stated in 2 of 162 report rows, 924 of 26,845 launched" in text
    assert "**not measurable in this period**" in text and "90.8" not in text
    assert "22,341 shot down: **83.2% (95 % CI over 162 attacks" in text
    assert "merged: shot down or suppressed, the posts' one figure for Shahed-type drones from 2025-07-24" in text


@pytest.mark.slow
def test_02_the_missiles_report_has_no_drone_night_and_no_drone_caveat(tmp_path, raw_csv):
    # missiles in 2025, with the default (Shahed-type) night parameters
    rows = raw_csv[
        raw_csv["attack_id"].notna()
        & raw_csv["report_date"].between("2025-01-01", "2025-12-31")
        & raw_csv["weapon_class"].isin(taxonomy.WEAPON_GROUPS["missiles"])
    ]
    stated = rows.dropna(subset=["destroyed"])
    text = run(NB02, tmp_path, weapon_class="missiles", start="2025-01-01", end="2025-12-31")
    for absent in ("the night of 2025-06-11/12", "63 launched", "**Decoys.**", "suppressed Shahed-type drones"):
        assert absent not in text
    assert "suppressed missiles separately in" in text and "never regularly" in text
    # blank is not zero: the shot-down rate is over the rows that state a figure, with its coverage
    assert f"{int(stated['destroyed'].sum()):,} of {int(stated['launched'].sum()):,}** launched (kinetic rate" in text
    assert f"stated in {len(stated):,} of {len(rows):,} report rows" in text
    assert "**Intervals.** The rates of missiles come with a 95 % interval over attacks" in text


@pytest.mark.slow
def test_02_summer_2024_gives_the_suppressed_figures_the_reports_stated(tmp_path):
    # the 12 reports of 2024-07-10..08-31 that state suppression: 90 suppressed of their 406 launched, of the
    # 1,215 launched in the 47 nationwide Shahed rows of July-August (tests/test_interception.py lists them)
    text = run(NB02, tmp_path, start="2024-07-01", end="2024-08-31")
    assert "those rows give 90 suppressed" in text and "of their 406 launched" in text
    assert "stated in 12 of 47 report rows, 406 of 1,215 launched" in text
    assert "Whole calendar months only: July 2024 to August 2024 (2 months)." in text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "parameters", "name"),
    [
        (NB01, {"weapon_class": "hypersonic_glider"}, "weapon_class"),
        (NB02, {"start": "2025-06-01", "end": "2025-05-01"}, "end"),
        (NB01, {"start": "2021-01-01", "end": "2021-06-30"}, "start"),
        (NB02, {"launched": 63, "destroyed": 28, "jammed": 40}, "jammed"),
    ],
    ids=["unknown-class", "end-before-start", "outside-data", "28-40-of-63"],
)
def test_invalid_parameters_stop_the_notebook(tmp_path, path, parameters, name):
    with pytest.raises(papermill.PapermillExecutionError) as err:
        run(path, tmp_path, **parameters)
    assert err.value.ename == "ParameterError"
    assert "ParameterError" in str(err.value) and f"'{name}'" in str(err.value)
