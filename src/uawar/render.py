"""The report site: the catalogue, parameter validation, parallel execution, HTML conversion,
the cache, atomic writes and the index page.

A run: expand the selection into reports (validated before any kernel starts) -> skip the reports
whose inputs are unchanged -> execute the rest with papermill in worker processes, each converting
its own notebook to HTML -> write the index page -> print a summary.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import re
import signal
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from uawar import __version__, config
from uawar.errors import InputError
from uawar.files import atomic_write, clean_stale, tmp_path

TEMPLATES = Path(__file__).parent / "templates"
CACHE_DIR = ".cache"
FAILED_DIR = "_failed"
CELL_TIMEOUT = 1800  # seconds one cell may run before the report fails
# Reports load nothing from the network and run no script: only inline styles and data: images.
CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'"
)
_NOTEBOOK = re.compile(r"^(?P<number>\d+)_(?P<name>\w+)\.ipynb$")


class RenderError(InputError, ValueError):
    """A bad catalogue, report name or option: nothing was rendered."""


# --- the catalogue -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """One HTML report: a notebook and a full, validated parameter set."""

    name: str  # the output stem: interception_rates--2025-06
    notebook: str  # interception_rates
    path: Path  # notebooks/02_interception_rates.ipynb
    params: dict  # every parameter, validated (defaults filled in)
    given: dict = field(default_factory=dict)  # the parameters set explicitly, which name the report


def find_notebooks(notebooks_dir: Path | None = None) -> dict[str, Path]:
    """Notebook name (file stem without its number) -> path, in teaching order."""
    folder = Path(notebooks_dir or config.NOTEBOOKS_DIR)
    found = {}
    for path in sorted(folder.glob("*.ipynb")):
        m = _NOTEBOOK.match(path.name)
        if m:
            found[m["name"]] = path
    return found


def _slug(value) -> str:
    """A file-name-safe form of a value; a short hash keeps values that differ only in unsafe
    characters apart ('a/b' and 'a-b')."""
    text = "none" if value is None else ",".join(map(str, value)) if isinstance(value, list) else str(value)
    safe = re.sub(r"[^A-Za-z0-9._]+", "-", text).strip("-.")[:60]
    if safe != text:
        safe = f"{safe}-{hashlib.sha256(text.encode()).hexdigest()[:6]}".lstrip("-")
    return safe


def _period_slug(start: str | None, end: str | None) -> str:
    """2025-06 for a whole month, 2025 for a whole year, else start_end."""
    if start and end:
        s, e = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        next_day = e + dt.timedelta(days=1)
        if s.day == 1 and next_day.day == 1:
            if s.month == 1 and next_day.month == 1 and next_day.year == s.year + 1:
                return f"{s.year}"
            if (next_day.year * 12 + next_day.month) - (s.year * 12 + s.month) == 1:
                return f"{s:%Y-%m}"
        return f"{start}_{end}"
    return f"from-{start}" if start else f"to-{end}"


def report_name(notebook: str, params: dict, given: Iterable[str]) -> str:
    """The notebook name, then one slug per explicitly given parameter: the period (start, end)
    first, the others as key-value in declaration order."""
    given = set(given)
    parts = [notebook]
    if given & {"start", "end"}:
        parts.append(
            _period_slug(
                params.get("start") if "start" in given else None, params.get("end") if "end" in given else None
            )
        )
    parts += [f"{k}-{_slug(v)}" for k, v in params.items() if k in given and k not in ("start", "end")]
    return "--".join(parts)


def _sweep(spec: dict) -> list[dict]:
    """A sweep -> one parameter dict per report. `months: [first, last]` and `years: [first, last]`
    sweep the period (start, end); any other key sweeps that parameter over a list."""
    axes = []
    for key, values in spec.items():
        if key in ("months", "years"):
            if not (isinstance(values, list) and len(values) == 2):
                raise RenderError(f"sweep '{key}' needs [first, last], got {values!r}")
            axes.append(_periods(key, *values))
        elif isinstance(values, list) and values:
            axes.append([{key: v} for v in values])
        else:
            raise RenderError(f"sweep '{key}' needs a list of values, got {values!r}")
    return [{k: v for d in combo for k, v in d.items()} for combo in itertools.product(*axes)]


_SWEEP_PERIODS = {"months": ("M", r"\d{4}-\d{2}", "YYYY-MM"), "years": ("Y", r"\d{4}", "YYYY")}


def _periods(kind: str, first, last) -> list[dict]:
    """Every month (or year) from first to last, each as its start and end dates."""
    import pandas as pd

    freq, pattern, shape = _SWEEP_PERIODS[kind]
    problem = RenderError(f"sweep '{kind}': [{first}, {last}] is not a [first, last] range ({shape})")
    if not all(re.fullmatch(pattern, str(v)) for v in (first, last)):
        raise problem
    try:
        periods = pd.period_range(str(first), str(last), freq=freq)
    except ValueError:
        raise problem from None
    return [{"start": f"{p.start_time:%Y-%m-%d}", "end": f"{p.end_time:%Y-%m-%d}"} for p in periods]


def load_catalogue(path: Path | None = None) -> list[dict]:
    """The catalogue's entries: each with a name (default: its notebook's), notebook, parameters, sweep."""
    import yaml

    path = Path(path or config.CATALOGUE)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise RenderError(f"{path}: {err}") from None
    entries, names = [], set()
    for i, entry in enumerate(doc.get("reports") or [], 1):
        if not isinstance(entry, dict) or "notebook" not in entry:
            raise RenderError(f"{path}: entry {i} needs a 'notebook'")
        unknown = set(entry) - {"name", "notebook", "parameters", "sweep"}
        if unknown:
            raise RenderError(
                f"{path}: entry {i} ({entry['notebook']}): unknown key(s) {sorted(unknown)}; "
                "allowed: name, notebook, parameters, sweep"
            )
        name = entry.get("name", entry["notebook"])
        if name in names:
            raise RenderError(f"{path}: entry {i}: the name '{name}' is used twice (give each entry its own name)")
        names.add(name)
        entries.append(
            {
                "name": name,
                "notebook": entry["notebook"],
                "parameters": entry.get("parameters") or {},
                "sweep": entry.get("sweep") or {},
            }
        )
    return entries


def _plain(value):
    """YAML dates -> ISO text; the CLI's 'None' -> None."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    return None if value == "None" else value


