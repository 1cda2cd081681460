"""Notebook 06's parameters (its default: the notebook's `parameters` cell): the attack."""

from __future__ import annotations

from uawar import attack, data
from uawar.params.core import Param, ParameterError, declare


def attack_exists(notebook: str, values: dict) -> None:
    """The attack named is one nationwide attack of the log; a day with several needs its number."""
    try:
        attack.attack_id(data.load_attacks(), values["attack"])
    except attack.UnknownAttack as err:
        raise ParameterError(notebook, "attack", values["attack"], str(err)) from None


declare(
    "attack",
    Param(
        "attack",
        "str",
        "the attack: its report date (YYYY-MM-DD) where that day has one nationwide attack, else the date and its "
        "number that day in the order the windows start (2026-03-24-2), or the word largest or latest",
    ),
    checks=(attack_exists,),
)
