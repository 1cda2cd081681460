"""Sweeps that follow the data's reach, and the sentence that says how far the data reaches."""

import datetime as dt

import pytest
from test_render import NAME, _use_fixture_site, run

from uawar import data, errors, notebook, params
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
    with pytest.raises(errors.RenderError, match="first and last"):
        catalogue._periods("months", "2025-01", "latest")


# --- how far the data reaches -------------------------------------------------------------------

# By hand from the shared raw files: the attack log's first line is the report ending 2026-06-07 08:30; the
# loss series' last record is of 2026-08-08. 2026-06-07 + 60 days = 2026-08-06.
STALE = "The data ends more than 60 days before this page was rendered"


def test_the_sentence_appears_after_sixty_days():
    assert notebook.stale_sentence(dt.date(2026, 8, 6)) == ""
    assert notebook.stale_sentence(dt.date(2026, 8, 7)) == f"{STALE}: the attack log ends on 2026-06-07."
    assert notebook.stale_sentence(dt.date(2026, 11, 25)) == (
        f"{STALE}: the attack log ends on 2026-06-07 and the General Staff's loss series ends on 2026-08-08."
    )


def test_today_is_injectable(monkeypatch):
    monkeypatch.setenv("UAWAR_TODAY", "2026-07-01")
    assert notebook.today() == dt.date(2026, 7, 1) and notebook.stale_sentence() == ""
    monkeypatch.setenv("UAWAR_TODAY", "2026-11-25")
    assert notebook.stale_sentence().startswith(STALE)


def test_the_reach_names_the_last_dates_and_exports():
    text = notebook.reach_text()
    assert "the attack log runs from 2022-09-28 to 2026-06-07" in text
    assert "commit 6596cdb, 2026-06-13" in text and "sha256 7d594ff66c8c" in text
    assert "loss series runs from 2022-02-25 to 2026-08-08" in text and "commit 37655f8" in text
    assert "the attack log runs from 2022-09-28 to 2026-06-07" in notebook.footer({"start": "2025-01-01"}).data


@pytest.mark.slow
def test_a_page_and_the_index_say_how_far_the_data_reaches(tmp_path, monkeypatch):
    site = _use_fixture_site(tmp_path, monkeypatch)
    try:
        out = site / "out"
        monkeypatch.setenv("UAWAR_TODAY", "2026-11-25")
        assert run(out, NAME) == 0
        page = (out / f"{NAME}.html").read_text()
        assert STALE in page
        assert page.index(STALE) < page.index("A small real notebook")  # below the title, above the question
        index = (out / "index.html").read_text()
        assert STALE in index and "the attack log runs from 2022-09-28 to 2026-06-07" in index
        monkeypatch.setenv("UAWAR_TODAY", "2026-07-01")  # within 60 days: the page is rendered again, without it
        assert run(out, NAME) == 0
        assert STALE not in (out / f"{NAME}.html").read_text() and STALE not in (out / "index.html").read_text()
    finally:
        params.REGISTRY.pop(NAME, None)
