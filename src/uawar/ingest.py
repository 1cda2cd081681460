"""Raw exports to tidy tables: parse, normalise, classify, validate, write atomically."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from uawar import config, data, markup, sources
from uawar.files import NotAnInput, atomic_write, clean_stale, read_input, sha256
from uawar.i18n import N_
from uawar.schema import (
    AIR_ATTACKS_COLUMNS,
    AIR_ATTACKS_SCHEMA,
    ATTACKS_COLUMNS,
    ATTACKS_SCHEMA,
    CLAIMS_COLUMNS,
    CORE_COLUMNS,
    COVERAGE_COLUMNS,
    COVERAGE_SCHEMA,
    INVASION,
    MAX_PERSONNEL,
    MAX_REPEAT_SHARE,
    MAX_WEAPONS,
    MIN_REPEATS,
    PERSONNEL_COLUMNS,
    PERSONNEL_SCHEMA,
    RAW_COUNT_COLUMNS,
    DataError,
    raw_counts_schema,
    shown,
    validate,
)
from uawar.taxonomy import (
    NATIONAL_UNITS,
    NATIONWIDE_OVERRIDES,
    NATIONWIDE_RULE,
    UNITS,
    WEAPON_CLASSES,
    WEAPON_GROUPS,
    WHOLE_COUNTRY,
    Catalogue,
    Classification,
    classify,
    group_of,
    reporting_unit,
)

ATTACKS_FILE, CATALOGUE_FILE = sources.ATTACK_LOG.files
PERSONNEL_FILE = sources.LOSS_SERIES.files[0]
BUILT_FROM = (ATTACKS_FILE, CATALOGUE_FILE, PERSONNEL_FILE)

# Older exports name some columns differently.
COLUMN_ALIASES = {
    "not_reach_target": "not_reach_goal",
    "num_hit_locations": "num_hit_location",
    "hit_location": "num_hit_location",
}


def load_catalogue(path: Path, data: bytes | None = None) -> Catalogue:
    """model -> (category, type) of each single model in the dataset's catalogue (`data`: its bytes)."""
    cat = _read_csv(path, required=("model", "category"), data=data)
    kinds = cat["type"] if "type" in cat else pd.Series([pd.NA] * len(cat))
    entries = {}
    for model, category, kind in zip(cat["model"], cat["category"], kinds, strict=True):
        if " and " in str(model):
            continue  # combined rows are classified from their parts
        entries[str(model).strip()] = (str(category).strip(), kind.strip() if isinstance(kind, str) else "")
    return entries


# --- reading ---------------------------------------------------------------------------------


# C0 control characters but tab, line feed and carriage return, and DEL: never in a real export.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_raw(path: Path, kind: str) -> bytes:
    """A raw file's bytes, read once (`uawar.files.read_input`): DataError when it is missing, no
    regular file, over the size ceiling or unreadable."""
    path = Path(path)
    try:
        return read_input(path)
    except FileNotFoundError:
        raise DataError(path, f"file not found; expected {kind}") from None
    except NotAnInput as err:
        raise DataError(path, f"{err}; expected {kind}") from None
    except OSError as err:
        raise DataError(path, f"cannot be read ({err.strerror or err}); expected {kind}") from None


def _read_text(path: Path, kind: str, data: bytes | None = None) -> str:
    """A raw file's text (from `data`, its bytes, when read already): UTF-8 with no control characters."""
    path = Path(path)
    data = read_raw(path, kind) if data is None else data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise DataError(
            path, f"byte 0x{data[err.start]:02x} is not UTF-8; expected {kind} in UTF-8", rows=[line]
        ) from None
    if not text.strip():
        raise DataError(path, f"file is empty; expected {kind}")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise DataError(path, f"control character U+{ord(bad.group()):04X}; expected printable text", rows=[line])
    return text


def _read_csv(path: Path, required: Iterable[str] = (), data: bytes | None = None) -> pd.DataFrame:
    """Read a CSV (from `data`, its bytes, when read already) as strings after checking it is whole:
    not empty, ends with a newline, every row has as many fields as the header, at least one row."""
    path = Path(path)
    text = _read_text(path, "a CSV file", data)
    if not text.endswith("\n"):
        raise DataError(path, "file looks truncated: its last line has no line ending")
    # Records, not lines: a quoted field may hold a line break. line_num is the file line a record ends on.
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows)
        short = [rows.line_num for row in rows if len(row) != len(header)]
    except csv.Error as err:  # a field over the csv module's size limit, a stray quote
        raise DataError(path, f"malformed CSV ({err})", rows=[rows.line_num]) from None
    if short:
        raise DataError(
            path, f"rows do not have the header's {len(header)} fields (truncated or malformed)", rows=short
        )
    if rows.line_num < 2:
        raise DataError(path, "holds a header but no rows; expected at least one record")
    df = pd.read_csv(io.StringIO(text, newline=""), dtype=str, keep_default_na=False, na_values=[""])
    df.columns = [COLUMN_ALIASES.get(c.strip(), c.strip()) for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise DataError(path, f"missing required column(s) {missing}; found {list(df.columns)}", column=missing[0])
    return df


_COUNT_TEXT = r"\s*\d+(?:\.\d*)?\s*"


def _check_count_text(
    df: pd.DataFrame, columns: Iterable[str], path: Path, line_of: Callable[[int], int] = lambda i: i + 2
) -> None:
    """Counts are written as digits: refuse 'nan', 'inf', '1e30' or '-3' before a float conversion
    would read them as blank or as a number."""
    for col in columns:
        values = df[col].dropna().astype(str)
        bad = ~values.str.fullmatch(_COUNT_TEXT)
        if bad.any():
            raise DataError(
                path,
                f"not a count (values: {', '.join(shown(v) for v in values[bad].head(5))}); "
                "expected a whole number of 0 or more, or blank for not reported",
                column=col,
                rows=[line_of(int(i)) for i in values.index[bad]],
            )


_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?: (\d{1,2}):(\d{2}))?$")


