"""Comparisons for the checks of the notebooks' exercises (run by otter-grader's `grader.check`).

A student's answer may be anything, including the `...` left in an unanswered cell: every function
here answers False for a value it cannot read instead of raising, so that a check fails with its
own hint rather than with a traceback.

The checks never read the student's variables other than the answers: each loads its own copy of the
tables (`attacks()`, `registry()`, `personnel()`, `night()`), so a student who edits `attacks` changes
nothing a check compares with. Public checks (in the student notebook) only recognise the usual mistakes;
the hidden checks in the autograder archive decide the grade.

The selections the checks share (a calendar year of reports, the national Shahed-type rows on either side of
the suppression break, a claim and the data's figure for it) are written once here, so that each check cell
states only its comparison.
"""

from __future__ import annotations

import inspect
import math
import os
from pathlib import Path
from typing import Any, cast

import nbformat
import otter
import pandas as pd

from uawar import attack, campaign, casualties, claims, data, geography, interception, params, suppression, volumes


def attacks() -> pd.DataFrame:
    """The attack log as the data package holds it (a fresh copy: never the notebook's `attacks`)."""
    return data.load_air_attacks()


def registry() -> pd.DataFrame:
    """The claims registry (a fresh copy)."""
    return data.load_claims()


def personnel() -> pd.DataFrame:
    """The General Staff's daily series (a fresh copy)."""
    return data.load_personnel()


def night() -> dict[str, Any]:
    """Notebook 02's night given as numbers: its parameters' defaults, as the student edition runs them."""
    return params.validate("interception_rates")


