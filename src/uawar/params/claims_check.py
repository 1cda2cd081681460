"""Notebook 04's parameters (its defaults: the notebook's `parameters` cell)."""

from __future__ import annotations

from uawar.params.common import UNIT_CHOICES
from uawar.params.core import Param, declare

declare(
    "claims_check",
    Param(
        "tolerance",
        "float",
        "how far a hedged figure ('about', 'over', 'almost') may be from the data, as a fraction of the claimed value",
        minimum=0.0,
        maximum=0.5,
    ),
    Param(
        "eur_usd",
        "float",
        "US dollars per euro for the currency check (default: 2025-06-12, see uawar.claims.EUR_USD_SOURCE)",
        minimum=0.5,
        maximum=2.0,
    ),
    Param("units", "str", "whose air-attack reports the claims are checked against", choices=UNIT_CHOICES),
)
