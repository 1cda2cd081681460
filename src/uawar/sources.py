"""The upstream datasets: who made them, where they live, under which licence; `fetch_all`."""

from __future__ import annotations

import datetime
import json
import logging
import os
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pooch
import requests

from uawar.files import NotAnInput, atomic_write, read_input, sha256, temp_folder
from uawar.i18n import N_


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    producer: str
    homepage: str
    licence: str
    licence_title: str
    licence_url: str
    citation: str
    files: tuple[str, ...]


ATTACK_LOG = Dataset(
    name="massive-missile-attacks-on-ukraine",
    title="Massive Missile Attacks on Ukraine",
    producer=N_(
        "Petro Ivaniuk, compiled from the posts of the Air Force of the Armed Forces of Ukraine "
        "and its regional air commands"
    ),
    homepage="https://www.kaggle.com/datasets/piterfm/massive-missile-attacks-on-ukraine",
    licence="CC-BY-NC-SA-4.0",
    licence_title="Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International",
    licence_url="https://creativecommons.org/licenses/by-nc-sa/4.0/",
    citation=(
        "Petro Ivaniuk, Massive Missile Attacks on Ukraine (Kaggle dataset "
        "piterfm/massive-missile-attacks-on-ukraine), CC BY-NC-SA 4.0"
    ),
    files=("missile_attacks_daily.csv", "missiles_and_uavs.csv"),
)

LOSS_SERIES = Dataset(
    name="2022-ukraine-russia-war-dataset",
    title="2022 Ukraine Russia War Dataset",
    producer=N_(
        "Petro Ivaniuk, from the daily reports of the General Staff of the Armed Forces of Ukraine "
        "and the Ministry of Defence of Ukraine"
    ),
    homepage="https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset",
    licence="MIT",
    licence_title="MIT License",
    licence_url="https://opensource.org/licenses/MIT",
    citation=(
        "Petro Ivaniuk, 2022 Ukraine Russia War Dataset "
        "(github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset), MIT licence"
    ),
    files=("russia_losses_personnel.json", "russia_losses_equipment.json"),
)

DATASETS = (ATTACK_LOG, LOSS_SERIES)

# --- fetch -----------------------------------------------------------------------------------

GITHUB_RAW_BASE = "https://raw.githubusercontent.com"
GITHUB_DATA_PATH = "PetroIvaniuk/2022-Ukraine-Russia-War-Dataset/main/data"
KAGGLE_API_BASE = "https://www.kaggle.com/api/v1"
KAGGLE_DATASET = "piterfm/massive-missile-attacks-on-ukraine"
KAGGLE_TOKEN_PAGE = "https://www.kaggle.com/settings (API, Create New Token)"
EXIT_FETCH_FAILED = 3


class FetchError(Exception):
    """A download that did not happen; the message says why and what to do instead."""


def github_url(name: str) -> str:
    base = os.environ.get("UAWAR_GITHUB_RAW_BASE", GITHUB_RAW_BASE).rstrip("/")
    return f"{base}/{GITHUB_DATA_PATH}/{name}"


def kaggle_url() -> str:
    base = os.environ.get("UAWAR_KAGGLE_API_BASE", KAGGLE_API_BASE).rstrip("/")
    return f"{base}/datasets/download/{KAGGLE_DATASET}"


def kaggle_token(kaggle_json: Path | str | None = None) -> tuple[str, str] | None:
    """(username, key) from `kaggle_json`, else KAGGLE_USERNAME/KAGGLE_KEY, else
    $KAGGLE_CONFIG_DIR/kaggle.json or ~/.kaggle/kaggle.json; None when there is none."""
    if kaggle_json is None:
        if os.environ.get("KAGGLE_USERNAME") and os.environ.get("KAGGLE_KEY"):
            return os.environ["KAGGLE_USERNAME"], os.environ["KAGGLE_KEY"]
        folder = os.environ.get("KAGGLE_CONFIG_DIR") or Path.home() / ".kaggle"
        kaggle_json = Path(folder) / "kaggle.json"
        if not kaggle_json.is_file():
            return None
    path = Path(kaggle_json)
    try:
        token = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FetchError(f"Kaggle token file not found: {path}") from None
    except (OSError, ValueError) as err:
        raise FetchError(f"cannot read the Kaggle token file {path}: {err}") from None
    if not isinstance(token, dict) or not all(isinstance(token.get(k), str) and token[k] for k in ("username", "key")):
        raise FetchError(f'the Kaggle token file {path} must hold {{"username": "...", "key": "..."}}')
    return token["username"], token["key"]


