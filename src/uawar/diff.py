"""Compare two exports of the attack log: the rows added, removed and corrected upstream, the build's
quality flags that appeared or disappeared, and what the corrections change in the monthly figures.

Over 500 lines: notebook 05's one question (what changed between two exports), its pairing of rows and its prose.

Row identity. Rows are not unique on (window, model, source post): one post can give several rows with the
same window and model. So rows are paired in two steps, neither of which depends on their order:

1. identical rows pair with each other (as many times as both exports hold them);
2. the rest pair within one source post by best agreement (the number of equal fields, solved as an
   assignment problem), a pair that shares window and model always before one that does not. Such a pair is a
   *changed* row when it shares window and model, or differs in at most `MAX_FIELDS_CHANGED` fields (an
   upstream correction of the window or the model); any other row is added (new) or removed (old).

Reordering the rows or adding one therefore never shows as a change.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from scipy.optimize import linear_sum_assignment

from uawar import data, exports, i18n, ingest, markup, sources
from uawar.i18n import N_, _, date, number
from uawar.schema import AIR_ATTACKS_COLUMNS, CORE_COLUMNS, DataError

RAW, PACKAGE = N_("raw export"), N_("data package")
SOURCE_COLUMN = {RAW: "source", PACKAGE: "source_ref"}
MAX_FIELDS_CHANGED = 3
COUNTS = (N_("launched"), N_("destroyed"), N_("suppressed"))
# The words of the flags' lines, translated where shown.
CHANGES = (N_("appeared"), N_("disappeared"), N_("row changed"), N_("row removed"), N_("row added"), N_("national"))
CSV_COLUMNS = (
    "change",
    "old_line",
    "new_line",
    "report_date",
    "time_start",
    "time_end",
    "model",
    "source",
    "field",
    "old_value",
    "new_value",
)
# The changes table's headers and kinds as a report shows them (the CSV keeps CSV_COLUMNS, in English).
HEADERS = (
    N_("change"),
    N_("old line"),
    N_("new line"),
    N_("report date"),
    N_("time start"),
    N_("time end"),
    N_("model"),
    N_("source"),
    N_("field"),
    N_("old value"),
    N_("new value"),
)
KINDS = (N_("changed"), N_("removed"))
_WHAT = (
    "give an export of data/raw by name (newest, previous or its date, e.g. 2026-02-08), a folder of raw files "
    "(holding missile_attacks_daily.csv), a data package (a folder holding datapackage.json, or the file) or an "
    "attack-log CSV"
)


@dataclass(eq=False)
class Export:
    """One export of the attack log, read for comparing."""

    label: str  # as given on the command line
    path: Path  # the attack-log table compared
    kind: str  # RAW or PACKAGE
    sha256: str
    origin: str  # where the export was published, in words ('' when unknown)
    values: pd.DataFrame  # every column as canonical text ('' when blank); index: the row's number from 0
    tidy: pd.DataFrame  # the same rows as processed rows (report_date, reporting_unit, quality_flags, counts)

    @property
    def rows(self) -> int:
        return len(self.values)

    @property
    def first(self) -> str:
        return f"{self.tidy['report_date'].min():%Y-%m-%d}" if self.rows else ""

    @property
    def last(self) -> str:
        """The last report date the export holds."""
        return f"{self.tidy['report_date'].max():%Y-%m-%d}" if self.rows else ""

    def describe(self) -> str:
        return _("{label} ({kind}, {file}: {rows} rows, reports {first} to {last}, sha256 {sha}{origin})").format(
            label=self.label,
            kind=_(self.kind),
            file=self.path.name,
            rows=number(self.rows),
            first=date(self.first) if self.first else "",
            last=date(self.last) if self.last else "",
            sha=self.sha256[:12],
            origin="; " + self.origin if self.origin else "",
        )


def _canonical(column: pd.Series) -> pd.Series:
    """Text to compare: blank -> '', a whole number written '4.0' -> '4', anything else stripped."""
    text = column.astype("string").str.strip().fillna("")
    numbers = pd.to_numeric(text.where(text != ""), errors="coerce")
    whole = numbers.notna() & (numbers % 1 == 0) & (numbers.abs() < 1e15)
    return text.mask(whole, numbers[whole].astype("Int64").astype("string")).astype(object)


def locate(given: str | Path, root: Path | None = None) -> tuple[Path, str | None, str]:
    """(the attack-log table, its kind, its label) of what the user named: an export of data/raw by name,
    or a path (a relative one read from `root` when given, else from the working folder). The kind of a
    CSV named alone is None until its header is read (`read_export`)."""
    path, kind, label, _ = _find(given, root)
    return path, kind, label


def _find(given: str | Path, root: Path | None) -> tuple[Path, str | None, str, dict | None]:
    """`locate`, and the data package's entry of the table when a data package was named."""
    text = str(given).strip()
    if text in (exports.NEWEST, exports.PREVIOUS) or exports.NAME.match(text):
        export = exports.resolve(sources.ATTACK_LOG, text)
        return export.file(ingest.ATTACKS_FILE), RAW, export.label, None
    if not text:
        raise DataError(Path(text), f"no export named: {_WHAT}")
    where = Path(text)
    try:
        path, kind, resource = _locate(root / where if root is not None and not where.is_absolute() else where)
    except (OSError, ValueError) as err:  # a name too long for the file system, a NUL byte
        raise DataError(where, f"cannot be read ({err}): {_WHAT}") from None
    return path, kind, text, resource


