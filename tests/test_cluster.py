"""`uawar render --scheduler`: the reports rendered on a real Dask LocalCluster (worker processes on
loopback), written here as the local pool writes them. Two tiny reports of the fixture notebook."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import psutil
import pytest
from conftest import wait_until
from test_render import NAME, _use_fixture_site
from test_warm import same_apart_from_ids

from uawar import cli, params

distributed = pytest.importorskip("distributed")
REPORTS = [NAME, "fixture_ok"]  # fixture_rows.html and fixture_rows--fail-0.html
FILES = [f"{NAME}.html", f"{NAME}--fail-0.html"]


@pytest.fixture(scope="module")
def cluster():
    import dask

    # Each worker forks a render process per report, which a daemonic process may not; one task a
    # worker at a time, so that killing a worker hits one report.
    settings = {"distributed.worker.daemon": False, "distributed.scheduler.worker-saturation": 1.0}
    with (
        dask.config.set(settings),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as local,
    ):
        yield local


@pytest.fixture
def site(tmp_path, monkeypatch):
    yield _use_fixture_site(tmp_path, monkeypatch)
    params.REGISTRY.pop(NAME, None)


def render(out: Path, *args: str) -> int:
    return cli.main(["render", *REPORTS, "--out", str(out), *args])


def a_report_running(cluster) -> psutil.Process:
    """Wait until a worker is rendering (its forkserver has forked a render process); that worker."""

    def rendering() -> list[psutil.Process]:
        workers = [psutil.Process(w.pid) for w in cluster.workers.values() if w.pid]
        return [w for w in workers if [p for p in w.children() if p.children()]]  # its forkserver has a child

    return wait_until(rendering, 120, "a worker to start a report")[0]


def leftovers(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if ".tmp" in p.name]


@pytest.mark.slow
def test_a_report_rendered_on_the_cluster_is_the_local_one(site, cluster, capsys):
    assert render(site / "local", "--jobs", "2") == 0
    assert render(site / "cluster", "--scheduler", cluster.scheduler_address) == 0
    said = capsys.readouterr().out
    assert "rendered 2, skipped 0 (unchanged), failed 0" in said
    for name in FILES:
        here, there = (site / "local" / name).read_bytes(), (site / "cluster" / name).read_bytes()
        assert same_apart_from_ids(there) == same_apart_from_ids(here)
    assert (site / "cluster" / "index.html").is_file() and not leftovers(site / "cluster")
    # the cache works as locally: nothing changed, nothing sent
    assert render(site / "cluster", "--scheduler", cluster.scheduler_address) == 0
    assert "nothing to render: all 2 reports are up to date" in capsys.readouterr().out


@pytest.mark.slow
def test_a_worker_killed_mid_report_fails_that_report_only(site, cluster, capsys):
    out = site / "out"
    cluster.scheduler.allowed_failures = 0  # no retry elsewhere: the report fails at once
    done: list[int] = []
    run = threading.Thread(target=lambda: done.append(render(out, "--scheduler", cluster.scheduler_address)))
    run.start()
    try:
        os.kill(a_report_running(cluster).pid, signal.SIGKILL)
    finally:
        run.join(timeout=300)
        cluster.scheduler.allowed_failures = 3
    said = capsys.readouterr().out
    assert done == [1], said
    assert "rendered 1, skipped 0 (unchanged), failed 1" in said
    assert "KilledWorker" in said
    rendered = [name for name in FILES if (out / name).is_file()]
    assert len(rendered) == 1 and not leftovers(out)
    assert not (out / "_failed").exists() or not list((out / "_failed").iterdir())  # no notebook came back


@pytest.mark.slow
def test_ctrl_c_leaves_no_half_written_report(site, cluster, capsys):
    out = site / "out"
    out.mkdir()
    for name in FILES:
        (out / name).write_text("<html>the previous report</html>")
    ctrl_c = threading.Thread(target=lambda: (a_report_running(cluster), os.kill(os.getpid(), signal.SIGINT)))
    ctrl_c.start()
    assert render(out, "--scheduler", cluster.scheduler_address, "--force") == 130  # the CLI's Ctrl-C exit
    ctrl_c.join()
    for name in FILES:
        text = (out / name).read_text()
        assert text == "<html>the previous report</html>" or text.rstrip().endswith("</html>") and len(text) > 1e5
    assert not leftovers(out)
    assert render(out, "--scheduler", cluster.scheduler_address, "--force") == 0
    assert all((out / name).stat().st_size > 1e5 for name in FILES)
