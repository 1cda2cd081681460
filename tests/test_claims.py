"""Claims against the data and against each other; data figures read from the raw files with csv/json."""

import csv
import json

import pandas as pd
import pytest

from uawar import claims as uclaims
from uawar import data

DRONE_MODELS = {"Shahed-136/131", "Unknown UAV", "Reconnaissance UAV", "Merlin-VR", "Молнія"}
MISSILE_MODELS = {"Iskander-M/KN-23", "Iskander-K", "X-47 Kinzhal", "X-35", "X-31P", "X-22", "X-101/X-555"}


@pytest.fixture(scope="module")
def registry():
    return data.load_claims()


@pytest.fixture(scope="module")
def checked(registry):
    return uclaims.check_against_data(registry, data.load_air_attacks(), data.load_personnel()).set_index("claim_id")


def _raw_sum(raw_dir, day, models, column="launched", national=True):
    """Sum of a column over the raw attack log's rows whose window ends on `day`."""
    total = 0.0
    with open(raw_dir / "missile_attacks_daily.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if (
                r["time_end"][:10] == day
                and r["model"] in models
                and (not national or r["source"].startswith("kpszsu"))
            ):
                total += float(r[column])
    return total


@pytest.mark.parametrize(
    "claimed, qualifier, found, expected",
    [
        (63, None, 63, "matches"),
        (63, None, 62, "contradicts"),
        (100, "about", 109, "consistent"),
        (100, "about", 91, "consistent"),
        (100, "about", 111, "contradicts"),
        (100, "about", 100, "matches"),
        (1_000_000, "over", 1_000_340, "consistent"),
        (1_000_000, "over", 999_999, "contradicts"),
        (1_000_000, "over", 1_100_001, "contradicts"),
        (500, "almost", 479, "consistent"),
        (500, "almost", 450, "consistent"),
        (500, "almost", 449, "contradicts"),
        (500, "almost", 501, "contradicts"),
        (500, "almost", None, "no data to check"),
        (500, "almost", pd.NA, "no data to check"),
    ],
)
def test_verdict(claimed, qualifier, found, expected):
    assert uclaims.verdict(claimed, qualifier, found) == expected


def test_verdict_tolerance_is_a_choice():
    assert uclaims.verdict(500, "almost", 479, tolerance=0.05) == "consistent"  # 4.2 % short
    assert uclaims.verdict(500, "almost", 479, tolerance=0.04) == "contradicts"


def test_unknown_qualifier_is_refused():
    with pytest.raises(ValueError, match="'roughly'"):
        uclaims.verdict(10, "roughly", 11)


def test_air_force_night_to_2025_06_12(checked, raw_dir):
    for cid, column in (("7a", "launched"), ("7b", "destroyed"), ("7c", "not_reach_goal")):
        expected = _raw_sum(raw_dir, "2025-06-12", {"Shahed-136/131"}, column)
        assert checked.loc[cid, "data"] == expected, cid
        assert checked.loc[cid, "verdict"] == "matches"
    assert (checked.loc["7a", "data"], checked.loc["7b", "data"], checked.loc["7c", "data"]) == (63, 28, 21)


def test_record_night_and_the_next(checked, raw_dir):
    assert checked.loc["10a", "data"] == _raw_sum(raw_dir, "2025-06-09", DRONE_MODELS) == 479
    assert checked.loc["10a", "verdict"] == "consistent"  # 'almost 500'
    assert checked.loc["10a", "difference"] == -21
    assert checked.loc["10b", "data"] == _raw_sum(raw_dir, "2025-06-10", DRONE_MODELS) == 315
    assert checked.loc["10c", "data"] == _raw_sum(raw_dir, "2025-06-10", MISSILE_MODELS) == 7
    assert checked.loc["10b", "verdict"] == checked.loc["10c", "verdict"] == "matches"


def test_regional_reports_on_request(registry, raw_dir):
    out = uclaims.check_against_data(registry, data.load_air_attacks(), data.load_personnel(), units="all")
    found = out.set_index("claim_id").loc["10a", "data"]
    assert found == _raw_sum(raw_dir, "2025-06-09", DRONE_MODELS, national=False) == 482


