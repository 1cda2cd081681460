"""The data build: reproducible tables, the known night, every bad input refused with nothing written."""

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from uawar import cli, config, data, exports, ingest, taxonomy

RAW_LOG = "missile_attacks_daily.csv"


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A copy of the repository's data/ (committed tables and claims) to build into."""
    dest = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, dest, ignore=shutil.ignore_patterns("raw"))
    return dest


@pytest.mark.slow
def test_rebuild_reproduces_committed_files_byte_for_byte(data_dir):
    """`uawar data build` reads the newest export of each dataset in data/raw: the committed tables and
    data package are what it writes, to the byte."""
    before = _hashes(data_dir)
    ingest.build(exports.newest_files(), data_dir)
    assert _hashes(data_dir) == before
    committed = _hashes(config.DATA_DIR / "processed")
    assert {
        k.removeprefix("processed/"): v for k, v in _hashes(data_dir).items() if k.startswith("processed/")
    } == committed


def test_datapackage_records_raw_and_table_checksums(raw_dir):
    package = json.loads(config.DATAPACKAGE.read_text())
    raw = {r["path"]: r["hash"] for r in package["uawar:raw_inputs"]}
    for name in (RAW_LOG, "missiles_and_uavs.csv", "russia_losses_personnel.json"):
        assert raw[name] == "sha256:" + hashlib.sha256((raw_dir / name).read_bytes()).hexdigest()
    for res in package["resources"]:
        data = (config.DATA_DIR / res["path"]).read_bytes()
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), res["path"]
        header = next(csv.reader(data.decode().splitlines()))
        assert header == [f["name"] for f in res["schema"]["fields"]], res["path"]
    air = next(r for r in package["resources"] if r["name"] == "air_attacks")
    assert air["licenses"][0]["name"] == "CC-BY-NC-SA-4.0"
    assert "Ivaniuk" in air["sources"][0]["citation"]


def test_night_to_2025_06_12_as_in_the_source(raw_dir):
    # Read the raw export directly, not through uawar: the Shahed row ending 2025-06-12 09:00.
    with open(raw_dir / RAW_LOG, newline="") as f:
        raw = [r for r in csv.DictReader(f) if r["time_end"] == "2025-06-12 09:00"]
    assert [(r["model"], r["launched"], r["destroyed"], r["not_reach_goal"]) for r in raw] == [
        ("Shahed-136/131", "63.0", "28.0", "21.0")
    ]
    table = pd.read_csv(config.PROCESSED_DIR / "air_attacks.csv", dtype=str, keep_default_na=False)
    row = table[(table.report_date == "2025-06-12") & (table.model == "Shahed-136/131")]
    assert row[["launched", "destroyed", "suppressed", "weapon_class", "reporting_unit"]].values.tolist() == [
        ["63", "28", "21", "shahed_drone", "air_force"]
    ]


def test_blank_suppression_stays_blank_and_every_model_has_a_class(raw_dir):
    table = pd.read_csv(config.PROCESSED_DIR / "air_attacks.csv", dtype=str, keep_default_na=False)
    with open(raw_dir / RAW_LOG, newline="") as f:
        blanks = sum(1 for r in csv.DictReader(f) if r["not_reach_goal"] == "")
    assert (table.suppressed == "").sum() == blanks > 0
    assert (table.weapon_class != "").all()
    assert set(table.weapon_class) <= set(taxonomy.WEAPON_CLASSES)


@pytest.mark.parametrize(
    "model, expected",
    [
        ("Shahed-136/131", "shahed_drone"),
        ("Lancet", "strike_drone"),
        ("Orlan-10 and ZALA", "recon_drone"),
        ("Shahed-136/131 and Lancet", "mixed_drones"),
        ("X-101/X-555 and Kalibr", "cruise_missile"),
        ("X-47 Kinzhal and Iskander-M/KN-23", "ballistic_missile"),  # the catalogue says cruise
        ("C-300 and Iskander-M", "mixed_missiles"),
        ("Привет-82", "strike_drone"),  # a rule: not in the catalogue
        ("Orion", "armed_drone"),  # the catalogue: UAV, "reconnaissance and armed"
        ("Mohajer-6", "armed_drone"),  # the catalogue: UAV, "multirole ISTAR"
        ("X-31P", "anti_radiation_missile"),  # the catalogue: cruise missile, "anti-radiation"
        ("Unknown Missile", "unknown_missile"),
        ("Aerial Bomb", "aerial_bomb"),
        ("Intercontinental ballistic missile", "ballistic_missile"),  # the catalogue spells it with capitals
        ("X-22 and X-31P", "mixed_missiles"),
        ("Shahed-136/131 and Kalibr", "unknown"),  # drones and missiles in one row: no group
    ],
)
def test_weapon_classes(raw_dir, model, expected):
    catalogue = ingest.load_catalogue(raw_dir / "missiles_and_uavs.csv")
    c = taxonomy.classify(model, catalogue)
    assert c.weapon_class == expected and c.reason


