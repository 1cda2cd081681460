"""The report site (uawar.site): catalogue expansion, validation before any kernel, the cache, failures,
atomic writes, escaping and offline HTML. The executing tests run a small real notebook
(tests/fixtures/notebooks/01_fixture_rows.ipynb, on the processed data) through real kernels."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from conftest import wait_until

from uawar import cli, config, errors, markup, params
from uawar.params import Param
from uawar.site import batch, cache, catalogue, execute, html, pages, stamp

FIXTURE_NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
NAME = "fixture_rows"
XSS = "<script>alert(1)</script>"
CATALOGUE = f"""
reports:
  - notebook: {NAME}
  - name: fixture_monthly
    notebook: {NAME}
    sweep:
      months: [2025-04, 2025-05]
  - name: fixture_xss
    notebook: {NAME}
    parameters:
      model: "{XSS}"
  - name: fixture_ok
    notebook: {NAME}
    parameters:
      fail: 0
"""


def declare_fixture(model="Shahed-136/131", fail=0):
    """The fixture's parameters, its defaults set in its notebook's parameters cell (the copy in the site's
    notebooks folder) as in a real notebook."""
    path = config.NOTEBOOKS_DIR / "01_fixture_rows.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    source = f'start = "2025-06-01"\nend = "2025-06-30"\nmodel = "{model}"\nfail = {fail}'
    if cell.source != source:
        cell.source = source
        nbformat.write(nb, path)
    return params.declare(
        NAME,
        Param("start", "date", "first report date included"),
        Param("end", "date", "last report date included"),
        Param("model", "str", "a model as reported"),
        Param("fail", "int", "1 makes the notebook raise", minimum=0),
        checks=(params.start_before_end,),
    )


def _use_fixture_site(root: Path, mp: pytest.MonkeyPatch) -> Path:
    """The fixture notebook and catalogue in place of the real ones; a copy of the data package."""
    shutil.copytree(FIXTURE_NOTEBOOKS, root / "notebooks")
    mp.setattr(config, "NOTEBOOKS_DIR", root / "notebooks")
    declare_fixture()
    catalogue = root / "catalogue.yaml"
    catalogue.write_text(CATALOGUE)
    datapackage = root / "data" / "datapackage.json"
    datapackage.parent.mkdir()
    shutil.copy(config.DATAPACKAGE, datapackage)
    shutil.copytree(config.PROCESSED_DIR, root / "data" / "processed")
    shutil.copy(config.CLAIMS_CSV, root / "data" / "claims.csv")
    mp.setattr(config, "CATALOGUE", catalogue)
    mp.setattr(config, "DATAPACKAGE", datapackage)
    # Hold the code part of the inputs still: an edit to uawar during the run must not re-render.
    code, digest = cache.inputs_digest()["code"], cache.inputs_digest
    mp.setattr(cache, "inputs_digest", lambda: {**digest(), "code": code})
    # The fixture's parameters are declared in memory, where a real notebook's are in uawar.params
    # (whose edits the stamp sees): the stamp sees these too.
    files = stamp.digest
    mp.setattr(stamp, "digest", lambda *options: files(*options) + repr(params.REGISTRY.get(NAME)))
    return root


@pytest.fixture
def site(tmp_path, monkeypatch):
    yield _use_fixture_site(tmp_path, monkeypatch)
    params.REGISTRY.pop(NAME, None)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The fixture's default report and the one whose model name is a script, rendered once."""
    with pytest.MonkeyPatch.context() as mp:
        out = _use_fixture_site(tmp_path_factory.mktemp("site"), mp) / "out"
        assert run(out, NAME, "fixture_xss") == 0
        yield out
    params.REGISTRY.pop(NAME, None)


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's parser sees them."""

    @classmethod
    def of(cls, text: str) -> list[tuple[str, list]]:
        parser = cls()
        parser.tags = []
        parser.feed(text)
        return parser.tags

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def run(out: Path, *args: str) -> int:
    return cli.main(["render", *args, "--out", str(out), "--jobs", "2"])


# --- the catalogue -----------------------------------------------------------------------------


