"""Each notebook's parameters, declared once: name, type, default, allowed values; validation.

The renderer validates every parameter set here before any kernel starts, and each notebook calls
`validate_from(name, globals())` on its own parameters cell before it computes anything, so both fail the
same way.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from uawar import attack, campaign, casualties, claims, config, data, diff, i18n, ingest, volumes
from uawar.errors import InputError
from uawar.schema import MAX_WEAPONS, shown
from uawar.taxonomy import WEAPON_CLASSES, WEAPON_GROUPS

# "all" is understood by data.select beside the groups and units it names.
WEAPON_GROUP_CHOICES = ("all", *WEAPON_GROUPS)
UNIT_CHOICES = (*data.UNIT_GROUPS, "all")
FREQ_CHOICES = tuple(volumes.FREQS)


class ParameterError(InputError, ValueError):
    """An invalid parameter: names it, the value given and what is allowed."""

    def __init__(self, notebook: str, name: str, value: Any, allowed: str):
        self.notebook, self.name, self.value, self.allowed = notebook, name, value, allowed
        super().__init__(f"{notebook}: parameter '{name}' = {shown(value, 200)} is invalid; allowed: {allowed}")


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
        parts = [
            {
                "date": "a date YYYY-MM-DD",
                "str": "text",
                "int": "a whole number",
                "float": "a number",
                "list": "a list",
            }[self.kind]
        ]
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
        except (TypeError, ValueError, OverflowError):
            raise ParameterError(notebook, self.name, value, self.allowed()) from None
        choices = self.choices() if callable(self.choices) else self.choices
        items = value if self.kind == "list" else [value]
        bad = [v for v in items if choices and v not in choices]
        if bad:  # of a list, name only the items that are not allowed
            raise ParameterError(notebook, self.name, bad if self.kind == "list" else value, self.allowed())
        lo = self.minimum() if callable(self.minimum) else self.minimum
        hi = self.maximum() if callable(self.maximum) else self.maximum
        if (lo is not None and value < _COERCE[self.kind](lo)) or (hi is not None and value > _COERCE[self.kind](hi)):
            raise ParameterError(notebook, self.name, value, self.allowed())
        return value


def _date(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    return dt.date.fromisoformat(str(value).strip()).isoformat()


def _int(value: Any) -> int:
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise ValueError(value)
    return int(value)  # inf raises OverflowError, a ValueError's sibling: caught with it


def _float(value: Any) -> float:
    """A finite number: 'nan' and 'inf' are refused, not compared (NaN passes every bound check)."""
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _list(value: str | Iterable[str]) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


_COERCE: dict[str, Callable[[Any], Any]] = {"date": _date, "str": str, "int": _int, "float": _float, "list": _list}


Check = Callable[[str, dict], None]


@dataclass(frozen=True)
class NotebookParams:
    notebook: str
    params: tuple[Param, ...]
    # Checks across parameters: each gets the coerced values and raises ParameterError.
    checks: tuple[Check, ...] = field(default=())
    # The files a report reads beyond the data package, from its parameters (its cache key hashes them).
    reads: Callable[[dict], list[Path]] | None = None
    # Defaults that follow the data: each gets the coerced values and sets those left None (the period to the
    # data's latest), before the checks.
    fills: tuple[Callable[[dict], None], ...] = field(default=())

    def defaults(self) -> dict:
        return {p.name: p.default for p in self.params}


REGISTRY: dict[str, NotebookParams] = {}


def declare(
    notebook: str,
    *params: Param,
    checks: Iterable[Check] = (),
    reads: Callable[[dict], list[Path]] | None = None,
    fills: Iterable[Callable[[dict], None]] = (),
) -> NotebookParams:
    REGISTRY[notebook] = NotebookParams(notebook, params, tuple(checks), reads, tuple(fills))
    return REGISTRY[notebook]


def files_read(notebook: str, values: dict) -> list[Path]:
    """The files a report with these (validated) values reads beyond the data package."""
    reads = spec(notebook).reads
    return reads(values) if reads else []


def spec(notebook: str) -> NotebookParams:
    if notebook not in REGISTRY:
        raise ParameterError("uawar", "notebook", notebook, f"one of {', '.join(sorted(REGISTRY))}")
    return REGISTRY[notebook]


def validate(notebook: str, values: Mapping[str, Any] | None = None, **kwargs: Any) -> dict:
    """The full parameter set (defaults filled in), coerced; ParameterError on the first bad one."""
    nb = spec(notebook)
    given = {**(values or {}), **kwargs}
    known = {p.name for p in nb.params}
    for name in given:
        if name not in known:
            raise ParameterError(notebook, name, given[name], f"no such parameter; known: {', '.join(sorted(known))}")
    out = {p.name: p.coerce(notebook, given.get(p.name, p.default)) for p in nb.params}
    for fill in nb.fills:
        fill(out)
    for check in nb.checks:
        check(notebook, out)
    return out


def validate_from(notebook: str, namespace: Mapping[str, Any]) -> dict:
    """`validate` on the values the notebook's `parameters` cell (and papermill's injected cell) left in
    `namespace`, the notebook's `globals()`: every declared parameter is read, so none can be forgotten."""
    nb = spec(notebook)
    i18n.set_language(namespace.get(i18n.PARAMETER, i18n.SOURCE))  # what the notebook writes from here on
    for p in nb.params:
        if p.name not in namespace:
            raise ParameterError(
                notebook, p.name, None, "a value set in the notebook's `parameters` cell (it sets none)"
            )
    return validate(notebook, {p.name: namespace[p.name] for p in nb.params})