def test_every_model_of_the_export_has_a_class_and_a_reason(raw_dir):
    catalogue = ingest.load_catalogue(raw_dir / "missiles_and_uavs.csv")
    with open(raw_dir / RAW_LOG, newline="", encoding="utf-8") as f:
        models = {r["model"].strip() for r in csv.DictReader(f)}
    classes = {m: taxonomy.classify(m, catalogue) for m in models}
    assert [m for m, c in classes.items() if c.weapon_class == "unknown"] == []
    assert all(c.reason for c in classes.values())
    for cls in {c.weapon_class for c in classes.values()} - {"guided_bomb", "aerial_bomb"}:
        assert taxonomy.group_of(cls) in ("drones", "missiles"), cls


def test_the_published_table_of_weapon_classes_is_current():
    text = ingest.weapon_classes_markdown(data.load_datapackage(), data.load_air_attacks())
    assert config.WEAPON_CLASSES_MD.read_text(encoding="utf-8") == text, "run `make data` (uawar data classes)"
    # rows worked out from the raw log: X-31P 50 rows, 92 launched; Unknown Missile 26 rows, 90 launched
    assert "| X-31P | `anti_radiation_missile` | missiles | 50 | 92 |" in text
    assert "| Unknown Missile | `unknown_missile` | missiles | 26 | 90 |" in text


@pytest.mark.parametrize(
    "source, unit",
    [
        ("kpszsu/posts/pfbid0", "air_force"),
        ("https://t.me/kpszsu/44624", "air_force"),
        ("PvKPivden/posts/x", "air_command_south"),
        ("pvkshid/posts/x", "air_command_east"),
        ("GeneralStaff.ua/posts/x", "general_staff"),
        ("watch/?v=1", "other"),
    ],
)
def test_reporting_unit(source, unit):
    assert taxonomy.reporting_unit(source) == unit


@pytest.mark.slow
def test_implausible_rows_are_kept_and_flagged(raw_copy, data_dir):
    summary = ingest.build(raw_copy, data_dir)
    table = pd.read_csv(data_dir / "processed" / "air_attacks.csv", dtype=str, keep_default_na=False)
    with open(raw_copy / RAW_LOG, newline="") as f:
        raw = list(csv.DictReader(f))
    assert len(table) == len(raw)  # nothing dropped
    more = [r for r in raw if r["launched"] and r["destroyed"] and float(r["destroyed"]) > float(r["launched"])]
    # The current export corrected the one such row of the 2026-02-08 export (a 3M22 Zircon row).
    assert len(more) == summary.flags.get("destroyed_gt_launched", 0) == 0
    assert table.quality_flags.str.contains("destroyed_gt_launched").sum() == 0
    over = [
        r
        for r in raw
        if r["launched"]
        and r["destroyed"]
        and r["not_reach_goal"]
        and float(r["destroyed"]) + float(r["not_reach_goal"]) > float(r["launched"])
    ]
    assert len(over) == summary.flags["neutralised_gt_launched"] == 1
    assert summary.flags["launched_blank"] == sum(1 for r in raw if r["launched"] == "")


@pytest.mark.slow
def test_older_export_with_other_column_names_builds(raw_copy, data_dir):
    """An older export: border crossings in one column per country, no optional columns."""
    log = pd.read_csv(raw_copy / RAW_LOG, dtype=str, keep_default_na=False)
    old = log[["time_start", "time_end", "model", "launched", "destroyed", "not_reach_goal", "source"]].copy()
    old["border_crossing_russia"] = ""
    old["border_crossing_belarus"] = ""
    old.loc[0, "border_crossing_russia"] = "2.0"
    old.loc[0, "border_crossing_belarus"] = "1.0"
    old.to_csv(raw_copy / RAW_LOG, index=False)
    ingest.build(raw_copy, data_dir)
    table = pd.read_csv(data_dir / "processed" / "air_attacks.csv", dtype=str, keep_default_na=False)
    assert len(table) == len(log)
    assert (table.crossed_border == "3").sum() == 1
    assert (table.real_shaheds == "").all()

    minimal = log[["time_start", "time_end", "model", "launched", "destroyed"]]
    minimal.to_csv(raw_copy / RAW_LOG, index=False)
    ingest.build(raw_copy, data_dir)
    table = pd.read_csv(data_dir / "processed" / "air_attacks.csv", dtype=str, keep_default_na=False)
    assert (table.reporting_unit == "other").all() and (table.suppressed == "").all()