def _normalise_times(values: pd.Series, path: Path, column: str) -> pd.Series:
    """'YYYY-MM-DD[ H:MM]' -> 'YYYY-MM-DD[ HH:MM]'; a date alone stays a date (no invented time)."""
    parts = values.str.strip().str.extract(_TIME)
    parsed = pd.to_datetime(parts[0], format="%Y-%m-%d", errors="coerce")
    hours = pd.to_numeric(parts[1], errors="coerce")
    minutes = pd.to_numeric(parts[2], errors="coerce")
    bad = parsed.isna() | (hours > 23) | (minutes > 59)
    if bad.any():
        rows = [int(i) + 2 for i in values.index[bad]]
        shown = ", ".join(repr(v) for v in values[bad].head(5))
        raise DataError(
            path, f"unparseable date (values: {shown}; expected YYYY-MM-DD[ HH:MM])", column=column, rows=rows
        )
    clock = hours.map(lambda h: "" if pd.isna(h) else f" {int(h):02d}") + parts[2].map(
        lambda m: "" if pd.isna(m) else f":{m}"
    )
    return parts[0] + clock


def _border_crossings(df: pd.DataFrame, path: Path) -> pd.Series:
    """Total that left Ukrainian airspace. Current exports hold a dict per row
    ({'russia': 1.0, 'belarus': 2.0}; {} when none reported); older ones a column per country."""
    if "border_crossing" in df.columns:

        def total(cell: object, line: int) -> object:
            if not isinstance(cell, str) or cell.strip() in ("", "{}"):
                return pd.NA
            try:
                value = ast.literal_eval(cell.strip())
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                value = None
            counts = list(value.values()) if isinstance(value, dict) else [value]
            if not all(_is_count(v) or v != v for v in counts):  # NaN: a country not reported
                raise DataError(
                    path,
                    f"unparseable border crossings {shown(cell)}; expected {{'country': count, ...}} "
                    f"with counts from 0 to {MAX_WEAPONS:,}",
                    column="border_crossing",
                    rows=[line],
                )
            return sum(int(v) for v in counts if v == v)

        return pd.array([total(c, i + 2) for i, c in zip(df.index, df["border_crossing"], strict=True)], dtype="Int64")
    per_country = [c for c in df.columns if "crossing" in c or c.startswith("border_")]
    if not per_country:
        return pd.array([pd.NA] * len(df), dtype="Int64")
    _check_count_text(df, per_country, path)
    counts = validate(df[per_country], raw_counts_schema(per_country), path)
    return counts.sum(axis=1, min_count=1).round().astype("Int64")