def test_general_staff_claim_against_its_series(checked, raw_dir):
    records = json.loads((raw_dir / "russia_losses_personnel.json").read_text(encoding="utf-8"))
    expected = next(r["personnel"] for r in records if r["date"] == "2025-06-12")
    assert checked.loc["1", "data"] == expected
    assert checked.loc["1", "verdict"] == "consistent"  # 'over 1,000,000'


def test_what_the_data_cannot_speak_to(checked):
    for cid in ("2a", "6a", "8a", "11a", "15a"):
        assert checked.loc[cid, "verdict"] == "no data to check", cid
        assert pd.isna(checked.loc[cid, "data"])
    assert set(checked["verdict"]) <= set(uclaims.VERDICTS)


def test_internal_checks_of_the_registry(registry):
    out = uclaims.internal_checks(registry).set_index("claims")
    assert out.loc["8e vs 8a + 8c", "verdict"] == "matches"  # 3 = 2 + 1
    for key in ("2b <= 2a", "7b + 7c <= 7a", "9b <= 9a", "11b <= 11a"):
        assert out.loc[key, "verdict"] == "consistent", key
    conv = out.loc["15a vs 15b"]
    assert conv["expected"] == pytest.approx(9e9 * 1.1578)
    assert conv["verdict"] == "contradicts"
    assert "1.778" in conv["detail"]  # 16 / 9


@pytest.mark.parametrize("rate", [1.0, 1.1578, 1.3, 1.599])
def test_currency_verdict_does_not_hang_on_the_exact_rate(registry, rate):
    out = uclaims.internal_checks(registry, eur_usd=rate).set_index("claims")
    assert out.loc["15a vs 15b", "verdict"] == "contradicts"


def test_currency_consistent_at_the_implied_rate(registry):
    assert (
        uclaims.internal_checks(registry, eur_usd=16 / 9).set_index("claims").loc["15a vs 15b", "verdict"] == "matches"
    )


def test_each_internal_check_can_fail(registry):
    bad = registry.copy()
    changes = {"8e": 4, "9b": 19, "11b": 53, "2b": 1_200_000, "7c": 36, "15b": 30e9}
    for cid, value in changes.items():
        bad.loc[bad["claim_id"] == cid, "value"] = value
    out = uclaims.internal_checks(bad)
    assert (out["verdict"] == "contradicts").all(), out[["claims", "verdict"]]
    assert len(out) == 6


def _one_claim(**fields):
    base = {
        "claim_id": "x1",
        "claimant": "Someone",
        "stated_on": "2021-01-02",
        "side": "russia",
        "metric": "drones_launched",
        "qualifier": pd.NA,
        "value": 10.0,
        "unit": "drones",
        "period": "2021-01-01/2021-01-02",
        "source": "a report",
        "note": "",
    }
    return pd.DataFrame([base | fields])


def test_a_night_outside_the_attack_log_has_no_data():
    out = uclaims.check_against_data(_one_claim(), data.load_air_attacks(), data.load_personnel())
    assert out.loc[0, "verdict"] == "no data to check"
    assert "no drones 'launched' reported for 2021-01-02" in out.loc[0, "data_source"]


def test_an_unknown_qualifier_names_the_claim():
    with pytest.raises(ValueError, match=r"claim x1, column 'qualifier': qualifier 'roughly'"):
        uclaims.check_against_data(_one_claim(qualifier="roughly"), data.load_air_attacks(), data.load_personnel())


def test_strings_from_the_registry_are_escaped():
    bad = _one_claim(claimant="<script>alert(1)</script>", period="2025-06-11/2025-06-12", value=60.0)
    checked = uclaims.check_against_data(bad, data.load_air_attacks(), data.load_personnel())
    text = uclaims.describe(checked, uclaims.internal_checks(data.load_claims()), 0.1, "national")
    assert "<script>" not in text and "&lt;script&gt;" in text
    html = uclaims.checks_table(checked).to_html(index=False)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_conversion_note_states_the_rates_that_would_reconcile():
    registry = data.load_claims()
    # $16 bn within 10 % of EUR 9 bn x rate: 16 x 0.9 / 9 = 1.600 to 16 x 1.1 / 9 = 1.956
    note = uclaims.conversion_note(registry, 1.1578, 0.1)
    assert "from 1.600 to 1.956" in note and "no rate the euro has had" in note
    assert "depends on the rate chosen" in uclaims.conversion_note(registry, 1.2, 0.2)  # 16 x 0.8 / 9 = 1.422