def expand(entry: dict, notebooks: dict[str, Path], overrides: dict | None = None) -> list[Report]:
    """A catalogue entry (or a bare notebook) -> its reports, every parameter set validated."""
    from uawar import params

    nb = entry["notebook"]
    if nb not in notebooks:
        raise RenderError(f"no notebook '{nb}' (entry '{entry['name']}'); notebooks: {', '.join(notebooks)}")
    reports = []
    for swept in _sweep(entry["sweep"]) if entry["sweep"] else [{}]:
        given = {k: _plain(v) for k, v in {**entry["parameters"], **swept, **(overrides or {})}.items()}
        values = params.validate(nb, given)
        reports.append(Report(report_name(nb, values, given), nb, notebooks[nb], values, given))
    return reports


def select(
    names: list[str],
    all_: bool = False,
    overrides: dict | None = None,
    notebooks_dir: Path | None = None,
    catalogue: Path | None = None,
) -> list[Report]:
    """Report names, catalogue entries or notebooks (or --all) -> the reports, validated."""
    notebooks = find_notebooks(notebooks_dir)
    entries = load_catalogue(catalogue)
    if all_ and names:
        raise RenderError("give report names or --all, not both")
    if all_ and overrides:
        raise RenderError("-p applies to named reports, not to --all")
    if not all_ and not names:
        raise RenderError("name the reports to render (see `uawar list`), or give --all")
    by_entry = {e["name"]: e for e in entries}
    chosen: list[Report] = []
    for name in names:
        if name in by_entry:
            chosen += expand(by_entry[name], notebooks, overrides)
        elif name in notebooks:
            chosen += expand({"name": name, "notebook": name, "parameters": {}, "sweep": {}}, notebooks, overrides)
        else:
            every = {r.name: r for e in entries for r in expand(e, notebooks)}
            if name not in every or overrides:
                raise RenderError(
                    f"unknown report '{name}': not a catalogue entry ({', '.join(by_entry)}), "
                    f"a notebook ({', '.join(notebooks)}) or a catalogue report"
                    + (" (-p needs an entry or a notebook)" if name in every else "")
                )
            chosen.append(every[name])
    if all_:
        chosen = [r for e in entries for r in expand(e, notebooks)]
    unique = {}
    for r in chosen:
        if r.name in unique and unique[r.name].params != r.params:
            raise RenderError(f"two reports named '{r.name}' with different parameters")
        unique[r.name] = r
    return list(unique.values())


