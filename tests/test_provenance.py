"""The data package records where each table's raw files were published and the dates each table covers."""

import json
import shutil

from uawar import config, ingest, sources

# From ../shared/data/raw/SOURCES.md, by hand.
LOG_SHA = "7d594ff66c8cbaf3801d57f42b9f175a70178d890cf369364b2db467b16f01cd"
LOG_COMMIT = "6596cdb128ab5d2a3f4aef7890b1ccfa18a0b1dd"
LOSSES_COMMIT = "37655f8bbdd6806d2f94416253116b02a750c97b"


def _resources() -> dict:
    return {r["name"]: r for r in json.loads(config.DATAPACKAGE.read_text())["resources"]}


def test_each_table_names_its_export_and_reach():
    res = _resources()
    log = res["air_attacks"]["uawar:origin"][0]
    assert (log["file"], log["sha256"], log["commit"], log["date"]) == (
        "missile_attacks_daily.csv",
        LOG_SHA,
        LOG_COMMIT,
        "2026-06-13",
    )
    assert "vovaara-droid/graphrag-learning" in log["where"]
    # The last row of the export (its first line) is the report ending 2026-06-07 08:30.
    assert res["air_attacks"]["uawar:coverage"] == {
        "column": "report_date",
        "first": "2022-09-28",
        "last": "2026-06-07",
    }
    losses = res["personnel_losses"]["uawar:origin"][0]
    assert (losses["commit"], losses["date"]) == (LOSSES_COMMIT, "2026-08-08")
    assert res["personnel_losses"]["uawar:coverage"]["last"] == "2026-08-08"


def test_a_fetched_file_carries_its_own_origin(raw_copy, tmp_path):
    log = raw_copy / "missile_attacks_daily.csv"
    record = {"file": log.name, "url": "https://example.org/x.zip", "accessed": "2026-11-20", "sha256": LOG_SHA}
    (raw_copy / f"{log.name}.origin.json").write_text(json.dumps(record))
    got = sources.provenance(log, config.SOURCES_YAML)
    assert (got["url"], got["accessed"], got["recorded_in"]) == (record["url"], "2026-11-20", f"{log.name}.origin.json")
    assert sources.describe_origin(log) == "downloaded from https://example.org/x.zip on 2026-11-20"
    # An origin record of another download (another sha256) is not believed; without a registry only the hash is known.
    record["sha256"] = "0" * 64
    (raw_copy / f"{log.name}.origin.json").write_text(json.dumps(record))
    assert sources.provenance(log, tmp_path / "none.yaml") == {"file": log.name, "sha256": LOG_SHA}


def test_the_build_reads_the_registry_beside_its_data(shared_raw, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, data_dir, ignore=shutil.ignore_patterns("raw", "sources.yaml"))
    ingest.build(shared_raw, data_dir)
    package = json.loads((data_dir / "datapackage.json").read_text())
    air = next(r for r in package["resources"] if r["name"] == "air_attacks")
    assert air["uawar:origin"][0] == {"file": "missile_attacks_daily.csv", "sha256": LOG_SHA}
