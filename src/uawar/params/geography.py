"""Notebook 08's parameters (its defaults: the notebook's `parameters` cell)."""

from __future__ import annotations

from uawar.params.common import report_period, start_before_end
from uawar.params.core import declare

declare(
    "geography",
    *report_period(),
    checks=(start_before_end,),
)