def _locate(path: Path) -> tuple[Path, str | None, dict | None]:
    """The attack-log table of a path the user named, its kind (None: to be told by its header) and its
    data package's entry."""
    if not path.exists():
        raise DataError(path, f"not found: {_WHAT}")
    if path.is_dir():
        # exists(), not is_file(): a FIFO or a device there is refused by the reader, with its name
        if (path / "datapackage.json").exists():
            return _package_table(path / "datapackage.json")
        if (path / ingest.ATTACKS_FILE).exists():
            return path / ingest.ATTACKS_FILE, RAW, None
        raise DataError(path, f"holds neither {ingest.ATTACKS_FILE} nor datapackage.json: {_WHAT}")
    if path.suffix == ".json":
        return _package_table(path)
    if path.suffix == ".csv":
        return path, None, None
    raise DataError(path, f"not an export of the attack log: {_WHAT}")


def _package_table(descriptor: Path) -> tuple[Path, str, dict]:
    try:
        package = json.loads(ingest.read_raw(descriptor, "a data package (datapackage.json)"))
        resource = next(r for r in package["resources"] if r.get("name") == "air_attacks")
        table = descriptor.parent / resource["path"]
    except (ValueError, KeyError, TypeError, AttributeError, StopIteration):
        raise DataError(descriptor, "not a uawar data package: no 'air_attacks' resource with a path") from None
    if not table.is_file():
        raise DataError(table, f"the table that {descriptor} names is missing")
    return table, PACKAGE, {"descriptor": descriptor, **resource}


def _package_origin(resource: dict) -> str:
    """'built from <raw file> (sha256 ..., where it was published)' as the table's data package records it."""
    try:
        origin = resource["uawar:origin"][0]
        built = _("built from {file} sha256 {sha}").format(file=origin["file"], sha=origin["sha256"][:12])
    except (KeyError, TypeError, IndexError):
        return ""
    where = sources.describe_record(origin)
    return built + (f", {where}" if where else "")


