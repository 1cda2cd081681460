"""The raw exports the repository carries: `data/raw/<dataset>/<export>/`, each folder the files of one
dataset as published and an `export.json` of their provenance; `add` stores a new one.

An export is named by the last date its data reaches (`2026-06-07`; a later export that reaches no
further, a correction, gets `2026-06-07-2`), so the names sort in the order the exports were made and
the newest is the last. Exports are never edited: a new one is a new folder, renamed into place whole.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from uawar import config, ingest, sources
from uawar.errors import InputError
from uawar.files import sha256, temp_folder

METADATA = "export.json"
NAME = re.compile(r"^\d{4}-\d{2}-\d{2}(-\d+)?$")
NEWEST, PREVIOUS = "newest", "previous"


class ExportError(InputError):
    """A raw export that cannot be used or stored: the message names the folder or file and why."""


@dataclass(frozen=True)
class Export:
    dataset: sources.Dataset
    folder: Path

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def label(self) -> str:
        """How a report names it: 'massive-missile-attacks-on-ukraine/2026-06-07'."""
        return f"{self.dataset.name}/{self.name}"

    def file(self, name: str) -> Path:
        return self.folder / name


def dataset_folder(ds: sources.Dataset, root: Path | None = None) -> Path:
    return Path(root or config.RAW_DIR) / ds.name


def exports(ds: sources.Dataset, root: Path | None = None) -> list[Export]:
    """The dataset's exports in the repository, oldest first."""
    folder = dataset_folder(ds, root)
    found = [p for p in folder.iterdir() if p.is_dir() and NAME.match(p.name)] if folder.is_dir() else []
    return [Export(ds, p) for p in sorted(found, key=_order)]


def _order(folder: Path) -> tuple[str, int]:
    """'2026-06-07' before '2026-06-07-2' before '2026-06-07-10'."""
    return folder.name[:10], int(folder.name[11:] or 1)


def resolve(ds: sources.Dataset, name: str, root: Path | None = None) -> Export:
    """`newest`, `previous` or an export's name -> the export; ExportError naming what there is."""
    found = exports(ds, root)
    names = [e.name for e in found]
    known = f"the exports in {dataset_folder(ds, root)}: {', '.join(names) or 'none'}"
    index = {NEWEST: -1, PREVIOUS: -2}.get(name)
    if index is not None:
        if len(found) < -index:
            raise ExportError(f"there is no {name} export of {ds.title}: {known}")
        return found[index]
    if name not in names:
        raise ExportError(f"no export named {name!r} of {ds.title}; expected {NEWEST}, {PREVIOUS} or one of {known}")
    return found[names.index(name)]


def newest_files(root: Path | None = None) -> dict[str, Path]:
    """Every raw file the build reads, from the newest export of each dataset."""
    return {
        name: export.file(name)
        for ds in sources.DATASETS
        for export in [resolve(ds, NEWEST, root)]
        for name in ds.files
    }


# --- adding an export ------------------------------------------------------------------------


@dataclass(frozen=True)
class Added:
    export: Export
    previous: Export | None


def metadata(
    ds: sources.Dataset, files: Mapping[str, Path], published: Mapping[str, Mapping[str, str]], reach: tuple[str, str]
) -> dict:
    """What `export.json` records: the dataset, its licence, where this export was published, what it
    covers, and each file's size and sha256; keys in a fixed order."""
    entries = {}
    for name in ds.files:
        path = files[name]
        entries[name] = {
            "file": name,
            "sha256": sha256(path),
            "bytes": path.stat().st_size,
            "dataset": ds.title,
            **published.get(name, {}),
        }
    return {
        "dataset": ds.title,
        "producer": ds.producer,
        "homepage": ds.homepage,
        "licence": {"name": ds.licence, "title": ds.licence_title, "path": ds.licence_url},
        "citation": ds.citation,
        "covers": {"first": reach[0], "last": reach[1]},
        "files": entries,
    }


def _published(path: Path) -> dict[str, str]:
    """Where a file being added was published, from the `export.json` beside it (`uawar data fetch`
    writes one; by hand, see data/raw/README.md): the keys that say where and when."""
    entry = sources.provenance(path)
    return {k: entry[k] for k in sources.PUBLISHED_KEYS if k in entry}


def add(folder: Path, root: Path | None = None, today: dt.date | None = None) -> list[Added]:
    """Store the exports found in `folder` (the files of one dataset or of both, as published) as new
    exports under `root` (default data/raw): checked to build, compared with the newest export of their
    dataset (the same bytes are not stored again), named by the last date they reach. Nothing is written
    unless every dataset given builds; the list of what was added (empty: nothing new)."""
    folder, root = Path(folder), Path(root or config.RAW_DIR)
    if not folder.is_dir():
        raise ExportError(f"{folder}: not a folder; expected a folder holding the raw files of an export")
    given = [ds for ds in sources.DATASETS if any((folder / n).exists() for n in ds.files)]
    if not given:
        wanted = ", ".join(n for ds in sources.DATASETS for n in ds.files)
        raise ExportError(f"{folder}: holds none of the raw files ({wanted})")
    for ds in given:
        missing = [n for n in ds.files if not (folder / n).is_file()]
        if missing:
            raise ExportError(f"{folder}: has {ds.title} only in part: {', '.join(missing)} missing")
    # Check the files the way `uawar data build` reads them, with the newest exports of the others.
    files = {n: folder / n for ds in given for n in ds.files}
    for ds in sources.DATASETS:
        if ds not in given:
            if not exports(ds, root):
                raise ExportError(f"{folder}: holds no {ds.title}, and {root} has no export of it to build with")
            files.update({n: resolve(ds, NEWEST, root).file(n) for n in ds.files})
    with temp_folder("add") as scratch:
        reaches = ingest.build(files, Path(scratch), today=today).reach
    for name in set(files) - set(ingest.BUILT_FROM):  # stored but not built from: checked all the same
        ingest.read_daily_records(files[name])
    planned = []  # every check passes before anything is written
    for ds in given:
        found = exports(ds, root)
        previous = found[-1] if found else None
        if previous and all(sha256(folder / n) == sha256(previous.file(n)) for n in ds.files):
            continue
        first, last = reaches[ds.name]
        if previous and last < _last(previous):
            raise ExportError(
                f"{folder}: its {ds.title} reaches {last}, before the newest export {previous.label}; "
                "expected a newer export"
            )
        names = {e.name for e in found}
        name = next(n for n in (last, *(f"{last}-{i}" for i in range(2, 1000))) if n not in names)
        published = {n: _published(folder / n) for n in ds.files}
        planned.append((ds, root / ds.name / name, published, (first, last), previous))
    return [
        Added(_store(ds, folder, target, published, reach), previous)
        for ds, target, published, reach, previous in planned
    ]


def _last(export: Export) -> str:
    try:
        return str(json.loads(export.file(METADATA).read_text(encoding="utf-8"))["covers"]["last"])
    except (OSError, ValueError, KeyError, TypeError):
        return export.name[:10]


def _store(ds: sources.Dataset, source: Path, target: Path, published: dict, reach: tuple[str, str]) -> Export:
    """Copy the files and their export.json into a temporary folder beside `target`, then rename it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for name in ds.files:
            shutil.copyfile(source / name, staging / name)
        entries = metadata(ds, {n: staging / n for n in ds.files}, published, reach)
        (staging / METADATA).write_text(json.dumps(entries, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        staging.chmod(0o755)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Export(ds, target)