def test_real_catalogue_expands_to_named_reports():
    reports = catalogue.select([], all_=True)
    names = [r.name for r in reports]
    assert len(names) == len(set(names))
    for nb in ("air_attack_volumes", "interception_rates", "casualty_ratios", "claims_check"):
        assert nb in names  # each notebook once with its defaults
        assert next(r for r in reports if r.name == nb).params == params.validate(nb)
    monthly = [f"interception_rates--2025-{m:02d}" for m in range(1, 13)]
    assert [n for n in names if re.fullmatch(r"interception_rates--2025-\d\d", n)] == monthly
    june = next(r for r in reports if r.name == "interception_rates--2025-06")
    assert (june.params["start"], june.params["end"]) == ("2025-06-01", "2025-06-30")
    feb = next(r for r in reports if r.name == "interception_rates--2025-02")
    assert feb.params["end"] == "2025-02-28"
    yearly = {f"air_attack_volumes--{y}--freq-month" for y in (2023, 2024, 2025)}
    assert yearly <= set(names)
    y2024 = next(r for r in reports if r.name == "air_attack_volumes--2024--freq-month")
    assert (y2024.params["start"], y2024.params["end"], y2024.params["freq"]) == ("2024-01-01", "2024-12-31", "month")
    contents = [(r.notebook, json.dumps(r.params, sort_keys=True)) for r in reports]
    assert len(contents) == len(set(contents)), "no two reports of the catalogue show the same thing"


def test_selection_by_entry_notebook_report_and_overrides(site):
    assert [r.name for r in catalogue.select(["fixture_monthly"])] == [f"{NAME}--2025-04", f"{NAME}--2025-05"]
    assert [r.name for r in catalogue.select([f"{NAME}--2025-05"])] == [f"{NAME}--2025-05"]
    (one,) = catalogue.select([NAME], overrides={"start": "2024-02-01", "end": "2024-02-29"})
    assert one.name == f"{NAME}--2024-02"  # a whole (leap) month
    (odd,) = catalogue.select([NAME], overrides={"start": "2025-06-03", "end": "2025-06-30", "fail": "0"})
    assert odd.name == f"{NAME}--2025-06-03_2025-06-30--fail-0"
    assert odd.params["fail"] == 0  # the CLI's text, coerced by params.validate
    (xss,) = catalogue.select(["fixture_xss"])
    assert re.fullmatch(rf"{NAME}--model-script-alert-1-script-[0-9a-f]{{6}}", xss.name)
    # values that differ only in unsafe characters keep different names
    a = catalogue.report_name(NAME, {"model": "a/b"}, ["model"])
    b = catalogue.report_name(NAME, {"model": "a-b"}, ["model"])
    assert a != b and b == f"{NAME}--model-a-b"


def test_sweeps_combine_as_a_product(site):
    config.CATALOGUE.write_text(f"""
reports:
  - name: grid
    notebook: {NAME}
    parameters: {{fail: 0}}
    sweep:
      model: [Iskander-M, Kalibr]
      months: [2024-12, 2025-01]
""")
    reports = catalogue.select(["grid"])
    assert [r.name for r in reports] == [
        f"{NAME}--2024-12--model-Iskander-M--fail-0",
        f"{NAME}--2025-01--model-Iskander-M--fail-0",
        f"{NAME}--2024-12--model-Kalibr--fail-0",
        f"{NAME}--2025-01--model-Kalibr--fail-0",
    ]
    assert [(r.params["start"], r.params["end"]) for r in reports[:2]] == [
        ("2024-12-01", "2024-12-31"),
        ("2025-01-01", "2025-01-31"),
    ]