def read_export(given: str | Path, root: Path | None = None) -> Export:
    """An export by name, a raw folder, a data package or an attack-log CSV -> the Export (see `locate`);
    DataError or ExportError on anything else. The table is read once."""
    path, kind, label, resource = _find(given, root)
    blob = ingest.read_raw(path, "an export of the attack log (CSV)")
    digest = hashlib.sha256(blob).hexdigest()
    if kind is None:
        header = blob.split(b"\n", 1)[0].decode("utf-8", "replace")
        kind = PACKAGE if "source_ref" in [c.strip() for c in header.split(",")] else RAW
        package = path.parent.parent / "datapackage.json"  # a processed table given alone: its origin, if known
        if kind == PACKAGE and package.is_file():
            with contextlib.suppress(DataError):
                resource = {"uawar:origin": _package_table(package)[2].get("uawar:origin")}
    if kind == RAW:
        raw = ingest.read_csv(path, required=CORE_COLUMNS, data=blob)
        catalogue_path = path.with_name(ingest.CATALOGUE_FILE)
        catalogue = ingest.load_catalogue(catalogue_path) if catalogue_path.is_file() else {}
        tidy = ingest.tidy_attacks(raw, catalogue, path)
        origin = sources.describe_origin(path, digest=digest)
    else:
        resource = resource or {}
        recorded = str(resource.get("hash", "")).removeprefix("sha256:")
        if recorded and recorded != digest:
            raise DataError(path, f"does not match the sha256 that {resource['descriptor']} records (`make data`)")
        raw = ingest.read_csv(path, required=tuple(AIR_ATTACKS_COLUMNS), data=blob)
        tidy = data.air_attacks_from(path, blob)
        origin = _package_origin(resource)
    values = pd.DataFrame({c: _canonical(raw[c]) for c in raw.columns}, index=raw.index)
    return Export(label, path, kind, digest, origin, values, tidy)


# --- pairing ---------------------------------------------------------------------------------------


def _exact_pairs(a: pd.DataFrame, b: pd.DataFrame) -> list[tuple[int, int]]:
    """Identical rows, the k-th copy in one export with the k-th in the other."""
    cols = list(a.columns)
    left = a.assign(_copy=a.groupby(cols, sort=False).cumcount(), _old=a.index)
    right = b.assign(_copy=b.groupby(cols, sort=False).cumcount(), _new=b.index)
    both = left.merge(right, on=[*cols, "_copy"])
    return list(zip(both["_old"].astype(int), both["_new"].astype(int), strict=True))


def _best_pairs(a: pd.DataFrame, b: pd.DataFrame, key: list[str]) -> list[tuple[int, int]]:
    """Pairs of rows of one source post by best agreement; see the module's docstring."""
    source = key[-1]
    pairs = []
    for post, olds in a.groupby(source, sort=False):
        news = b[b[source] == post]
        if news.empty:
            continue
        old_values, new_values = olds.to_numpy(), news.to_numpy()
        agree = (old_values[:, None, :] == new_values[None, :, :]).sum(axis=2)
        cols = [a.columns.get_loc(c) for c in key]
        same_key = (old_values[:, None, cols] == new_values[None, :, cols]).all(axis=2)
        score = agree + same_key * a.shape[1]
        rows, cols_ = linear_sum_assignment(score, maximize=True)
        for i, j in zip(rows, cols_, strict=True):
            if same_key[i, j] or a.shape[1] - agree[i, j] <= MAX_FIELDS_CHANGED:
                pairs.append((int(olds.index[i]), int(news.index[j])))
    return pairs


@dataclass(eq=False)
class ExportDiff:
    old: Export
    new: Export
    unchanged: int
    added: list[int]  # row numbers in new
    removed: list[int]  # row numbers in old
    changed: list[tuple[int, int]]  # (old row, new row)
    changes: pd.DataFrame  # one line per changed field, CSV_COLUMNS
    columns_added: list[str]
    columns_removed: list[str]

    @property
    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed)}

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.changed or self.columns_added or self.columns_removed)