def _is_count(value: object, ceiling: int = MAX_WEAPONS) -> bool:
    """A parsed number that is a plausible count: whole, from 0 to the ceiling (not a bool, not NaN)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= ceiling and value % 1 == 0


def normalise_attacks(
    raw: pd.DataFrame, catalogue: Catalogue, path: Path, today: dt.date | None = None
) -> pd.DataFrame:
    """The processed attack log: `tidy_attacks` in chronological order."""
    out = tidy_attacks(raw, catalogue, path, today)
    # Chronological, stable for equal keys: the same input always gives the same bytes.
    out = out.sort_values(["time_end", "time_start", "reporting_unit", "model"], kind="stable")
    return out.reset_index(drop=True)


def _text(raw: pd.DataFrame, column: str) -> pd.Series:
    """A text column as stated, stripped, blank where missing (an old export may lack the column)."""
    if column not in raw:
        return pd.Series(pd.NA, index=raw.index, dtype="string")
    values = raw[column].astype("string").str.strip()
    return values.mask(values.eq(""))


_LISTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")


def _regions(raw: pd.DataFrame) -> pd.Series:
    """`affected region` (a Python-style list of names, "['Kharkiv oblast', 'Sumy oblast']") as names joined
    with '; '; blank where not stated or empty."""
    values = _text(raw, "affected region")
    names = values.map(
        lambda v: "; ".join(a or b for a, b in _LISTED.findall(v) if (a or b).strip()) if isinstance(v, str) else v,
        na_action="ignore",
    )
    return names.mask(names.eq("")).astype("string")


def tidy_attacks(raw: pd.DataFrame, catalogue: Catalogue, path: Path, today: dt.date | None = None) -> pd.DataFrame:
    """The raw rows as processed rows, in the raw order and with the raw index (`uawar.diff` pairs them)."""
    present = [c for c in RAW_COUNT_COLUMNS if c in raw.columns]
    _check_count_text(raw, present, path)
    counts = validate(raw[present], raw_counts_schema(present), path)

    def count(col: str) -> pd.Series:
        if col not in counts:
            return pd.array([pd.NA] * len(raw), dtype="Int64")
        return counts[col].round().astype("Int64")

    for col in ("time_end", "model"):
        blank = raw[col].isna()
        if blank.any():
            raise DataError(
                path, "blank value in a required column", column=col, rows=[int(i) + 2 for i in raw.index[blank]]
            )
    time_end = _normalise_times(raw["time_end"], path, "time_end")
    time_start = _normalise_times(raw["time_start"].fillna(raw["time_end"]), path, "time_start")
    early = time_end.str[:10] < INVASION.isoformat()
    if early.any():
        raise DataError(
            path,
            f"report dates before the full-scale invasion ({INVASION}): "
            f"{', '.join(time_end[early].head(5))}; expected reports of this war",
            column="time_end",
            rows=[int(i) + 2 for i in raw.index[early]],
        )
    out = pd.DataFrame(
        {
            "report_date": pd.to_datetime(time_end.str[:10]).astype("datetime64[ns]"),
            "time_start": time_start,
            "time_end": time_end,
            "model": raw["model"].str.strip(),
            "launched": count("launched"),
            "destroyed": count("destroyed"),
            "suppressed": count("not_reach_goal"),
            "still_attacking": count("still_attacking"),
            "crossed_border": _border_crossings(raw, path),
            "hit_locations": count("num_hit_location"),
            "fragment_locations": count("num_fall_fragment_location"),
            "real_shaheds": count("is_shahed"),
            "launch_place": _text(raw, "launch_place"),
            "target": _text(raw, "target"),
            "affected_region": _regions(raw),
            "reporting_unit": raw["source"].map(reporting_unit) if "source" in raw else "other",
            "source_ref": raw["source"].str.strip() if "source" in raw else pd.NA,
        }
    )
    classes = {m: classify(m, catalogue).weapon_class for m in out["model"].unique()}
    out.insert(4, "weapon_class", out["model"].map(classes))
    target = raw["target"] if "target" in raw else pd.Series(pd.NA, index=raw.index, dtype=object)
    out["reporting_unit"], cited_elsewhere = reporting_bodies(out, target)
    out["attack_id"] = attack_ids(out)
    out["quality_flags"] = quality_flags(out, today or dt.date.today(), raw.duplicated(keep=False), cited_elsewhere)
    _refuse_repeats(out, path)
    return out


def reporting_bodies(df: pd.DataFrame, target: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each row's reporting body: its account's (`reporting_unit` of `source_ref`), unless its post is a
    nationwide report by content (taxonomy.NATIONWIDE_RULE) or an override names the body
    (taxonomy.NATIONWIDE_OVERRIDES). Also: which rows are a nationwide report cited to another account."""
    unit = df["reporting_unit"].astype(object)
    post = [df["source_ref"].fillna(""), df["report_date"]]
    shape = pd.DataFrame(
        {
            "whole": target.fillna("").str.strip().eq(WHOLE_COUNTRY).to_numpy(),
            "model": df["model"].to_numpy(),
            "counted": (df["launched"] > df["destroyed"]).fillna(False).astype(bool).to_numpy(),
        },
        index=df.index,
    ).groupby(post)
    nationwide = (
        shape["whole"].transform("any") & shape["model"].transform("nunique").ge(2) & shape["counted"].transform("any")
    )
    by_content = nationwide & ~unit.isin(NATIONAL_UNITS)
    unit = unit.where(~by_content, "air_force")
    day = df["report_date"].dt.strftime("%Y-%m-%d")
    for o in NATIONWIDE_OVERRIDES:
        hit = df["source_ref"].eq(o.source_ref).fillna(False) & day.eq(o.report_date)
        unit = unit.where(~hit, o.reporting_unit)
        by_content |= hit & (o.reporting_unit in NATIONAL_UNITS)
    return unit, by_content.astype(bool)


def attack_ids(df: pd.DataFrame) -> pd.Series:
    """Each nationwide row's attack: its post (`source_ref`) on its report date. Ids are the report date and
    the attack's number that day, in the order the windows start ('2026-03-24-1', '2026-03-24-2'); blank
    for the rows of regional commands and other sources."""
    national = df[df["reporting_unit"].isin(NATIONAL_UNITS)]
    posts = (
        national.assign(post=national["source_ref"].fillna(""))
        .groupby(["report_date", "post"], sort=False)
        .agg(first=("time_start", "min"), last=("time_end", "max"))
        .reset_index()
        .sort_values(["report_date", "first", "last", "post"], kind="stable")
    )
    posts["attack_id"] = (
        posts["report_date"].dt.strftime("%Y-%m-%d") + "-" + (posts.groupby("report_date").cumcount() + 1).astype(str)
    )
    keys = national[["report_date"]].assign(post=national["source_ref"].fillna(""))
    ids = keys.merge(posts[["report_date", "post", "attack_id"]], on=["report_date", "post"], how="left")
    out = pd.Series(pd.NA, index=df.index, dtype=object)
    out[national.index] = ids["attack_id"].to_numpy()
    return out


