"""The site-wide pages that tie the reports together, written after each batch: `write_index` reads the
records in .cache/ and writes index.html (with the headline findings), search-index.js, search.js and each
report's navigation block (only where it changed, so that a no-change run stays fast); the glossary, the data
and licences page and the month-by-class table. What each report produces beside its HTML, in its worker, is
`uawar.site.report_files`.

Over 500 lines: the site-wide pages share one template environment, the records and the write-if-changed rule (the
glossary's terms are in `uawar.site.glossary`, which a report's worker reads too).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import pandas as pd

from uawar import __version__, config, data, i18n, interception, markup, notebook, params, sources, taxonomy
from uawar.files import atomic_write
from uawar.i18n import N_
from uawar.site import cache, catalogue, html
from uawar.site.cache import CACHE_DIR, read_record
from uawar.site.glossary import GLOSSARY, GLOSSARY_TERMS
from uawar.site.report_files import quote

NAV_START, NAV_END = "<!--uawar-nav-->", "<!--/uawar-nav-->"
FINDINGS_FILE = "_findings.json"  # in CACHE_DIR: the front page's findings and the data they came from
NAV_FILE = "_nav.json"  # in CACHE_DIR: a digest of each report's navigation block as written
MONTH_CLASS_FILE = "_month_class.json"  # in CACHE_DIR: the month x class table and the data and code it came from

# What each dataset's licence asks of a commercial publisher (the licence files in data/raw say it in full).
COMMERCIAL = {
    "CC-BY-NC-SA-4.0": N_(
        "non-commercial use only: a commercial publisher (a newsroom that sells its work or advertising beside it) "
        "must clear its use with the author first; any use credits the author and the dataset, links the licence, "
        "says what was changed, and shares what is built from it under the same licence"
    ),
    "MIT": N_(
        "free for any use, commercial included, as long as the copyright notice and the licence go with copies of "
        "the data"
    ),
}
DATA_PAGE = "data.html"

SITE_URL_FILE = "_site_url.json"


def set_site_url(out: Path, site_url: str) -> None:
    """Where the site is published, for the front page's quotes (the reports' citations get it in their task)."""
    (out / CACHE_DIR).mkdir(parents=True, exist_ok=True)
    _write_if_changed(out / CACHE_DIR / SITE_URL_FILE, json.dumps({"site_url": site_url}).encode())


def site_url(out: Path) -> str:
    value = _json(out / CACHE_DIR / SITE_URL_FILE).get("site_url", "")
    return value if isinstance(value, str) else ""


# --- the site: groups, sweeps, navigation ---------------------------------------------------------


def _period(params: dict) -> tuple[str, str] | None:
    """('month', '2025-06') or ('year', '2025') when the report's period is a whole month or year."""
    start, end = params.get("start"), params.get("end")
    slug = catalogue.period_slug(start, end) if start and end else ""
    if re.fullmatch(r"\d{4}", slug):
        return ("year", slug)
    if re.fullmatch(r"\d{4}-01-01_\d{4}-\d{2}-\d{2}", slug) and slug[:4] == slug[11:15]:
        return ("year", i18n._("{year} to {day}").format(year=slug[:4], day=slug[16:]))  # a year to date
    return ("month", slug) if re.fullmatch(r"\d{4}-\d{2}", slug) else None


SWEEP_KINDS = {"month": N_("one report per month"), "year": N_("one report per year")}


