"""The report site in a real browser (Debian's chromium, driven by Playwright), over file:// and over a
loopback HTTP server: the front page, navigation, search, downloads, the dark theme, accessibility.

One small site is rendered once per session: a two-month sweep of the interception rates and one
report of every other notebook. Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import io
import json
import os
import re
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

from uawar import config

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = config.PROJ_ROOT / "test-artifacts" / "browser"
SWEEP = ("interception_rates--2025-05", "interception_rates--2025-06")
CATALOGUE = """
reports:
  - name: sweep
    notebook: interception_rates
    sweep:
      months: [2025-05, 2025-06]
"""


def notebook_title(notebook: str) -> str:
    """The first `# ` heading of the notebook, read here from the file itself."""
    (path,) = config.NOTEBOOKS_DIR.glob(f"[0-9][0-9]_{notebook}.ipynb")
    for cell in json.loads(path.read_text())["cells"]:
        for line in "".join(cell["source"]).splitlines():
            if cell["cell_type"] == "markdown" and line.startswith("# "):
                return line[2:].strip()
    raise AssertionError(f"{path} has no title")


def short_title(notebook: str) -> str:
    """The notebook's title before its colon: how each report's own title begins (uawar.params.heading)."""
    return notebook_title(notebook).split(":")[0].strip()


def notebooks() -> list[str]:
    return sorted(re.sub(r"^\d+_", "", p.stem) for p in config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, chromium) -> Path:
    from uawar.site import batch, catalogue

    out = tmp_path_factory.mktemp("reports")
    cat = out.parent / "catalogue.yaml"
    cat.write_text(CATALOGUE)
    others = [nb for nb in notebooks() if nb != "interception_rates"]
    reports = catalogue.select(["sweep", *others], catalogue=cat)
    outcome = batch.render(reports, out=out, jobs=2)
    assert outcome.exit_code == 0, outcome.failed
    ukrainian = batch.render(reports, out=out, jobs=2, lang="uk")  # the notebooks that have a Ukrainian catalogue
    assert ukrainian.exit_code == 0 and "casualty_ratios" in ukrainian.rendered, ukrainian.failed
    return out


@pytest.fixture(scope="session")
def http_root(site_dir):
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["file", "http"])
def root(request, site_dir) -> str:
    return site_dir.as_uri() + "/" if request.param == "file" else request.getfixturevalue("http_root")


@pytest.fixture
def browser(chromium, tmp_path, root):
    """A page in a fresh profile, recording every request, console error and page error."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    seen: dict[str, list[str]] = {"requests": [], "problems": []}
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(chromium), headless=True, args=ARGS, accept_downloads=True
        )
        context.on("request", lambda r: seen["requests"].append(r.url))
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and seen["problems"].append(f"{page.url}: console: {m.text}"))
        page.on("pageerror", lambda e: seen["problems"].append(f"{page.url}: {e}"))
        try:
            yield page, seen
        finally:
            context.close()
    assert seen["problems"] == []
    left = [u for u in seen["requests"] if not (u.startswith(root) or u.startswith("data:"))]
    assert left == [], "requests left the site"


def images_loaded(page) -> None:
    images = page.eval_on_selector_all("img", "imgs => imgs.map(i => [i.src.slice(0, 60), i.complete, i.naturalWidth])")
    assert images
    assert [i for i in images if not (i[1] and i[2] > 0)] == []


