"""What several notebooks' parameters share: the choices of weapon class, units and period, the data's date bounds,
the checks across parameters and the periods that follow the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from uawar import data, volumes
from uawar.params.core import Param, ParameterError
from uawar.taxonomy import WEAPON_CLASSES, WEAPON_GROUPS

# "all" is understood by data.select beside the groups and units it names.
WEAPON_GROUP_CHOICES = ("all", *WEAPON_GROUPS)
UNIT_CHOICES = (*data.UNIT_GROUPS, "all")
FREQ_CHOICES = tuple(volumes.FREQS)


def _date_bound(table: str, column: str, end: int) -> Callable[[], str]:
    """A callable giving the first (end=0) or last (end=1) date of a table: read when validating."""

    def bound() -> str:
        dates = getattr(data, f"load_{table}")()[column]
        return (dates.min(), dates.max())[end].date().isoformat()

    return bound


first_attack_date = _date_bound("air_attacks", "report_date", 0)
last_attack_date = _date_bound("air_attacks", "report_date", 1)


def start_before_end(notebook: str, values: dict) -> None:
    if values["end"] < values["start"]:
        raise ParameterError(notebook, "end", values["end"], f"a date on or after start ({values['start']})")


def weapon_class_choices() -> tuple:
    return WEAPON_GROUP_CHOICES + tuple(WEAPON_CLASSES)


def last_twelve_months(values: dict) -> None:
    """A period left None: the last twelve months of the attack log, the month of its last report date the
    twelfth (with data to 2026-06-07: 2025-07-01 to 2026-06-07); an end alone keeps its twelve months."""
    end = dt.date.fromisoformat(values["end"] or last_attack_date())
    values["end"] = end.isoformat()
    if values["start"] is None:
        month = end.year * 12 + end.month - 1 - 11
        values["start"] = dt.date(month // 12, month % 12 + 1, 1).isoformat()


def year_to_date(values: dict) -> None:
    """A period left None: the year to date of the attack log's last report date (2026-01-01 to 2026-06-07)."""
    end = dt.date.fromisoformat(values["end"] or last_attack_date())
    values["end"] = end.isoformat()
    if values["start"] is None:
        values["start"] = f"{end.year}-01-01"


def air_period(period: str) -> tuple[Param, ...]:
    """The period and weapon-class parameters that the air notebooks share; a period left None is the data's
    latest (`period`: the last twelve months or the year to date)."""
    return (
        Param(
            "start",
            "date",
            f"first report date included (None: {period})",
            minimum=first_attack_date,
            maximum=last_attack_date,
            optional=True,
        ),
        Param(
            "end",
            "date",
            "last report date included (None: the attack log's last report date)",
            minimum=first_attack_date,
            maximum=last_attack_date,
            optional=True,
        ),
        Param(
            "weapon_class",
            "str",
            "a weapon class, or drones, missiles, all",
            choices=weapon_class_choices,
        ),
    )


def report_period() -> tuple[Param, Param]:
    """A period of report dates with fixed defaults (set in the notebook), within the attack log's."""
    return (
        Param("start", "date", "first report date included", minimum=first_attack_date, maximum=last_attack_date),
        Param("end", "date", "last report date included", minimum=first_attack_date, maximum=last_attack_date),
    )


def air_selection(values: dict) -> dict:
    """The `uawar.data.select` arguments of an air notebook's parameters; a model, when given,
    replaces the weapon class."""
    model = values.get("model")
    return {
        "start": values["start"],
        "end": values["end"],
        "units": values.get("units", "national"),
        "weapon_class": None if model else values["weapon_class"],
        "model": model,
    }


def period_has_data(notebook: str, values: dict) -> None:
    attacks = data.load_air_attacks()
    if data.select(attacks, **air_selection(values)).empty:
        what = values.get("model") or values["weapon_class"]
        lo, hi = first_attack_date(), last_attack_date()
        raise ParameterError(
            notebook,
            "start",
            f"{values['start']} to {values['end']}",
            f"a period (start to end) holding {values.get('units', 'national')} reports of "
            f"{what}; the attack log covers {lo} to {hi}",
        )