@dataclass
class Sweep:
    """Reports of one notebook that differ only in their (whole month or year) period."""

    notebook: str
    kind: str  # month or year
    fixed: list[tuple[str, str]]  # the other given parameters, as shown
    members: list[dict] = field(default_factory=list)  # records, in period order

    @property
    def key(self) -> str:
        return "--".join([self.notebook, self.kind] + [f"{k}-{v}" for k, v in self.fixed])

    @property
    def caption(self) -> str:
        """'One report per month: Shahed-type drones only (...), nationwide reports': what every page counts."""
        fixed = ", ".join(f"{k} = {v}" for k, v in self.fixed)
        first = self.members[0] if self.members else {}
        what = params.counts(self.notebook, first.get("params", {})) if first else ""
        each = i18n._(SWEEP_KINDS[self.kind])
        return each + (f", {fixed}" if fixed else "") + (f": {what}" if what else "")

    def grid(self) -> list[tuple[str, list[dict | None]]]:
        """Month sweeps: one row per year, twelve cells (None where no report); year sweeps: one row."""
        if self.kind == "year":
            return [("", list(self.members))]
        rows: dict[str, list[dict | None]] = {}
        for rec in self.members:
            year, month = rec["period"].split("-")
            rows.setdefault(year, [None] * 12)[int(month) - 1] = rec
        return sorted(rows.items())


def organise(records: list[dict]) -> dict[str, dict]:
    """Records grouped by notebook (in teaching order): its single reports and its sweeps; each
    record gains 'period' (its month or year, if whole) and 'sweep' (the key of its sweep)."""
    notebooks: dict[str, dict] = {}
    candidates: dict[tuple, Sweep] = {}
    for rec in sorted(records, key=lambda r: (r.get("path", ""), r["name"])):
        group = notebooks.setdefault(
            rec["notebook"], {"title": rec["title"], "path": rec.get("path", ""), "records": []}
        )
        group["records"].append(rec)
        rec.setdefault("heading", rec["title"])  # a record of an older uawar has no title of its own
        period = _period(rec["params"]) if {"start", "end"} <= set(rec.get("given", [])) else None
        rec["period"] = period[1] if period else None
        if period:
            fixed = [(k, str(rec["params"][k])) for k in rec["given"] if k not in ("start", "end")]
            key = (rec["notebook"], period[0], tuple(fixed))
            candidates.setdefault(key, Sweep(rec["notebook"], period[0], fixed)).members.append(rec)
    for group in notebooks.values():
        group["sweeps"], group["singles"] = [], []
    for sweep in candidates.values():
        if len(sweep.members) > 1:
            sweep.members.sort(key=lambda r: r["period"])
            for rec in sweep.members:
                rec["sweep"] = sweep.key
            notebooks[sweep.notebook]["sweeps"].append(sweep)
    for group in notebooks.values():
        group["singles"] = [r for r in group["records"] if not r.get("sweep")]
        thumbs = [r for r in group["singles"] + group["records"] if r.get("has_html") and r.get("has_thumb")]
        group["main"] = thumbs[0] if thumbs else None  # the report whose chart stands for the notebook
    return notebooks


def label(rec: dict) -> str:
    return rec["name"].removeprefix(rec["notebook"]).removeprefix("--").replace("--", ", ")


def nav_html(rec: dict, group: dict, sweeps: list[Sweep], env: jinja2.Environment) -> str:
    """A report's navigation block: the site's sections, the previous and next report of its sweep,
    the other reports of its notebook."""
    sweep = next((s for s in sweeps if s.key == rec.get("sweep")), None)
    prev = nxt = None
    if sweep:
        names = [r["name"] for r in sweep.members]
        i = names.index(rec["name"])
        prev = sweep.members[i - 1] if i > 0 else None
        nxt = sweep.members[i + 1] if i + 1 < len(sweep.members) else None
    others = [r for r in group["records"] if r["name"] != rec["name"] and r.get("has_html")]
    return env.get_template("report_nav.html.j2").render(
        sections=html.SECTIONS, rec=rec, sweep=sweep, prev=prev, next=nxt, others=others, label=label
    )


def patch_nav(html_path: Path, nav: str) -> bool:
    """Put `nav` between the report's navigation markers; False (and no write) when it is there already."""
    page = html_path.read_text(encoding="utf-8")
    start, end = page.find(NAV_START), page.find(NAV_END)
    if start < 0 or end < start:
        return False
    new = page[: start + len(NAV_START)] + nav + page[end:]
    if new == page:
        return False
    atomic_write({html_path: new})
    return True


# --- the front page and the search index ----------------------------------------------------------