def check_parameters_cell(path: Path, notebook: str) -> None:
    """The notebook's `parameters` cell declares exactly the parameters of params.py: papermill
    would only warn about a parameter the notebook does not know."""
    import papermill

    from uawar import params

    declared = {p.name for p in params.spec(notebook).params}
    found = set(papermill.inspect_notebook(str(path)))
    if found != declared:
        parts = []
        if declared - found:
            parts.append(f"missing {sorted(declared - found)}")
        if found - declared:
            parts.append(f"not in uawar.params {sorted(found - declared)}")
        raise RenderError(f"{path}: the 'parameters' cell does not match uawar/params.py: {'; '.join(parts)}")


# --- the cache ---------------------------------------------------------------------------------


def _sha(*chunks: bytes) -> str:
    h = hashlib.sha256()
    for c in chunks:
        h.update(hashlib.sha256(c).digest())
    return h.hexdigest()


def inputs_digest() -> dict[str, str]:
    """The hashes every report depends on: the data package and its tables, and the uawar code
    (the version alone does not change while the package is edited)."""
    dp = Path(config.DATAPACKAGE)
    data = [dp.read_bytes()] if dp.is_file() else []
    if data:
        for res in json.loads(data[0]).get("resources", []):
            table = dp.parent / res["path"]
            data.append(table.read_bytes() if table.is_file() else b"")
    pkg = Path(__file__).parent
    files = sorted([(pkg, p) for p in pkg.rglob("*.py")] + [(TEMPLATES, p) for p in TEMPLATES.rglob("*")])
    code = [__version__.encode()] + [
        p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes()
        for root, p in files
        if p.is_file() and "__pycache__" not in p.parts
    ]
    return {"data": _sha(*data), "code": _sha(*code)}


def cache_key(report: Report, digest: dict, with_code: bool) -> str:
    params = json.dumps(report.params, sort_keys=True, default=str).encode()
    return _sha(
        report.path.read_bytes(),
        params,
        digest["data"].encode(),
        digest["code"].encode(),
        b"with-code" if with_code else b"no-code",
    )


def _record_path(out: Path, name: str) -> Path:
    return out / CACHE_DIR / f"{name}.json"


