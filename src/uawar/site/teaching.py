"""The teaching edition: student and solution notebooks, autograder archives and grading, built by
otter-grader from notebooks 01-04 and 06-08 (those with an ASSIGNMENT CONFIG cell).

Each notebook is the one source of its exercises: otter-grader's `otter assign` format (raw cells
`# BEGIN QUESTION` ... `# END QUESTION`) holds the prompt, the solution (computed from the data), the
points, and the checks: public ones, each with the hint it gives when it recognises a usual mistake
(worth 0 points), and a hidden one that decides the question (all or nothing). Discussion questions are
otter's manual questions, with a model answer in the solutions. From it `otter assign` writes

- the student notebook: solutions blanked to `...`, a `grader.check("qN")` cell after each exercise
  (public checks only), an export cell that zips the notebook for hand-in;
- the solution notebook: the same with the solutions and the instructor's notes kept;
- the autograder archive (all checks, hidden ones included): `otter run` grades a submission with it
  locally, Gradescope with its own image.

    uawar teach student              # make student: reports/teaching/student/
    uawar teach solutions            # make solutions: reports/teaching/solutions/
    uawar teach grade SUBMISSIONS    # make grade: a CSV of scores

The student folder can be handed out as it is: its index links only student material. The instructor's
index (reports/teaching/index.html) links both editions and the autograder archives.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import nbformat
from markupsafe import Markup, escape

from uawar import config, i18n
from uawar.errors import InputError
from uawar.files import atomic_write
from uawar.site.catalogue import notebook_title
from uawar.site.execute import execute
from uawar.site.html import CSP_SLOT, EXERCISE_TAG, convert, with_policy

EDITIONS = (i18n.N_("student"), i18n.N_("solutions"))
# cells for the instructor only: kept in the solutions, dropped from the student edition
INSTRUCTOR_TAG = "instructor"
_CONFIG_MARK = "# ASSIGNMENT CONFIG"
# otter's solution markers, which otter leaves in the solutions edition
# What `otter assign` writes itself (a written answer's placeholder, the submission cells, with the notebooks'
# ASSIGNMENT CONFIG instructions): given in the edition's language; an otter that writes other words fails a
# Ukrainian edition naming them.
OTTER_MARKDOWN = (
    i18n.N_("_Type your answer here, replacing this text._"),
    i18n.N_(
        "## Submission\n\nMake sure you have run all cells in your notebook in order before running the cell below, "
        "so that all images/graphs appear in the output. The cell below will generate a zip file for you to submit. "
        "**Please save before exporting!**\n\nHand in the zip file that this cell writes next to the notebook (your "
        "teacher says where)."
    ),
)
OTTER_SAVE = i18n.N_("# Save your notebook first, then run this cell to export your submission.")
_MARKER = re.compile(r"^\s*# (BEGIN|END) SOLUTION.*\n?|[ \t]+# SOLUTION$", re.MULTILINE)
# a `code` span in a description's translation (identifiers and data values, which stay as written)
_CODE = re.compile(r"`([^`]+)`")


class GradeError(InputError):
    """A bad input to `grade` (exit code 2)."""


def sources(notebooks_dir: Path | None = None) -> list[Path]:
    """The notebooks that hold exercises in otter's format (an ASSIGNMENT CONFIG raw cell)."""
    found = []
    for path in sorted((notebooks_dir or config.NOTEBOOKS_DIR).glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_bytes()).get("cells", [])
        if any(c["cell_type"] == "raw" and "".join(c["source"]).lstrip().startswith(_CONFIG_MARK) for c in cells):
            found.append(path)
    return found


def _init_cell(assignment: str) -> nbformat.NotebookNode:
    """The checks' init cell, under the Exercises heading: uawar's grader finds the notebook by its
    assignment name, so a renamed file still checks and exports."""
    comment = i18n._("# The checks of the exercises below (otter-grader), and pandas for your answers")
    cell = nbformat.v4.new_code_cell(
        f'{comment}\nimport pandas as pd\nfrom uawar import exercises\n\ngrader = exercises.Grader("{assignment}")'
    )
    cell.metadata["tags"] = [EXERCISE_TAG]
    return cell


