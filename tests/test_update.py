"""`uawar data update` and `uawar data add` end to end, in a copy of the repository's data, notebooks and
docs (UAWAR_ROOT), against the loopback server of conftest playing GitHub and the Kaggle API."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import CSVS, GITHUB_PREFIX, JSONS, KAGGLE_PATH, KEY, USER, zipped

from uawar import config

LOG, LOSSES = "massive-missile-attacks-on-ukraine", "2022-ukraine-russia-war-dataset"


@pytest.fixture
def root(tmp_path) -> Path:
    """What a clone holds of data, notebooks and docs, with no rendered site."""
    dest = tmp_path / "clone"
    for part in ("data", "notebooks", "docs"):
        shutil.copytree(config.PROJ_ROOT / part, dest / part)
    return dest


def newer(raw_dir: Path, tmp_path: Path) -> Path:
    """A newer export of both datasets, made by hand: the attack log with one more night (the newest
    row again, a day later, as the export's first row), the loss series with one more day."""
    dest = tmp_path / "newer"
    dest.mkdir()
    header, first, rest = (raw_dir / CSVS[0]).read_text(encoding="utf-8").split("\n", 2)
    later = first.replace("2026-06-07", "2026-06-08").replace("2026-06-06", "2026-06-07")
    (dest / CSVS[0]).write_text("\n".join([header, later, first, rest]), encoding="utf-8")
    records = json.loads((raw_dir / JSONS[0]).read_text(encoding="utf-8"))
    records.append({"date": "2026-08-09", "day": 1628, "personnel": 1457610, "personnel*": "about"})
    (dest / JSONS[0]).write_text(json.dumps(records, indent=4), encoding="utf-8")
    for name in (CSVS[1], JSONS[1]):
        shutil.copyfile(raw_dir / name, dest / name)
    return dest


def uawar(root: Path, server, *args: str) -> subprocess.CompletedProcess:
    runtime = tempfile.mkdtemp(prefix="uawar-rt-")  # the kernels' sockets: a short path (a socket's is capped)
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": runtime,
        "UAWAR_ROOT": str(root),
        "UAWAR_GITHUB_RAW_BASE": server.url,
        "UAWAR_KAGGLE_API_BASE": server.url + "/api/v1",
        "KAGGLE_USERNAME": USER,
        "KAGGLE_KEY": KEY,
    }
    try:
        return subprocess.run(
            [sys.executable, "-m", "uawar", *args], env=env, capture_output=True, text=True, timeout=600, cwd=root
        )
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


def serve(server, folder: Path) -> None:
    for name in JSONS:
        server.files[GITHUB_PREFIX + name] = (folder / name).read_bytes()
    server.files[KAGGLE_PATH] = zipped(folder)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the clone's data/ and docs/, by path."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for part in ("data", "docs")
        for p in sorted((root / part).rglob("*"))
        if p.is_file()
    }


@pytest.mark.kernel
def test_update_adds_the_newer_exports_rebuilds_and_renders_what_changed(upstream, root, raw_dir, tmp_path):
    # A site of one report, rendered before the update.
    first = uawar(root, upstream, "render", "export_changes")
    assert first.returncode == 0, first.stdout + first.stderr
    page = root / "reports" / "export_changes.html"
    before = page.read_bytes()

    serve(upstream, newer(raw_dir, tmp_path))
    done = uawar(root, upstream, "data", "update")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    raw = root / "data" / "raw"
    assert f"added {raw / LOG / '2026-06-08'} (the previous export: {LOG}/2026-06-07)" in out
    assert f"added {raw / LOSSES / '2026-08-09'} (the previous export: {LOSSES}/2026-08-08)" in out
    assert "1 added, 0 removed, 0 changed (3,770 unchanged)" in out
    assert "air_attacks: 3,771 rows" in out and "personnel_losses: 1,627 rows" in out
    meta = json.loads((raw / LOG / "2026-06-08" / "export.json").read_text())
    assert meta["covers"] == {"first": "2022-09-28", "last": "2026-06-08"}
    assert meta["files"][CSVS[0]]["url"] == upstream.url + KAGGLE_PATH
    assert meta["licence"]["name"] == "CC-BY-NC-SA-4.0"
    package = json.loads((root / "data" / "datapackage.json").read_text())
    coverage = {r["name"]: r.get("uawar:coverage", {}).get("last") for r in package["resources"]}
    assert (coverage["air_attacks"], coverage["personnel_losses"]) == ("2026-06-08", "2026-08-09")
    # The site's report now compares the two newest exports: the one new row.
    assert "rendered 1" in out or "1 rendered" in out, out
    assert page.read_bytes() != before
    text = page.read_text()
    assert f"{LOG}/2026-06-07 (raw export" in text and f"{LOG}/2026-06-08 (raw export" in text

    # Nothing new upstream: said, and nothing changes.
    kept = snapshot(root)
    again = uawar(root, upstream, "data", "update")
    assert again.returncode == 0, again.stderr
    assert "nothing new" in again.stdout
    assert snapshot(root) == kept