def _refuse_repeats(df: pd.DataFrame, path: Path) -> None:
    """Refuse an export where a large share of the rows repeat others (a copy pasted many times)."""
    repeated = df["quality_flags"].str.contains("duplicate_row|repeated_window", na=False)
    if repeated.sum() > max(MAX_REPEAT_SHARE * len(df), MIN_REPEATS):
        raise DataError(
            path,
            f"{int(repeated.sum()):,} of {len(df):,} rows repeat others (the same row, or the same model and "
            f"window from one reporting unit); expected at most {MAX_REPEAT_SHARE:.0%} (a real export holds "
            "about 1.5 %): is the export copied into itself?",
            rows=[int(i) + 2 for i in df.index[repeated]],
        )


QUALITY_FLAGS = {
    "cited_to_another_account": N_(
        "a nationwide report cited to a regional command's or another account "
        "(uawar.taxonomy.NATIONWIDE_RULE and NATIONWIDE_OVERRIDES decide)"
    ),
    "destroyed_gt_launched": N_("more destroyed than launched"),
    "neutralised_gt_launched": N_("destroyed plus suppressed more than launched"),
    "launched_blank": N_("launched not reported"),
    "end_before_start": N_("the window ends before it starts"),
    "date_after_export": N_("reported after the export was made (a wrong year?)"),
    "duplicate_row": N_("the same row, every field, appears more than once"),
    "repeated_window": N_("the same model and window as another row of the same reporting unit"),
    "other_source": N_(
        "cited to neither a nationwide body nor a regional air command (an oblast administration, the "
        "intelligence directorate, a monitoring channel): listed apart, in no total"
    ),
}


def quality_flags(df: pd.DataFrame, today: dt.date, duplicate: pd.Series, cited_elsewhere: pd.Series) -> pd.Series:
    """Flags of valid but implausible rows; `today` is the export's date (no report can be later);
    `duplicate` marks the rows whose raw fields all repeat another row's; `cited_elsewhere` the rows of a
    nationwide report cited to another account (reporting_bodies). A regional command's row with the same
    window and model as the Air Force's is expected (each posts its own tally)."""
    checks = {
        "cited_to_another_account": cited_elsewhere,
        "destroyed_gt_launched": df["destroyed"] > df["launched"],
        "neutralised_gt_launched": (df["destroyed"].fillna(0) + df["suppressed"].fillna(0) > df["launched"])
        & df["suppressed"].notna(),
        "launched_blank": df["launched"].isna(),
        "end_before_start": df["time_end"] < df["time_start"],
        "date_after_export": df["report_date"] > pd.Timestamp(today),
        "duplicate_row": duplicate,
        "repeated_window": df.duplicated(["time_start", "time_end", "model", "reporting_unit"], keep=False),
        "other_source": df["reporting_unit"].eq("other"),
    }
    flags = pd.Series("", index=df.index, dtype=object)
    for name, hit in checks.items():
        hit = hit.fillna(False).astype(bool)
        flags[hit] = flags[hit].map(lambda f, n=name: f"{f};{n}" if f else n)
    return flags.replace("", pd.NA)


# --- the attacks and the coverage of the log ---------------------------------------------------------

_PART_CLASSES = {
    "shahed": ("shahed_drone",),
    "other_drones": tuple(c for c in WEAPON_GROUPS["drones"] if c != "shahed_drone"),
    "missiles": WEAPON_GROUPS["missiles"],
    "bombs": WEAPON_GROUPS["bombs"],
    "unknown": ("unknown",),
}


def _stated_sum(values: pd.Series) -> object:
    """The sum of a count over rows that all state it; blank (not 0) when one of them does not."""
    return pd.NA if values.empty or values.isna().any() else int(values.sum())


def attacks_table(attacks: pd.DataFrame) -> pd.DataFrame:
    """One row per nationwide attack (`attack_id`: one post on one report date), from the processed attack log:
    its window (earliest start, latest end), body, post, and per part (schema.ATTACK_PARTS) launched, shot down
    and suppressed. Rows that repeat another body's report of the same wave (data.nationwide_overlaps) are left
    out, as in every analysis."""
    rows = attacks[attacks["attack_id"].notna()]
    rows = rows[~data.nationwide_overlaps(rows)]
    out = []
    for attack_id, g in rows.groupby("attack_id", sort=False):
        record: dict[str, object] = {
            "attack_id": attack_id,
            "report_date": g["report_date"].iloc[0],
            "time_start": g["time_start"].min(),
            "time_end": g["time_end"].max(),
            "reporting_unit": g["reporting_unit"].iloc[0],
            "source_ref": g["source_ref"].iloc[0],
            "rows": len(g),
            "launched": g["launched"].sum(min_count=1),
        }
        for part, classes in _PART_CLASSES.items():
            p = g[g["weapon_class"].isin(classes)]
            record[f"{part}_launched"] = int(p["launched"].sum())
            record[f"{part}_destroyed"] = _stated_sum(p["destroyed"])
            record[f"{part}_suppressed"] = _stated_sum(p["suppressed"])
        shahed = g[g["weapon_class"] == "shahed_drone"]
        record["shahed_real"] = shahed["real_shaheds"].sum(min_count=1)
        flags = sorted({f for v in g["quality_flags"].dropna() for f in v.split(";")})
        if g[["time_start", "time_end"]].drop_duplicates().shape[0] > 1:
            flags.append("windows_differ")
        record["quality_flags"] = ";".join(flags) or pd.NA
        out.append(record)
    table = pd.DataFrame(out, columns=list(ATTACKS_COLUMNS))
    table = table.sort_values(["report_date", "attack_id"], key=_natural, kind="stable").reset_index(drop=True)
    counts = [c for c, (kind, *_) in ATTACKS_COLUMNS.items() if kind == "integer"]
    strings = [c for c, (kind, *_) in ATTACKS_COLUMNS.items() if kind == "string"]
    table[counts] = table[counts].astype("Int64")
    table[strings] = table[strings].astype("string")  # typed even when no row is nationwide
    table["report_date"] = table["report_date"].astype("datetime64[ns]")
    return table


