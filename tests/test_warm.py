"""Warm workers (uawar.site.warm): a report rendered in a kernel forked from the warm server is the
report a cold kernel renders, byte for byte apart from the ids that are random in every render."""

from __future__ import annotations

import re
from multiprocessing.connection import wait

import pytest

from uawar.site import batch, catalogue, execute, warm
from uawar.site.handoff import RenderTask

# papermill names its injected-parameters cell with a random id; pandas' Styler names each table
# with a random uuid: both differ between two cold renders too.
RANDOM_IDS = re.compile(r'(celltag_injected-parameters" id="cell-id=)[0-9a-f-]+|(T_)[0-9a-f]{5}')


def same_apart_from_ids(html: bytes) -> str:
    return RANDOM_IDS.sub(lambda m: (m[1] or m[2]) + "ID", html.decode())


def task_of(report: catalogue.Report) -> dict:
    return batch.render_task(report, with_code=False)


def render_warm(task: dict) -> dict:
    proc, receive = warm.start(task)
    wait([receive])
    return warm.finish(proc, receive, task["name"])


@pytest.mark.slow
def test_a_warm_report_is_the_cold_report():
    """The interception report of June 2025 (pandas, scipy, seaborn, matplotlib, a Styler table):
    cold in a new kernel, then twice from the warm server, the second after another report ran."""
    (june,) = catalogue.select(["interception_rates"], overrides={"start": "2025-06-01", "end": "2025-06-30"})
    (missiles,) = catalogue.select(["interception_rates_missiles"])
    cold = execute.render_one(task_of(june))
    first = render_warm(task_of(june))
    other = render_warm(task_of(missiles))
    again = render_warm(task_of(june))
    assert [r["status"] for r in (cold, first, other, again)] == ["ok"] * 4, [cold["error"], first["error"]]
    page = cold["html"].decode()
    assert page.count("data:image/png;base64,") >= 3  # the charts are in it, as images
    assert RANDOM_IDS.search(page)  # the injected cell's id at least: what differs between two cold renders
    assert same_apart_from_ids(first["html"]) == same_apart_from_ids(cold["html"])
    assert same_apart_from_ids(again["html"]) == same_apart_from_ids(cold["html"])
    assert same_apart_from_ids(other["html"]) != same_apart_from_ids(cold["html"])


@pytest.mark.kernel
def test_a_failing_report_returns_its_executed_notebook_and_the_next_starts_afresh(tmp_path):
    """A cell that raises: the executed notebook comes back with the error; the kernel of the next
    report counts its cells from 1 again (nothing carried over)."""
    import nbformat

    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell("assert 'leaked' not in globals()\nleaked = True"),
            nbformat.v4.new_code_cell("raise ValueError(f'x is {x}')"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    task = task_of_notebook(nbformat.writes(nb).encode(), str(tmp_path))
    first, second = render_warm(task), render_warm(task)
    for result in (first, second):
        assert result["status"] == "failed"
        assert result["error"] == "ValueError: x is 1"
        assert (result["cell"], result["exec_count"]) == (2, 4)  # after the parameters and injected cells
        executed = nbformat.reads(result["executed"], as_version=4)
        errors = [o for c in executed.cells for o in c.get("outputs", []) if o["output_type"] == "error"]
        assert [e["evalue"] for e in errors] == ["x is 1"]


def task_of_notebook(source: bytes, cwd: str) -> RenderTask:
    return {
        "name": "t",
        "notebook": "t",
        "path": "t.ipynb",
        "source": source,
        "cwd": cwd,
        "params": {"x": 1},
        "given": [],
        "title": "t",
        "heading": "",
        "label": "",
        "with_code": False,
        "digest": {},
        "data_version": {},
        "stale": "",
        "timeout": 600,
        "site_url": "",
    }


MAIN_SCRIPT = """
import os
import sys

with open(os.environ["MARKS"], "a") as marks:
    marks.write(__name__ + "\\n")
if __name__ == "__main__":
    from uawar.site import warm

    context = warm.context()
    for _ in range(2):
        process = context.Process(target=os.getpid)
        process.start()
        process.join()
        assert process.exitcode == 0
"""


@pytest.mark.kernel
def test_the_processes_forked_from_the_server_do_not_run_the_main_script_again(tmp_path):
    """Python 3.11's forkserver never preloads __main__ (CPython gh-126631): each process it forks
    would run the main script again, seconds a report when that script imports distributed."""
    import os
    import subprocess
    import sys

    script, marks = tmp_path / "main.py", tmp_path / "marks.txt"
    script.write_text(MAIN_SCRIPT)
    done = subprocess.run([sys.executable, str(script)], env={**os.environ, "MARKS": str(marks)}, timeout=120)
    assert done.returncode == 0
    assert marks.read_text().split() == ["__main__"], "a forked process ran the main script again"
