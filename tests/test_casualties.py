"""Casualty ratios and the General Staff series, against values worked out by hand or read from the raw
JSON with the json module."""

import datetime as dt
import json

import pandas as pd
import pytest

from uawar import casualties, data


@pytest.fixture(scope="module")
def claims():
    return data.load_claims()


@pytest.fixture(scope="module")
def personnel():
    return data.load_personnel()


@pytest.fixture(scope="module")
def raw_series(raw_dir):
    """date -> cumulative figure, straight from the General Staff JSON."""
    records = json.loads((raw_dir / "russia_losses_personnel.json").read_text(encoding="utf-8"))
    return {dt.date.fromisoformat(r["date"]): r["personnel"] for r in records}


def _row(ratios, claimant):
    hit = ratios[ratios["claimant"] == claimant]
    assert len(hit) == 1, claimant
    return hit.iloc[0]


def test_uk_mod_killed_share_from_its_casualties_total(claims):
    r = _row(casualties.killed_wounded(claims), "UK Ministry of Defence")
    assert r["claim_ids"] == "2a, 2b"
    assert r["killed_share"] == pytest.approx(250_000 / 1_000_000)  # 25 %
    assert r["wounded"] == 750_000
    assert r["killed_to_wounded"] == pytest.approx(1 / 3)
    assert r["wounded_per_killed"] == pytest.approx(3.0)
    assert r["wounded_basis"] == "casualties total - killed"
    assert "over" in r["hedges"] and "about" in r["hedges"]


def test_zelenskyy_killed_to_wound_cases(claims):
    r = _row(casualties.killed_wounded(claims), "Volodymyr Zelenskyy, President of Ukraine")
    assert r["killed_to_wounded"] == pytest.approx(0.11564, abs=1e-5)  # 45,100 / 390,000
    assert r["killed_share"] == pytest.approx(0.10365, abs=1e-5)  # 45,100 / 435,100
    # the article says "injured"; wound cases is an inference from other reporting, labelled as one
    assert r["wound_cases"] and "possibly wound cases, an inference" in r["note"]
    assert "injured" in casualties.wound_cases_caveat(claims, ["6a", "6b"])
    assert casualties.wound_cases_caveat(claims, ["2a"]) == ""
    assert "2025-02" in r["label"] and "Zelenskyy" in r["label"]


def test_parts_of_one_claim_are_summed(claims):
    r = _row(casualties.killed_wounded(claims), "National Police of Ukraine")
    assert (r["killed"], r["wounded"]) == (3, 20)  # Donetsk 2 + Kherson 1; 6 + 14


def test_claims_without_killed_and_wounded_give_no_ratio(claims):
    assert casualties.killed_wounded(claims, ["6a"]).empty
    assert casualties.killed_wounded(claims, ["4", "8e", "1"]).empty
    assert list(casualties.killed_wounded(claims, ["6a", "6b", "4"])["claim_ids"]) == ["6a, 6b"]


def test_killed_and_wounded_of_different_sides_are_not_paired():
    claims = pd.DataFrame(
        {
            "claim_id": ["x1", "x2"],
            "claimant": ["A", "A"],
            "stated_on": ["2025-01-01"] * 2,
            "side": ["russia", "ukraine"],
            "metric": ["killed", "wounded"],
            "qualifier": [pd.NA, pd.NA],
            "value": [10.0, 40.0],
            "unit": ["persons"] * 2,
        }
    )
    assert casualties.killed_wounded(claims).empty


def test_compare_labels_both_claimants_and_dates():
    a = casualties.Figure(1_000_340, "General Staff", "2025-06-12", "russia", "casualties", "about")
    b = casualties.Figure(1_000_000, "UK MoD", "2025-06-12", "russia", "casualties", "over")
    c = casualties.Figure(435_100, "Zelenskyy", "2025-02", "ukraine", "killed plus wound cases")
    ab = casualties.compare(a, b)  # two claimants: set side by side, never divided
    assert ab.kind == "cross-source" and ab.ratio is None and ab.difference is None
    assert all(s in ab.label for s in ("General Staff", "UK MoD", "2025-06-12", "not divided (different claimants)"))
    ac = casualties.compare(a, c)
    assert ac.kind == "cross-side" and "2025-02" in ac.label and "Zelenskyy" in ac.label and ac.ratio is None
    assert "different claimants and dates" in ac.label
    aa = casualties.compare(a, a)
    assert aa.kind == "same claimant" and aa.ratio == 1 and aa.difference == 0
    later = casualties.Figure(1_457_000, "General Staff", "2026-08-08", "russia", "casualties", "about")
    assert casualties.compare(later, a).ratio is None  # the "1.457 ratio" of a 2026 figure to a 2025 one
    assert "not divided (different dates)" in casualties.compare(later, a).label


