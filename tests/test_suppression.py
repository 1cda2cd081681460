"""The suppression break read from the rows, against a literal log and the real one worked out by hand."""

import pandas as pd
from air_log import REAL_BREAK, frame

from uawar import data, suppression

# --- the suppression break ---------------------------------------------------------------------


def test_break_rule_on_a_literal_log(monkeypatch):
    monkeypatch.setattr(suppression, "REGULAR_MIN", 5)  # a short log: a run of 5 stating rows counts as regular
    # one row a week; "+" states a positive figure, "." omits it (blank), "0" the merged zero
    #   Jan: . . . .   Feb: + . + +   Mar: . . . . + + . + + + +   Apr: 0 0 0 0   May: + 0 0 0
    pattern = [
        ".",
        ".",
        ".",
        ".",
        "+",
        ".",
        "+",
        "+",
        ".",
        ".",
        ".",
        ".",
        "+",
        "+",
        ".",
        "+",
        "+",
        "+",
        "+",
        "0",
        "0",
        "0",
        "0",
        "+",
        "0",
        "0",
        "0",
    ]
    days = pd.date_range("2024-01-01", periods=len(pattern), freq="7D")
    value = {".": None, "+": 4, "0": 0}
    df = frame(
        [
            {"report_date": f"{d:%Y-%m-%d}", "launched": 10, "destroyed": 5, "suppressed": value[p]}
            for d, p in zip(days, pattern, strict=True)
        ]
    )
    # a regional command's positive figure must not move the nationwide span
    df = pd.concat(
        [
            df,
            frame(
                [{"report_date": "2024-05-28", "launched": 3, "suppressed": 2, "reporting_unit": "air_command_south"}]
            ),
        ],
        ignore_index=True,
    )
    brk = suppression.suppression_break(df)
    assert brk.first == days[4]  # the first "+"
    # rows 4..6 (gap of 1) continue into 12.. only if at most REGULAR_GAP=3 rows omit it: rows 7..11 are 4
    # rows ('.', '.', '.', '.'), so the regular span is the longer run: rows 12..18 (one '.' inside)
    assert brk.regular == (days[12], days[18])
    assert brk.end == days[19]  # the first report after the regular span
    assert brk.last == days[23]  # an isolated later report
    assert [d for d, _ in brk.within(days[0], days[-1])] == [days[4], days[12], days[19]]
    assert brk.within(days[20], days[-1]) == []
    assert "1 later report" in brk.span()
    assert suppression.suppression_break(df[df["suppressed"].isna()]) == suppression.NO_BREAK
    # the rule states the gap as a literal (one sentence to translate): it must stay the gap the code reads
    assert f"no more than {suppression.REGULAR_GAP} rows in a row omit it" in suppression.SUPPRESSION_RULE


def test_break_in_the_real_log(raw_csv):
    # Nationwide Shahed-type rows, read by hand from the raw log: the first positive suppressed figure is the
    # Air Force's report of 2024-07-10 (3 of 20); 12 reports state one in July-August 2024, but 22 rows omit
    # it between 2024-07-25 and 2024-08-21; from 2024-08-21 to 2025-07-23 no more than 2 rows in a row omit it;
    # 2025-07-24 writes 0 (merged); afterwards only 2025-10-22 and 2025-12-27 state a figure.
    brk = suppression.suppression_break(data.load_air_attacks())
    assert (brk.first, brk.last, brk.regular, brk.end) == (
        REAL_BREAK.first,
        REAL_BREAK.last,
        REAL_BREAK.regular,
        REAL_BREAK.end,
    )
    assert brk.stated_dates[-2:] == (pd.Timestamp("2025-10-22"), pd.Timestamp("2025-12-27"))
    july_august = [d for d in brk.stated_dates if pd.Timestamp("2024-07-01") <= d <= pd.Timestamp("2024-08-31")]
    assert len(july_august) == 12
    assert "crosses the merge" in brk.describe("2025-01-01", "2025-12-31")
    assert "lies after the merge" in brk.describe("2025-07-24", "2025-12-31")
    assert "begin to state suppression (2024-07-10, 2024-08-21)" in brk.describe("2024-07-01", "2024-08-31")
    assert "does not cross" in brk.describe("2023-01-01", "2023-12-31")
    assert "separately from 2024-07-10, regularly from 2024-08-21 to 2025-07-23" in brk.span()


def test_the_suppression_break_is_read_per_class():
    attacks = data.load_air_attacks()
    shahed = suppression.suppression_break(attacks)
    assert (shahed.end, shahed.what) == (pd.Timestamp("2025-07-24"), "Shahed-type drones")
    missiles = suppression.suppression_break(attacks, "missiles")
    assert missiles.end is None and missiles.regular is None and missiles.what == "missiles"
    assert "never regularly" in missiles.span() and "Shahed" not in missiles.span()
    assert missiles.definition("2025-01-01", "2025-12-31") == "kinetic rate: shot down alone"
    assert shahed.definition("2026-05-01", "2026-05-31").startswith("merged: shot down or suppressed")
    assert suppression.suppression_break(attacks, "drones").end == shahed.end  # the drones' break is the Shahed-type's