@dataclass
class Assigned:
    """What `otter assign` makes of one source notebook."""

    student: nbformat.NotebookNode
    solutions: nbformat.NotebookNode
    autograder: bytes  # the autograder archive (zip)


def _finish(nb: nbformat.NotebookNode, source: Path, edition: str) -> nbformat.NotebookNode:
    heading = next(  # the Exercises heading, in any language: the first Markdown cell of the exercises
        (
            i
            for i, c in enumerate(nb.cells)
            if c.cell_type == "markdown"
            and EXERCISE_TAG in c.metadata.get("tags", [])
            and c.source.lstrip().startswith("## ")
        ),
        None,
    )
    if heading is None:
        raise ValueError(f"{source}: no '## Exercises' markdown cell to put the checks' init cell under")
    nb.cells.insert(heading + 1, _init_cell(nb.metadata["otter"]["assignment_name"]))
    if edition == "student":
        nb.cells = [c for c in nb.cells if INSTRUCTOR_TAG not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith(("grader.check(", OTTER_SAVE)):
            cell.metadata.setdefault("tags", []).append(EXERCISE_TAG)
            cell.source = cell.source.replace(OTTER_SAVE, i18n._(OTTER_SAVE), 1)
        if cell.cell_type == "markdown" and cell.source.startswith(("_Type your answer", "## Submission\n")):
            cell.source = i18n._(cell.source)  # one of OTTER_MARKDOWN, or a change of otter's named by the error
        if edition == "solutions" and cell.cell_type == "code":
            cell.source = _MARKER.sub("", cell.source).strip("\n")
    return nb


def assign(source: Path) -> Assigned:
    """Both editions of a source notebook and its autograder archive, made by `otter assign`."""
    from otter.assign import main as otter_assign

    with tempfile.TemporaryDirectory() as tmp:
        # otter prints its progress; a failure still raises
        with contextlib.redirect_stdout(io.StringIO()):
            otter_assign(str(source), tmp, no_run_tests=True, no_pdfs=True)
        dist = Path(tmp)
        return Assigned(
            student=_finish(nbformat.read(dist / "student" / source.name, as_version=4), source, "student"),
            solutions=_finish(nbformat.read(dist / "autograder" / source.name, as_version=4), source, "solutions"),
            autograder=next((dist / "autograder").glob("*-autograder_*.zip")).read_bytes(),
        )


def failed_hints(nb: nbformat.NotebookNode, question: str, env: dict[str, Any]) -> list[str]:
    """Run the checks of one exercise of an assigned notebook (those in its metadata: public ones in the
    student edition, all in the solutions) against the variables in `env`; the messages of the checks that
    failed (a hidden check's is 'hidden'; empty: the answer is accepted)."""
    from otter.test_files.ok_test import OKTestFile

    tests = OKTestFile.from_metadata(nb.metadata["otter"]["tests"][question], question)
    tests.run(dict(env))
    return [
        "hidden" if r.test_case.hidden else r.test_case.failure_message or r.test_case.name
        for r in tests.test_case_results
        if not r.passed
    ]


def _page(nb: nbformat.NotebookNode, title: str) -> bytes:
    nb.metadata["title"] = title
    return convert(nb, True, exercises=True).encode("utf-8")


def _text(nb: nbformat.NotebookNode) -> str:
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def write_edition(source: Path, edition: str, folder: Path) -> Path:
    """Write one edition of a source notebook into `folder`, under the source's file name (the solutions
    also write the autograder archive, as autograder/<assignment>.zip)."""
    if edition not in EDITIONS:
        raise ValueError(f"edition: {edition!r} is not one of {', '.join(EDITIONS)}")
    made = assign(source)
    path = Path(folder) / source.name
    files: dict[Path, str | bytes] = {path: _text(getattr(made, edition))}
    if edition == "solutions":
        files[autograder_path(folder, source)] = made.autograder
    atomic_write(files)
    return path


def autograder_path(folder: Path, source: Path) -> Path:
    return Path(folder) / "autograder" / f"{source.stem}.zip"


def build(
    edition: str,
    out: Path | None = None,
    notebooks_dir: Path | None = None,
    only: list[Path] | None = None,
    lang: str = i18n.SOURCE,
) -> list[Path]:
    """Write one edition of every source notebook (or of those in `only`) and its HTML page into
    out/<edition>/, with that edition's index; refresh the instructor's index out/index.html. The solution
    notebooks are written executed (each shows every check passing), with the autograder archives. In another
    language than English (`lang`), the notebooks that have a catalogue of it, translated (prose, hints, outputs)."""
    with i18n.language(lang), tempfile.TemporaryDirectory(prefix="uawar-teaching-") as translated:
        chosen = [s for s in only or sources(notebooks_dir) if i18n.has_edition(s.stem, lang)]
        titles = {s.name: notebook_title(s) for s in chosen}  # from the sources, in the current language
        if lang != i18n.SOURCE:  # otter assigns the translated notebook, under the source's file name
            for source in chosen:
                (Path(translated) / source.name).write_bytes(i18n.translated_notebook(source, lang))
            chosen = [Path(translated) / source.name for source in chosen]
        out = Path(
            out
            or (config.TEACHING_DIR if lang == i18n.SOURCE else i18n.site_folder(config.REPORTS_DIR, lang) / "teaching")
        )
        return _build(edition, out, chosen, titles, notebooks_dir, lang)


def _build(
    edition: str, out: Path, chosen: list[Path], titles: dict[str, str], notebooks_dir: Path | None, lang: str
) -> list[Path]:
    folder = out / edition
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for source in chosen:
        path = write_edition(source, edition, folder)
        title = f"{titles[source.name]} ({i18n._(edition)})"
        if edition == "solutions":
            with tempfile.TemporaryDirectory() as tmp:
                # run a copy in a folder of its own: the grader finds it there, its export zip stays there
                copy = Path(tmp) / source.name
                shutil.copyfile(path, copy)
                nb = execute(copy, copy)
            atomic_write({path: _text(nb)})
            written.append(autograder_path(folder, source))
        else:
            nb = nbformat.read(path, as_version=4)
        atomic_write({path.with_suffix(".html"): _page(nb, title)})
        written += [path, path.with_suffix(".html")]
    if edition == "student":
        written.append(write_data_dictionary(folder))
    written += write_indexes(out, notebooks_dir, lang)
    return written


def _render(template: str, **values: Any) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(config.TEMPLATES_DIR), autoescape=True, undefined=jinja2.StrictUndefined
    )
    i18n.install(env)
    return with_policy(env.get_template(template).render(csp=CSP_SLOT, **values))


