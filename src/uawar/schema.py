"""Pandera schemas of the raw and processed tables, and the error every bad input raises."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from uawar.errors import InputError

# Columns every export of the attack log must have, however old.
CORE_COLUMNS = ("time_start", "time_end", "model", "launched", "destroyed")
# Optional raw count columns, by their current name.
RAW_COUNT_COLUMNS = (
    "launched",
    "destroyed",
    "not_reach_goal",
    "still_attacking",
    "is_shahed",
    "num_hit_location",
    "num_fall_fragment_location",
)
MAX_ROWS_SHOWN = 5
# Ceilings on a raw count, far above any real figure, that refuse typos and overflows (10^12, 1e30).
# The largest real row: 810 drones launched in one night (2025-09-07); the General Staff's cumulative
# personnel figure passed 1.2 million in 2026.
MAX_WEAPONS = 10_000  # weapons of one model in one attack window
MAX_PERSONNEL = 10_000_000  # claimed Russian personnel losses since 2022-02-24
# No report of this war can be dated before the full-scale invasion.
INVASION = dt.date(2022, 2, 24)
# An export where more than this share of the rows, and more than MIN_REPEATS rows, repeat others (the
# same row, or the same model and window from one reporting unit) is refused: the real log holds 58 such
# rows of 3,770 (1.5 %); a few repeats in a small extract are only flagged.
MAX_REPEAT_SHARE = 0.2
MIN_REPEATS = 100
MAX_SHOWN_CHARS = 40  # a value quoted in a message is cut to this length


def shown(value: object, limit: int = MAX_SHOWN_CHARS) -> str:
    """A value for a message: its repr, cut short (a hostile field can be a megabyte)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + " ..."


class DataError(InputError):
    """A bad input: names the file, the column and the first offending rows (1-based file lines)."""

    def __init__(self, path: Path | str, message: str, column: str | None = None, rows: list[int] | None = None):
        self.path, self.column, self.rows, self.message = str(path), column, rows or [], message
        where = f"{self.path}"
        if column:
            where += f", column '{column}'"
        text = f"{where}: {message}"
        if self.rows:
            shown = ", ".join(str(r) for r in self.rows[:MAX_ROWS_SHOWN])
            more = f" (and {len(self.rows) - MAX_ROWS_SHOWN} more)" if len(self.rows) > MAX_ROWS_SHOWN else ""
            text += f"; first offending rows (file lines): {shown}{more}"
        super().__init__(text)


def _whole(s: pd.Series) -> pd.Series:
    return s.isna() | (s % 1 == 0)


def count_column(ceiling: int, nullable: bool = True) -> pa.Column:
    return pa.Column(
        float,
        nullable=nullable,
        coerce=True,
        checks=[
            pa.Check.ge(0, error="a count must not be negative"),
            pa.Check(_whole, error="a count must be a whole number"),
            pa.Check.le(ceiling, error=f"a count above the ceiling of {ceiling:,} (uawar.schema) is not plausible"),
        ],
    )


def raw_counts_schema(columns: Iterable[str], ceiling: int = MAX_WEAPONS) -> pa.DataFrameSchema:
    return pa.DataFrameSchema({c: count_column(ceiling) for c in columns}, strict=False)


def validate(
    df: pd.DataFrame, schema: pa.DataFrameSchema, path: Path | str, line_of: Callable[[int], int] = lambda i: i + 2
) -> pd.DataFrame:
    """Run a pandera schema lazily; turn its first failure into a DataError naming file lines."""
    try:
        return schema.validate(df, lazy=True)
    except SchemaErrors as err:
        cases = err.failure_cases
        first = cases.iloc[0]
        column = first["column"] if isinstance(first["column"], str) else None
        same = cases[cases["column"] == first["column"]] if column else cases
        rows = sorted({line_of(int(i)) for i in same["index"].dropna()})
        values = ", ".join(shown(v) for v in same["failure_case"].head(MAX_ROWS_SHOWN))
        check = str(first["check"])
        if check.startswith("coerce_dtype"):
            check = "a count must be a number"
        raise DataError(path, f"{check} (values: {values})", column=column, rows=rows) from None


