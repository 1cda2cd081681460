"""Raw exports to tidy tables: parse, normalise, classify, validate, write atomically (`build`). A module per
dataset's reader (`attack_log`, `loss_series`) beside the reading of a raw file (`reading`) and what the build
writes beside the tables (`package`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from uawar import config, sources
from uawar.files import atomic_write, clean_stale, sha256
from uawar.ingest.attack_log import (
    QUALITY_FLAGS,
    attacks_table,
    coverage_table,
    load_catalogue,
    normalise_attacks,
    reporting_bodies,
    tidy_attacks,
)
from uawar.ingest.loss_series import read_daily_records, read_personnel
from uawar.ingest.package import (
    datapackage,
    export_date,
    first_last,
    lineage_of,
    model_classes,
    to_csv_text,
    weapon_classes_markdown,
)
from uawar.ingest.reading import read_csv, read_raw
from uawar.schema import (
    AIR_ATTACKS_SCHEMA,
    ATTACKS_SCHEMA,
    CORE_COLUMNS,
    COVERAGE_SCHEMA,
    PERSONNEL_SCHEMA,
    DataError,
    validate,
)

# What the package offers beside `build`: the readers the tests and `uawar data` reach.
__all__ = [
    "ATTACKS_FILE",
    "BUILT_FROM",
    "CATALOGUE_FILE",
    "QUALITY_FLAGS",
    "BuildSummary",
    "build",
    "load_catalogue",
    "read_csv",
    "read_daily_records",
    "read_raw",
    "reporting_bodies",
    "tidy_attacks",
    "weapon_classes_markdown",
]

ATTACKS_FILE, CATALOGUE_FILE = sources.ATTACK_LOG.files
PERSONNEL_FILE = sources.LOSS_SERIES.files[0]
BUILT_FROM = (ATTACKS_FILE, CATALOGUE_FILE, PERSONNEL_FILE)


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
    raw = read_csv(attacks_path, required=CORE_COLUMNS, data=blobs[attacks_path])
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
        "air_attacks": lineage_of((attacks_path, catalogue_path), attacks["report_date"], digests),
        "personnel_losses": lineage_of((personnel_path,), personnel["date"], digests),
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
            sources.ATTACK_LOG.name: first_last(attacks["report_date"]),
            sources.LOSS_SERIES.name: first_last(personnel["date"]),
        },
    )
    for flag in QUALITY_FLAGS:
        n = int(attacks["quality_flags"].str.split(";").map(lambda f, fl=flag: isinstance(f, list) and fl in f).sum())
        if n:
            summary.flags[flag] = n
    summary.unknown_models = sorted(attacks.loc[attacks["weapon_class"] == "unknown", "model"].unique())
    summary.written = [str(processed / name) for name in texts] + [str(data_dir / "datapackage.json")]
    return summary
