"""Notebooks 03 and 04: their parameter checks, and runs through papermill with other parameters, whose key
figures are compared with values read here from the raw General Staff JSON or worked out by hand."""

import datetime as dt
import json

import papermill
import pytest
from notebook_runner import run

from uawar import config, params

NB03 = config.NOTEBOOKS_DIR / "03_casualty_ratios.ipynb"
NB04 = config.NOTEBOOKS_DIR / "04_claims_check.ipynb"


@pytest.fixture(scope="module")
def series(raw_dir):
    records = json.loads((raw_dir / "russia_losses_personnel.json").read_text(encoding="utf-8"))
    return {dt.date.fromisoformat(r["date"]): r["personnel"] for r in records}


# --- parameter checks (fast: no kernel) --------------------------------------------------------


@pytest.mark.parametrize(
    ("notebook", "values", "name"),
    [
        ("casualty_ratios", {"claims": ["2a", "99"]}, "claims"),
        ("casualty_ratios", {"claims": ["7a"]}, "claims"),  # a claim, but not a casualty figure
        ("casualty_ratios", {"claims": []}, "claims"),
        ("casualty_ratios", {"as_of": "2022-01-01"}, "as_of"),
        ("casualty_ratios", {"as_of": "2099-01-01"}, "as_of"),
        ("casualty_ratios", {"as_of": "12 June 2025"}, "as_of"),
        ("casualty_ratios", {"date": "2025-06-12"}, "date"),
        ("claims_check", {"tolerance": 0.9}, "tolerance"),
        ("claims_check", {"tolerance": -0.1}, "tolerance"),
        ("claims_check", {"eur_usd": "a lot"}, "eur_usd"),
        ("claims_check", {"eur_usd": 0}, "eur_usd"),
        ("claims_check", {"units": "Kharkiv"}, "units"),
    ],
)
def test_invalid_parameters_are_named(notebook, values, name):
    with pytest.raises(params.ParameterError) as err:
        params.validate(notebook, **values)
    assert err.value.name == name and f"'{name}'" in str(err.value)


def test_errors_say_what_is_allowed(series):
    with pytest.raises(params.ParameterError, match=r"allowed: one of 1, 2a, 2b, .*6b"):
        params.validate("casualty_ratios", claims=["99"])
    with pytest.raises(params.ParameterError, match=f"from {min(series)} to {max(series)}"):
        params.validate("casualty_ratios", as_of="2021-12-31")


def test_a_list_error_names_only_the_items_not_allowed():
    with pytest.raises(params.ParameterError, match=r"'claims' = \['99'\] is invalid"):
        params.validate("casualty_ratios", claims=["2a", "99"])


def test_claims_may_be_given_as_text():
    assert params.validate("casualty_ratios", claims="6a, 6b")["claims"] == ["6a", "6b"]


# --- notebooks through papermill ---------------------------------------------------------------


@pytest.mark.slow
def test_03_at_the_end_of_2024_with_civilian_claims(tmp_path, series):
    text = run(NB03, tmp_path, as_of="2024-12-31", claims=["6a", "6b", "8a", "8b", "8c", "8d"])
    assert f"report of 2024-12-31: about **{series[dt.date(2024, 12, 31)]:,}**" in text
    first = min(d for d, v in series.items() if v >= 750_000)
    assert f"milestone reached by then: 750,000, first reported on {first.isoformat()}" in text
    assert "killed 3, wounded 20" in text and "killed share 13.0%" in text  # 3 / (3 + 20)
    assert "killed share 10.4%" in text  # 45,100 / 435,100
    # 30 daily differences, 2024-12-02 to 2024-12-31, add up to the change since 2024-12-01.
    mean30 = (series[dt.date(2024, 12, 31)] - series[dt.date(2024, 12, 1)]) / 30
    assert f"30 days to 2024-12-31: {mean30:,.0f}" in text


@pytest.mark.slow
def test_04_tight_tolerance_all_reports_and_the_implied_rate(tmp_path):
    text = run(NB04, tmp_path, tolerance=0.04, eur_usd=1.7778, units="all")
    # 'almost 500' against 482 drones (national 479 + regional 3): 3.6 % short, inside 4 %.
    assert "almost 500 drones launched; the data: 482 (-3.60%): **consistent**" in text
    assert "contradictions found: **0**" in text  # 9e9 x 1.7778 is within 4 % of 16e9
    text = run(NB04, tmp_path, tolerance=0.04)
    assert "the data: 479 (-4.20%): **contradicts**" in text
    assert "**5** match, **1** are consistent within their hedge (tolerance 4%), **1** contradict" in text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "parameters", "name"),
    [
        (NB03, {"claims": ["99"]}, "claims"),
        (NB03, {"claims": []}, "claims"),
        (NB03, {"as_of": "2021-01-01"}, "as_of"),
        (NB04, {"tolerance": 0.9}, "tolerance"),
        (NB04, {"eur_usd": "a lot"}, "eur_usd"),
        (NB04, {"units": "Kharkiv"}, "units"),
    ],
)
def test_invalid_parameters_stop_the_notebook(tmp_path, path, parameters, name):
    with pytest.raises(papermill.PapermillExecutionError) as err:
        run(path, tmp_path, **parameters)
    assert "ParameterError" in str(err.value) and f"'{name}'" in str(err.value)
