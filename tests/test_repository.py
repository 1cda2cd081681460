"""What every notebook and the repository promise: structure, stripped outputs, declared parameters."""

import ast
import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest

from uawar import config, i18n, params
from uawar.errors import InputError

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


def _name(path: Path) -> str:
    return path.stem.split("_", 1)[1]


def test_the_numbered_notebooks_exist():
    assert [_name(p) for p in NOTEBOOKS] == [
        "air_attack_volumes",
        "interception_rates",
        "casualty_ratios",
        "claims_check",
        "export_changes",
        "attack",
        "campaign_shape",
        "geography",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_structure(path):
    nb = nbformat.read(path, as_version=4)
    first, second = nb.cells[0], nb.cells[1]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert second.cell_type == "markdown"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    assert any("footer(" in c.source for c in code[-2:]), "the footer closes the notebook"
    for cell in code:
        assert "def " not in cell.source and "lambda" not in cell.source, "helpers belong in uawar"
        kept = "keep_output" in cell.metadata.get("tags", [])
        assert kept or not cell.get("outputs"), "outputs are stripped, except cells tagged keep_output"
    kept = [c for c in code if "keep_output" in c.metadata.get("tags", [])]
    assert kept and all(c.outputs for c in kept), "the key figures keep their outputs for nbval"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_code_is_short_calls_and_prose_is_markdown(path):
    """Prose lives in markdown cells or comes from a library `describe_…` function: no code cell is longer
    than 8 lines (the exercises' solution and check cells included: their shared selections live in
    `uawar.exercises`), and no code cell builds text with an f-string. The exercises (cells tagged `exercise`,
    the students' and solutions' code of the otter-grader editions) may use f-strings: they print no prose."""
    for i, cell in enumerate(nbformat.read(path, as_version=4).cells):
        if cell.cell_type != "code":
            continue
        # the parameters cell's `lang` line is the renderer's (uawar.i18n.PARAMETER), not the notebook's own
        lines = [line for line in cell.source.strip().splitlines() if not line.startswith("lang = ")]
        assert len(lines) <= 8, f"cell {i} has {len(lines)} lines"
        if "exercise" in cell.metadata.get("tags", []):
            continue
        fstrings = [n for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.JoinedStr)]
        assert not fstrings, f"cell {i} builds text with an f-string (line {fstrings[0].lineno})"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_matches_declaration(path):
    """Each default is written once, in the notebook's parameters cell (papermill reads the same cell): a
    declaration has no default of its own to drift from it. The language is the renderer's to set, not declared."""
    assert "default" not in {f.name for f in dataclasses.fields(params.Param)}
    declared = params.spec(_name(path)).defaults()
    found = {name: p["default"] for name, p in papermill.inspect_notebook(str(path)).items()}
    assert ast.literal_eval(found.pop(i18n.PARAMETER)) == i18n.SOURCE
    assert list(found) == list(declared) == [p.name for p in params.spec(_name(path)).params]
    for name, default in declared.items():
        assert ast.literal_eval(found[name]) == default, name


def test_a_default_that_is_no_literal_is_refused_naming_its_line(tmp_path, monkeypatch):
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source += "\nfreq = 'week'.upper()"
    nbformat.write(nb, tmp_path / NOTEBOOKS[0].name)
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", tmp_path)
    line = len(cell.source.splitlines())
    with pytest.raises(InputError, match=f"'parameters' cell, line {line}: the default of freq is not a literal"):
        params.validate(_name(NOTEBOOKS[0]))


def test_make_help_lists_the_targets():
    out = subprocess.run(
        ["make", "-s", "help"], cwd=config.PROJ_ROOT, capture_output=True, text=True, check=True
    ).stdout
    for target in ("data", "reports", "test", "lint", "lab"):
        assert f"make {target} " in out