def _link_for(finding: dict, notebooks: dict[str, dict]) -> dict | None:
    """The report that shows a finding: the one whose period is exactly the finding's, else one
    whose period covers it, else the notebook's report with its defaults."""
    group = notebooks.get(finding["notebook"])
    if not group:
        return None
    shown = [r for r in group["records"] if r.get("has_html")]
    wanted = dict(finding.get("params") or ())
    if wanted:  # a report named by its parameters (the latest attack), not by a period
        named = [r for r in shown if all(str(r["params"].get(k)) == v for k, v in wanted.items())]
        return named[0] if named else None
    start, end = finding.get("start"), finding.get("end")

    def covers(r: dict) -> bool:
        p = r["params"]
        return bool(start and p.get("start") and p.get("end") and p["start"] <= start and end <= p["end"])

    exact = [r for r in shown if start and (r["params"].get("start"), r["params"].get("end")) == (start, end)]
    covering = sorted(
        (r for r in shown if covers(r)), key=lambda r: (r["params"]["end"] > r["params"]["start"], r["name"])
    )
    defaults = [r for r in shown if not r.get("given")]
    for choice in (exact, covering, defaults):
        if choice:
            return choice[0]
    return None


def search_index(records: list[dict], texts: dict[str, str], extra: list[dict] | None = None) -> bytes:
    """search-index.js: the reports' text as a script that sets window.UAWAR_SEARCH (a <script src>
    loads it, which works from file:// where fetch() does not). JSON inside a script: '<' is escaped."""
    docs = [
        {
            "name": r["name"],
            "title": r.get("heading") or r["title"],
            "label": label(r),
            "text": texts.get(r["name"], ""),
        }
        for r in records
        if r.get("has_html")
    ] + list(extra or [])
    words = {
        "months": i18n.month_names(),
        "nothing": i18n._(
            "Nothing matches \u201c{q}\u201d. The site holds the Ukrainian Air Force's nationwide reports of drones "
            "and missiles launched at Ukraine and shot down (by report date, weapon model and class, from 2022-09-28), "
            "the regional air commands' shoot-down tallies, the General Staff's claimed Russian casualties and a "
            "registry of published claims. It holds no places below the whole country (no city, region or target), "
            "no damage or civilian casualty figures of its own, and nothing before its first report."
        ),
        # one page, several pages (the sentences avoid a plural form that the count would have to agree with)
        "one": i18n._("{n} page matches \u201c{q}\u201d."),
        "many": i18n._("{n} pages match \u201c{q}\u201d."),
    }

    def script(name: str, value: object) -> str:  # JSON inside a script: '<' is escaped
        payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
        return f"window.{name} = {payload};\n"

    return (script("UAWAR_SEARCH", docs) + script("UAWAR_SEARCH_WORDS", words)).encode()


def _write_if_changed(path: Path, data: bytes) -> None:
    if not (path.is_file() and path.read_bytes() == data):
        atomic_write({path: data})


def _nav_digest(page: Path, nav: str) -> str:
    """The navigation block and the page file it was put in: any later write of the page (a new file,
    renamed into place) changes the file's inode, time or size, and the block is put in again."""
    st = page.stat()
    return hashlib.sha256(f"{st.st_ino}\0{st.st_mtime_ns}\0{st.st_size}\0{nav}".encode()).hexdigest()


def _records(out: Path) -> list[dict]:
    records = []
    for p in sorted((out / CACHE_DIR).glob("*.json")):
        if p.name.startswith("_"):
            continue
        rec = read_record(out, p.stem)
        if rec and ((out / f"{p.stem}.html").is_file() or rec["status"] == "failed"):
            has = {
                "has_html": (out / f"{p.stem}.html").is_file(),
                "has_thumb": (out / f"{p.stem}--thumb.png").is_file(),
            }
            records.append({**rec, **has})
    return records


