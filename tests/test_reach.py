"""Sweeps that follow the data's reach, and the sentence that says how far the data reaches."""

import datetime as dt

import pytest

from uawar import data
from uawar.site import catalogue


def test_the_catalogue_covers_2026_as_far_as_the_data_reaches():
    # The attack log's last report is 2026-06-07: May 2026 is its last whole month, 2025 its last whole year.
    names = {r.name for r in catalogue.select([], all_=True)}
    assert {f"interception_rates--2026-{m:02d}" for m in range(1, 6)} <= names
    assert "interception_rates--2026-06" not in names
    assert {f"air_attack_volumes--{y}--freq-month" for y in (2023, 2024, 2025)} <= names
    assert "air_attack_volumes--2022--freq-month" not in names and "air_attack_volumes--2026--freq-month" not in names


@pytest.mark.parametrize(
    ("last_date", "last_month"),
    [("2026-06-07", "2026-05"), ("2026-05-31", "2026-05"), ("2026-06-30", "2026-06"), ("2026-01-01", "2025-12")],
)
def test_last_is_the_last_whole_month(monkeypatch, last_date, last_month):
    monkeypatch.setattr(
        data, "coverage", lambda table="air_attacks": (dt.date(2022, 9, 28), dt.date.fromisoformat(last_date))
    )
    months = catalogue._periods("months", "2025-11", "last")
    assert months[-1]["start"][:7] == last_month
    assert catalogue._periods("months", "first", "2022-10")[0]["start"] == "2022-10-01"  # 2022-09 is not whole


def test_a_range_word_other_than_first_and_last_is_refused():
    with pytest.raises(catalogue.RenderError, match="first and last"):
        catalogue._periods("months", "2025-01", "latest")
