"""The whole-site stamp: a no-change `uawar render --all` answers before importing the renderer.

Importing the renderer (nbconvert, nbformat's schema validators, scipy through the parameter checks)
takes seconds, more than everything a no-change run then does. So a run that rendered or checked every
report of the catalogue writes a stamp: a digest of every file the reports depend on (the data package
and its tables, the notebooks and the catalogue, every file of the uawar package), the options, and
the date (the pages say how old the data is). The next `--all` run whose digest matches, and whose
pages are all still there, stops at once. Any change falls through to the per-report cache.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from uawar import config
from uawar.files import atomic_write

STAMP = ".cache/_site_stamp.json"


def _files() -> list[Path]:
    package = Path(__file__).parents[1]
    found = [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    found += sorted(Path(config.NOTEBOOKS_DIR).glob("*.ipynb")) + [Path(config.CATALOGUE)]
    package_file = Path(config.DATAPACKAGE)
    if package_file.is_file():
        found.append(package_file)
        for resource in json.loads(package_file.read_bytes()).get("resources", []):
            found.append(package_file.parent / resource["path"])
    return sorted(found)


def digest(with_code: bool) -> str:
    h = hashlib.sha256(f"{with_code}\0{dt.date.today()}\0{os.environ.get('UAWAR_TODAY', '')}".encode())
    for p in _files():
        h.update(str(p).encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest() if p.is_file() else b"missing")
    return h.hexdigest()


def unchanged(out: Path, with_code: bool) -> int | None:
    """The number of reports, when the stamp in `out` matches the current inputs and every page it
    lists is there; else None."""
    try:
        kept = json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    pages = kept.get("pages", [])
    if kept.get("digest") != digest(with_code) or not all((out / f"{name}.html").is_file() for name in pages):
        return None
    return len(pages)


def write(out: Path, inputs: str, pages: list[str]) -> None:
    """Stamp `out` with the digest of the inputs as they were when the run began (an input edited
    during the run leaves the stamp stale)."""
    atomic_write({out / STAMP: json.dumps({"digest": inputs, "pages": sorted(pages)}, indent=0)})


def forget(out: Path) -> None:
    """Drop the stamp before a run (a bad --out is for the renderer to report)."""
    with contextlib.suppress(OSError):
        (out / STAMP).unlink(missing_ok=True)
