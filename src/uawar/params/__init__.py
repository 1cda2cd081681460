"""Each notebook's parameters, declared once: name, type, allowed values (a module per notebook beside the
mechanism in `core`); each default is the value the notebook's own `parameters` cell sets.

The renderer validates every parameter set here before any kernel starts, and each notebook calls
`validate_from(name, globals())` on its own parameters cell before it computes anything, so both fail the
same way.
"""

from uawar.params import (  # noqa: F401  # each declares its notebook's parameters in REGISTRY
    air_attack_volumes,
    attack,
    campaign_shape,
    casualty_ratios,
    claims_check,
    export_changes,
    geography,
    interception_rates,
)
from uawar.params.common import air_selection, start_before_end
from uawar.params.core import REGISTRY, Param, ParameterError, declare, files_read, spec, validate, validate_from
from uawar.params.titles import counts, heading

__all__ = [
    "REGISTRY",
    "Param",
    "ParameterError",
    "air_selection",
    "counts",
    "declare",
    "files_read",
    "heading",
    "spec",
    "start_before_end",
    "validate",
    "validate_from",
]
