"""Warm workers: every report runs in a fresh kernel forked from a process that has already imported
pandas, matplotlib, seaborn, scipy, papermill, nbconvert and uawar and loaded the tables.

A cold report pays ~2 s of CPU to start a Python kernel and import the same modules again, which is
most of its cost. Here a server process, multiprocessing's forkserver preloaded with this module,
does that once. For each report it forks a render process, which at once forks the kernel's
process (before it has an event loop, a thread or a ZeroMQ context that a fork could break) and
then drives it with papermill and converts the result with nbconvert, exactly as a cold render
does. The kernel is a real ipykernel that jupyter_client starts through a kernel provisioner
(`ForkedProvisioner`, the documented way to change how kernels are launched): only the exec and
the imports are saved, so the messages, the outputs and the HTML are those of a cold kernel. Both
processes end with their report: nothing a notebook does reaches the next one.

Rejected: running the notebook in an in-process kernel (ipykernel.inprocess): its display
and matplotlib hooks differ from a real kernel's, so warm and cold output could differ; and a
crash or a cell that runs forever would take the worker down with it.

The same server serves the local pool (`uawar render --jobs N`) and each Dask worker
(`--scheduler`); both receive a report's HTML and executed notebook as bytes and write them.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import sys
import threading
import time
import traceback
from multiprocessing import spawn
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from uawar.config import INLINE_BACKEND
from uawar.files import alive, remove_temp_folders
from uawar.site import skip_iri_checker
from uawar.site.handoff import RenderResult, RenderTask

if TYPE_CHECKING:
    from jupyter_client.connect import KernelConnectionInfo

# The renderer (uawar.site.execute: papermill, nbconvert) is imported by the server's warm-up and by
# the functions that run in its forks, not here: `uawar render` starts the server before it loads it.


def warm_up() -> None:
    """Import what the notebooks and the renderer import, load the tables, build the HTML exporters."""
    skip_iri_checker()
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    import ipykernel.kernelapp  # noqa: F401
    import matplotlib.pyplot  # noqa: F401

    # Every kernel imports its debugger (debugpy, half of a kernel's start-up) as it starts; debugpy's
    # warning about frozen modules would reach the terminal of `uawar render` from here.
    with contextlib.redirect_stderr(io.StringIO()):
        import ipykernel.debugger  # noqa: F401
    # what a kernel's start imports in ipykernel's and IPython's init methods, not at their import
    import sqlite3  # noqa: F401  # IPython's history

    import IPython.core.completerlib  # noqa: F401
    import IPython.core.debugger  # noqa: F401
    import nbformat  # noqa: F401
    import papermill  # noqa: F401
    import scipy.stats  # noqa: F401
    import seaborn  # noqa: F401
    import tornado.platform.asyncio  # noqa: F401

    from uawar import casualties, claims, data, interception, notebook, params, plots  # noqa: F401
    from uawar.site import execute, html, report_files  # noqa: F401  # execute: what each render process runs

    for load in (data.load_air_attacks, data.load_attacks, data.load_coverage, data.load_personnel, data.load_claims):
        # cached (by path and modification time) in every process forked from here; a table that
        # fails to load fails the notebooks that need it, with their own error
        with contextlib.suppress(Exception):
            load()
    _draw_a_chart()
    # the reports' exporter (--with-code builds its own in each render process), and the search text's
    # BeautifulSoup, whose entity tables fill at their first use
    report_files.search_text(html.warm_up(with_code=False))
    # What is imported here lives as long as every process forked from here: the collector need
    # not scan it in each of them (and so copy its pages).
    gc.freeze()


def _draw_a_chart() -> None:
    """Draw a chart as a report does, both renditions, and write numbers and dates in each language: the fonts,
    matplotlib's font lookups, the source line's measured words and Babel's locale data are then loaded here once,
    not at every kernel's first chart. No setting is kept (the theme is undone), and pyplot is not used: a kernel
    starts as a cold one does."""
    import matplotlib
    import pandas as pd
    from matplotlib.figure import Figure

    from uawar import i18n, plots

    for lang in i18n.LANGUAGES:
        with i18n.language(lang):
            i18n.number(1234.5, 1), i18n.percent(0.5), i18n.date("2025-01-01"), i18n.month("2025-01")
    with matplotlib.rc_context():
        plots.set_theme()
        fig = Figure()
        ax = fig.subplots()
        ax.bar(["a", "b"], [1000, 2000], label="launched")
        plots.finish(ax, "A title", "x", "y", data=pd.DataFrame({"value": [1000, 2000]}))
        plots.png(fig)
        plots.chart_data(fig)


# --- the kernel: forked, then started by jupyter_client ------------------------------------------


class ForkedKernel:
    """A kernel process forked from the warm render process before it is needed. It waits for
    jupyter_client's launch (command, folder, environment) on a pipe, then runs ipykernel as
    `python -m ipykernel_launcher -f CONNECTION_FILE` would. Seen through the part of
    subprocess.Popen's interface that jupyter_client's provisioner uses."""

    stdin = stdout = stderr = None

    def __init__(self) -> None:
        read, self._write = os.pipe()
        self.returncode: int | None = None
        self.pid = os.fork()
        if self.pid == 0:
            os.close(self._write)
            _become_kernel(read)  # never returns
        os.close(read)

    def launch(self, cmd: list[str], cwd: str | None, env: dict) -> None:
        if "ipykernel_launcher" not in cmd:
            raise RuntimeError(f"the warm kernel runs ipykernel only, not {cmd}")
        argv = cmd[cmd.index("ipykernel_launcher") + 1 :]
        with os.fdopen(self._write, "w") as pipe:
            json.dump({"argv": argv, "cwd": cwd, "env": env}, pipe)
        self._write = -1

    def close(self) -> None:
        """Never launched: it reads end-of-file and exits. Then reap it."""
        if self._write >= 0:
            os.close(self._write)
            self._write = -1
        if self.poll() is None:
            self.kill()
            self.wait()

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self.returncode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _become_kernel(read: int) -> None:
    code = 1
    try:
        os.setsid()  # as jupyter_client starts a kernel: a terminal's Ctrl-C is for the renderer
        os.closerange(3, read)  # the render process's pipes: its death must show as end-of-file
        os.closerange(read + 1, os.sysconf("SC_OPEN_MAX"))
        with os.fdopen(read) as pipe:
            text = pipe.read()
        if not text:
            os._exit(0)
        launch = json.loads(text)
        if launch["cwd"]:
            os.chdir(launch["cwd"])
        os.environ.clear()
        os.environ.update(launch["env"])
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
            signal.signal(sig, signal.SIG_DFL)
        sys.argv = [sys.executable, *launch["argv"]]
        from ipykernel.kernelapp import IPKernelApp

        # as jupyter_client's launch: the kernel exits when its parent (this render process) dies
        app = IPKernelApp.instance(parent_handle=int(launch["env"].get("JPY_PARENT_PID") or os.getppid()))
        app.initialize(launch["argv"])
        app.start()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    except BaseException:  # noqa: BLE001 - the kernel's process must never return into the renderer's code
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def kernel_manager_class(kernel: ForkedKernel) -> type:
    """The renderer's ipc kernel manager, launching `kernel` instead of a new Python."""
    from jupyter_client.provisioning import LocalProvisioner

    from uawar.site.execute import IPCKernelManager

    class ForkedProvisioner(LocalProvisioner):
        async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
            kernel.launch(cmd, str(kwargs.get("cwd") or os.getcwd()), dict(kwargs.get("env") or os.environ))
            self.process = kernel  # type: ignore[assignment]  # a forked kernel acts as the Popen it replaces
            self.pid = self.pgid = kernel.pid  # its own session and process group, as jupyter_client's
            self.cwd = kwargs.get("cwd")
            return self.connection_info

    class WarmKernelManager(IPCKernelManager):
        async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
            if self.provisioner is None:
                self.provisioner = ForkedProvisioner(
                    kernel_id=self.kernel_id or kw.get("kernel_id") or "", kernel_spec=self.kernel_spec, parent=self
                )
            return await super()._async_pre_start_kernel(**kw)

    return WarmKernelManager