def origin(ds: Dataset, url: str, path: Path, member: str | None = None) -> dict:
    """What `export.json` records about a downloaded file; keys in a fixed order."""
    record = {
        "file": path.name,
        "sha256": sha256(path),
        "bytes": path.stat().st_size,
        "dataset": ds.title,
        "url": url,
        "archive_member": member,
        "accessed": datetime.date.today().isoformat(),
        "licence": ds.licence,
        "citation": ds.citation,
    }
    return {k: v for k, v in record.items() if v is not None}


def _why(err: Exception, url: str, authenticated: bool) -> str:

    if isinstance(err, requests.HTTPError) and err.response is not None:
        status = err.response.status_code
        reason = f"HTTP {status} {err.response.reason or ''}".strip()
        if status in (401, 403) and authenticated:
            return (
                f"Kaggle refused the token ({reason}): check the username and key, or create a new "
                f"token at {KAGGLE_TOKEN_PAGE}"
            )
        if status == 404:
            return f"not found at {url} ({reason}): the upstream file may have moved"
        return f"the server answered {reason} for {url}"
    if isinstance(err, requests.ConnectionError):
        return f"cannot connect to {url} (no network, or the server is down)"
    if isinstance(err, requests.Timeout):
        return f"timed out downloading {url}"
    if isinstance(err, zipfile.BadZipFile):
        return f"what {url} returned is not a zip archive ({err})"
    return f"downloading {url} failed: {err}"


def _download(url: str, staging: Path, auth: tuple[str, str] | None = None, unzip: tuple[str, ...] = ()) -> list[Path]:
    """Download url into staging (unzipping the named members); the paths of the files."""
    downloader = pooch.HTTPDownloader(progressbar=sys.stderr.isatty(), auth=auth)
    name = "download.zip" if unzip else url.rsplit("/", 1)[-1]
    processor = pooch.Unzip(members=list(unzip), extract_dir="unzipped") if unzip else None
    try:
        pooch.retrieve(url, known_hash=None, fname=name, path=staging, downloader=downloader, processor=processor)
    except (requests.RequestException, zipfile.BadZipFile) as err:
        raise FetchError(_why(err, url, auth is not None)) from None
    if not unzip:
        return [staging / name]
    paths = [staging / "unzipped" / m for m in unzip]
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        with zipfile.ZipFile(staging / name) as z:
            found = z.namelist()
        raise FetchError(f"the archive from {url} lacks {', '.join(missing)} (it holds {found})")
    return paths


def _by_hand(ds: Dataset, name: str, raw_dir: Path) -> str:
    where = github_url(name) if ds is LOSS_SERIES else f"{ds.homepage} (Download, then take {name} out of the zip)"
    return f"  get {name} by hand from {where}\n    and save it as {(raw_dir / name).resolve()}"


def fetch_all(raw_dir: Path, kaggle_json: Path | str | None = None) -> int:
    """Download fresh raw files into raw_dir, with their provenance in `export.json`; the exit
    code: 0 when every file came, EXIT_FETCH_FAILED (3) when any did not (the others are kept).

    - russia_losses_personnel.json, russia_losses_equipment.json: from the dataset's GitHub
      repository, `$UAWAR_GITHUB_RAW_BASE/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset/main/data/<file>`
      (default base https://raw.githubusercontent.com).
    - missile_attacks_daily.csv, missiles_and_uavs.csv: from the zip that the Kaggle API serves at
      `$UAWAR_KAGGLE_API_BASE/datasets/download/piterfm/massive-missile-attacks-on-ukraine`
      (default base https://www.kaggle.com/api/v1), with HTTP basic auth from the Kaggle token:
      the `kaggle_json` file, else env KAGGLE_USERNAME/KAGGLE_KEY, else
      $KAGGLE_CONFIG_DIR/kaggle.json or ~/.kaggle/kaggle.json.

    Each download goes to a temporary folder and is written into raw_dir atomically once whole,
    so a failure leaves the previous file (or none), never a partial one. Whatever fails is listed with
    the URL to get it from by hand and the path to save it at.
    """
    raw_dir = Path(raw_dir)
    try:
        raw_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(f"error: cannot create the folder {raw_dir} for the downloads: {err}", file=sys.stderr)
        return EXIT_FETCH_FAILED

    logger = pooch.get_logger()
    level = logger.level
    logger.setLevel(logging.WARNING)  # pooch logs every hash at INFO; we print our own summary
    failures: list[str] = []  # one entry per source, naming its files
    try:
        for name in LOSS_SERIES.files:
            url = github_url(name)
            try:
                _fetch(LOSS_SERIES, url, raw_dir)
            except FetchError as err:
                failures.append(f"{name}: {err}\n{_by_hand(LOSS_SERIES, name, raw_dir)}")
        try:
            token = kaggle_token(kaggle_json)
            if token is None:
                raise FetchError(
                    'no Kaggle API token: put {"username": ..., "key": ...} in ~/.kaggle/kaggle.json, '
                    f"set KAGGLE_USERNAME and KAGGLE_KEY, or pass --kaggle-json FILE (create one at "
                    f"{KAGGLE_TOKEN_PAGE})"
                )
            _fetch(ATTACK_LOG, kaggle_url(), raw_dir, auth=token, archive=True)
        except FetchError as err:
            failures.append(
                f"{' and '.join(ATTACK_LOG.files)}: {err}\n"
                + "\n".join(_by_hand(ATTACK_LOG, name, raw_dir) for name in ATTACK_LOG.files)
            )
    finally:
        logger.setLevel(level)
    if not failures:
        return 0
    print("error: could not fetch every raw file:", file=sys.stderr)
    for failure in failures:
        print(f"- {failure}", file=sys.stderr)
    return EXIT_FETCH_FAILED


