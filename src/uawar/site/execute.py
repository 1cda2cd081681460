"""Executing one report: the parameters-cell check, papermill on an ipc kernel, the HTML returned."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import nbformat
import papermill
import psutil
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.paths import jupyter_runtime_dir
from papermill.exceptions import PapermillExecutionError
from traitlets import CaselessStrEnum, Unicode, default

from uawar import i18n, markup
from uawar.errors import RenderError
from uawar.files import alive, temp_folder
from uawar.site import REPORT_TIMEOUT, glossary, report_files
from uawar.site.handoff import RenderResult, RenderTask
from uawar.site.html import EXERCISE_TAG, convert

# A kernel's files in the kernels' folder: its connection file (which holds the key) and its ipc
# sockets, named after the pid of the process that started the kernel.
_KERNEL_FILE = re.compile(r"^(?:kernel-)?uawar-(?P<pid>\d+)-[0-9a-f]{12}(?:-\d+|\.json)$")
# A socket's path must fit in sun_path (107 bytes): the folder, a slash and the longest socket name.
_SOCKET_PATH_MAX = 107
_LONGEST_SOCKET_NAME = len(f"uawar-{2**22}-{'0' * 12}-65535")


def kernel_folder() -> Path:
    """Where kernels' files go: Jupyter's runtime folder, or, when its path is too long for a socket
    (a deep home folder), a private folder of this user's under /tmp."""
    runtime = Path(jupyter_runtime_dir())
    if len(os.fsencode(runtime)) + 1 + _LONGEST_SOCKET_NAME <= _SOCKET_PATH_MAX:
        os.makedirs(runtime, mode=0o700, exist_ok=True)
        return runtime
    short = Path("/tmp") / f"uawar-kernels-{os.getuid()}"
    with contextlib.suppress(FileExistsError):
        short.mkdir(mode=0o700)
    st = short.lstat()
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        raise RenderError(
            f"{short}: the kernels' folder (Jupyter's runtime folder {runtime} is too long for a socket's "
            "path) is not a private folder of this user's; remove it or set JUPYTER_RUNTIME_DIR to a short path"
        )
    return short


class IPCKernelManager(AsyncKernelManager):
    """A kernel manager on the ipc transport, its files named `uawar-<pid>-<uuid>` in the private
    runtime folder.

    Over tcp, jupyter_client picks "free" ports by binding and releasing them before the kernel
    binds them again, so kernels started at the same moment by parallel workers can get the same
    port and die with "ZMQError: Address already in use" (nteract/papermill#511,
    ipython/ipython#12372). Over ipc the endpoints are files; jupyter_client's default prefix can
    be the shared relative name "kernel-ipc" (two kernels then talk on each other's sockets), so
    each kernel gets its own absolute prefix in the private runtime folder: no two can collide. The
    pid in the name tells `clean_stale_kernel_files` which files a killed process left. Names stay
    short and the folder too (`kernel_folder`): a socket's path must fit in 107 bytes (sun_path).
    """

    transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)
    stem = Unicode()

    @default("stem")
    def _stem_default(self) -> str:
        return str(kernel_folder() / f"uawar-{os.getpid()}-{uuid.uuid4().hex[:12]}")

    @default("ip")
    def _ip_default(self) -> str:
        return self.stem

    @default("connection_file")
    def _connection_file_default(self) -> str:
        # jupyter_client's default is a temporary file in /tmp, which nothing removes after a kill
        folder, name = os.path.split(self.stem)
        return os.path.join(folder, f"kernel-{name}.json")

    async def _async_interrupt_kernel(self) -> None:
        # jupyter_client interrupts before every shutdown, and the idle kernel logs a spurious
        # "KeyboardInterrupt caught in kernel" for each report; the shutdown request goes over
        # the control channel and a kill follows if it is ignored, so skip it then.
        if not self.shutting_down:
            await super()._async_interrupt_kernel()

    async def _async_finish_shutdown(
        self, waittime: float | None = None, pollinterval: float = 0.1, restart: bool = False
    ) -> None:
        # The kernel exits within milliseconds of the shutdown request, but jupyter_client looks every
        # 0.1 s: a report's process sat idle that long before converting its HTML (a core left idle).
        await super()._async_finish_shutdown(waittime, pollinterval=0.005, restart=restart)


def kill_kernels() -> None:
    """Kill this process's kernels (its child processes, a kernel still starting included) and remove
    the files named after this process: what a worker does on SIGTERM (no event loop, no waiting)."""
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            child.kill()
    for p in _kernel_files(lambda pid: pid == os.getpid()):
        p.unlink(missing_ok=True)


def _kernel_files(whose: Callable[[int], bool]) -> list[Path]:
    """uawar's kernel files in the kernels' folder whose starter's pid satisfies `whose`."""
    found = []
    for p in kernel_folder().glob("*uawar-*"):
        m = _KERNEL_FILE.match(p.name)
        if m and whose(int(m["pid"])):
            found.append(p)
    return found