def test_as_of_is_the_last_report_on_or_before(personnel, raw_series):
    assert casualties.as_of(personnel, "2025-06-12")["cumulative"] == raw_series[dt.date(2025, 6, 12)]
    last = max(raw_series)
    assert casualties.as_of(personnel, last + dt.timedelta(days=30))["cumulative"] == raw_series[last]
    with pytest.raises(ValueError, match="before the series starts"):
        casualties.as_of(personnel, "2022-01-01")


def test_first_date_at_or_above_one_million(personnel, raw_series):
    first = min(d for d, v in raw_series.items() if v >= 1_000_000)
    found = casualties.milestones(personnel, [1_000_000])
    assert found["date"].iloc[0].date() == first == dt.date(2025, 6, 12)


def test_default_milestones_are_round_and_reached(personnel, raw_series):
    found = casualties.milestones(personnel)
    top = max(raw_series.values())
    levels = [100_000] + [m for m in range(250_000, top + 1, 250_000)]
    assert list(found["milestone"]) == levels
    for r in found.itertuples():
        assert r.date.date() == min(d for d, v in raw_series.items() if v >= r.milestone)
    assert casualties.milestones(personnel, [10**9]).empty


def test_monthly_and_period_means(personnel, raw_series):
    june = [d for d in raw_series if (d.year, d.month) == (2025, 6)]
    daily = [raw_series[d] - raw_series[d - dt.timedelta(days=1)] for d in june]
    expected = sum(daily) / len(daily)
    monthly = casualties.monthly_means(personnel).set_index("month")
    assert monthly.loc[pd.Timestamp("2025-06-01"), "mean"] == pytest.approx(expected)
    assert monthly.loc[pd.Timestamp("2025-06-01"), "reports"] == len(june)
    assert casualties.daily_mean(personnel, "2025-06-01", "2025-06-30") == pytest.approx(expected)


