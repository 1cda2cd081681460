"""Loaders of the processed tables and the claims, and selection by period, weapon and unit."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pandas as pd

from uawar import config
from uawar.i18n import N_
from uawar.ingest.reading import read_raw
from uawar.schema import (
    AIR_ATTACKS_COLUMNS,
    ATTACKS_COLUMNS,
    CLAIMS_COLUMNS,
    CLAIMS_SCHEMA,
    COVERAGE_COLUMNS,
    PERSONNEL_COLUMNS,
    DataError,
    validate,
)
from uawar.taxonomy import ALL_UNITS, NATIONAL_UNITS, REGIONAL_UNITS, WEAPON_CLASSES, WEAPON_GROUPS

UNIT_GROUPS = {"national": NATIONAL_UNITS, "regional": REGIONAL_UNITS}
_PANDAS_TYPES = {"integer": "Int64", "string": "string", "number": "Float64"}


REBUILD = "rebuild the tables with `make data` (or `uawar data build`)"
TABLE = f"a table of data/processed; {REBUILD}"  # what an unreadable processed file should be


def _read(path: Path, text: bytes, columns: dict) -> pd.DataFrame:
    dates = [c for c, (kind, *_) in columns.items() if kind == "date"]
    dtypes = {c: _PANDAS_TYPES[kind] for c, (kind, *_) in columns.items() if kind in _PANDAS_TYPES}
    try:
        df = pd.read_csv(
            io.BytesIO(text), dtype=dtypes, parse_dates=dates, keep_default_na=False, na_values=[""], encoding="utf-8"
        )
    except (ValueError, pd.errors.ParserError) as err:  # a bad number or date, a ragged row, bad UTF-8
        raise DataError(path, f"does not match its schema ({str(err)[:200]}); {REBUILD}") from None
    missing = set(columns) - set(df.columns)
    if missing:
        raise DataError(path, f"missing column(s) {sorted(missing)}; {REBUILD}", column=sorted(missing)[0])
    return df


@cache
def _package(path: str, modified: int, size: int) -> dict:
    text = read_raw(Path(path), TABLE)
    try:
        package = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DataError(path, f"not valid JSON (truncated?): {err}; {REBUILD}") from None
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list) or not all(
        isinstance(r, dict)
        and isinstance(r.get("name"), str)
        and isinstance(r.get("path"), str)
        and str(r.get("hash", "")).startswith("sha256:")
        for r in resources
    ):
        raise DataError(
            path,
            f"key 'resources': expected a list of tables, each with a name, a path and a hash 'sha256:...'; {REBUILD}",
        )
    return package


def _stamp(path: Path) -> tuple[int, int]:
    """A file's modification time and size: a kernel kept open across `make data` reads the new file."""
    try:
        st = path.stat()
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


def load_datapackage(path: Path | None = None) -> dict:
    path = Path(path or config.DATAPACKAGE)
    return _package(str(path), *_stamp(path))


def reach(path: Path | None = None) -> list[dict]:
    """For each table whose data package records them: its name, first and last date, and the raw export
    it was built from (`uawar:origin`, first file)."""
    out = []
    for r in load_datapackage(path)["resources"]:
        recorded, origins = r.get("uawar:coverage"), r.get("uawar:origin")
        if isinstance(recorded, dict) and {"first", "last"} <= set(recorded):
            origin = origins[0] if isinstance(origins, list) and origins and isinstance(origins[0], dict) else {}
            out.append({"table": r["name"], "first": recorded["first"], "last": recorded["last"], "origin": origin})
    return out


def coverage(table: str = "air_attacks") -> tuple[dt.date, dt.date]:
    """The first and last date of a table (report dates of the attack log), as the data package records them."""
    resource: dict = next((r for r in load_datapackage()["resources"] if r["name"] == table), {})
    recorded = resource.get("uawar:coverage")
    if isinstance(recorded, dict) and "first" in recorded and "last" in recorded:
        return dt.date.fromisoformat(recorded["first"]), dt.date.fromisoformat(recorded["last"])
    loaded = {"air_attacks": (load_air_attacks, "report_date"), "personnel_losses": (load_personnel, "date")}
    load, column = loaded[table]
    dates = load()[column]
    return dates.min().date(), dates.max().date()