def write_data_dictionary(folder: Path) -> Path:
    """data_dictionary.html: every table the notebooks load, each field with its type and the description
    the data package gives it, in the current language: titles and descriptions from the `datapackage` catalogue,
    whose translations put identifiers and data values in backticks (shown as code)."""
    package = json.loads(Path(config.DATAPACKAGE).read_text(encoding="utf-8"))

    def translated(text: str) -> Markup:
        found = str(escape(i18n.translate(text, domain=i18n.PACKAGE_DOMAIN)))  # str: re.sub on Markup escapes
        return Markup(_CODE.sub(r"<code>\1</code>", found))

    tables = [
        {
            "name": r["name"],
            "path": r["path"],
            "title": translated(r.get("title", "")),
            "fields": [{**f, "description": translated(f.get("description", ""))} for f in r["schema"]["fields"]],
        }
        for r in package["resources"]
    ]
    page = Path(folder) / "data_dictionary.html"
    atomic_write({page: _render("teaching_data_dictionary.html.j2", tables=tables)})
    return page


def write_indexes(out: Path, notebooks_dir: Path | None = None, lang: str = i18n.SOURCE) -> list[Path]:
    """The students' index (out/student/index.html: their notebooks and pages, the data dictionary, the
    content note; no solution) and the instructor's (out/index.html: both editions, the autograder archives,
    how to grade), for the editions built so far. Titles are escaped (autoescape)."""
    rows = [
        {
            "title": notebook_title(source),  # in the current language
            "file": source.name,
            "stem": source.stem,
            "student": (out / "student" / source.name).is_file(),
            "solutions": (out / "solutions" / f"{source.stem}.html").is_file(),
            "autograder": autograder_path(out / "solutions", source).is_file(),
        }
        for source in sources(notebooks_dir)
        if i18n.has_edition(source.stem, lang)
    ]
    out.mkdir(parents=True, exist_ok=True)
    pages = {out / "index.html": _render("teaching_index.html.j2", rows=rows)}
    if any(r["student"] for r in rows):
        pages[out / "student" / "index.html"] = _render("teaching_student_index.html.j2", rows=rows)
    atomic_write(pages)
    return list(pages)


