"""Notebook 08's analysis (uawar.geography). Real values worked by hand from the raw export with plain pandas:
nationwide rows (source kpszsu, GeneralStaff, CinCAFU) reported 2025-01-01..2026-05-31, plus the 3 rows of the
post the build reads as nationwide by content (the night ending 2025-10-01, cited to the southern command: 54
launched, each row with a launch place)."""

import pandas as pd
import pytest
from notebook_runner import run

from uawar import config, data, geography

NB08 = config.NOTEBOOKS_DIR / "08_geography.ipynb"


@pytest.fixture(scope="module")
def rows():
    return geography.nationwide(data.load_air_attacks(), "2025-01-01", "2026-05-31")


def _rows(**columns):
    n = len(next(iter(columns.values())))
    base = {
        "report_date": [pd.Timestamp("2025-01-02")] * n,
        "attack_id": [f"2025-01-02-{i}" for i in range(1, n + 1)],
        "model": ["Shahed-136/131"] * n,
        "launched": [10] * n,
        "launch_place": [pd.NA] * n,
        "target": ["Ukraine"] * n,
        "affected_region": [pd.NA] * n,
    }
    base.update(columns)
    return pd.DataFrame(base)


def test_coverage_of_launch_places(rows):
    # raw: 944 + 3 = 947 rows, 88,089 + 54 = 88,143 launched; 891 + 3 = 894 rows state a place, 85,534 + 54
    # = 85,588 launched
    cov = geography.coverage_by_month(rows, "launch_place").sum()
    assert (cov["rows"], cov["launched"], cov["rows stating"], cov["launched of those"]) == (947, 88143, 894, 85588)


def test_kursk_oblast_and_kharkiv_oblast(rows):
    # raw: 520 rows (445 posts) name Kursk oblast among their launch places; 130 posts name Kharkiv oblast as hit
    assert tuple(geography.place_totals(rows).loc["Kursk oblast", ["rows", "attacks"]]) == (520, 445)
    assert geography.region_totals(rows).loc["Kharkiv oblast", "hit"] == 130


def test_several_places_kept_and_spellings_made_one():
    small = _rows(launch_place=["Kursk oblast and Chauda, Crimea", "Vologda Oblast and Hvardiiske", pd.NA])
    totals = geography.place_totals(small)
    assert set(totals.index) == {"Kursk oblast", "Chauda, Crimea", "Vologda oblast", "Hvardiiske, Crimea"}
    assert totals.loc["Kursk oblast", "launched_by_rows_naming_it"] == 10  # the row's launched, not split
    shares = geography.places_by_month(small)
    assert shares.loc["2025-01", "Kursk oblast"] == 0.5  # 1 of the 2 rows stating a place


def test_the_country_and_directions_name_no_region():
    small = _rows(
        target=["Ukraine", "south", "Odesa oblast and Mykolaiv oblast", "Dnipropetrovsk oblast, Dnipro Raion"],
        affected_region=[pd.NA, "Sumy oblast; Dnipro oblast", pd.NA, pd.NA],
    )
    assert geography.names_a_region(small).tolist() == [False, True, True, True]
    totals = geography.region_totals(small)
    assert totals.loc["Dnipropetrovsk oblast", "attacks naming it"] == 2  # "Dnipro oblast" and the raion
    assert set(totals.index) == {"Sumy oblast", "Dnipropetrovsk oblast", "Odesa oblast", "Mykolaiv oblast"}


@pytest.mark.slow
def test_08_key_figures(tmp_path):
    text = run(NB08, tmp_path, start="2025-01-01", end="2026-05-31")
    assert "**894 of 947 rows (94%), 85,588 of 88,143 launched** state a launch place" in text