# --- shared checks and choices ---------------------------------------------------------------


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


def air_period(default_class: str, period: str) -> tuple[Param, ...]:
    """The period and weapon-class parameters that the air notebooks share; a period left None is the data's
    latest (`period`: the last twelve months or the year to date)."""
    return (
        Param(
            "start",
            "date",
            None,
            f"first report date included (None: {period})",
            minimum=first_attack_date,
            maximum=last_attack_date,
            optional=True,
        ),
        Param(
            "end",
            "date",
            None,
            "last report date included (None: the attack log's last report date)",
            minimum=first_attack_date,
            maximum=last_attack_date,
            optional=True,
        ),
        Param(
            "weapon_class",
            "str",
            default_class,
            "a weapon class, or drones, missiles, all",
            choices=weapon_class_choices,
        ),
    )


# --- 01 air_attack_volumes -------------------------------------------------------------------


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


_start, _end, _weapon_class = air_period("all", "the last twelve months")
declare(
    "air_attack_volumes",
    _start,
    _end,
    Param("freq", "str", "week", "the period to count by", choices=FREQ_CHOICES),
    _weapon_class,
    Param(
        "units",
        "str",
        "national",
        "whose reports: national Air Force, regional commands, or all (summed: may count a drone twice)",
        choices=UNIT_CHOICES,
    ),
    checks=(start_before_end, period_has_data),
    fills=(last_twelve_months,),
)

# --- 02 interception_rates -------------------------------------------------------------------

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
    *air_period("shahed_drone", "the year to date"),
    Param("model", "str", None, "a model as reported (overrides weapon_class)", choices=model_choices, optional=True),
    Param(
        "launched", "int", 63, "worked example: launched in one night", minimum=0, maximum=MAX_WEAPONS, optional=True
    ),
    Param("destroyed", "int", 28, "worked example: shot down", minimum=0, maximum=MAX_WEAPONS, optional=True),
    Param(
        "jammed",
        "int",
        21,
        "worked example: suppressed by electronic warfare",
        minimum=0,
        maximum=MAX_WEAPONS,
        optional=True,
    ),
    Param(
        "night",
        "date",
        "2025-06-12",
        "worked example: the report date of the night of Shahed-type drones the counts describe (shown only in a "
        "Shahed-type report whose period holds it)",
        minimum=first_attack_date,
        maximum=last_attack_date,
        optional=True,
    ),
    checks=(start_before_end, night_counts, period_has_data),
    fills=(year_to_date,),
)