@pytest.mark.parametrize(
    "stated, bounds",
    [
        ("2025-06-12", ("2025-06-12", "2025-06-12")),
        ("2025-02", ("2025-02-01", "2025-02-28")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2025-12", ("2025-12-01", "2025-12-31")),
        ("2025", ("2025-01-01", "2025-12-31")),
    ],
)
def test_period_bounds(stated, bounds):
    assert casualties.period_bounds(stated) == tuple(dt.date.fromisoformat(b) for b in bounds)


def test_comparison_with_the_general_staff(personnel, claims, raw_series):
    table = casualties.compare_with_general_staff(personnel, claims, ["2a", "2b", "6a", "6b", "4", "3"], "2025-06-12")
    # 2b and 4 are killed only: not set beside casualties; 6a + 6b are Ukrainian losses (the old "cross-side
    # ratio 2.299" divided a June 2025 count of Russians by a February 2025 sum of Ukrainian killed and injured)
    assert list(table["claim"]) == ["2a", "3"]
    uk, csis = table.iloc[0], table.iloc[1]
    assert uk["kind"] == "cross-source" and pd.isna(uk["ratio"])  # two claimants: side by side, not divided
    assert uk["general_staff"] == raw_series[dt.date(2025, 6, 12)]
    assert csis["general_staff_at_claim_date"] == f"{raw_series[dt.date(2025, 6, 3)]:,}"  # CSIS said it 2025-06-03
    assert casualties.compare_with_general_staff(personnel, claims, ["5", "6a", "6b"], "2025-06-12").empty
    for r in table.itertuples():
        assert r.claimant in r.label and r.stated_on in r.label and "2025-06-12" in r.label


def test_killed_above_the_stated_total_is_flagged_not_divided():
    claims = pd.DataFrame(
        {
            "claim_id": ["y1", "y2"],
            "claimant": ["B", "B"],
            "stated_on": ["2025-01-01"] * 2,
            "side": ["russia", "russia"],
            "metric": ["casualties", "killed"],
            "qualifier": [pd.NA, pd.NA],
            "value": [100.0, 100.0],
            "unit": ["persons"] * 2,
        }
    )
    r = casualties.killed_wounded(claims).iloc[0]
    assert r["wounded"] == 0 and r["killed_share"] == 1.0 and pd.isna(r["killed_to_wounded"])
    assert "contradicts itself" in r["note"]


def test_no_killed_gives_a_zero_share_and_no_ratio():
    claims = pd.DataFrame(
        {
            "claim_id": ["z1", "z2"],
            "claimant": ["C", "C"],
            "stated_on": ["2025-01-01"] * 2,
            "side": ["ukraine", "ukraine"],
            "metric": ["civilians_killed", "civilians_injured"],
            "qualifier": [pd.NA, pd.NA],
            "value": [0.0, 5.0],
            "unit": ["persons"] * 2,
        }
    )
    r = casualties.killed_wounded(claims).iloc[0]
    assert r["killed_share"] == 0 and r["killed_to_wounded"] == 0 and pd.isna(r["wounded_per_killed"])


# --- prose ---------------------------------------------------------------------------------------


def _series(values, start="2025-06-01", qualifier="about"):
    dates = pd.date_range(start, periods=len(values), freq="D")
    cumulative = pd.Series(values, dtype=float)
    return pd.DataFrame({"date": dates, "cumulative": cumulative, "daily": cumulative.diff(), "qualifier": qualifier})


def _claim(claim_id, metric, value, unit="persons", side="ukraine", claimant="<A>"):
    return {
        "claim_id": claim_id,
        "claimant": claimant,
        "stated_on": "2025-02",
        "side": side,
        "metric": metric,
        "qualifier": pd.NA,
        "value": float(value),
        "unit": unit,
        "source": "a newspaper",
    }


def test_describe_key_figures():
    personnel = _series([1000, 1100, 1250])  # daily 100 and 150: mean over 30 days to 3 June = 125
    gs = casualties.general_staff_figure(personnel, "2025-06-03")
    marks = casualties.milestones(personnel, [1000, 1200, 5000])
    registry = pd.DataFrame([_claim("k", "killed", 10), _claim("w", "wounded", 30)])
    ratios = casualties.killed_wounded(registry)
    empty = casualties.compare_with_general_staff(personnel, registry, [], "2025-06-03")
    text = casualties.describe(personnel, gs, marks, ratios, empty)
    assert "report of 2025-06-03: about **1,250** Russian casualties" in text
    assert "over the 30 days to 2025-06-03: 125." in text
    assert "- Last round milestone reached by then: 1,200, first reported on 2025-06-03." in text
    assert r"- \<A\> (2025-02), Ukrainian\: killed 10, wounded 30; 1 killed to 3.0 wounded" in text  # 10 / 40 = 25 %
    nothing = casualties.describe(personnel, gs, marks.iloc[:0], ratios.iloc[:0], empty)
    assert "- None of the selected claims gives killed and wounded, or a casualty total." in nothing
    assert "milestone" not in nothing


def test_describe_chart_titles():
    personnel = _series([1000, 1100, 1250, 1300])
    gs = casualties.general_staff_figure(personnel, "2025-06-04")
    assert casualties.describe_series_chart(gs) == (
        "The General Staff's claimed Russian casualties: about 1,300 as of 2025-06-04"
    )
    monthly = casualties.monthly_means(pd.concat([_series([0, 10, 30], "2025-05-01"), _series([100, 110])]))
    # May: daily 10 and 20, mean 15; June: daily 10 (the first June day has no difference within June's frame)
    assert casualties.describe_monthly_chart(monthly, gs).endswith("highest 15 a day in May 2025")
    ratios = pd.DataFrame({"killed_share": [0.104, 0.25]})
    assert (
        casualties.describe_killed_share_chart(ratios)
        == "Killed share of casualties in 2 claim(s): from 10.4% to 25.0%"
    )


def test_describe_caveats_with_counts():
    registry = pd.DataFrame([_claim("6b", "wounded", 390_000), _claim("6a", "killed", 45_100)])
    assert casualties.describe_wound_cases(registry, ["6a", "6b"]).startswith(
        r"**Wound cases.** \<A\>'s wounded figure (claim 6b)\: an inference from other reporting"
    )
    assert casualties.describe_wound_cases(registry, ["6a"]) == ""  # 6b not selected: no caveat
    personnel = _series([1, 2, 3]).assign(qualifier=["about", "about", ""])
    assert "The General Staff qualifies 2 of its 3 daily reports 'about'." in casualties.describe_hedges(personnel)
    figure = casualties.claim_figure(registry, "6a")
    assert casualties.with_claims_source("Source: X", registry, []) == "Source: X"
    assert casualties.with_claims_source("Source: X", registry, [figure]).startswith("Source: X\nClaims: <A> (6a).")