AIR_ATTACKS_COLUMNS = {
    # name: (frictionless type, unit, description)
    "report_date": ("date", None, "Date the attack window ends: the day the Air Force reports it."),
    "time_start": ("string", None, "Start of the attack window as reported (YYYY-MM-DD[ HH:MM], Kyiv time)."),
    "time_end": ("string", None, "End of the attack window as reported (YYYY-MM-DD[ HH:MM], Kyiv time)."),
    "model": ("string", None, "Weapon model as reported; combined rows join models with ' and '."),
    "weapon_class": ("string", None, "Weapon class: the dataset's catalogue plus explicit rules (uawar.ingest)."),
    "launched": ("integer", "weapons", "Launched (drones include decoys). Blank: not reported."),
    "destroyed": ("integer", "weapons", "Reported shot down. Blank: not reported."),
    "suppressed": ("integer", "weapons", "Locationally lost (not_reach_goal), mostly to EW. Blank: not reported."),
    "still_attacking": ("integer", "weapons", "Still in the air when the report was posted. Blank: not reported."),
    "crossed_border": ("integer", "weapons", "Left Ukrainian airspace (to Russia, Belarus, ...). Blank: not reported."),
    "hit_locations": ("integer", "locations", "Locations hit (num_hit_location). Blank: not reported."),
    "fragment_locations": (
        "integer",
        "locations",
        "Locations where debris of the shot-down fell (num_fall_fragment_location). Blank: not reported.",
    ),
    "real_shaheds": ("integer", "drones", "Of the launched, real Shahed-type drones (is_shahed); the rest are decoys."),
    "launch_place": (
        "string",
        None,
        "Where they were launched from, as stated (launch_place; several places joined with ' and '). Blank: not "
        "stated.",
    ),
    "target": ("string", None, "The target as stated: 'Ukraine' for the whole country, a region or a direction."),
    "affected_region": (
        "string",
        None,
        "Regions the post names as hit (affected region), joined with '; '. Blank: not stated.",
    ),
    "reporting_unit": (
        "string",
        None,
        "Whose report the row is: a nationwide body (air_force, general_staff, commander_in_chief), a regional air "
        "command (its rows are shoot-down tallies), or other. The account the row cites decides (the table "
        "uawar:reporting_units lists them), except where the post's content shows a nationwide report or an "
        "override decides (uawar:nationwide_rule, uawar:nationwide_overrides; flagged cited_to_another_account).",
    ),
    "source_ref": ("string", None, "The post the row cites, as in the source."),
    "attack_id": (
        "string",
        None,
        "The attack (wave) the row belongs to: one nationwide post on one report date (attacks.csv); blank for "
        "regional commands' and other sources' rows.",
    ),
    "quality_flags": ("string", None, "Semicolon-separated flags on valid but implausible rows; blank when none."),
}

# The parts of an attack the attacks table counts apart: Shahed-type drones, other drones, missiles, bombs and
# models of no weapon type (taxonomy.WEAPON_GROUPS; a part never mixes drones, missiles and bombs).
ATTACK_PARTS = ("shahed", "other_drones", "missiles", "bombs", "unknown")
_PART_NAMES = {
    "shahed": "Shahed-type drones (with decoys)",
    "other_drones": "other drones",
    "missiles": "missiles",
    "bombs": "guided and aerial bombs",
    "unknown": "models of no stated weapon type",
}
ATTACKS_COLUMNS = {
    "attack_id": ("string", None, "The attack: report date and its number that day, in the order the windows start."),
    "report_date": ("date", None, "Date the attack's window ends."),
    "time_start": ("string", None, "Start of the earliest window among its rows (Kyiv time)."),
    "time_end": ("string", None, "End of the latest window among its rows (Kyiv time)."),
    "reporting_unit": ("string", None, "The nationwide body whose report it is (air_attacks.reporting_unit)."),
    "source_ref": ("string", None, "The post, as the source cites it."),
    "rows": ("integer", "rows", "Rows of the attack log in the attack (one weapon model in one window each)."),
    "launched": ("integer", "weapons", "Launched, every class (drones include decoys). Blank: no row states it."),
    **{
        f"{part}_{count}": (
            "integer",
            "weapons",
            f"{what} of {name}. " + ("0 when the report lists none." if count == "launched" else blank),
        )
        for part, name in _PART_NAMES.items()
        for count, what, blank in (
            ("launched", "Launched", ""),
            ("destroyed", "Shot down", "Blank when a row of this part states no figure, or it lists none."),
            (
                "suppressed",
                "Suppressed (locationally lost; from 2025-07-24 merged into shot down, written 0)",
                "Blank when a row of this part states no figure, or it lists none.",
            ),
        )
    },
    "shahed_real": (
        "integer",
        "drones",
        "Of the Shahed-type launched, real strike drones as the Air Force states them ('about N'); the rest are "
        "decoys. Blank where not stated.",
    ),
    "quality_flags": (
        "string",
        None,
        "The attack log's flags of its rows, and windows_differ where its rows carry windows of their own.",
    ),
}
COVERAGE_COLUMNS = {
    "month": ("string", None, "Calendar month of report (YYYY-MM)."),
    "days": ("integer", "days", "Calendar days of the month within the log's first and last report dates."),
    "report_days": ("integer", "days", "Days with at least one nationwide report."),
    "attacks": ("integer", "attacks", "Nationwide attacks reported (attacks.csv)."),
}

