"""The catalogue: notebooks, catalogue entries and sweeps expanded into named, validated reports."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from uawar import config, data, i18n, params
from uawar.errors import RenderError
from uawar.files import NotAnInput, read_input

_NOTEBOOK = re.compile(r"^(?P<number>\d+)_(?P<name>\w+)\.ipynb$")


@dataclass(frozen=True)
class Report:
    """One HTML report: a notebook and a full, validated parameter set."""

    name: str  # the output stem: interception_rates--2025-06
    notebook: str  # interception_rates
    path: Path  # notebooks/02_interception_rates.ipynb
    params: dict  # every parameter, validated (defaults filled in)
    given: dict = field(default_factory=dict)  # the parameters set explicitly, which name the report
    entry: str = ""  # the catalogue entry it comes from (interception_rates_report_days), or the bare notebook
    swept: tuple[str, ...] = ()  # what that entry sweeps (("days",) for one report a night): the site's galleries


def find_notebooks(notebooks_dir: Path | None = None) -> dict[str, Path]:
    """Notebook name (file stem without its number) -> path, in teaching order."""
    folder = Path(notebooks_dir or config.NOTEBOOKS_DIR)
    found = {}
    for path in sorted(folder.glob("*.ipynb")):
        m = _NOTEBOOK.match(path.name)
        if m:
            found[m["name"]] = path
    return found


def notebook_title(path: Path) -> str:
    """The notebook's first `# ` heading, in the current language (uawar.i18n)."""
    for cell in json.loads(path.read_bytes()).get("cells", []):
        if cell.get("cell_type") == "markdown":
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            src = i18n.translate(src, domain=path.stem) if i18n.current() != i18n.SOURCE and src.strip() else src
            for line in src.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def _slug(value: object) -> str:
    """A file-name-safe form of a value; a short hash keeps values that differ only in unsafe
    characters apart ('a/b' and 'a-b')."""
    text = "none" if value is None else ",".join(map(str, value)) if isinstance(value, list) else str(value)
    safe = re.sub(r"[^A-Za-z0-9._]+", "-", text).strip("-.")[:60]
    if safe != text:
        safe = f"{safe}-{hashlib.sha256(text.encode()).hexdigest()[:6]}".lstrip("-")
    return safe


def period_slug(start: str | None, end: str | None) -> str:
    """2025-06-01 for one day, 2025-06 for a whole month, 2025 for a whole year, else start_end."""
    if start and end:
        s, e = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        if s == e:
            return start
        next_day = e + dt.timedelta(days=1)
        if s.day == 1 and next_day.day == 1:
            if s.month == 1 and next_day.month == 1 and next_day.year == s.year + 1:
                return f"{s.year}"
            if (next_day.year * 12 + next_day.month) - (s.year * 12 + s.month) == 1:
                return f"{s:%Y-%m}"
        return f"{start}_{end}"
    return f"from-{start}" if start else f"to-{end}"


def report_name(notebook: str, params: dict, given: Iterable[str]) -> str:
    """The notebook name, then one slug per explicitly given parameter: the period (start, end)
    first, the others as key-value in declaration order."""
    given = set(given)
    parts = [notebook]
    if given & {"start", "end"}:
        parts.append(
            period_slug(
                params.get("start") if "start" in given else None, params.get("end") if "end" in given else None
            )
        )
    parts += [f"{k}-{_slug(v)}" for k, v in params.items() if k in given and k not in ("start", "end")]
    return "--".join(parts)


def label(report: Report) -> str:
    return report.name.removeprefix(report.notebook).removeprefix("--").replace("--", ", ")


def _sweep(spec: dict) -> list[dict]:
    """A sweep -> one parameter dict per report. `days: [first, last]`, `months: [first, last]` and
    `years: [first, last]` sweep the period (start, end); any other key sweeps that parameter over a list."""
    axes = []
    for key, values in spec.items():
        if key == "attacks":
            if not (isinstance(values, list) and len(values) == 2):
                raise RenderError(f"sweep 'attacks' needs [first, last], got {values!r}")
            axes.append(_attacks(*values))
        elif key in _SWEEP_PERIODS:
            if not (isinstance(values, list) and len(values) == 2):
                raise RenderError(f"sweep '{key}' needs [first, last], got {values!r}")
            axes.append(_periods(key, *values))
        elif isinstance(values, list) and values:
            axes.append([{key: v} for v in values])
        else:
            raise RenderError(f"sweep '{key}' needs a list of values, got {values!r}")
    return [{k: v for d in combo for k, v in d.items()} for combo in itertools.product(*axes)]


