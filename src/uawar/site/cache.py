"""The cache: what every report depends on, its key, and the record of each render."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from uawar import __version__, i18n, notebook
from uawar.files import atomic_write, clean_stale, sha256
from uawar.params import files_read
from uawar.site import stamp
from uawar.site.catalogue import Report
from uawar.site.handoff import Record, RenderResult

CACHE_DIR = ".cache"  # a record per report: its cache key, status, render time
FAILED_DIR = "_failed"  # the executed notebook of each report that failed


def _sha(*chunks: bytes) -> str:
    h = hashlib.sha256()
    for c in chunks:
        h.update(hashlib.sha256(c).digest())
    return h.hexdigest()


def inputs_digest() -> dict[str, str]:
    """The hashes every report depends on: the data package and its tables, whether the data ends long
    before today (a page says so), and the uawar code (the version alone does not change while the package
    is edited)."""
    data = [p.read_bytes() if p.is_file() else b"" for p in stamp.data_files()]
    if data:
        data.append(notebook.stale_sentence().encode())
    code = [__version__.encode()] + [
        p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() for root, p in stamp.code_files()
    ]
    return {"data": _sha(*data), "code": _sha(*code)}


def cache_key(report: Report, digest: dict, with_code: bool, site_url: str = "", lang: str = i18n.SOURCE) -> str:
    params = json.dumps(report.params, sort_keys=True, default=str).encode()
    # Files named by parameters (an export folder): their contents, not only their names.
    named = [str(p).encode() + b"\0" + bytes.fromhex(sha256(p)) for p in files_read(report.notebook, report.params)]
    return _sha(
        report.path.read_bytes(),
        params,
        *named,
        digest["data"].encode(),
        digest["code"].encode(),
        b"with-code" if with_code else b"no-code",
        *([b"site-url\0" + site_url.encode()] if site_url else []),  # the citations' links
        *(
            [b"lang\0" + lang.encode(), i18n.po_path(lang, report.path.stem).read_bytes()]
            if lang != i18n.SOURCE
            else []
        ),
    )


def _record_path(out: Path, name: str) -> Path:
    return out / CACHE_DIR / f"{name}.json"


def read_record(out: Path, name: str) -> Record | None:
    try:
        rec: Record = json.loads(_record_path(out, name).read_text(encoding="utf-8"))
        return rec
    except (OSError, ValueError):
        return None


def recorded(out: Path) -> list[str]:
    """The names of the reports the site in `out` holds a record of."""
    return sorted(p.stem for p in (out / CACHE_DIR).glob("*.json") if not p.name.startswith("_"))


def is_fresh(out: Path, report: Report, key: str) -> bool:
    rec = read_record(out, report.name)
    return bool(rec and rec.get("status") == "ok" and rec.get("key") == key and (out / f"{report.name}.html").is_file())


def record(
    out: Path, report: Report, key: str, title: str, version: dict[str, str], result: RenderResult, heading: str = ""
) -> None:
    """What the index shows of a report; a failure keeps the previous render's time and data."""
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    rec: Record = {
        "name": report.name,
        "notebook": report.notebook,
        "path": report.path.name,
        "title": title,
        "heading": heading or title,  # what the page counts, with its period: its own title
        "params": report.params,
        "given": sorted(report.given),
        "entry": report.entry,
        "swept": list(report.swept),
        "status": result["status"],
        "key": key,
        "error": result["error"],
        "cell": result["cell"],
    }
    kept = read_record(out, report.name)
    if kept:
        rec = {**kept, **rec}
    if result["status"] == "ok":
        rec.update({"rendered_at": now, "seconds": result["seconds"], "data_version": version})
    else:
        rec["failed_at"] = now
    atomic_write({_record_path(out, report.name): json.dumps(rec, indent=1, default=str)})


def clean_stale_outputs(out: Path) -> list[Path]:
    """Remove the temporary files that a killed run left in the site's folders."""
    return [p for folder in (out, out / CACHE_DIR, out / FAILED_DIR) for p in clean_stale(folder)]