# --- 03 casualty_ratios ----------------------------------------------------------------------


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
        None,
        "date of the General Staff's figure (its last report on or before; None: the series' last date)",
        minimum=first_loss_date,
        maximum=last_loss_date,
        optional=True,
    ),
    Param(
        "claims",
        "list",
        ["1", "2a", "2b", "3", "5", "6a", "6b"],
        "ids of the claims (data/claims.csv) whose casualty figures are compared",
        choices=casualty_claim_choices,
    ),
    checks=(claims_not_empty,),
    fills=(series_last_date,),
)

# --- 04 claims_check -------------------------------------------------------------------------

declare(
    "claims_check",
    Param(
        "tolerance",
        "float",
        claims.HEDGE_TOLERANCE,
        "how far a hedged figure ('about', 'over', 'almost') may be from the data, as a fraction of the claimed value",
        minimum=0.0,
        maximum=0.5,
    ),
    Param(
        "eur_usd",
        "float",
        claims.EUR_USD,
        "US dollars per euro for the currency check (default: 2025-06-12, see uawar.claims.EUR_USD_SOURCE)",
        minimum=0.5,
        maximum=2.0,
    ),
    Param("units", "str", "national", "whose air-attack reports the claims are checked against", choices=UNIT_CHOICES),
)

# --- 05 export_changes -----------------------------------------------------------------------

EXPORT_HELP = (
    "an export of the attack log: newest, previous or an export's name in data/raw (its date, e.g. 2026-02-08), "
    "or a folder of raw files or a data package (a relative path is read from the repository root)"
)


def exports_exist(notebook: str, values: dict) -> None:
    """Both exports can be read, before any kernel starts."""
    for name in ("old", "new"):
        try:
            table = diff.locate(values[name], config.PROJ_ROOT)[0]
        except InputError as err:
            raise ParameterError(notebook, name, values[name], str(err)[:400]) from None
        if not table.is_file():  # a FIFO or a device would hold the kernel up, or never end
            raise ParameterError(notebook, name, values[name], f"{table} is not a regular file; {EXPORT_HELP}")


def export_files(values: dict) -> list[Path]:
    """What the report reads beyond the data package: both exports' attack log and weapon catalogue."""
    tables = [diff.locate(values[name], config.PROJ_ROOT)[0] for name in ("old", "new")]
    return tables + [t.with_name(ingest.CATALOGUE_FILE) for t in tables]


declare(
    "export_changes",
    Param("old", "str", "previous", f"the older export: {EXPORT_HELP}"),
    Param("new", "str", "newest", f"the newer export: {EXPORT_HELP}"),
    checks=(exports_exist,),
    reads=export_files,
)

# --- 06 attack -------------------------------------------------------------------------------


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
        "largest",
        "the attack: its report date (YYYY-MM-DD) where that day has one nationwide attack, else the date and its "
        "number that day in the order the windows start (2026-03-24-2), or the word largest or latest",
    ),
    checks=(attack_exists,),
)


def report_period(start: str, end: str) -> tuple[Param, Param]:
    """A period of report dates with fixed defaults, within the attack log's."""
    return (
        Param(
            "start", "date", start, "first report date included", minimum=first_attack_date, maximum=last_attack_date
        ),
        Param("end", "date", end, "last report date included", minimum=first_attack_date, maximum=last_attack_date),
    )


# --- 07 campaign_shape -----------------------------------------------------------------------

declare(
    "campaign_shape",
    *report_period("2024-01-01", "2026-05-31"),
    Param(
        "salvo",
        "int",
        campaign.SALVO,
        "an attack of at least this many launched is a salvo",
        minimum=1,
        maximum=MAX_WEAPONS,
    ),
    checks=(start_before_end,),
)

# --- 08 geography ----------------------------------------------------------------------------