def test_a_nightly_sweep_has_a_report_per_reported_night_and_only_by_name(site):
    config.CATALOGUE.write_text(f"""
reports:
  - notebook: {NAME}
  - name: nightly
    notebook: {NAME}
    default: false
    sweep:
      days: [2025-03-31, 2025-04-02]
""")
    # The raw attack log has national (kpszsu) rows ending 2025-03-31 09:00 and 2025-04-02 09:00, and
    # for 2025-04-01 only two regional PvKPivden rows: that night has no national report, so no page.
    nights = catalogue.select(["nightly"])
    assert [r.name for r in nights] == [f"{NAME}--2025-03-31", f"{NAME}--2025-04-02"]
    assert (nights[1].params["start"], nights[1].params["end"]) == ("2025-04-02", "2025-04-02")
    assert [r.name for r in catalogue.select([], all_=True)] == [NAME]  # default: false keeps it out of --all
    config.CATALOGUE.write_text(f"reports:\n  - notebook: {NAME}\n    default: sometimes\n")
    with pytest.raises(errors.RenderError, match="key 'default' is 'sometimes'; expected true or false"):
        catalogue.load_catalogue()


@pytest.mark.slow
def test_list_shows_notebooks_parameters_and_reports(capsys):
    assert cli.main(["list"]) == 0
    text = capsys.readouterr().out
    assert (
        "interception_rates_monthly -> interception_rates--2025-01, interception_rates--2025-02, "
        "interception_rates--2025-03, ... (17 reports)" in text  # 2025-01 to 2026-05, the last whole month
    )
    assert "      weapon_class = 'shahed_drone': " in text


@pytest.mark.parametrize(
    "text, message",
    [
        ("reports:\n  - notebook: fixture_rows\n  - notebook: fixture_rows\n", "used twice"),
        ("reports:\n  - notebook: fixture_rows\n    colour: red\n", "unknown key"),
        ("reports:\n  - notebook: fixture_rows\n    sweep: {months: [2025-01]}\n", "needs [first, last]"),
        ("reports:\n  - notebook: fixture_rows\n    sweep: {model: X}\n", "needs a list"),
        ("reports:\n  - notebook: no_such\n", "no notebook 'no_such'"),
        ("reports:\n  - parameters: {}\n", "needs a 'notebook'"),
    ],
)
def test_bad_catalogue_is_named(site, text, message):
    config.CATALOGUE.write_text(text)
    with pytest.raises(errors.RenderError, match=re.escape(message)):
        catalogue.select([], all_=True)


# --- validation: exit 2 before any kernel ------------------------------------------------------


@pytest.mark.parametrize(
    "args, named",
    [
        ([NAME, "-p", "colour", "red"], "'colour'"),
        ([NAME, "-p", "start", "2025-13-01"], "'start'"),
        ([NAME, "-p", "fail", "-1"], "'fail'"),
        ([NAME, "-p", "start", "2025-07-01", "-p", "end", "2025-06-01"], "'end'"),
        (["no_such_report"], "unknown report 'no_such_report'"),
        ([], "name the reports"),
        (["--all", "-p", "fail", "1"], "-p applies to named reports"),
    ],
)
def test_invalid_input_exits_2_and_writes_nothing(site, monkeypatch, capsys, args, named):
    monkeypatch.setattr(batch, "_run", lambda *a, **k: pytest.fail("a kernel would have started"))
    out = site / "out"
    assert run(out, *args) == 2
    assert named in capsys.readouterr().err
    assert not out.exists()


def test_parameters_cell_must_match_params_py(site, monkeypatch, capsys):
    monkeypatch.setattr(batch, "_run", lambda *a, **k: pytest.fail("a kernel would have started"))
    spec = params.REGISTRY[NAME]
    params.declare(NAME, *spec.params[:3], Param("units", "str", "whose reports"))
    assert run(site / "out", NAME) == 2
    err = capsys.readouterr().err
    assert "missing ['units']" in err and "not in uawar.params ['fail']" in err
    assert not (site / "out" / f"{NAME}.html").exists()


def test_parallel_kernels_cannot_share_sockets():
    """Each kernel talks over ipc socket files under its own absolute prefix (no tcp port race)."""
    manager = execute.IPCKernelManager
    a, b = manager(kernel_name="python3"), manager(kernel_name="python3")
    assert (a.transport, b.transport) == ("ipc", "ipc")
    assert Path(a.ip).is_absolute() and Path(b.ip).is_absolute()
    assert a.ip != b.ip


