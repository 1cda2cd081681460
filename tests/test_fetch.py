"""`uawar data fetch` against a real HTTP server on loopback that plays GitHub and the Kaggle API."""

import base64
import datetime
import hashlib
import io
import json
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from uawar import sources
from uawar.cli import main

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


def fetch(raw: Path, *extra: str) -> int:
    return main(["data", "fetch", "--raw", str(raw), *extra])


def leftovers(raw: Path) -> list[str]:
    """Anything in raw that is not a finished file or its origin record."""
    allowed = {*JSONS, *CSVS} | {f"{n}.origin.json" for n in (*JSONS, *CSVS)}
    return sorted(p.name for p in raw.iterdir() if p.name not in allowed)


def test_full_fetch_gives_the_upstream_bytes_and_their_origin(upstream, token, tmp_path, raw_dir, capsys):
    raw = tmp_path / "raw"
    assert fetch(raw, "--kaggle-json", str(token)) == 0
    for name in (*JSONS, *CSVS):
        expected = (raw_dir / name).read_bytes()
        got = (raw / name).read_bytes()
        assert hashlib.sha256(got).hexdigest() == hashlib.sha256(expected).hexdigest(), name
        record = json.loads((raw / f"{name}.origin.json").read_text())
        assert record["sha256"] == hashlib.sha256(expected).hexdigest()
        assert record["bytes"] == len(expected)
        assert record["accessed"] == datetime.date.today().isoformat()
        if name in JSONS:
            assert record["url"] == upstream.url + GITHUB_PREFIX + name
            assert record["licence"] == "MIT"
            assert "2022 Ukraine Russia War Dataset" in record["citation"]
        else:
            assert record["url"] == upstream.url + KAGGLE_PATH
            assert record["licence"] == "CC-BY-NC-SA-4.0"
            assert "Massive Missile Attacks on Ukraine" in record["citation"]
    # The SOURCES.md checksum of the attack log, typed in by hand.
    assert json.loads((raw / "missile_attacks_daily.csv.origin.json").read_text())["sha256"] == (
        "7d594ff66c8cbaf3801d57f42b9f175a70178d890cf369364b2db467b16f01cd"
    )
    assert leftovers(raw) == []
    assert "fetched" in capsys.readouterr().out

    # A second fetch writes the same origin records byte for byte (fixed key order).
    before = {n: (raw / f"{n}.origin.json").read_bytes() for n in (*JSONS, *CSVS)}
    assert fetch(raw, "--kaggle-json", str(token)) == 0
    assert before == {n: (raw / f"{n}.origin.json").read_bytes() for n in (*JSONS, *CSVS)}


def test_fetched_files_build_like_the_shared_copies(upstream, token, tmp_path, raw_dir):
    raw = tmp_path / "raw"
    assert fetch(raw, "--kaggle-json", str(token)) == 0
    fetched, shared = tmp_path / "from_fetch", tmp_path / "from_shared"
    assert main(["data", "build", "--raw", str(raw), "--data-dir", str(fetched)]) == 0
    assert main(["data", "build", "--raw", str(raw_dir), "--data-dir", str(shared)]) == 0
    for name in ("air_attacks.csv", "personnel_losses.csv"):
        assert (fetched / "processed" / name).read_bytes() == (shared / "processed" / name).read_bytes()


def test_redirect_to_storage_on_another_host(upstream, token, tmp_path, raw_dir):
    # The Kaggle API answers with a redirect to a signed storage URL that needs no token.
    upstream.files["/storage/archive.zip"] = zipped(raw_dir)
    upstream.broken[KAGGLE_PATH] = upstream.url.replace("127.0.0.1", "localhost") + "/storage/archive.zip"
    raw = tmp_path / "raw"
    assert fetch(raw, "--kaggle-json", str(token)) == 0
    assert (raw / CSVS[0]).read_bytes() == (raw_dir / CSVS[0]).read_bytes()
    assert json.loads((raw / f"{CSVS[0]}.origin.json").read_text())["url"] == upstream.url + KAGGLE_PATH


def test_token_from_the_environment(upstream, tmp_path, monkeypatch):
    monkeypatch.setenv("KAGGLE_USERNAME", USER)
    monkeypatch.setenv("KAGGLE_KEY", KEY)
    raw = tmp_path / "raw"
    assert fetch(raw) == 0
    assert (raw / "missile_attacks_daily.csv").is_file()


def test_token_from_the_home_folder(upstream, token, tmp_path):
    (tmp_path / "home" / ".kaggle").mkdir(parents=True)
    token.rename(tmp_path / "home" / ".kaggle" / "kaggle.json")
    raw = tmp_path / "raw"
    assert fetch(raw) == 0
    assert (raw / "missiles_and_uavs.csv").is_file()