PERSONNEL_COLUMNS = {
    "date": ("date", None, "Date of the General Staff's report."),
    "cumulative": ("integer", "persons", "Claimed Russian personnel losses (killed and wounded) since 2022-02-24."),
    "daily": ("integer", "persons", "Difference from the previous report; blank on the first."),
    "qualifier": ("string", None, "The General Staff's qualifier of the figure ('about', 'more')."),
}

CLAIMS_COLUMNS = {
    "claim_id": ("string", None, "The claim's number in the source list; a letter per figure when it states several."),
    "claimant": ("string", None, "Who made the claim."),
    "stated_on": ("string", None, "When it was stated (YYYY-MM-DD; YYYY-MM or YYYY where only that is known)."),
    "side": ("string", None, "Whose losses or actions the figure is about: russia, ukraine, both or none."),
    "metric": ("string", None, "What is counted (snake_case)."),
    "qualifier": ("string", None, "How the figure was hedged: over, about, almost; blank when stated exactly."),
    "value": ("number", None, "The figure claimed."),
    "unit": ("string", None, "Unit of the value."),
    "period": ("string", None, "The period the figure covers (ISO 8601 interval or date)."),
    "source": ("string", None, "Where the claim was reported."),
    "note": ("string", None, "Qualifiers, approximations and caveats."),
    "relation": (
        "string",
        None,
        "How the figure relates to other claims: 'part of ID', 'sum of ID + ID ...' or 'conversion of ID' "
        "(the same amount in another currency); blank when none.",
    ),
}

_counts = {
    c: pa.Column("Int64", nullable=True, checks=pa.Check.ge(0))
    for c, (t, *_) in AIR_ATTACKS_COLUMNS.items()
    if t == "integer"
}
AIR_ATTACKS_SCHEMA = pa.DataFrameSchema(
    {
        "report_date": pa.Column("datetime64[ns]", nullable=False),
        "time_start": pa.Column(str, nullable=False),
        "time_end": pa.Column(str, nullable=False),
        "model": pa.Column(str, nullable=False),
        "weapon_class": pa.Column(str, nullable=False),
        **_counts,
        "launch_place": pa.Column(str, nullable=True),
        "target": pa.Column(str, nullable=True),
        "affected_region": pa.Column(str, nullable=True),
        "reporting_unit": pa.Column(str, nullable=False),
        "source_ref": pa.Column(str, nullable=True),
        "attack_id": pa.Column(str, nullable=True),
        "quality_flags": pa.Column(str, nullable=True),
    },
    strict=True,
    ordered=True,
)

