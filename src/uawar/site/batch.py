"""A batch of reports: the stale ones rendered by warm workers here or on a Dask cluster, their HTML
written, progress, Ctrl-C, the summary."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import cast

from tqdm import tqdm

from uawar import config, data, i18n, notebook, params
from uawar.errors import InputError, RenderError, os_problem
from uawar.files import atomic_write, remove_temp_folders
from uawar.site import REPORT_TIMEOUT, cache, cluster, folder, pages, report_files, stamp, warm
from uawar.site.cache import FAILED_DIR, clean_stale_outputs, is_fresh, record
from uawar.site.catalogue import Report, label, notebook_title
from uawar.site.execute import clean_stale_kernel_files
from uawar.site.handoff import RenderResult, RenderTask

WORKER_GRACE = 5.0  # seconds a stopped worker has to kill its kernel before it is killed itself


@dataclass
class Outcome:
    rendered: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[RenderResult] = field(default_factory=list)
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

    def update(self, result: RenderResult) -> None:
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
    scheduler: str | None = None,
    timeout: int = REPORT_TIMEOUT,
    site_url: str = "",
    lang: str = i18n.SOURCE,
) -> Outcome:
    """Render the reports that are stale (or all, with force) into `out`, each in at most `timeout`
    seconds, then write its index: on this machine, or on the Dask cluster whose scheduler is at
    `scheduler`. In another language than English (`lang`), the pages go to `out/<lang>/` and only the
    notebooks that have a catalogue of that language are rendered. A file that cannot be written (a full
    disk) is an InputError naming the folder; what was written before stays whole."""
    with i18n.language(lang):
        return _render(reports, out, jobs, force, with_code, scheduler, timeout, site_url, lang)


def _render(
    reports: list[Report],
    out: Path | None,
    jobs: int | None,
    force: bool,
    with_code: bool,
    scheduler: str | None,
    timeout: int,
    site_url: str,
    lang: str,
) -> Outcome:
    t0 = time.perf_counter()
    out = i18n.site_folder(Path(out or config.REPORTS_DIR), lang)
    reports = [r for r in reports if i18n.has_edition(r.path.stem, lang)]
    folder.writable(out)
    clean_stale_outputs(out)
    clean_stale_kernel_files()
    remove_temp_folders()
    digest = cache.inputs_digest()
    keys = {r.name: cache.cache_key(r, digest, with_code, site_url, lang) for r in reports}
    site_url = i18n.site_url(site_url, lang)
    pages.set_site_url(out, site_url)
    todo = [r for r in reports if force or not is_fresh(out, r, keys[r.name])]
    outcome = Outcome(skipped=[r.name for r in reports if r not in todo])
    try:
        if todo:
            table = pages.start_month_class(out)
            _run(todo, out, keys, digest, jobs, with_code, scheduler, timeout, outcome, site_url)
            table.join()
    except BaseException:
        with contextlib.suppress(InputError):  # the disk is full: the error above says so
            _writing(out, "the index", lambda: pages.write_index(out))
        raise
    _writing(out, "the index", lambda: pages.write_index(out))
    outcome.seconds = time.perf_counter() - t0
    return outcome


def _writing(out: Path, what: str, write: Callable[[], object]) -> None:
    """Run `write`; a file-system error (a full disk) becomes an InputError naming the folder."""
    try:
        write()
    except OSError as err:
        expected = "room to write the reports; every page written before is whole"
        raise InputError(f"cannot write {what}: {os_problem(out, err, expected)}") from None


def render_task(
    r: Report,
    with_code: bool,
    digest: dict[str, str] | None = None,
    data_version: dict[str, str] | None = None,
    timeout: int = REPORT_TIMEOUT,
    site_url: str = "",
) -> RenderTask:
    """All a render process needs for one report, as plain data (it may run on another machine)."""
    lang = i18n.current()
    return {
        "name": r.name,
        "notebook": r.notebook,
        "path": r.path.name,
        "source": i18n.translated_notebook(r.path, lang),
        "lang": lang,
        "twins": i18n.twins(r.name, lang, r.path.stem),
        "cwd": str(r.path.parent),
        "params": r.params,
        "title": notebook_title(r.path),
        "heading": params.heading(r.notebook, notebook_title(r.path), r.params),
        "label": label(r),
        "with_code": with_code,
        "digest": digest or cache.inputs_digest(),
        "given": sorted(r.given),
        "data_version": data_version or data.data_version(),
        # Dated here, not in the render process: a warm or remote process may hold another date.
        "stale": notebook.stale_sentence(),
        "timeout": timeout,
        "site_url": site_url,  # the citations link the report under it (default: relative links)
    }


def _run(
    todo: list[Report],
    out: Path,
    keys: dict,
    digest: dict,
    jobs: int | None,
    with_code: bool,
    scheduler: str | None,
    timeout: int,
    outcome: Outcome,
    site_url: str = "",
) -> None:
    full_version = data.data_version()
    version = {k: v[:12] for k, v in full_version.items()}
    try:
        tasks = [render_task(r, with_code, digest, full_version, timeout, site_url) for r in todo]
    except i18n.TranslationError as err:  # a notebook's catalogue lacks a cell: no kernel started
        raise RenderError(str(err)) from None
    by_name = {r.name: (r, task) for r, task in zip(todo, tasks, strict=True)}
    progress = _Progress(len(todo))

    def done(result: RenderResult) -> None:
        r, task = by_name[result["name"]]
        _writing(out, f"report {r.name}", lambda: _write(out, r.name, result))
        _writing(
            out,
            f"report {r.name}",
            lambda: record(out, r, keys[r.name], task["title"], version, result, task["heading"]),
        )
        progress.update(result)
        if result["status"] == "ok":
            outcome.rendered.append(r.name)
        else:
            outcome.failed.append(result)

    try:
        if scheduler:
            cluster.run(scheduler, tasks, done)
        else:
            _local(tasks, jobs, done)
    finally:
        progress.close()


def _write(out: Path, name: str, result: RenderResult) -> None:
    """A report's HTML (and its other files), or the executed notebook of its failure in _failed/
    (the previous HTML stays)."""
    failed = out / FAILED_DIR / f"{name}.ipynb"
    if result["status"] == "ok" and result["html"] is not None:
        files = {out / f"{name}.html": result["html"]}
        for rel, contents in result["files"].items():
            if Path(rel).is_absolute() or ".." in Path(rel).parts:
                raise RenderError(f"{name}: the worker returned a file outside the output folder: {rel}")
            files[out / rel] = contents
        atomic_write(files)
        for stale in report_files.stale_chart_files(out, name, files):
            stale.unlink(missing_ok=True)
        failed.unlink(missing_ok=True)
    elif result["executed"]:
        atomic_write({failed: result["executed"]})


def _local(tasks: list[RenderTask], jobs: int | None, done: Callable[[RenderResult], None]) -> None:
    """One render process per report, at most `jobs` at a time, each forked from the warm server
    (uawar.site.warm); a process that dies (killed, out of memory) fails its own report instead
    of leaving a pool waiting for it forever."""
    jobs_n = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
    running: dict[
        Connection, tuple[BaseProcess, str]
    ] = {}  # result pipe -> (process, name); a pipe is ready with a result, or at EOF if it died
    waiting = list(reversed(tasks))

    def launch() -> None:
        task = waiting.pop()
        proc, receive = warm.start(task)
        running[receive] = (proc, task["name"])

    try:
        while waiting and len(running) < jobs_n:
            launch()
        while running:
            for ready in wait(list(running)):
                receive = cast(Connection, ready)  # wait() returns the pipes it was given
                proc, name = running.pop(receive)
                result = warm.finish(proc, receive, name)
                if waiting:
                    launch()
                done(result)
    except BaseException:
        # Ctrl-C or SIGTERM (uawar.cli raises KeyboardInterrupt for both): stop the render processes
        # now; each kills its kernel and removes the kernel's files (uawar.site.warm). A report is
        # written by this process only, whole or not at all; the caller writes the index.
        for proc, _ in running.values():
            proc.terminate()
        for proc, _ in running.values():
            proc.join(WORKER_GRACE)
            if proc.is_alive():
                proc.kill()
                proc.join()
        clean_stale_kernel_files()
        raise


def summary(outcome: Outcome, out: Path) -> str:
    lines = [
        f"rendered {len(outcome.rendered)}, skipped {len(outcome.skipped)} (unchanged), "
        f"failed {len(outcome.failed)} in {outcome.seconds:.1f} s"
    ]
    if not outcome.rendered and not outcome.failed:
        lines[0] = stamp.nothing_to_render(len(outcome.skipped), outcome.seconds)
    for f in sorted(outcome.failed, key=lambda f: f["name"]):
        where = f"cell {f['cell']} (In [{f.get('exec_count')}])" if f["cell"] is not None else "before any cell"
        lines.append(
            f"FAILED {f['name']}: {where}: {f['error']}; executed notebook: {out / FAILED_DIR / (f['name'] + '.ipynb')}"
        )
    lines.append(f"index: {out / 'index.html'}")
    return "\n".join(lines)
