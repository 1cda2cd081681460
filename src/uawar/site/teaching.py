"""The teaching edition: student and solution notebooks, built by otter-grader from notebooks 01-04.

Each notebook is the one source of its exercises: otter-grader's `otter assign` format (raw cells
`# BEGIN QUESTION` ... `# END QUESTION`) holds the prompt, the solution (computed from the data) and the
checks, each check with the hint it gives when it fails. From it `otter assign` writes

- the student notebook: solutions blanked to `...`, a `grader.check("qN")` cell after each exercise;
- the solution notebook: the same with the solutions kept.

Both go to reports/teaching/{student,solutions}/ with an HTML page each (code shown; the solution pages
executed, so they show every check passing) and reports/teaching/index.html links them. The normal reports
leave out every cell tagged `exercise` (see `EXERCISE_TAG`), so they show no solutions.

    python -m uawar.site.teaching student      # make student
    python -m uawar.site.teaching solutions    # make solutions
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import sys
import tempfile
from pathlib import Path
from typing import Any

import jinja2
import nbformat

from uawar import config
from uawar.files import atomic_write
from uawar.site.catalogue import notebook_title
from uawar.site.execute import execute
from uawar.site.html import CSP_SLOT, EXERCISE_TAG, convert, with_policy

TEACHING_DIR = config.REPORTS_DIR / "teaching"
# our name for each edition -> the folder otter assign writes it to
EDITIONS = {"student": "student", "solutions": "autograder"}
_CONFIG_MARK = "# ASSIGNMENT CONFIG"


def sources(notebooks_dir: Path | None = None) -> list[Path]:
    """The notebooks that hold exercises in otter's format (an ASSIGNMENT CONFIG raw cell)."""
    found = []
    for path in sorted((notebooks_dir or config.NOTEBOOKS_DIR).glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_bytes()).get("cells", [])
        if any(c["cell_type"] == "raw" and "".join(c["source"]).lstrip().startswith(_CONFIG_MARK) for c in cells):
            found.append(path)
    return found


def _init_cell(name: str) -> nbformat.NotebookNode:
    """otter's own init cell, placed under the Exercises heading instead of above the title."""
    cell = nbformat.v4.new_code_cell(
        f'# The checks of the exercises below (otter-grader)\nimport otter\n\ngrader = otter.Notebook("{name}")'
    )
    cell.metadata["tags"] = [EXERCISE_TAG]
    return cell


def assign(source: Path, edition: str) -> nbformat.NotebookNode:
    """One edition ('student' or 'solutions') of a source notebook, made by `otter assign`."""
    from otter.assign import main as otter_assign

    if edition not in EDITIONS:
        raise ValueError(f"edition: {edition!r} is not one of {', '.join(EDITIONS)}")
    with tempfile.TemporaryDirectory() as tmp:
        # otter prints its progress; a failure still raises
        with contextlib.redirect_stdout(io.StringIO()):
            otter_assign(str(source), tmp, no_run_tests=True, no_pdfs=True)
        nb = nbformat.read(Path(tmp) / EDITIONS[edition] / source.name, as_version=4)
    heading = next(
        (
            i
            for i, c in enumerate(nb.cells)
            if c.cell_type == "markdown" and c.source.lstrip().startswith("## Exercises")
        ),
        None,
    )
    if heading is None:
        raise ValueError(f"{source}: no '## Exercises' markdown cell to put the checks' init cell under")
    nb.cells.insert(heading + 1, _init_cell(source.name))
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("grader.check("):
            cell.metadata.setdefault("tags", []).append(EXERCISE_TAG)
    return nb


def failed_hints(nb: nbformat.NotebookNode, question: str, env: dict[str, Any]) -> list[str]:
    """Run the checks of one exercise of an assigned notebook against the variables in `env`, as
    `grader.check` does; the hints of the checks that failed (empty: the answer is accepted)."""
    from otter.test_files.ok_test import OKTestFile

    tests = OKTestFile.from_metadata(nb.metadata["otter"]["tests"][question], question)
    tests.run(dict(env))
    return [r.test_case.failure_message or r.test_case.name for r in tests.test_case_results if not r.passed]


def _page(nb: nbformat.NotebookNode, title: str) -> bytes:
    nb.metadata["title"] = title
    return convert(nb, True, exercises=True).encode("utf-8")


def write_edition(source: Path, edition: str, folder: Path) -> Path:
    """Write one edition of a source notebook into `folder`, under the source's file name."""
    nb = assign(source, edition)
    path = Path(folder) / source.name
    text = nbformat.writes(nb)
    atomic_write({path: text if text.endswith("\n") else text + "\n"})
    return path


def build(
    edition: str, out: Path | None = None, notebooks_dir: Path | None = None, only: list[Path] | None = None
) -> list[Path]:
    """Write one edition of every source notebook (or of those in `only`), and its HTML page, into
    out/<edition>/; refresh out/index.html. The solution notebooks are executed for their pages."""
    out = Path(out or TEACHING_DIR)
    folder = out / edition
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for source in only or sources(notebooks_dir):
        path = write_edition(source, edition, folder)
        title = f"{notebook_title(source)} ({edition})"
        if edition == "solutions":
            with tempfile.TemporaryDirectory() as tmp:
                # run in the notebook's own folder, where otter.Notebook finds the file by its name
                nb = execute(path, Path(tmp) / source.name)
        else:
            nb = nbformat.read(path, as_version=4)
        atomic_write({path.with_suffix(".html"): _page(nb, title)})
        written += [path, path.with_suffix(".html")]
    write_index(out, notebooks_dir)
    return written


def write_index(out: Path, notebooks_dir: Path | None = None) -> Path:
    """reports/teaching/index.html: per notebook, its student notebook (download and page) and its solution
    page, for the editions built so far. Titles are escaped (autoescape)."""
    rows = [
        {
            "title": notebook_title(source),
            "file": source.name,
            "stem": source.stem,
            "student": (out / "student" / source.name).is_file(),
            "solutions": (out / "solutions" / f"{source.stem}.html").is_file(),
        }
        for source in sources(notebooks_dir)
    ]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(config.TEMPLATES_DIR), autoescape=True, undefined=jinja2.StrictUndefined
    )
    out.mkdir(parents=True, exist_ok=True)
    index = out / "index.html"
    atomic_write({index: with_policy(env.get_template("teaching_index.html.j2").render(rows=rows, csp=CSP_SLOT))})
    return index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m uawar.site.teaching", description=__doc__.split("\n\n")[0])
    parser.add_argument("edition", choices=sorted(EDITIONS), help="which edition to build")
    parser.add_argument("--out", type=Path, default=TEACHING_DIR, help="folder to write into (default: %(default)s)")
    args = parser.parse_args(argv)
    logging.getLogger("otter").setLevel(logging.WARNING)
    for path in build(args.edition, args.out):
        print(path)
    print(f"index: {args.out / 'index.html'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
