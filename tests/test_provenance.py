"""The data package records where each table's raw files were published and the dates each table covers."""

import hashlib
import json
import shutil

import pytest

from uawar import config, exports, ingest, sources

# From the SOURCES.md that came with the exports, by hand.
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


def test_a_file_is_believed_only_with_its_own_sha256(raw_copy):
    log = raw_copy / "missile_attacks_daily.csv"
    record = {"file": log.name, "url": "https://example.org/x.zip", "accessed": "2026-11-20", "sha256": LOG_SHA}
    (raw_copy / "export.json").write_text(json.dumps({"files": {log.name: record}}))
    got = sources.provenance(log)
    assert (got["url"], got["accessed"]) == (record["url"], "2026-11-20") and "export" not in got
    assert sources.describe_origin(log) == "downloaded from https://example.org/x.zip on 2026-11-20"
    # A record of another download (another sha256) is not believed: only the file and its hash are known.
    record["sha256"] = "0" * 64
    (raw_copy / "export.json").write_text(json.dumps({"files": {log.name: record}}))
    assert sources.provenance(log) == {"file": log.name, "sha256": LOG_SHA}


def test_the_repository_carries_each_export_with_its_licence():
    """data/raw/<dataset>/<export>/: the files as published, their sha256 in export.json, the licence named
    where the files live (the attack log's CC BY-NC-SA terms), and nothing read from outside the repository."""
    for ds, names in ((sources.ATTACK_LOG, ["2026-02-08", "2026-06-07"]), (sources.LOSS_SERIES, ["2026-08-08"])):
        found = exports.exports(ds)
        assert [e.name for e in found] == names
        for export in found:
            meta = json.loads(export.file("export.json").read_text())
            assert meta["licence"]["path"] == ds.licence_url and meta["covers"]["last"] == export.name
            for name in ds.files:
                assert meta["files"][name]["sha256"] == hashlib.sha256(export.file(name).read_bytes()).hexdigest()
    licence = (config.RAW_DIR / sources.ATTACK_LOG.name / "LICENSE.md").read_text()
    assert "Attribution-NonCommercial-ShareAlike 4.0" in licence and "NonCommercial" in licence
    assert "Copyright (c) 2022 Petro Ivaniuk" in (config.RAW_DIR / sources.LOSS_SERIES.name / "LICENSE.md").read_text()
    assert hashlib.sha256(exports.newest_files()["missile_attacks_daily.csv"].read_bytes()).hexdigest() == LOG_SHA


def test_no_code_reads_outside_the_repository():
    """No source, notebook or test names the team folder beside the repository: a clone anywhere works."""
    root = config.PROJ_ROOT
    hits = [
        p.relative_to(root)
        for folder in ("src", "notebooks", "tests")
        for p in (root / folder).rglob("*")
        if p.is_file() and p.suffix in {".py", ".ipynb", ".yaml", ".j2", ".tpl"} and "../" + "shared" in p.read_text()
    ]
    assert hits == []


@pytest.mark.slow
def test_the_build_without_provenance_records_only_hashes(raw_dir, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, data_dir, ignore=shutil.ignore_patterns("raw"))
    ingest.build(raw_dir, data_dir)
    package = json.loads((data_dir / "datapackage.json").read_text())
    air = next(r for r in package["resources"] if r["name"] == "air_attacks")
    assert air["uawar:origin"][0] == {"file": "missile_attacks_daily.csv", "sha256": LOG_SHA}
