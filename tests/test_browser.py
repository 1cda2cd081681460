"""The report site in a real browser: Debian's chromium, driven by Playwright, over loopback HTTP.

Renders two real reports into a temporary folder, opens the index, follows every link and checks
each page: its title, that every image loaded, no console error, and no request left loopback.
Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import json
import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest

from uawar import cli, config

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
REPORTS = ("interception_rates--2025-06", "air_attack_volumes")


def notebook_title(notebook: str) -> str:
    """The first `# ` heading of the notebook, read here from the file itself."""
    (path,) = config.NOTEBOOKS_DIR.glob(f"[0-9][0-9]_{notebook}.ipynb")
    for cell in json.loads(path.read_text())["cells"]:
        for line in "".join(cell["source"]).splitlines():
            if cell["cell_type"] == "markdown" and line.startswith("# "):
                return line[2:].strip()
    raise AssertionError(f"{path} has no title")


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="module")
def site(tmp_path_factory, chromium) -> str:
    out = tmp_path_factory.mktemp("reports")
    assert cli.main(["render", *REPORTS, "--out", str(out), "--jobs", "2"]) == 0

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_every_page_loads_offline_with_its_images(site, chromium, tmp_path):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(chromium), headless=True, args=ARGS
        )
        try:
            browser.on("request", lambda r: requests.append(r.url))
            page = browser.new_page()
            page.on("console", lambda m: m.type == "error" and problems.append(f"{page.url}: console: {m.text}"))
            page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))

            assert page.goto(site + "index.html").ok
            assert page.title() == "uawar reports"
            page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
            links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
            assert sorted(links) == sorted(f"{site}{name}.html" for name in REPORTS)

            for link in links:
                name = Path(urlparse(link).path).stem
                assert page.goto(link).ok, link
                page.wait_for_load_state("load")
                notebook, _, label = name.partition("--")
                expected = notebook_title(notebook) + (f" ({label})" if label else "")
                assert page.title() == expected
                images = page.eval_on_selector_all("img", "imgs => imgs.map(i => [i.complete, i.naturalWidth])")
                assert images, f"{name}: no chart"
                assert all(done and width > 0 for done, width in images), f"{name}: an image did not load"
                page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
                # the report's own links within the site resolve (the way back to the index)
                for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
                    target = urldefrag(href).url
                    if target.startswith(site) and target != link:
                        assert page.request.get(target).ok, f"{name}: broken link {href}"
        finally:
            browser.close()
    assert problems == []
    left = [u for u in requests if not (u.startswith(site) or u.startswith("data:"))]
    assert left == [], "requests left loopback"
    assert any(u.endswith(f"{REPORTS[0]}.html") for u in requests)  # the recorder saw the pages
