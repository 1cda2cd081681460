"""The stamp: a no-change `uawar render` answers before importing the renderer.

Importing the renderer (nbconvert, nbformat's schema validators, scipy through the parameter checks)
takes seconds, more than everything a no-change run then does. So a run that rendered or checked all
its reports without a failure writes a stamp for its selection (`--all`, or the names and `-p`
values it was given), after dropping the stamps of any other: a digest of every file the reports
depend on (the data package and its tables, the notebooks and the catalogue, the uawar modules and
templates), the options (the site URL among them: the citations and quotes link under it), and the date
(the pages say how old the data is). The next run of the same selection whose digest matches, and whose
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
from uawar.files import atomic_write, sha256

STAMPS = ".cache"  # one file for each selection: _stamp-<sha256 of the selection>.json


def selection(everything: bool, names: list[str] | None, params: dict[str, str]) -> str | None:
    """The reports a command asks for, written the same way however its arguments were ordered; None
    when a value names a path outside the repository's files (the stamp cannot see its contents)."""
    if any(_names_a_path(v) for v in params.values()):
        return None
    return json.dumps({"all": everything, "names": sorted(set(names or [])), "params": params}, sort_keys=True)


def _names_a_path(value: str) -> bool:
    try:
        return os.sep in value or Path(value).exists() or (config.PROJ_ROOT / value).exists()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte: no file
        return False


def _path(out: Path, chosen: str) -> Path:
    return out / STAMPS / f"_stamp-{hashlib.sha256(chosen.encode()).hexdigest()[:16]}.json"


PACKAGE = Path(__file__).resolve().parents[1]


def code_files() -> list[tuple[Path, Path]]:
    """The uawar code every report depends on, each file with the folder its name is read from: the
    package's modules and the page templates."""
    modules = [(PACKAGE, p) for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]
    templates = [(config.TEMPLATES_DIR, p) for p in config.TEMPLATES_DIR.rglob("*") if p.is_file()]
    catalogues = [(PACKAGE, p) for p in (PACKAGE / "locale").rglob("*.po")]  # the library's translations
    return sorted(modules + templates + catalogues)


def data_files() -> list[Path]:
    """The data package and its tables (as it lists them; a table may be missing)."""
    package_file = Path(config.DATAPACKAGE)
    if not package_file.is_file():
        return []
    resources = json.loads(package_file.read_bytes()).get("resources", [])
    return [package_file] + [package_file.parent / r["path"] for r in resources]


def raw_files() -> list[Path]:
    """The raw exports in the repository (a report can name one by its parameters)."""
    return sorted(p for p in Path(config.RAW_DIR).rglob("*") if p.is_file())


def digest(with_code: bool, site_url: str = "") -> str:
    """What the stamp compares: the options (the site URL: the pages' links), the date, and every input file
    (uawar.site.cache keys each report on the same code and data files, and on the exports its parameters name)."""
    today = f"{dt.date.today()}\0{os.environ.get('UAWAR_TODAY', '')}"
    h = hashlib.sha256(f"{with_code}\0{site_url}\0{today}".encode())
    notebooks = sorted(Path(config.NOTEBOOKS_DIR).glob("*.ipynb")) + [Path(config.CATALOGUE)]
    notebooks += sorted((Path(config.NOTEBOOKS_DIR) / "locale").rglob("*.po"))  # the notebooks' translations
    for p in [p for _, p in code_files()] + notebooks + data_files() + raw_files():
        h.update(str(p).encode() + b"\0" + (bytes.fromhex(sha256(p)) if p.is_file() else b"missing"))
    return h.hexdigest()


def unchanged(out: Path, chosen: str, with_code: bool, site_url: str = "") -> int | None:
    """The number of reports, when the selection's stamp in `out` matches the current inputs and every
    page it lists is there; else None."""
    try:
        kept = json.loads(_path(out, chosen).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    pages = kept.get("pages", [])
    if kept.get("digest") != digest(with_code, site_url) or not all((out / f"{name}.html").is_file() for name in pages):
        return None
    return len(pages)


def write(out: Path, chosen: str, inputs: str, pages: list[str]) -> None:
    """Stamp the selection in `out` with the digest of the inputs as they were when the run began (an
    input edited during the run leaves the stamp stale)."""
    with contextlib.suppress(OSError):  # a full disk: without its stamp, the next run checks each report
        atomic_write({_path(out, chosen): json.dumps({"digest": inputs, "pages": sorted(pages)}, indent=0)})


def forget(out: Path) -> None:
    """Drop every stamp in `out` before a run: whatever it renders or fails changes the folder that the
    other selections' stamps vouch for (a bad --out is for the renderer to report)."""
    with contextlib.suppress(OSError):
        for kept in (out / STAMPS).glob("_stamp-*.json"):
            kept.unlink(missing_ok=True)


def nothing_to_render(reports: int, seconds: float) -> str:
    """The line a run that rendered nothing ends with."""
    which, it = ("the report is", "it") if reports == 1 else (f"all {reports} reports are", "them")
    return f"nothing to render: {which} up to date (--force renders {it} again); {seconds:.1f} s"
