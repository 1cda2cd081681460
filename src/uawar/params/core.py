"""The mechanism of the notebooks' parameters: a parameter's declaration (`Param`), a notebook's
(`NotebookParams`, `declare`), validation, and the defaults, read from the notebook's own `parameters` cell:
each default is written once, where a reader of the notebook sees it."""

from __future__ import annotations

import ast
import datetime as dt
import functools
import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from uawar import config, i18n
from uawar.errors import InputError
from uawar.schema import shown

Kind = Literal["date", "str", "int", "float", "list"]


class ParameterError(InputError, ValueError):
    """An invalid parameter: names it, the value given and what is allowed."""

    def __init__(self, notebook: str, name: str, value: Any, allowed: str):
        self.notebook, self.name, self.value, self.allowed = notebook, name, value, allowed
        super().__init__(f"{notebook}: parameter '{name}' = {shown(value, 200)} is invalid; allowed: {allowed}")


@dataclass(frozen=True)
class Param:
    """One parameter of a notebook; its default is the value the notebook's `parameters` cell sets."""

    name: str
    kind: Kind
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


_COERCE: dict[Kind, Callable[[Any], Any]] = {"date": _date, "str": str, "int": _int, "float": _float, "list": _list}


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

    def defaults(self) -> dict[str, Any]:
        """Each parameter's default, as the notebook's `parameters` cell sets it."""
        path, found = parameters_cell(self.notebook)
        declared = [p.name for p in self.params]
        missing = [n for n in declared if n not in found]
        extra = [n for n in found if n not in declared and n != i18n.PARAMETER]  # the language: the renderer's to set
        if missing or extra:
            parts = ([f"missing {missing}"] if missing else []) + ([f"not in uawar.params {extra}"] if extra else [])
            raise InputError(f"{path}: the 'parameters' cell does not match uawar.params: {'; '.join(parts)}")
        return {n: found[n] for n in declared}


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
    defaults = nb.defaults()
    out = {p.name: p.coerce(notebook, given.get(p.name, defaults[p.name])) for p in nb.params}
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


def parameters_cell(notebook: str) -> tuple[Path, dict[str, Any]]:
    """The notebook's file (notebooks/NN_<notebook>.ipynb) and the values its `parameters` cell sets."""
    paths = sorted(Path(config.NOTEBOOKS_DIR).glob(f"[0-9][0-9]_{notebook}.ipynb"))
    if len(paths) != 1:
        raise InputError(f"{config.NOTEBOOKS_DIR}: expected one notebook NN_{notebook}.ipynb, found {len(paths)}")
    return paths[0], _cell_values(paths[0], paths[0].stat().st_mtime_ns)


@functools.cache
def _cell_values(path: Path, mtime_ns: int) -> dict[str, Any]:
    """The `NAME = literal` lines of the notebook's cell tagged 'parameters' (read as JSON: nbformat's schema
    check costs seconds in a fresh process); cached while the file is unchanged."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise InputError(f"{path}: cannot read the notebook ({type(err).__name__}: {err})") from None
    tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(tagged) != 1:
        raise InputError(f"{path}: expected one cell tagged 'parameters', found {len(tagged)}")
    source = tagged[0]["source"]
    values = {}
    for node in ast.parse("".join(source) if isinstance(source, list) else source).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            raise InputError(f"{path}: the 'parameters' cell, line {node.lineno}: expected NAME = VALUE")
        target = node.targets[0]
        try:
            values[target.id] = ast.literal_eval(node.value)
        except ValueError:
            raise InputError(
                f"{path}: the 'parameters' cell, line {node.lineno}: the default of {target.id} is not a literal "
                "(a number, text, list or None)"
            ) from None
    return values