# --- the registry's corrections and its relation column (checked against the article's text) ------------------


def test_registry_names_the_claimants_the_article_names(registry):
    by = registry.set_index("claim_id")
    # "Ukraine's Human Rights Ombudsman, Dmytro Lubinets" gave the ages 59 and 22
    assert "Lubinets" in by.loc["16a", "claimant"] and "Lubinets" in by.loc["16b", "claimant"]
    # the $16 billion is the article's own bracketed conversion of the minister's EUR 9 billion
    assert by.loc["15b", "claimant"] == "Global Defense Corp" and by.loc["15b", "relation"] == "conversion of 15a"
    assert by.loc["6b", "unit"] == "persons" and "injured" in by.loc["6b", "note"]  # the article's word
    assert by.loc["4", "stated_on"] == "2022" and "early in the war" in by.loc["4", "note"]  # no month given
    assert by.loc["3", "period"] == "2022-02-24/2025" and "this summer" in by.loc["3", "note"]  # no end date
    assert by.loc["9a", "claimant"] == by.loc["9b", "claimant"] == "Kharkiv city authorities"
    assert "previously reported" in by.loc["12c", "note"]
    assert "'jammed' in the article's word" in by.loc["7c", "note"]


def test_internal_checks_follow_the_relation_column(registry):
    moved = registry.copy()
    moved.loc[moved["claim_id"] == "9b", "relation"] = pd.NA  # no longer a part of 9a: no check
    moved.loc[moved["claim_id"] == "12c", "relation"] = "part of 8d"  # 3 <= 14
    out = uclaims.internal_checks(moved).set_index("claims")
    assert "9b <= 9a" not in out.index and out.loc["12c <= 8d", "verdict"] == "consistent"
    assert len(uclaims.internal_checks(registry)) == 6  # 1 sum, 4 wholes with parts, 1 conversion


@pytest.mark.parametrize(
    "relation, message",
    [
        ("part of 99z", "names a claim that is not in the registry"),
        ("part of 7c", "names a claim that is not in the registry"),  # set on 7c itself below
        ("contains 7a", "a relation reads"),
        ("conversion of 15a + 8a", "a relation reads"),
    ],
)
def test_a_bad_relation_is_refused_naming_file_and_column(tmp_path, relation, message):
    with open(data.config.CLAIMS_CSV, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r["claim_id"] == "7c":
            r["relation"] = relation
    path = tmp_path / "claims.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with pytest.raises(data.DataError, match=message) as err:
        data.load_claims(path)
    assert str(path) in str(err.value)


def test_almost_500_drones_read_both_ways(checked, raw_dir):
    # report date 2025-06-09, national rows: 479 drones and decoys; with the 21 missiles, 500 weapons
    everything = _raw_sum(raw_dir, "2025-06-09", DRONE_MODELS | MISSILE_MODELS)
    assert checked.loc["10a", "data_all_weapons"] == everything == 500
    assert checked.loc["10a", "data"] == 479
    text = uclaims.describe(checked.reset_index(), uclaims.internal_checks(data.load_claims()), 0.1, "national")
    assert "every weapon of that report (drones and missiles): 500" in text


# --- prose ---------------------------------------------------------------------------------------


def test_describe_chart_and_verdicts():
    checked = pd.DataFrame(
        {
            "data": [479.0, 63.0, None, 10.0],
            "verdict": ["consistent", "matches", "no data to check", "contradicts"],
        }
    )
    assert uclaims.describe_chart(checked) == "2 of 3 checkable claims match the data or lie within their hedge"
    assert "with tolerance t = 4%:" in uclaims.describe_verdicts(0.04)
