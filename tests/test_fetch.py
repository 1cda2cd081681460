"""`uawar data fetch` against a real HTTP server on loopback that plays GitHub and the Kaggle API."""

import datetime
import hashlib
import json
from pathlib import Path

import pytest
from conftest import CSVS, GITHUB_PREFIX, JSONS, KAGGLE_PATH, KEY, USER, zipped

from uawar import sources
from uawar.cli import main


def fetch(raw: Path, *extra: str) -> int:
    return main(["data", "fetch", "--raw", str(raw), *extra])


def leftovers(raw: Path) -> list[str]:
    """Anything in raw that is not a finished file or the record of their origins."""
    allowed = {*JSONS, *CSVS, "export.json"}
    return sorted(p.name for p in raw.iterdir() if p.name not in allowed)


def records(raw: Path) -> dict:
    """Each fetched file's origin, as export.json records it."""
    path = raw / "export.json"
    return json.loads(path.read_text())["files"] if path.is_file() else {}


def test_full_fetch_gives_the_upstream_bytes_and_their_origin(upstream, token, tmp_path, raw_dir, capsys):
    raw = tmp_path / "raw"
    assert fetch(raw, "--kaggle-json", str(token)) == 0
    for name in (*JSONS, *CSVS):
        expected = (raw_dir / name).read_bytes()
        got = (raw / name).read_bytes()
        assert hashlib.sha256(got).hexdigest() == hashlib.sha256(expected).hexdigest(), name
        record = records(raw)[name]
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
    assert records(raw)["missile_attacks_daily.csv"]["sha256"] == (
        "7d594ff66c8cbaf3801d57f42b9f175a70178d890cf369364b2db467b16f01cd"
    )
    assert leftovers(raw) == []
    assert "fetched" in capsys.readouterr().out

    # A second fetch writes the same origin records byte for byte (fixed key order).
    before = (raw / "export.json").read_bytes()
    assert fetch(raw, "--kaggle-json", str(token)) == 0
    assert before == (raw / "export.json").read_bytes()


@pytest.mark.slow
def test_fetched_files_build_like_the_repositorys_copies(upstream, token, tmp_path, raw_dir):
    raw = tmp_path / "raw"
    assert fetch(raw, "--kaggle-json", str(token)) == 0
    fetched, shared = tmp_path / "from_fetch", tmp_path / "from_repository"
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
    assert records(raw)[CSVS[0]]["url"] == upstream.url + KAGGLE_PATH


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
        assert (raw / name).is_file() and name in records(raw)
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
    assert not (raw / JSONS[1]).exists() and JSONS[1] not in records(raw)
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