@pytest.mark.slow
@pytest.mark.parametrize(
    "fault, message",
    [
        ("truncated", "russia_losses_personnel.json"),
        ("not json", "not valid JSON"),
        ("equipment not json", "russia_losses_equipment.json"),
        ("not csv", "missile_attacks_daily.csv"),
        ("older", "expected a newer export"),
    ],
)
def test_a_bad_download_changes_nothing(upstream, root, raw_dir, tmp_path, fault, message):
    folder = newer(raw_dir, tmp_path)
    if fault == "older":  # the earlier export of the attack log, served as if new
        for name in CSVS:
            shutil.copyfile(config.RAW_DIR / LOG / "2026-02-08" / name, folder / name)
    serve(upstream, folder)
    if fault == "truncated":
        upstream.broken[GITHUB_PREFIX + JSONS[0]] = "truncated"
    elif fault == "not json":
        upstream.files[GITHUB_PREFIX + JSONS[0]] = b"<html>rate limited</html>\n"
    elif fault == "equipment not json":  # a file the build does not read is checked all the same
        upstream.files[GITHUB_PREFIX + JSONS[1]] = b'[{"date": "2026-08-09", "tank": 1\n'
    elif fault == "not csv":
        upstream.files[KAGGLE_PATH] = zipped_with(tmp_path, folder, {CSVS[0]: b"<html>\n<body>Sign in</body>\n"})
    kept = snapshot(root)
    done = uawar(root, upstream, "data", "update", "--no-render")
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(root) == kept


def zipped_with(tmp_path: Path, folder: Path, replaced: dict[str, bytes]) -> bytes:
    other = tmp_path / "replaced"
    shutil.copytree(folder, other)
    for name, body in replaced.items():
        (other / name).write_bytes(body)
    return zipped(other)


@pytest.mark.slow
def test_add_takes_a_folder_of_either_dataset(upstream, root, raw_dir, tmp_path):
    folder = newer(raw_dir, tmp_path)
    losses_only = tmp_path / "losses"
    losses_only.mkdir()
    for name in JSONS:
        shutil.copyfile(folder / name, losses_only / name)
    done = uawar(root, upstream, "data", "add", str(losses_only))
    assert done.returncode == 0, done.stderr
    assert f"added {root / 'data' / 'raw' / LOSSES / '2026-08-09'}" in done.stdout
    assert "no report of the catalogue" in done.stdout  # no site to bring up to date
    assert [p.name for p in sorted((root / "data" / "raw" / LOG).iterdir()) if p.is_dir()] == [
        "2026-02-08",
        "2026-06-07",
    ]
    # The same files again: nothing new. Part of a dataset: named, nothing written.
    assert "nothing new" in uawar(root, upstream, "data", "add", str(losses_only)).stdout
    (losses_only / JSONS[1]).unlink()
    kept = snapshot(root)
    part = uawar(root, upstream, "data", "add", str(losses_only))
    assert part.returncode == 2 and f"only in part: {JSONS[1]} missing" in part.stderr
    assert snapshot(root) == kept