def _submission_notebook(path: Path, tmp: Path) -> Path:
    """The notebook of a submission: the .ipynb itself, or the one inside an exported zip."""
    if path.suffix == ".ipynb":
        return path
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.endswith(".ipynb") and not n.startswith("__MACOSX")]
            if len(names) != 1:
                raise GradeError(f"{path}: holds {len(names)} notebooks; a submission holds one")
            target = tmp / path.stem / Path(names[0]).name
            target.parent.mkdir(parents=True)
            target.write_bytes(zf.read(names[0]))
            return target
    except zipfile.BadZipFile as e:
        raise GradeError(f"{path}: not a zip file ({e})") from e


def grade(submissions: Path, out_csv: Path, autograders: Path | None = None) -> list[dict[str, Any]]:
    """Grade every submission in the folder `submissions` (student notebooks, or the zips their export
    cell writes) with `otter run` against its assignment's autograder archive (in `autograders`, default
    reports/teaching/solutions/autograder/, from `make solutions`), and write one CSV row per submission:
    its file, assignment, each question's score, the total and the points possible. Manual questions are
    not in it (they are graded by hand). Runs no container: each submission runs in a kernel here."""
    from otter.run import main as otter_run

    autograders = Path(autograders or config.TEACHING_DIR / "solutions" / "autograder")
    if not Path(submissions).is_dir():
        raise GradeError(f"{submissions}: not a folder of submissions")
    found = sorted(p for p in Path(submissions).iterdir() if p.suffix in (".ipynb", ".zip"))
    if not found:
        raise GradeError(f"{submissions}: no .ipynb or .zip submissions in it")
    rows = []
    with tempfile.TemporaryDirectory(prefix="uawar-grade-") as tmp:
        for i, path in enumerate(found):
            notebook = _submission_notebook(path, Path(tmp))
            try:
                assignment = nbformat.read(notebook, as_version=4).metadata["otter"]["assignment_name"]
            except (ValueError, KeyError, TypeError) as e:
                raise GradeError(f"{path}: not a notebook of the teaching edition ({e})") from e
            archive = autograders / f"{assignment}.zip"
            if not archive.is_file():
                raise GradeError(f"{archive}: no autograder archive for {assignment!r}; run make solutions first")
            results = Path(tmp) / f"results-{i}"
            results.mkdir()
            with contextlib.redirect_stdout(io.StringIO()):
                otter_run(str(notebook), autograder=str(archive), output_dir=str(results), no_logo=True)
            scored = [t for t in json.loads((results / "results.json").read_text())["tests"] if "max_score" in t]
            row: dict[str, Any] = {"submission": path.name, "assignment": assignment}
            row |= {t["name"]: t["score"] for t in scored}
            row |= {"total": sum(t["score"] for t in scored), "possible": sum(t["max_score"] for t in scored)}
            rows.append(row)
    columns = list(dict.fromkeys(k for row in rows for k in row))
    text = io.StringIO()
    writer = csv.DictWriter(text, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    atomic_write({Path(out_csv): text.getvalue()})
    return rows