def test_python_dash_m_and_console_script():
    from uawar import __version__

    out = subprocess.run([sys.executable, "-m", "uawar", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"uawar {__version__}" != "uawar 0.0.0+unknown"
    script = Path(sys.executable).with_name("uawar")
    done = subprocess.run([str(script), "data", "build", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "--raw" in done.stdout, done.stderr


def test_every_make_target_runs_a_uawar_subcommand_not_a_module():
    makefile = (config.PROJ_ROOT / "Makefile").read_text(encoding="utf-8")
    assert not re.findall(r"python -m uawar\S*", makefile)
    expected = {
        "student": "uawar teach student",
        "solutions": "uawar teach solutions",
        "grade SUBMISSIONS=handins/": "uawar teach grade handins/",
        "key-figures": "uawar key-figures",
    }
    for target, command in expected.items():
        planned = subprocess.run(["make", "-n", *target.split()], cwd=config.PROJ_ROOT, capture_output=True, text=True)
        assert command in planned.stdout, (target, planned.stdout, planned.stderr)
    done = subprocess.run(["make", "-s", "grade"], cwd=config.PROJ_ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "make grade SUBMISSIONS=" in done.stderr, done.stderr


def test_make_test_fast_leaves_out_the_marked_tests():
    # pytest runs with --strict-markers (pyproject.toml): a marker that is not registered there is an error
    planned = subprocess.run(["make", "-n", "test-fast"], cwd=config.PROJ_ROOT, capture_output=True, text=True).stdout
    assert '-m "not slow and not kernel and not browser"' in planned, planned


@pytest.mark.slow
@pytest.mark.parametrize(
    "tool, source, said",
    [
        ("ruff format --check", "x = {  'a':1 }\n", "would be reformatted"),
        ("ruff check", "import os\n", "F401"),
        # a wrong argument type in a call into uawar
        (
            "mypy",
            'from pathlib import Path\n\nfrom uawar.files import sha256\n\nsha256(Path("x"))\nsha256(3)\n',
            "arg-type",
        ),
    ],
)
def test_make_test_refuses_unformatted_code_lint_errors_and_type_errors(tmp_path, tool, source, said):
    """`make test` runs `make lint` first; each of its checks, with the project's settings, fails on a
    file with one fault (and passes on the repository: that is `make lint` itself)."""
    planned = subprocess.run(["make", "-n", "test"], cwd=config.PROJ_ROOT, capture_output=True, text=True).stdout
    command = next(line for line in planned.splitlines() if line.split("/")[-1].startswith(tool))
    assert planned.index(command) < planned.index("pytest")
    bad = tmp_path / "bad.py"
    bad.write_text(source)
    settings = str(config.PROJ_ROOT / "pyproject.toml")
    options = ["--config-file", settings, "--cache-dir", str(tmp_path)] if tool == "mypy" else ["--config", settings]
    run = [str(Path(sys.executable).with_name(tool.split()[0])), *tool.split()[1:], *options, str(bad)]
    env = {**os.environ, "MYPYPATH": str(config.PROJ_ROOT / "src")}
    done = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.returncode == 1 and said in done.stdout + done.stderr, done.stdout + done.stderr


def test_citation_file_names_this_version_and_the_data_sources():
    import yaml

    from uawar import __version__

    cff = yaml.safe_load((config.PROJ_ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0" and cff["version"] == __version__
    assert {"title", "authors", "message", "license"} <= set(cff)
    # the two upstream datasets that data/datapackage.json names
    assert sorted(r["title"] for r in cff["references"]) == [
        "2022 Ukraine Russia War Dataset",
        "Massive Missile Attacks on Ukraine",
    ]


def test_a_module_over_500_lines_states_why_at_its_top():
    """One module per question, short enough to read: a longer one says why in its docstring ("Over 500 lines: ...")."""
    long = []
    for path in sorted((config.PROJ_ROOT / "src" / "uawar").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > 500 and "Over 500 lines:" not in (ast.get_docstring(ast.parse(source)) or ""):
            long.append(path.name)
    assert long == []