def clean_stale_kernel_files() -> list[Path]:
    """Remove the connection files and sockets that kernels of a killed uawar process left in the
    kernels' folder (their starter's pid no longer runs); other programs' files are left alone."""
    stale = _kernel_files(lambda pid: not alive(pid))
    for p in stale:
        p.unlink(missing_ok=True)
    return stale


def execute(
    path: Path,
    output: Path,
    parameters: dict | None = None,
    cwd: Path | str | None = None,
    kernel_manager_class: type[AsyncKernelManager] | None = None,
    exercises: bool = True,
) -> nbformat.NotebookNode:
    """Run a notebook with papermill (in its own folder, or `cwd`, on an ipc kernel, or one that
    `kernel_manager_class` starts) and write the executed copy to `output`; the executed notebook.
    The one way reports, key figures and tests run a notebook. A report runs without its exercise
    cells (`exercises=False`): their solutions are written for the defaults, and a report shows none."""
    with temp_folder("source") as tmp:
        source = Path(path)
        if not exercises:
            nb = nbformat.read(path, as_version=4)
            nb.cells = [c for c in nb.cells if EXERCISE_TAG not in c.metadata.get("tags", [])]
            source = Path(tmp) / Path(path).name
            nbformat.write(nb, source)
        return papermill.execute_notebook(
            str(source),
            str(output),
            parameters=parameters or {},
            progress_bar=False,
            request_save_on_cell_execute=False,
            cwd=str(cwd or Path(path).parent),
            execution_timeout=REPORT_TIMEOUT,  # a cell's limit; warm renders also limit the whole report
            kernel_manager_class=kernel_manager_class or IPCKernelManager,
        )


def _source_cell(nb: nbformat.NotebookNode, cell_index: int) -> int:
    """The index in the source notebook of a cell of the executed one (papermill inserts the
    injected-parameters cell after the parameters cell)."""
    injected = next((i for i, c in enumerate(nb.cells) if "injected-parameters" in c.metadata.get("tags", [])), None)
    return cell_index - 1 if injected is not None and cell_index > injected else cell_index


def render_one(task: RenderTask, kernel_manager_class: type[AsyncKernelManager] | None = None) -> RenderResult:
    """Execute one report's notebook (its source bytes in the task) with papermill and convert it to
    HTML, writing nothing: the result carries the HTML, or the executed notebook of a failure, for
    the caller to write (the caller may be on another machine)."""
    t0 = time.perf_counter()
    result: RenderResult = {
        "name": task["name"],
        "status": "failed",
        "error": None,
        "cell": None,
        "seconds": 0.0,
        "html": None,
        "files": {},
        "executed": None,
    }
    with temp_folder("render") as tmp:
        source, executed = Path(tmp) / "source.ipynb", Path(tmp) / "executed.ipynb"
        source.write_bytes(task["source"])
        cwd = task["cwd"] if Path(task["cwd"]).is_dir() else tmp  # the notebook's folder, if this machine has it
        lang = task.get("lang", i18n.SOURCE)
        try:
            nb = execute(
                source,
                executed,
                task["params"] | ({i18n.PARAMETER: lang} if lang != i18n.SOURCE else {}),  # English: the default
                cwd=cwd,
                kernel_manager_class=kernel_manager_class,
                exercises=False,
            )
            stale = task["stale"]
            if stale:  # below the title, where a reader looks first; a fixed id: a report renders to the same bytes
                reach = nbformat.v4.new_markdown_cell(
                    f"> {markup.text(stale)}", metadata={"tags": ["reach"]}, id="reach"
                )
                nb.cells.insert(1, reach)
            heading = task["heading"]
            if heading:  # the page's title says what it counts (a Shahed-only month says so), its period or date
                nb.metadata["title"] = heading
                first = nb.cells[0] if nb.cells and nb.cells[0].cell_type == "markdown" else None
                if first and first.source.startswith("# "):
                    first.source = f"# {markup.text(heading)}"
            else:
                nb.metadata["title"] = f"{task['title']} ({task['label']})" if task["label"] else task["title"]
            with i18n.language(lang):
                files = report_files.report_files(nb, task)
                result["html"] = glossary.link_glossary(convert(nb, task["with_code"])).encode("utf-8")
                result["files"] = files
            result["status"] = "ok"
        except Exception as err:  # a cell raised or timed out, the kernel died, the conversion failed
            if executed.is_file():
                result["executed"] = executed.read_bytes()
            if isinstance(err, PapermillExecutionError) and result["executed"]:
                result["cell"] = _source_cell(nbformat.reads(result["executed"], as_version=4), err.cell_index)
                result["exec_count"] = err.exec_count
                result["error"] = f"{err.ename}: {err.evalue}"
            else:
                result["error"] = f"{type(err).__name__}: {err}"
    result["seconds"] = round(time.perf_counter() - t0, 2)
    return result