def compare(old: Export | str | Path, new: Export | str | Path, root: Path | None = None) -> ExportDiff:
    """Pair the rows of two exports (see the module's docstring); `root` as in `read_export`."""
    old = old if isinstance(old, Export) else read_export(old, root)
    new = new if isinstance(new, Export) else read_export(new, root)
    if old.kind != new.kind:
        raise DataError(
            new.path, f"is a {new.kind} but {old.path} is a {old.kind}: compare two raw exports or two data packages"
        )
    cols = [c for c in old.values.columns if c in new.values.columns]
    a, b = old.values[cols], new.values[cols]
    exact = _exact_pairs(a, b)
    rest_a = a.drop(index=[i for i, _ in exact])
    rest_b = b.drop(index=[j for _, j in exact])
    key = ["time_start", "time_end", "model", SOURCE_COLUMN[old.kind]]
    changed = sorted(_best_pairs(rest_a, rest_b, key) if SOURCE_COLUMN[old.kind] in cols else [])
    paired_old, paired_new = {i for i, _ in changed}, {j for _, j in changed}
    lines = []
    for i, j in changed:
        for c in cols:
            if a.at[i, c] != b.at[j, c]:
                lines.append(_line("changed", old, new, i, j, c, a.at[i, c], b.at[j, c]))
    for i in rest_a.index.difference(paired_old):
        lines.append(_line("removed", old, new, int(i), None))
    for j in rest_b.index.difference(paired_new):
        lines.append(_line("added", old, new, None, int(j)))
    return ExportDiff(
        old=old,
        new=new,
        unchanged=len(exact),
        added=sorted(int(j) for j in rest_b.index.difference(paired_new)),
        removed=sorted(int(i) for i in rest_a.index.difference(paired_old)),
        changed=changed,
        changes=pd.DataFrame(lines, columns=list(CSV_COLUMNS)),
        columns_added=[c for c in new.values.columns if c not in old.values.columns],
        columns_removed=[c for c in old.values.columns if c not in new.values.columns],
    )


def _line(
    change: str,
    old: Export,
    new: Export,
    i: int | None,
    j: int | None,
    field: str = "",
    before: str = "",
    after: str = "",
) -> dict:
    side, k = (new, j) if j is not None else (old, i)
    values, tidy = side.values.loc[k], side.tidy.loc[k]
    return {
        "change": change,
        "old_line": "" if i is None else i + 2,  # file lines: the header is line 1
        "new_line": "" if j is None else j + 2,
        "report_date": f"{tidy['report_date']:%Y-%m-%d}",
        "time_start": values["time_start"],
        "time_end": values["time_end"],
        "model": values["model"],
        "source": values.get(SOURCE_COLUMN[side.kind], ""),
        "field": field,
        "old_value": before,
        "new_value": after,
    }


def to_csv_text(d: ExportDiff) -> str:
    return markup.csv_text(d.changes)


def default_csv(d: ExportDiff, reports_dir: Path) -> Path:
    return Path(reports_dir) / f"data_diff--{d.old.last}--{d.new.last}.csv"


# --- flags and monthly figures ---------------------------------------------------------------------


def _flags(tidy: pd.DataFrame, k: int) -> set[str]:
    value = tidy.at[k, "quality_flags"]
    return set(value.split(";")) if isinstance(value, str) and value else set()


def flag_changes(d: ExportDiff) -> pd.DataFrame:
    """The build's quality flags that disappeared or appeared, one line per flag and row, with why."""
    out = []

    def add(change: str, why: str, flag: str, i: int | None, j: int | None) -> None:
        row = _line(why, d.old, d.new, i, j)
        out.append({"flag": flag, "change": change, "why": why, **{k: row[k] for k in CSV_COLUMNS[1:8]}})

    for i, j in d.changed:
        before, after = _flags(d.old.tidy, i), _flags(d.new.tidy, j)
        for flag in sorted(before - after):
            add("disappeared", "row changed", flag, i, j)
        for flag in sorted(after - before):
            add("appeared", "row changed", flag, i, j)
    for i in d.removed:
        for flag in sorted(_flags(d.old.tidy, i)):
            add("disappeared", "row removed", flag, i, None)
    for j in d.added:
        for flag in sorted(_flags(d.new.tidy, j)):
            add("appeared", "row added", flag, None, j)
    return pd.DataFrame(out, columns=["flag", "change", "why", *CSV_COLUMNS[1:8]])


