"""Notebook 01's parameters (its defaults: the notebook's `parameters` cell)."""

from __future__ import annotations

from uawar.params.common import (
    FREQ_CHOICES,
    UNIT_CHOICES,
    air_period,
    last_twelve_months,
    period_has_data,
    start_before_end,
)
from uawar.params.core import Param, declare

_start, _end, _weapon_class = air_period("the last twelve months")
declare(
    "air_attack_volumes",
    _start,
    _end,
    Param("freq", "str", "the period to count by", choices=FREQ_CHOICES),
    _weapon_class,
    Param(
        "units",
        "str",
        "whose reports: national Air Force, regional commands, or all (summed: may count a drone twice)",
        choices=UNIT_CHOICES,
    ),
    checks=(start_before_end, period_has_data),
    fills=(last_twelve_months,),
)