_SWEEP_PERIODS = {
    "days": ("D", r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD"),
    "months": ("M", r"\d{4}-\d{2}", "YYYY-MM"),
    "years": ("Y", r"\d{4}", "YYYY"),
}


def whole_periods(freq: str) -> tuple[pd.Period, pd.Period]:
    """The first and the last whole month ("M") or year ("Y") of the attack log's report dates: with data
    from 2022-09-28 to 2026-06-07, 2022-10 and 2026-05 (2023 and 2025)."""
    first, last = data.coverage("air_attacks")
    one_day = dt.timedelta(days=1)
    return pd.Period(first - one_day, freq) + 1, pd.Period(last + one_day, freq) - 1


def _periods(kind: str, first: object, last: object) -> list[dict]:
    """Every day, month or year from first to last, each as its start and end dates; `first` and `last`
    as values name the data's own first and last whole period. Days are the report dates of the
    attack log's national reports: a night the log has no report of has no page."""
    freq, pattern, shape = _SWEEP_PERIODS[kind]
    problem = RenderError(
        f"sweep '{kind}': [{first}, {last}] is not a [first, last] range ({shape}, or the words first and last)"
    )
    first, last = _plain(first), _plain(last)  # YAML reads 2025-01-01 as a date
    current = kind != "days" and last == "current"  # the data's last period, to its last report date
    if current:
        last_date = data.coverage("air_attacks")[1]
        last = pd.Period(last_date, freq)
    if not all(re.fullmatch(pattern, str(v)) or v in ("first", "last") for v in (first, last)):
        raise problem
    if "first" in (first, last) or "last" in (first, last):
        bounds = dict(zip(("first", "last"), whole_periods(freq), strict=True))
        first, last = bounds.get(str(first), first), bounds.get(str(last), last)
    try:
        periods = pd.period_range(str(first), str(last), freq=freq)
    except ValueError:
        raise problem from None
    if kind == "days":
        reported = set(data.select(data.load_air_attacks())["report_date"].dt.to_period("D"))
        periods = periods[periods.isin(reported)]
    out = [{"start": f"{p.start_time:%Y-%m-%d}", "end": f"{p.end_time:%Y-%m-%d}"} for p in periods]
    if current and out and out[-1]["end"] > last_date.isoformat():  # the period to date, not yet whole
        out[-1]["end"] = last_date.isoformat()
    return out


def _attacks(first: object, last: object) -> list[dict]:
    """Every nationwide attack (data/processed/attacks.csv) reported from first to last (YYYY-MM-DD, or the words
    first and last for the log's own first and last report dates), each as its `attack` parameter (its id)."""
    first, last = _plain(first), _plain(last)
    if not all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(v)) or v in ("first", "last") for v in (first, last)):
        raise RenderError(
            f"sweep 'attacks': [{first}, {last}] is not a [first, last] range (YYYY-MM-DD, or the words first and last)"
        )
    table = data.load_attacks()
    dates = table["report_date"].dt.strftime("%Y-%m-%d")
    keep = pd.Series(True, index=table.index)
    if first != "first":
        keep &= dates >= str(first)
    if last != "last":
        keep &= dates <= str(last)
    return [{"attack": a} for a in table.loc[keep, "attack_id"]]


_ENTRY_KEYS = "name, notebook, parameters, sweep, default"