# --- cache, failures ---------------------------------------------------------------------------


@pytest.mark.kernel
def test_second_run_skips_and_changed_inputs_render_again(site, capsys):
    out = site / "out"
    assert run(out, NAME) == 0
    html = out / f"{NAME}.html"
    first = html.stat().st_mtime_ns
    assert "rendered 1, skipped 0" in capsys.readouterr().out

    assert run(out, NAME) == 0
    assert "nothing to render: the report is up to date" in capsys.readouterr().out
    assert html.stat().st_mtime_ns == first

    with open(config.DATAPACKAGE, "a") as f:  # the data package changed
        f.write("\n")
    assert run(out, NAME) == 0
    assert "rendered 1, skipped 0" in capsys.readouterr().out
    second = html.stat().st_mtime_ns
    assert second > first

    declare_fixture(model="Iskander-M")  # a changed default: same report, new parameters
    assert run(out, NAME) == 0
    assert "rendered 1, skipped 0" in capsys.readouterr().out
    assert "Iskander-M" in html.read_text()
    assert html.stat().st_mtime_ns > second


def without_nav(page: str) -> str:
    return re.sub(re.escape(pages.NAV_START) + ".*?" + re.escape(pages.NAV_END), "", page, flags=re.S)


@pytest.mark.kernel
def test_failure_keeps_previous_html_and_others_render(site, capsys):
    out = site / "out"
    assert run(out, NAME) == 0
    html = out / f"{NAME}.html"
    before = html.read_bytes()
    capsys.readouterr()

    declare_fixture(fail=1)  # the same report now raises in its 5th cell (index 4)
    assert run(out, NAME, "fixture_ok") == 1
    text = capsys.readouterr().out
    assert "rendered 1, skipped 0 (unchanged), failed 1" in text
    assert (out / f"{NAME}--fail-0.html").is_file()
    assert f"FAILED {NAME}: cell 4 (In [" in text
    assert "RuntimeError: fixture failure requested (fail=1)" in text
    # the previous report stays; only its navigation block follows the site (a new report beside it)
    assert without_nav(html.read_text()) == without_nav(before.decode())
    executed = nbformat.read(out / "_failed" / f"{NAME}.ipynb", as_version=4)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors and errors[0].ename == "RuntimeError"
    record = json.loads((out / ".cache" / f"{NAME}.json").read_text())
    assert (record["status"], record["cell"]) == ("failed", 4)
    index = (out / "index.html").read_text()
    assert "failed" in index and "showing the previous version" in index

    declare_fixture(fail=0)  # fixed: the next run renders it and clears _failed/
    assert run(out, NAME) == 0
    assert not (out / "_failed" / f"{NAME}.ipynb").exists()


@pytest.mark.kernel
def test_a_worker_that_dies_fails_its_report_not_the_run(site, capsys):
    out = site / "out"
    declare_fixture(fail=2)  # its kernel kills the worker process that runs it
    assert run(out, NAME, "fixture_ok") == 1  # the other report still renders
    text = capsys.readouterr().out
    assert "rendered 1, skipped 0 (unchanged), failed 1" in text
    assert f"FAILED {NAME}: before any cell: the worker process died (exit code -9)" in text
    assert not (out / f"{NAME}.html").exists() and (out / f"{NAME}--fail-0.html").is_file()
    declare_fixture(fail=0)


@pytest.mark.kernel
def test_a_report_past_its_time_limit_fails_alone(site, capsys):
    out = site / "out"
    declare_fixture(fail=3)  # its kernel waits for ever
    assert run(out, NAME, "fixture_ok", "--timeout", "40") == 1  # the other report still renders
    text = capsys.readouterr().out
    assert "rendered 1, skipped 0 (unchanged), failed 1" in text
    assert f"FAILED {NAME}: before any cell: stopped at the time limit of 40 s for one report" in text
    assert not (out / f"{NAME}.html").exists() and (out / f"{NAME}--fail-0.html").is_file()
    declare_fixture(fail=0)


# --- the cache ---------------------------------------------------------------------------------


