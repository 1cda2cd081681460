"""Notebook 07's parameters (its defaults: the notebook's `parameters` cell)."""

from __future__ import annotations

from uawar.params.common import report_period, start_before_end
from uawar.params.core import Param, declare
from uawar.schema import MAX_WEAPONS

declare(
    "campaign_shape",
    *report_period(),
    Param(
        "salvo",
        "int",
        "an attack of at least this many launched is a salvo",
        minimum=1,
        maximum=MAX_WEAPONS,
    ),
    checks=(start_before_end,),
)