def read_record(out: Path, name: str) -> dict | None:
    try:
        return json.loads(_record_path(out, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_fresh(out: Path, report: Report, key: str) -> bool:
    rec = read_record(out, report.name)
    return bool(rec and rec.get("status") == "ok" and rec.get("key") == key and (out / f"{report.name}.html").is_file())


def clean_stale_outputs(out: Path) -> list[Path]:
    """Remove the temporary files that a killed run left in the site's folders."""
    return [p for folder in (out, out / CACHE_DIR, out / FAILED_DIR) for p in clean_stale(folder)]


# --- one report, in a worker process -----------------------------------------------------------

_EXPORTERS: dict[bool, object] = {}


def _kernel_manager_class():
    """A kernel manager on the ipc transport, its socket files named after a fresh uuid.

    Over tcp, jupyter_client picks "free" ports by binding and releasing them before the kernel
    binds them again, so kernels started at the same moment by parallel workers can get the same
    port and die with "ZMQError: Address already in use" (nteract/papermill#511,
    ipython/ipython#12372). Over ipc the endpoints are files; jupyter_client's default prefix can
    be the shared relative name "kernel-ipc" (two kernels then talk on each other's sockets), so
    each kernel gets its own absolute prefix in the private runtime folder: no two can collide.
    """
    import uuid

    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.paths import jupyter_runtime_dir
    from traitlets import CaselessStrEnum, default

    class IPCKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        @default("ip")
        def _ip_default(self) -> str:
            os.makedirs(jupyter_runtime_dir(), mode=0o700, exist_ok=True)
            return os.path.join(jupyter_runtime_dir(), f"uawar-{uuid.uuid4().hex}")

        async def _async_interrupt_kernel(self) -> None:
            # jupyter_client interrupts before every shutdown, and the idle kernel logs a spurious
            # "KeyboardInterrupt caught in kernel" for each report; the shutdown request goes over
            # the control channel and a kill follows if it is ignored, so skip it then.
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

    return IPCKernelManager


_ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name in ("class", "id", "title"):
        return True
    if tag == "a":  # data: only for images
        return name == "href" and not value.strip().lower().startswith("data:")
    if tag == "img":
        return name in ("alt", "width", "height") or (name == "src" and value.startswith("data:image/"))
    if tag in ("td", "th"):
        return name in ("colspan", "rowspan", "align")
    return tag == "table" and name == "border"


def clean_html(fragment) -> str:
    """nbconvert's `clean_html` filter with an allowlist that keeps headings, paragraphs and
    tables (nbconvert's own escapes them) and drops every script, event handler and remote image.
    Disallowed tags are escaped, so they show as text."""
    import bleach

    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    return bleach.clean(
        text, tags=_ALLOWED_TAGS, attributes=_allowed_attribute, protocols={"http", "https", "mailto", "data"}
    )


def _exporter(with_code: bool):
    if with_code not in _EXPORTERS:
        from nbconvert import HTMLExporter

        exporter = HTMLExporter(
            template_name="uawar",
            extra_template_basedirs=[str(TEMPLATES)],
            exclude_input=not with_code,
            exclude_input_prompt=not with_code,
            exclude_output_prompt=True,
            sanitize_html=True,
        )
        exporter.register_filter("clean_html", clean_html)
        exporter.register_filter("uawar_csp", lambda _: CSP)
        _EXPORTERS[with_code] = exporter
    return _EXPORTERS[with_code]


def _source_cell(nb, cell_index: int) -> int:
    """The index in the source notebook of a cell of the executed one (papermill inserts the
    injected-parameters cell after the parameters cell)."""
    injected = next((i for i, c in enumerate(nb.cells) if "injected-parameters" in c.metadata.get("tags", [])), None)
    return cell_index - 1 if injected is not None and cell_index > injected else cell_index


def execute(path: Path, output: Path, parameters: dict | None = None):
    """Run a notebook with papermill (in its own folder, on an ipc kernel) and write the executed copy
    to `output`; the executed notebook. The one way reports, key figures and tests run a notebook."""
    import papermill

    return papermill.execute_notebook(
        str(path),
        str(output),
        parameters=parameters or {},
        progress_bar=False,
        request_save_on_cell_execute=False,
        cwd=str(Path(path).parent),
        execution_timeout=CELL_TIMEOUT,
        kernel_manager_class=_kernel_manager_class(),
    )


def render_one(job: dict) -> dict:
    """Execute one notebook with papermill, convert it to HTML (in this process) and write it
    atomically. A failure leaves the previous HTML and writes the executed notebook to _failed/."""
    import nbformat
    from papermill.exceptions import PapermillExecutionError

    t0 = time.perf_counter()
    out, name = Path(job["out"]), job["name"]
    failed = out / FAILED_DIR / f"{name}.ipynb"
    failed.parent.mkdir(parents=True, exist_ok=True)
    executed = tmp_path(failed)
    result = {"name": name, "status": "failed", "error": None, "cell": None}
    try:
        nb = execute(Path(job["path"]), executed, job["params"])
        nb.metadata["title"] = f"{job['title']} ({job['label']})" if job["label"] else job["title"]
        body, _ = _exporter(job["with_code"]).from_notebook_node(nb)
        atomic_write({out / f"{name}.html": body})
    except Exception as err:  # a cell raised or timed out, the kernel died, the conversion failed
        if executed.is_file():
            os.replace(executed, failed)
        if isinstance(err, PapermillExecutionError):
            result["cell"] = _source_cell(nbformat.read(failed, as_version=4), err.cell_index)
            result["exec_count"] = err.exec_count
            result["error"] = f"{err.ename}: {err.evalue}"
        else:
            result["error"] = f"{type(err).__name__}: {err}"
        return result
    finally:
        executed.unlink(missing_ok=True)
        result["seconds"] = round(time.perf_counter() - t0, 2)
    failed.unlink(missing_ok=True)
    result["status"] = "ok"
    return result


# --- a batch -----------------------------------------------------------------------------------


def notebook_title(path: Path) -> str:
    """The notebook's first `# ` heading."""
    for cell in json.loads(path.read_bytes()).get("cells", []):
        if cell.get("cell_type") == "markdown":
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for line in src.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def _label(report: Report) -> str:
    return report.name.removeprefix(report.notebook).removeprefix("--").replace("--", ", ")


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
            from tqdm import tqdm

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
    (out / CACHE_DIR).mkdir(parents=True, exist_ok=True)
    clean_stale_outputs(out)
    digest = inputs_digest()
    keys = {r.name: cache_key(r, digest, with_code) for r in reports}
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


def _run(todo: list[Report], out: Path, keys: dict, jobs: int | None, with_code: bool, outcome: Outcome) -> None:
    import multiprocessing
    from multiprocessing.connection import wait

    import papermill  # noqa: F401

    from uawar import data

    # One forked process per report, at most `jobs` at a time: forked after papermill is imported and
    # the HTML exporter is built and used once (~2 s together), so each starts warm; and a process that dies (killed,
    # out of memory) fails its own report instead of leaving a pool waiting for it forever.
    _warm_up(with_code)
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
            "label": _label(r),
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
                _record(out, r, keys[r.name], titles[r.path], version, result)
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


def _warm_up(with_code: bool) -> None:
    """Convert a tiny notebook once, so that the exporter's lazily loaded templates, filters and
    sanitiser are ready in every worker forked after it."""
    import nbformat

    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# warm-up"),
            nbformat.v4.new_code_cell(
                "1",
                outputs=[
                    nbformat.v4.new_output(
                        "display_data",
                        data={
                            "text/markdown": "*x*",
                            "text/html": "<table><tr><td>1</td></tr></table>",
                            "text/plain": "1",
                        },
                    )
                ],
            ),
        ]
    )
    _exporter(with_code).from_notebook_node(nb)