def test_inputs_digest_follows_templates(tmp_path, monkeypatch):
    shutil.copytree(config.TEMPLATES_DIR, tmp_path / "templates")
    monkeypatch.setattr(config, "TEMPLATES_DIR", tmp_path / "templates")
    before = cache.inputs_digest()
    with open(tmp_path / "templates" / "site_index.html.j2", "a") as f:
        f.write("\n")
    after = cache.inputs_digest()
    assert after["code"] != before["code"] and after["data"] == before["data"]


def test_a_killed_run_leaves_reports_intact_and_stale_files_are_cleaned(tmp_path):
    out = tmp_path / "out"
    (out / ".cache").mkdir(parents=True)
    (out / "report.html").write_text("finished report")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    # a run killed between writing and renaming leaves its temporary files, never a torn report
    stale = [out / f".report.{dead.pid}.x1y2z3ab.tmp.html", out / ".cache" / f".report.{dead.pid}.12345678.tmp.json"]
    for p in stale:
        p.write_text("half")
    live = out / f".other.{os.getpid()}.x1y2z3ab.tmp.html"  # a run still going: left alone
    live.write_text("in progress")
    assert sorted(cache.clean_stale_outputs(out)) == sorted(stale)
    assert (out / "report.html").read_text() == "finished report"
    assert live.exists()


# --- escaping and offline HTML -----------------------------------------------------------------