def monthly_effect(d: ExportDiff, units: str = "national") -> pd.DataFrame:
    """What the changed rows alone change in the monthly totals (added rows left out): for each report
    month and count where they differ, the old export's total and the total with the corrections."""
    keep = data.units_of(units)
    old_rows = d.old.tidy.loc[[i for i, _ in d.changed]]
    new_rows = d.new.tidy.loc[[j for _, j in d.changed]]

    def monthly(rows: pd.DataFrame) -> pd.DataFrame:
        rows = rows[rows["reporting_unit"].isin(keep)]
        return rows.groupby(rows["report_date"].dt.strftime("%Y-%m"))[list(COUNTS)].sum(min_count=1)

    base = monthly(d.old.tidy)
    before, after = monthly(old_rows), monthly(new_rows)
    months = sorted(set(before.index) | set(after.index))
    out = []
    for month in months:
        for count in COUNTS:
            total = base.at[month, count] if month in base.index else pd.NA
            minus = before.at[month, count] if month in before.index else pd.NA
            plus = after.at[month, count] if month in after.index else pd.NA
            diff = (0 if pd.isna(plus) else int(plus)) - (0 if pd.isna(minus) else int(minus))
            if diff:
                old_total = 0 if pd.isna(total) else int(total)
                out.append(
                    {
                        "month": month,
                        "count": count,
                        "old": old_total,
                        "corrected": old_total + diff,
                        "difference": diff,
                    }
                )
    return pd.DataFrame(out, columns=["month", "count", "old", "corrected", "difference"])


# --- descriptions ----------------------------------------------------------------------------------


def _blank(value: str) -> str:
    return value if value != "" else _("(blank)")


def _row(line: pd.Series | dict) -> str:
    return _("report {date}, window {start} to {end}, {model}, source post {source}").format(
        date=line["report_date"],
        start=line["time_start"],
        end=line["time_end"],
        model=line["model"],
        source=line["source"] or _("(none)"),
    )


def _by_month(d: ExportDiff) -> str:
    months = d.new.tidy.loc[d.added, "report_date"].dt.strftime("%Y-%m").value_counts().sort_index()
    return ", ".join(f"{m}: {number(n)}" for m, n in months.items())


def summary_lines(d: ExportDiff) -> list[str]:
    """The terminal summary."""
    n = d.counts
    lines = [f"old: {d.old.describe()}", f"new: {d.new.describe()}"]
    if d.same:
        lines.append(f"no change: both exports hold the same {d.old.rows:,} rows")
        return lines
    lines.append(
        f"{n['added']:,} added, {n['removed']:,} removed, {n['changed']:,} changed ({d.unchanged:,} unchanged)"
    )
    for what, cols in (("columns added", d.columns_added), ("columns removed", d.columns_removed)):
        if cols:
            lines.append(f"{what}: {', '.join(cols)}")
    if d.added:
        lines.append(f"added rows by report month: {_by_month(d)}")
    if d.changed:
        lines.append("changed rows:")
        for (i, j), fields in d.changes[d.changes["change"] == "changed"].groupby(["old_line", "new_line"]):
            lines.append(f"  old line {i}, new line {j}: {_row(fields.iloc[0])}")
            for _, f in fields.iterrows():
                lines.append(f"    {f['field']}: {_blank(f['old_value'])} -> {_blank(f['new_value'])}")
    if d.removed:
        lines.append("removed rows:")
        for _, r in d.changes[d.changes["change"] == "removed"].iterrows():
            lines.append(f"  old line {r['old_line']}: {_row(r)}")
    flags = flag_changes(d)
    lines.append(
        "quality flags of the build:" if len(flags) else "quality flags of the build: none appeared or disappeared"
    )
    for _, f in flags.iterrows():
        where = f"new line {f['new_line']}" if f["new_line"] != "" else f"old line {f['old_line']}"
        lines.append(
            f"  {f['change']}: {f['flag']} ({ingest.QUALITY_FLAGS.get(f['flag'], '?')}), {f['why']}: {where}, {_row(f)}"
        )
    return lines


def changes_table(d: ExportDiff) -> pd.DataFrame:
    """Every changed field and removed row (the CSV's lines without the added rows), headed in the reader's language."""
    shown = d.changes[d.changes["change"] != "added"]
    if i18n.current() == i18n.SOURCE:  # the CSV's own column names
        return shown
    shown = shown.assign(change=shown["change"].map(_))
    return shown.rename(columns=dict(zip(CSV_COLUMNS, map(_, HEADERS), strict=True)))


