"""Notebook 05's parameters (its defaults: the notebook's `parameters` cell): the two exports compared."""

from __future__ import annotations

from pathlib import Path

from uawar import config, diff, ingest
from uawar.errors import InputError
from uawar.params.core import Param, ParameterError, declare

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
    Param("old", "str", f"the older export: {EXPORT_HELP}"),
    Param("new", "str", f"the newer export: {EXPORT_HELP}"),
    checks=(exports_exist,),
    reads=export_files,
)