def _fetch(ds: Dataset, url: str, raw_dir: Path, auth: tuple[str, str] | None = None, archive: bool = False) -> None:
    """Download one source (a file, or a zip of ds.files) and write its files into raw_dir, each
    with its origin record, atomically."""
    try:
        with temp_folder("fetch") as staging:
            paths = _download(url, Path(staging), auth=auth, unzip=ds.files if archive else ())
            records = {p.name: origin(ds, url, p, member=p.name if archive else None) for p in paths}
            side = raw_dir / EXPORT_JSON
            recorded = json.loads(side.read_text(encoding="utf-8")) if side.is_file() else {}
            recorded.setdefault("files", {}).update(records)
            text = json.dumps(recorded, indent=2, ensure_ascii=False) + "\n"
            atomic_write({**{raw_dir / p.name: p.read_bytes() for p in paths}, side: text})
            for name, record in records.items():
                print(f"fetched {raw_dir / name} ({record['bytes']:,} bytes, sha256 {record['sha256'][:12]}...)")
    except ValueError as err:  # an export.json there that is not ours
        raise FetchError(f"cannot read {raw_dir / EXPORT_JSON}: {err}") from None
    except OSError as err:  # disk full, no permission: the network errors became FetchError already
        raise FetchError(f"cannot write the download in {raw_dir}: {err}") from None


# --- provenance ------------------------------------------------------------------------------

EXPORT_JSON = "export.json"  # beside the files of an export: their provenance (uawar.exports writes it)
PUBLISHED_KEYS = ("where", "commit", "date", "url", "accessed", "note")
ORIGIN_KEYS = ("file", "sha256", "dataset", "export", *PUBLISHED_KEYS)


def provenance(path: Path, digest: str | None = None) -> dict:
    """Where a raw file came from: its entry in the `export.json` beside it when that records the file's
    sha256 (a record of other bytes is not believed), else only the file and its sha256. `export` names
    the repository's export it belongs to (`<dataset>/<export>`). `digest`: the file's sha256, when its
    caller has read the file already."""
    path = Path(path)
    digest = digest or sha256(path)
    try:
        files = json.loads(read_input(path.parent / EXPORT_JSON)).get("files")
    except (OSError, ValueError, AttributeError, NotAnInput):
        files = None
    entry = files.get(path.name) if isinstance(files, dict) else None
    record = dict(entry) if isinstance(entry, dict) and entry.get("sha256") == digest else {}
    if path.parent.parent.name in {ds.name for ds in DATASETS}:
        record["export"] = f"{path.parent.parent.name}/{path.parent.name}"
    record.update({"file": path.name, "sha256": digest})
    return {k: str(record[k]) for k in ORIGIN_KEYS if record.get(k) not in (None, "")}


def describe_origin(path: Path, digest: str | None = None) -> str:
    """Where a raw file was published, in words; '' when unknown (`digest`: as for `provenance`)."""
    return describe_record(provenance(path, digest))


def describe_record(record: dict) -> str:
    """'github.com/..., commit 6596cdb, 2026-06-13' or 'downloaded from URL on DATE'; '' when unknown."""
    if "where" in record:
        parts = [record["where"]]
        if "commit" in record:
            parts.append(f"commit {record['commit'][:7]}")
        if "date" in record:
            parts.append(record["date"])
        return ", ".join(parts)
    if "url" in record:
        return f"downloaded from {record['url']}" + (f" on {record['accessed']}" if "accessed" in record else "")
    return ""
