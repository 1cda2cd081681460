"""Literal attack-log frames and the suppression break of the real log, for the air tests (volumes,
interception, suppression)."""

import pandas as pd

from uawar import interception
from uawar.suppression import SuppressionBreak

# The reporting of suppression as read from the rows of the real log (see test_break_in_the_real_log).
REAL_BREAK = SuppressionBreak(
    pd.Timestamp("2024-07-10"),
    pd.Timestamp("2025-12-27"),
    (pd.Timestamp("2024-08-21"), pd.Timestamp("2025-07-23")),
    pd.Timestamp("2025-07-24"),
)


def frame(rows):
    """A literal attack-log frame: dicts with report_date and any counts; the rest blank."""
    df = pd.DataFrame(rows)
    df["report_date"] = pd.to_datetime(df["report_date"])
    for col in interception.COUNTS:
        df[col] = df[col].astype("Int64") if col in df else pd.array([pd.NA] * len(df), dtype="Int64")
    df["weapon_class"] = df.get("weapon_class", "shahed_drone")
    df["reporting_unit"] = df.get("reporting_unit", "air_force")
    df["model"] = df.get("model", "Shahed-136/131")
    day = df["report_date"].dt.strftime("%Y-%m-%d")
    df["time_start"], df["time_end"] = df.get("time_start", day), df.get("time_end", day)
    # one attack per report date, as the processed table numbers them, unless given
    df["attack_id"] = df.get("attack_id", day + "-1")
    return df
