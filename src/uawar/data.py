"""Loaders of the processed tables and the claims, and selection by period, weapon and unit."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pandas as pd

from uawar import config
from uawar.schema import AIR_ATTACKS_COLUMNS, CLAIMS_COLUMNS, CLAIMS_SCHEMA, PERSONNEL_COLUMNS, DataError, validate
from uawar.taxonomy import ALL_UNITS, DRONE_CLASSES, MISSILE_CLASSES, NATIONAL_UNITS, REGIONAL_UNITS, WEAPON_CLASSES

UNIT_GROUPS = {"national": NATIONAL_UNITS, "regional": REGIONAL_UNITS}
WEAPON_GROUPS = {
    "drones": sorted(DRONE_CLASSES | {"mixed_drones"}),
    "missiles": sorted(MISSILE_CLASSES | {"mixed_missiles"}),
}
_PANDAS_TYPES = {"integer": "Int64", "string": "string", "number": "Float64"}


def _read(path: Path, columns: dict) -> pd.DataFrame:
    path = Path(path)
    if not path.is_file():
        raise DataError(path, "not found: run `make data` (or `uawar data build`) first")
    dates = [c for c, (kind, *_) in columns.items() if kind == "date"]
    dtypes = {c: _PANDAS_TYPES[kind] for c, (kind, *_) in columns.items() if kind in _PANDAS_TYPES}
    df = pd.read_csv(path, dtype=dtypes, parse_dates=dates, keep_default_na=False, na_values=[""])
    missing = set(columns) - set(df.columns)
    if missing:
        raise DataError(path, f"missing column(s) {sorted(missing)}", column=sorted(missing)[0])
    return df


@cache
def _cached(path: str, kind: str, modified: int) -> pd.DataFrame:
    columns = {"air_attacks": AIR_ATTACKS_COLUMNS, "personnel": PERSONNEL_COLUMNS, "claims": CLAIMS_COLUMNS}[kind]
    df = _read(Path(path), columns)
    if kind == "claims":  # curated by hand: check every row, and that each relation names claims that exist
        validate(df, CLAIMS_SCHEMA, path)
    return df


def _load(path: Path, kind: str) -> pd.DataFrame:
    # Keyed by modification time too: a kernel kept open across `make data` reads the new table.
    modified = path.stat().st_mtime_ns if path.is_file() else 0
    return _cached(str(path), kind, modified).copy()


def load_air_attacks(path: Path | None = None) -> pd.DataFrame:
    """The attack log: one row per weapon model per attack window (a copy; safe to modify)."""
    return _load(Path(path or config.PROCESSED_DIR / "air_attacks.csv"), "air_attacks")


def load_personnel(path: Path | None = None) -> pd.DataFrame:
    """The General Staff's daily claimed Russian personnel losses."""
    return _load(Path(path or config.PROCESSED_DIR / "personnel_losses.csv"), "personnel")


def load_claims(path: Path | None = None) -> pd.DataFrame:
    """The hand-curated claims registry, one figure a row."""
    return _load(Path(path or config.CLAIMS_CSV), "claims")


def load_datapackage(path: Path | None = None) -> dict:
    return json.loads(Path(path or config.DATAPACKAGE).read_text(encoding="utf-8"))


def data_version(path: Path | None = None) -> dict[str, str]:
    """The sha256 of each table in the data package: what a report was computed from."""
    return {r["name"]: r["hash"].removeprefix("sha256:") for r in load_datapackage(path)["resources"]}


def _as_list(value) -> list | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def units_of(units: str | Iterable[str]) -> list[str]:
    """'national', 'regional', 'all', a unit name, or a list of unit names -> unit names."""
    names = []
    for u in _as_list(units):
        if u == "all":
            return sorted(ALL_UNITS)
        names += UNIT_GROUPS.get(u, [u])
    return names


def select(
    df: pd.DataFrame,
    start=None,
    end=None,
    weapon_class=None,
    model=None,
    units: str | Iterable[str] | None = "national",
) -> pd.DataFrame:
    """Rows whose report_date is within [start, end], of the given weapon class(es) (or a group:
    drones, missiles, all) or model(s),
    posted by the given reporting units (national Air Force reports by default)."""
    keep = pd.Series(True, index=df.index)
    if start is not None:
        keep &= df["report_date"] >= pd.Timestamp(start)
    if end is not None:
        keep &= df["report_date"] <= pd.Timestamp(end)
    classes = _as_list(weapon_class)
    if classes and "all" not in classes:
        allowed = set(WEAPON_CLASSES) | set(WEAPON_GROUPS)
        unknown = set(classes) - allowed
        if unknown:
            raise ValueError(f"weapon_class: unknown {sorted(unknown)}; allowed: all, {', '.join(sorted(allowed))}")
        keep &= df["weapon_class"].isin([c for g in classes for c in WEAPON_GROUPS.get(g, [g])])
    models = _as_list(model)
    if models:
        keep &= df["model"].isin(models)
    if units is not None:
        keep &= df["reporting_unit"].isin(units_of(units))
    return df[keep]
