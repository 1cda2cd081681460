"""Each notebook's parameters, declared once: name, type, default, allowed values; validation.

The renderer validates every parameter set here before any kernel starts, and each notebook calls
`validate` on its own parameters before it computes anything, so both fail the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from uawar.ingest import WEAPON_CLASSES

WEAPON_GROUPS = ("all", "drones", "missiles")
UNIT_CHOICES = ("national", "regional", "all")
FREQ_CHOICES = ("day", "week", "month", "year")


class ParameterError(ValueError):
    """An invalid parameter: names it, the value given and what is allowed."""

    def __init__(self, notebook: str, name: str, value: Any, allowed: str):
        self.notebook, self.name, self.value, self.allowed = notebook, name, value, allowed
        super().__init__(f"{notebook}: parameter '{name}' = {value!r} is invalid; allowed: {allowed}")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # "date", "str", "int", "float", "list"
    default: Any
    help: str
    choices: tuple | Callable[[], tuple] | None = None
    minimum: Any = None  # a value, or a callable giving it (e.g. the first date in the data)
    maximum: Any = None
    optional: bool = False  # None is allowed

    def allowed(self) -> str:
        parts = [{"date": "a date YYYY-MM-DD", "str": "text", "int": "a whole number",
                  "float": "a number", "list": "a list"}[self.kind]]
        choices = self.choices() if callable(self.choices) else self.choices
        if choices:
            parts = [f"one of {', '.join(map(str, choices))}"]
        lo = self.minimum() if callable(self.minimum) else self.minimum
        hi = self.maximum() if callable(self.maximum) else self.maximum
        if lo is not None or hi is not None:
            parts.append(f"from {lo if lo is not None else '-inf'} to {hi if hi is not None else 'inf'}")
        if self.optional:
            parts.append("or None")
        return ", ".join(parts)

    def coerce(self, notebook: str, value: Any) -> Any:
        if value is None:
            if self.optional:
                return None
            raise ParameterError(notebook, self.name, value, self.allowed())
        try:
            value = _COERCE[self.kind](value)
        except (TypeError, ValueError):
            raise ParameterError(notebook, self.name, value, self.allowed()) from None
        choices = self.choices() if callable(self.choices) else self.choices
        items = value if self.kind == "list" else [value]
        if choices and any(v not in choices for v in items):
            raise ParameterError(notebook, self.name, value, self.allowed())
        lo = self.minimum() if callable(self.minimum) else self.minimum
        hi = self.maximum() if callable(self.maximum) else self.maximum
        if (lo is not None and value < _COERCE[self.kind](lo)) or (
                hi is not None and value > _COERCE[self.kind](hi)):
            raise ParameterError(notebook, self.name, value, self.allowed())
        return value


def _date(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    return dt.date.fromisoformat(str(value).strip()).isoformat()


def _int(value) -> int:
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise ValueError(value)
    return int(value)


def _list(value) -> list:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


_COERCE = {"date": _date, "str": str, "int": _int, "float": float, "list": _list}


@dataclass(frozen=True)
class NotebookParams:
    notebook: str
    params: tuple[Param, ...]
    # Checks across parameters: each gets the coerced values and raises ParameterError.
    checks: tuple[Callable[[str, dict], None], ...] = field(default=())

    def defaults(self) -> dict:
        return {p.name: p.default for p in self.params}


REGISTRY: dict[str, NotebookParams] = {}


def declare(notebook: str, *params: Param, checks=()) -> NotebookParams:
    REGISTRY[notebook] = NotebookParams(notebook, params, tuple(checks))
    return REGISTRY[notebook]


def spec(notebook: str) -> NotebookParams:
    if notebook not in REGISTRY:
        raise ParameterError("uawar", "notebook", notebook, f"one of {', '.join(sorted(REGISTRY))}")
    return REGISTRY[notebook]


def validate(notebook: str, values: dict | None = None, **kwargs) -> dict:
    """The full parameter set (defaults filled in), coerced; ParameterError on the first bad one."""
    nb = spec(notebook)
    given = {**(values or {}), **kwargs}
    known = {p.name for p in nb.params}
    for name in given:
        if name not in known:
            raise ParameterError(notebook, name, given[name],
                                 f"no such parameter; known: {', '.join(sorted(known))}")
    out = {p.name: p.coerce(notebook, given.get(p.name, p.default)) for p in nb.params}
    for check in nb.checks:
        check(notebook, out)
    return out


# --- shared checks and choices ---------------------------------------------------------------


def _attack_dates() -> tuple[str, str]:
    from uawar import data

    dates = data.load_air_attacks()["report_date"]
    return dates.min().date().isoformat(), dates.max().date().isoformat()


def first_attack_date() -> str:
    return _attack_dates()[0]


def last_attack_date() -> str:
    return _attack_dates()[1]


def start_before_end(notebook: str, values: dict) -> None:
    if values["end"] < values["start"]:
        raise ParameterError(notebook, "end", values["end"],
                             f"a date on or after start ({values['start']})")


def weapon_class_choices() -> tuple:
    return WEAPON_GROUPS + tuple(WEAPON_CLASSES)


# --- 01 air_attack_volumes (owned by the volumes/interception work) --------------------------

declare(
    "air_attack_volumes",
    Param("start", "date", "2025-01-01", "first report date included", minimum=first_attack_date,
          maximum=last_attack_date),
    Param("end", "date", "2025-12-31", "last report date included", minimum=first_attack_date,
          maximum=last_attack_date),
    Param("freq", "str", "week", "the period to count by", choices=FREQ_CHOICES),
    Param("weapon_class", "str", "all", "a weapon class, or drones, missiles, all",
          choices=weapon_class_choices),
    Param("units", "str", "national", "whose reports: national Air Force, regional commands, all",
          choices=UNIT_CHOICES),
    checks=(start_before_end,),
)

# --- 02 interception_rates (owned by the volumes/interception work) --------------------------

declare(
    "interception_rates",
    Param("start", "date", "2025-01-01", "first report date included", minimum=first_attack_date,
          maximum=last_attack_date),
    Param("end", "date", "2025-12-31", "last report date included", minimum=first_attack_date,
          maximum=last_attack_date),
    Param("weapon_class", "str", "shahed_drone", "a weapon class, or drones, missiles, all",
          choices=weapon_class_choices),
    Param("model", "str", None, "a model as reported (overrides weapon_class)", optional=True),
    Param("launched", "int", 63, "worked example: launched in one night", minimum=0, optional=True),
    Param("destroyed", "int", 28, "worked example: shot down", minimum=0, optional=True),
    Param("jammed", "int", 21, "worked example: suppressed by electronic warfare", minimum=0,
          optional=True),
    checks=(start_before_end,),
)

# --- 03 casualty_ratios (owned by the casualty/claims work) ----------------------------------

# --- 04 claims_check (owned by the casualty/claims work) -------------------------------------
