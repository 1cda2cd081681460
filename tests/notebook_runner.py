"""Running a notebook through papermill as the tests do."""

import nbformat

from uawar.site.execute import execute


def run(path, tmp_path, **parameters) -> str:
    """Execute a notebook as a report does (no exercises); the Markdown it displayed, joined."""
    out = tmp_path / path.name
    execute(path, out, parameters, exercises=False)
    nb = nbformat.read(out, as_version=4)
    return "\n".join(
        o["data"]["text/markdown"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "text/markdown" in o.get("data", {})
    )
