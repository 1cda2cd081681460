"""A batch of reports: the stale ones executed in a pool of forked workers, progress, Ctrl-C, the summary."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

from tqdm import tqdm

from uawar import config, data
from uawar.errors import os_problem
from uawar.files import tmp_path
from uawar.site import cache
from uawar.site.cache import CACHE_DIR, FAILED_DIR, clean_stale_outputs, is_fresh, record
from uawar.site.catalogue import RenderError, Report, label, notebook_title
from uawar.site.execute import check_parameters_cell, render_one
from uawar.site.html import warm_up
from uawar.site.pages import write_index


@dataclass
class Outcome:
    rendered: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


class _Progress:
    """A tqdm bar on a terminal, one plain line per report otherwise."""

    def __init__(self, total: int):
        self.tty, self.total, self.done = sys.stderr.isatty(), total, 0
        if self.tty:
            self.bar = tqdm(total=total, unit="report", file=sys.stderr, dynamic_ncols=True)

    def update(self, result: dict) -> None:
        self.done += 1
        line = f"[{self.done}/{self.total}] {result['status']:6} {result['name']} ({result['seconds']:.1f} s)"
        if self.tty:
            self.bar.update(1)
            if result["status"] != "ok":
                self.bar.write(line, file=sys.stderr)
        else:
            print(line, flush=True)

    def close(self) -> None:
        if self.tty:
            self.bar.close()


def render(
    reports: list[Report],
    out: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    with_code: bool = False,
) -> Outcome:
    """Render the reports that are stale (or all, with force) into `out`, then write its index."""
    t0 = time.perf_counter()
    out = Path(out or config.REPORTS_DIR)
    writable_folder(out)
    clean_stale_outputs(out)
    digest = cache.inputs_digest()
    keys = {r.name: cache.cache_key(r, digest, with_code) for r in reports}
    todo = [r for r in reports if force or not is_fresh(out, r, keys[r.name])]
    outcome = Outcome(skipped=[r.name for r in reports if r not in todo])
    for path, nb in sorted({(r.path, r.notebook) for r in todo}):
        check_parameters_cell(path, nb)
    try:
        if todo:
            _run(todo, out, keys, jobs, with_code, outcome)
    finally:
        write_index(out)
        outcome.seconds = time.perf_counter() - t0
    return outcome


def writable_folder(out: Path) -> None:
    """The output folder (--out) exists or can be made, and takes a file: else an InputError naming it."""
    expected = "a folder that reports can be written into (--out)"
    try:
        if out.exists() and not out.is_dir():
            raise RenderError(f"--out {out}: is a file; expected {expected}")
        (out / CACHE_DIR).mkdir(parents=True, exist_ok=True)
        probe = tmp_path(out / CACHE_DIR / "write-check")
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as err:
        raise RenderError(f"--out {os_problem(err.filename or out, err, expected)}") from None


def _run(todo: list[Report], out: Path, keys: dict, jobs: int | None, with_code: bool, outcome: Outcome) -> None:
    # One forked process per report, at most `jobs` at a time: forked after papermill is imported and
    # the HTML exporter is built and used once (~2 s together), so each starts warm; and a process that dies (killed,
    # out of memory) fails its own report instead of leaving a pool waiting for it forever.
    warm_up(with_code)
    version = {k: v[:12] for k, v in data.data_version().items()}
    titles = {r.path: notebook_title(r.path) for r in todo}
    jobs_n = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    ctx = multiprocessing.get_context("fork")
    running: dict = {}  # result pipe -> (process, report); a pipe is ready with a result, or at EOF if it died

    def launch(r: Report) -> None:
        task = {
            "name": r.name,
            "path": str(r.path),
            "params": r.params,
            "out": str(out),
            "title": titles[r.path],
            "label": label(r),
            "with_code": with_code,
        }
        receive, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_worker, args=(task, send), daemon=True)
        proc.start()
        send.close()
        running[receive] = (proc, r)

    waiting = list(reversed(todo))
    while waiting and len(running) < jobs_n:
        launch(waiting.pop())
    progress = _Progress(len(todo))  # after the first workers are forked: they must not own the bar
    try:
        while running:
            for receive in wait(list(running)):
                proc, r = running.pop(receive)
                try:
                    result = receive.recv()
                except EOFError:
                    result = None
                receive.close()
                proc.join()
                if result is None:
                    result = {
                        "name": r.name,
                        "status": "failed",
                        "cell": None,
                        "seconds": 0.0,
                        "error": f"the worker process died (exit code {proc.exitcode})",
                    }
                if waiting:
                    launch(waiting.pop())
                record(out, r, keys[r.name], titles[r.path], version, result)
                progress.update(result)
                if result["status"] == "ok":
                    outcome.rendered.append(r.name)
                else:
                    outcome.failed.append(result)
    except BaseException:
        # Ctrl-C: stop the workers now. Their kernels exit with them (ipykernel polls its parent);
        # a report being written is only a temporary file, removed by the next run.
        for proc, _ in running.values():
            proc.terminate()
        for proc, _ in running.values():
            proc.join()
        raise
    finally:
        progress.close()


def _worker(task: dict, send) -> None:
    # A terminal's Ctrl-C reaches the workers too: the main process alone decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    send.send(render_one(task))
    send.close()


def summary(outcome: Outcome, out: Path) -> str:
    lines = [
        f"rendered {len(outcome.rendered)}, skipped {len(outcome.skipped)} (unchanged), "
        f"failed {len(outcome.failed)} in {outcome.seconds:.1f} s"
    ]
    if not outcome.rendered and not outcome.failed:
        lines[0] = (
            f"nothing to render: all {len(outcome.skipped)} reports are up to date "
            f"(--force renders them again); {outcome.seconds:.1f} s"
        )
    for f in sorted(outcome.failed, key=lambda f: f["name"]):
        where = f"cell {f['cell']} (In [{f.get('exec_count')}])" if f["cell"] is not None else "before any cell"
        lines.append(
            f"FAILED {f['name']}: {where}: {f['error']}; executed notebook: {out / FAILED_DIR / (f['name'] + '.ipynb')}"
        )
    lines.append(f"index: {out / 'index.html'}")
    return "\n".join(lines)