ATTACKS_SCHEMA = pa.DataFrameSchema(
    {
        "attack_id": pa.Column(str, unique=True),
        "report_date": pa.Column("datetime64[ns]"),
        "time_start": pa.Column(str),
        "time_end": pa.Column(str),
        "reporting_unit": pa.Column(str),
        "source_ref": pa.Column(str, nullable=True),
        **{
            c: pa.Column("Int64", nullable=True, checks=pa.Check.ge(0))
            for c, (t, *_) in ATTACKS_COLUMNS.items()
            if t == "integer"
        },
        "quality_flags": pa.Column(str, nullable=True),
    },
    strict=True,
    ordered=True,
)
COVERAGE_SCHEMA = pa.DataFrameSchema(
    {
        "month": pa.Column(str, unique=True, checks=pa.Check.str_matches(r"^\d{4}-\d{2}$")),
        "days": pa.Column("Int64", checks=pa.Check.ge(1)),
        "report_days": pa.Column("Int64", checks=pa.Check.ge(0)),
        "attacks": pa.Column("Int64", checks=pa.Check.ge(0)),
    },
    checks=pa.Check(lambda df: df["report_days"] <= df["days"], error="more report days than days"),
    strict=True,
    ordered=True,
)

# 'part of 7a', 'sum of 8a + 8c', 'conversion of 15a'
RELATION = re.compile(r"^(?P<kind>part of|sum of|conversion of) (?P<ids>[0-9a-z]+(?: \+ [0-9a-z]+)*)$")
RELATION_KINDS = ("part of", "sum of", "conversion of")


def relation_targets(relation: str) -> tuple[str, list[str]]:
    """'sum of 8a + 8c' -> ('sum of', ['8a', '8c']); ValueError when the text is not a relation."""
    m = RELATION.match(relation)
    if m is None:
        raise ValueError(
            f"not a relation: {relation!r}; expected one of {', '.join(k + ' ID' for k in RELATION_KINDS)}"
        )
    kind, ids = m["kind"], m["ids"].split(" + ")
    if kind != "sum of" and len(ids) != 1:
        raise ValueError(f"{relation!r}: '{kind}' names one claim")
    return kind, ids


def _relation_ok(s: pd.Series) -> pd.Series:
    def ok(v: str) -> bool:
        try:
            relation_targets(v)
        except ValueError:
            return False
        return True

    return s.isna() | s.map(ok).astype(bool)


def _relations_resolve(df: pd.DataFrame) -> pd.Series:
    """Every claim a relation names is in the registry, and not the claim itself."""
    ids = set(df["claim_id"])

    def ok(cid: str, v: object) -> bool:
        try:
            targets = relation_targets(v)[1] if isinstance(v, str) else []
        except ValueError:
            return True  # the column check reports the wording
        return cid not in targets and set(targets) <= ids

    return pd.Series([ok(c, v) for c, v in zip(df["claim_id"], df["relation"], strict=True)], index=df.index)


CLAIMS_SCHEMA = pa.DataFrameSchema(
    {
        "claim_id": pa.Column(None, unique=True, checks=pa.Check.str_matches(r"^[0-9]+[a-z]?$")),
        "claimant": pa.Column(None),
        "stated_on": pa.Column(None, checks=pa.Check.str_matches(r"^\d{4}(-\d{2}(-\d{2})?)?$")),
        "side": pa.Column(None, checks=pa.Check.isin(["russia", "ukraine", "both", "none"])),
        "metric": pa.Column(None, checks=pa.Check.str_matches(r"^[a-z_]+$")),
        "qualifier": pa.Column(None, nullable=True, checks=pa.Check.isin(["over", "about", "almost"])),
        "value": pa.Column(None, checks=pa.Check.gt(0)),
        "unit": pa.Column(None),
        "period": pa.Column(None),
        "source": pa.Column(None),
        "note": pa.Column(None, nullable=True),
        "relation": pa.Column(
            str,
            nullable=True,
            checks=pa.Check(
                _relation_ok, error="a relation reads 'part of ID', 'sum of ID + ID' or 'conversion of ID'"
            ),
        ),
    },
    checks=pa.Check(_relations_resolve, error="a relation names a claim that is not in the registry (or itself)"),
    strict=True,
    ordered=True,
)

PERSONNEL_SCHEMA = pa.DataFrameSchema(
    {
        "date": pa.Column("datetime64[ns]", unique=True, checks=pa.Check(lambda s: s.is_monotonic_increasing)),
        "cumulative": pa.Column("Int64", checks=pa.Check.ge(0)),
        "daily": pa.Column("Int64", nullable=True, checks=pa.Check.ge(0)),
        "qualifier": pa.Column(str, nullable=True),
    },
    strict=True,
    ordered=True,
)
