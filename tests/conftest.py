import base64
import io
import json
import shutil
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TypeVar

import pandas as pd
import pytest

from uawar import config, exports

T = TypeVar("T")


def wait_until(predicate: Callable[[], T], timeout: float, what: str) -> T:
    """Poll `predicate` until it returns something true, and return that; after `timeout` seconds fail,
    naming `what` was awaited. Tests wait on a condition, never a fixed time: a loaded machine is slow."""
    deadline = time.monotonic() + timeout
    while not (found := predicate()):
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:g} s for {what}")
        time.sleep(0.05)
    return found


@pytest.fixture
def runtime():
    """A Jupyter runtime folder of a short path (a kernel's socket path must fit in 107 bytes), for a
    render started as a subprocess, so that the kernel files in it are that render's."""
    folder = Path(tempfile.mkdtemp(prefix="uawar-rt-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def raw_dir(tmp_path_factory) -> Path:
    """One folder holding every raw file the build reads, copied from the repository's newest exports
    (data/raw/<dataset>/<export>/); tests must not write into it (`raw_copy` is theirs to change)."""
    dest = tmp_path_factory.mktemp("raw")
    for name, path in exports.newest_files().items():
        shutil.copyfile(path, dest / name)
    return dest


@pytest.fixture
def raw_copy(tmp_path, raw_dir) -> Path:
    """A writable copy of `raw_dir`."""
    return Path(shutil.copytree(raw_dir, tmp_path / "raw"))


# --- a loopback server that plays GitHub and the Kaggle API (`uawar data fetch`, `update`) ---------

JSONS = ("russia_losses_personnel.json", "russia_losses_equipment.json")
CSVS = ("missile_attacks_daily.csv", "missiles_and_uavs.csv")
GITHUB_PREFIX = "/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset/main/data/"
KAGGLE_PATH = "/api/v1/datasets/download/piterfm/massive-missile-attacks-on-ukraine"
USER, KEY = "analyst", "s3cret-key"


class Upstream(ThreadingHTTPServer):
    """Serves `files` at their URL paths; `broken` maps a path to a fault: 404, 'truncated' (sends
    half the body under the full Content-Length), a URL to redirect to, or bytes to send instead."""

    def __init__(self, files: dict[str, bytes]):
        super().__init__(("127.0.0.1", 0), Handler)
        self.files = files
        self.broken: dict[str, object] = {}
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        path, server = self.path, self.server
        expected = "Basic " + base64.b64encode(f"{USER}:{KEY}".encode()).decode()
        if path == KAGGLE_PATH and self.headers.get("Authorization") != expected:
            return self._send(
                401, b'{"code":401,"message":"Unauthenticated"}', {"WWW-Authenticate": 'Basic realm="kaggle"'}
            )
        fault = server.broken.get(path)
        if isinstance(fault, str) and fault.startswith("http"):  # as Kaggle, which redirects to storage
            return self._send(302, b"", {"Location": fault})
        if fault == 404 or path not in server.files:
            return self._send(404, b"404: Not Found")
        body = server.files[path]
        if fault == "truncated":
            return self._send(200, body[: len(body) // 2], {"Content-Length": str(len(body))})
        return self._send(200, fault if isinstance(fault, bytes) else body)

    def _send(self, status, body, headers=None):
        headers = {"Content-Length": str(len(body)), **(headers or {})}
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep the test output quiet
        pass


def zipped(raw_dir: Path, names=CSVS) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            z.write(raw_dir / name, arcname=name)
    return buf.getvalue()


@pytest.fixture
def upstream(raw_dir, monkeypatch, tmp_path):
    files = {GITHUB_PREFIX + name: (raw_dir / name).read_bytes() for name in JSONS}
    files[KAGGLE_PATH] = zipped(raw_dir)
    server = Upstream(files)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("UAWAR_GITHUB_RAW_BASE", server.url)
    monkeypatch.setenv("UAWAR_KAGGLE_API_BASE", server.url + "/api/v1")
    # No token unless a test provides one: not the user's, not from the environment.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for var in ("KAGGLE_USERNAME", "KAGGLE_KEY", "KAGGLE_CONFIG_DIR"):
        monkeypatch.delenv(var, raising=False)
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def token(tmp_path) -> Path:
    path = tmp_path / "kaggle.json"
    path.write_text(json.dumps({"username": USER, "key": KEY}))
    return path


@pytest.fixture(scope="module")
def raw_csv():
    """The processed attack log read with plain pandas, not through uawar.data."""
    df = pd.read_csv(config.PROCESSED_DIR / "air_attacks.csv", keep_default_na=False, na_values=[""])
    df["report_date"] = pd.to_datetime(df["report_date"])
    return df