def load_catalogue(path: Path | None = None) -> list[dict]:
    """The catalogue's entries: each with a name (default: its notebook's), notebook, parameters, sweep,
    and whether --all renders it (default: true). Every key is checked for its type here, where the
    file is read."""
    path = Path(path or config.CATALOGUE)
    try:
        doc = yaml.safe_load(read_input(path).decode("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, NotAnInput) as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(err, "problem", None) or getattr(err, "strerror", None) or str(err)
        raise RenderError(f"{path}: {where}{problem}; expected a YAML file with a 'reports:' list") from None
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise RenderError(f"{path}: expected a mapping with the key 'reports', got {type(doc).__name__}")
    reports = doc.get("reports") or []
    if not isinstance(reports, list):
        raise RenderError(f"{path}: key 'reports' is {reports!r}; expected a list of entries")
    entries, names = [], set()
    for i, entry in enumerate(reports, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("notebook"), str):
            raise RenderError(f"{path}: entry {i} needs a 'notebook' (a notebook's name, as text); got {entry!r}"[:400])
        unknown = set(entry) - {"name", "notebook", "parameters", "sweep", "default"}
        if unknown:
            raise RenderError(
                f"{path}: entry {i} ({entry['notebook']}): unknown key(s) {sorted(map(str, unknown))}; "
                f"allowed: {_ENTRY_KEYS}"
            )
        name = entry.get("name", entry["notebook"])
        expected = {
            "name": (str, "text"),
            "parameters": (dict, "a mapping KEY: VALUE"),
            "sweep": (dict, "a mapping"),
            "default": (bool, "true or false (whether --all renders the entry)"),
        }
        for key, (kind, what) in expected.items():
            value = name if key == "name" else entry.get(key)
            if value is not None and not isinstance(value, kind):
                raise RenderError(
                    f"{path}: entry {i} ({entry['notebook']}): key '{key}' is {value!r}; expected {what}"[:400]
                )
        if name in names:
            raise RenderError(f"{path}: entry {i}: the name '{name}' is used twice (give each entry its own name)")
        names.add(name)
        entries.append(
            {
                "name": name,
                "notebook": entry["notebook"],
                "parameters": entry.get("parameters") or {},
                "sweep": entry.get("sweep") or {},
                "default": entry.get("default", True),
            }
        )
    return entries


def _plain(value: object) -> object:
    """YAML dates -> ISO text; the CLI's 'None' -> None."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    return None if value == "None" else value


def expand(entry: dict, notebooks: dict[str, Path], overrides: dict | None = None) -> list[Report]:
    """A catalogue entry (or a bare notebook) -> its reports, every parameter set validated."""
    nb = entry["notebook"]
    if nb not in notebooks:
        raise RenderError(f"no notebook '{nb}' (entry '{entry['name']}'); notebooks: {', '.join(notebooks)}")
    reports = []
    for swept in _sweep(entry["sweep"]) if entry["sweep"] else [{}]:
        given = {k: _plain(v) for k, v in {**entry["parameters"], **swept, **(overrides or {})}.items()}
        values = params.validate(nb, given)
        name = report_name(nb, values, given)
        reports.append(Report(name, nb, notebooks[nb], values, given, entry["name"], tuple(entry["sweep"])))
    return reports


def select(
    names: list[str],
    all_: bool = False,
    overrides: dict | None = None,
    notebooks_dir: Path | None = None,
    catalogue: Path | None = None,
) -> list[Report]:
    """Report names, catalogue entries or notebooks (or --all) -> the reports, validated."""
    notebooks = find_notebooks(notebooks_dir)
    entries = load_catalogue(catalogue)
    if all_ and names:
        raise RenderError("give report names or --all, not both")
    if all_ and overrides:
        raise RenderError("-p applies to named reports, not to --all")
    if not all_ and not names:
        raise RenderError("name the reports to render (see `uawar list`), or give --all")
    by_entry = {e["name"]: e for e in entries}
    chosen: list[Report] = []
    every: dict[str, Report] = {}  # the catalogue's reports, entries expanded in order until a name is found
    unexpanded = list(entries)
    for name in names:
        if name in by_entry:
            chosen += expand(by_entry[name], notebooks, overrides)
        elif name in notebooks:
            bare = {"name": name, "notebook": name, "parameters": {}, "sweep": {}, "default": True}
            chosen += expand(bare, notebooks, overrides)
        else:
            # a long sweep is validated only if the name needs it: an entry of its notebook (a report's name
            # is its notebook's, then '--' and the slugs)
            while name not in every:
                entry = next((e for e in unexpanded if name.split("--")[0] == e["notebook"]), None)
                if entry is None:
                    break
                unexpanded.remove(entry)
                every.update((r.name, r) for r in expand(entry, notebooks))
            if name not in every or overrides:
                raise RenderError(
                    f"unknown report '{name}': not a catalogue entry ({', '.join(by_entry)}), "
                    f"a notebook ({', '.join(notebooks)}) or a catalogue report"
                    + (" (-p needs an entry or a notebook)" if name in every else "")
                )
            chosen.append(every[name])
    if all_:  # the entries marked `default: false` (the long sweeps) only when named
        chosen = [r for e in entries if e["default"] for r in expand(e, notebooks)]
    unique: dict[str, Report] = {}
    for r in chosen:
        if r.name in unique and unique[r.name].params != r.params:
            raise RenderError(f"two reports named '{r.name}' with different parameters")
        unique[r.name] = r
    return list(unique.values())
