"""The attack log (Massive Missile Attacks on Ukraine) and its weapon catalogue, raw to tidy: parse, normalise,
classify, flag; the table of attacks and the log's monthly coverage derived from it."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pandas as pd

from uawar import data
from uawar.i18n import N_
from uawar.ingest.reading import check_count_text, is_count, read_csv
from uawar.schema import (
    ATTACKS_COLUMNS,
    INVASION,
    MAX_REPEAT_SHARE,
    MAX_WEAPONS,
    MIN_REPEATS,
    RAW_COUNT_COLUMNS,
    DataError,
    raw_counts_schema,
    shown,
    validate,
)
from uawar.taxonomy import (
    NATIONAL_UNITS,
    NATIONWIDE_OVERRIDES,
    WEAPON_GROUPS,
    WHOLE_COUNTRY,
    Catalogue,
    classify,
    reporting_unit,
)


def load_catalogue(path: Path, data: bytes | None = None) -> Catalogue:
    """model -> (category, type) of each single model in the dataset's catalogue (`data`: its bytes)."""
    cat = read_csv(path, required=("model", "category"), data=data)
    kinds = cat["type"] if "type" in cat else pd.Series([pd.NA] * len(cat))
    entries = {}
    for model, category, kind in zip(cat["model"], cat["category"], kinds, strict=True):
        if " and " in str(model):
            continue  # combined rows are classified from their parts
        entries[str(model).strip()] = (str(category).strip(), kind.strip() if isinstance(kind, str) else "")
    return entries


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
            if not all(is_count(v) or v != v for v in counts):  # NaN: a country not reported
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
    check_count_text(df, per_country, path)
    counts = validate(df[per_country], raw_counts_schema(per_country), path)
    return counts.sum(axis=1, min_count=1).round().astype("Int64")


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
    check_count_text(raw, present, path)
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
