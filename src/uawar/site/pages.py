"""The site's pages: the index of every report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from uawar import __version__, config, notebook
from uawar.files import atomic_write
from uawar.site import html
from uawar.site.cache import CACHE_DIR, read_record


def write_index(out: Path) -> Path:
    """reports/index.html: every report in `out`, grouped by notebook, linked, with its
    parameters, status, render time and data version. Every value is escaped (autoescape)."""
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
        loader=jinja2.FileSystemLoader(html.TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    page = env.get_template("site_index.html.j2").render(
        groups=groups,
        csp=html.CSP_SLOT,
        version=__version__,
        generated=dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        reach=notebook.reach_text() if Path(config.DATAPACKAGE).is_file() else "",
        stale=notebook.stale_sentence() if Path(config.DATAPACKAGE).is_file() else "",
        teaching=(out / "teaching" / "index.html").is_file(),  # make student / make solutions
    )
    atomic_write({out / "index.html": html.with_policy(page)})
    return out / "index.html"