@pytest.mark.kernel
def test_untrusted_text_cannot_run_as_script(rendered):
    (xss,) = [p for p in rendered.glob(f"{NAME}--model-*.html")]
    page = xss.read_text()
    # the model name flows through a Markdown display, a DataFrame and the two rerun commands; all arrive escaped
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 4
    assert not re.search(r"<script", page, re.I)
    index = (rendered / "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    assert site_scripts(index) == ["search-index.js", "search.js", "quote.js"]  # the site's own files, nothing inline


def site_scripts(page: str) -> list[str]:
    """The src of every script of a page; an inline script counts as ''."""
    return [dict(attrs).get("src") or "" for tag, attrs in Tags.of(page) if tag == "script"]


@pytest.mark.slow
def test_index_escapes_titles_and_parameters(tmp_path):
    (tmp_path / ".cache").mkdir()
    evil = '<img src=x onerror="alert(1)">'
    record = {
        "name": "r",
        "notebook": "nb",
        "path": "01_nb.ipynb",
        "title": evil,
        "params": {"model": evil},
        "given": ["model"],
        "status": "failed",
        "error": evil,
        "cell": 2,
    }
    (tmp_path / ".cache" / "r.json").write_text(json.dumps(record))
    page = pages.write_index(tmp_path).read_text()
    assert "<img" not in page and 'onerror="' not in page
    # the notebook's title, its report's link (the record's own title, here the same) and the parameter and error
    assert page.count("&lt;img src=x onerror=&#34;alert(1)&#34;&gt;") == 4


@pytest.mark.parametrize(
    "fragment, kept, dropped",
    [
        ("<h2>Heading</h2><p>text</p>", "<h2>Heading</h2><p>text</p>", None),
        ("<script>alert(1)</script>after", "after", "alert"),
        ("<style>body{color:red}</style><p style='color:red'>x</p>", "<p>x</p>", "color"),
        ('<p onclick="alert(1)">x</p>', "<p>x</p>", "onclick"),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>", "javascript:"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "<a>x</a>", "data:"),
        ('<a href="https://example.org/source">source</a>', "<a>source</a>", "example.org"),
        ('<a class="anchor-link" href="#Heading">x</a>', 'href="#Heading"', None),
        ('<img src="https://example.org/t.png">', "<img>", "example.org"),
        ('<img src="data:image/png;base64,AAAA" alt="c">', 'src="data:image/png;base64,AAAA"', None),
        ("<table><thead><tr><th>a</th></tr></thead></table>", "<th>a</th>", None),
    ],
)
def test_clean_html_allowlist(fragment, kept, dropped):
    out = html.clean_html(fragment)
    assert kept in out
    assert dropped is None or dropped not in out


@pytest.mark.kernel
def test_reports_load_nothing_from_the_network(rendered):
    pages = list(rendered.glob("*.html"))
    # two reports, the index, the Data and licences page and the month x class table
    assert sorted(p.name for p in pages if "--" not in p.name and p.name != f"{NAME}.html") == [
        "data.html",
        "glossary.html",
        "index.html",
        "month_class.html",
    ]
    assert len(pages) == 6
    scripts = {"index.html": ["search-index.js", "search.js", "quote.js"], "month_class.html": ["table.js", "quote.js"]}
    for page in pages:
        text = page.read_text()
        tags = Tags.of(text)
        assert not [t for t, _ in tags if t in ("iframe", "object", "embed")], page.name
        # scripts: only the front page's search and the table's filter, from the site's own files
        assert site_scripts(text) == scripts.get(page.name, []), page.name
        loads = [v for _, attrs in tags for k, v in attrs if k == "src" and v]
        assert not [u for u in loads if re.match(r"\s*(https?:)?//", u)], page.name
        # links out of the site (navigation, never a load): only the datasets' pages and licences
        links = [v for _, attrs in tags for k, v in attrs if k == "href" and v and re.match(r"\s*(https?:)?//", v)]
        assert all(u in html.SITE_LINKS or markup.POST_URL.fullmatch(u) for u in links), page.name
        assert not re.search(r"@import|url\(\s*[\"']?(?:https?:)?//", text, re.I), page.name
        metas = [dict(a) for tag, a in Tags.of(text) if tag == "meta"]
        (policy,) = [m["content"] for m in metas if m.get("http-equiv") == "Content-Security-Policy"]
        head = text[: text.index("</head>")]
        styles = re.findall(r"<style[^>]*>(.*?)</style>", head, re.S)
        front = page.name in scripts or page.name in (
            "data.html",
            "glossary.html",
        )  # the site's own pages: FRONT_PAGE_POLICY
        assert policy == (html.csp(styles, html.FRONT_PAGE_POLICY) if front else html.csp(styles)), page.name
        assert "unsafe-inline" not in policy and "style-src 'sha256-" in policy
        assert "<style" not in text[text.index("</head>") :], page.name  # outputs bring no style of their own
        assert page.stat().st_size < 1.5e6
    report = (rendered / f"{NAME}.html").read_text()
    images = [dict(a)["src"] for t, a in Tags.of(report) if t == "img"]
    assert images and all(src.startswith("data:image/png;base64,") for src in images)
    # the page's title: the notebook's, then what it counts and its period (params.heading)
    assert "<title>Attack-log rows of one model (renderer test fixture), " in report


@pytest.mark.slow
def test_ctrl_c_leaves_reports_whole_and_the_next_run_completes(tmp_path, runtime):
    """A real `uawar render` interrupted like a terminal's Ctrl-C (SIGINT to its process group)."""
    import signal

    out = tmp_path / "out"
    out.mkdir()
    names = ["interception_rates", "air_attack_volumes", "claims_check"]
    for name in names:
        (out / f"{name}.html").write_text("<html>the previous report</html>")
    cmd = [str(Path(sys.executable).parent / "uawar"), "render", *names, "--out", str(out), "--jobs", "1"]
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime)},  # its kernels' files, apart from others'
    )
    first = proc.stdout.readline()  # "[1/3] ok ..." once the first report is written
    # the first kernel's files went as it shut down, before its report was written: any kernel file is the second's
    wait_until(lambda: list(runtime.glob("kernel-uawar-*.json")), 120, "the second report's kernel to start")
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.wait(timeout=60) == 130, first
    for name in names:
        text = (out / f"{name}.html").read_text()
        assert text == "<html>the previous report</html>" or text.rstrip().endswith("</html>") and len(text) > 1e5
    assert sum((out / f"{n}.html").read_text() != "<html>the previous report</html>" for n in names) >= 1
    again = subprocess.run(cmd, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "failed 0" in again.stdout
    assert not [p for p in out.rglob("*") if ".tmp" in p.name]
    assert all((out / f"{n}.html").stat().st_size > 1e5 for n in names)