declare(
    "geography",
    *report_period("2025-01-01", "2026-05-31"),
    checks=(start_before_end,),
)

# --- what a report counts: its title ---------------------------------------------------------

# What a weapon class or group counts, in a page's title: a class alone says "only", and a class that the
# combined rows touch says where those rows go (uawar.ingest's rule: the class both parts share, else mixed).
COUNTED = {
    "all": "all drones, missiles and bombs",
    "drones": "all drones (Shahed-type with their decoys, and others)",
    "missiles": "all missiles",
    "bombs": "guided and aerial bombs",
    "shahed_drone": "Shahed-type drones only (decoys counted with them)",
    "ballistic_missile": "ballistic missiles only (a row combining them with another class, such as "
    "'S-400 and Iskander-M', counts as mixed missiles)",
    "cruise_missile": "cruise missiles only (a row combining them with another class counts as mixed missiles)",
}
UNITS_COUNTED = {
    "national": "nationwide reports",
    "regional": "regional commands' shoot-down tallies",
    "all": "nationwide and regional reports summed (a drone may count twice)",
}


def period_words(start: str, end: str) -> str:
    """'March 2026', '2025', '2026 to 7 June' (a year to date), else '1 July 2025 to 7 June 2026' (in the current
    language: uawar.i18n)."""
    s, e = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    nxt = e + dt.timedelta(days=1)
    if s == e:
        return i18n.long_date(s)
    if s.day == 1 and nxt.day == 1 and (nxt.year * 12 + nxt.month) - (s.year * 12 + s.month) == 1:
        return i18n.month(s)
    if (s.month, s.day) == (1, 1) and (nxt.month, nxt.day) == (1, 1) and nxt.year == s.year + 1:
        return str(s.year)
    if (s.month, s.day) == (1, 1) and e.year == s.year:
        return i18n._("{year} to {day} (year to date)").format(year=s.year, day=i18n.day_and_month(e))
    return i18n._("{start} to {end}").format(start=i18n.long_date(s), end=i18n.long_date(e))


def counts(notebook: str, values: dict) -> str:
    """What a report of `notebook` with these (validated) values counts, without its period: the class or
    model, the reports and the units ('Shahed-type drones only (decoys counted with them), nationwide reports')."""
    if notebook in ("air_attack_volumes", "interception_rates"):
        what = values.get("model") or values["weapon_class"]
        counted = f"the model {what} only" if values.get("model") else COUNTED.get(what, WEAPON_CLASSES.get(what, what))
        how = f", counted by {values['freq']}" if "freq" in values else ""
        return f"{counted}, {UNITS_COUNTED.get(values.get('units', 'national'), 'national')}{how}"
    if notebook == "casualty_ratios":
        return i18n._(
            "claimed casualties (killed and wounded, not deaths) beside the General Staff's daily claimed count"
        )
    if notebook == "claims_check":
        return f"published claims checked against the data ({UNITS_COUNTED[values['units']]})"
    if notebook == "attack":
        name = values["attack"]
        return f"the {name} nationwide attack in the log" if name in attack.WORDS else f"the nationwide attack {name}"
    if notebook == "export_changes":
        old, new = values["old"], values["new"]
        return i18n._("rows of the attack log added, removed and corrected between the exports {old} and {new}").format(
            old=old, new=new
        )
    return ""


def heading(notebook: str, title: str, values: dict) -> str:
    """A report's title: the notebook's short title (before its colon), what the page counts and its period or
    date ('Interception rates: Shahed-type drones only (decoys counted with them), nationwide reports, March 2026')."""
    short = title.split(":")[0].strip()
    what = counts(notebook, values)
    if values.get("start") and values.get("end"):
        when = period_words(values["start"], values["end"])
    elif values.get("as_of"):
        when = i18n._("as of {date}").format(date=i18n.date(values["as_of"]))
    else:
        when = ""
    return ", ".join(x for x in (f"{short}: {what}" if what else short, when) if x)