def answered(*values: Any) -> bool:
    """Whether every value has been filled in (neither `...` nor None)."""
    return all(v is not Ellipsis and v is not None for v in values)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not answered(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def close(answer: Any, expected: Any, rel: float = 1e-4, abs_tol: float = 0.0) -> bool:
    """Whether `answer` is a number within `rel` (relative) or `abs_tol` of `expected`."""
    a, e = _number(answer), _number(expected)
    return a is not None and e is not None and math.isclose(a, e, rel_tol=rel, abs_tol=abs_tol)


def _timestamp(value: Any) -> pd.Timestamp | None:
    if not answered(value) or isinstance(value, bool | int | float):
        return None
    try:
        if isinstance(value, pd.Period):
            return value.start_time
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else stamp


def same_day(answer: Any, expected: Any) -> bool:
    """Whether `answer` (a timestamp, date or 'YYYY-MM-DD' string) falls on the day `expected` does."""
    a, e = _timestamp(answer), _timestamp(expected)
    return a is not None and e is not None and a.normalize() == e.normalize()


def same_month(answer: Any, expected: Any) -> bool:
    """Whether `answer` (a Period, timestamp or 'YYYY-MM' string) falls in the month `expected` does."""
    a, e = _timestamp(answer), _timestamp(expected)
    return a is not None and e is not None and (a.year, a.month) == (e.year, e.month)


def same_text(answer: Any, expected: str) -> bool:
    """Whether `answer` is the string `expected`, ignoring case, spaces and underscores."""

    def norm(s: str) -> str:
        return s.strip().lower().replace("_", " ")

    return isinstance(answer, str) and norm(answer) == norm(expected)


def year_rows(
    attacks: pd.DataFrame, year: int, weapon_class: str | None = None, units: str = "national"
) -> pd.DataFrame:
    """The attack-log rows reported in calendar year `year` (`data.select`, national reports by default)."""
    return data.select(attacks, start=f"{year}-01-01", end=f"{year}-12-31", weapon_class=weapon_class, units=units)


def launched(
    attacks: pd.DataFrame,
    start: str | pd.Timestamp,
    end: str | pd.Timestamp,
    weapon_class: str | None = None,
    units: str = "national",
) -> float:
    """The launched summed over the rows reported from `start` to `end` (both included; blanks add nothing)."""
    return float(data.select(attacks, start=start, end=end, weapon_class=weapon_class, units=units)["launched"].sum())


def monthly_launched(rows: pd.DataFrame, combine_units: bool = False) -> pd.Series:
    """Launched per calendar month of `rows`, all classes together (`volumes.volumes`)."""
    return volumes.volumes(rows, "month", combine_units=combine_units).sum(axis=1)


def largest_report_day(rows: pd.DataFrame) -> pd.Timestamp:
    """The report date with the most launched in `rows` (`volumes.largest_report_days`)."""
    return pd.Timestamp(volumes.largest_report_days(rows, 1)["report_date"].iloc[0])


def largest_attack(rows: pd.DataFrame) -> int:
    """The most launched in one attack (`volumes.largest_attacks`: the rows of one `attack_id`)."""
    return int(volumes.largest_attacks(rows, 1)["launched"].iloc[0])


def largest_day_total(rows: pd.DataFrame) -> int:
    """The most launched on one report date (`volumes.largest_report_days`)."""
    return int(volumes.largest_report_days(rows, 1)["launched"].iloc[0])


def days_with_several_attacks(rows: pd.DataFrame) -> int:
    """The number of report dates in `rows` that hold more than one attack."""
    return int((rows.groupby("report_date")["attack_id"].nunique() > 1).sum())


def year_summary(attacks: pd.DataFrame, year: int) -> volumes.VolumeSummary:
    """`volumes.volume_summary` by month of the national reports of calendar year `year`."""
    return volumes.volume_summary(year_rows(attacks, year), "month", f"{year}-01-01", f"{year}-12-31")


def calendar_days(year: int) -> int:
    """The number of days in calendar year `year` (366 in a leap year)."""
    return pd.Timestamp(year=year, month=12, day=31).day_of_year


def launched_by_class(attacks: pd.DataFrame, year: int) -> pd.Series:
    """Launched per weapon class in the national reports of calendar year `year`."""
    return year_rows(attacks, year).groupby("weapon_class")["launched"].sum()


def equal_share(rows: pd.DataFrame) -> float:
    """The share of `rows` whose launched equals destroyed, among the rows that give both."""
    both = rows.dropna(subset=["launched", "destroyed"])
    return float((both["launched"] == both["destroyed"]).mean())


def first_stating(attacks: pd.DataFrame) -> pd.Timestamp:
    """The first national Shahed-type report with a positive suppressed figure."""
    rows = data.select(attacks, weapon_class="shahed_drone")
    return pd.Timestamp(rows.loc[rows["suppressed"].fillna(0) > 0, "report_date"].min())


def first_regular(attacks: pd.DataFrame) -> pd.Timestamp | None:
    """The first report of the span in which the national Shahed-type reports state suppression regularly
    (the suppression break's `regular`; None when they never do)."""
    regular = suppression.suppression_break(attacks).regular
    return regular[0] if regular else None


def last_before_break(attacks: pd.DataFrame) -> pd.Timestamp:
    """The last national Shahed-type report dated before the suppression break's end."""
    rows = data.select(attacks, weapon_class="shahed_drone")
    return pd.Timestamp(rows.loc[rows["report_date"] < suppression.suppression_break(attacks).end, "report_date"].max())


def before_break(attacks: pd.DataFrame, start: str | pd.Timestamp = "2025-01-01") -> pd.DataFrame:
    """The national Shahed-type rows from `start` to the day before the suppression break's end."""
    end = suppression.suppression_break(attacks).end - pd.Timedelta(days=1)
    return data.select(attacks, start=start, end=end, weapon_class="shahed_drone")


def after_break(attacks: pd.DataFrame, end: str | pd.Timestamp = "2025-12-31") -> pd.DataFrame:
    """The national Shahed-type rows from the suppression break's end to `end`."""
    return data.select(attacks, start=suppression.suppression_break(attacks).end, end=end, weapon_class="shahed_drone")


def stating_span(attacks: pd.DataFrame) -> pd.DataFrame:
    """The national Shahed-type rows from the first report stating suppression to the day before the break."""
    return before_break(attacks, start=first_stating(attacks))


def claim(registry: pd.DataFrame, claim_id: str) -> pd.Series:
    """The row of the claims registry with id `claim_id`."""
    return registry.set_index("claim_id").loc[claim_id]


def claim_and_figure(
    registry: pd.DataFrame, claim_id: str, attacks: pd.DataFrame, personnel: pd.DataFrame
) -> tuple[pd.Series, float | None]:
    """A claim and the data's own figure for it (`claims.data_figure`; None when the data has none)."""
    c = claim(registry, claim_id)
    return c, claims.data_figure(c, attacks, personnel)[0]


def tolerance_edge(c: pd.Series, found: float | None, tolerance: Any) -> bool:
    """Whether `tolerance` is where the verdict on claim `c` given the data's figure `found` turns: consistent
    just above it (+1e-9), contradicts just below it (-1e-6)."""
    t = _number(tolerance)
    if t is None:
        return False
    return (
        claims.verdict(c["value"], c["qualifier"], found, t + 1e-9) == "consistent"
        and claims.verdict(c["value"], c["qualifier"], found, t - 1e-6) == "contradicts"
    )


def milestone_date(personnel: pd.DataFrame, level: float) -> pd.Timestamp | None:
    """The first report date at which the General Staff's cumulative figure reached `level` (None: not yet)."""
    marks = casualties.milestones(personnel, [level])
    return pd.Timestamp(marks["date"].iloc[0]) if len(marks) else None


def general_staff_on(personnel: pd.DataFrame, date: str | pd.Timestamp) -> float:
    """The General Staff's cumulative figure as of `date` (`casualties.general_staff_figure`)."""
    return casualties.general_staff_figure(personnel, date).value


def decomposed(rows: pd.DataFrame, attacks: pd.DataFrame) -> interception.Decomposition:
    """`interception.decompose` of `rows`, with the suppression break read from the whole log `attacks`."""
    return interception.decompose(rows, suppression.suppression_break(attacks))


def attack_table() -> pd.DataFrame:
    """The table of nationwide attacks, one row each (a fresh copy: never the notebook's `table`)."""
    return data.load_attacks()


def attack_rows(name: str) -> pd.DataFrame:
    """The attack-log rows of one attack, named as notebook 06's parameter names it (`attack.rows_of`)."""
    return attack.rows_of(attacks(), attack.attack_id(attack_table(), name))


def stated(rows: pd.DataFrame, column: str) -> tuple[int, float]:
    """A count of an attack summed over its rows that state it (pd.NA when none does), and the share of its
    launched those rows hold."""
    figure = next(f for f in attack.figures(rows) if f.name == attack.COUNT_NAMES[column])
    return cast(int, figure.total), figure.launched / figure.launched_total


def days_before(name: str) -> attack.Context:
    """The attack among the attacks of the 30 days before its report date (`attack.context`)."""
    return attack.context(attack_table(), attack.attack_id(attack_table(), name))


def decoys(rows: pd.DataFrame) -> tuple[float, float]:
    """The decoys among an attack's Shahed-type launched (launched less strike drones, over the rows stating
    strike drones) and their share of those rows' launched."""
    shahed = rows[(rows["weapon_class"] == "shahed_drone") & rows["real_shaheds"].notna()]
    launched = float(shahed["launched"].sum())
    return launched - float(shahed["real_shaheds"].sum()), (launched - float(shahed["real_shaheds"].sum())) / launched


def campaign_attacks() -> pd.DataFrame:
    """Notebook 07's attacks: the nationwide attacks of its default period (`campaign.period`)."""
    p = params.validate("campaign_shape")
    return campaign.period(attack_table(), p["start"], p["end"])


def salvos(year: str, salvo: int = campaign.SALVO) -> tuple[int, float]:
    """The salvos of calendar year `year` and their share of its launched (`campaign.sizes_by_month`)."""
    months = campaign.sizes_by_month(campaign_attacks(), salvo).filter(like=f"{year}-", axis=0)
    return int(months["salvos"].sum()), months["launched in salvos"].sum() / months["launched"].sum()


def daylight(year: str) -> tuple[int, float]:
    """The attacks of `year` whose window states a time, and the share of them in daylight
    (`campaign.daylight_by_month`)."""
    months = campaign.daylight_by_month(campaign_attacks()).filter(like=f"{year}-", axis=0)
    return int(months["timed"].sum()), months["in daylight"].sum() / months["timed"].sum()


def ballistic_months() -> pd.DataFrame:
    """Notebook 07's ballistic missiles month by month (`campaign.class_monthly`)."""
    p = params.validate("campaign_shape")
    return campaign.class_monthly(attacks(), "ballistic_missile", p["start"], p["end"])


def geography_rows() -> pd.DataFrame:
    """Notebook 08's rows: the nationwide rows of its default period (`geography.nationwide`)."""
    p = params.validate("geography")
    return geography.nationwide(attacks(), p["start"], p["end"])


def naming_place(rows: pd.DataFrame, place: str) -> pd.DataFrame:
    """The rows that name `place` among their launch places (`geography.launch_places`: spellings normalised)."""
    long = geography.launch_places(rows)
    return rows.loc[long.index[long["place"] == place].unique()]


def region_shares(rows: pd.DataFrame) -> tuple[float, float]:
    """The share of `rows` that name a region (`geography.names_a_region`), and the share of the launched they hold."""
    named = geography.names_a_region(rows)
    return float(named.mean()), float(rows.loc[named, "launched"].sum() / rows["launched"].sum())


def launch_place_figures(rows: pd.DataFrame) -> tuple[int, float]:
    """The number of launch places over `rows` (`geography.launch_places`: spellings normalised), and the share of
    the launched held by the rows stating one (`geography.coverage_by_month`)."""
    coverage = geography.coverage_by_month(rows, "launch_place").sum()
    places = geography.launch_places(rows)["place"].nunique()
    return int(places), float(coverage["launched of those"] / coverage["launched"])


def naming_region(rows: pd.DataFrame, region: str) -> pd.DataFrame:
    """The rows whose target or affected_region names `region`, read as `geography.regions` reads the names
    (each row's index rides through it in the model column)."""
    long = geography.regions(rows.assign(model=rows.index))
    return rows.loc[long.loc[long["region"] == region, "model"].unique()]


def notebook_file(assignment: str, folder: Path | None = None) -> Path | None:
    """The student's notebook of `assignment`, whatever its file name: the one JupyterLab says it runs
    (JPY_SESSION_NAME), else the newest notebook in `folder` (the working directory) whose otter metadata
    names the assignment. None when there is none."""

    def of_assignment(path: Path) -> bool:
        try:
            meta = nbformat.read(path, as_version=4).metadata
        except (OSError, ValueError):
            return False
        return bool(meta.get("otter", {}).get("assignment_name") == assignment)

    session = Path(os.environ.get("JPY_SESSION_NAME", ""))
    if session.suffix == ".ipynb" and session.is_file() and of_assignment(session):
        return session
    found = [p for p in Path(folder or Path.cwd()).glob("*.ipynb") if of_assignment(p)]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


class Checked:
    """A check's outcome as a student sees it: the hints of the checks that failed, never their code."""

    def __init__(self, result: Any) -> None:
        self.result = result
        cases = result.test_case_results
        self.hints = [r.test_case.failure_message or "Not accepted." for r in cases if not r.passed]

    def __repr__(self) -> str:
        name = self.result.name
        if not self.hints and any(case.hidden for case in self.result.test_cases):
            return f"{name}: passed (every check, the graded ones included)."
        if not self.hints:
            return f"{name}: no usual mistake found. The graded checks decide whether the answer is right."
        return f"{name}: " + "\n".join(self.hints)


class Grader(otter.Notebook):
    """otter's Notebook that finds its notebook by assignment name (a renamed file still checks and exports)
    and shows only the hints of a failed check."""

    def __init__(self, assignment: str) -> None:
        found = None if otter.Notebook._grading_mode else notebook_file(assignment)
        if found is None and not otter.Notebook._grading_mode:
            raise FileNotFoundError(
                f"no notebook of the exercises {assignment!r} in {Path.cwd()}: open the notebook from the folder "
                "it is in (any file name will do)"
            )
        super().__init__(str(found) if found else None)

    def check(self, question: str, global_env: dict[str, Any] | None = None) -> Any:
        frame = inspect.currentframe()
        env = global_env if global_env is not None else frame.f_back.f_globals if frame and frame.f_back else {}
        result = super().check(question, env)
        return result if otter.Notebook._grading_mode else Checked(result)
