"""What crosses a process (or machine) boundary on the render path, as plain data that pickles: the task a render
process gets (`batch.render_task`), the result it sends back (`execute.render_one`, `warm.failure`), and the
record of each report kept in .cache/ (`cache.record`, read by the site-wide pages). A field has one name across
the three: `notebook` is always the notebook's name (interception_rates), `path` its file name, `source` and
`executed` the bytes of the notebook before and after it ran."""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

Status = Literal["ok", "failed"]


class RenderTask(TypedDict):
    """All a render process needs for one report."""

    name: str  # the report's name: interception_rates--2025-06
    notebook: str  # the notebook's name: interception_rates
    path: str  # the notebook's file name: 02_interception_rates.ipynb
    source: bytes  # the notebook file as it is here, in `lang`: the render process may run on another machine
    lang: NotRequired[str]  # the report's language (uawar.i18n; English if absent)
    twins: NotRequired[list[dict[str, str]]]  # the report in each language it is published in (`i18n.twins`)
    cwd: str  # the notebook's folder, where it runs if that machine has it
    params: dict[str, Any]  # every parameter, validated
    given: list[str]  # the parameters set explicitly
    title: str  # the notebook's title
    heading: str  # the page's title: what it counts, with its period
    label: str  # the report's name without its notebook's: 2025-06
    with_code: bool
    digest: dict[str, str]  # the data and code the task was made with (`cache.inputs_digest`)
    data_version: dict[str, str]  # the sha256 of each table of the data package
    stale: str  # the sentence on a table that ends long ago, dated where the task is made ('' if none)
    timeout: int  # seconds the report may run
    site_url: str  # where the site is published ('': links relative to the page)
    owner: NotRequired[int]  # the process that asked for it (`warm.start`): the render process ends with it


class RenderResult(TypedDict):
    """What a render process sends back; it writes nothing itself."""

    name: str
    status: Status
    error: str | None  # the error of a failure
    cell: int | None  # the source notebook's cell that raised
    exec_count: NotRequired[int | None]  # that cell's execution count
    seconds: float
    html: bytes | None  # the page (status ok)
    files: dict[str, bytes]  # more files of the report, beside its HTML: path relative to the output folder -> bytes
    executed: bytes | None  # the executed notebook of a failure, as far as it ran


class Record(TypedDict):
    """What the site keeps of a report in .cache/<name>.json; a failure keeps the previous render's time and
    data."""

    name: str
    notebook: str
    path: str
    title: str
    heading: str
    params: dict[str, Any]
    given: list[str]
    entry: str  # the catalogue entry it comes from
    swept: list[str]  # what that entry sweeps
    status: Status
    key: str  # `cache.cache_key`: the record is fresh while it matches
    error: str | None
    cell: int | None
    rendered_at: NotRequired[str]
    seconds: NotRequired[float]
    data_version: NotRequired[dict[str, str]]  # each table's sha256, shortened to 12 characters
    failed_at: NotRequired[str]