def describe_exports(d: ExportDiff) -> str:
    return _("- Older: {old}\n- Newer: {new}").format(
        old=markup.text(d.old.describe()), new=markup.text(d.new.describe())
    )


def describe_method() -> str:
    return _(
        "- **Row identity.** A row is not named by its window, model and source post alone: one post can give "
        "several rows with the same window and model. Identical rows pair first; the others pair within one "
        "source post by the number of fields they share, rows with the same window and model first. A pair is a "
        "changed row when it shares window and model, or differs in at most {fields} fields; "
        "every other row is added or removed. So a new order of the rows, or a new row beside rows like it, is "
        "never a change.\n"
        "- **Values** are compared as text, except that a whole number written `4.0` equals `4`; a blank is "
        "shown as (blank) and means not reported.\n"
        "- **Lines** are file lines (the header is line 1).\n"
        "- **Flags** are the build's quality flags (`uawar.ingest.QUALITY_FLAGS`), computed for each export "
        "by the same rules.\n"
        "- **Monthly figures** are by report date, national Air Force reports only, as the other notebooks "
        "count them; the effect of the corrections leaves the added rows out."
    ).format(fields=MAX_FIELDS_CHANGED)


def describe_counts(d: ExportDiff) -> str:
    n = d.counts
    if d.same:
        return _("The two exports hold the same {rows} rows: **no change**.").format(rows=number(d.old.rows))
    text = _(
        "The export ending {new_last} ({new_rows} rows) against the export ending {old_last} ({old_rows} rows): "
        "**{added} rows added, {removed} removed, {changed} changed**; {unchanged} rows are the same in both."
    ).format(
        new_last=date(d.new.last),
        new_rows=number(d.new.rows),
        old_last=date(d.old.last),
        old_rows=number(d.old.rows),
        added=number(n["added"]),
        removed=number(n["removed"]),
        changed=number(n["changed"]),
        unchanged=number(d.unchanged),
    )
    if d.added:
        text += " " + _("Added rows by report month: {months}.").format(months=_by_month(d))
    return text


def describe_changes(d: ExportDiff) -> str:
    """Each changed row, its source post, and each changed field with old and new values."""
    if not d.changed:
        return _("No row of the older export was changed.")
    items = []
    for (i, j), fields in d.changes[d.changes["change"] == "changed"].groupby(["old_line", "new_line"]):
        changes = "; ".join(
            f"{markup.text(f['field'])}: {markup.text(_blank(f['old_value']))} → {markup.text(_blank(f['new_value']))}"
            for _, f in fields.iterrows()
        )
        items.append(
            _("- {row} (old line {old}, new line {new}): {changes}").format(
                row=markup.text(_row(fields.iloc[0])), old=i, new=j, changes=changes
            )
        )
    return "\n".join(items)


def describe_flags(d: ExportDiff) -> str:
    flags = flag_changes(d)
    if flags.empty:
        return _("No quality flag of the build appeared or disappeared.")
    items = [
        f"- **{_(f['change'])}**: {markup.text(f['flag'])} ({_(ingest.QUALITY_FLAGS.get(f['flag'], '?'))}), "
        f"{_(f['why'])}: {markup.text(_row(f))}"
        for _i, f in flags.iterrows()
    ]
    return "\n".join(items)


def describe_monthly_effect(d: ExportDiff, units: str = "national") -> str:
    effect = monthly_effect(d, units)
    if effect.empty:
        return _(
            "The corrections change no monthly total of launched, destroyed or suppressed ({units} reports)."
        ).format(units=_(units))
    items = [
        _("- {month}, {count}: {old} in the older export, {corrected} with the corrections ({difference})").format(
            month=e["month"],
            count=_(e["count"]),
            old=number(e["old"]),
            corrected=number(e["corrected"]),
            difference=("+" if e["difference"] >= 0 else "") + number(e["difference"]),
        )
        for _i, e in effect.iterrows()
    ]
    return (
        _(
            "What the corrected rows alone change in the monthly totals of {units} reports (added rows left out):"
        ).format(units=_(units))
        + "\n\n"
        + "\n".join(items)
    )
