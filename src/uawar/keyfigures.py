"""Refresh the stored outputs of the key-figure cells that nbval compares on every test run.

After the data or a notebook changes, `make key-figures` (`uawar key-figures [NOTEBOOK...]`)
executes each notebook with its default parameters and stores the outputs of the code cells tagged
`keep_output`; every other cell is left without outputs, as the pre-commit hook leaves it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import nbformat

from uawar.files import atomic_write
from uawar.site.execute import execute

KEEP_TAG = "keep_output"


def refresh(path: Path) -> int:
    """Execute `path` with its defaults and store the key-figure outputs; the number of cells kept."""
    path = Path(path)
    with tempfile.TemporaryDirectory() as tmp:
        executed = Path(tmp) / path.name
        execute(path, executed)
        done = {c.get("id"): c for c in nbformat.read(executed, as_version=4).cells}
    nb = nbformat.read(path, as_version=4)
    kept = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if KEEP_TAG in cell.metadata.get("tags", []):
            # nbval skips a cell that has outputs but no execution count: keep both.
            cell.outputs, cell.execution_count = done[cell.get("id")].outputs, done[cell.get("id")].execution_count
            kept += 1
        else:
            cell.outputs, cell.execution_count = [], None
    text = nbformat.writes(nb)
    atomic_write({path: text if text.endswith("\n") else text + "\n"})  # as nbformat.write ends a file
    return kept