def _json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def findings(out: Path, notebooks: set[str]) -> list[dict]:
    """The headline findings for the notebooks the site has reports of, computed again only when
    the data package or the uawar code changed (kept in .cache/_findings.json)."""
    from uawar.site import findings as compute  # interception and scipy: only where findings are computed

    key = cache.inputs_digest() | {"notebooks": sorted(notebooks)}
    kept = _json(out / CACHE_DIR / FINDINGS_FILE)
    if kept.get("key") != key:
        kept = {"key": key, "findings": compute.headline(notebooks)}
        atomic_write({out / CACHE_DIR / FINDINGS_FILE: json.dumps(kept, indent=1)})
    return kept["findings"]


def _environment() -> jinja2.Environment:
    """The site pages' templates; each page ends with the data note (the original datasets and licences, linked)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([config.TEMPLATES_DIR, config.TEMPLATES_DIR / "uawar"]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    i18n.install(env)
    env.globals["data_note"] = notebook.data_note()  # HTML built with every value escaped: shown with | safe
    return env


def write_index(out: Path) -> Path:
    """The site's shared pages from the records in .cache/: index.html (findings, search, every report
    grouped by notebook, sweeps as grids), search-index.js and search.js, and each report's
    navigation block. Every value from a record or the data is escaped (autoescape)."""
    env = _environment()
    records = _records(out)
    notebooks = organise(records)
    shown = findings(out, {r["notebook"] for r in records if r["has_html"]}) if records else []
    reach = (
        {r["table"]: i18n._("Data to {date}").format(date=i18n.date(r["last"])) for r in data.reach()}
        if Path(config.DATAPACKAGE).is_file()
        else {}
    )
    for n, f in enumerate(shown, 1):
        f["n"] = n
        f["reach"] = reach.get({"attack_log": "air_attacks", "loss_series": "personnel_losses"}.get(f["dataset"], ""))
        f["quote"] = quote(f, f"index.html#finding-{n}", site_url(out))
        f["glossary"] = [(t, i18n._(GLOSSARY_TERMS[t])) for t in f.get("terms", ()) if t in GLOSSARY_TERMS]
        f["report"] = _link_for(f, notebooks)
        exact = f["report"] and (f["report"]["params"].get("start"), f["report"]["params"].get("end")) == (
            f["start"],
            f["end"],
        )
        f["command"] = (
            None if exact or not f["start"] else f"uawar render {f['notebook']} -p start {f['start']} -p end {f['end']}"
        )
    texts = {}
    for r in records:
        t = out / CACHE_DIR / f"{r['name']}.txt"
        texts[r["name"]] = t.read_text(encoding="utf-8") if t.is_file() else ""
    table_rows = write_month_class(out, records, env)
    extra = [
        {
            "name": "index",
            "href": "index.html#findings",
            "title": i18n._("Findings from the current data"),
            "label": "",
            "text": "\n".join(
                f"{f['heading']}: {f['text']} "
                + i18n._("Claimed by {claimant}; {date}.").format(claimant=f["claimant"], date=f["date"])
                for f in shown
            ),
        },
        {
            "name": "month_class",
            "title": i18n._("Launched and shot down, month by weapon class"),
            "label": "",
            "text": "\n".join(table_rows),
        },
        {
            "name": "glossary",
            "title": i18n._("Glossary"),
            "label": "",
            "text": "\n".join(f"{i18n._(t)}. {i18n._(d)}" for _, t, d in GLOSSARY),
        },
    ]
    _write_if_changed(out / "search-index.js", search_index(records, texts, extra))
    _write_if_changed(out / "search.js", (config.TEMPLATES_DIR / "search.js").read_bytes())
    _write_if_changed(out / "quote.js", (config.TEMPLATES_DIR / "quote.js").read_bytes())
    write_glossary(out, env)
    navs = _json(out / CACHE_DIR / NAV_FILE)
    for group in notebooks.values():
        for rec in group["records"]:
            if not rec["has_html"]:
                continue
            nav = nav_html(rec, group, group["sweeps"], env)
            html_file = out / f"{rec['name']}.html"
            if navs.get(rec["name"]) != _nav_digest(html_file, nav):
                patch_nav(html_file, nav)
                navs[rec["name"]] = _nav_digest(html_file, nav)
    _write_if_changed(out / CACHE_DIR / NAV_FILE, json.dumps(navs, indent=0, sort_keys=True).encode())
    now = dt.datetime.now().astimezone()
    page = env.get_template("site_index.html.j2").render(
        notebooks=notebooks,
        findings=shown,
        sections=html.SECTIONS,
        csp=html.CSP_SLOT,
        version=__version__,
        label=label,
        months=i18n.month_abbreviations(),
        twins=i18n.twins("index", i18n.current()),
        generated=f"{i18n.date(now.date())} {now:%H:%M %Z}",
        reach=notebook.reach_text() if Path(config.DATAPACKAGE).is_file() else "",
        stale=notebook.stale_sentence() if Path(config.DATAPACKAGE).is_file() else "",
        teaching=(out / "teaching" / "student" / "index.html").is_file(),  # make student
    )
    atomic_write({out / "index.html": html.with_policy(page, html.FRONT_PAGE_POLICY)})
    write_data_page(out, env)
    return out / "index.html"


def write_glossary(out: Path, env: jinja2.Environment | None = None) -> Path:
    env = env or _environment()
    page = env.get_template("glossary.html.j2").render(
        terms=[(key, i18n._(term), i18n._(text)) for key, term, text in GLOSSARY],
        sections=html.SECTIONS,
        csp=html.CSP_SLOT,
        twins=i18n.twins("glossary", i18n.current()),
    )
    _write_if_changed(out / "glossary.html", html.with_policy(page, html.FRONT_PAGE_POLICY).encode())
    return out / "glossary.html"


def datasets() -> list[dict]:
    """Each source dataset for the Data and licences page: author, links, licence in full, exports, tables."""
    out = []
    for d in sources.DATASETS:
        folder = Path(config.RAW_DIR) / d.name
        licence = folder / "LICENSE.md"
        exports = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
        tables = {
            "massive-missile-attacks-on-ukraine": "data/processed/air_attacks.csv, attacks.csv, coverage.csv",
            "2022-ukraine-russia-war-dataset": "data/processed/personnel_losses.csv",
        }.get(d.name, "")
        out.append(
            {
                "name": d.name,
                "title": d.title,
                "producer": i18n._(d.producer),
                "homepage": d.homepage,
                "licence_title": d.licence_title,
                "licence_url": d.licence_url,
                "citation": d.citation,
                "commercial": i18n._(COMMERCIAL[d.licence]) if d.licence in COMMERCIAL else i18n._("see the licence"),
                "exports": ", ".join(exports) or i18n._("none"),
                "tables": tables,
                "licence_text": licence.read_text(encoding="utf-8")
                if licence.is_file()
                else i18n._("(no licence file)"),
            }
        )
    return out


def _pct(value: float) -> str:
    return "" if pd.isna(value) else i18n.percent(value)


def _of(k: float, n: float) -> str:
    """A count with the count it is out of: '5,833 of 6,462'; 'not stated' where the rows give none."""
    if pd.isna(k):
        return i18n._("not stated")
    return i18n._("{k} of {n}").format(k=i18n.number(int(k)), n=i18n.number(int(n)))


def _report_for(month: str, weapon_class: str, records: list[dict]) -> dict | None:
    """The report that explains a month of a class: an interception report of that class (or its group, or all)
    whose period covers the month, the shortest first; else a volumes report that covers it."""
    first, last = f"{month}-01", f"{pd.Period(month, 'M').end_time:%Y-%m-%d}"
    fits = (weapon_class, taxonomy.group_of(weapon_class), "all")
    best = []
    for r in records:
        p = r.get("params", {})
        if not (r.get("has_html") and p.get("start") and p.get("end") and p["start"] <= first and last <= p["end"]):
            continue
        if p.get("weapon_class") not in fits or p.get("units", "national") != "national" or p.get("model"):
            continue
        rank = (
            r["notebook"] != "interception_rates",
            fits.index(p["weapon_class"]),
            p["end"] > last or p["start"] < first,
        )
        best.append((rank, (dt.date.fromisoformat(p["end"]) - dt.date.fromisoformat(p["start"])).days, r["name"], r))
    return min(best, key=lambda b: b[:3])[3] if best else None


MONTH_CLASS_CAVEAT = N_(
    "Shot down is over the reports that state a shot-down figure; from 2025-07-24 the posts give Shahed-type drones "
    "one figure for shot down or suppressed, so a rate on either side of that date is not comparable. The interval "
    "over attacks treats each attack as one cluster; Wilson's treats every weapon as independent and is too narrow."
)


def month_class_rows(table: pd.DataFrame, records: list[dict], reach: str = "", site_url: str = "") -> list[dict]:
    """`interception.month_by_class` for the page: each figure with the count behind it, as text, and its quote (the
    attack log's `reach`, 'Data to ...'; links under `site_url`)."""
    out = []
    for r in table.itertuples(index=False):
        report = _report_for(r.month, r.weapon_class, records)
        interval = (
            ""
            if pd.isna(r.rate_lo)
            else i18n._("{lo} to {hi} over {attacks} attacks").format(
                lo=_pct(r.rate_lo), hi=_pct(r.rate_hi), attacks=i18n.number(r.attacks)
            )
        )
        if not pd.isna(r.wilson_lo):
            wilson = i18n._("Wilson {lo} to {hi}").format(lo=_pct(r.wilson_lo), hi=_pct(r.wilson_hi))
            interval += ("; " if interval else "") + wilson
        name = (
            i18n._(taxonomy.WEAPON_CLASSES[r.weapon_class])
            if r.weapon_class in taxonomy.WEAPON_CLASSES
            else r.weapon_class
        )
        out.append(
            {
                "month": r.month,
                "weapon_class": r.weapon_class,
                "class_name": name,
                "launched": int(r.launched),
                "launched_text": i18n.number(int(r.launched)),
                "shot_down_value": "" if pd.isna(r.shot_down) else int(r.shot_down),
                "shot_down_text": _of(r.shot_down, r.rate_launched),
                "rate_value": "" if pd.isna(r.shot_down_rate) else f"{r.shot_down_rate:.6f}",
                "rate_text": _pct(r.shot_down_rate) or i18n._("not measurable"),
                "interval_text": interval,
                "suppressed_value": "" if pd.isna(r.suppressed) else int(r.suppressed),
                "suppressed_text": _of(r.suppressed, r.suppressed_launched),
                "definition": r.definition,
                "reporting_change": r.reporting_change,
                "split_text": ""
                if pd.isna(r.strike_stated)
                else i18n._("about {strike} strike drones of {launched} launched stated").format(
                    strike=i18n.number(int(r.strike_stated)), launched=i18n.number(int(r.split_launched))
                ),
                "report": report["name"] if report else None,
                "report_text": report.get("heading") or report["title"] if report else "",
            }
        )
        row = out[-1]
        figure = {
            "claimant": i18n._(notebook.AIR_FORCE),
            "date": i18n._("nationwide reports of {month}").format(month=i18n.month(r.month)),
            "text": i18n._(
                "{name}: {launched} launched; shot down {shot_down} launched stated ({rate}{interval}; {definition})."
            ).format(
                name=name,
                launched=row["launched_text"],
                shot_down=row["shot_down_text"],
                rate=row["rate_text"],
                interval=i18n._("; 95 % interval {interval}").format(interval=interval) if interval else "",
                definition=r.definition,
            ),
            "dataset": "attack_log",
            "reach": reach,
            "caveat": i18n._(MONTH_CLASS_CAVEAT),
        }
        row["quote"] = quote(figure, f"month_class.html#{r.month}-{r.weapon_class}", site_url)
    return out


MONTH_CLASS_HEADERS = (
    N_("month"),
    N_("weapon class"),
    N_("launched"),
    N_("shot down (of launched stated)"),
    N_("shot-down rate"),
    N_("95 % intervals"),
    N_("suppressed (of launched stated)"),
    N_("definition"),
    N_("reporting change"),
    N_("decoy split (stated)"),
    N_("report"),
)


def write_month_class(out: Path, records: list[dict], env: jinja2.Environment | None = None) -> list[str]:
    """month_class.html (filterable and sortable by the site's own table.js), month_class.csv: the whole
    log's nationwide rows, month by weapon class (`interception.month_by_class`)."""
    env = env or _environment()
    attacks = data.load_air_attacks()
    table = _month_class_table(out, attacks)
    log_end = i18n.date(attacks["report_date"].max().date())
    rows = month_class_rows(table, records, i18n._("Data to {date}").format(date=log_end), site_url(out))
    classes = sorted({(r["weapon_class"], r["class_name"]) for r in rows})
    ds = sources.ATTACK_LOG
    page = env.get_template("month_class.html.j2").render(
        rows=rows,
        headers=[i18n._(h) for h in MONTH_CLASS_HEADERS],
        classes=classes,
        first=table["month"].min(),
        last=table["month"].max(),
        log_end=log_end,
        dataset=ds.title,
        licence=ds.licence_title,
        sections=html.SECTIONS,
        csp=html.CSP_SLOT,
        twins=i18n.twins("month_class", i18n.current()),
    )
    _write_if_changed(out / "month_class.html", html.with_policy(page, html.FRONT_PAGE_POLICY).encode())
    _write_if_changed(out / "month_class.csv", markup.csv_text(table).encode())
    for script in ("table.js", "quote.js"):
        _write_if_changed(out / script, (config.TEMPLATES_DIR / script).read_bytes())
    sentence = i18n._("{month_name} ({month}), {name}: {launched} launched, shot down {shot_down} ({rate}).")
    return [  # one sentence a row, for the search index
        sentence.format(
            month_name=i18n.month(r["month"]),
            month=r["month"],
            name=r["class_name"],
            launched=r["launched_text"],
            shot_down=r["shot_down_text"],
            rate=r["rate_text"],
        )
        for r in rows
    ]


def start_month_class(out: Path) -> threading.Thread:
    """Compute the month x class table for `out` in a thread while the reports render, where write_index finds it
    (.cache/): a second of CPU that otherwise runs alone after the last report, one core idle. A failure is left
    to write_index, which computes it again and says why."""

    def compute() -> None:
        with contextlib.suppress(Exception):  # write_index raises it
            _month_class_table(out, data.load_air_attacks())

    thread = threading.Thread(target=compute, name="month-class", daemon=True)
    thread.start()
    return thread


def _month_class_table(out: Path, attacks: pd.DataFrame) -> pd.DataFrame:
    """`interception.month_by_class` of the whole log, kept in .cache/ for the data and code it came from: it
    costs seconds, and the index is written after every render. Kept as JSON, exactly (floats by repr)."""
    key = cache.inputs_digest()
    kept = _json(out / CACHE_DIR / MONTH_CLASS_FILE)
    if kept.get("key") == key:
        return pd.DataFrame(kept["data"], columns=list(kept["dtypes"])).astype(kept["dtypes"])
    table = interception.month_by_class(data.select(attacks, weapon_class="all"), attacks)
    kept = {"key": key, "dtypes": {c: str(t) for c, t in table.dtypes.items()}, "data": table.to_dict(orient="list")}
    atomic_write({out / CACHE_DIR / MONTH_CLASS_FILE: json.dumps(kept, default=lambda v: None)})  # pd.NA -> null
    return table


def write_data_page(out: Path, env: jinja2.Environment | None = None) -> Path:
    """data.html: the source datasets, their authors and links, their licences in full, and what a commercial
    user must clear."""
    env = env or _environment()
    page = env.get_template("data_licences.html.j2").render(
        datasets=datasets(), sections=html.SECTIONS, csp=html.CSP_SLOT, twins=i18n.twins("data", i18n.current())
    )
    _write_if_changed(out / DATA_PAGE, html.with_policy(page, html.FRONT_PAGE_POLICY).encode())
    return out / DATA_PAGE