def test_front_page_report_back_and_next_of_a_sweep(browser, root):
    page, _ = browser
    page.goto(root + "index.html")
    assert page.title() == "uawar reports"
    images_loaded(page)
    page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
    page.click(f"table.grid a[href='{SWEEP[0]}.html']")
    # the title says what the page counts: a monthly page counts Shahed-type drones only
    shahed = "Shahed-type drones only (decoys counted with them), nationwide reports"
    assert page.title() == f"{short_title('interception_rates')}: {shahed}, May 2025"
    assert page.locator("h1").first.inner_text().startswith(f"{short_title('interception_rates')}: {shahed}, May 2025")
    images_loaded(page)
    page.go_back()
    assert page.title() == "uawar reports"
    page.click(f"table.grid a[href='{SWEEP[0]}.html']")
    page.click("a[rel=next]")
    assert page.url.endswith(f"{SWEEP[1]}.html")
    assert page.title() == f"{short_title('interception_rates')}: {shahed}, June 2025"
    assert page.locator("a[rel=prev]").get_attribute("href") == f"{SWEEP[0]}.html"
    assert page.locator("a[rel=next]").count() == 0  # the last month of the sweep


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a model: the largest nights of the volumes report name it (air_attack_volumes defaults)
        ("Shahed-136/131", "air_attack_volumes"),
        # a date: the claims-check news report of 2025-06-12 (data/claims.csv)
        ("2025-06-12", "claims_check"),
    ],
)
def test_search_finds_a_model_and_a_date_and_opens_the_hit(browser, root, query, expected):
    page, _ = browser
    page.goto(root + "index.html")
    page.fill("#search-box", query)
    hits = page.locator("#search-results a")
    hits.first.wait_for()
    names = [Path(h).stem for h in hits.evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    assert expected in names
    page.click(f"#search-results a[href='{expected}.html']")
    assert page.title().startswith(short_title(expected) + ": ")  # then what it counts, and its period


def fetch(page, selector: str) -> str:
    """Click a download link; the file's text. Over HTTP the browser downloads it. From file:// Chromium
    ignores the `download` attribute (each file is its own origin): it downloads a CSV but shows a
    notebook (JSON) as text, which a reader saves from there."""
    from playwright.sync_api import TimeoutError as Timeout

    href = page.locator(selector).get_attribute("href")
    try:
        with page.expect_download(timeout=5000) as got:
            page.click(selector)
        return Path(got.value.path()).read_text()
    except Timeout:
        assert page.url.startswith("file:") and page.url.endswith(f"/{href}"), page.url
        text = page.inner_text("body")
        page.go_back()
        return text


def test_downloads_a_charts_csv_and_the_notebook(browser, root):
    page, _ = browser
    page.goto(root + f"{SWEEP[1]}.html")
    table = pd.read_csv(io.StringIO(fetch(page, "figure#chart-1 a[download]")))
    assert table.loc[0, "bar"] == "shahed drone, 2025-06-01 to 2025-06-30"
    nb = json.loads(fetch(page, ".uawar-rerun a[download]"))
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert 'start = "2025-06-01"' in "".join(injected[0]["source"])
    assert any(o.get("output_type") == "display_data" for c in nb["cells"] for o in c.get("outputs", []))


def test_dark_theme_follows_the_system(browser, root):
    page, _ = browser
    for name in ("index", SWEEP[0]):
        page.goto(root + f"{name}.html")
        page.emulate_media(color_scheme="light")
        light = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.emulate_media(color_scheme="dark")
        dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert light == "rgb(255, 255, 255)" and dark == "rgb(21, 23, 26)", (name, light, dark)
        page.screenshot(path=str(ARTIFACTS / f"{name}-dark.png"), full_page=False)
        if name != "index":  # charts keep a white ground in the dark theme: their colours are drawn for it
            ground = page.evaluate("getComputedStyle(document.querySelector('figure.uawar-chart img')).backgroundColor")
            assert ground == "rgb(255, 255, 255)"
    # printed: no navigation, each chart kept whole on a page
    page.emulate_media(media="print", color_scheme="light")
    assert page.locator("nav.uawar-sections").is_hidden() and page.locator("nav.uawar-related").is_hidden()
    keep = page.evaluate("getComputedStyle(document.querySelector('figure.uawar-chart')).breakInside")
    assert keep == "avoid"


@pytest.mark.parametrize("root", ["http"], indirect=True)
def test_no_serious_or_critical_accessibility_violation(browser, root, site_dir):
    """axe-core (shipped inside axe-playwright-python) on the front page and one report of each
    notebook, in the light and the dark theme."""
    from axe_playwright_python.sync_playwright import Axe

    page, _ = browser
    axe = Axe()
    names = ["index"] + [nb if (site_dir / f"{nb}.html").is_file() else SWEEP[0] for nb in notebooks()]
    found = {}
    for name in names:
        page.goto(root + f"{name}.html")
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            violations = axe.run(page).response["violations"]
            bad = [
                (v["id"], v["impact"], v["nodes"][0]["target"])
                for v in violations
                if v["impact"] in ("serious", "critical")
            ]
            if bad:
                found[f"{name} ({scheme})"] = bad
    assert found == {}


def test_each_charts_csv_reproduces_the_figures_printed_beside_it(site_dir):
    """The decomposition chart of June 2025: its caption (the chart's title, printed beside it) states
    the launched total, the share shot down and the unaccounted count; its CSV, read back with pandas,
    gives the same figures."""
    page = (site_dir / f"{SWEEP[1]}.html").read_text()
    caption = re.search(
        r"Chart 1: Reported fate of ([\d,]+) launched \(shahed drone\): (\d+)% shot down, ([\d,]+) unaccounted", page
    )
    assert caption, "no caption of chart 1"
    launched, shot_down, unaccounted = (int(g.replace(",", "")) for g in caption.groups())
    table = pd.read_csv(site_dir / f"{SWEEP[1]}--chart-1.csv")
    row = table.iloc[0]
    assert row["bar"] == "shahed drone, 2025-06-01 to 2025-06-30"
    assert row["launched"] == launched and row["unaccounted"] == unaccounted
    assert round(100 * row["destroyed"] / row["launched"]) == shot_down == round(100 * row["destroyed_share"])
    assert row[["destroyed", "suppressed", "still_attacking", "crossed_border", "unaccounted"]].sum() == launched
    # the monthly rate chart: its title's rate, from the CSV
    rate = re.search(r"Chart 2: Monthly reported share shot down, shahed drone: (\d+)%", page)
    monthly = pd.read_csv(site_dir / f"{SWEEP[1]}--chart-2.csv")
    assert list(monthly["month"]) == ["2025-06-01"]
    assert round(100 * monthly["kinetic_rate"][0]) == int(rate.group(1))


PHONE_CHECK = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 9) small.push([el.tagName, size, node.textContent.trim().slice(0, 40)]);
  }
  const charts = Array.from(document.querySelectorAll("figure.uawar-chart img")).map(i => ({
    natural: i.naturalWidth, shown: i.getBoundingClientRect().width, textPx: parseFloat(i.dataset.textPx),
    narrow: i.currentSrc === i.parentElement.querySelector("source").srcset,
    scrolls: i.closest("figure").scrollWidth > i.closest("figure").clientWidth}));
  return {width: document.documentElement.scrollWidth, small: small, charts: charts};
}"""


def test_a_phone_scrolls_no_page_sideways_and_reads_every_chart(browser, root, site_dir):
    """At 390x844: no page wider than the screen (a wide table scrolls in its own box), no text under 9 px, and
    every chart shown in its rendition for a phone, whole (no scrolling), its smallest text 9 px or more as shown:
    the text's size on the image (its smallest font, data-text-px) times the image's shown over its natural width."""
    page, _ = browser
    page.set_viewport_size({"width": 390, "height": 844})
    names = ["index", "month_class", "data"] + sorted(p.stem for p in site_dir.glob("*.html") if "--" in p.stem)
    names += [nb for nb in notebooks() if (site_dir / f"{nb}.html").is_file()]
    seen = {}
    for name in names:
        page.goto(root + f"{name}.html")
        found = page.evaluate(PHONE_CHECK)
        seen[name] = found
        assert found["width"] <= 390, (name, found["width"])
        assert found["small"] == [], name
        for chart in found["charts"]:
            assert chart["narrow"] and not chart["scrolls"], (name, chart)
            assert chart["textPx"] * chart["shown"] / chart["natural"] >= 9, (name, chart)
    assert sum(len(f["charts"]) for f in seen.values()) >= 5  # the reports' charts were measured
    page.goto(root + "index.html")
    page.screenshot(path=str(ARTIFACTS / "phone-index.png"), full_page=True)


def test_the_month_class_table_filters_and_sorts_with_its_own_script(browser, root):
    page, seen = browser
    page.goto(root + "month_class.html")
    total = page.locator("#month-class tbody tr").count()
    assert total > 100
    page.select_option("#filter-class", "ballistic_missile")
    page.fill("#filter-from", "2025-01")
    page.fill("#filter-to", "2025-12")
    visible = page.locator("#month-class tbody tr:not([hidden])")
    assert visible.count() == 12  # ballistic missiles were reported in every month of 2025
    assert page.locator("#filter-status").inner_text() == f"12 of {total} rows shown."
    months = [r.get_attribute("data-month") for r in visible.all()]
    assert months == [f"2025-{m:02d}" for m in range(1, 13)]
    page.click("#month-class thead button:text('launched')")
    page.click("#month-class thead button:text('launched')")  # twice: the largest first
    first = page.locator("#month-class tbody tr:not([hidden])").first
    assert first.get_attribute("data-month") == "2025-10"  # 101 ballistic missiles, the most of 2025
    assert [u for u in seen["requests"] if u.endswith("table.js")]


def test_search_matches_months_as_phrases_and_says_what_the_site_does_not_hold(browser, root):
    page, _ = browser
    page.goto(root + "index.html")
    page.fill("#search-box", "March 2026")
    hits = page.locator("#search-results li")
    hits.first.wait_for()
    links = [
        Path(h).stem
        for h in page.locator("#search-results a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    ]
    assert "month_class" in links
    # each hit shows its own sentence holding the phrase, never March 2025's
    snippets = page.locator("#search-results p").all_inner_texts()
    assert all("march 2026" in s.lower() for s in snippets), snippets
    table_hit = snippets[links.index("month_class")]
    assert "March 2026 (2026-03)" in table_hit and "March 2025" not in table_hit
    page.fill("#search-box", "Bakhmut")
    status = page.locator("#search-status")
    assert status.inner_text().startswith("Nothing matches \u201cBakhmut\u201d.")
    assert "no city, region or target" in status.inner_text()
    assert page.locator("#search-results li").count() == 0


def open_quote(page, url: str, box: str):
    """Open the quote box `box` (a finding's or a key figure's) of the page at `url`: the box and its text."""
    page.goto(url)
    found = page.locator(f"#{box}")
    found.locator("summary").click()
    return found, found.locator(".quote-text").inner_text()


def test_a_finding_has_a_quote_box_with_its_caveat_and_a_copy_button(browser, root):
    page, _ = browser
    card, quote = open_quote(page, root + "index.html", "finding-1")
    assert quote.startswith("Air Force of the Armed Forces of Ukraine (reports of ")
    assert "Compiled by P. Ivaniuk, \u201cMassive Missile Attacks on Ukraine\u201d" in quote
    assert "NonCommercial" in quote and "Caveat: Launched counts Shahed-type drones together with the decoys" in quote
    assert quote.endswith("index.html#finding-1")
    button = card.locator("button[data-copy]")
    assert button.is_visible()  # quote.js shows it
    card.locator("a[href='glossary.html#decoys']").click()
    assert page.url.endswith("glossary.html#decoys") and page.locator("#decoys").is_visible()


def test_a_reports_key_figure_has_its_quote_box_without_a_script(browser, root):
    page, seen = browser
    figure, quote = open_quote(page, root + "casualty_ratios.html", "figure-1")
    assert quote.startswith("General Staff of the Armed Forces of Ukraine (2026-08-08): General Staff of the Armed")
    assert "about 1,456,610 Russian casualties (killed and wounded; a claimed figure, not deaths)" in quote
    assert (
        "Compiled by P. Ivaniuk, \u201c2022 Ukraine Russia War Dataset\u201d (MIT License). Data to 2026-08-08."
        in quote
    )
    assert "Caveat: The General Staff's claim about the enemy's losses" in quote
    assert quote.endswith("casualty_ratios.html#figure-1")
    assert figure.locator("button").count() == 0  # reports run no script: the text is selectable
    assert not [u for u in seen["requests"] if u.endswith(".js")]
    figure.locator("a[href='glossary.html#casualties']").click()
    assert page.url.endswith("glossary.html#casualties")


def test_the_language_switch_leads_to_the_same_report_and_back(browser, root):
    page, _ = browser
    page.goto(root + "casualty_ratios.html")
    assert page.locator("html").get_attribute("lang") == "en"
    parameters = page.locator("td code").all_inner_texts()  # the footer's parameters and data tables
    page.click("li.uawar-lang a[hreflang=uk]")
    assert page.url.endswith("/uk/casualty_ratios.html")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator("td code").all_inner_texts() == parameters  # the same report, the same parameters
    assert page.locator("h2", has_text="Ключові числа").count() == 1
    images_loaded(page)
    page.screenshot(path=str(ARTIFACTS / "uk-casualty_ratios.png"), full_page=True)
    page.click("li.uawar-lang a[hreflang=en]")
    assert page.url.endswith("/casualty_ratios.html") and "/uk/" not in page.url
    page.goto(root + "uk/index.html")
    assert page.title() == "Звіти uawar"
    page.click("li.uawar-lang a[hreflang=en]")
    assert page.title() == "uawar reports"


def test_ukrainian_search_finds_its_report_with_a_cyrillic_query(browser, root):
    page, _ = browser
    page.goto(root + "uk/index.html")
    page.fill("#search-box", "особовому складі")
    hits = page.locator("#search-results a")
    hits.first.wait_for()
    names = [Path(h).stem for h in hits.evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    assert "casualty_ratios" in names
    assert "особовому складі" in page.inner_text("#search-results")  # the hit's own sentence
    # a month in a Ukrainian date is one term: "серпня 2026" (the genitive of a date) as a phrase
    page.fill("#search-box", "серпня 2026")
    page.locator("#search-results a").first.wait_for()
    page.fill("#search-box", "жодногослованемає")
    assert page.inner_text("#search-status").startswith("Нічого не знайдено за запитом")
    page.fill("#search-box", "особовому складі")
    page.locator("#search-results a[href='casualty_ratios.html']").first.click()
    assert page.url.endswith("/uk/casualty_ratios.html")
