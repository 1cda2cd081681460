"""The site's pages without a browser: the front page's findings against sums worked out here from the
processed table, sweeps as grids, the search index, the rerun commands."""

import json

import pandas as pd
import pytest

from uawar import config, data
from uawar.site import findings, pages


def test_the_latest_whole_month_and_its_figures():
    attacks = data.load_air_attacks()
    # the attack log's last report is dated 2026-06-07: June is not whole, so May 2026
    assert attacks["report_date"].max() == pd.Timestamp("2026-06-07")
    assert str(findings.latest_whole_month(attacks)) == "2026-05"
    assert str(findings.latest_whole_month(attacks[attacks["report_date"] <= "2026-05-31"])) == "2026-05"
    # by hand from the processed table: May 2026's rows of the national Air Force (61 rows; no other
    # nationwide body reported that month), all classes, then the Shahed-type rows
    raw = pd.read_csv(config.DATA_DIR / "processed" / "air_attacks.csv", parse_dates=["report_date"])
    may = raw[raw["report_date"].between("2026-05-01", "2026-05-31") & (raw["reporting_unit"] == "air_force")]
    shahed = may[may["weapon_class"] == "shahed_drone"]
    launched, shot, every = int(shahed["launched"].sum()), int(shahed["destroyed"].sum()), int(may["launched"].sum())
    f = findings.month_finding(attacks)
    assert (f.start, f.end, f.notebook) == ("2026-05-01", "2026-05-31", "interception_rates")
    assert f"{every:,} drones and missiles launched" in f.text
    assert f"{shot / launched:.1%}" in f.text and f"{shot:,} of {launched:,}" in f.text
    assert f.claimant == "Air Force of the Armed Forces of Ukraine"
    # the rate names its definition (May 2026 lies after the merge of 2025-07-24) and its interval over the 35
    # attacks of the month, with Wilson's beside it
    assert "merged: shot down or suppressed, the posts' one figure for Shahed-type drones from 2025-07-24" in f.text
    assert "95 % CI over 35 attacks" in f.text and "Wilson, each weapon an independent trial" in f.text
    assert shahed["attack_id"].nunique() == 35


def test_the_largest_attack_and_the_largest_report_day():
    # From the processed table with plain pandas: the nationwide post with the most launched is the Air Force's
    # of 2025-09-06 17:00 to 2025-09-07 09:30 (823); the report day with the most is 2026-03-24, a night attack
    # (424) and a daytime one (556): 980
    f = findings.largest_attack(data.load_air_attacks())
    assert f.heading == "The largest attack" and f.date == "2025-09-07"
    assert f.text.startswith(
        "The largest attack: 823 launched in one nationwide report, window 2025-09-06 17:00 to 2025-09-07 09:30"
    )
    assert "The largest report day, 2026-03-24, holds 2 attacks: 980 launched." in f.text
    assert "largest night" not in f.text


def record(name: str, start: str, end: str, **given: str) -> dict:
    return {
        "name": name,
        "notebook": "interception_rates",
        "title": "Interception rates",
        "path": "02_interception_rates.ipynb",
        "params": {"start": start, "end": end, "weapon_class": "shahed_drone", **given},
        "given": ["start", "end", *given],
        "status": "ok",
        "has_html": True,
        "has_thumb": True,
    }


def test_sweeps_become_grids_and_neighbours():
    records = [
        record("ir--2025-12", "2025-12-01", "2025-12-31"),
        record("ir--2026-01", "2026-01-01", "2026-01-31"),
        record("ir--2026-02", "2026-02-01", "2026-02-28"),
        record("ir--2025-12--weapon_class-missiles", "2025-12-01", "2025-12-31", weapon_class="missiles"),
        record("ir--2025", "2025-01-01", "2025-12-31"),
    ]
    group = pages.organise(records)["interception_rates"]
    (sweep,) = group["sweeps"]  # the missiles month and the year stand alone
    assert [r["name"] for r in sweep.members] == ["ir--2025-12", "ir--2026-01", "ir--2026-02"]
    grid = sweep.grid()
    assert [year for year, _ in grid] == ["2025", "2026"]
    assert [c and c["period"] for c in grid[0][1]] == [None] * 11 + ["2025-12"]
    assert [c and c["period"] for c in grid[1][1][:3]] == ["2026-01", "2026-02", None]
    assert sorted(r["name"] for r in group["singles"]) == ["ir--2025", "ir--2025-12--weapon_class-missiles"]
    nav = pages.nav_html(sweep.members[1], group, group["sweeps"], pages._environment())
    assert 'rel="prev" href="ir--2025-12.html"' in nav and 'rel="next" href="ir--2026-02.html"' in nav


def test_the_search_index_is_a_script_that_cannot_close_itself():
    rec = record("r", "2025-06-01", "2025-06-30")
    script = pages.search_index([rec], {"r": "Kinzhal </script><script>alert(1)</script>"}).decode()
    assert script.startswith("window.UAWAR_SEARCH = ") and "</script>" not in script and "<" not in script
    docs = json.loads(script.removeprefix("window.UAWAR_SEARCH = ").rstrip(";\n"))
    assert docs[0]["text"] == "Kinzhal </script><script>alert(1)</script>"


@pytest.mark.parametrize(
    ("params", "given", "uawar", "papermill_part"),
    [
        (
            {"start": "2025-06-01", "end": "2025-06-30", "model": None},
            ["start", "end"],
            "uawar render interception_rates -p start 2025-06-01 -p end 2025-06-30",
            "-p model None",
        ),
        (
            {"as_of": "2025-06-12", "claims": ["1", "2a"]},
            ["claims"],
            "uawar render interception_rates -p claims 1,2a",
            """-y '{"claims": ["1", "2a"]}'""",
        ),
    ],
)
def test_rerun_commands(params, given, uawar, papermill_part):
    commands = pages.rerun_commands("interception_rates", "02_interception_rates.ipynb", params, given)
    assert commands["uawar"] == uawar
    assert commands["papermill"].startswith("papermill notebooks/02_interception_rates.ipynb ")
    assert papermill_part in commands["papermill"]