def _recorded_hash(path: Path) -> str | None:
    """The sha256 that data/datapackage.json records for a table; None for a file it does not list."""
    package_path = Path(config.DATAPACKAGE)
    for r in load_datapackage(package_path)["resources"]:
        if (package_path.parent / r["path"]).resolve() == path.resolve():
            return r["hash"].removeprefix("sha256:")
    return None


@cache
def _verified(path: str, modified: int, size: int, recorded: str | None) -> bytes:
    """The file's bytes, once their sha256 matches the recorded one (hashed once per file version)."""
    text = read_raw(Path(path), TABLE)
    actual = hashlib.sha256(text).hexdigest()
    if recorded is not None and actual != recorded:
        raise DataError(
            path,
            f"sha256 {actual[:12]}... differs from {recorded[:12]}... recorded in {config.DATAPACKAGE}: the table "
            f"was edited or truncated after it was built; {REBUILD}, which also records a deliberate edit of "
            "data/claims.csv",
        )
    return text


@cache
def _table(path: str, kind: str, modified: int, size: int, recorded: str | None) -> pd.DataFrame:
    tables: dict[str, dict] = {
        "air_attacks": AIR_ATTACKS_COLUMNS,
        "attacks": ATTACKS_COLUMNS,
        "coverage": COVERAGE_COLUMNS,
        "personnel": PERSONNEL_COLUMNS,
        "claims": CLAIMS_COLUMNS,
    }
    columns = tables[kind]
    df = _read(Path(path), _verified(path, modified, size, recorded), columns)
    if kind == "claims":  # curated by hand: check every row, and that each relation names claims that exist
        validate(df, CLAIMS_SCHEMA, path)
    return df


def _load(path: Path, kind: str) -> pd.DataFrame:
    """A table checked against the hash recorded in the data package (a copy; safe to modify)."""
    return _table(str(path), kind, *_stamp(path), _recorded_hash(path)).copy()


def air_attacks_from(path: Path, text: bytes) -> pd.DataFrame:
    """The attack log from the bytes of a processed table read already (an export `uawar.diff` compares)."""
    return _read(path, text, AIR_ATTACKS_COLUMNS)


def load_air_attacks(path: Path | None = None) -> pd.DataFrame:
    """The attack log: one row per weapon model per attack window (a copy; safe to modify)."""
    return _load(Path(path or config.PROCESSED_DIR / "air_attacks.csv"), "air_attacks")


def load_attacks(path: Path | None = None) -> pd.DataFrame:
    """The nationwide attacks (waves): one row per nationwide post on one report date (a copy)."""
    return _load(Path(path or config.PROCESSED_DIR / "attacks.csv"), "attacks")


def load_coverage(path: Path | None = None) -> pd.DataFrame:
    """Per month of the log: its days, the days with a nationwide report, and the attacks (a copy)."""
    return _load(Path(path or config.PROCESSED_DIR / "coverage.csv"), "coverage")


def load_personnel(path: Path | None = None) -> pd.DataFrame:
    """The General Staff's daily claimed Russian personnel losses."""
    return _load(Path(path or config.PROCESSED_DIR / "personnel_losses.csv"), "personnel")


def load_claims(path: Path | None = None) -> pd.DataFrame:
    """The hand-curated claims registry, one figure a row."""
    return _load(Path(path or config.CLAIMS_CSV), "claims")


