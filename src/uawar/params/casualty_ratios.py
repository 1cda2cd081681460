"""Notebook 03's parameters (its defaults: the notebook's `parameters` cell)."""

from __future__ import annotations

from uawar import casualties, data
from uawar.params.common import _date_bound
from uawar.params.core import Param, ParameterError, declare

first_loss_date = _date_bound("personnel", "date", 0)
last_loss_date = _date_bound("personnel", "date", 1)


def casualty_claim_choices() -> tuple:
    """Ids of the registry's claims that state killed, wounded or casualty figures."""
    registry = data.load_claims()
    return tuple(registry.loc[registry["metric"].isin(casualties.CASUALTY_METRICS), "claim_id"])


def series_last_date(values: dict) -> None:
    """`as_of` left None: the General Staff series' last date."""
    if values["as_of"] is None:
        values["as_of"] = last_loss_date()


def claims_not_empty(notebook: str, values: dict) -> None:
    if not values["claims"]:
        raise ParameterError(
            notebook, "claims", values["claims"], f"at least one of {', '.join(casualty_claim_choices())}"
        )


declare(
    "casualty_ratios",
    Param(
        "as_of",
        "date",
        "date of the General Staff's figure (its last report on or before; None: the series' last date)",
        minimum=first_loss_date,
        maximum=last_loss_date,
        optional=True,
    ),
    Param(
        "claims",
        "list",
        "ids of the claims (data/claims.csv) whose casualty figures are compared",
        choices=casualty_claim_choices,
    ),
    checks=(claims_not_empty,),
    fills=(series_last_date,),
)
