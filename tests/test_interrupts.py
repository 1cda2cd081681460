"""Interrupted renders: SIGTERM, Ctrl-C or SIGKILL of `uawar render` stops its workers and kernels,
leaves no kernel connection file (it holds the kernel's key) or socket, and the next run removes what
a killed run left. The render runs with its own Jupyter runtime folder, so that what is left is ours."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import nbformat
import psutil
import pytest
from conftest import wait_until

from uawar import errors
from uawar.site import execute

REPORTS = ["interception_rates", "air_attack_volumes", "claims_check"]


def _running(pids: list[int]) -> list[int]:
    """Those of the pids that still run (a zombie has ended)."""
    alive = []
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
    return alive


def _start(tmp_path: Path, runtime: Path) -> tuple[subprocess.Popen, Path, list[int]]:
    """`uawar render` of three reports with two workers, once its kernels start: the process, its
    output folder and every process it started (warm server, render processes, kernels)."""
    out = tmp_path / "out"
    cmd = [str(Path(sys.executable).parent / "uawar"), "render", *REPORTS, "--out", str(out), "--jobs", "2", "--force"]
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime), "TMPDIR": str(_tmpdir(tmp_path))},
    )
    try:
        # a kernel binds its ipc sockets (uawar-<pid>-<uuid>-<port>) once it has started
        wait_until(lambda: [p for p in runtime.glob("uawar-*-*-*") if p.is_socket()], 120, "a kernel's sockets")
    except BaseException:
        proc.kill()
        raise
    return proc, out, [p.pid for p in psutil.Process(proc.pid).children(recursive=True)]


def _tmpdir(tmp_path: Path) -> Path:
    """The run's own system temporary folder (TMPDIR), where its render folders go."""
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return tmp_path / "tmp"


def _assert_nothing_left(started: list[int], runtime: Path, out: Path) -> None:
    assert len(started) >= 3  # at least the warm server, a render process and its kernel
    wait_until(
        lambda: not _running(started) and not [p for p in runtime.iterdir() if "uawar" in p.name],
        30,
        "every render process and kernel to end, and their kernel files (connection files, sockets) to go",
    )
    assert not [p for p in out.rglob("*") if ".tmp" in p.name], "a temporary file is left"
    assert not list(_tmpdir(out.parent).glob("uawar-*")), "a temporary folder (uawar-render-*) is left"


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_render_stops_its_kernels_and_writes_the_index(tmp_path, runtime, signum):
    proc, out, started = _start(tmp_path, runtime)
    proc.send_signal(signum)
    assert proc.wait(timeout=30) == 128 + signum, proc.stderr.read()
    assert (out / "index.html").is_file()  # the index of what was done
    _assert_nothing_left(started, runtime, out)


@pytest.mark.slow
def test_a_killed_render_takes_its_workers_and_kernels_with_it(tmp_path, runtime):
    proc, out, started = _start(tmp_path, runtime)
    proc.kill()  # SIGKILL: nothing runs in the main process; each render process sees its server go
    proc.wait(timeout=30)
    _assert_nothing_left(started, runtime, out)


def test_the_next_run_removes_the_kernel_files_a_killed_run_left(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = [f"kernel-uawar-{dead.pid}-{uuid.uuid4().hex[:12]}.json", f"uawar-{dead.pid}-{uuid.uuid4().hex[:12]}-3"]
    kept = [
        f"kernel-uawar-{os.getpid()}-{uuid.uuid4().hex[:12]}.json",  # a run still going
        f"uawar-{os.getpid()}-{uuid.uuid4().hex[:12]}-1",
        "kernel-1b2f4c1e-3d4c-4a1b-9c1e-0d2f3b4a5c6d.json",  # another program's kernel
        f"jpserver-{dead.pid}.json",  # a Jupyter server's file: not ours to remove
    ]
    for name in stale + kept:
        (tmp_path / name).write_text("{}")
    removed = execute.clean_stale_kernel_files()
    assert sorted(p.name for p in removed) == sorted(stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(kept)


def test_kernel_files_are_named_after_the_process_that_starts_the_kernel(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path))
    km = execute.IPCKernelManager(kernel_name="python3")
    prefix = str(tmp_path / f"uawar-{os.getpid()}-")
    assert km.ip.startswith(prefix) and km.connection_file == str(tmp_path / f"kernel-{Path(km.ip).name}.json")


@pytest.mark.kernel
def test_a_runtime_folder_too_long_for_a_socket_is_replaced_by_a_short_private_one(tmp_path, monkeypatch):
    """A deep home folder makes Jupyter's runtime path too long for a socket (107 bytes): the kernel
    still starts, its files in a private folder under /tmp, and they are gone after the run."""
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(deep))
    nb = tmp_path / "n.ipynb"
    cells = [
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(x + 1)"),
    ]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": kernel}), nb)
    folder = execute.kernel_folder()
    assert folder == Path(f"/tmp/uawar-kernels-{os.getuid()}") and (folder.stat().st_mode & 0o777) == 0o700
    done = execute.execute(nb, tmp_path / "out.ipynb", {"x": 41}, exercises=False)
    assert done.cells[-1].outputs[0]["text"] == "42\n"
    assert not any(
        p.name.startswith(("uawar-", "kernel-uawar-")) and str(os.getpid()) in p.name for p in folder.iterdir()
    )


def test_a_kernels_folder_that_is_not_private_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / ("d" * 100)))
    folder = Path(f"/tmp/uawar-kernels-{os.getuid()}")
    folder.mkdir(mode=0o700, exist_ok=True)
    folder.chmod(0o777)
    try:
        with pytest.raises(errors.RenderError, match="not a private folder"):
            execute.kernel_folder()
    finally:
        folder.chmod(0o700)
