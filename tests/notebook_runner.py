"""Running a notebook through papermill as the tests do."""

import nbformat
import papermill

from uawar import config


def run(path, tmp_path, **parameters) -> str:
    """Execute a notebook; the Markdown it displayed, joined."""
    out = tmp_path / path.name
    papermill.execute_notebook(str(path), str(out), parameters=parameters, kernel_name="python3",
                               cwd=str(config.NOTEBOOKS_DIR), progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    return "\n".join(o["data"]["text/markdown"] for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []) if "text/markdown" in o.get("data", {}))