def data_version(path: Path | None = None) -> dict[str, str]:
    """The sha256 of each table in the data package, each checked against its file: what a report
    was computed from."""
    package_path = Path(path or config.DATAPACKAGE)
    hashes = {}
    for r in load_datapackage(package_path)["resources"]:
        table = package_path.parent / r["path"]
        recorded = r["hash"].removeprefix("sha256:")
        _verified(str(table), *_stamp(table), recorded)
        hashes[r["name"]] = recorded
    return hashes


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def units_of(units: str | Iterable[str]) -> list[str]:
    """'national', 'regional', 'all', a unit name, or a list of unit names -> unit names."""
    names: list[str] = []
    for u in _as_list(units) or []:
        if u == "all":
            return sorted(ALL_UNITS)
        names += UNIT_GROUPS.get(u, [u])
    return names


def select(
    df: pd.DataFrame,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    weapon_class: str | Iterable[str] | None = None,
    model: str | Iterable[str] | None = None,
    units: str | Iterable[str] | None = "national",
) -> pd.DataFrame:
    """Rows whose report_date is within [start, end], of the given weapon class(es) (or a group:
    drones, missiles, all) or model(s),
    posted by the given reporting units (by default every nationwide body, each wave counted once: OVERLAP_RULE)."""
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
    out = df[keep]
    return out[~nationwide_overlaps(out)]


# The rule, stated once for the notebooks' caveats.
OVERLAP_RULE = N_(
    "Nationwide reports are the Air Force's, and the General Staff's or the Commander-in-Chief's on the few days "
    "they posted one; where two nationwide bodies report the same model on the same report date over overlapping "
    "windows, the figure is counted once, from the Air Force (then the General Staff)."
)
# How regional air commands' rows are named wherever they are shown: in nearly all of them launched equals
# destroyed, so they count drones shot down, not drones launched.
REGIONAL_LABEL = N_("regional air commands' shoot-down tallies")


def _window(df: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each row's attack window as timestamps; a date without a time covers the whole day."""
    start = pd.to_datetime(df["time_start"], format="mixed")
    end = pd.to_datetime(df["time_end"], format="mixed")
    whole_day = df["time_end"].str.len() == 10
    end = end.where(~whole_day, end + pd.Timedelta(days=1) - pd.Timedelta(minutes=1))
    return start, end


def nationwide_overlaps(df: pd.DataFrame) -> pd.Series:
    """True for each row that repeats a nationwide report of a body ranked before it (NATIONAL_UNITS order:
    Air Force first): same report date and model, overlapping windows. Those rows are counted once."""
    ranks = {u: i for i, u in enumerate(NATIONAL_UNITS)}
    rank = df["reporting_unit"].map(ranks)
    drop = pd.Series(False, index=df.index)
    national = df[rank.notna()]
    if national["reporting_unit"].nunique() < 2:
        return drop
    start, end = _window(national)
    rows = pd.DataFrame(
        {
            "date": national["report_date"],
            "model": national["model"],
            "rank": rank[national.index],
            "s": start,
            "e": end,
        }
    ).reset_index(names="row")
    pairs = rows.merge(rows, on=["date", "model"], suffixes=("", "_other"))
    repeats = pairs[
        (pairs["rank_other"] < pairs["rank"]) & (pairs["s"] <= pairs["e_other"]) & (pairs["s_other"] <= pairs["e"])
    ]
    drop[drop.index.isin(repeats["row"])] = True
    return drop


def possible_repeats(df: pd.DataFrame) -> pd.DataFrame:
    """Nationwide rows the build flags as possible repeats (quality flags duplicate_row, repeated_window: the
    same row, or the same model and window as another row of the same body, in one post or two). Kept in every
    total (a post can name one model twice for two salvos); listed so that a reader can judge. `repeat`: the
    flag."""
    national = df[df["reporting_unit"].isin(NATIONAL_UNITS)]
    flags = national["quality_flags"].fillna("").str.split(";")
    repeat = flags.map(lambda f: next((x for x in ("duplicate_row", "repeated_window") if x in f), ""))
    rows = national.assign(repeat=repeat)[repeat != ""]
    return rows.sort_values(["model", "time_start", "time_end", "source_ref"], kind="stable")