# --- a render process, forked from the server ---------------------------------------------------


def _exit_with_parent(owner: int) -> None:
    """End this render process and its kernel when the process that asked for it (the uawar command
    or the Dask worker) or the server that forked it is gone, even killed by SIGKILL: the server
    outlives a killed owner while it has render processes."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent and alive(owner):
            time.sleep(0.5)
        _stop(signal.SIGTERM, None)

    threading.Thread(target=watch, daemon=True).start()


def _stop(signum: int, frame: object) -> None:
    """SIGTERM (the uawar command stops): kill the kernel at once, remove its connection file (which
    holds its key) and sockets, and exit."""
    from uawar.site.execute import kill_kernels

    kill_kernels()
    remove_temp_folders(os.getpid())  # os._exit skips the with-blocks that would remove them
    os._exit(128 + signum)


def _time_limit(task: RenderTask, send: Connection, sent: threading.Lock) -> None:
    """After the task's time limit, send its failure, kill its kernel and end this process: the report
    fails alone, as a notebook error does, whatever its kernel or this process is stuck in."""

    def expire() -> None:
        if sent.acquire(blocking=False):  # the result was not sent yet: it never will be
            error = f"stopped at the time limit of {task['timeout']} s for one report (uawar render --timeout)"
            send.send(failure(task["name"], error, seconds=float(task["timeout"])))
            _stop(signal.SIGTERM, None)

    timer = threading.Timer(task["timeout"], expire)
    timer.daemon = True
    timer.start()


def _render_process(task: RenderTask, send: Connection) -> None:
    from uawar.site.execute import render_one

    # A terminal's Ctrl-C reaches this process too: the uawar command alone decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)
    kernel = ForkedKernel()  # first, while this process has no thread, loop or socket
    _exit_with_parent(task["owner"])
    sent = threading.Lock()  # whoever takes it sends the one result: the report or the time limit
    _time_limit(task, send, sent)
    try:
        result = render_one(task, kernel_manager_class(kernel))
    finally:
        kernel.close()
    if sent.acquire(blocking=False):
        send.send(result)
        send.close()


# --- the server ---------------------------------------------------------------------------------


MAIN_SCRIPT = "UAWAR_WARM_MAIN"  # the environment variable that tells the server the main script


def context() -> multiprocessing.context.ForkServerContext:
    """multiprocessing's forkserver, preloaded with the warm-up: started once by the first report
    of this process, then shared by all. It learns this process's main script from MAIN_SCRIPT, so
    that the processes it forks need not run it again (uawar.site._preload)."""
    main = spawn.get_preparation_data("uawar").get("init_main_from_path")
    if main:
        os.environ[MAIN_SCRIPT] = main
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["uawar.site._preload"])
    return ctx


def start_server() -> None:
    """Start the warm server now, in the background: its warm-up (seconds of imports and tables) runs
    while this process reads the catalogue and loads the renderer."""
    context()
    multiprocessing.forkserver.ensure_running()


def start(task: RenderTask) -> tuple[multiprocessing.process.BaseProcess, Connection]:
    """Fork a render process for `task` from the warm server: the process, and the pipe on which
    its result arrives (end-of-file if it dies)."""
    ctx = context()
    receive, send = ctx.Pipe(duplex=False)
    owned: RenderTask = {**task, "owner": os.getpid()}
    proc = ctx.Process(target=_render_process, args=(owned, send), daemon=True)
    proc.start()
    send.close()
    return proc, receive


def finish(proc: multiprocessing.process.BaseProcess, receive: Connection, name: str) -> RenderResult:
    """The result of a render process whose pipe is ready; a failure if the process died."""
    try:
        result: RenderResult | None = receive.recv()
    except EOFError:
        result = None
    receive.close()
    proc.join()
    return result or failure(name, f"the worker process died (exit code {proc.exitcode})")


def failure(name: str, error: str, seconds: float = 0.0) -> RenderResult:
    """The result of a report that failed before any cell ran (or ran out of its `seconds`)."""
    return {
        "name": name,
        "status": "failed",
        "error": error,
        "cell": None,
        "seconds": seconds,
        "html": None,
        "files": {},
        "executed": None,
    }
