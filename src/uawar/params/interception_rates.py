"""Notebook 02's parameters (its defaults: the notebook's `parameters` cell): the period, the class or model, and
the worked example's night."""

from __future__ import annotations

from uawar import data
from uawar.params.common import (
    air_period,
    first_attack_date,
    last_attack_date,
    period_has_data,
    start_before_end,
    year_to_date,
)
from uawar.params.core import Param, ParameterError, declare
from uawar.schema import MAX_WEAPONS

NIGHT = ("launched", "destroyed", "jammed")


def model_choices() -> tuple:
    return tuple(sorted(data.load_air_attacks()["model"].dropna().unique()))


def night_counts(notebook: str, values: dict) -> None:
    """The worked-example night: all three counts or none, and destroyed + jammed <= launched."""
    given = [n for n in NIGHT if values[n] is not None]
    if given and len(given) < len(NIGHT):
        missing = next(n for n in NIGHT if values[n] is None)
        raise ParameterError(
            notebook,
            missing,
            None,
            f"a count, since {', '.join(given)} "
            f"{'is' if len(given) == 1 else 'are'} given (give all of {', '.join(NIGHT)} or none)",
        )
    if not given:
        return
    launched, destroyed, jammed = (values[n] for n in NIGHT)
    if destroyed > launched:
        raise ParameterError(notebook, "destroyed", destroyed, f"at most launched ({launched})")
    if destroyed + jammed > launched:
        raise ParameterError(
            notebook,
            "jammed",
            jammed,
            f"at most launched - destroyed = {launched - destroyed} "
            f"({destroyed} destroyed and {jammed} jammed of {launched} is more than launched)",
        )


declare(
    "interception_rates",
    *air_period("the year to date"),
    Param("model", "str", "a model as reported (overrides weapon_class)", choices=model_choices, optional=True),
    Param("launched", "int", "worked example: launched in one night", minimum=0, maximum=MAX_WEAPONS, optional=True),
    Param("destroyed", "int", "worked example: shot down", minimum=0, maximum=MAX_WEAPONS, optional=True),
    Param(
        "jammed",
        "int",
        "worked example: suppressed by electronic warfare",
        minimum=0,
        maximum=MAX_WEAPONS,
        optional=True,
    ),
    Param(
        "night",
        "date",
        "worked example: the report date of the night of Shahed-type drones the counts describe (shown only in a "
        "Shahed-type report whose period holds it)",
        minimum=first_attack_date,
        maximum=last_attack_date,
        optional=True,
    ),
    checks=(start_before_end, night_counts, period_has_data),
    fills=(year_to_date,),
)