def _natural(values: pd.Series) -> pd.Series:
    """Sort key: '2026-03-24-10' after '2026-03-24-9'."""
    if values.name == "attack_id":
        return values.str.rsplit("-", n=1).str[1].astype(int)
    return values


def coverage_table(attacks: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Per calendar month of the log's span: its days within the span, the days with a nationwide report, and
    the nationwide attacks (`table`: attacks_table). What the yearly totals rest on."""
    first, last = attacks["report_date"].min(), attacks["report_date"].max()
    days = pd.Series(pd.date_range(first, last, freq="D"))
    month = days.dt.strftime("%Y-%m")
    reported = days.isin(set(table["report_date"]))
    out = pd.DataFrame(
        {
            "days": days.groupby(month).size(),
            "report_days": reported.groupby(month).sum(),
            "attacks": table["report_date"].dt.strftime("%Y-%m").value_counts(),
        }
    ).fillna(0)
    out = out.rename_axis("month").reset_index()
    return out.astype({"days": "Int64", "report_days": "Int64", "attacks": "Int64"})


def read_daily_records(path: Path, data: bytes | None = None) -> list[dict]:
    """A file of the loss series (`data`: its bytes, when read already): a non-empty JSON list of objects,
    one a day (the equipment file too, which the build does not use but `uawar data add` checks before
    storing it)."""
    text = _read_text(path, "a JSON list of daily records", data)
    try:
        records = json.loads(text)
    except json.JSONDecodeError as err:
        raise DataError(path, f"not valid JSON (truncated?): {err.msg} at line {err.lineno}") from None
    except RecursionError:
        raise DataError(path, "nested too deeply; expected a JSON list of daily records") from None
    if not isinstance(records, list) or not records:
        raise DataError(path, "expected a non-empty JSON list of daily records")
    not_objects = [i for i, r in enumerate(records, 1) if not isinstance(r, dict)]
    if not_objects:
        raise DataError(
            path,
            f"record {not_objects[0]} is {shown(records[not_objects[0] - 1])}; "
            'expected an object such as {"date": "2022-02-25", "personnel": 2800}',
            rows=not_objects,
        )
    return records


def read_personnel(path: Path, today: dt.date | None = None, data: bytes | None = None) -> pd.DataFrame:
    """The loss series (`data`: its bytes, when read already): a JSON list of daily records, each with a
    date and a cumulative count; no date before the invasion or after `today` (the export's date)."""
    path = Path(path)
    df = pd.DataFrame.from_records(read_daily_records(path, data))
    for col in ("date", "personnel"):
        if col not in df.columns or df[col].isna().any():
            rows = [] if col not in df.columns else [int(i) + 1 for i in df.index[df[col].isna()]]
            raise DataError(path, "missing in records", column=col, rows=rows)
    for col, ok, expected in (
        ("date", lambda v: isinstance(v, str), "a date YYYY-MM-DD"),
        ("personnel", lambda v: _is_count(v, MAX_PERSONNEL), f"a whole number from 0 to {MAX_PERSONNEL:,}"),
    ):
        bad = ~df[col].map(ok).astype(bool)
        if bad.any():
            raise DataError(
                path,
                f"values {', '.join(shown(v) for v in df[col][bad].head(5))}; expected {expected}",
                column=col,
                rows=[int(i) + 1 for i in df.index[bad]],
            )
    line_of = lambda i: i + 1  # noqa: E731 - records are numbered from 1
    dates = pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        raise DataError(
            path,
            f"unparseable date (values: {list(df['date'][dates.isna()][:5])})",
            column="date",
            rows=[line_of(i) for i in df.index[dates.isna()]],
        )
    today = today or dt.date.today()
    for bad, what, expected in (
        (dates < pd.Timestamp(INVASION), f"dates before the full-scale invasion ({INVASION})", ""),
        (dates.dt.date > today, f"dates after the export ({today})", "; expected past reports"),
    ):
        if bad.any():
            shown_dates = ", ".join(df["date"][bad].head(5))
            raise DataError(
                path, f"{what}: {shown_dates}{expected}", column="date", rows=[line_of(i) for i in df.index[bad]]
            )
    counts = validate(df[["personnel"]], raw_counts_schema(["personnel"], MAX_PERSONNEL), path, line_of)
    cumulative = counts["personnel"].round().astype("Int64")
    back = dates.diff() <= pd.Timedelta(0)
    if back.any():
        raise DataError(path, "dates go backwards or repeat", column="date", rows=[line_of(i) for i in df.index[back]])
    down = cumulative.diff() < 0
    if down.any():
        raise DataError(
            path,
            "cumulative series goes backwards",
            column="personnel",
            rows=[line_of(i) for i in df.index[down.fillna(False)]],
        )
    out = pd.DataFrame(
        {
            "date": dates.astype("datetime64[ns]"),
            "cumulative": cumulative,
            "daily": cumulative.diff().astype("Int64"),
            "qualifier": df.get("personnel*", pd.NA),
        }
    )
    return out


# --- the published table of weapon classes ----------------------------------------------------------


def weapon_classes_markdown(package: dict, attacks: pd.DataFrame) -> str:
    """docs/weapon_classes.md: every model of the attack log with its class, group and reason (from the data
    package), and its rows and launched (every reporting unit); then the rule that decides which posts are
    nationwide reports, the posts it reads as nationwide against their account, and every override."""
    resource = next(r for r in package["resources"] if r["name"] == "air_attacks")
    classes, names = resource["uawar:model_classes"], resource["uawar:weapon_classes"]
    totals = attacks.groupby("model")["launched"].agg(["size", "sum"])
    lines = [
        "# Weapon classes",
        "",
        "Generated by `uawar data classes` (run by `make data`) from `data/datapackage.json` and",
        "`data/processed/air_attacks.csv`; do not edit by hand. The reason is the dataset's catalogue",
        "(`missiles_and_uavs.csv`) or an explicit rule in `uawar.taxonomy`. Rows and launched count every",
        "reporting unit. A class in no group counts only in `all`.",
        "",
        "| class | group | description |",
        "|---|---|---|",
    ]
    groups = resource["uawar:weapon_groups"]
    for cls, text in names.items():
        group = next((g for g, members in groups.items() if cls in members), "")
        lines.append(f"| `{cls}` | {group} | {text} |")
    lines += ["", "| model | class | group | rows | launched | reason |", "|---|---|---|---:|---:|---|"]
    for model, c in classes.items():
        rows, launched = (int(v) for v in totals.loc[model]) if model in totals.index else (0, 0)
        cell = model.replace("|", "\\|")
        lines.append(f"| {cell} | `{c['class']}` | {c['group'] or ''} | {rows:,} | {launched:,} | {c['reason']} |")
    lines += ["", "## Nationwide reports", "", resource["uawar:nationwide_rule"], ""]
    cited = attacks[attacks["quality_flags"].fillna("").str.split(";").map(lambda f: "cited_to_another_account" in f)]
    overridden = {(o["source_ref"], o["report_date"]): o for o in resource["uawar:nationwide_overrides"]}
    lines += [
        "Posts read as nationwide reports though they cite another account (flagged `cited_to_another_account`):",
        "",
        "| report date | post | models (launched) | decided by |",
        "|---|---|---|---|",
    ]
    for (ref, day), g in cited.groupby(["source_ref", cited["report_date"].dt.strftime("%Y-%m-%d")], sort=False):
        models = ", ".join(f"{m} ({int(n):,})" for m, n in zip(g["model"], g["launched"].fillna(0), strict=True))
        how = f"override: {overridden[ref, day]['reason']}" if (ref, day) in overridden else "content"
        lines.append(f"| {day} | `{ref}` | {models} | {how} |")
    lines += ["", "Every override (`uawar.taxonomy.NATIONWIDE_OVERRIDES`):", ""]
    lines += ["| report date | post | body | reason |", "|---|---|---|---|"]
    for o in resource["uawar:nationwide_overrides"]:
        lines.append(f"| {o['report_date']} | `{o['source_ref']}` | `{o['reporting_unit']}` | {o['reason']} |")
    return "\n".join(lines) + "\n"


# --- writing ---------------------------------------------------------------------------------


def to_csv_text(df: pd.DataFrame) -> str:
    return markup.csv_text(df, date_format="%Y-%m-%d")


def _first_last(dates: pd.Series) -> tuple[str, str]:
    return f"{dates.min():%Y-%m-%d}", f"{dates.max():%Y-%m-%d}"


@dataclass
class BuildSummary:
    rows: dict[str, int] = field(default_factory=dict)
    reach: dict[str, tuple[str, str]] = field(default_factory=dict)  # each dataset's first and last date
    flags: dict[str, int] = field(default_factory=dict)
    unknown_models: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"{name}: {n:,} rows" for name, n in self.rows.items()]
        out += [f"kept but flagged {flag} ({QUALITY_FLAGS[flag]}): {n}" for flag, n in self.flags.items()]
        if self.unknown_models:
            out.append(f"models classed 'unknown': {', '.join(self.unknown_models)}")
        return out


def _field_list(columns: dict) -> list[dict]:
    fields = []
    for name, (kind, unit, description) in columns.items():
        f = {"name": name, "type": kind, "description": description}
        if unit:
            f["unit"] = unit
        fields.append(f)
    return fields


def _source(ds: sources.Dataset) -> dict:
    return {"title": ds.title, "path": ds.homepage, "producer": ds.producer, "citation": ds.citation}


def _licence(ds: sources.Dataset) -> dict:
    return {"name": ds.licence, "path": ds.licence_url}


def model_classes(models: Iterable[str], catalogue: Catalogue) -> dict[str, dict[str, str | None]]:
    """Each model's class, group and the reason for the class, sorted by model (for the data package)."""
    out = {}
    for model in sorted(set(models)):
        c: Classification = classify(model, catalogue)
        out[model] = {"class": c.weapon_class, "group": group_of(c.weapon_class), "reason": c.reason}
    return out


def _resource(
    name: str,
    title: str,
    description: str,
    digest: str,
    columns: dict,
    key: str | None = None,
    dataset: sources.Dataset | None = None,
    path: str | None = None,
    **extra: object,
) -> dict:
    """One table of the data package, its keys in a fixed order; `extra`: the uawar: keys after its schema."""
    schema: dict = {"fields": _field_list(columns), "missingValues": [""]}
    if key:
        schema["primaryKey"] = [key]
    described = {"sources": [_source(dataset)], "licenses": [_licence(dataset)]} if dataset else {}
    return {
        "name": name,
        "path": path or f"processed/{name}.csv",
        "format": "csv",
        "encoding": "utf-8",
        "mediatype": "text/csv",
        "title": title,
        "description": description,
        "hash": f"sha256:{digest}",
        **described,
        "schema": schema,
        **extra,
    }


def datapackage(
    tables: dict[str, str],
    raw_hashes: dict[str, str],
    claims_hash: str | None,
    lineage: dict[str, dict] | None = None,
    classes: dict[str, dict[str, str | None]] | None = None,
) -> dict:
    """The Frictionless Data Package descriptor; deterministic (no timestamps). `lineage`: for each built
    table, `uawar:origin` (where each raw file it came from was published) and `uawar:coverage` (its
    first and last dates). `classes`: each model's weapon class and the reason (`model_classes`)."""
    log, losses = sources.ATTACK_LOG, sources.LOSS_SERIES
    lineage = lineage or {}
    resources = [
        _resource(
            "air_attacks",
            "Air attacks on Ukraine, one row per weapon model per attack window",
            "Built by `uawar data build` from the attack log. Counts are as reported by the Air "
            "Force of Ukraine (on a few days the General Staff or the Commander-in-Chief instead) and "
            "its regional commands; blanks mean not reported. Regional commands' rows are shoot-down "
            "tallies (launched equals destroyed in nearly all), and can describe drones the nationwide "
            "reports count: do not sum them. uawar:model_classes gives each model's class and why.",
            tables["air_attacks.csv"],
            AIR_ATTACKS_COLUMNS,
            dataset=log,
            **{
                "uawar:weapon_classes": WEAPON_CLASSES,
                "uawar:weapon_groups": {g: list(c) for g, c in WEAPON_GROUPS.items()},
                "uawar:model_classes": classes or {},
                "uawar:reporting_units": [
                    {"account": u.account, "reporting_unit": u.name, "body": u.body, "scope": u.scope} for u in UNITS
                ],
                "uawar:quality_flags": QUALITY_FLAGS,
                "uawar:nationwide_rule": NATIONWIDE_RULE,
                "uawar:nationwide_overrides": [asdict(o) for o in NATIONWIDE_OVERRIDES],
                **lineage.get("air_attacks", {}),
            },
        ),
        _resource(
            "attacks",
            "Nationwide attacks (waves) on Ukraine, one row per nationwide report",
            "Built by `uawar data build` from air_attacks: one row per nationwide post on one report date, its "
            "window, body, and per part (Shahed-type drones, other drones, missiles, bombs, unknown) launched, "
            "shot down and suppressed. A report day can hold several attacks (a night and a daytime one): "
            "'largest attack' and 'largest report day' are different figures. Blanks mean not reported.",
            tables["attacks.csv"],
            ATTACKS_COLUMNS,
            key="attack_id",
            dataset=log,
        ),
        _resource(
            "coverage",
            "Coverage of the attack log: days with a nationwide report, per month",
            "Built by `uawar data build` from air_attacks and attacks. Yearly and multi-year totals are what the "
            "log holds, not what was launched: before 2025 many days have no nationwide report in the log.",
            tables["coverage.csv"],
            COVERAGE_COLUMNS,
            key="month",
            dataset=log,
        ),
        _resource(
            "personnel_losses",
            "Russian personnel losses claimed by the General Staff of Ukraine, daily",
            "A claimed casualty figure (killed and wounded), not deaths. Built by "
            "`uawar data build` from the loss series.",
            tables["personnel_losses.csv"],
            PERSONNEL_COLUMNS,
            key="date",
            dataset=losses,
            **lineage.get("personnel_losses", {}),
        ),
    ]
    if claims_hash:
        resources.append(
            _resource(
                "claims",
                "Published claims about the war's losses and attacks, curated by hand",
                "One row per figure, each naming its claimant, date and where it was reported.",
                claims_hash,
                CLAIMS_COLUMNS,
                key="claim_id",
                path="claims.csv",
            )
        )
    return {
        "name": "uawar",
        "title": "uawar: the air war and casualty claims of Russia's invasion of Ukraine",
        "profile": "data-package",
        "licenses": [_licence(log), _licence(losses)],
        "sources": [_source(log), _source(losses)],
        "resources": resources,
        "uawar:raw_inputs": [{"path": name, "hash": f"sha256:{h}"} for name, h in sorted(raw_hashes.items())],
    }


def export_date(path: Path, digest: str | None = None) -> dt.date:
    """The day a raw file was published or downloaded, from its provenance (`export.json`); today when
    that is not recorded (`digest`: as for `sources.provenance`)."""
    record = sources.provenance(path, digest)
    day = record.get("date") or record.get("accessed")
    try:
        return dt.date.fromisoformat(day) if day else dt.date.today()
    except ValueError:
        raise DataError(
            path.parent / sources.EXPORT_JSON, f"date {day!r} of {path.name}; expected YYYY-MM-DD"
        ) from None


def _lineage(raw_files: tuple[Path, ...], dates: pd.Series, digests: dict[Path, str]) -> dict:
    return {
        "uawar:origin": [sources.provenance(p, digests[p]) for p in raw_files],
        "uawar:coverage": dict(zip(("column", "first", "last"), (str(dates.name), *_first_last(dates)), strict=True)),
    }


def raw_files(raw_dir: Path) -> dict[str, Path]:
    """The raw files the build reads, from one folder that holds them all (`uawar data fetch` fills one)."""
    raw_dir = Path(raw_dir)
    if raw_dir.exists() and not raw_dir.is_dir():
        raise DataError(raw_dir, "is a file; expected the folder of raw files")
    if not raw_dir.is_dir():
        raise DataError(raw_dir, "folder of raw files not found")
    return {name: raw_dir / name for name in BUILT_FROM}


def build(
    raw: Path | Mapping[str, Path], data_dir: Path = config.DATA_DIR, today: dt.date | None = None
) -> BuildSummary:
    """Raw files -> data_dir/processed/*.csv and data_dir/datapackage.json. `raw`: a folder holding them
    all, or each file's path by name (`uawar.exports.newest_files()`, the repository's newest exports).
    `today`, the date no report may be later than, defaults to each raw file's export date."""
    files = raw_files(raw) if isinstance(raw, (str, Path)) else raw
    data_dir = Path(data_dir)
    attacks_path, catalogue_path = Path(files[ATTACKS_FILE]), Path(files[CATALOGUE_FILE])
    personnel_path = Path(files[PERSONNEL_FILE])
    # Each raw file is read once: parsed and hashed from the same bytes.
    blobs = {
        p: read_raw(p, "a CSV file" if p.suffix == ".csv" else "a JSON list of daily records")
        for p in (attacks_path, catalogue_path, personnel_path)
    }
    digests = {p: hashlib.sha256(b).hexdigest() for p, b in blobs.items()}
    catalogue = load_catalogue(catalogue_path, blobs[catalogue_path])
    raw = _read_csv(attacks_path, required=CORE_COLUMNS, data=blobs[attacks_path])
    attacks = validate(
        normalise_attacks(raw, catalogue, attacks_path, today or export_date(attacks_path, digests[attacks_path])),
        AIR_ATTACKS_SCHEMA,
        attacks_path,
    )
    personnel = validate(
        read_personnel(
            personnel_path, today or export_date(personnel_path, digests[personnel_path]), blobs[personnel_path]
        ),
        PERSONNEL_SCHEMA,
        personnel_path,
    )

    waves = validate(attacks_table(attacks), ATTACKS_SCHEMA, attacks_path)
    months = validate(coverage_table(attacks, waves), COVERAGE_SCHEMA, attacks_path)
    texts = {
        "air_attacks.csv": to_csv_text(attacks),
        "attacks.csv": to_csv_text(waves),
        "coverage.csv": to_csv_text(months),
        "personnel_losses.csv": to_csv_text(personnel),
    }
    hashes = {name: hashlib.sha256(t.encode()).hexdigest() for name, t in texts.items()}
    raw_hashes = {p.name: d for p, d in digests.items()}
    claims = data_dir / "claims.csv"
    lineage = {
        "air_attacks": _lineage((attacks_path, catalogue_path), attacks["report_date"], digests),
        "personnel_losses": _lineage((personnel_path,), personnel["date"], digests),
    }
    package = datapackage(
        hashes,
        raw_hashes,
        sha256(claims) if claims.exists() else None,
        lineage,
        model_classes(attacks["model"], catalogue),
    )
    processed = data_dir / "processed"
    try:
        clean_stale(processed)
        clean_stale(data_dir)
        atomic_write(
            {processed / name: text for name, text in texts.items()}
            | {data_dir / "datapackage.json": json.dumps(package, indent=2, ensure_ascii=False) + "\n"}
        )
    except OSError as err:
        raise DataError(
            err.filename or data_dir, f"cannot write ({err.strerror}); expected a writable data folder"
        ) from None

    summary = BuildSummary(
        rows={
            "air_attacks": len(attacks),
            "attacks": len(waves),
            "coverage": len(months),
            "personnel_losses": len(personnel),
        },
        reach={
            sources.ATTACK_LOG.name: _first_last(attacks["report_date"]),
            sources.LOSS_SERIES.name: _first_last(personnel["date"]),
        },
    )
    for flag in QUALITY_FLAGS:
        n = int(attacks["quality_flags"].str.split(";").map(lambda f, fl=flag: isinstance(f, list) and fl in f).sum())
        if n:
            summary.flags[flag] = n
    summary.unknown_models = sorted(attacks.loc[attacks["weapon_class"] == "unknown", "model"].unique())
    summary.written = [str(processed / name) for name in texts] + [str(data_dir / "datapackage.json")]
    return summary
