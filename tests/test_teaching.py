"""The teaching edition (issue 13): the exercises' checks accept the right answers, reject each typical wrong
one with its own hint, and fail an unanswered exercise; the student notebooks run top to bottom, the
solution notebooks pass every check.

The answers here are worked out with pandas from the processed tables (the rows named in each comment),
not with the uawar functions the checks compare against."""

from __future__ import annotations

import copy
import csv
import multiprocessing
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from test_i18n import allowed_names, english_runs

from uawar import cli, config, data, exercises, params
from uawar.site import teaching
from uawar.site.execute import execute

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SOURCES = {p.name[:2]: p for p in teaching.sources()}
UNANSWERED = "Not answered yet"


@pytest.fixture(scope="module")
def assigned() -> dict[str, teaching.Assigned]:
    """Both editions of each notebook and its autograder archive, made by otter assign."""
    return {key: teaching.assign(path) for key, path in SOURCES.items()}


@pytest.fixture(scope="module")
def student(assigned: dict[str, teaching.Assigned]) -> dict[str, nbformat.NotebookNode]:
    """The student edition of each notebook (its public checks live in its metadata)."""
    return {key: a.student for key, a in assigned.items()}


@pytest.fixture(scope="module")
def graded(assigned: dict[str, teaching.Assigned]) -> dict[str, nbformat.NotebookNode]:
    """The solutions edition of each notebook: its metadata holds every check, the hidden ones included."""
    return {key: a.solutions for key, a in assigned.items()}


@pytest.fixture(scope="module")
def tables() -> dict[str, Any]:
    return {"attacks": data.load_air_attacks(), "registry": data.load_claims(), "personnel": data.load_personnel()}


def _year(attacks: pd.DataFrame, year: int, **kw: Any) -> pd.DataFrame:
    return data.select(attacks, start=f"{year}-01-01", end=f"{year}-12-31", **kw)


def _answers_06(a: pd.DataFrame) -> tuple[dict[str, Any], dict[str, dict[str, Any]], dict]:
    national, table = data.select(a), pd.read_csv(config.PROCESSED_DIR / "attacks.csv", parse_dates=["report_date"])
    env = {"air": a, "table": table, "rows": national[national["attack_id"] == "2025-09-07-1"]}
    second = national[national["attack_id"] == "2026-05-03-2"]
    day = national[national["report_date"] == "2026-05-03"]
    rows = env["rows"]
    stating = rows[rows["hit_locations"].notna()]
    window = table[table["report_date"].between("2026-02-22", "2026-03-23")]  # the 30 days before 2026-03-24
    me = table.loc[table["attack_id"] == "2026-03-24-1", "launched"].iloc[0]
    attack = national[national["attack_id"] == "2025-10-30-1"]
    sh = attack[(attack["weapon_class"] == "shahed_drone") & attack["real_shaheds"].notna()]
    decoys = sh["launched"].sum() - sh["real_shaheds"].sum()
    right = {
        "q1": {"q1_rows": len(second), "q1_launched": second["launched"].sum()},
        "q2": {
            "q2_hit": stating["hit_locations"].sum(),
            "q2_coverage": stating["launched"].sum() / rows["launched"].sum(),
        },
        "q3": {"q3_attacks": len(window), "q3_rank": int((window["launched"] > me).sum()) + 1},
        "q4": {"q4_decoys": decoys, "q4_share": decoys / sh["launched"].sum()},
    }
    wrong = {
        ("q1", "the report day"): ({"q1_launched": day["launched"].sum()}, "whole report day"),
        ("q1", "the day's rows"): ({"q1_rows": len(day)}, "rows of the whole report day"),
        ("q2", "share of rows"): ({"q2_coverage": rows["hit_locations"].notna().mean()}, "share of rows"),
        ("q2", "blank as 0"): ({"q2_coverage": 1.0}, "stated 0"),
        ("q3", "its own report date"): (
            {"q3_attacks": int(table["report_date"].between("2026-02-22", "2026-03-24").sum()) - 1},
            "own report date",
        ),
        ("q3", "29 days"): (
            {"q3_attacks": int(table["report_date"].between("2026-02-23", "2026-03-23").sum())},
            "29 days",
        ),
        ("q4", "all launched"): ({"q4_share": decoys / attack["launched"].sum()}, "missiles included"),
        ("q4", "strike drones"): ({"q4_share": sh["real_shaheds"].sum() / sh["launched"].sum()}, "strike drones"),
    }
    return env, right, wrong