def test_without_a_token_it_says_what_to_put_where(upstream, tmp_path, capsys):
    raw = tmp_path / "raw"
    assert fetch(raw) == 3
    err = capsys.readouterr().err
    assert "no Kaggle API token" in err
    assert "missile_attacks_daily.csv" in err
    assert str((raw / "missile_attacks_daily.csv").resolve()) in err
    assert str((raw / "missiles_and_uavs.csv").resolve()) in err
    assert "https://www.kaggle.com/datasets/piterfm/massive-missile-attacks-on-ukraine" in err
    assert "russia_losses_personnel.json" not in err  # that one came
    for name in JSONS:
        assert (raw / name).is_file() and (raw / f"{name}.origin.json").is_file()
    assert not (raw / "missile_attacks_daily.csv").exists()
    assert leftovers(raw) == []


def test_wrong_token_is_refused_clearly(upstream, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"username": USER, "key": "wrong"}))
    raw = tmp_path / "raw"
    assert fetch(raw, "--kaggle-json", str(bad)) == 3
    err = capsys.readouterr().err
    assert "Kaggle refused the token (HTTP 401" in err
    assert str((raw / "missile_attacks_daily.csv").resolve()) in err
    assert not (raw / "missile_attacks_daily.csv").exists()
    assert leftovers(raw) == []


@pytest.mark.parametrize("content", ['{"username": "x"}', "not json", None])
def test_unusable_token_file_is_named(upstream, tmp_path, capsys, content):
    path = tmp_path / "kaggle.json"
    if content is not None:
        path.write_text(content)
    assert fetch(tmp_path / "raw", "--kaggle-json", str(path)) == 3
    assert str(path) in capsys.readouterr().err


def test_server_gone_leaves_old_files_and_no_partial_ones(upstream, token, tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / JSONS[0]).write_text("an older download\n")
    upstream.shutdown()
    upstream.server_close()  # nothing listens on the port any more: connection refused
    assert fetch(raw, "--kaggle-json", str(token)) == 3
    err = capsys.readouterr().err
    assert "cannot connect to" in err
    for name in (*JSONS, *CSVS):
        assert name in err and str((raw / name).resolve()) in err
    assert sources.GITHUB_RAW_BASE not in err  # the overridden base, not the default
    assert (raw / JSONS[0]).read_text() == "an older download\n"
    assert sorted(p.name for p in raw.iterdir()) == [JSONS[0]]


def test_not_found(upstream, token, tmp_path, capsys):
    upstream.broken[GITHUB_PREFIX + JSONS[1]] = 404
    raw = tmp_path / "raw"
    assert fetch(raw, "--kaggle-json", str(token)) == 3
    err = capsys.readouterr().err
    assert f"not found at {upstream.url}{GITHUB_PREFIX}{JSONS[1]} (HTTP 404" in err
    assert str((raw / JSONS[1]).resolve()) in err
    assert not (raw / JSONS[1]).exists() and not (raw / f"{JSONS[1]}.origin.json").exists()
    assert (raw / JSONS[0]).is_file() and (raw / CSVS[0]).is_file()
    assert leftovers(raw) == []


def test_truncated_transfer_leaves_no_partial_file(upstream, token, tmp_path, capsys):
    upstream.broken[GITHUB_PREFIX + JSONS[0]] = "truncated"
    raw = tmp_path / "raw"
    assert fetch(raw, "--kaggle-json", str(token)) == 3
    assert JSONS[0] in capsys.readouterr().err
    assert not (raw / JSONS[0]).exists()
    assert leftovers(raw) == []


@pytest.mark.parametrize(
    "body, message",
    [
        (b"<html>Sign in</html>", "is not a zip archive"),
        ("one member", "lacks missiles_and_uavs.csv"),
    ],
)
def test_unexpected_archive(upstream, token, tmp_path, raw_dir, capsys, body, message):
    if body == "one member":
        body = zipped(raw_dir, CSVS[:1])
    upstream.broken[KAGGLE_PATH] = body
    raw = tmp_path / "raw"
    assert fetch(raw, "--kaggle-json", str(token)) == 3
    assert message in capsys.readouterr().err
    assert not any((raw / n).exists() for n in CSVS)
    assert leftovers(raw) == []


def test_destination_that_is_not_a_folder(upstream, token, tmp_path, capsys):
    not_a_folder = tmp_path / "raw"
    not_a_folder.write_text("a file")
    assert fetch(not_a_folder, "--kaggle-json", str(token)) == 3
    assert f"cannot create the folder {not_a_folder}" in capsys.readouterr().err