@pytest.mark.slow
def test_a_quoted_line_break_is_part_of_its_field(raw_copy, data_dir):
    log = pd.read_csv(raw_copy / RAW_LOG, dtype=str, keep_default_na=False)
    log.loc[2, "launch_place"] = "Caspian Sea\nand Black Sea"  # written quoted, across two file lines
    log.to_csv(raw_copy / RAW_LOG, index=False)
    ingest.build(raw_copy, data_dir)
    table = pd.read_csv(data_dir / "processed" / "air_attacks.csv", dtype=str, keep_default_na=False)
    assert len(table) == len(log)


# --- bad input: each gets its error, exit code 2, and data/ stays exactly as it was -------------


def _break_log(raw: Path, edit) -> None:
    lines = (raw / RAW_LOG).read_text(encoding="utf-8").splitlines(keepends=True)
    (raw / RAW_LOG).write_text(edit(lines), encoding="utf-8")


def _set_field(line: str, column: int, value: str) -> str:
    row = next(csv.reader([line]))
    row[column] = value
    out = []
    csv.writer(_Sink(out), lineterminator="\n").writerow(row)
    return out[0]


class _Sink:
    def __init__(self, out):
        self.out = out

    def write(self, s):
        self.out.append(s)


def _drop_column(lines, name):
    frame = pd.read_csv(pd.io.common.StringIO("".join(lines)), dtype=str, keep_default_na=False)
    return frame.drop(columns=[name]).to_csv(index=False)


BAD_LOGS = {
    # case: (edit of the raw lines, column named, file line named)
    "missing core column": (lambda ls: _drop_column(ls, "destroyed"), "destroyed", None),
    "negative count": (lambda ls: "".join(ls[:5] + [_set_field(ls[5], 6, "-3")] + ls[6:]), "launched", 6),
    "fractional count": (lambda ls: "".join(ls[:9] + [_set_field(ls[9], 7, "2.5")] + ls[10:]), "destroyed", 10),
    "text in a count": (lambda ls: "".join(ls[:3] + [_set_field(ls[3], 6, "many")] + ls[4:]), "launched", 4),
    "unparseable date": (
        lambda ls: "".join(ls[:7] + [_set_field(ls[7], 1, "2025-13-45 07:00")] + ls[8:]),
        "time_end",
        8,
    ),
    "empty file": (lambda ls: "", None, None),
    "truncated file": (lambda ls: "".join(ls)[: len("".join(ls)) // 2], None, None),
}


@pytest.mark.parametrize("case", sorted(BAD_LOGS))
def test_bad_attack_log_is_refused_and_nothing_written(case, raw_copy, data_dir, capsys):
    edit, column, line = BAD_LOGS[case]
    _break_log(raw_copy, edit)
    before = _hashes(data_dir)
    code = cli.main(["data", "build", "--raw", str(raw_copy), "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert code == 2
    assert str(raw_copy / RAW_LOG) in err
    if column:
        assert f"column '{column}'" in err
    if line:
        assert f"rows (file lines): {line}" in err
    assert _hashes(data_dir) == before  # nothing written, no temporary files left


def test_truncated_file_error_says_so(raw_copy, data_dir, capsys):
    _break_log(raw_copy, BAD_LOGS["truncated file"][0])
    cli.main(["data", "build", "--raw", str(raw_copy), "--data-dir", str(data_dir)])
    assert "truncated" in capsys.readouterr().err


def _edit_personnel(raw: Path, edit) -> None:
    path = raw / "russia_losses_personnel.json"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")


def _backwards(text: str) -> str:
    records = json.loads(text)
    records[100]["personnel"] = records[99]["personnel"] - 10  # record 101 goes backwards
    return json.dumps(records)


def _dates_backwards(text: str) -> str:
    records = json.loads(text)
    records[200]["date"] = records[150]["date"]
    return json.dumps(records)


@pytest.mark.parametrize(
    "edit, column, record",
    [
        (_backwards, "personnel", 101),
        (_dates_backwards, "date", 201),
        (lambda t: t[: len(t) // 3], None, None),
        (lambda t: "", None, None),
    ],
)
def test_bad_loss_series_is_refused_and_nothing_written(edit, column, record, raw_copy, data_dir, capsys):
    _edit_personnel(raw_copy, edit)
    before = _hashes(data_dir)
    code = cli.main(["data", "build", "--raw", str(raw_copy), "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert code == 2
    assert "russia_losses_personnel.json" in err
    if column:
        assert f"column '{column}'" in err and f"rows (file lines): {record}" in err
    assert _hashes(data_dir) == before


def test_missing_raw_file_names_it(tmp_path, data_dir, capsys):
    code = cli.main(["data", "build", "--raw", str(tmp_path / "nowhere"), "--data-dir", str(data_dir)])
    assert code == 2
    err = capsys.readouterr().err
    assert "nowhere" in err and "folder of raw files not found" in err