def _answers_07(a: pd.DataFrame) -> tuple[dict[str, Any], dict[str, dict[str, Any]], dict]:
    table = pd.read_csv(config.PROCESSED_DIR / "attacks.csv", parse_dates=["report_date"])
    table = table[table["report_date"].between("2024-01-01", "2026-05-31")].fillna({"launched": 0})
    env = {"air": a, "attacks": table, "p": {"salvo": 300, "start": "2024-01-01", "end": "2026-05-31"}}
    y25 = table.loc[table["report_date"].dt.year == 2025, "launched"]
    top = -(-len(y25) // 10)  # 10 % of the attacks, rounded up
    y24 = table[table["report_date"].dt.year == 2024]
    hour = y24["time_start"].str.slice(11, 13).replace("", None).astype(float)
    daylight = (y24["time_start"].str.slice(0, 10) == y24["report_date"].dt.strftime("%Y-%m-%d")) & hour.between(6, 16)
    bal = data.select(a, start="2024-01-01", end="2026-05-31", weapon_class="ballistic_missile")
    month = bal["report_date"].dt.strftime("%Y-%m")
    may = bal[(month == "2026-05") & bal["destroyed"].notna()]
    right = {
        "q1": {"q1_salvos": int((y25 >= 300).sum()), "q1_share": y25[y25 >= 300].sum() / y25.sum()},
        "q2": {"q2_largest": top, "q2_share": y25.sort_values().tail(top).sum() / y25.sum()},
        "q3": {"q3_timed": int(hour.notna().sum()), "q3_share": daylight.sum() / hour.notna().sum()},
        "q4": {
            "q4_rate": may["destroyed"].sum() / may["launched"].sum(),
            "q4_few": int((bal.groupby(month)["launched"].sum() < 20).sum()),
        },
    }
    rows25 = data.select(a, start="2025-01-01", end="2025-12-31")
    wrong = {
        ("q1", "rows"): ({"q1_salvos": int((rows25["launched"] >= 300).sum())}, "rows of the attack log"),
        ("q1", "share of attacks"): ({"q1_share": (y25 >= 300).mean()}, "share of the attacks"),
        ("q2", "rounded down"): ({"q2_largest": len(y25) // 10}, "rounded 10 % of the attacks down"),
        ("q2", "ten largest"): ({"q2_share": y25.sort_values().tail(10).sum() / y25.sum()}, "ten largest"),
        ("q3", "all attacks"): ({"q3_share": daylight.sum() / len(y24)}, "divided by all the year's attacks"),
        ("q3", "hour alone"): ({"q3_share": hour.between(6, 16).sum() / hour.notna().sum()}, "hour alone"),
        ("q3", "all attacks counted"): ({"q3_timed": len(y24)}, "number of all the year's attacks"),
        ("q4", "mean of rows"): ({"q4_rate": (may["destroyed"] / may["launched"]).mean()}, "mean of each row's rate"),
        ("q4", "rows"): ({"q4_few": int((bal.groupby(month).size() < 20).sum())}, "fewer than 20 rows"),
    }
    return env, right, wrong


def _answers_08(a: pd.DataFrame) -> tuple[dict[str, Any], dict[str, dict[str, Any]], dict]:
    rows = data.select(a, start="2025-01-01", end="2026-05-31")
    env = {"air": a, "rows": rows}
    nowhere = ["Ukraine", "south", "east", "north", "west"]  # the whole country, directions
    named = rows["target"].notna() & ~rows["target"].isin(nowhere)
    named |= rows["affected_region"].notna() & ~rows["affected_region"].isin(nowhere)
    launched = rows["launched"].sum()
    places = rows["launch_place"].str.split(" and ").explode().str.strip()
    kursk = rows.loc[sorted(set(places[places == "Kursk oblast"].index))]
    spelt = places.str.replace("^and ", "", regex=True).str.replace(" Oblast", " oblast")
    spelt = spelt.where(spelt != "Hvardiiske", "Hvardiiske, Crimea")
    stating = rows[rows["launch_place"].notna()]
    both = rows["affected_region"].fillna("") + "; " + rows["target"].fillna("").str.replace(" and ", "; ")
    names = both.str.split("; ").explode().str.split(",").str[0].str.strip()
    as_oblast = names.where(~names.isin(["Dnipro", "Dnipro oblast", "Kryvyi Rih"]), "Dnipropetrovsk oblast")
    dnipro = rows.loc[sorted(set(as_oblast[as_oblast == "Dnipropetrovsk oblast"].index))]
    right = {
        "q1": {"q1_rows": named.mean(), "q1_launched": rows.loc[named, "launched"].sum() / launched},
        "q2": {"q2_rows": len(kursk), "q2_launched": kursk["launched"].sum()},
        "q3": {"q3_places": spelt.nunique(), "q3_coverage": stating["launched"].sum() / launched},
        "q4": {"q4_rows": len(dnipro), "q4_attacks": dnipro["attack_id"].nunique()},
    }
    per_place = rows["launched"] / rows["launch_place"].str.split(" and ").str.len()
    plain = rows.loc[sorted(set(names[names == "Dnipropetrovsk oblast"].index))]
    wrong = {
        ("q1", "the whole country"): (
            {"q1_rows": (rows["target"].notna() | rows["affected_region"].notna()).mean()},
            "whole country",
        ),
        ("q1", "hit only"): ({"q1_rows": rows["affected_region"].notna().mean()}, "only affected_region"),
        ("q2", "alone"): ({"q2_rows": int((rows["launch_place"] == "Kursk oblast").sum())}, "Kursk oblast alone"),
        ("q2", "split evenly"): ({"q2_launched": per_place[kursk.index].sum()}, "evenly"),
        ("q3", "as written"): ({"q3_places": places.nunique()}, "as written"),
        ("q3", "share of rows"): ({"q3_coverage": rows["launch_place"].notna().mean()}, "share of rows"),
        ("q4", "rows"): ({"q4_attacks": len(dnipro)}, "number of rows naming it"),
        ("q4", "cities left out"): ({"q4_attacks": plain["attack_id"].nunique()}, "cities read as their oblast"),
    }
    return env, right, wrong


def answers(key: str, t: dict[str, Any]) -> tuple[dict[str, Any], dict[str, dict[str, Any]], dict]:
    """(the notebook's variables the checks read, the right answers per question, the wrong answers per
    question: {(question, kind): (overrides, a phrase of the hint it must get)})."""
    a, reg, pers = t["attacks"], t["registry"], t["personnel"]
    if key in NEW_NOTEBOOKS:
        return NEW_NOTEBOOKS[key](a)
    value = reg.set_index("claim_id")["value"]
    if key == "01":
        env = {"attacks": a}
        mis = _year(a, 2025, weapon_class="missiles")
        by_month = mis.groupby(mis["report_date"].dt.to_period("M"))["launched"].sum()
        mis_all = _year(a, 2025, weapon_class="missiles", units="all")
        night = mis.groupby("report_date")["launched"].sum().idxmax()
        y24, y25 = _year(a, 2024), _year(a, 2025)
        factor = (y25["launched"].sum() / 365) / (y24["launched"].sum() / 366)  # 2024 is a leap year
        g24, g25 = y24.groupby("weapon_class")["launched"].sum(), y25.groupby("weapon_class")["launched"].sum()
        reg25 = _year(a, 2025, units="regional")
        y26, all26 = _year(a, 2026), _year(a, 2026, units="all")
        days26 = int((y26.groupby("report_date")["attack_id"].nunique() > 1).sum())
        right = {
            "q1": {"q1_month": str(by_month.idxmax()), "q1_launched": by_month.max()},
            "q2": {"q2_factor": factor, "q2_class": g25.sub(g24, fill_value=0).idxmin()},
            "q3": {
                "q3_regional_equal": (reg25["launched"] == reg25["destroyed"]).mean(),
                "q3_national_equal": (y25["launched"] == y25["destroyed"]).mean(),
                "q3_drones": _year(a, 2025, weapon_class="drones")["launched"].sum(),
            },
            "q4": {"q4_attack": 753, "q4_day": 980, "q4_days": days26},  # 2026-05-13's daytime attack; 2026-03-24
        }
        days24, days25 = y24["report_date"].nunique(), y25["report_date"].nunique()
        wrong = {
            ("q1", "national plus regional"): (
                {"q1_launched": mis_all.groupby(mis_all["report_date"].dt.to_period("M"))["launched"].sum().max()},
                "regional",
            ),
            ("q1", "month of the largest report day"): ({"q1_month": f"{night:%Y-%m}"}, "largest report day"),
            ("q2", "per day reported"): (
                {"q2_factor": (y25["launched"].sum() / days25) / (y24["launched"].sum() / days24)},
                "calendar days",
            ),
            ("q2", "ratio of totals"): ({"q2_factor": y25["launched"].sum() / y24["launched"].sum()}, "366 days"),
            ("q2", "national plus regional"): (
                {
                    "q2_factor": (_year(a, 2025, units="all")["launched"].sum() / 365)
                    / (_year(a, 2024, units="all")["launched"].sum() / 366)
                },
                "regional",
            ),
            ("q2", "largest relative fall, not largest fall"): (
                {"q2_class": (g25 / g24).dropna().idxmin()},
                "small base",
            ),
            ("q3", "national plus regional"): (
                {"q3_drones": _year(a, 2025, weapon_class="drones", units="all")["launched"].sum()},
                "count a drone twice",
            ),
            ("q3", "regional only"): (
                {"q3_drones": _year(a, 2025, weapon_class="drones", units="regional")["launched"].sum()},
                "only the regional",
            ),
            ("q4", "report day as the attack"): ({"q4_attack": 980}, "Group the rows by attack_id"),
            ("q4", "dates with several rows"): (
                {"q4_days": int((y26.groupby("report_date").size() > 1).sum())},
                "different attack_id",
            ),
            ("q4", "national plus regional"): (
                {"q4_day": all26.groupby("report_date")["launched"].sum().max()},
                "regional",
            ),
        }
        return env, right, wrong
    if key == "02":
        sh = data.select(a, weapon_class="shahed_drone").sort_values("report_date")
        states = sh["suppressed"].fillna(0) > 0
        month = sh["report_date"].dt.to_period("M")
        share = states.groupby(month).mean()
        last = sh.loc[states & (month == share[share >= 0.5].index.max()), "report_date"].max()
        brk_day = sh.loc[sh["report_date"] > last, "report_date"].min()
        first = sh.loc[states, "report_date"].min()
        # stating became the rule: the longest run of stating rows with no more than 3 rows in a row omitting it
        at = pd.Series(range(len(sh)))[states.to_numpy()]
        runs = at.groupby((at.diff() > 4).cumsum().to_numpy()).agg(["min", "max"])
        regular = sh["report_date"].iloc[runs.loc[(runs["max"] - runs["min"]).idxmax(), "min"]]  # 2024-08-21
        before = data.select(a, start="2025-01-01", end=brk_day - pd.Timedelta(days=1), weapon_class="shahed_drone")
        after = data.select(a, start=brk_day, end="2025-12-31", weapon_class="shahed_drone")
        span = data.select(a, start=first, end=brk_day - pd.Timedelta(days=1), weapon_class="shahed_drone")
        stated = span[span["suppressed"].notna()]
        p = params.validate("interception_rates")
        k, n, z = p["destroyed"], p["launched"], 1.96
        ph = k / n
        centre, half = (
            (ph + z**2 / (2 * n)) / (1 + z**2 / n),
            z / (1 + z**2 / n) * (ph * (1 - ph) / n + z**2 / (4 * n**2)) ** 0.5,
        )
        wald = z * (ph * (1 - ph) / n) ** 0.5
        z90 = 1.6449
        c90, h90 = (
            (ph + z90**2 / (2 * n)) / (1 + z90**2 / n),
            z90 / (1 + z90**2 / n) * (ph * (1 - ph) / n + z90**2 / (4 * n**2)) ** 0.5,
        )
        from uawar import suppression

        env = {"attacks": a, "p": p, "brk": suppression.suppression_break(a)}
        y25 = _year(a, 2025, weapon_class="shahed_drone")
        right = {
            "q1": {"q1_first": first, "q1_break": brk_day},
            "q2": {
                "q2_before": before["destroyed"].sum() / before["launched"].sum(),
                "q2_after": after["destroyed"].sum() / after["launched"].sum(),
            },
            "q3": {
                "q3_rate": (stated["destroyed"].sum() + stated["suppressed"].sum()) / stated["launched"].sum(),
                "q3_coverage": stated["launched"].sum() / span["launched"].sum(),
            },
            "q4": {"q4_lo": centre - half, "q4_hi": centre + half},
        }
        wrong = {
            ("q1", "last stating report"): ({"q1_break": last}, "first report after it"),
            ("q1", "isolated rows"): ({"q1_break": sh.loc[states, "report_date"].max()}, "isolated rows"),
            ("q1", "zero as stated"): ({"q1_break": sh.loc[sh["suppressed"].notna(), "report_date"].max()}, "took a 0"),
            ("q1", "first regular report"): ({"q1_first": regular}, "became the rule"),
            ("q2", "over shot down + suppressed"): (
                {"q2_before": before["destroyed"].sum() / (before["destroyed"].sum() + before["suppressed"].sum())},
                "Wrong denominator",
            ),
            ("q2", "mean of row rates"): ({"q2_before": (before["destroyed"] / before["launched"]).mean()}, "weight"),
            ("q2", "across the break"): (
                {"q2_after": y25["destroyed"].sum() / y25["launched"].sum()},
                "crosses the break",
            ),
            ("q3", "blank as zero"): (
                {"q3_rate": (span["destroyed"].sum() + span["suppressed"].sum()) / span["launched"].sum()},
                "blank suppressed figure as 0",
            ),
            ("q3", "suppressed alone"): (
                {"q3_rate": stated["suppressed"].sum() / stated["launched"].sum()},
                "suppressed rate alone",
            ),
            ("q3", "share of rows"): ({"q3_coverage": span["suppressed"].notna().mean()}, "share of rows"),
            ("q4", "Wald interval"): ({"q4_lo": ph - wald, "q4_hi": ph + wald}, "Wald"),
            ("q4", "90 % interval"): ({"q4_lo": c90 - h90, "q4_hi": c90 + h90}, "90 %"),
        }
        return env, right, wrong
    if key == "03":
        env = {"registry": reg, "personnel": pers}
        gs = pers.sort_values("date")
        on_day = gs[gs["date"] <= pd.Timestamp("2025-06-12")].iloc[-1]  # claim 2a's date
        k6, w6 = value["6a"], value["6b"]
        right = {
            "q1": {"q1_share": 250_000 / 1_000_000, "q1_wounded_per_killed": 750_000 / 250_000},  # claims 2a, 2b
            "q2": {"q2_share": k6 / (k6 + w6), "q2_bound": "lower"},
            "q3": {"q3_share": k6 / (k6 + w6 / 1.3)},
            "q4": {
                "q4_date": gs.loc[gs["cumulative"] >= 1_000_000, "date"].min(),
                "q4_ratio": on_day["cumulative"] / value["2a"],
            },
        }
        wrong = {
            ("q1", "killed added to casualties"): ({"q1_share": 250_000 / 1_250_000}, "already include"),
            ("q1", "casualties per killed"): ({"q1_wounded_per_killed": 4.0}, "casualties per killed"),
            ("q2", "ratio, not share"): ({"q2_share": k6 / w6}, "killed-to-wounded ratio"),
            ("q2", "upper bound"): ({"q2_bound": "upper"}, "at least"),
            ("q3", "multiplied"): ({"q3_share": k6 / (k6 + w6 * 1.3)}, "divide by 1.3"),
            ("q3", "wound cases unchanged"): ({"q3_share": k6 / (k6 + w6)}, "exercise 2"),
            ("q4", "last report below"): (
                {"q4_date": gs.loc[gs["cumulative"] < 1_000_000, "date"].max()},
                "last report below",
            ),
            ("q4", "latest figure"): ({"q4_ratio": gs["cumulative"].iloc[-1] / value["2a"]}, "latest figure"),
            ("q4", "upside down"): ({"q4_ratio": value["2a"] / on_day["cumulative"]}, "upside down"),
        }
        return env, right, wrong
    # 04: claim 10a ends its period on report date 2025-06-09
    env = {"registry": reg, "personnel": pers, "attacks": a}
    found = data.select(a, start="2025-06-09", end="2025-06-09", weapon_class="drones")["launched"].sum()
    right = {
        "q1": {"q1_found": found},
        "q2": {"q2_rel": (found - 500) / 500, "q2_tolerance": (500 - found) / 500},
        "q3": {"q3_unaccounted": 63 - 28 - 21, "q3_hits_known": False},  # claims 7a, 7b, 7c
        "q4": {"q4_rate": value["15b"] / value["15a"], "q4_ever": False},  # 16e9 USD / 9e9 EUR > 1.599
    }
    wrong = {
        ("q1", "national plus regional"): (
            {
                "q1_found": data.select(a, start="2025-06-09", end="2025-06-09", weapon_class="drones", units="all")[
                    "launched"
                ].sum()
            },
            "regional",
        ),
        ("q1", "window start"): (
            {"q1_found": data.select(a, start="2025-06-08", end="2025-06-08", weapon_class="drones")["launched"].sum()},
            "day the attack began",
        ),
        ("q2", "relative to the data"): ({"q2_rel": (found - 500) / found}, "data's figure"),
        ("q2", "default tolerance"): ({"q2_tolerance": 0.10}, "default tolerance"),
        ("q3", "suppressed left out"): ({"q3_unaccounted": 63 - 28}, "left out the suppressed"),
        ("q3", "unaccounted as hits"): ({"q3_hits_known": True}, "not hits"),
        ("q4", "euros per dollar"): ({"q4_rate": value["15a"] / value["15b"]}, "euros per dollar"),
        ("q4", "never compared"): ({"q4_ever": True}, "EUR_USD_PEAK"),
    }
    return env, right, wrong


NEW_NOTEBOOKS = {"06": _answers_06, "07": _answers_07, "08": _answers_08}


@pytest.fixture(scope="module")
def worked(tables: dict[str, Any]) -> dict[str, tuple]:
    return {key: answers(key, tables) for key in SOURCES}


def test_every_notebook_has_four_checked_exercises_and_goals(student: dict[str, nbformat.NotebookNode]) -> None:
    assert sorted(SOURCES) == ["01", "02", "03", "04", "06", "07", "08"]
    for key, nb in student.items():
        assert len(nb.metadata["otter"]["tests"]) >= 4, key
        assert nb.cells[2].cell_type == "markdown" and nb.cells[2].source.startswith("## Learning goals"), key
        assert "Estimated time" in nb.cells[2].source and "Prerequisites" in nb.cells[2].source, key


@pytest.mark.slow
def test_right_answers_pass_every_check_hidden_ones_included(graded: dict, worked: dict) -> None:
    for key, (_, right, _) in worked.items():
        for question, values in right.items():
            assert teaching.failed_hints(graded[key], question, values) == [], (key, question)


@pytest.mark.slow
def test_checks_read_no_student_variable_but_the_answers(graded: dict, worked: dict) -> None:
    """A student who fills the blanks of `attacks` with 0, drops rows, or changes the night's numbers changes
    no check's verdict: each check loads its own copy of the tables."""
    for key, (env, right, wrong) in worked.items():
        spoilt = {
            "attacks": env.get("attacks", pd.DataFrame()).fillna(0).head(100),
            "registry": pd.DataFrame(),
            "personnel": pd.DataFrame(),
            "p": {"launched": 1, "destroyed": 1},
        }
        for question, values in right.items():
            assert teaching.failed_hints(graded[key], question, spoilt | values) == [], (key, question)
        for (question, kind), (overrides, phrase) in wrong.items():
            hints = teaching.failed_hints(graded[key], question, spoilt | right[question] | overrides)
            assert any(phrase in h for h in hints) and "hidden" in hints, (key, question, kind, hints)


@pytest.mark.slow
def test_each_typical_wrong_answer_is_rejected_with_its_hint(student: dict, worked: dict) -> None:
    kinds = 0
    for key, (env, right, wrong) in worked.items():
        for (question, kind), (overrides, phrase) in wrong.items():
            hints = teaching.failed_hints(student[key], question, env | right[question] | overrides)
            assert any(phrase in h for h in hints), (key, question, kind, hints)
            kinds += 1
    assert kinds >= 35


@pytest.mark.slow
def test_every_hint_of_every_public_check_shows_for_a_wrong_answer_listed_beside_it(
    student: dict, worked: dict
) -> None:
    """A check that can never fail hides its hint for good (as notebook 02's "became the rule" check did while
    it compared the first stating report with itself): each hint must show for one of the wrong answers listed
    for its question in `answers` (the not-answered hint: for a blank answer, tested below)."""
    for key, (env, right, wrong) in worked.items():
        for question, test in student[key].metadata["otter"]["tests"].items():
            cases = test["suites"][0]["cases"]
            hints = {c["failure_message"] for c in cases if not c["hidden"]} - {cases[0]["failure_message"]}
            shown = set()
            for (asked, _), (overrides, _) in wrong.items():
                if asked == question:
                    shown |= set(teaching.failed_hints(student[key], question, env | right[question] | overrides))
            assert hints and not hints - shown, (key, question, hints - shown)


@pytest.mark.slow
def test_unanswered_exercises_fail_with_the_not_answered_hint_only(student: dict, worked: dict) -> None:
    for key, (env, right, _) in worked.items():
        for question, values in right.items():
            hints = teaching.failed_hints(student[key], question, env | dict.fromkeys(values, ...))
            # no mistake-specific hint for an answer that is not there
            assert hints == [hints[0]] and hints[0].startswith(UNANSWERED), (key, question, hints)


def test_student_edition_blanks_the_solutions(student: dict) -> None:
    for key, nb in student.items():
        answer_cells = [c for c in nb.cells if "otter_answer_cell" in c.metadata.get("tags", [])]
        written = [c for c in answer_cells if c.cell_type == "markdown"]
        # the discussion: a manual question whose answer cell waits for the student's text
        assert len(written) == 1 and "Type your answer here" in written[0].source, key
        assert not any("instructor" in c.metadata.get("tags", []) for c in nb.cells), key
        answer_cells = [c for c in answer_cells if c.cell_type == "code"]
        assert len(answer_cells) >= 4, key
        for cell in answer_cells:
            assert all(line.rstrip().endswith("= ...") for line in cell.source.splitlines() if line.strip()), (
                cell.source
            )
        assert not any(c.cell_type == "raw" for c in nb.cells), key


def _check_outputs(nb: nbformat.NotebookNode) -> dict[str, str]:
    return {
        c.source.split('"')[1]: "".join(o.get("data", {}).get("text/plain", "") for o in c.outputs)
        for c in nb.cells
        if c.cell_type == "code" and c.source.startswith("grader.check(")
    }


def _no_warnings(nb: nbformat.NotebookNode) -> None:
    for c in nb.cells:
        for o in c.get("outputs", []):
            assert not (o.get("output_type") == "stream" and o.get("name") == "stderr"), (c.source[:80], o["text"])


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], nbformat.NotebookNode]:
    """Both editions of every notebook, executed four at a time (each in its own kernel)."""
    folder = tmp_path_factory.mktemp("editions")
    jobs = {}
    for edition in ("student", "solutions"):
        for key, source in SOURCES.items():
            path = teaching.write_edition(source, edition, folder / edition)
            jobs[(edition, key)] = (path, folder / edition / f"run_{source.name}")
    with ProcessPoolExecutor(max_workers=4, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {job: pool.submit(execute, path, out) for job, (path, out) in jobs.items()}
        return {job: future.result() for job, future in futures.items()}


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["student", "solutions"])
@pytest.mark.parametrize("key", sorted(SOURCES))
def test_edition_runs_without_warnings_and_its_checks_answer(edition: str, key: str, executed: dict) -> None:
    """A student notebook runs top to bottom and every check fails as not answered (the checks can fail);
    a solution notebook passes every check."""
    nb = executed[(edition, key)]
    outputs = _check_outputs(nb)
    assert len(outputs) >= 4
    for question, text in outputs.items():
        if edition == "student":
            assert UNANSWERED in text and "passed" not in text.split("\n")[0], (question, text[:300])
        else:
            assert "passed" in text and "failed" not in text, (question, text[:300])
    _no_warnings(nb)


def test_build_writes_a_student_folder_with_no_solution_in_it(tmp_path: Path) -> None:
    source = SOURCES["04"]
    teaching.build("student", tmp_path, only=[source])
    folder = tmp_path / "student"
    assert (folder / source.name).is_file()
    page = BeautifulSoup((folder / f"{source.stem}.html").read_text(), "html.parser").get_text()
    assert "grader.check" in page and "q1_found = ..." in page  # code shown, solution not
    assert "data.select(attacks, start=report_date" not in page
    index = (folder / "index.html").read_text()
    assert f'href="{source.name}" download' in index and "data_dictionary.html" in index
    assert "Content note" in index and "solution" not in index.lower()
    # the student folder holds no solution and no hidden check
    for path in folder.iterdir():
        text = path.read_text()
        assert "BEGIN SOLUTION" not in text and '"hidden": true' not in text, path.name
    # the data dictionary: every field of the data package, with its description
    dictionary = (folder / "data_dictionary.html").read_text()
    assert "report_date" in dictionary and "the day the Air Force reports it" in dictionary
    instructor = (tmp_path / "index.html").read_text()
    assert f'href="student/{source.name}" download' in instructor and "not built (make solutions)" in instructor


@pytest.mark.slow
def test_grade_scores_sample_submissions_with_the_hidden_checks(tmp_path: Path) -> None:
    """The local grade command over sample submissions of notebook 04: right answers (under another file
    name, and as the zip the export cell writes) full marks; blank and all-zero answers 0; answers pasted from
    the public checks' expressions (a copy of what a student can read in the notebook's metadata) less
    than full marks."""
    source = SOURCES["04"]
    teaching.build("solutions", tmp_path / "built", only=[source])
    solutions = nbformat.read(tmp_path / "built" / "solutions" / source.name, as_version=4)
    student = teaching.assign(source).student
    subs = tmp_path / "submissions"
    subs.mkdir()
    nbformat.write(solutions, subs / "Lastname_04_claims_check (1).ipynb")
    with zipfile.ZipFile(subs / "zipped.zip", "w") as zf:
        zf.writestr("04_claims_check.ipynb", nbformat.writes(solutions))
    nbformat.write(student, subs / "blank.ipynb")
    zero = nbformat.from_dict(copy.deepcopy(student))
    for cell in zero.cells:
        if "otter_answer_cell" in cell.metadata.get("tags", []):
            cell.source = cell.source.replace("= ...", "= 0")
    nbformat.write(zero, subs / "zero.ipynb")
    nbformat.write(pasted_from_checks(student), subs / "pasted.ipynb")
    rows = teaching.grade(subs, tmp_path / "scores.csv", tmp_path / "built" / "solutions" / "autograder")
    scores = {r["submission"]: (r["total"], r["possible"]) for r in rows}
    assert scores["Lastname_04_claims_check (1).ipynb"] == scores["zipped.zip"] == (8, 8)
    assert scores["blank.ipynb"] == scores["zero.ipynb"] == (0, 8)
    assert scores["pasted.ipynb"][0] < 8
    with open(tmp_path / "scores.csv", newline="") as f:
        assert {r["submission"]: float(r["total"]) for r in csv.DictReader(f)} == {k: v[0] for k, v in scores.items()}


def pasted_from_checks(student: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student notebook with each answer that a public check compares with an expression set to that
    expression (after the check's own set-up lines): what a student who copies from the checks hands in."""
    import ast

    nb = nbformat.from_dict(copy.deepcopy(student))
    pasted: dict[str, str] = {}
    for test in nb.metadata["otter"]["tests"].values():
        for case in test["suites"][0]["cases"]:
            lines = [line[4:] for line in case["code"].splitlines() if line.startswith((">>> ", "... "))]
            tree = ast.parse("\n".join(lines))
            setup = [ast.unparse(n) for n in tree.body if not isinstance(n, ast.Assert)]
            for call in ast.walk(tree):
                if isinstance(call, ast.Call) and len(call.args) == 2 and isinstance(call.args[0], ast.Name):
                    name = call.args[0].id
                    if name.startswith("q") and name not in pasted:
                        pasted[name] = "\n".join([*setup, f"{name} = {ast.unparse(call.args[1])}"])
    assert pasted, "the public checks compare answers with expressions"
    for cell in nb.cells:
        if "otter_answer_cell" in cell.metadata.get("tags", []):
            cell.source = "\n".join(pasted.get(line.split(" = ")[0], line) for line in cell.source.splitlines())
    return nb


def test_exercises_helpers_read_answers_loosely_and_never_raise() -> None:
    assert exercises.close(0.25, 0.25000001) and not exercises.close(0.25, 0.2)
    assert not exercises.close(..., 0.25) and not exercises.close("a", 0.25) and not exercises.close(True, 1.0)
    assert exercises.same_month(pd.Period("2025-10", "M"), "2025-10-01") and exercises.same_month(
        "2025-10", "2025-10-31"
    )
    assert not exercises.same_month(..., "2025-10") and not exercises.same_day(3, "2025-10-01")
    assert exercises.same_day("2025-07-24", pd.Timestamp("2025-07-24 00:00")) and not exercises.same_day(
        "x", "2025-01-01"
    )
    assert exercises.same_text(" Shahed_Drone", "shahed drone") and not exercises.same_text(..., "lower")
    assert not exercises.answered(1, ...) and exercises.answered(0, False)


@pytest.mark.slow
def test_reports_leave_the_exercises_out() -> None:
    from uawar.site.html import exporter

    nb = nbformat.read(SOURCES["02"], as_version=4)
    for with_code in (False, True):
        body, _ = exporter(with_code).from_notebook_node(nb)
        text = BeautifulSoup(body, "html.parser").get_text()
        # a research report opens with its findings: learning goals are for the teaching edition
        assert "q1_break" not in text and "Learning goals" not in text and "Key figures" in text, with_code
        teaching_body, _ = exporter(with_code, exercises=True).from_notebook_node(nb)
        assert "Learning goals" in BeautifulSoup(teaching_body, "html.parser").get_text(), with_code
        assert "ASSIGNMENT CONFIG" not in text and "failure_message" not in text, with_code


@pytest.mark.slow
def test_the_site_index_links_the_teaching_section_once_built(tmp_path: Path) -> None:
    from uawar.site import pages

    assert "teaching/" not in pages.write_index(tmp_path).read_text()
    (tmp_path / "teaching" / "student").mkdir(parents=True)
    (tmp_path / "teaching" / "student" / "04_claims_check.ipynb").write_text("{}")
    teaching.write_indexes(tmp_path / "teaching")
    assert 'href="teaching/student/index.html"' in pages.write_index(tmp_path).read_text()


def test_grade_refuses_bad_input_with_exit_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    nbformat.write(nbformat.v4.new_notebook(), stranger / "x.ipynb")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "x.zip").write_text("not a zip")
    cases = {
        tmp_path / "missing": "not a folder",
        empty: "no .ipynb or .zip",
        stranger: "not a notebook of the teaching edition",
        tmp_path / "broken": "not a zip file",
    }
    for folder, said in cases.items():
        assert cli.main(["teach", "grade", str(folder)]) == 2, folder
        assert said in capsys.readouterr().err, folder


def test_the_ukrainian_student_edition_reads_and_hints_in_ukrainian(tmp_path: Path, tables: dict[str, Any]) -> None:
    """Notebook 03 has a Ukrainian catalogue: its student edition (reports/uk/teaching/student/) has the prose and
    the hints in Ukrainian, and a typical wrong answer gets its hint in Ukrainian."""
    source = SOURCES["03"]
    teaching.build("student", tmp_path, only=[source], lang="uk")
    nb = nbformat.read(tmp_path / "student" / source.name, as_version=4)
    assert nb.cells[0].source == "# Співвідношення втрат: убиті, поранені й заявлена кількість Генштабу"
    assert 'lang = "uk"' in next(c.source for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    env, right, _ = answers("03", tables)
    # killed added to casualties: 250 000 / (1 000 000 + 250 000) = 0.2 instead of 0.25
    hints = teaching.failed_hints(nb, "q1", env | right["q1"] | {"q1_share": 250_000 / 1_250_000})
    assert hints == ["Ви додали вбитих до втрат, але втрати вже містять убитих: частка — це убиті / втрати."]
    index = (tmp_path / "student" / "index.html").read_text()
    assert '<html lang="uk">' in index and "Попередження про зміст." in index
    # otter's own cells too (a written answer's placeholder, the submission): no English sentence on the page
    page = (tmp_path / "student" / source.with_suffix(".html").name).read_text()
    assert "Напишіть відповідь тут" in page and any(c.source.startswith("## Здавання роботи") for c in nb.cells)
    assert english_runs(page, allowed_names()) == []
    # only the notebooks that have a Ukrainian catalogue are in the Ukrainian edition
    untranslated = tmp_path / "09_untranslated.ipynb"  # a notebook without a catalogue
    untranslated.write_bytes(SOURCES["03"].read_bytes())
    assert teaching.build("student", tmp_path / "none", only=[untranslated], lang="uk") == [
        tmp_path / "none" / "student" / "data_dictionary.html",
        tmp_path / "none" / "index.html",
    ]
