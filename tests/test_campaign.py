"""Notebook 07's analysis (uawar.campaign). The real values are worked by hand from the raw export with plain
pandas (nationwide posts: rows citing kpszsu, GeneralStaff or CinCAFU, grouped by report date and post), plus the
one post of 2025 the build reads as nationwide by content: the night ending 2025-10-01, cited to the southern
command (49 Shahed-type + 4 Iskander-M/KN-23 + 1 P-800 Oniks = 54 launched)."""

import pandas as pd
import pytest
from notebook_runner import run

from uawar import campaign, config, data, params

NB07 = config.NOTEBOOKS_DIR / "07_campaign_shape.ipynb"


@pytest.fixture(scope="module")
def attacks():
    return campaign.period(data.load_attacks(), "2024-01-01", "2026-05-31")


def _attacks(launched, starts=None, days=None):
    n = len(launched)
    days = days or ["2025-01-02"] * n
    return campaign.period(
        pd.DataFrame(
            {
                "attack_id": [f"{d}-{i}" for i, d in enumerate(days, 1)],
                "report_date": pd.to_datetime(days),
                "time_start": starts or ["2025-01-01 18:00"] * n,
                "time_end": ["2025-01-02 08:00"] * n,
                "launched": pd.array(launched, dtype="Int64"),
            }
        ),
        "2025-01-01",
        "2025-12-31",
    )


def test_salvos_and_the_largest_tenth_of_2025(attacks):
    # raw 2024-01-01..2026-05-31: 69 posts of at least 300 launched, 34,140 launched between them
    by_month = campaign.sizes_by_month(attacks, 300)
    assert (int(by_month["salvos"].sum()), int(by_month["launched in salvos"].sum())) == (69, 34140)
    # raw 2025: 374 posts + the 2025-10-01 post = 375 attacks, 56,479 + 54 = 56,533 launched; the largest
    # ceil(37.5) = 38 carried 19,984
    year = campaign.top_share(attacks, "year").loc["2025"]
    assert (year["attacks"], year["launched"], year["largest attacks"], year["launched by them"]) == (
        375,
        56533,
        38,
        19984,
    )
    assert year["share"] == pytest.approx(19984 / 56533)


def test_daylight_attacks(attacks):
    # raw: 21 posts whose window starts 06:00-16:59 on the report date, among them the day attack of 2026-03-24
    day = campaign.daylight(attacks)
    assert int(day.fillna(False).sum()) == 21
    assert "2026-03-24-2" in set(attacks.loc[day.fillna(False), "attack_id"])
    assert campaign.daylight_by_month(attacks).loc["2026-05", "in daylight"] == 3  # 05-01, 05-13, 05-20


def test_a_window_without_a_time_is_not_counted_as_night():
    small = _attacks([10, 20, 30], starts=["2025-01-02", "2025-01-02 09:00", "2025-01-01 22:00"])
    day = campaign.daylight(small)
    assert day.isna().tolist() == [True, False, False] and day.iloc[1:].tolist() == [True, False]
    month = campaign.daylight_by_month(small).loc["2025-01"]
    assert (month["timed"], month["in daylight"], month["share in daylight"]) == (2, 1, 0.5)


def test_the_largest_tenth_rounds_up():
    small = _attacks([100, 5, 5, 5, 5, 5, 5, 5, 5, 5, 50])  # 11 attacks: ceil(1.1) = 2 largest, 150 of 195
    row = campaign.top_share(small, "year").loc["2025"]
    assert (row["largest attacks"], row["launched by them"], row["launched"]) == (2, 150, 195)


def test_ballistic_interception_by_month():
    air = data.load_air_attacks()
    monthly = campaign.class_monthly(air, "ballistic_missile", "2024-01-01", "2026-05-31")
    # raw 2025-10: Iskander-M, Iskander-M/KN-23 and X-47 Kinzhal rows of nationwide posts: 97 launched, 17 shot
    # down, + the 2025-10-01 post's 4 Iskander-M/KN-23 (none shot down) = 101
    october = monthly.loc["2025-10-01"]
    assert (october["launched"], october["destroyed"]) == (101, 17)
    assert october["kinetic_rate"] == pytest.approx(17 / 101)
    assert not october["few"] and monthly.loc["2026-03-01", "few"]  # raw 2026-03: 6 launched
    table = campaign.class_table(monthly)
    assert table.loc["2026-03", "note"] == "few launched: not a rate to trust"


def test_parameters():
    with pytest.raises(params.ParameterError, match="'salvo'"):
        params.validate("campaign_shape", salvo=0)
    with pytest.raises(params.ParameterError, match="'end'"):
        params.validate("campaign_shape", start="2025-06-01", end="2025-05-01")


@pytest.mark.slow
def test_07_key_figures(tmp_path):
    text = run(NB07, tmp_path, start="2025-01-01", end="2025-12-31")
    assert "**375 nationwide attacks** with 56,533 launched" in text
    assert "the largest 10 % of the attacks (38) carried 19,984 (**35.3%**)" in text


def test_per_model_table_of_2025():
    # raw 2025: 60 nationwide Iskander-M/KN-23 rows, 283 launched, 70 shot down, + the 2025-10-01 post's row of 4
    # (none shot down): 61 rows, 287 launched
    table = campaign.model_table(data.load_air_attacks(), "2025-01-01", "2025-12-31")
    row = table.loc["Iskander-M/KN-23"]
    assert (row["launched"], row["shot down"], row["shot down, as reported"]) == (287, 70, "24.4%")
    assert row["coverage"] == "61 of 61 rows, 287 of 287 launched"
    assert (table["launched"] >= campaign.FEW).all()