def _worker(task: dict, send) -> None:
    # A terminal's Ctrl-C reaches the workers too: the main process alone decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    send.send(render_one(task))
    send.close()


def _record(out: Path, report: Report, key: str, title: str, version: dict, result: dict) -> None:
    """What the index shows of a report; a failure keeps the previous render's time and data."""
    rec = read_record(out, report.name) or {}
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    rec.update(
        {
            "name": report.name,
            "notebook": report.notebook,
            "path": report.path.name,
            "title": title,
            "params": report.params,
            "given": sorted(report.given),
            "status": result["status"],
            "key": key,
            "error": result["error"],
            "cell": result["cell"],
        }
    )
    if result["status"] == "ok":
        rec.update({"rendered_at": now, "seconds": result["seconds"], "data_version": version})
    else:
        rec["failed_at"] = now
    atomic_write({_record_path(out, report.name): json.dumps(rec, indent=1, default=str)})


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


# --- the index page ----------------------------------------------------------------------------


def write_index(out: Path) -> Path:
    """reports/index.html: every report in `out`, grouped by notebook, linked, with its
    parameters, status, render time and data version. Every value is escaped (autoescape)."""
    import jinja2

    records = []
    for p in sorted((out / CACHE_DIR).glob("*.json")):
        rec = read_record(out, p.stem)
        if rec and ((out / f"{p.stem}.html").is_file() or rec.get("status") == "failed"):
            rec["has_html"] = (out / f"{p.stem}.html").is_file()
            records.append(rec)
    groups: dict[str, list] = {}
    for rec in sorted(records, key=lambda r: (r.get("path", ""), r["name"])):
        groups.setdefault(rec["notebook"], []).append(rec)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    page = env.get_template("site_index.html.j2").render(
        groups=groups,
        csp=CSP,
        version=__version__,
        generated=dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
    )
    atomic_write({out / "index.html": page})
    return out / "index.html"
