"""Rendering on a Dask cluster: `uawar render ... --scheduler ADDRESS`.

Each report is one task. A Dask worker renders it in a render process forked from its own warm
server (uawar.site.warm) and returns the HTML (or the executed notebook of a failure) as bytes; this
process writes them, the cache record and the index as for the local pool, so the workers need no
shared file system, only the same uawar and the same data (checked for each report). A worker that
dies takes only its reports with it: the scheduler runs them again elsewhere, and marks a report
failed once it has killed `distributed.scheduler.allowed-failures` workers (3 by default).
"""

from __future__ import annotations

import multiprocessing
import uuid
from collections.abc import Callable, Iterable
from multiprocessing.connection import wait

from uawar.errors import RenderError
from uawar.site import warm
from uawar.site.cache import inputs_digest
from uawar.site.handoff import RenderResult, RenderTask

NOT_DAEMON = (
    "the Dask worker runs as a daemonic process, which may not fork the render processes: start the "
    "workers with DASK_DISTRIBUTED__WORKER__DAEMON=False in their environment (or `dask worker --no-nanny`)"
)


def render_on_worker(task: RenderTask) -> RenderResult:
    """The Dask task: one report, rendered on this worker."""
    if multiprocessing.current_process().daemon:
        return warm.failure(task["name"], NOT_DAEMON)
    here = inputs_digest()
    for part in ("data", "code"):
        if here[part] != task["digest"][part]:
            return warm.failure(
                task["name"],
                f"the Dask worker's {part} differ from the client's (sha256 {here[part][:12]} against "
                f"{task['digest'][part][:12]}): give every worker the same uawar and data (`make data`)",
            )
    proc, receive = warm.start(task)
    wait([receive])
    return warm.finish(proc, receive, task["name"])


def run(address: str, tasks: Iterable[RenderTask], done: Callable[[RenderResult], None]) -> None:
    """Send the tasks to the cluster at `address` and call `done` with each result, in the order they
    finish. Ctrl-C cancels the reports not yet returned: nothing of theirs is written."""
    from distributed import Client, as_completed

    try:
        client = Client(address, timeout="20s")
    except OSError as err:
        raise RenderError(f"--scheduler {address}: cannot reach the Dask scheduler: {err}") from None
    run_id = uuid.uuid4().hex[:8]
    futures = {}
    try:
        for task in tasks:
            key = f"uawar-render-{task['name']}-{run_id}"
            futures[client.submit(render_on_worker, task, key=key, pure=False)] = task["name"]
        for future in as_completed(futures):
            name = futures[future]
            try:
                result: RenderResult = future.result()
            except Exception as err:  # KilledWorker: the workers that ran it died; or the task itself failed
                result = warm.failure(name, f"on the Dask cluster: {type(err).__name__}: {err}")
            done(result)
    except BaseException:
        client.cancel(list(futures), force=True)
        raise
    finally:
        client.close()
